"""Transliterated forms of a document's words, indexed (not shown) so that a search in one script finds the
other: 'Vyshinsky', 'Vyshinskii' and 'Vyšinskij' find 'Вышинский'; 'Молотов' finds 'Molotov'.

Cyrillic words get the forms readers type: the popular English form (Vyshinsky, Khrushchev), the Library of
Congress form without diacritics (Vyshinskii, Khrushchev) and cyrtranslit's (Vyšinskij). Latin words that
start with a capital (names) get cyrtranslit's Cyrillic form. Pure functions; the page carries the result in
a hidden block outside its text sections, so the fidelity check never counts it.
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

import cyrtranslit

_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
# the popular form: -ий/-ый as -y (Vyshinsky, Maly), е after a vowel or at the start as ye is left out
# (readers type both; the prefix match of the search covers most)
POPULAR = {**_BASE, "ий": "y", "ый": "y"}
# Library of Congress without its ligatures and diacritics
LIBRARY_OF_CONGRESS = {**_BASE, "й": "i", "ю": "iu", "я": "ia", "ц": "ts", "ий": "ii", "ый": "yi"}
TABLES = (POPULAR, LIBRARY_OF_CONGRESS)

# Latin → Cyrillic for the romanised Russian names of English texts (Vyshinsky, Khrushchev, Kuznetsov):
# longest letter groups first; 'y' is ы between consonants, -ий at the end after a consonant, й elsewhere
_FROM_LATIN = (("shch", "щ"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("zh", "ж"), ("yu", "ю"),
               ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
               ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
               ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"),
               ("c", "ц"), ("w", "в"), ("j", "й"), ("q", "к"), ("x", "кс"))
_VOWELS = set("aeiouy")


def from_latin(word: str) -> str:
    word, out, i = word.lower(), [], 0
    while i < len(word):
        if word[i] == "y" and not word.startswith(("yu", "ya", "yo", "ye"), i):
            before = word[i - 1] if i else ""
            after = word[i + 1] if i + 1 < len(word) else ""
            if before and before not in _VOWELS:
                out.append("ий" if not after else "ы")
            else:
                out.append("й")
            i += 1
            continue
        for latin, cyrillic in _FROM_LATIN:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]{2,}$")


def transliterate(word: str, table: dict[str, str]) -> str:
    word = word.lower()
    out, i = [], 0
    while i < len(word):
        pair = word[i:i + 2]
        if len(pair) == 2 and pair in table and (i + 2 == len(word)):  # endings only at the end of a word
            out.append(table[pair])
            i += 2
            continue
        out.append(table.get(word[i], word[i]))
        i += 1
    return "".join(out)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def forms(word: str) -> set[str]:
    """Other-script forms of one word (none for a number or a word of another script)."""
    return set(_forms(word))


@lru_cache(maxsize=1 << 16)
def _forms(word: str) -> frozenset[str]:
    # a corpus repeats its words: each is transliterated once per process (the build's worker renders many pages)
    return frozenset(_forms_of(word))


def _forms_of(word: str) -> set[str]:
    if _CYRILLIC.search(word):
        found = {transliterate(word, table) for table in TABLES}
        scholarly = cyrtranslit.to_latin(word.lower(), "ru")
        found |= {scholarly, _plain(scholarly)}
        return {f for f in found if f and f != word.lower()}
    if _LATIN_NAME.match(word):
        return {from_latin(word), cyrtranslit.to_cyrillic(word.lower(), "ru")}
    return set()


def search_forms(words) -> str:
    """The forms of all `words`, sorted and space-separated (deterministic page bytes)."""
    out: set[str] = set()
    for word in set(words):
        out |= _forms(word)
    return " ".join(sorted(out))
