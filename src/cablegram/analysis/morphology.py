"""Russian inflection and cross-script keys for name matching, from libraries rather than ending tables:
pymorphy3 (the OpenCorpora dictionary and its guesser) gives every case form of a Russian name form,
cyrtranslit gives a Latin key for a Cyrillic word. Everything is memoised: a corpus asks for the same
words again and again, and the dictionary is loaded once per process.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOMINAL = ("NOUN", "ADJF")


@cache
def _analyzer():
    import pymorphy3  # imported late: only documents with Russian names need the dictionary

    return pymorphy3.MorphAnalyzer()


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


@cache
def _masculine_endings() -> tuple[str, ...]:
    """The case endings of a masculine name the dictionary declines ('Ким'), to decline one it does not know
    as a noun ('Сен' of 'Ким Ир Сен'): the library's paradigm, not a hand-written table."""
    forms = set()
    for parse in _analyzer().parse("ким"):
        if parse.normal_form == "ким" and "NOUN" in parse.tag and "masc" in parse.tag and "Fixd" not in parse.tag:
            forms.update(f.word for f in parse.lexeme if "sing" in f.tag)
    return tuple(sorted({f[3:] for f in forms if f.startswith("ким")}))


@lru_cache(maxsize=8192)
def case_forms(word: str) -> frozenset[str]:
    """Every singular case form of a Russian name word given in the nominative (lower case): 'рощин' ->
    {'рощин', 'рощина', 'рощину', 'рощиным', 'рощине'}; indeclinable words ('мао', 'ссср') give themselves."""
    word = word.lower()
    if not is_cyrillic(word) or len(word) < 2:
        return frozenset({word})
    forms = {word}
    own = [p for p in _analyzer().parse(word)
           if p.normal_form == word and any(t in p.tag for t in _NOMINAL) and "nomn" in p.tag]
    for parse in own:  # an indeclinable reading (Fixd) adds nothing
        if "Fixd" not in parse.tag:
            number = "plur" if "Pltm" in parse.tag else "sing"
            forms.update(f.word for f in parse.lexeme if number in f.tag)
    if len(forms) == 1 and not any("Fixd" in p.tag for p in own) and word[-1] not in "аеёиоуыэюяьй" and word.isalpha():
        # a foreign name the dictionary knows only as something else ('сен' as a short adjective)
        forms.update(word + ending for ending in _masculine_endings())
    return frozenset(forms)


@lru_cache(maxsize=32768)
def lemma(word: str) -> str:
    """The nominative of a Russian word, preferring surname, name and place readings ('Захарову' -> 'захаров')."""
    parses = _analyzer().parse(word.lower())
    for tag in ("Surn", "Name", "Geox"):
        for parse in parses:
            if tag in parse.tag:
                return parse.normal_form
    return parses[0].normal_form if parses else word.lower()


@lru_cache(maxsize=32768)
def latin_key(word: str) -> str:
    """A Latin spelling of a Cyrillic word for fuzzy comparison with English forms ('штыков' -> 'shtykov')."""
    import cyrtranslit

    return re.sub(r"[^a-z]", "", cyrtranslit.to_latin(word.lower(), "ru").lower())


@lru_cache(maxsize=32768)
def is_name_like(word: str) -> bool:
    """The dictionary reads the word as a surname, first name or place, or does not know it at all."""
    parses = _analyzer().parse(word.lower())
    return any(tag in p.tag for p in parses for tag in ("Surn", "Name", "Patr", "Geox")) or not any(
        p.is_known for p in parses)


@lru_cache(maxsize=32768)
def is_place_like(word: str) -> bool:
    """The dictionary reads the word as a place, or does not know it, or it is an abbreviation in capitals
    ('Маньчжурии', 'КНДР'); not an adjective of nationality ('Корейского')."""
    if len(word) > 1 and word.isupper():
        return True
    parses = _analyzer().parse(word.lower())
    return any("Geox" in p.tag for p in parses) or not any(p.is_known for p in parses)


@lru_cache(maxsize=32768)
def is_place_only(word: str) -> bool:
    """The dictionary reads the word as a place and never as a surname or first name ('Тайвана')."""
    parses = _analyzer().parse(word.lower())
    return any("Geox" in p.tag for p in parses) and not any("Surn" in p.tag or "Name" in p.tag for p in parses)


@lru_cache(maxsize=32768)
def is_probably_name(word: str) -> bool:
    """The dictionary's likeliest reading of the word is a surname, first name, patronymic or place, or
    (for a word not in capitals) it does not know the word: 'Мокров', 'Чеснокова' -- not 'Лист', 'ШИФРТЕЛЕГРАММА'."""
    parses = _analyzer().parse(word.lower())
    if not parses:
        return False
    if any(t in parses[0].tag for t in ("Surn", "Name", "Patr", "Geox")):
        return True
    return not word.isupper() and not any(p.is_known for p in parses)


@lru_cache(maxsize=32768)
def is_common_noun(word: str) -> bool:
    """The dictionary knows the word and reads it only as a common noun, never as a name, a place, an
    organisation or an abbreviation ('Правительство', not 'ТАСС' or 'Кремль')."""
    parses = _analyzer().parse(word.lower())
    known = [p for p in parses if p.is_known]
    return bool(known) and all("NOUN" in p.tag and not any(t in p.tag for t in ("Surn", "Name", "Patr", "Geox", "Orgn", "Abbr"))
                               for p in known)
