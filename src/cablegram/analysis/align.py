"""Align the units of a translation with the units of each original version.

Numbered points align by number: "(一)", "1." and "I." are the same point, "а)" and "a)" the same
sub-point; when a number comes back (a forwarded or quoted text numbers its own points), the longest
common subsequence of the two versions' numbers decides which occurrence pairs with which. Between
them, the other units align by a Gale–Church style dynamic programme on length (characters, scaled by
the versions' overall length ratio), helped by anchors that survive translation: numbers, dates and names
(Cyrillic and Latin forms of a name share an authority id). Unnumbered units that follow a numbered point
on one side only (the translator merged paragraphs) join that point's link. A link may join one unit
with up to MAX_MERGE units of the other version (a translator cuts a long paragraph into several, or
joins several), when the lengths or anchors of the whole fit clearly better than any one-to-one pair.
Every link carries a method and a certainty; nothing is forced.

A version whose last unit stops in mid-sentence was cut by the page: that unit may only be shorter than
its counterpart, and the two versions' last units stay out of the length ratio.

What a version holds that the other does not costs little to leave unlinked when it is short: an address
line or a closing formula the structure step left in the text of one version only, a point the excerpt
cut off. A version that numbers none of its points (the translator turned them into bullets or prose)
says nothing about numbers, so numbering is only evidence when both versions number.
"""
from __future__ import annotations

import math
import re

from .cache import dates_in, names_in
from .form import Unit
from .model import Link

_NUMBER = re.compile(r"\d+")
#: a translator may cut one long paragraph into several (or join several into one): a link joins one
#: unit with up to this many units of the other version
MAX_MERGE = 6
#: what each unit beyond the second adds to a merge's penalty
MERGE_STEP = 0.4
#: bead kind (original units, translation units) -> penalty
BEAD_PENALTY = {(1, 1): 0.0, (1, 0): 2.5, (0, 1): 2.5}
for _k in range(2, MAX_MERGE + 1):
    BEAD_PENALTY[(_k, 1)] = BEAD_PENALTY[(1, _k)] = 1.2 + MERGE_STEP * (_k - 2)
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
#: leaving a unit unlinked costs at least this much; a unit as long as its version's typical unit costs
#: the full (1, 0)/(0, 1) bead penalty. A short leftover (an address line, "With greetings,") is then
#: cheaper to leave alone than to glue onto a neighbour's link.
SKIP_MIN = 0.6
#: a two-to-one link must fit at least this much better than its best one-to-one pair
MERGE_GAIN = 0.3
#: a ratio re-estimated from the one-to-one links that differs from the whole-text one by more than this
#: (log) is used for a second pass
REFINE_RATIO = 0.1

#: point numbers in the numeral systems the form tables recognise (ingest/data/form.toml): Arabic,
#: Roman, Chinese numerals are one sequence ("n"); Latin and Cyrillic letters are sub-points ("l")
_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LETTERS = ("abcdefghijklmnopqrstuvwxyz", "абвгдежзиклмнопрстуфхцчшщэюя")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def point_key(n: str | None) -> tuple[str, int] | None:
    """The comparable form of a point number: ("n", ordinal) or ("l", ordinal); None if not a number."""
    if not n:
        return None
    n = n.strip().strip("().（）、").translate(_FULLWIDTH)
    if n.isdigit():
        return ("n", int(n))
    if n and all(c in _CJK_DIGITS or c == "十" for c in n):
        if "十" in n:
            tens, _, ones = n.partition("十")
            return ("n", (_CJK_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CJK_DIGITS.get(ones, 0) if ones else 0))
        return ("n", _CJK_DIGITS[n]) if len(n) == 1 else None
    if len(n) >= 2 and n.islower() and all(c.upper() in _ROMAN for c in n):
        n = n.upper()  # 'ii', 'iv': small Roman numerals (a single 'i', 'v' or 'x' stays a sub-point letter)
    if n and all(c in _ROMAN for c in n):
        values = [_ROMAN[c] for c in n]
        return ("n", sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values)))
    if len(n) == 1:
        for alphabet in _LETTERS:
            if n.lower() in alphabet:
                return ("l", alphabet.index(n.lower()) + 1)
    return None


def _numbered_anchors(orig: list[Unit], trans: list[Unit]) -> list[tuple[int, int]]:
    """Pairs (original index, translation index) of units with the same point number, in increasing order on
    both sides: the longest common subsequence of the two number sequences, so that a number repeated in a
    forwarded text pairs occurrence with occurrence instead of binding to the first or last one."""
    seq_o = [(k, point_key(u.n)) for k, u in enumerate(orig) if point_key(u.n)]
    seq_t = [(k, point_key(u.n)) for k, u in enumerate(trans) if point_key(u.n)]
    n, m = len(seq_o), len(seq_t)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = (best[i + 1][j + 1] + 1 if seq_o[i][1] == seq_t[j][1]
                          else max(best[i + 1][j], best[i][j + 1]))
    anchors, i, j = [], 0, 0
    while i < n and j < m:
        if seq_o[i][1] == seq_t[j][1] and best[i][j] == best[i + 1][j + 1] + 1:
            anchors.append((seq_o[i][0], seq_t[j][0]))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return anchors


_TITLE_WORDS = re.compile(r"[^\W\d_]{2,}")
#: a unit whose words are at least this share words of the record title is the title repeated as a
#: heading over the text (translations of published collections do this; the original's heading is
#: usually recognised as such), not message text
HEADING_OVERLAP = 0.7


#: a unit that opens with an editorial note mark ("[1] ...", "〔2〕 ...") holds the editors' notes the
#: structure step left in the text: not message text (numbered points use round brackets or a dot)
_NOTE_START = re.compile(r"^\s*[\[〔［【]\d{1,3}[\]〕］】]")
#: the address the structure step left in the text: a version's first unit that is one short line ending
#: in a colon ("Comrade Shvernik:", "…什维尔尼克同志:"), perhaps with a note mark. It opens the text in
#: one version while the other may give it as an address line (not a unit), so it is not message text: in
#: the length ratio it would make the version look longer than its text and hide that the page cut it.
_ADDRESS = re.compile(r"^[^\n.!?。！？]{2,60}[:：]\s*(?:[\[〔［【]\d{1,3}[\]〕］】])?\s*$")


def _is_heading(unit: Unit, title_words: set[str]) -> bool:
    words = [w.casefold() for w in _TITLE_WORDS.findall(unit.text)]
    return bool(title_words) and len(words) >= 3 and sum(w in title_words for w in words) >= HEADING_OVERLAP * len(words)


def _skip_costs(units: list[Unit], full: float, title: str | None = None) -> list[float]:
    """What leaving each unit unlinked costs: in proportion to its length against the version's typical
    (median) unit, between SKIP_MIN and the full bead penalty. The record title repeated as a heading,
    an address opening the text (see _ADDRESS) and editorial notes cost nothing to leave alone (0.0 marks them: they never join a merge and do not count
    in the length ratio)."""
    lengths = sorted(len(u.text) for u in units)
    typical = max(lengths[len(lengths) // 2], 1) if lengths else 1
    title_words = {w.casefold() for w in _TITLE_WORDS.findall(title or "")}
    return [0.0 if _is_heading(u, title_words) or _NOTE_START.match(u.text) or (k == 0 and _is_address(u))
            else SKIP_MIN + (full - SKIP_MIN) * min(1.0, len(u.text) / typical) for k, u in enumerate(units)]


def _is_address(unit: Unit) -> bool:
    return not unit.n and bool(_ADDRESS.match(unit.text.strip()))


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


#: how a unit that ends where its text ends looks: a sentence mark, a closing quote or bracket, a colon;
#: the last unit of a version that ends otherwise (in a word, after a comma) was cut by the page
_ENDS_TEXT = re.compile(r"[.!?…:;。！？：；»\"”’')\]）】〕」』]\s*$")


def _cut_short(units: list[Unit], known_complete: bool) -> bool:
    """Whether the version's last unit stops in mid-sentence (the page excerpt ends inside it): it may then
    only be shorter than its counterpart, never longer."""
    return bool(units) and not known_complete and not _ENDS_TEXT.search(units[-1].text)


def _script_weight(units: list[Unit]) -> float:
    """Latin-equivalent characters per character of these units' script."""
    text = "".join(u.text for u in units)
    return CJK_WEIGHT if text and len(_CJK.findall(text)) > len(text) / 2 else 1.0


def _fit(lo: int, lt: int, anchors_o: frozenset[str], anchors_t: frozenset[str], ratio: float, t_cut: bool,
         o_cut: bool) -> float:
    """How well units of lo and lt characters (with these anchors) fit as one link: length misfit against the
    expected ratio, less shared anchors. `t_cut`/`o_cut`: that side's last unit is cut by the page, so it may
    only be too short."""
    misfit = math.log((lt + 20) / (ratio * lo + 20))
    if (t_cut and misfit < 0) or (o_cut and misfit > 0):
        misfit = 0.0
    return LENGTH_WEIGHT * abs(misfit) - ANCHOR_WEIGHT * _similarity(anchors_o, anchors_t)


class _Stretch:
    """Per-range facts of one version's units in a stretch, each from prefix counts or computed once: the DP
    asks for the same ranges many times (every bead ending there)."""

    def __init__(self, units: list[Unit], anchors: list[frozenset[str]], skips: list[float]) -> None:
        self.units, self.anchors = units, anchors
        self.length_upto, self.numbered_upto, self.free_upto = [0], [0], [0]
        for unit, skip in zip(units, skips):
            self.length_upto.append(self.length_upto[-1] + len(unit.text))
            self.numbered_upto.append(self.numbered_upto[-1] + bool(unit.n))
            self.free_upto.append(self.free_upto[-1] + (skip == 0.0))  # headings, notes: cost nothing to skip
        self._unions: dict[tuple[int, int], frozenset[str]] = {}

    def length(self, start: int, stop: int) -> int:
        return self.length_upto[stop] - self.length_upto[start]

    def any_numbered(self, start: int, stop: int) -> bool:
        return self.numbered_upto[stop] > self.numbered_upto[start]

    def any_free(self, start: int, stop: int) -> bool:
        return self.free_upto[stop] > self.free_upto[start]

    def anchors_of(self, start: int, stop: int) -> frozenset[str]:
        if stop == start + 1:
            return self.anchors[start]
        key = (start, stop)
        if key not in self._unions:
            self._unions[key] = frozenset().union(*self.anchors[start:stop])
        return self._unions[key]


def _segment_links(
    orig: list[Unit], trans: list[Unit], ratio: float, record_date, incomplete: str | None = None,
    skip_o: list[float] | None = None, skip_t: list[float] | None = None, both_number: bool = True,
    cut: tuple[bool, bool] = (False, False),
) -> list[tuple[list[Unit], list[Unit], str, str]]:
    """Dynamic programme over one stretch between numbered anchors.

    `incomplete`: "original" or "translation" when that version ends early on the page; the other
    version's units after its end then cost little to leave unlinked. `skip_o`/`skip_t`: what leaving
    each unit unlinked costs (default: the bead penalty). `both_number`: whether both versions number
    points at all (otherwise a numbered unit may pair with an unnumbered one). `cut`: whether the stretch's
    last original / translation unit stops in mid-sentence (see `_cut_short`).
    """
    n, m = len(orig), len(trans)
    if not n or not m:
        return []
    skip_o = skip_o or [BEAD_PENALTY[(1, 0)]] * n
    skip_t = skip_t or [BEAD_PENALTY[(0, 1)]] * m
    side_o = _Stretch(orig, [_anchors(u, record_date) for u in orig], skip_o)
    side_t = _Stretch(trans, [_anchors(u, record_date) for u in trans], skip_t)
    trans_ends_early = incomplete == "translation" or cut[1]
    orig_ends_early = incomplete == "original" or cut[0]

    def fit(i: int, ni: int, j: int, nj: int, t_cut: bool = False, o_cut: bool = False) -> float:
        return _fit(side_o.length(i, ni), side_t.length(j, nj), side_o.anchors_of(i, ni), side_t.anchors_of(j, nj),
                    ratio, t_cut, o_cut)

    pair_fits: dict[tuple[int, int], float] = {}

    def pair_fit(a: int, b: int) -> float:
        """The one-to-one fit of orig[a] and trans[b] (as if neither were cut), computed once."""
        if (a, b) not in pair_fits:
            pair_fits[a, b] = fit(a, a + 1, b, b + 1)
        return pair_fits[a, b]

    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    beads = tuple(BEAD_PENALTY.items())
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), penalty in beads:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = penalty
                if di and not dj:
                    c = skip_o[i]
                elif dj and not di:
                    c = skip_t[j]
                if (dj == 0 and j == m and trans_ends_early) or (di == 0 and i == n and orig_ends_early):
                    c = TRAILING_PENALTY  # the other version ended on the page before these units
                if (di > 1 or dj > 1) and (side_o.any_free(i, ni) or side_t.any_free(j, nj)):
                    continue  # a heading stands alone: it never joins a merged link
                if di and dj:
                    fitted = fit(i, ni, j, nj, trans_ends_early and nj == m, orig_ends_early and ni == n)
                    if di + dj >= 3:
                        if here + c + fitted >= cost[ni][nj]:
                            continue  # cannot win whatever its evidence
                        # a merge needs evidence: its lengths (or anchors) must fit clearly better than
                        # those of the best of its one-to-one pairs; otherwise the extra unit is one
                        # the other version does not hold (an address line, a paragraph it lost)
                        if fitted > min(pair_fit(i + a, j + b) for a in range(di) for b in range(dj)) - MERGE_GAIN:
                            continue
                    c += fitted
                    if both_number and (side_o.any_numbered(i, ni) != side_t.any_numbered(j, nj) or (
                        di == dj == 1 and orig[i].n and trans[j].n and point_key(orig[i].n) != point_key(trans[j].n)
                    )):
                        c += NUMBER_MISMATCH  # a numbered point does not pair with another number or none
                if here + c < cost[ni][nj]:
                    cost[ni][nj] = here + c
                    back[ni][nj] = (i, j)
    found = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        if i > pi and j > pj:
            o, t = orig[pi:i], trans[pj:j]
            lo, lt = side_o.length(pi, i), side_t.length(pj, j)
            length_fit = abs(math.log((lt + 20) / (ratio * lo + 20)))
            shared = _similarity(side_o.anchors_of(pi, i), side_t.anchors_of(pj, j))
            if shared > 0 and length_fit < 0.35 and len(o) == len(t) == 1:
                cert, method = "high", "anchors"
            elif length_fit < 0.5 and (len(o) == len(t) or shared > 0):
                # a merge (2:1, 1:2) on length alone is a guess: a short closing formula the structure
                # step left in the text merges as easily as a paragraph the translator joined
                cert, method = "medium", "anchors" if shared > 0 else "length"
            else:
                cert, method = "low", "anchors" if shared > 0 else "length"
            found.append((o, t, method, cert))
        i, j = pi, pj
    return list(reversed(found))


def _pair(orig: list[Unit], trans: list[Unit], record_date, orig_complete: bool = False,
          trans_complete: bool = False, title: str | None = None) -> list[Link]:
    """Links between one original and one translation. `*_complete`: the version is known to end on the
    page (a signature, dateline or endorsement follows its text), so a length ratio far from the expected
    one is the translator's style, not a version cut short."""
    anchors = _numbered_anchors(orig, trans)
    both_number = any(point_key(u.n) for u in orig) and any(point_key(u.n) for u in trans)
    skip_o = _skip_costs(orig, BEAD_PENALTY[(1, 0)], title)
    skip_t = _skip_costs(trans, BEAD_PENALTY[(0, 1)], title)
    # length ratio between the languages: from the numbered points when there are some (a version may be
    # incomplete, so whole-text totals mislead), each point with the unnumbered paragraphs up to the next
    # point (the translator may have merged them into the point), the last point alone (where it ends
    # is not known); else from the whole texts
    spans = [(orig[a:a2], trans[b:b2]) for (a, b), (a2, b2) in zip(anchors, anchors[1:])]
    spans += [([orig[a]], [trans[b]]) for a, b in anchors[-1:]]
    text_o = [u for u, skip in zip(orig, skip_o) if skip] or orig  # without headings and notes
    text_t = [u for u, skip in zip(trans, skip_t) if skip] or trans
    stops = (_cut_short(orig, orig_complete), _cut_short(trans, trans_complete))
    whole_o, whole_t = text_o, text_t
    if any(stops) and len(text_o) > 1 and len(text_t) > 1:
        # a version stops in mid-unit: its last unit is too short, and the other version's last unit
        # may answer text the page lost; neither counts in the whole-text ratio
        whole_o, whole_t = text_o[:-1], text_t[:-1]
    lo = sum(len(u.text) for o, _ in spans for u in o) or sum(len(u.text) for u in whole_o) or 1
    lt = sum(len(u.text) for _, t in spans for u in t) or sum(len(u.text) for u in whole_t) or 1
    ratio = lt / lo
    expected = _script_weight(text_o) / _script_weight(text_t)
    incomplete = None
    if not anchors and abs(math.log(ratio / expected)) > math.log(INCOMPLETE_FACTOR):
        cut = "translation" if ratio < expected else "original"
        if not (trans_complete if cut == "translation" else orig_complete):
            incomplete, ratio = cut, expected
    links, singles = _links_at(orig, trans, anchors, ratio, record_date, incomplete, skip_o, skip_t, both_number, stops)
    if not anchors and incomplete is None and singles:
        # without numbered points the whole-text ratio counts what only one version holds (an address, a
        # lost paragraph): re-estimate it from the one-to-one links and align once more
        refined = sum(lt for _, lt in singles) / max(sum(lo for lo, _ in singles), 1)
        if abs(math.log(refined / ratio)) > REFINE_RATIO:
            links, _ = _links_at(orig, trans, anchors, refined, record_date, incomplete, skip_o, skip_t, both_number, stops)
    return links


def _links_at(orig, trans, anchors, ratio, record_date, incomplete, skip_o, skip_t, both_number, cut=(False, False)):
    """The links for one length ratio, and the (original, translation) lengths of its one-to-one links (a
    unit cut short by the page says nothing about the ratio: its links are not counted)."""
    links: list[Link] = []
    singles: list[tuple[int, int]] = []
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
        last = ao == len(orig)
        for o_units, t_units, method, cert in _segment_links(
            seg_o, seg_t, ratio, record_date, incomplete if last else None,
            skip_o[ao - len(seg_o) : ao], skip_t[at - len(seg_t) : at], both_number,
            (cut[0] and last, cut[1] and last),
        ):
            links += [Link(t.xml_id, o.xml_id, method, cert) for t in t_units for o in o_units]
            touches_cut = (cut[0] and o_units[-1] is orig[-1]) or (cut[1] and t_units[-1] is trans[-1])
            if len(o_units) == len(t_units) == 1 and not touches_cut:
                singles.append((len(o_units[0].text), len(t_units[0].text)))
        if ao < len(orig):
            links.append(Link(trans[at].xml_id, orig[ao].xml_id, "numbered", "high"))
        prev = (ao, at)
    return links, singles


_CERT_ORDER = {"high": 2, "medium": 1, "low": 0}


def align(
    versions: list[tuple[str, list[Unit]]], record_date, complete: list[bool] | None = None,
    title: str | None = None,
) -> tuple[list[Link], dict[str, tuple[tuple[str, ...], str | None]]]:
    """Links between translation and original units, and for each translation unit its @corresp and @cert.

    `versions`: (role, units) of each version, in order; units carry their xml:id. `complete`: per
    version, whether it is known to end on the page (see `_pair`); unknown by default. `title`: the
    record title (a unit repeating it is a heading, cheap to leave unlinked).
    """
    complete = complete or [False] * len(versions)
    originals = [(units, done) for (role, units), done in zip(versions, complete) if role == "original" and units]
    links: list[Link] = []
    per_unit: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for (role, units), done in zip(versions, complete):
        if role != "translation":
            continue
        for original, original_done in originals:
            links += _pair(original, units, record_date, original_done, done, title)
        for unit in units:
            mine = [l for l in links if l.translation == unit.xml_id]
            corresp = tuple(dict.fromkeys(l.original for l in mine))
            cert = None
            if mine:
                weakest = min(mine, key=lambda l: _CERT_ORDER[l.cert]).cert
                cert = None if weakest == "high" else weakest
            per_unit[unit.xml_id] = (corresp, cert)
    return links, per_unit
