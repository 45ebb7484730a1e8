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


class _Unknown(Exception):
    """A pattern construct first_chars does not read."""


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A regex of one character ('[\\d"«]'): every character a match of `pattern` (compiled with `flags`) can
    begin with matches it (some more do, never fewer), or None when that is not known: a pattern that may
    match nothing, one that may begin with any character ('.', '[^…]') or a construct not read here.
    Compiled with `flags` but re.IGNORECASE (it says itself where case does not matter: '(?i:[дм])'), it finds
    where a match can start, so that a pattern need not be tried at every position of a text.

    Every digit stands for all ('[012]' is '[\\d]'): patterns that begin alike share one class."""
    try:
        from re import _constants, _parser  # the standard library's own regex parser

        parsed = _parser.parse(pattern, flags)
        items: set[tuple] = set()  # ('char', c), ('range', low, high) or ('category', r'\d')
        if _first(parsed.data, items, _constants):
            return None  # the whole pattern may match nothing
    except _Unknown:
        return None
    except Exception:  # pragma: no cover - another Python's internals: no shortcut, same answers
        return None
    digits = {item for item in items if _ascii_digits(item)}
    if digits:
        items = items - digits | {("category", r"\d")}
    chars = [c for item in items if item[0] != "category" for c in map(chr, range(ord(item[1]), ord(item[-1]) + 1))]
    klass = "[" + "".join(sorted(map(_class_item, items))) + "]"
    cased = any(c.lower() != c or c.upper() != c for c in chars)
    return f"(?i:{klass})" if cased and flags & re.IGNORECASE else klass


def _ascii_digits(item: tuple) -> bool:
    return item[0] != "category" and "0" <= item[1] and item[-1] <= "9"  # ('char', '7'), ('range', '0', '5')


def _class_item(item: tuple) -> str:
    if item[0] == "category":
        return item[1]
    return "-".join(re.escape(c) for c in item[1:])  # 'a' or 'a-z'


def _first(sequence, items: set[tuple], k) -> bool:
    """Add to `items` the characters that can begin `sequence`; whether `sequence` may match nothing."""
    categories = {k.CATEGORY_DIGIT: r"\d", k.CATEGORY_NOT_DIGIT: r"\D", k.CATEGORY_SPACE: r"\s",
                  k.CATEGORY_NOT_SPACE: r"\S", k.CATEGORY_WORD: r"\w", k.CATEGORY_NOT_WORD: r"\W"}
    for op, value in sequence:
        if op is k.LITERAL:
            items.add(("char", chr(value)))
            return False
        if op is k.IN:
            for item_op, item in value:
                if item_op is k.LITERAL:
                    items.add(("char", chr(item)))
                elif item_op is k.RANGE:
                    items.add(("range", chr(item[0]), chr(item[1])))
                elif item_op is k.CATEGORY and item in categories:
                    items.add(("category", categories[item]))
                else:
                    raise _Unknown  # a negated class: almost any character
            return False
        if op is k.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if add_flags or del_flags:
                raise _Unknown  # '(?i:…)': other case rules inside
            if not _first(inner.data, items, k):
                return False
        elif op is k.ATOMIC_GROUP:
            if not _first(value.data, items, k):
                return False
        elif op is k.BRANCH:
            if not any([_first(alternative.data, items, k) for alternative in value[1]]):
                return False  # (a list: every alternative adds its items)
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
            least, _most, inner = value
            if not _first(inner.data, items, k) and least > 0:
                return False
        elif op not in (k.AT, k.ASSERT, k.ASSERT_NOT):  # zero width: what follows begins the match
            raise _Unknown
    return True


def caret_first(pattern: str) -> bool:
    """Whether `pattern` is a '^' and then the rest of it, for every match: it begins with '^', and no '|' at
    its top level offers a match without it ('^a|b')."""
    if not pattern.startswith("^"):
        return False
    try:
        from re import _constants, _parser

        return _parser.parse(pattern).data[0] == (_constants.AT, _constants.AT_BEGINNING)
    except Exception:  # pragma: no cover - another Python's internals: no shortcut, same answers
        return False
