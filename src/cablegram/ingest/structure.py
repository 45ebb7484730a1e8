"""Inside one language version: opener material, text units, closer, endorsements and footnotes.

Each line gets a kind from `data/structure.toml`; a small state machine (front → message → closer →
endorsements) then groups the lines the way a telegram form is laid out. Page and sheet breaks inside the
message become milestones, and a break that falls mid-sentence stays inside its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Item, Line, Unit, Version
from .rules import regex, table
from .record import blocks_of

_SENTENCE_END = re.compile(r"[.!?:;…\"»)\]]\s*\*?$")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[-.–]?\s*\S")
_WORDS = re.compile(r"[^\W\d_]+")
_MILESTONE_KINDS = {"pb-page", "pb-sheet", "pb-folio", "fw-catch", "fw-header", "fw-archival", "fw-imprint", "copy-number", "gap"}
_MESSAGE_KINDS = {"prose", "numbered", "groups"}
LONG_LINE = 160
_CLOSER_KINDS = {"salute", "signature", "number", "dateline", "doc-number"}


@dataclass
class _Kind:
    name: str
    pattern: re.Pattern[str]
    zone: str
    absorbs: bool
    long: bool


@cache
def _kinds() -> list[_Kind]:
    out = []
    for k in table("structure")["kind"]:
        flags = re.IGNORECASE if k.get("ignorecase") else 0
        out.append(_Kind(k["name"], regex(k["pattern"], flags), k.get("zone", "any"), bool(k.get("absorbs")), bool(k.get("long"))))
    return out


def _is_prose(text: str) -> bool:
    """Running text: long with several lower-case words, or a short sentence ('Исполнение телеграфируйте.')."""
    lower_words = [w for w in _WORDS.findall(text) if w[0].islower() and len(w) >= 3]
    if len(text) >= 40:
        return len(lower_words) >= 2
    return any(len(w) >= 4 for w in lower_words) and bool(re.search(r"[.,;:!?…]$", text))


def _is_uppercase_line(text: str) -> bool:
    letters = [c for c in re.sub(r"\[[^\]]*\]", "", text) if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _is_signature(text: str) -> bool:
    if len(text) > 50 or text.endswith(":"):
        return False
    bare = re.sub(r"\[[^\]]*\]|[.,/]", " ", text).split()
    if not bare or len(bare) > 9:
        return False
    if _is_uppercase_line(text):
        return True
    return len(bare) == 1 and bare[0][0].isupper() and bare[0][1:].islower()


def _is_dateline(text: str, record_date) -> bool:
    from .cache import dates_in

    rest = text
    for match in sorted(dates_in(text, record_date), key=lambda m: m.start, reverse=True):
        rest = rest[: match.start] + rest[match.end :]
    rest = re.sub(r"[\s\"'“”«».,*]|г\.?|года?", "", rest)
    return rest != text.strip() and len(rest) <= 3


def classify(text: str, zone: str, record_date=None) -> tuple[str, re.Match | None, bool]:
    """(kind, match, absorbs) of one line in a zone ('front', 'message', 'back')."""
    for kind in _kinds():
        if kind.zone not in ("any", zone) or (len(text) > LONG_LINE and not kind.long):
            continue
        m = kind.pattern.match(text)
        if m:
            return kind.name, m, kind.absorbs
    if _is_dateline(text, record_date):
        return "dateline", None, False
    if _is_prose(text):
        return "prose", None, False
    return "short", None, False


class _Builder:
    def __init__(self, version: Version, record_date) -> None:
        self.v = version
        self.record_date = record_date
        self.state = "front"
        self.pending: list[Item] = []  # milestones seen since the last unit
        self.joined_breaks = 0

    # --- helpers
    def _target(self) -> list[Item]:
        return {"front": self.v.front, "closer": self.v.closer, "back": self.v.endorsements}[self.state]

    def _zone(self) -> str:
        return {"front": "front", "message": "message", "closer": "back", "back": "back"}[self.state]

    def _add_unit(self, lines: list[Line], kind: str, m: re.Match | None) -> None:
        item = Item("prose", lines)
        last = self.v.units[-1] if self.v.units else None
        continues = (
            last is not None
            and kind == "prose"
            and not _SENTENCE_END.search(last.parts[-1].text if last.parts[-1].kind == "prose" else last.text)
            and lines[0].text[:1].islower()
        )
        if continues:
            # A page break (or a stray blank line) that falls mid-sentence does not end the paragraph.
            last.parts.extend(self.pending)
            last.parts.append(item)
            if not self.pending:
                self.joined_breaks += 1
        else:
            if self.pending:
                self.v.between.setdefault(len(self.v.units), []).extend(self.pending)
            n = m.group("n") if (m is not None and kind == "numbered") else None
            self.v.units.append(Unit(parts=[item], n=n))
        self.pending = []

    def _split_points(self, block: list[Line], kind: str, m):
        """A block whose lines start numbered points ('1. …' / '2. …' on consecutive lines) is several units."""
        groups: list[tuple[list[Line], str, re.Match | None]] = []
        for line in block:
            k, km, _ = classify(line.text, "message", self.record_date)
            if groups and k not in ("numbered", "groups"):
                groups[-1][0].append(line)
            else:
                groups.append(([line], k if groups else kind, km if groups else m))
        return groups

    def _flush_pending(self) -> None:
        if self.pending:
            self.v.between.setdefault(len(self.v.units), []).extend(self.pending)
            self.pending = []

    # --- the walk
    def run(self) -> None:
        blocks = blocks_of(self.v.lines)
        i = 0
        while i < len(blocks):
            i = self._block(blocks, i)
        self._flush_pending()

    def _table(self, block: list[Line]) -> Item:
        rows = []
        for line in block:
            if "\t" in line.text:
                rows.append([c.strip() for c in line.text.split("\t")])
            else:
                rows.append([c.strip() for c in line.text.strip().strip("|").split("|")])
        return Item("table", block, cells=rows)

    def _split(self, line: Line) -> bool:
        """A form line holding two items ('To MID USSR URGENT'): add both, in order."""
        for pattern, kinds in _splits():
            m = pattern.match(line.text)
            if m:
                for kind, part in zip(kinds, m.groups()):
                    self.v.front.append(Item(kind, [Line(line.number, part)]))
                return True
        return False

    def _block(self, blocks: list[list[Line]], i: int) -> int:
        block = blocks[i]
        first_text = block[0].text
        is_table = all(regex(k.pattern.pattern).match(l.text) for l in block for k in _kinds() if k.name == "table-row")
        if is_table:
            item = self._table(block)
            target = self._target() if self.state != "message" else None
            if target is None:
                self._flush_pending()
                self.state = "back"
                target = self.v.endorsements
            if target and target[-1].kind == "distribution" and target[-1].cells is None and not target[-1].lines[1:]:
                target[-1].cells = item.cells
                target[-1].lines.extend(block)
            else:
                target.append(item)
            return i + 1

        if self.state == "message":
            kind, m, _ = classify(first_text, "message", self.record_date)
            if kind in _MESSAGE_KINDS or (kind == "short" and self.v.units and first_text[:1].islower()):
                for lines, k, km in self._split_points(block, kind, m):
                    self._add_unit(lines, "prose" if k == "short" else k, km)
                return i + 1
            if kind in _MILESTONE_KINDS or (kind == "short" and self.pending and self.pending[-1].kind == "fw-catch"):
                for line in block:
                    k, km, _ = classify(line.text, "message", self.record_date)
                    if k in ("short", "prose"):
                        k = "fw-imprint"  # the printer's line at the foot of a form sheet
                    n = km.group("n") if km is not None and "n" in km.groupdict() else None
                    self.pending.append(Item(k, [line], n=n))
                return i + 1
            self._flush_pending()
            self.state = "closer"

        self._lines(block)
        # a distribution head followed by list-item blocks: gather them
        if self.state in ("back", "closer", "front"):
            target = self._target()
            if target and target[-1].kind == "distribution":
                j = i + 1
                while j < len(blocks) and all(_LIST_ITEM.match(l.text) for l in blocks[j]):
                    target[-1].lines.extend(blocks[j])
                    j += 1
                return j
        return i + 1

    def _lines(self, block: list[Line]) -> None:
        current: Item | None = None
        absorbing = False
        for index, line in enumerate(block):
            if self.state == "message":
                # the rest of the block after a switch to message: part of that unit
                self.v.units[-1].parts[-1].lines.append(line)
                continue
            zone = self._zone()
            if self.state == "front" and self._split(line):
                current, absorbing = None, False
                continue
            kind, m, absorbs = classify(line.text, zone, self.record_date)
            if self.state == "front" and kind in ("short", "prose") and current is not None and absorbing:
                current.lines.append(line)  # a multi-line stamp or heading
                continue
            if self.state == "front":
                if kind == "prose" and current is not None and current.kind == "number":
                    kind = "heading"  # a published document's heading follows its number
                elif kind == "prose" and self.v.front and self.v.front[-1].kind == "number" and current is None:
                    kind = "heading"
                if kind in _MESSAGE_KINDS and not _is_uppercase_line(line.text):
                    self.state = "message"
                    self._add_unit([line], kind, m)
                    current = None
                    continue
                if kind in ("short", "prose") and _is_uppercase_line(line.text) and not absorbing:
                    kind, absorbs = "heading", True
            elif self.state == "closer":
                if kind in ("short", "prose") and _is_signature(line.text):
                    kind = "signature"
                if kind == "salute" or kind in _CLOSER_KINDS:
                    pass
                else:
                    self.state = "back"
            if self.state == "back" and kind == "footnote":
                self.v.footnotes.append(Item("footnote", [line], n=m.group("n")))
                current, absorbing = None, False
                continue
            if current is not None and absorbing and (
                kind in ("short", "prose")
                or (current.kind == "stamp" and kind in ("doc-number", "number"))
                or (current.kind in ("handling", "dispatch") and kind == "dateline")
            ):
                current.lines.append(line)  # a stamp's registration number belongs to the stamp
                continue
            if kind in ("short", "prose"):
                kind = "note-line" if self.state == "front" else "note"
            current = Item(kind, [line], n=(m.group("n") if m is not None and "n" in m.groupdict() else None))
            self._target().append(current)
            absorbing = absorbs


@cache
def _splits() -> list[tuple[re.Pattern[str], list[str]]]:
    return [(regex(rule["pattern"]), rule["kinds"]) for rule in table("structure").get("split", [])]


def structure(version: Version, record_date=None) -> list[tuple[str, str]]:
    """Fill the version's front/units/closer/endorsements/footnotes; return notes (code, message)."""
    builder = _Builder(version, record_date)
    builder.run()
    notes = []
    if builder.joined_breaks:
        notes.append(("CW-JOINED-PARAGRAPH", f"{version.xml_id}: {builder.joined_breaks} paragraph(s) split mid-sentence by a blank line were joined"))
    if not version.units:
        notes.append(("CW-NO-TEXT", f"{version.xml_id}: no message text recognised; all lines kept as apparatus"))
    return notes
