"""Decoding: UTF-8 with or without BOM, Windows-1251 and KOI8-R detected, everything else refused."""
from __future__ import annotations

import pytest

from cablegram.ingest.decode import DecodeError, decode
from conftest import EXAMPLES

RUSSIAN = EXAMPLES[4].read_text(encoding="utf-8").replace("№", "N").replace("—", "-")


def test_utf8_is_read_as_is():
    assert decode("Товарищ Филиппов!\n".encode()).text == "Товарищ Филиппов!\n"


def test_utf8_byte_order_mark_is_removed():
    decoded = decode(b"\xef\xbb\xbf" + "Привет".encode())
    assert decoded.text == "Привет" and decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r"])
def test_single_byte_cyrillic_is_detected_not_guessed(encoding):
    decoded = decode(RUSSIAN.encode(encoding))
    assert decoded.encoding == encoding
    assert decoded.text == RUSSIAN


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_any_line_ending_becomes_a_newline(newline):
    decoded = decode(RUSSIAN.replace("\n", newline).encode())
    assert decoded.text == RUSSIAN and decoded.newline == newline


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("déjà vu, très café à côté".encode("latin-1"), "not valid UTF-8"),
        ("Привет".encode("cp1251"), "not valid UTF-8"),  # too short to tell 1251 from KOI8-R: refused
    ],
)
def test_unreadable_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)


def test_huge_input_is_refused():
    with pytest.raises(DecodeError, match="above the limit"):
        decode(b"a" * (3 * 1024 * 1024))
