"""A time of day gets the offset of the place it was written in, never a default (issue 10): the place named
on its line; for a dispatch stamp or a dateline the place the version was sent from, else the office that
keeps the copy; for a receipt or processing stamp that office; in running text the sending place. A time no
rule places has no offset and says so (#di-zone-unknown). Other places' zones are declared in a 'date-zone'
taxonomy only where used. Rules: src/cablegram/ingest/data/dates.toml [zones] and [[zone]]."""
from __future__ import annotations

from pathlib import Path

import cablegram
import pytest

from cablegram.analysis.inline import UNKNOWN_ZONE, office_zone, sender_zone, time_zone, zone_named_in
from cablegram.ingest.rules import table

NS = {"t": "http://www.tei-c.org/ns/1.0"}
FIXTURES = Path(__file__).parent / "test_real_layouts"
FIXTURE = FIXTURES / "timezone_pyongyang.txt"
MOSCOW, BEIJING, PYONGYANG = ("+03:00", "#di-zone-moscow"), ("+08:00", "#di-zone-beijing"), ("+09:00", "#di-zone-pyongyang")


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


@pytest.mark.parametrize("line, zone_id", table("dates")["zones"]["examples"])
def test_the_zone_tables_examples(line, zone_id):
    got = zone_named_in(line)
    assert (got[1].lstrip("#") if got else "") == zone_id


def test_a_russian_sending_place_is_read_in_its_case_form():
    assert sender_zone(["Шифртелеграмма", "Из ПЕКИНА"]) == BEIJING
    assert sender_zone(["Из ПХЕНЬЯНА"]) == PYONGYANG
    assert sender_zone(["FROM: PYONGYANG"]) == PYONGYANG


def test_the_office_that_keeps_the_copy_comes_from_the_archive_or_its_own_stamps():
    assert office_zone(["aprf"]) == MOSCOW
    assert office_zone(["prcfma"]) == BEIJING
    assert office_zone(["cwihp"]) is None  # a project, no office
    assert office_zone([], ["Получено 03.15.21.7"]) == MOSCOW  # the Soviet cipher office's Russian stamp
    assert office_zone([], ["Received 03:15 21.7"]) is None


@pytest.mark.parametrize("line, whole_line, sent_from, office, want", [
    ("Sent 14.3.51 22:30", False, PYONGYANG, MOSCOW, PYONGYANG),  # a dispatch stamp: where it was sent from
    ("Отправлена 21 час. 20 мин. 4. УП 1953 г.", False, None, MOSCOW, MOSCOW),  # no 'From': the office's own
    ("Получена 19 час. 55 мин. 13.VI.1951", False, BEIJING, MOSCOW, MOSCOW),  # receipt: the keeping office
    ("Deciphered by Sudev 1615 13 July", False, BEIJING, MOSCOW, MOSCOW),
    ("Received in Moscow 15.3.51 at 04:10", False, PYONGYANG, None, MOSCOW),  # named on the line
    ("14 March 1951, 22:45", True, PYONGYANG, MOSCOW, PYONGYANG),  # the sender's dateline
    ("He will receive me at 5 p.m. on 2 March", False, PYONGYANG, MOSCOW, PYONGYANG),  # running text
    ("He will receive me at 5 p.m. on 2 March", False, None, MOSCOW, UNKNOWN_ZONE),  # no default
    ("Received: 12/3/53 4:15 p.m.", False, None, None, UNKNOWN_ZONE),
    ("17 June 1955, 9:00 p.m.", True, None, None, UNKNOWN_ZONE),
])
def test_which_place_a_time_was_written_in(line, whole_line, sent_from, office, want):
    assert time_zone(line, whole_line=whole_line, sent_from=sent_from, office=office) == want


def test_a_time_whose_place_is_unknown_has_no_offset_and_says_so():
    root = cablegram.convert(FIXTURES / "us_handling.txt").tei.getroot()
    assert _when(root, "12/3/53 4:15 p.m.") == ("1953-12-03T16:15:00", "#di-century-from-record #di-zone-unknown")
    ids = root.xpath(".//t:taxonomy[@xml:id='date-zone']/t:category/@xml:id", namespaces=NS)
    assert "di-zone-unknown" in ids
    assert not [w for w in root.xpath("//@when", namespaces=NS) if w.endswith("+03:00")]  # no Moscow default


def test_a_dispatch_stamp_of_a_telegram_received_in_a_named_place_is_not_the_keeping_offices():
    from cablegram.analysis.inline import received_elsewhere

    front = ["Sent by wire on 10/14/50 at 03:15 a.m.", "Received in Moscow on 10/14/50 at 6:36 a.m."]
    assert received_elsewhere(front)
    assert not received_elsewhere(["Получена 19 час. 20 мин. 4. УП 1953 г.", "Отправлена 21 час. 20 мин. 4. УП 1953 г."])
    assert time_zone(front[0], whole_line=False, sent_from=None, office=MOSCOW, incoming=True) == UNKNOWN_ZONE
    assert time_zone(front[1], whole_line=False, sent_from=None, office=MOSCOW, incoming=True) == MOSCOW


def test_a_version_with_its_own_dispatch_stamp_was_sent_from_the_office_that_keeps_it():
    from cablegram.analysis.inline import sent_from_zone

    stamped = ["Отправлена 21 час. 20 мин. 4. УП 1953 г."]
    assert sent_from_zone(stamped, MOSCOW, incoming=False) == MOSCOW  # its cipher office sent it
    assert sent_from_zone(stamped, MOSCOW, incoming=True) is None  # received elsewhere: sent from another place
    assert sent_from_zone(["Top secret"], MOSCOW, incoming=False) is None  # no stamp: the keeper may be the receiver
    assert sent_from_zone(["From PYONGYANG", *stamped], MOSCOW, incoming=False) == sender_zone(["From PYONGYANG"])


def test_a_dateline_without_a_place_is_not_given_the_keeping_offices_zone():
    # an ambassador's telegram kept in the capital: the keeper is the receiving end
    assert time_zone("12 May 1955, 10:00 p.m.", whole_line=True, sent_from=None, office=BEIJING) == UNKNOWN_ZONE
    assert time_zone("12 May 1955, 10:00 p.m.", whole_line=True, sent_from=MOSCOW, office=BEIJING) == MOSCOW


def test_a_time_on_the_line_under_a_stamp_is_read_with_that_stamp():
    from cablegram.analysis.inline import InlineReader

    reader = InlineReader(None, "#src-wcda", office=MOSCOW)

    def when(inline):
        return [dict(s.attrs)["when"] for s in inline.spans if s.kind == "date"]

    assert when(reader.read("05.45 21.7.1951", zone_context="Раст. Мокров")) == ["1951-07-21T05:45:00+03:00"]
    assert when(reader.read("05.45 21.7.1951")) == ["1951-07-21T05:45:00"]  # alone: a dateline with no place
