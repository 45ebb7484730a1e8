"""The analysis stage's speed devices give the answers of the plain tests they stand in for: the capitals of a
line counted on its bytes, the prose test that stops reading early, the cheap tests before the telegram
reference patterns (case-sensitive searches in the lower-case text). Written in our own words."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from cablegram.analysis import cables, form, sequence

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "examples" / "texts").glob("*.txt")) + sorted((ROOT / "tests" / "test_real_layouts").glob("*.txt"))


def _lines() -> list[str]:
    return [line for p in TEXTS for line in p.read_text(encoding="utf-8", errors="replace").splitlines()]


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(count)]


# letters whose case Python treats specially: titlecase digraphs, a Roman numeral and a circled letter (upper
# case but not letters), final sigma, dotted and dotless i, sharp s, Kelvin sign
_ODD_CASES = "ǅǈǲⅠⒶΣσςİıßẞKÅ"
_CP1251 = bytes(range(256)).decode("cp1251", errors="ignore")


def _uppercase_line(text: str) -> bool:
    """The plain definition: at least three letters, four in five of them capitals, brackets aside."""
    letters = [c for c in re.sub(r"\[[^\]]*\]", "", text) if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


@pytest.mark.parametrize("alphabet", ["aAbBzZ[] 1.,_~@{", "aAяЯЖж [].," + _ODD_CASES, _CP1251, _CP1251 + "三한",
                                      "".join(map(chr, range(0x500)))])
def test_capitals_counted_on_bytes_are_the_letters_capitals(alphabet):
    for text in _random_texts(alphabet, 20000, seed=len(alphabet)):
        assert sequence.is_uppercase_line.__wrapped__(text) == _uppercase_line(text), text


def test_capitals_on_real_lines():
    for text in _lines():
        assert sequence.is_uppercase_line.__wrapped__(text) == _uppercase_line(text), text


def _prose(text: str) -> bool:
    """The plain prose test, every word read."""
    han = len(form._HAN.findall(text))
    if han >= 6 and han >= len(text) / 2:
        return bool(form._HAN_PUNCTUATION.search(text))
    lower_words = [w for w in re.findall(r"[^\W\d_]+", text) if w[0].islower() and len(w) >= 3]
    if len(text) >= 40:
        return len(lower_words) >= 2
    return any(len(w) >= 4 for w in lower_words) and bool(re.search(r"[.,;:!?…]$", text))


def test_prose_test_that_stops_early_answers_as_the_plain_one():
    rnd = random.Random(7)
    words = "a an The the telegram Ваш ваш ab abc abcd Abcd ABCD ǅa ǆabc 1951 . , ; 电报 关于 。 ! ? … x_y".split()
    texts = [" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 15))) for _ in range(20000)] + _lines()
    for text in texts:
        assert form._is_prose.__wrapped__(text) == _prose(text), text


# the cheap tests before the reference patterns, written the plain (case-insensitive) way
_CUE = re.compile(r"(?i:\b(?:your|my|our|his|their)\b)|[Вв]аш|[Мм]о[яюейи]|[Нн]аш|[Ее]го|[Ии]х|电")
_OBJECT = re.compile(r"(?i:telegram|cable|wire|dispatch|message|ciphergram|number|\bnos?\b|n[º°]|№|#|телеграмм|шифровк|депеш)"
                     r"|\bN\s*\d|电")


def _may_refer(text: str) -> bool:
    return bool(_CUE.search(text) and _OBJECT.search(text))


def test_reference_cues_in_the_lower_case_text_answer_as_the_case_insensitive_ones():
    rnd = random.Random(11)
    words = ("your Your YOUR yOur my My our OUR his HIS hiſ hİs hıs their telegram TELEGRAM Cable wire WİRE dispatch "
             "message ciphergram number No no. Nos N 5 N5 n5 # yours mymy this history ournos, nos. NO Nº n° № Ваш ваш "
             "ВАШ Мое мою моЯ наш Наш его Его Их их ИХ телеграмму ТЕЛЕГРАММА шифровка ШИФРОВКУ депеша ᲀаш тᲄлеграмм "
             "电 电报 Ǆ ß K").split()
    texts = _lines()
    for _ in range(30000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 6)))
        texts.append(text.replace(" ", rnd.choice([" ", "", "_", "-", "Я", "z", "1"]), rnd.randint(0, 3)))
    for text in texts:
        assert cables._may_refer(text) == _may_refer(text), text


def test_every_letter_that_a_case_insensitive_cue_matches_is_folded_by_lower_or_sent_the_slow_way():
    """A character matched case-insensitively by a letter of the cues but not lower-cased to it (re._casefix:
    'ſ', 'ı', 'İ', old Cyrillic letter forms) makes the text take the case-insensitive patterns."""
    words = "your my our his their telegram cable wire dispatch message ciphergram number nos nº° № # телеграмм шифровк депеш"
    letters = set(words.replace(" ", ""))
    any_case = re.compile("(?i:[" + re.escape("".join(sorted(letters))) + "])")
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if any_case.fullmatch(char) and char.lower() not in letters:
            assert cables._LOWER_CASE_EXCEPTIONS.search(char), hex(code)
