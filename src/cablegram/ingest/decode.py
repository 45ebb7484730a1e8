"""Bytes → text: detect the encoding (UTF-8 with or without BOM, Windows-1251, KOI8-R), refuse the rest.

A wrong guess must never pass silently: single-byte Cyrillic encodings are told apart by how Russian text
looks when decoded (common words, letter case), and an input that is neither clearly one nor the other is
refused with a message rather than decoded into mojibake.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: Largest text export accepted (a telegram export is a few tens of kB).
MAX_TEXT_BYTES = 2 * 1024 * 1024

# Frequent short Russian words: decoded with the right codec a Russian text is full of them.
_RUSSIAN_WORDS = re.compile(
    r"(?<!\w)(?:и|в|не|на|что|с|по|о|к|из|за|от|для|это|как|мы|вы|он|они|то|так|все|его|их|но|же|бы|тов|№)(?!\w)",
    re.IGNORECASE,
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_LOWER = re.compile(r"[а-яё]")
_WORD = re.compile(r"[^\W\d_]+")


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why (without the file name)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # 'utf-8', 'utf-8-sig', 'windows-1251', 'koi8-r'
    newline: str  # '\n', '\r\n', '\r' or 'mixed'


# control bytes that no text export holds (tab, line feed, form feed and carriage return are text)
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # the control bytes, counted in C
    return controls > max(4, len(sample) // 100)


def _russian_score(text: str) -> float:
    """How much a decoded text looks like Russian: frequent words per Cyrillic letter, weighted by lower case."""
    letters = _CYRILLIC.findall(text)
    if not letters:
        return 0.0
    # Mojibake of a Latin-script text puts Cyrillic letters inside Latin words ('cafИ'): Russian has none.
    mixed = sum(1 for w in _WORD.findall(text) if _CYRILLIC.search(w) and re.search(r"[A-Za-z]", w))
    pure = sum(1 for w in _WORD.findall(text) if _CYRILLIC.search(w) and not re.search(r"[A-Za-z]", w))
    if pure < 3 or mixed > pure * 0.05:
        return 0.0
    lower_share = len(_CYRILLIC_LOWER.findall(text)) / len(letters)
    words = len(_RUSSIAN_WORDS.findall(text))
    return (words / max(1, len(letters)) * 100) * (0.2 + lower_share)


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    return kinds[0] if len(kinds) == 1 else ("\n" if not kinds else "mixed")


def decode(data: bytes) -> Decoded:
    """Decode an export; line endings become '\\n'. Raises DecodeError with a plain reason."""
    if not data or not data.strip():
        raise DecodeError("file is empty")
    if len(data) > MAX_TEXT_BYTES:
        raise DecodeError(f"file is {len(data):,} bytes, above the limit of {MAX_TEXT_BYTES:,} bytes for one export")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, text = "utf-16", data.decode("utf-16")
    elif _looks_binary(data):
        raise DecodeError("binary file (NUL or control bytes), not a text export")
    elif data.startswith(codecs.BOM_UTF8):
        encoding, text = "utf-8-sig", _strict(data, "utf-8-sig")
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError as exc:
            encoding, text = _single_byte_cyrillic(data, exc)
    newline = _newline_style(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DecodeError("file has no text")
    return Decoded(text=text, encoding=encoding, newline=newline)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"declares UTF-8 (byte order mark) but byte {exc.start} is not valid UTF-8") from None


def _single_byte_cyrillic(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    candidates = {}
    for encoding in ("windows-1251", "koi8-r"):
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    scores = {enc: _russian_score(text) for enc, text in candidates.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if ranked and ranked[0][1] >= 1.0 and (len(ranked) == 1 or ranked[0][1] >= 2 * max(ranked[1][1], 0.01)):
        best = ranked[0][0]
        return best, candidates[best]
    raise DecodeError(
        f"not valid UTF-8 (byte {utf8_error.start}), and not recognisably Windows-1251 or KOI8-R Russian text; "
        "convert it to UTF-8 first (e.g. iconv -f ENCODING -t UTF-8)"
    )
