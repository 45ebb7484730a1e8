"""Load the recognition tables (TOML data files next to this module) once."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def table(name: str) -> dict:
    with open(DATA_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@cache
def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@cache
def required_text(pattern: re.Pattern[str]) -> str:
    """The longest run of plain characters that every match of `pattern` holds ('' when none is known).

    A text without it cannot match: `in` tells that far faster than a search, which tries the pattern at
    every position of the text ('^...' and lookbehinds give the regex engine nothing to skip ahead with).
    Only the pattern's top level is read (a character there is never optional: '?' or '*' would wrap it)."""
    try:
        from re import _constants, _parser  # the standard library's own regex parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - another Python's internals: no shortcut, same answers
        return ""
    if parsed.state.flags & re.IGNORECASE:
        return ""  # case variants: a plain substring test would miss them
    best = run = ""
    for op, value in parsed.data:
        run = run + chr(value) if op is _constants.LITERAL else ""
        best = max(best, run, key=len)
    return best
