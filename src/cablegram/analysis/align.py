"""Align the units of a translation with the units of each original version.

Numbered points align by number. Between them, the other units align by a Gale–Church style dynamic
programme on length (characters, scaled by the versions' overall length ratio), helped by anchors that
survive translation: numbers, dates and names (Cyrillic and Latin forms of a name share an authority id).
Unnumbered units that follow a numbered point on one side only (the translator merged paragraphs) join
that point's link. Every link carries a method and a certainty; nothing is forced.
"""
from __future__ import annotations

import math
import re

from .cache import dates_in, names_in
from .form import Unit
from .model import Link

_NUMBER = re.compile(r"\d+")
#: bead kind (original units, translation units) -> penalty
BEAD_PENALTY = {(1, 1): 0.0, (2, 1): 1.2, (1, 2): 1.2, (1, 0): 2.5, (0, 1): 2.5}
LENGTH_WEIGHT = 3.0
ANCHOR_WEIGHT = 2.0
NUMBER_MISMATCH = 4.0
#: translation/original length ratio expected from the scripts alone: a CJK character carries about as
#: much as three Latin or Cyrillic ones (measured on the complete bilingual pages of the real corpus)
CJK_WEIGHT = 3.0
#: an observed ratio further than this factor from the expected one means a version is incomplete (the
#: page excerpt ends, or part of a version was lost): the expected ratio is used instead
INCOMPLETE_FACTOR = 1.6
#: units left over at the end of the longer version when the other one is incomplete: their counterpart
#: is simply not on the page, which is not evidence against the links before them
TRAILING_PENALTY = 0.3
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


_anchor_cache: dict[tuple[str, str], frozenset[str]] = {}


def _anchors(unit: Unit, record_date) -> frozenset[str]:
    key = (unit.text, str(record_date))
    if key in _anchor_cache:
        return _anchor_cache[key]
    if len(_anchor_cache) > 10_000:
        _anchor_cache.clear()
    _anchor_cache[key] = found = frozenset(_compute_anchors(unit.text, record_date))
    return found


def _compute_anchors(text: str, record_date) -> set[str]:
    found = set(_NUMBER.findall(text))
    for d in dates_in(text, record_date):
        found.add("date:" + d.when[:10])
        found.difference_update(_NUMBER.findall(text[d.start : d.end]))
    found.update("ref:" + m.ref for m in names_in(text))
    return found


def _similarity(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _script_weight(units: list[Unit]) -> float:
    """Latin-equivalent characters per character of these units' script."""
    text = "".join(u.text for u in units)
    return CJK_WEIGHT if text and len(_CJK.findall(text)) > len(text) / 2 else 1.0


def _segment_links(
    orig: list[Unit], trans: list[Unit], ratio: float, record_date, incomplete: str | None = None
) -> list[tuple[list[Unit], list[Unit], str, str]]:
    """Dynamic programme over one stretch between numbered anchors.

    `incomplete`: "original" or "translation" when that version ends early on the page; the other
    version's units after its end then cost little to leave unlinked.
    """
    n, m = len(orig), len(trans)
    if not n or not m:
        return []
    anchors_o = [_anchors(u, record_date) for u in orig]
    anchors_t = [_anchors(u, record_date) for u in trans]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for (di, dj), penalty in BEAD_PENALTY.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = penalty
                if (dj == 0 and j == m and incomplete == "translation") or (
                    di == 0 and i == n and incomplete == "original"
                ):
                    c = TRAILING_PENALTY
                if di and dj:
                    lo = sum(len(u.text) for u in orig[i:ni])
                    lt = sum(len(u.text) for u in trans[j:nj])
                    misfit = math.log((lt + 20) / (ratio * lo + 20))
                    if (incomplete == "translation" and nj == m and misfit < 0) or (
                        incomplete == "original" and ni == n and misfit > 0
                    ):
                        misfit = 0.0  # the version's last unit is cut: it may only be too short
                    c += LENGTH_WEIGHT * abs(misfit)
                    ao = set().union(*anchors_o[i:ni])
                    at = set().union(*anchors_t[j:nj])
                    c -= ANCHOR_WEIGHT * _similarity(ao, at)
                    if any(u.n for u in orig[i:ni]) != any(u.n for u in trans[j:nj]) or (
                        di == dj == 1 and orig[i].n and trans[j].n and orig[i].n != trans[j].n
                    ):
                        c += NUMBER_MISMATCH  # a numbered point does not pair with another number or none
                if cost[i][j] + c < cost[ni][nj]:
                    cost[ni][nj] = cost[i][j] + c
                    back[ni][nj] = (i, j)
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        if i > pi and j > pj:
            o, t = orig[pi:i], trans[pj:j]
            lo = sum(len(u.text) for u in o)
            lt = sum(len(u.text) for u in t)
            length_fit = abs(math.log((lt + 20) / (ratio * lo + 20)))
            shared = _similarity(set().union(*(_anchors(u, record_date) for u in o)), set().union(*(_anchors(u, record_date) for u in t)))
            if shared > 0 and length_fit < 0.35 and len(o) == len(t) == 1:
                cert, method = "high", "anchors"
            elif length_fit < 0.5 and (len(o) == len(t) or shared > 0):
                # a merge (2:1, 1:2) on length alone is a guess: a short closing formula the structure
                # step left in the text merges as easily as a paragraph the translator joined
                cert, method = "medium", "anchors" if shared > 0 else "length"
            else:
                cert, method = "low", "anchors" if shared > 0 else "length"
            beads.append((o, t, method, cert))
        i, j = pi, pj
    return list(reversed(beads))


def _pair(orig: list[Unit], trans: list[Unit], record_date) -> list[Link]:
    # numbered anchors, kept in increasing order on both sides
    pos_o = {u.n: k for k, u in enumerate(orig) if u.n}
    anchors: list[tuple[int, int]] = []
    for k, u in enumerate(trans):
        if u.n and u.n in pos_o and (not anchors or (pos_o[u.n] > anchors[-1][0] and k > anchors[-1][1])):
            anchors.append((pos_o[u.n], k))
    # length ratio between the languages: from the numbered pairs when there are some (a version may be
    # incomplete, so whole-text totals mislead), else from the whole texts
    pairs = [(orig[a], trans[b]) for a, b in anchors] or [(u, None) for u in orig]
    lo = sum(len(o.text) for o, _ in pairs) or 1
    lt = sum(len(t.text) for _, t in pairs if t is not None) or sum(len(u.text) for u in trans) or 1
    ratio = lt / lo
    expected = _script_weight(orig) / _script_weight(trans)
    incomplete = None
    if not anchors and abs(math.log(ratio / expected)) > math.log(INCOMPLETE_FACTOR):
        incomplete = "translation" if ratio < expected else "original"
        ratio = expected
    links: list[Link] = []
    prev = (-1, -1)
    for ao, at in anchors + [(len(orig), len(trans))]:
        seg_o, seg_t = orig[prev[0] + 1 : ao], trans[prev[1] + 1 : at]
        if prev != (-1, -1):
            # unnumbered units right after a numbered point, where the other side goes straight on to a
            # numbered unit: the translator merged (or split) the point's paragraphs
            while seg_o and seg_o[0].n is None and (not seg_t or seg_t[0].n is not None):
                links.append(Link(trans[prev[1]].xml_id, seg_o.pop(0).xml_id, "continuation", "medium"))
            while seg_t and seg_t[0].n is None and (not seg_o or seg_o[0].n is not None):
                links.append(Link(seg_t.pop(0).xml_id, orig[prev[0]].xml_id, "continuation", "medium"))
        for o_units, t_units, method, cert in _segment_links(
            seg_o, seg_t, ratio, record_date, incomplete if ao == len(orig) else None
        ):
            links += [Link(t.xml_id, o.xml_id, method, cert) for t in t_units for o in o_units]
        if ao < len(orig):
            links.append(Link(trans[at].xml_id, orig[ao].xml_id, "numbered", "high"))
        prev = (ao, at)
    return links


_CERT_ORDER = {"high": 2, "medium": 1, "low": 0}


def align(versions: list[tuple[str, list[Unit]]], record_date) -> tuple[list[Link], dict[str, tuple[tuple[str, ...], str | None]]]:
    """Links between translation and original units, and for each translation unit its @corresp and @cert.

    `versions`: (role, units) of each version, in order; units carry their xml:id.
    """
    originals = [units for role, units in versions if role == "original" and units]
    links: list[Link] = []
    per_unit: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for role, units in versions:
        if role != "translation":
            continue
        for original in originals:
            links += _pair(original, units, record_date)
        for unit in units:
            mine = [l for l in links if l.translation == unit.xml_id]
            corresp = tuple(dict.fromkeys(l.original for l in mine))
            cert = None
            if mine:
                weakest = min(mine, key=lambda l: _CERT_ORDER[l.cert]).cert
                cert = None if weakest == "high" else weakest
            per_unit[unit.xml_id] = (corresp, cert)
    return links, per_unit
