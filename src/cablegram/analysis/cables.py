"""References to other telegrams in a piece of text: "your telegram of 3 July", "your No. 48", "in addition to
my No. 2390", "Вашу телеграмму от 3 июля", "на Ваш № 48", "酉冬电悉".

Recognition only, from the data table `ingest/data/telegram_references.toml` (patterns with examples and
counter-examples that the tests run). A reference says whose telegram it is (`addressee`: "your";
`sender`: "my", "our"; `other`: "his", "their") and what identifies it: a number, a date, or both. The date
of an English or Russian reference is read by the date recognizer from the reference's own words (the
caller does that: analysis/inline.py); a Chinese telegraph date code is read here. Which telegram of a
corpus a reference designates is decided later, across the corpus (`cablegram.chains`).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache

from ..ingest.rules import table

WHOSE_VALUES = ("addressee", "sender", "other")
_PATTERN_KEYS = {"name", "language", "pattern", "ignorecase", "whose", "examples", "counter_examples"}
# What every pattern needs in the text (cheap tests before the patterns are tried): a possessive (the English ones
# in any case, as words) ...
_POSSESSIVE_WORDS_ANY_CASE = r"(?:your|my|our|his|their)\b"
_POSSESSIVES = r"Ваш|ваш|Мо[яюейи]|мо[яюейи]|Наш|наш|Его|его|Их|их|电"
# ... and what is referred to: a telegram word or a number sign (the possessives are common words; this second
# test spares most paragraphs the patterns)
_OBJECTS_ANY_CASE = r"telegram|cable|wire|dispatch|message|ciphergram|number|n[º°]|№|#|телеграмм|шифровк|депеш"
_OBJECT_WORDS_ANY_CASE = r"nos?\b"
_OBJECT_WORDS = r"N\s*\d"
_OBJECTS = r"电"
# They are searched case-sensitively, the any-case ones in the text's lower-case form: every alternative opens
# with a literal, so the regex engine skips to where one can begin (a case-insensitive alternation, or one that
# opens with a word boundary, is tried at every position: ~5x slower on a paragraph); a word's boundary before
# it is checked on the match. Exact but for the letters a case-insensitive pattern matches that lower() does not
# give ('ſ' for 's', 'ı' and 'İ' for 'i', old Cyrillic forms of 'в', 'д', 'о', 'т': re._casefix): a text with
# one is read case-insensitively.
_LOWER_CASE_EXCEPTIONS = re.compile("[ſıİ\u1c80-\u1c88]")
_CUE = (re.compile(_POSSESSIVE_WORDS_ANY_CASE), re.compile(_POSSESSIVES))
_OBJECT = (re.compile(_OBJECTS_ANY_CASE), re.compile(_OBJECT_WORDS_ANY_CASE), re.compile(_OBJECT_WORDS), re.compile(_OBJECTS))
_CUE_ANY_CASE = re.compile(rf"(?i:\b{_POSSESSIVE_WORDS_ANY_CASE})|{_POSSESSIVES}")
_OBJECT_ANY_CASE = re.compile(rf"(?i:{_OBJECTS_ANY_CASE}|\b{_OBJECT_WORDS_ANY_CASE})|\b{_OBJECT_WORDS}|{_OBJECTS}")


@dataclass(frozen=True)
class Pattern:
    name: str
    language: str
    regex: re.Pattern[str]
    whose: str  # when the pattern has no `whose` group
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class TelegramReference:
    """A reference found in a text: where it is, whose telegram, and what identifies it."""

    phrase: str
    start: int
    end: int
    whose: str  # addressee | sender | other
    number: str = ""
    pattern: str = ""
    # a date the table reads itself (a Chinese telegraph code): its place in the text, month and day
    code_start: int = -1
    code_end: int = -1
    code_month: int = 0
    code_day: int = 0

    def code_when(self, record_date: _dt.date | None) -> tuple[str, bool]:
        """(ISO date, year inferred) of a telegraph date code; ('', False) when the month is not written or
        no record date gives the year. The year is the one that puts the date nearest the record's."""
        if not (self.code_month and self.code_day) or record_date is None:
            return "", False
        candidates = []
        for year in (record_date.year, record_date.year - 1, record_date.year + 1):
            try:
                candidates.append(_dt.date(year, self.code_month, self.code_day))
            except ValueError:
                continue
        if not candidates:
            return "", False
        best = min(candidates, key=lambda d: abs((d - record_date).days))
        return best.isoformat(), True


def _expand(template: str, pieces: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError(f"telegram_references.toml: pieces nest too deep in {template!r}")
    expanded = re.sub(r"\{(\w+)\}", lambda m: pieces[m.group(1)] if m.group(1) in pieces else m.group(0), template)
    return expanded if expanded == template else _expand(expanded, pieces, depth + 1)


@cache
def patterns() -> tuple[Pattern, ...]:
    data = table("telegram_references")
    pieces = data["pieces"]
    out = []
    for entry in data["pattern"]:
        unknown = set(entry) - _PATTERN_KEYS
        if unknown:
            raise ValueError(f"telegram_references.toml: pattern {entry.get('name')}: unknown keys {sorted(unknown)}")
        whose = entry.get("whose", "")
        if whose and whose not in WHOSE_VALUES:
            raise ValueError(f"telegram_references.toml: pattern {entry['name']}: whose must be one of {WHOSE_VALUES}")
        flags = re.IGNORECASE if entry.get("ignorecase") else 0
        out.append(Pattern(entry["name"], entry["language"], re.compile(_expand(entry["pattern"], pieces), flags),
                           whose, tuple(entry.get("examples", ())), tuple(entry.get("counter_examples", ()))))
    return tuple(out)


@cache
def _whose_words() -> tuple[tuple[str, str], ...]:
    # longest first, so that 'мо' does not decide for a longer word that begins with it
    return tuple(sorted(table("telegram_references")["whose"].items(), key=lambda kv: -len(kv[0])))


def whose_of(word: str) -> str:
    word = word.lower()
    for prefix, whose in _whose_words():
        if word.startswith(prefix):
            return whose
    return "other"


def _may_refer(text: str) -> bool:
    """The cheap tests: a possessive, and a telegram word or number sign."""
    if _LOWER_CASE_EXCEPTIONS.search(text):
        return bool(_CUE_ANY_CASE.search(text) and _OBJECT_ANY_CASE.search(text))
    lowered = text.lower()
    words, possessives = _CUE
    if not (_starts_word(words, lowered) or possessives.search(text)):
        return False
    objects, object_words, number_sign, objects_as_written = _OBJECT
    return bool(objects.search(lowered) or _starts_word(object_words, lowered) or _starts_word(number_sign, text)
                or objects_as_written.search(text))


def _starts_word(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a match of `pattern` begins a word (as r'\b' before it would say)."""
    for m in pattern.finditer(text):
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return True
    return False


def find_references(text: str) -> list[TelegramReference]:
    """Every reference to a telegram in `text`, in order; where matches overlap, the longest wins."""
    if not _may_refer(text):
        return []
    data = table("telegram_references")
    months, days = data["zh_months"], data["zh_days"]
    found: list[TelegramReference] = []
    for pattern in patterns():
        for m in pattern.regex.finditer(text):
            groups = m.groupdict()
            phrase = m.group(0).rstrip(". ")  # an abbreviated month's point may be the sentence's full stop
            whose = whose_of(groups["whose"]) if groups.get("whose") else pattern.whose or "other"
            code = {}
            day_group = "zh_day" if groups.get("zh_day") else "zh_day_alone" if groups.get("zh_day_alone") else ""
            if day_group:
                start = m.start("zh_month") if groups.get("zh_month") else m.start(day_group)
                code = {"code_start": start, "code_end": m.end(day_group),
                        "code_month": months.get(groups.get("zh_month") or "", 0), "code_day": days[groups[day_group]]}
            found.append(TelegramReference(phrase, m.start(), m.start() + len(phrase), whose,
                                           groups.get("number") or "", pattern.name, **code))
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[TelegramReference] = []
    for ref in found:
        if kept and ref.start < kept[-1].end:
            continue
        kept.append(ref)
    return kept
