"""Dates (and times of day) in telegram text: Russian and English month names, Roman and OCR-damaged
months, numeric day.month.year, US month/day/year, cipher-office time stamps, 24-hour and a.m./p.m. times. Pure functions; the month names, Roman
numerals, OCR confusions and the formats themselves are data (data/dates.toml).

Only what is written is read: a missing year (or century) is taken from the record date and said so
(`inferred`); without a record date such an expression is no date. An impossible date (month 13,
31 June, hour 25) is not a date either.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .rules import first_chars, regex, table


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int  # text[start:end] is the date expression as written
    when: str  # 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY-MM-DDTHH:MM:SS' (no zone: the caller adds it)
    inferred: tuple[str, ...]  # 'year-from-record', 'century-from-record', 'roman-month-ocr'
    has_time: bool


@dataclass(frozen=True)
class _Format:
    name: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()  # cheap tests (_NEEDS) a text must pass before the pattern is tried
    # Finds where a match can start: a character the pattern can begin with, not inside a word or number
    # (_BEFORE_FIRST). A text has few such places (a date begins with a digit, a quote or a month name), and
    # trying the pattern only there spares the search the lookbehinds at every position. None: anywhere.
    starts: re.Pattern[str] | None = None


_DIGIT = re.compile(r"\d")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # '{day}'; regex repetitions like {1,2} never match this
# A date never starts or ends inside a word or a number: not in '1211-1220', '№ 1041-1043', '1.2.3.4'.
_NOT_AFTER = (r"[\w/\-]", r"\d\.")  # what never stands right before a date
_BEFORE = "".join(f"(?<!{before})" for before in _NOT_AFTER)
# The same test made after the date's first character (any one: compiled with re.DOTALL), so that a pattern
# finding where dates can start begins with that character's class: the regex engine then skips to its next
# occurrence instead of trying the lookbehinds at every position (see _Format.starts).
_BEFORE_FIRST = "".join(f"(?<!{before}.)" for before in _NOT_AFTER)
_AFTER = r"(?!\w)(?![-/–]\d)(?!\.\d)"


# Cheap tests that skip a format's (slow: lookbehind at every position) regex on a text it cannot match.
# A format needs one when its pattern names the piece unconditionally (see _mandatory):
#   ru_month, ru_month_any: the month names are Cyrillic, so an ASCII text has none (no ASCII letter is a
#     case variant of a Cyrillic one);
#   ru_hours: every form ('час', 'ч.') has a 'ч';
#   en_month: one English month name must be there (the same alternation, searched once per text);
#   us_date: a US numeric date has a '/'.
_PIECE_NEEDS = {"ru_month": "non-ascii", "ru_month_any": "non-ascii", "ru_hours": "ch", "en_month": "en_month",
                "us_date": "slash"}
_NEEDS = frozenset(_PIECE_NEEDS.values())


def _mandatory(template: str, start: int) -> bool:
    """Whether the placeholder at template[start] must match for the template to match: it stands beside no
    '|' and no group around it may be skipped ('(...)?', '(...)*', '(...){0,n}')."""
    groups: list[list[bool]] = [[False, False]]  # per open group: [has '|', holds the placeholder]; [0] = all
    i, in_class = 0, False
    while i < len(template):
        ch = template[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif i == start:
            for group in groups:
                group[1] = True
        elif ch == "|":
            groups[-1][0] = True
        elif ch == "(":
            groups.append([False, False])
        elif ch == ")":
            has_bar, holds = groups.pop()
            after = template[i + 1 : i + 3]
            if holds and (has_bar or after[:1] in ("?", "*") or after == "{0"):
                return False
        i += 1
    return not groups[0][0]


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


@cache
def _formats() -> tuple[_Format, ...]:
    t = table("dates")
    months, roman = t["months"], t["roman"]
    # English names only Capitalised or UPPERCASE: 'may' is also a verb
    en_names = {v for name in months["en"] for v in (name.capitalize(), name.upper())}
    roman_chars = sorted(set("".join(roman["values"])) | set(roman["ocr"]))
    pieces = dict(t["pieces"])
    pieces |= {
        "ru_month": _alternation(months["ru_genitive"]),
        "ru_month_any": _alternation({**months["ru_genitive"], **months["ru_other"]}),
        "en_month": _alternation(en_names),
        "roman": "(?P<roman>[" + "".join(re.escape(c) for c in roman_chars) + "]{1,4})",
    }

    def expand(template: str, depth: int = 0) -> str:
        if depth > 5:
            raise ValueError(f"dates.toml: pieces refer to each other in a loop: {template}")
        return _PLACEHOLDER.sub(lambda m: expand(pieces[m.group(1)], depth + 1), template)

    formats = []
    for spec in t["format"]:
        flags = re.IGNORECASE if spec.get("ignorecase") else 0
        pattern = _BEFORE + "(?:" + expand(spec["pattern"]) + ")" + _AFTER
        needs = {_PIECE_NEEDS[m.group(1)] for m in _PLACEHOLDER.finditer(spec["pattern"])
                 if m.group(1) in _PIECE_NEEDS and _mandatory(spec["pattern"], m.start())}
        if flags and "en_month" in needs:
            needs.discard("en_month")  # the test below is case-sensitive
        first = first_chars(pattern, flags)
        starts = regex(first + _BEFORE_FIRST, flags & ~re.IGNORECASE | re.DOTALL) if first else None
        formats.append(_Format(spec["name"], re.compile(pattern, flags), tuple(sorted(needs)), starts))
    return tuple(formats)


@cache
def _en_month() -> re.Pattern[str]:
    months = table("dates")["months"]["en"]
    return re.compile(_alternation({v for name in months for v in (name.capitalize(), name.upper())}))


def _passes(need: str, text: str) -> bool:
    if need == "non-ascii":
        return not text.isascii()
    if need == "ch":
        return "ч" in text or "Ч" in text
    if need == "slash":
        return "/" in text
    return _en_month().search(text) is not None  # "en_month"


def _month_by_name(name: str) -> int | None:
    months = table("dates")["months"]
    key = name.lower()
    return months["ru_genitive"].get(key) or months["ru_other"].get(key) or months["en"].get(key)


def _roman_month(written: str) -> tuple[int | None, bool]:
    """(month, whether an OCR confusion was read) of a Roman numeral as written."""
    if written.isdigit():
        return None, False  # '11' is a number, not a damaged 'II'
    rules = table("dates")["roman"]
    fixed = "".join(rules["ocr"].get(ch, ch) for ch in written)
    return rules["values"].get(fixed), fixed != written


def _nearest_year(record_date: _dt.date, month: int, day: str | None) -> int:
    """The year that puts a year-less date nearest the record date: 'December 29' in a telegram of
    January 1952 is 1951-12-29, 'January 5' in one of December 1951 is 1952-01-05."""
    def distance(year: int) -> int:
        try:
            return abs((_dt.date(year, month, int(day) if day else 15) - record_date).days)
        except ValueError:
            return 10**6
    return min((record_date.year, record_date.year - 1, record_date.year + 1), key=distance)


def _clock(hour: int, minute: int, ampm: str | None) -> tuple[int, int]:
    """A 12-hour time as a 24-hour one: '4:15 p.m.' is 16:15, '12 p.m.' noon, '12:30 a.m.' 00:30; a
    24-hour time written with p.m. ('13:30 p.m.') is already what it says."""
    if not ampm or hour > 12:
        return hour, minute
    if ampm.lower() == "a":
        return (0 if hour == 12 else hour), minute
    return (hour if hour == 12 else hour + 12), minute


def _resolve(g: dict, record_date: _dt.date | None) -> tuple[str, tuple[str, ...], bool] | None:
    """The date a match's groups (`g`) name, read against the record date."""
    inferred: list[str] = []
    if g.get("roman"):
        month, ocr = _roman_month(g["roman"])
        if ocr:
            inferred.append("roman-month-ocr")
    elif g.get("month"):
        month = _month_by_name(g["month"])
    else:
        month = int(g["nmonth"])
    if not month or not 1 <= month <= 12:
        return None

    if g.get("year"):
        year = int(g["year"])
    elif g.get("nyear"):
        written = g["nyear"]
        if len(written) == 4:
            year = int(written)
        elif record_date:
            year = record_date.year // 100 * 100 + int(written)
            inferred.append("century-from-record")
        else:
            return None
    elif record_date:
        year = _nearest_year(record_date, month, g.get("day"))
        inferred.append("year-from-record")
    else:
        return None

    if g.get("day") is None:
        return f"{year:04d}-{month:02d}", tuple(inferred), False
    try:
        day = _dt.date(year, month, int(g["day"]))
    except ValueError:
        return None  # 31 June, 29 February 1951
    if g.get("hour") is not None:
        hour, minute = _clock(int(g["hour"]), int(g.get("minute") or 0), g.get("ampm"))
        if hour > 23 or minute > 59:
            return None
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00", tuple(inferred), True
    return day.isoformat(), tuple(inferred), False


def _finditer(fmt: _Format, text: str, starts: dict[re.Pattern[str], list[int]]) -> list[re.Match]:
    """fmt.pattern.finditer(text) (the same matches), the pattern tried only where a match can start."""
    if fmt.starts is None:
        return list(fmt.pattern.finditer(text))
    if fmt.starts not in starts:
        starts[fmt.starts] = [m.start() for m in fmt.starts.finditer(text)]
    found, end = [], 0
    for position in starts[fmt.starts]:
        if position >= end:  # finditer goes on after the end of its last match
            m = fmt.pattern.match(text, position)  # (its lookbehinds still see the text before `position`)
            if m:
                found.append(m)
                end = m.end()
    return found


def find_dates(text: str, *, record_date: _dt.date | None = None) -> list[DateMatch]:
    """Every date expression in `text`, earliest first; spans never overlap.

    Formats are tried in the table's order; where two overlap, the earlier format wins."""
    found: list[DateMatch] = []
    for start, end, groups in _matches(text):
        if any(start < d.end and d.start < end for d in found):
            continue
        resolved = _resolve(groups, record_date)
        if resolved is None:
            continue
        when, inferred, has_time = resolved
        found.append(DateMatch(start, end, when, inferred, has_time))
    return sorted(found, key=lambda d: d.start)


@lru_cache(maxsize=16384)
def _matches(text: str) -> tuple[tuple[int, int, dict], ...]:
    """(start, end, groups) of every format's matches in `text`, formats in the table's order: what the regexes
    find, before any record date is applied, so that a text read again (a stamp or heading repeated in many
    documents, a line read by the form and by the markup) is searched once."""
    if not _DIGIT.search(text):
        return ()  # every date form has a digit
    out = []
    failed = {need for need in _NEEDS if not _passes(need, text)}  # each cheap test once per text
    starts: dict[re.Pattern[str], list[int]] = {}  # where matches can start, once per text and kind of start
    for fmt in _formats():
        if fmt.needs and not failed.isdisjoint(fmt.needs):
            continue  # the pattern cannot match this text (see _PIECE_NEEDS)
        for m in _finditer(fmt, text, starts):
            out.append((m.start(), m.end(), m.groupdict()))
    return tuple(out)
