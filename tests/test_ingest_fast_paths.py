"""The ingest stage's speed devices give the answers of the plain searches they stand in for."""
import datetime
import re
from pathlib import Path

import pytest

from cablegram.ingest import dates, layouts
from cablegram.ingest.decode import decode
from cablegram.ingest.rules import caret_first, first_chars, required_text, table

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "examples" / "texts").glob("*.txt")) + sorted((ROOT / "tests" / "test_real_layouts").glob("*.txt"))


def _texts():
    return [decode(p.read_bytes()).text for p in TEXTS]


@pytest.mark.parametrize("pattern, expected", [
    (r"^Search in$", "Search in"), (r"(^| )Citation: ", "Citation: "), (r"^(Source|Rights)$", ""),
    (r"^Author\(s\):\s*$", "Author(s):"), (r"ab?c", "a"), (r"(?i)Search", ""),
])
def test_required_text_is_what_every_match_holds(pattern, expected):
    assert required_text(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern, expected", [
    (r"^Search in$", True), (r"^(a|b)", True), (r"^a|b", False), (r"(^| )Citation", False), (r"a^", False),
])
def test_caret_first_is_a_caret_every_match_begins_with(pattern, expected):
    assert caret_first(pattern) is expected


@pytest.mark.parametrize("pattern, expected", [
    (r"\d{1,2}\.", r"[\d]"), (r"(?:[012]?\d|2[0-3]):", r"[\d]"), (r'(?:[«"]\s*)?\d', r'["\d«]'),
    (r"(?<!\w)(?:May|June)", "[JM]"), (r"(?:ab)*c", "[ac]"), (r"x{0,2}[0-5]", r"[\dx]"), (r"[a-c]", "[a-c]"),
    (r"a?", None), (r"[^a]b", None), (r".x", None), (r"(?i:x)y", None), (r"x|y*", None),
])
def test_first_chars_holds_every_character_a_match_can_begin_with(pattern, expected):
    assert first_chars(pattern) == expected


def test_first_chars_says_where_case_does_not_matter():
    assert first_chars(r"(?:июля|1)", re.IGNORECASE) == r"(?i:[\dи])"
    assert first_chars(r"[«\d]", re.IGNORECASE) == r"[\d«]"  # no letter: the same class either way


def test_every_date_example_begins_where_its_format_looks_for_a_start():
    """A format edited in dates.toml keeps its examples findable: each starts with a character of the
    format's first-character class (or the format is searched everywhere)."""
    specs = {spec["name"]: spec for spec in table("dates")["format"]}
    for fmt in dates._formats():
        for example in specs[fmt.name]["examples"]:
            if fmt.starts is not None:
                assert fmt.starts.match(example), (fmt.name, example)


def _plain_find_dates(text, record_date):
    """find_dates with every format searched the plain way (finditer over the whole text)."""
    found = []
    for fmt in dates._formats():
        for m in fmt.pattern.finditer(text):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            resolved = dates._resolve(m.groupdict(), record_date)
            if resolved is not None:
                found.append(dates.DateMatch(m.start(), m.end(), *resolved))
    return sorted(found, key=lambda d: d.start)


def test_find_dates_reads_what_a_plain_search_reads():
    record = datetime.date(1953, 7, 4)
    lines = [line for text in _texts() for line in text.split("\n") if line.strip()]
    lines += [spec_example for spec in table("dates")["format"] for spec_example in spec["examples"]]
    lines += ["№ 1041-1043 4.7.53", "1.2.3.4 and 3.7.51", "«3» июля 1951 г. и 4. УП 1953 г.", "x4 July 1953",
              "21:00 Beijing time on 13.6.51, 12/3/53 4:15 p.m.", "-3.7.51 /3.7.51 3.7.51"]
    for line in lines:
        assert dates.find_dates(line, record_date=record) == _plain_find_dates(line, record), line


def test_detect_layout_scores_as_plain_searches_do():
    for text in _texts() + ["", "\n", "Search in\nx", "x\nSearch in", " \nSearch in"]:
        match = layouts.detect_layout(text)
        for entry, cues, _ in layouts._compiled():
            if entry["name"] != match.name:
                continue
            hits = []
            for cue in cues:
                hay = "\n".join([l for l in text.split("\n") if l.strip()][:cue.within]) + "\n" if cue.within else text
                present = re.search(cue.source, hay, re.M) is not None
                if present != cue.absent:
                    hits.append(cue.source if not cue.absent else f"not {cue.source}")
            assert tuple(hits) == match.cues
