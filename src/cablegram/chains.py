"""References to other telegrams in a telegram's text: "your telegram of 3 July", "your No. 48", "in addition
to my No. 2390", "Ваша телеграмма от 3 июля", "на Ваш № 48".

A data table of patterns (each with examples the tests check) and one pure function. A reference says whose
telegram it is (`your`: the addressee's, `my`: the sender's own, `their`: a third party's) and what identifies
it: a number, a day and month (the year is the citing telegram's, or the one before when the month lies
ahead of it), or both. Resolution against a corpus (which document is meant) is the caller's: it needs the
corpus, which a single document does not have.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # Russian month names in the genitive, as dates are written ("3 июля")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}

_EN_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_RU_MONTH = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_NUMBER = r"(?P<number>\d{1,6}(?:/\w{1,4})?)"
_NO = r"(?:No\.?|Nos?\.|Number|N[oº°]|№|#)\s*"
_EN_DATE = rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_EN_MONTH})|(?P<month2>{_EN_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(?P<year>1[89]\d\d))?"
_RU_DATE = rf"(?P<day>\d{{1,2}})\s*(?P<month>{_RU_MONTH}|\.\s*(?:[01]?\d)\.?)(?:\s*(?P<year>1[89]\d\d)\s*(?:г\.|года)?)?"
_EN_WHOSE = r"(?P<whose>your|my|our|his|their)"
_EN_TELEGRAM = r"(?:(?:ciphered\s+|coded\s+|secret\s+)?(?:telegrams?|cables?|wires?|dispatch(?:es)?|message))"
_RU_WHOSE = r"(?P<whose>[Вв]аш[аеуйиюм]{0,3}|[Мм]о[яеюйи]{1,2}|[Нн]аш[аеуйиюм]{0,3})"
_RU_TELEGRAM = r"(?:(?:шифр)?телеграмм[аеуыой]{0,2}|шифровк[аеуиой]{1,2})"


@dataclass(frozen=True)
class Pattern:
    """One way of referring to a telegram, with examples that must be recognised (checked by the tests)."""

    name: str
    language: str  # "en" | "ru"
    regex: str
    examples: tuple[str, ...]


PATTERNS: tuple[Pattern, ...] = (
    Pattern("en-telegram-number-date", "en",
            rf"\b{_EN_WHOSE}\s+{_EN_TELEGRAM}\s+{_NO}{_NUMBER}\s+(?:of|dated)\s+{_EN_DATE}",
            ("your telegram No. 48 of 5 July", "my cable No. 2390 of July 12, 1951")),
    Pattern("en-telegram-date", "en",
            rf"\b{_EN_WHOSE}\s+{_EN_TELEGRAM}\s+(?:of|dated|from)\s+(?:the\s+)?{_EN_DATE}",
            ("your telegram of 3 July", "We received your telegram of 3 July.", "your cable dated July 3, 1951")),
    Pattern("en-number", "en",
            rf"\b{_EN_WHOSE}\s+(?:{_EN_TELEGRAM}\s+)?{_NO}{_NUMBER}",
            ("your No. 48", "in addition to my No. 2390", "Reference your telegram #311")),
    Pattern("ru-telegram-number-date", "ru",
            rf"{_RU_WHOSE}\s+{_RU_TELEGRAM}\s+{_NO}{_NUMBER}\s+от\s+{_RU_DATE}",
            ("Ваша телеграмма № 48 от 5 июля", "мою телеграмму № 2390 от 12 июля 1951 г.")),
    Pattern("ru-telegram-date", "ru",
            rf"{_RU_WHOSE}\s+{_RU_TELEGRAM}\s+от\s+{_RU_DATE}",
            ("Вашу телеграмму от 3 июля получили.", "Ваша телеграмма от 3 июля")),
    Pattern("ru-number", "ru",
            rf"{_RU_WHOSE}\s+(?:{_RU_TELEGRAM}\s+)?{_NO}{_NUMBER}",
            ("на Ваш № 48", "в дополнение к моей № 2390", "Ваша шифровка № 311")),
)

_COMPILED = tuple((p, re.compile(p.regex, re.I if p.language == "en" else 0)) for p in PATTERNS)


@dataclass(frozen=True)
class TelegramReference:
    """A reference found in a text: where it is, whose telegram, and what identifies it."""

    phrase: str
    start: int
    end: int
    whose: str  # "your" | "my" | "their"
    number: str = ""
    month: int = 0
    day: int = 0
    year: int = 0  # as written; 0 when the text leaves it to the reader
    pattern: str = ""

    def date(self, citing_year: int, citing_month: int = 12) -> str:
        """ISO date of the referred telegram, the year inferred from the citing one where not written."""
        if not (self.month and self.day):
            return ""
        year = self.year or (citing_year - 1 if citing_month and self.month > citing_month else citing_year)
        return f"{year:04d}-{self.month:02d}-{self.day:02d}" if year else ""


def _whose(word: str) -> str:
    word = word.lower()
    if word.startswith(("ваш", "your")):
        return "your"
    if word.startswith(("мо", "my", "наш", "our")):
        return "my"
    return "their"


def _month(text: str | None) -> int:
    if not text:
        return 0
    text = text.strip(" .").lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else 0
    return MONTHS.get(text, 0)


def find_references(text: str) -> list[TelegramReference]:
    """Every reference to a telegram in `text`, in order; where patterns overlap, the longest wins."""
    found: list[TelegramReference] = []
    for pattern, regex in _COMPILED:
        for m in regex.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v}
            month = _month(groups.get("month") or groups.get("month2"))
            day = int(groups.get("day") or groups.get("day2") or 0)
            if (groups.get("month") or groups.get("month2")) and not (month and 1 <= day <= 31):
                continue
            phrase = m.group(0).rstrip(". ")  # an abbreviated month's point may be the sentence's full stop
            found.append(TelegramReference(
                phrase=phrase, start=m.start(), end=m.start() + len(phrase), whose=_whose(groups["whose"]),
                number=groups.get("number", ""), month=month, day=day, year=int(groups.get("year") or 0),
                pattern=pattern.name))
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[TelegramReference] = []
    for ref in found:
        if kept and ref.start < kept[-1].end:
            continue
        kept.append(ref)
    return kept
