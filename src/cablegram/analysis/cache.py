"""Memoised recognizers: a line is classified, marked up and aligned, and asks for its dates and names each time;
the same lines (stamps, distribution lists, form headings) come back in document after document of a corpus."""
from __future__ import annotations

from functools import lru_cache

from ..ingest.dates import DateMatch, find_dates
from .cables import TelegramReference, find_references


@lru_cache(maxsize=16384)
def dates_in(text: str, record_date) -> tuple[DateMatch, ...]:
    return tuple(find_dates(text, record_date=record_date))


@lru_cache(maxsize=16384)
def names_in(text: str) -> tuple:
    """Authority names in a text (a unit's text is read for alignment anchors and for its markup)."""
    from .authority import authority

    return tuple(authority().find(text))


@lru_cache(maxsize=16384)
def references_in(text: str) -> tuple[TelegramReference, ...]:
    """References to other telegrams in a text (they depend on the text alone)."""
    return tuple(find_references(text))
