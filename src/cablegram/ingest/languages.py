"""The language of a version's text: script first, then lingua-language-detector among a small set.

Detection runs once per version on a sample of its text, with a restricted language set per script
(Latin: English, the European languages of the archives and Vietnamese; Cyrillic: Russian, Bulgarian, Mongolian,
Ukrainian, Serbian), so it stays fast; Han, kana and Hangul decide Chinese, Japanese and Korean alone.
"""
from __future__ import annotations

import re
from functools import cache

# Runs of each script's characters: a run's characters are counted at once (the summed lengths of the runs
# found), several times faster than finding them one by one
_CYR = re.compile(r"[\u0400-\u04ff]+")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]+")
# A character at or above U+0400 (the lowest Cyrillic), and one at or above U+1100 (the lowest of the Han,
# kana and Hangul ranges): a text without one has no characters of those scripts
_FROM_CYRILLIC_UP = re.compile(r"[^\x00-\u03ff]")
_FROM_FAR_EAST_UP = re.compile(r"[^\x00-\u10ff]")
_BRACKETED = re.compile(r"\[[^\]]*\]")

#: characters of the version's text given to the detector (enough for a stable answer, fast)
SAMPLE_CHARS = 1200
#: English text carries accented Latin letters only in names: at most this share of its letters
MAX_ENGLISH_ACCENTS = 0.006
_NON_ASCII_LATIN = re.compile(r"[\u00c0-\u024f]")
_RUSSIAN_ONLY = re.compile(r"[ыэъЫЭЪ]")
_OTHER_CYRILLIC = re.compile(r"[өүӨҮіїєІЇЄјљњћђЈЉЊЋЂ]")

_LATIN = ("ENGLISH", "GERMAN", "HUNGARIAN", "POLISH", "CZECH", "ROMANIAN", "FRENCH", "ITALIAN", "SPANISH",
          "VIETNAMESE")
_CYRILLIC = ("RUSSIAN", "BULGARIAN", "MONGOLIAN", "UKRAINIAN", "SERBIAN")


# Every byte that is not an ASCII letter: deleting them from an ASCII text leaves its letters, counted in C
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isalpha() or b > 127)


def _count(runs: re.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


def script_counts(text: str) -> dict[str, int]:
    # Scripts the text cannot hold (see _FROM_CYRILLIC_UP) are not scanned for (same counts).
    cyrillic = _FROM_CYRILLIC_UP.search(text) is not None
    far_east = cyrillic and _FROM_FAR_EAST_UP.search(text) is not None
    return {"cyr": _count(_CYR, text) if cyrillic else 0, "lat": _count(_LAT, text),
            "han": _count(_HAN, text) if far_east else 0, "kana": _count(_KANA, text) if far_east else 0,
            "hangul": _count(_HANGUL, text) if far_east else 0}


def script_of(text: str) -> tuple[str | None, int]:
    """The dominant script of a text and its weight in letters (a Han character counts as three letters)."""
    if text.isascii():  # the common case, without counting every script
        letters = len(text.encode("ascii").translate(None, _NOT_ASCII_LETTER))  # = sum(ch.isalpha() for ch in text)
        return ("lat", letters) if letters >= 3 else (None, 0)
    counts = script_counts(text)
    weights = {"cyr": counts["cyr"], "lat": counts["lat"], "han": 3 * (counts["han"] + counts["kana"]),
               "hangul": 3 * counts["hangul"]}
    script = max(weights, key=lambda k: (weights[k], k))
    if weights[script] < 3:
        return None, 0
    return script, weights[script]


@cache
def _detector(script: str):
    from lingua import Language, LanguageDetectorBuilder

    names = _LATIN if script == "lat" else _CYRILLIC
    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names)).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('und' when there is no text to judge)."""
    sample = _BRACKETED.sub(" ", text)  # editorial insertions are the translator's, not the text's language
    script, _ = script_of(sample)
    if script is None:
        return "und"
    if script == "hangul":
        return "ko"
    if script == "han":
        counts = script_counts(sample)
        return "ja" if counts["kana"] > 0.1 * counts["han"] else "zh"
    default = "en" if script == "lat" else "ru"
    sample = sample[:SAMPLE_CHARS]
    # Fast answers that the detector would give anyway: Latin text with no letter outside ASCII is English
    # (German, Hungarian, Polish, Czech, Romanian, French text of this length always has some); Cyrillic
    # with letters only Russian uses and none of the other languages' letters is Russian.
    if script == "lat" and len(_NON_ASCII_LATIN.findall(sample)) <= MAX_ENGLISH_ACCENTS * sum(map(str.isalpha, sample)):
        return "en"  # accented letters only in a few names ('Kádas István'): English
    if script == "cyr" and _RUSSIAN_ONLY.search(sample) and not _OTHER_CYRILLIC.search(sample):
        return "ru"
    try:
        found = _detector(script).detect_language_of(sample)
    except ImportError:  # pragma: no cover - lingua is a declared dependency
        return default
    if found is None:
        return default
    return found.iso_code_639_1.name.lower()
