"""A time of day gets the offset of the place it was written in (issue 10): the place named on its line,
else for a dispatch line or a dateline the place the version was sent from; other places' zones are
declared in a 'date-zone' taxonomy only where used."""
from __future__ import annotations

from pathlib import Path

import cablegram
from cablegram.analysis.inline import sender_zone, zone_named_in

NS = {"t": "http://www.tei-c.org/ns/1.0"}
FIXTURE = Path(__file__).parent / "test_real_layouts" / "timezone_pyongyang.txt"


def _when(root, text):
    (date,) = [d for d in root.iterfind(".//t:text//t:date", NS) if "".join(d.itertext()) == text]
    return date.get("when"), date.get("ana")


def test_a_place_named_on_the_line_decides():
    assert zone_named_in("Received in Moscow 15.3.51 at 04:10")[0] == "+03:00"
    assert zone_named_in("Sent at 21:00 Beijing time")[0] == "+08:00"
    assert zone_named_in("from [BEIJING] received 1500 13 July 1951") is None  # where it came from, not where stamped


def test_the_place_a_version_was_sent_from():
    assert sender_zone(["Ciphered Telegram", "From PYONGYANG"])[0] == "+09:00"
    assert sender_zone(["Pyongyang, No. 4040. 10 hours 10 minutes."])[0] == "+09:00"
    assert sender_zone(["Куда П Е К И Н Кому СОВПОСОЛ"]) is None  # a destination is no sending place


def test_times_of_a_pyongyang_telegram():
    conversion = cablegram.convert(FIXTURE)
    root = conversion.tei.getroot()
    assert _when(root, "14.3.51 22:30") == ("1951-03-14T22:30:00+09:00", "#di-century-from-record #di-zone-pyongyang")
    assert _when(root, "15.3.51 at 04:10")[0].endswith("+03:00")  # 'Received in Moscow'
    assert _when(root, "14 March 1951, 22:45")[0].endswith("+09:00")  # the sender's dateline
    (sent,) = root.iterfind(".//t:correspAction[@type='sent']/t:date", NS)
    assert sent.get("when").endswith("+09:00")
    categories = [c.get("{http://www.w3.org/XML/1998/namespace}id") for c in root.iterfind(".//t:taxonomy[@xml:id='date-zone']/t:category", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})]
    assert categories == ["di-zone-pyongyang"]
