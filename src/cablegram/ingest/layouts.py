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

from .rules import table


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


@cache
def _compiled() -> tuple:
    out = []
    for entry in table("layout")["layout"]:
        cues = tuple((re.compile(c["pattern"], re.M), float(c.get("weight", 1)), int(c.get("within", 0)),
                      bool(c.get("absent", False)), c["pattern"]) for c in entry["cues"])
        interface = tuple(re.compile(p) for p in entry.get("interface", ()))
        out.append((entry, cues, interface))
    return tuple(out)


def _head(text: str, lines: int) -> str:
    parts = [l for l in text.split("\n") if l.strip()][:lines]
    return "\n".join(parts) + "\n"


def detect_layout(text: str) -> LayoutMatch:
    """Score every layout of the table against the raw text; the best wins (ties: the earlier entry)."""
    scored = []
    heads: dict[int, str] = {}  # the first N lines, made once per N (many cues look at the same head)
    for entry, cues, _ in _compiled():
        total = found = 0.0
        hits = []
        for pattern, weight, within, absent, source in cues:
            total += weight
            if within and within not in heads:
                heads[within] = _head(text, within)
            hay = heads[within] if within else text
            present = bool(pattern.search(hay))
            if present != absent:
                found += weight
                hits.append(source if not absent else f"not {source}")
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
