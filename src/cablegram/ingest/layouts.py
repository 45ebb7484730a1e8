"""Export layouts as data (`data/layout.toml`, `[[layout]]`), detected by score, not by first match.

Every cue of a layout found in the text adds its weight; the layout's score is the share of its cue
weight found. The best layout decides how the record is read (`reader`) and which interface words are
dropped; below `[layout_detection] min_score` the export is read best-effort and a warning names the
closest layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice

from .rules import caret_first, required_text, table


@dataclass(frozen=True)
class LayoutMatch:
    name: str
    score: float  # 0..1, the share of the layout's cue weight found
    reader: str  # 'labelled', 'flat' or 'current'
    description: str
    cues: tuple[str, ...]  # the patterns that were found (for --explain)
    known: bool  # False: no layout reached min_score (best effort; `name` is the closest)
    runner_up: str = ""
    runner_up_score: float = 0.0


@dataclass(frozen=True)
class _Cue:
    source: str  # the pattern as the table writes it (named in LayoutMatch.cues)
    search: re.Pattern[str]  # what is searched: see _cue
    at_line_start: bool  # `search` is '\n' + the pattern after its '^', searched in '\n' + the text
    required: str  # text every match holds (rules.required_text): a text without it lacks the cue
    weight: float
    within: int
    absent: bool


def _cue(spec: dict) -> _Cue:
    source = spec["pattern"]
    pattern = re.compile(source, re.M)
    # A cue that starts at a line start ('^Search in$') is searched as '\nSearch in$' in the text behind a
    # newline: the same matches, but the regex engine then tries it only where a line starts (a literal
    # first character lets it skip ahead) instead of at every character. Not for a cue that looks behind
    # its start or names the text's start: the added newline would change what those see.
    at_line_start = caret_first(source) and "(?<" not in source and "\\A" not in source
    search = re.compile("\n" + source[1:], re.M) if at_line_start else pattern
    return _Cue(source, search, at_line_start, required_text(pattern), float(spec.get("weight", 1)),
                int(spec.get("within", 0)), bool(spec.get("absent", False)))


@cache
def _compiled() -> tuple:
    out = []
    for entry in table("layout")["layout"]:
        cues = tuple(_cue(c) for c in entry["cues"])
        interface = tuple(re.compile(p) for p in entry.get("interface", ()))
        out.append((entry, cues, interface))
    return tuple(out)


def _head(lines: list[str], count: int) -> str:
    """The first `count` non-blank lines of the text split into `lines`, each ending in a newline."""
    return "\n".join(islice((line for line in lines if line.strip()), count)) + "\n"


def detect_layout(text: str) -> LayoutMatch:
    """Score every layout of the table against the raw text; the best wins (ties: the earlier entry)."""
    scored = []
    heads: dict[int, str] = {0: text}  # the first N lines, made once per N (many cues look at the same head)
    behind_newline: dict[int, str] = {}  # '\n' + a head, for the cues searched at line starts
    lines: list[str] = []
    for entry, cues, _ in _compiled():
        total = found = 0.0
        hits = []
        for cue in cues:
            total += cue.weight
            if cue.within not in heads:
                lines = lines or text.split("\n")
                heads[cue.within] = _head(lines, cue.within)
            hay = heads[cue.within]
            # most cues are absent from most exports: a substring test rules them out without a search
            present = cue.required in hay
            if present and cue.at_line_start:
                if cue.within not in behind_newline:
                    behind_newline[cue.within] = "\n" + hay
                present = cue.search.search(behind_newline[cue.within]) is not None
            elif present:
                present = cue.search.search(hay) is not None
            if present != cue.absent:
                found += cue.weight
                hits.append(cue.source if not cue.absent else f"not {cue.source}")
        scored.append((round(found / total, 3) if total else 0.0, entry, tuple(hits)))
    best_index = max(range(len(scored)), key=lambda i: (scored[i][0], -i))
    score, entry, hits = scored[best_index]
    others = sorted((s for i, s in enumerate(scored) if i != best_index), key=lambda s: -s[0])
    runner = others[0] if others else (0.0, {"name": ""}, ())
    known = score >= float(table("layout")["layout_detection"]["min_score"])
    return LayoutMatch(entry["name"], score, entry.get("reader", "labelled"), entry.get("description", ""), hits,
                       known, runner[1]["name"], runner[0])


def interface_patterns(name: str) -> tuple[re.Pattern, ...]:
    for entry, _, interface in _compiled():
        if entry["name"] == name:
            return interface
    return ()


def layout_names() -> tuple[str, ...]:
    return tuple(entry["name"] for entry, _, _ in _compiled())


def is_site_page(name: str) -> bool:
    """The layout is the archive site's own page text (so the archive published it)."""
    return any(entry["name"] == name and entry.get("site_page", False) for entry, _, _ in _compiled())
