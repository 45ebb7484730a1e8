"""Dates (and times of day) in telegram text: Russian and English month names, Roman and OCR-damaged
months, numeric day.month.year, cipher-office time stamps. Pure functions; tables in data/dates.toml.

Only what is written is read: a missing year is taken from the record date and said so (`inferred`);
an impossible date (month 13, 31 June, hour 25) is not a date.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from .rules import table


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    when: str  # 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS' (no zone: the caller adds it)
    inferred: tuple[str, ...]  # 'year-from-record', 'century-from-record', 'roman-month-ocr'
    has_time: bool


_DIGIT = re.compile(r"\d")


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    t = table("dates")
    ru = "|".join(sorted(map(re.escape, t["months"]["ru"]), key=len, reverse=True))
    # English month names only capitalised ('July', 'JULY'): 'may' is also a verb
    en_names = [v for name in t["months"]["en"] for v in (name.capitalize(), name.upper())]
    en = "|".join(sorted(map(re.escape, en_names), key=len, reverse=True))
    roman_chars = "IVXУПХІШ"
    year = r"(?P<year>\d{4})(?:\s*г(?:ода|\.)?)?"
    day = r"(?P<day>\d{1,2})"
    hhmm = r"(?P<hour>[0-2]?\d)[.:](?P<minute>[0-5]\d)"
    return [
        # '19 час. 20 мин. 4. УП 1953 г.'
        ("ru-hours-roman", re.compile(rf"(?P<hour>[0-2]?\d)\s*час\.?\s*(?P<minute>[0-5]?\d)\s*мин\.?\s+{day}\.\s*(?P<roman>[{roman_chars}]{{1,4}})\.?\s+{year}")),
        # '4. УП 1953 г.', '4.VII.1953'
        ("roman", re.compile(rf"{day}\.\s*(?P<roman>[{roman_chars}]{{1,4}})\.?\s*{year}")),
        # '19:20 on 4 July 1953', '21:20 on 4 July 1953'
        ("en-time-on", re.compile(rf"{hhmm}\s+on\s+{day}\s+(?P<month>{en})(?:\s+(?P<year>\d{{4}}))?")),
        # '1500 13 July 1951', '1615 13 July'
        ("en-hhmm-day-month", re.compile(rf"(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)\s+{day}\s+(?P<month>{en})(?:\s+(?P<year>\d{{4}}))?")),
        # '" 3 " июля 1951 г.', '4 июля 1953 г. 21.20', '3 июля'
        ("ru-day-month", re.compile(rf"(?:\"\s*)?{day}(?:\s*\")?\s+(?P<month>{ru})(?:\s+{year})?(?:\s+{hhmm}(?!\d))?", re.IGNORECASE)),
        # '4 July 1953', '13 July', '10 August'
        ("en-day-month", re.compile(rf"{day}\s+(?P<month>{en})(?:,?\s+(?P<year>\d{{4}}))?")),
        # 'July 29, 1953', 'July 28'
        ("en-month-day", re.compile(rf"(?P<month>{en})\s+{day}(?:st|nd|rd|th)?(?:,\s*(?P<year>\d{{4}}))?")),
        # '23.10 3.7.51', '05.45 21.7.', '03.15.21.7'
        ("time-numeric", re.compile(rf"{hhmm}[\s.]+{day}\.(?P<nmonth>\d{{1,2}})(?:\.(?P<nyear>\d{{2}}|\d{{4}}))?(?:\s*г\.?)?\.?(?!\d)")),
        # '20.7.51 г.', '3.7.51', '21.7.'
        ("numeric", re.compile(rf"{day}\.(?P<nmonth>\d{{1,2}})\.(?P<nyear>\d{{2}}|\d{{4}})?(?:\s*г\.?)?(?!\d)")),
    ]


def _month_value(name: str) -> int | None:
    months = table("dates")["months"]
    key = name.lower()
    return months["ru"].get(key) or months["en"].get(key)


def _roman_value(text: str) -> tuple[int | None, bool]:
    rules = table("dates")["roman"]
    fixed = "".join(rules["ocr"].get(ch, ch) for ch in text)
    return rules["values"].get(fixed), fixed != text


def _resolve(m: re.Match, record_date: _dt.date | None) -> tuple[str, tuple[str, ...], bool] | None:
    g = m.groupdict()
    inferred: list[str] = []
    if g.get("roman"):
        month, ocr = _roman_value(g["roman"])
        if ocr:
            inferred.append("roman-month-ocr")
    elif g.get("month"):
        month = _month_value(g["month"])
    else:
        month = int(g["nmonth"])
    year: int | None
    if g.get("year"):
        year = int(g["year"])
    elif g.get("nyear"):
        y = g["nyear"]
        if len(y) == 4:
            year = int(y)
        elif record_date:
            year = record_date.year // 100 * 100 + int(y)
            inferred.append("century-from-record")
        else:
            return None
    elif record_date:
        year = record_date.year
        inferred.append("year-from-record")
    else:
        return None
    try:
        day = _dt.date(year, month or 0, int(g["day"]))
    except (ValueError, TypeError):
        return None
    if g.get("hour") is not None:
        hour, minute = int(g["hour"]), int(g["minute"])
        if hour > 23 or minute > 59:
            return None
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00", tuple(inferred), True
    return day.isoformat(), tuple(inferred), False


def find_dates(text: str, *, record_date: _dt.date | None = None) -> list[DateMatch]:
    """Every date expression in `text`, earliest first; spans never overlap."""
    if not _DIGIT.search(text):
        return []  # every date form has a digit
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for _, pattern in _patterns():
        for m in pattern.finditer(text):
            start, end = m.span()
            # never start or end inside a number or word ('1211-1220', '12 120 700-12')
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
                continue
            if end < len(text) and (text[end].isalnum() and not text[end - 1].isspace()):
                continue
            if end < len(text) and text[end] in "-/" and text[end - 1].isdigit():
                continue
            if any(start < b and a < end for a, b in taken):
                continue
            resolved = _resolve(m, record_date)
            if resolved is None:
                continue
            when, inferred, has_time = resolved
            found.append(DateMatch(start, end, when, inferred, has_time))
            taken.append((start, end))
    return sorted(found, key=lambda d: d.start)
