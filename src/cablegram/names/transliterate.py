"""Russian forms derived by documented, deterministic rules, for authority entries no source gives a Russian
form for (docs/authority.md, "Derived forms"). A derived form is marked in the authority file with
``@resp="#derived-…"`` and ``@cert="medium"``; tests recompute every one from the form it was derived from.

- ``palladius(pinyin)``: Chinese pinyin -> Cyrillic by the Palladius system (the standard Russian
  transcription of Chinese): each syllable as initial + final, the syllables of a given name written together
  ('Deng Xiaoping' -> 'Дэн Сяопин').
- ``kontsevich(hangul)``: Hangul -> Cyrillic by the Kontsevich system, simplified: letters by position (initial,
  vowel, final), plain consonants voiced between voiced sounds inside a word, ㄹ as 'р' before a vowel and
  'ль' otherwise; the sound-change rules across syllables (assimilation) are not applied. The surname is one
  word, the given name another ('김두봉' -> 'Ким Дубон').
- ``russian_from_latin(name)``: an English spelling of a Russian name back to Cyrillic (the reverse of the
  common English transliteration): 'Podtserob, Boris Fedorovich' -> 'Подцероб, Борис Федорович'. Used only for
  Soviet persons.

Each function returns None when its input is not wholly in its system (a syllable that is not pinyin, a
character that is not a Hangul syllable, an initial that has no single reading).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

# ---------------------------------------------------------------------------------------------- Palladius
_INITIALS = {
    "zh": "чж", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н",
    "l": "л", "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "r": "ж", "z": "цз", "c": "ц",
    "s": "с", "": "",
}
# finals after a consonant; the 'i' and 'u' finals take their other readings below
_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю",
    "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
    "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "ue": "юэ", "v": "юй", "ve": "юэ",
}
# syllables without an initial, and the y-/w- spellings
_WHOLE = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь", "eng": "эн",
    "er": "эр", "o": "о", "ou": "оу",
    "yi": "и", "ya": "я", "yao": "яо", "ye": "е", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
    "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "yo": "ё",
    "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван",
    "weng": "вэн",
}
# which finals each initial takes (the pinyin syllable table)
_TAKES_I = set("bpmdtnljqx")  # the 'i' finals (ia, ie, iao, iu, ian, in, iang, ing, iong)
_J_Q_X = set("jqx")  # u after j, q, x is ü


@cache
def _syllables() -> dict[str, str]:
    table = dict(_WHOLE)
    for initial, cyr in _INITIALS.items():
        if not initial:
            continue
        for final, fin in _FINALS.items():
            if final.startswith("i") and final != "i" and initial not in _TAKES_I:
                continue
            if initial in _J_Q_X:
                if final[0] in "aoe" or final in ("ong", "ua", "uo", "uai", "ui", "uang", "v", "ve"):
                    continue
                if final.startswith("u"):  # ju, jue, juan, jun: ü
                    fin = {"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}.get(final)
                    if fin is None:
                        continue
            elif final in ("ue", "v", "ve") and initial not in "nl":
                continue
            if final == "i" and initial in ("z", "c", "s"):
                fin = "ы"
            if final == "o" and initial not in "bpmf":
                continue
            if final == "ui" and initial == "h":
                fin = "уэй"  # hui: хуэй
            table[initial + final] = cyr + fin
    return table


def _segment(word: str, table: dict[str, str]) -> list[str] | None:
    """The word as pinyin syllables, longest first with backtracking ('kenong' -> ke+nong), or None."""
    if not word:
        return []
    for size in range(min(6, len(word)), 0, -1):
        head = word[:size]
        if head in table:
            rest = _segment(word[size:], table)
            if rest is not None:
                return [head] + rest
    return None


def _plain(text: str) -> str:
    text = text.replace("ü", "v").replace("Ü", "V")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def palladius(pinyin: str) -> str | None:
    """'Deng Xiaoping' -> 'Дэн Сяопин'; None if a word is not pinyin."""
    table = _syllables()
    out = []
    for word in pinyin.split():
        syllables = []
        for part in re.split(r"['’]", _plain(word).lower().replace("-", "")):  # an apostrophe parts syllables
            found = _segment(part, table) if part.isalpha() else None
            if not found:
                return None
            syllables += found
        cyr = "".join(table[s] for s in syllables)
        out.append(cyr[:1].upper() + cyr[1:])
    return " ".join(out) or None


# ---------------------------------------------------------------------------------------------- Kontsevich
_K_INITIAL = ["к", "кк", "н", "т", "тт", "р", "м", "п", "пп", "с", "сс", "", "ч", "чч", "чх", "кх", "тх", "пх", "х"]
_K_VOICED = {0: "г", 3: "д", 7: "б", 12: "дж"}  # ㄱ ㄷ ㅂ ㅈ between voiced sounds
_K_VOWEL = ["а", "э", "я", "йе", "о", "е", "ё", "йе", "о", "ва", "вэ", "ве", "ё", "у", "во", "ве", "ви", "ю",
            "ы", "ый", "и"]
# finals (27 of them, index 1..27): what each is at the end of a syllable
_K_FINAL = ["", "к", "кк", "кс", "н", "нч", "нх", "т", "ль", "льк", "льм", "льп", "льс", "льтх", "льпх", "льх",
            "м", "п", "пс", "т", "т", "н", "т", "т", "к", "т", "п", "т"]
# a final before a vowel-initial syllable (ㅇ): carried over, voiced
_K_FINAL_BEFORE_VOWEL = {1: "г", 4: "н", 7: "д", 8: "р", 16: "м", 17: "б", 19: "с", 21: "нъ", 22: "дж"}
_VOICED_FINALS = {4, 8, 16, 21}  # ㄴ ㄹ ㅁ ㅇ


def _hangul(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _kontsevich_word(word: str) -> str | None:
    parts = [_hangul(c) for c in word]
    if not parts or None in parts:
        return None
    out = []
    for i, (ini, vowel, final) in enumerate(parts):
        prev = parts[i - 1] if i else None
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        after_voiced = prev is not None and (prev[2] == 0 or prev[2] in _VOICED_FINALS)
        if ini == 11 and prev is not None and prev[2] in _K_FINAL_BEFORE_VOWEL:
            syllable = ""  # the final of the previous syllable was carried over
        elif ini == 5:  # ㄹ: р (word-initial too, as Soviet and Kontsevich practice writes 리 -> Ри)
            syllable = "л" if prev is not None and prev[2] == 8 else "р"
        elif after_voiced and ini in _K_VOICED:
            syllable = _K_VOICED[ini]
        else:
            syllable = _K_INITIAL[ini]
        v = _K_VOWEL[vowel]
        if ini == 11 and v in ("е",) and not syllable:
            v = "э"
        syllable += v
        if final:
            if nxt is not None and nxt[0] == 11 and final in _K_FINAL_BEFORE_VOWEL:
                syllable += _K_FINAL_BEFORE_VOWEL[final]
            elif final == 8 and nxt is not None and nxt[0] == 5:
                syllable += "л"  # ㄹㄹ: лл
            else:
                syllable += _K_FINAL[final]
        out.append(syllable)
    text = "".join(out)
    return text[:1].upper() + text[1:]


def kontsevich(hangul: str, surname_length: int = 1) -> str | None:
    """'김두봉' -> 'Ким Дубон': a personal name as surname + given name (written without a space, or with one);
    other names word by word. None if a character is not a Hangul syllable."""
    words = hangul.split()
    if len(words) == 1 and surname_length and 2 <= len(words[0]) <= 4:
        words = [words[0][:surname_length], words[0][surname_length:]]
    out = [_kontsevich_word(w) for w in words]
    return None if not out or None in out else " ".join(out)


def kontsevich_place(hangul: str) -> str | None:
    """A place name word by word ('평양' -> 'Пхёнъян')."""
    out = [_kontsevich_word(w) for w in hangul.split()]
    return None if not out or None in out else " ".join(out)


# ---------------------------------------------------------------------------------------------- Russian
# longest spellings first; applied left to right
_LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("iye", "ие"), ("iya", "ия"), ("iyu", "ию"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"),
    ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("x", "кс"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("c", "к"), ("'", "ь"), ("’", "ь"),
]
_INITIAL_LETTERS = {"ye": "Е", "ya": "Я", "yu": "Ю", "zh": "Ж", "kh": "Х", "ts": "Ц", "ch": "Ч", "sh": "Ш"}
_VOWELS = set("aeiouy")


def _russian_word(word: str) -> str | None:
    w = word.lower()
    if not re.fullmatch(r"[a-z'’]+", w):
        return None
    w = re.sub(r"sk(?:y|ii|iy|i)$", "skiy", w)  # Vyshinsky, Vyshinskii: -ский
    w = re.sub(r"ii$", "iy", w)                    # Georgii: Георгий
    out, i = [], 0
    while i < len(w):
        c = w[i]
        prev = w[i - 1] if i else ""
        if c == "y" and w[i:i + 2] == "ye" and prev and prev not in _VOWELS:
            out.append("ье")  # Vasilyevich, Yanuaryevich
            i += 2
            continue
        if c == "y" and w[i:i + 2] not in ("yu", "ya", "yo", "ye"):
            # y after a vowel is й (Andrey, -skiy); final after l ий (Vasily); between consonants and at the
            # end after one, ы
            if prev in _VOWELS:
                out.append("й")
            elif i + 1 == len(w):
                out.append("ий" if prev == "l" else "ый")
            else:
                out.append("ы")
            i += 1
            continue
        if c == "i" and prev in _VOWELS and prev and (i + 1 == len(w) or w[i + 1] not in _VOWELS):
            out.append("й")  # Nikolai, Aleksei
            i += 1
            continue
        if c == "e" and i == 0:
            out.append("э")  # Eduard
            i += 1
            continue
        for latin, cyr in _LATIN_TO_CYRILLIC:
            if w.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            return None
    text = "".join(out)
    return text[:1].upper() + text[1:]


def russian_from_latin(name: str) -> str | None:
    """'Podtserob, Boris Fedorovich' -> 'Подцероб, Борис Федорович'; initials as their letters ('N. V.'),
    None for an initial with more than one reading ('Y.', 'E.')."""
    out = []
    for token in re.findall(r"[A-Za-z'’]+\.?|[,\s]+|\S", name):
        if token.strip(", ") == "":
            out.append(token)
        elif re.fullmatch(r"[A-Z][a-z]?\.", token):
            letter = token[:-1].lower()
            if letter in _INITIAL_LETTERS:
                out.append(_INITIAL_LETTERS[letter] + ".")
            elif len(letter) == 1 and letter not in "eyhcqwx":
                out.append(_russian_word(letter).upper() + ".")
            else:
                return None
        elif re.fullmatch(r"[A-Za-z'’]+", token):
            word = _russian_word(token)
            if word is None:
                return None
            out.append(word)
        else:
            return None
    return "".join(out).strip() or None
