"""The telegram form of one language version: each line gets a kind from the vocabulary (form.toml);
the state of every line (front, message, closer, back) is chosen over the whole sequence of lines by
`analysis.sequence` (scored candidates, Viterbi), and the lines are grouped the way a telegram form is
laid out. What stands inside the message (page and sheet breaks, stamps, tables, a repeated salute)
stands between its units, and a break that falls mid-sentence stays inside its paragraph; text after
what looked like the end of the message returns to the message.

The result is a `Form` (working lists); `analysis.tree` turns it into the version's block tree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.record import blocks_of
from ..model import Line
from .cache import dates_in
from .sequence import Choice, decode, is_numbered, is_sentence, is_signature, is_uppercase_line
from .vocabulary import Kind, vocabulary

_SENTENCE_END = re.compile(r"[.!?:;…\"»)\]]\s*\*?$")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[-.–]?\s*\S")
_WORDS = re.compile(r"[^\W\d_]+")
_MILESTONE_KINDS = {"pb-page", "pb-sheet", "pb-folio", "fw-catch", "fw-header", "fw-archival", "fw-imprint", "copy-number", "gap"}
_MESSAGE_KINDS = {"prose", "numbered", "groups"}
LONG_LINE = 160
_MESSAGE_WORDS = 30  # a signed text this long before more text is a message of its own
_CLOSER_KINDS = {"salute", "signature", "number", "dateline", "doc-number"}
_OPENING_QUOTES = "«\"“„"
_BARE_MARK = re.compile(r"^(\[[^\[\]]+\]|/-/)$")  # a signature mark with no name after it
# a signature line that breaks off after a preposition, article or conjunction (perhaps before the mark): the
# signer's title goes on on the next line
_BROKEN_OFF = re.compile(r"(?i)(?<!\w)(?:of|the|and|for|on|in|to|at|по|и|в|на|для)\s*(?:\[[^\[\]]+\]|/-/)?\s*$")
_HAN = re.compile(r"[\u3400-\u9fff\uac00-\ud7a3]")
_HAN_PUNCTUATION = re.compile(r"[。，；：！？、,;:]")


def _message_kind(kind: str) -> bool:
    return kind in _MESSAGE_KINDS or is_numbered(kind)


def _closer_kind(kind: str) -> bool:
    return kind in _CLOSER_KINDS or is_signature(kind)


_HAN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_ROMAN = {"I": 1, "V": 5, "X": 10}


def point_ordinal(n: str) -> int | None:
    """The value of a point number as written: '3', 'IV', 'b', 'в', '三', '十二'."""
    if n.isdigit():
        return int(n)
    if n and (n.isupper() or n.islower()) and all(c in _ROMAN for c in n.upper()):  # 'IV', 'iv' (letters stop at 'h')
        values = [_ROMAN[c] for c in n.upper()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if n and all(c in _HAN_DIGITS for c in n):
        if "十" not in n:
            return _HAN_DIGITS[n[-1]] if len(n) == 1 else None
        tens, _, units = n.partition("十")
        return (_HAN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_HAN_DIGITS.get(units, 0) if units else 0)
    if len(n) == 1 and n.isalpha():
        base = "a" if n.isascii() else "а"
        return ord(n.lower()) - ord(base) + 1
    return None
_CLOSING_QUOTE = re.compile(r"[»\"”][.!]?$")


@dataclass
class Item:
    """One recognised piece of a version: a line or block with a kind, and the rule that gave it."""

    kind: str
    lines: list[Line]
    n: str | None = None  # number of a numbered point or page
    cells: list[list[str]] | None = None  # table rows, for kind 'table'
    rule: str = ""
    form: Form | None = None  # kind 'message': the embedded message (a forwarded telegram, an enclosure)
    message_type: str | None = None  # 'forwarded' | 'quoted' | 'enclosure' | 'attachment'

    @property
    def text(self) -> str:
        if len(self.lines) == 1:
            return self.lines[0].text  # most items are one line (the alignment asks for units' texts often)
        return " ".join([line.text for line in self.lines])


@dataclass
class Unit:
    """A text unit (paragraph or numbered point); may hold page breaks that fell inside it."""

    parts: list[Item]  # 'prose' items and in-paragraph milestones
    n: str | None = None
    xml_id: str | None = None  # given by the analysis step that numbers units

    @property
    def text(self) -> str:
        if len(self.parts) == 1 and self.parts[0].kind == "prose":
            return self.parts[0].text  # a paragraph with no page break inside it
        return " ".join([p.text for p in self.parts if p.kind == "prose"])


@dataclass
class Form:
    front: list[Item] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    between: dict[int, list[Item]] = field(default_factory=dict)  # items standing between unit i-1 and unit i
    closer: list[Item] = field(default_factory=list)
    endorsements: list[Item] = field(default_factory=list)
    footnotes: list[Item] = field(default_factory=list)
    joined_breaks: int = 0
    choices: dict[Line, Choice] = field(default_factory=dict)  # line -> the decoder's choice (--explain)


@lru_cache(maxsize=16384)
def _is_prose(text: str) -> bool:
    """Running text: long with several lower-case words, or a short sentence ('Исполнение телеграфируйте.')."""
    han = 0 if text.isascii() else len(_HAN.findall(text))  # (an ASCII line has no Han or Hangul characters)
    if han >= 6 and han >= len(text) / 2:
        # Chinese and Korean have no letter case: running text is a run of characters with punctuation
        # (a heading such as '关于…的电报' has none)
        return bool(_HAN_PUNCTUATION.search(text))
    if len(text) >= 40:
        return _has_lower_words(text, 2, 3)
    return bool(_PUNCTUATION_END.search(text)) and _has_lower_words(text, 1, 4)


def _has_lower_words(text: str, count: int, shortest: int) -> bool:
    """Whether `count` words of `shortest` letters or more begin in lower case (read only until they are found:
    a paragraph is long)."""
    for m in _WORDS.finditer(text):
        word = m.group()
        if len(word) >= shortest and word[0].islower():
            count -= 1
            if not count:
                return True
    return False


_PUNCTUATION_END = re.compile(r"[.,;:!?…]$")
_LOWER_START = re.compile(r"[a-zа-яё]")
_NOT_A_NAME = re.compile(r"\[[^\]]*\]|[.,/\"“”«»]")  # brackets, points, slashes and quotation marks


def _is_signature(text: str) -> bool:
    if len(text) > 50 or text.endswith(":") or _LOWER_START.match(text):
        return False  # a line that begins with a lower-case word ('to FILIPPOV') addresses, it does not sign
    bare = _NOT_A_NAME.sub(" ", text).split()  # quotation marks close the quoted message
    if not bare or len(bare) > 9:
        return False
    if is_uppercase_line(text):
        return True
    return len(bare) == 1 and bare[0][0].isupper() and bare[0][1:].islower()


def _is_dateline(text: str, record_date) -> bool:
    rest = text
    for match in sorted(dates_in(text, record_date), key=lambda m: m.start, reverse=True):
        rest = rest[: match.start] + rest[match.end :]
    if rest != text:
        rest = _DATELINE_PLACE.sub("", rest, count=1)  # 'Berlin, 3 May 1985.': the place it was written in
    rest = _DATELINE_FILLER.sub("", rest)
    return rest != text.strip() and len(rest) <= 3


_DATELINE_PLACE = re.compile(r"^[A-ZА-ЯЁ][\w\-]+(?: [A-ZА-ЯЁ][\w\-]+){0,2},")
_DATELINE_FILLER = re.compile(r"[\s\"'“”«».,*]|г\.?|года?")  # what a dateline may hold besides its dates


def _pattern_kinds() -> list[Kind]:
    return vocabulary().kinds


def classify(text: str, zone: str, record_date=None) -> tuple[str, re.Match | None, bool]:
    """(kind, match, absorbs) of one line in a zone ('front', 'message', 'back')."""
    return _classify_zones(text, record_date)[zone]


_ZONES = ("front", "message", "back")


@lru_cache(maxsize=1)
def _zone_kinds() -> tuple[tuple, ...]:
    """The pattern kinds as (match, name, absorbs, long, zone bits, zone indexes), in table order."""
    out = []
    for kind in _pattern_kinds():
        indexes = tuple(range(len(_ZONES))) if kind.zone == "any" else (_ZONES.index(kind.zone),)
        out.append((kind.pattern.match, kind.name, kind.absorbs, kind.long, sum(1 << i for i in indexes), indexes))
    return tuple(out)


@lru_cache(maxsize=16384)
def _classify_zones(text: str, record_date) -> dict[str, tuple[str, re.Match | None, bool]]:
    """A line's kind in every zone, from one pass over the kinds (the sequence decoder asks for each zone;
    the first kind that matches in a zone wins there); in a zone no kind matches, the built-in tests decide."""
    found = _pattern_zones(text)
    if None in found:
        builtin = ("dateline", None, False) if _is_dateline(text, record_date) else \
            ("prose", None, False) if _is_prose(text) else ("short", None, False)
        found = [f if f is not None else builtin for f in found]
    return dict(zip(_ZONES, found))


@lru_cache(maxsize=16384)
def _pattern_zones(text: str) -> tuple:
    """Per zone, (kind, match, absorbs) of the first pattern kind of form.toml that matches the line there,
    or None. The patterns read the text alone (a line of the same words comes back in many documents);
    the dateline test needs the record date (a year-less date is read with its year)."""
    found: list = [None, None, None]
    done = 0
    long_line = len(text) > LONG_LINE
    for match, name, absorbs, long, bits, indexes in _zone_kinds():
        if bits & ~done == 0 or (long_line and not long):
            continue
        m = match(text)
        if m:
            for i in indexes:
                if found[i] is None:
                    found[i] = (name, m, absorbs)
            done |= bits
            if done == 7:
                break
    return tuple(found)


def _rule(kind: str) -> str:
    return f"kind:{kind}" if kind in vocabulary().pattern_names else f"builtin:{kind}"


def _embedded(text: str, next_block: list[Line] | None = None):
    """The [[embedded]] entry whose pattern introduces an embedded message on this line, or None.
    Entries with quote_follows introduce one only when the next block opens a quotation."""
    return _embedded_entry(text, bool(next_block) and next_block[0].text[:1] in _OPENING_QUOTES)


@lru_cache(maxsize=16384)
def _embedded_entry(text: str, quote_next: bool):
    return next((e for e in vocabulary().embedded if (quote_next or not e.quote_follows) and e.pattern.search(text)), None)


class _Builder:
    def __init__(self, lines: list[Line], record_date, *, nested: bool = False) -> None:
        self.lines = lines
        self.v = Form()
        self.record_date = record_date
        self.nested = nested  # an embedded message: it ends where its closer ends
        self.quoted: bool | None = None  # an embedded message in quotation marks: it ends where they close
        self.quote_closed = False
        self.state = "front"
        self.choices: dict[Line, Choice] = {}
        self.pending: list[Item] = []  # milestones seen since the last unit
        self.table_row = next(k.pattern for k in _pattern_kinds() if k.name == "table-row")

    def _target(self) -> list[Item]:
        return {"front": self.v.front, "closer": self.v.closer, "back": self.v.endorsements}[self.state]

    def _zone(self) -> str:
        return {"front": "front", "message": "message", "closer": "back", "back": "back"}[self.state]

    def _add_unit(self, lines: list[Line], kind: str, m: re.Match | None) -> None:
        item = Item("prose", lines, rule=_rule(kind))
        last = self.v.units[-1] if self.v.units else None
        continues = (
            last is not None
            and kind == "prose"
            and not _SENTENCE_END.search(last.parts[-1].text if last.parts[-1].kind == "prose" else last.text)
            and lines[0].text[:1].islower()
        )
        if continues:
            # A page break (or a stray blank line) that falls mid-sentence does not end the paragraph.
            item.rule = "builtin:continues-paragraph"
            last.parts.extend(self.pending)
            last.parts.append(item)
            if not self.pending:
                self.v.joined_breaks += 1
        else:
            if self.pending:
                self.v.between.setdefault(len(self.v.units), []).extend(self.pending)
            n = m.group("n") if (m is not None and is_numbered(kind)) else None
            if n is not None and point_ordinal(n) == 2 and last is not None and last.n is None:
                self._detach_point_one(last)
            self.v.units.append(Unit(parts=[item], n=n))
        self.pending = []

    def _detach_point_one(self, unit: Unit) -> None:
        """Point 2 follows a unit that ends with point 1 on its own line's tail: make point 1 a unit of its own."""
        part = unit.parts[-1]
        if part.kind != "prose" or len(unit.parts) != 1 or len(part.lines) != 1:
            return
        line = part.lines[0]
        for entry in vocabulary().attached_points:
            m = entry.pattern.match(line.text)
            if m:
                part.lines[0] = Line(line.number, m["text"])
                point = Item("prose", [Line(line.number, m["point"])], rule="attached_point")
                self.v.units.append(Unit(parts=[point], n=m["n"]))
                return

    def _split_points(self, block: list[Line], kind: str, m):
        """A block whose lines start numbered points ('1. …' / '2. …' on consecutive lines) is several units."""
        groups: list[tuple[list[Line], str, re.Match | None]] = [([block[0]], kind, m)]  # the caller read line 1
        for line in block[1:]:
            k, km, _ = classify(line.text, "message", self.record_date)
            if not (is_numbered(k) or k == "groups"):
                groups[-1][0].append(line)
            else:
                groups.append(([line], k, km))
        return groups

    def _sign_off(self) -> None:
        """The message ends: a signature at the end of its last line ('… With greetings. FILIPPOV.”') goes to the closer."""
        if not self.v.units or self.v.closer:
            return
        item = self.v.units[-1].parts[-1]
        if item.kind != "prose" or not item.lines:
            return
        last = item.lines[-1]
        for entry in vocabulary().trailing_signatures:
            m = entry.pattern.match(last.text)
            if m:
                item.lines[-1] = Line(last.number, m["text"])
                self._trailing_closer(last.number, m)
                return
        if len(item.lines) < 2:
            return
        # the signature on a line of its own under the last sentence, in the same block ('… our peoples.' /
        # 'J. Stalin'): the same patterns, read across the line break
        before = item.lines[-2].text
        for entry in vocabulary().trailing_signatures:
            m = entry.pattern.match(f"{before} {last.text}")
            if m and m["text"] == before:
                del item.lines[-1]
                self._trailing_closer(last.number, m)
                return

    def _trailing_closer(self, number: int, m: re.Match) -> None:
        """The signature split off a line's end, and the date after it if the pattern has one."""
        self.v.closer.append(Item("signature", [Line(number, m["signature"])], rule="trailing_signature"))
        if m.groupdict().get("date"):
            self.v.closer.append(Item("dateline", [Line(number, m["date"])], rule="trailing_signature"))

    def _signed_sentence(self, line: Line) -> bool:
        """A last sentence with the signature after it ('With greetings. FILIPPOV [Stalin].”'): a unit, then the closer."""
        for entry in vocabulary().trailing_signatures:
            m = entry.pattern.match(line.text)
            if m:
                self._add_unit([Line(line.number, m["text"])], "prose", None)
                self._flush_pending()
                self._trailing_closer(line.number, m)
                self.state = "closer"
                return True
        return False

    def _speaker(self, line: Line) -> bool:
        """The decoder read the line as a speaker's or a record header's label ([[speaker_label]]): it never signs."""
        choice = self.choices.get(line)
        return choice is not None and choice.cue == "speaker"

    def _flush_pending(self) -> None:
        if self.pending:
            self.v.between.setdefault(len(self.v.units), []).extend(self.pending)
            self.pending = []

    def run(self) -> Form:
        self.choices = decode(self.lines, classify, self.record_date, _is_signature)
        self.v.choices = self.choices
        form, _ = self.run_blocks(_split_by_state(blocks_of(self.lines), self.choices), 0)
        _split_inline_points(form)
        return form

    def _want(self, block: list[Line]) -> str:
        """The state the decoder chose for the block's first line."""
        choice = self.choices.get(block[0])
        return choice.state if choice is not None else self.state

    def run_blocks(self, blocks: list[list[Line]], i: int) -> tuple[Form, int]:
        """Read blocks from index i; an embedded message stops where its own decoding leaves it."""
        while i < len(blocks):
            if self.nested and self._ends_here(blocks[i]):
                break
            i = self._block(blocks, i)
            if self.quoted and _CLOSING_QUOTE.search(blocks[i - 1][-1].text):
                self.quote_closed = True
        self._flush_pending()
        if self.state == "message":
            self._sign_off()
        if self.v.closer and not self.v.units:
            # a closer closes a text: with no unit before it (a damaged or cut export: only the heading and
            # the form's lines are left) its lines are kept, in order, as the first endorsements
            self.v.endorsements[:0] = self.v.closer
            self.v.closer = []
        return self.v, i

    def _ends_here(self, block: list[Line]) -> bool:
        if self.quoted is None:
            self.quoted = block[0].text[:1] in _OPENING_QUOTES
        if self.quoted:
            return self.quote_closed
        if self.state == "message" and _embedded(block[0].text) is not None and self.v.units:
            return True  # the next embedded message begins: this one is over
        if all(self.table_row.match(l.text) for l in block):
            return False
        want = self._want(block)
        if self.state == "closer":
            return want != "closer"  # what follows its closer is not the embedded message's
        return self.state == "message" and want == "back" and bool(self.v.units)

    def _resume_message(self) -> None:
        """The message goes on after what was taken for its closer and endorsements. A closer with a
        signature ended a message of its own (a telegram with its reply or comment below it, a quoted
        message and the instruction that passes it on): the signed text becomes a message inside the
        message, and the text that follows goes on around it -- when the signed text is a message's worth
        (a line or two before a word in capitals is more likely a heading). Anything else stood inside the message."""
        words = sum(len(u.text.split()) for u in self.v.units)
        if words >= _MESSAGE_WORDS and any(is_signature(i.kind) for i in self.v.closer):
            inner = Form(units=self.v.units, between=self.v.between, closer=list(self.v.closer))
            item = Item("message", [], rule="embedded:signed-before-text", form=inner, message_type="quoted")
            self.v.units, self.v.between = [], {0: [item]}
            moved = list(self.v.endorsements)
        else:
            moved = self.v.closer + self.v.endorsements
        for item in moved:
            item.rule = f"{item.rule} (inside the message)"
        self.v.between.setdefault(len(self.v.units), []).extend(moved)
        self.v.closer.clear()
        self.v.endorsements.clear()
        self.state = "message"

    def _embed(self, blocks: list[list[Line]], i: int, entry, heading: Item | None) -> int:
        """An embedded message from block i on, read by a builder of its own; returns where it ended."""
        self._flush_pending()
        inner = _Builder([], self.record_date, nested=True)
        rest = [line for block in blocks[i:] for line in (*block, Line(0, ""))]  # blank lines keep the blocks apart
        inner.choices = decode(rest, classify, self.record_date, _is_signature)  # its own reading of what follows
        if heading is not None:
            inner.v.front.append(heading)
        form, j = inner.run_blocks(blocks, i)
        item = Item("message", [], rule=f"embedded:{entry.type}", form=form, message_type=entry.type)
        self.v.between.setdefault(len(self.v.units), []).append(item)
        return j

    def _table(self, block: list[Line]) -> Item:
        rows = []
        for line in block:
            if "\t" in line.text:
                rows.append([c.strip() for c in line.text.split("\t")])
            else:
                rows.append([c.strip() for c in line.text.strip().strip("|").split("|")])
        return Item("table", block, cells=rows, rule="kind:table-row")

    def _split(self, line: Line) -> bool:
        """A form line holding two items ('To MID USSR URGENT'): add both, in order."""
        for split in vocabulary().splits:
            m = split.pattern.match(line.text)
            if m:
                for kind, part in zip(split.kinds, m.groups()):
                    self.v.front.append(Item(kind, [Line(line.number, part)], rule="split:" + "+".join(split.kinds)))
                return True
        return False

    def _block(self, blocks: list[list[Line]], i: int) -> int:
        block = blocks[i]
        want = self._want(block)
        if self.state == "message" and not self.nested and self._opens_embedded(blocks, i):
            want = "message"  # an embedded message begins: its own reading decides its lines
        if want == "message":
            if self.state in ("closer", "back"):
                self._resume_message()
            self.state = "message"
            return self._message_block(blocks, i)
        if self.state == "message":
            self._flush_pending()
            self._sign_off()
        if self.state in ("front", "message") and want in ("closer", "back"):
            self.state = want
        elif want == "back":
            self.state = "back"
        if all(self.table_row.match(l.text) for l in block):
            item = self._table(block)
            target = self._target()
            if target and target[-1].kind == "distribution" and target[-1].cells is None and not target[-1].lines[1:]:
                target[-1].cells = item.cells
                target[-1].lines.extend(block)
            else:
                target.append(item)
            return i + 1
        self._lines(block)
        # a distribution head followed by list-item blocks: gather them
        target = self._target()
        if target and target[-1].kind == "distribution":
            j = i + 1
            while j < len(blocks) and all(_LIST_ITEM.match(l.text) for l in blocks[j]) and self._want(blocks[j]) != "message":
                target[-1].lines.extend(blocks[j])
                j += 1
            return j
        return i + 1

    def _opens_embedded(self, blocks: list[list[Line]], i: int) -> bool:
        """The block opens an embedded message: a line that introduces one, or a quotation right after the
        sentence that announced it."""
        block = blocks[i]
        if len(block) == 1 and _embedded(block[0].text, blocks[i + 1] if i + 1 < len(blocks) else None) is not None:
            return bool(self.v.units)
        if self.v.units and block[0].text[:1] in _OPENING_QUOTES:
            intro = _embedded(self.v.units[-1].parts[-1].text, block)
            return intro is not None and intro.intro == "unit"
        return False

    def _message_block(self, blocks: list[list[Line]], i: int) -> int:
        """A block the decoder put in the message: units, or what stands between them."""
        block = blocks[i]
        first_text = block[0].text
        if all(self.table_row.match(l.text) for l in block):
            self.pending.append(self._table(block))  # a table inside the text
            self._flush_pending()
            return i + 1
        entry = _embedded(first_text, blocks[i + 1] if i + 1 < len(blocks) else None) if len(block) == 1 else None
        if entry is not None and not self.nested and (self.v.units or entry.intro == "heading"):
            # a line that introduces an embedded message: text of this message, or the other's heading
            if entry.intro == "heading":
                return self._embed(blocks, i + 1, entry, Item("heading", list(block), rule=f"embedded:{entry.type}"))
            kind, m, _ = classify(first_text, "message", self.record_date)
            self._add_unit(list(block), "prose" if not _message_kind(kind) else kind, m)
            self.v.units[-1].parts[-1].rule = f"embedded:{entry.type}"  # --explain: this line opened it
            return self._embed(blocks, i + 1, entry, None)
        if not self.nested and self.v.units and first_text[:1] in _OPENING_QUOTES:
            # a quotation opening right after the sentence that announced it ('… the following answer.')
            intro = _embedded(self.v.units[-1].parts[-1].text, block)
            if intro is not None and intro.intro == "unit":
                self.v.units[-1].parts[-1].rule = f"embedded:{intro.type}"
                return self._embed(blocks, i, intro, None)
        self._message_lines(block)
        return i + 1

    def _message_lines(self, block: list[Line]) -> None:
        """Lines in the message: a text line starts units (the rest of the block is theirs, unless its lines
        start numbered points); anything else stands between the units (page furniture, a stamp, a salute)."""
        while block:
            first_text = block[0].text
            kind, m, _ = classify(first_text, "message", self.record_date)
            if _message_kind(kind) or (kind == "short" and (
                    (self.v.units and first_text[:1].islower()) or is_sentence(first_text))):
                for lines, k, km in self._split_points(block, kind, m):
                    self._add_unit(lines, "prose" if k == "short" else k, km)
                return
            if kind in ("short", "prose") and len(block) == 1 and self.v.units and not self._speaker(block[0]) \
                    and self._signed_sentence(block[0]):
                return
            if kind in ("short", "prose") and self.pending and self.pending[-1].kind == "fw-catch":
                kind = "fw-imprint"  # the printer's line at the foot of a form sheet
                self.pending.append(Item(kind, [block[0]], rule="builtin:fw-imprint"))
            elif kind in _MILESTONE_KINDS:
                n = m.group("n") if m is not None and "n" in m.groupdict() else None
                self.pending.append(Item(kind, [block[0]], n=n, rule=_rule(kind)))
            else:
                if kind in ("short", "prose"):
                    kind = "note"
                n = m.group("n") if m is not None and "n" in m.groupdict() else None
                self.pending.append(Item(kind, [block[0]], n=n, rule=f"{_rule(kind)} (inside the message)"))
            block = block[1:]

    def _lines(self, block: list[Line]) -> None:
        current: Item | None = None
        absorbing = False
        for line in block:
            zone = self._zone()
            if self.state == "front" and self._split(line):
                current, absorbing = None, False
                continue
            kind, m, absorbs = classify(line.text, zone, self.record_date)
            rule = _rule(kind)
            if self.state == "front" and kind in ("short", "prose") and current is not None and absorbing:
                current.lines.append(line)  # a multi-line stamp or heading
                continue
            if self.state == "front":
                if kind == "prose" and current is not None and current.kind == "number":
                    kind, rule = "heading", "builtin:heading-after-number"  # a published document's heading follows its number
                elif kind == "prose" and self.v.front and self.v.front[-1].kind == "number" and current is None:
                    kind, rule = "heading", "builtin:heading-after-number"
                if kind in ("short", "prose") and is_uppercase_line(line.text) and not absorbing:
                    kind, absorbs, rule = "heading", True, "builtin:heading-in-capitals"
            elif self.state == "closer":
                if kind in ("short", "prose") and _is_signature(line.text) and not self._speaker(line):
                    kind, rule = "signature", "builtin:signature"
                last = self.v.closer[-1] if self.v.closer else None
                if (is_signature(kind) and kind != "signature-mark" and last is not None
                        and last.kind in ("signature-mark", "signature") and _BARE_MARK.match(last.lines[-1].text)):
                    last.lines.append(line)  # '[signature]', then the name on a line of its own: one signature
                    current, absorbing = last, False
                    continue
                if (is_signature(kind) and last is not None and is_signature(last.kind)
                        and (_BROKEN_OFF.search(last.lines[-1].text)
                             or "signature-title" in (kind, last.kind) and kind != last.kind)):
                    # (or the signer's office under or over the name: 'Karl Brandt' / 'Chairman of the Council')
                    last.lines.append(line)  # 'COUNSELLOR OF THE [signature]' / '... DEPARTMENT (P. ZUBOV)': one signature
                    current, absorbing = last, False
                    continue
                if kind == "signature-mark" and _BARE_MARK.match(line.text) and last is not None \
                        and last.kind == "signature" and len(last.lines) == 1 and is_uppercase_line(last.text):
                    last.lines.append(line)  # an office in capitals, then '[signature]': the signer's title
                    current, absorbing = last, False
                    continue
                if not (kind == "salute" or _closer_kind(kind)):
                    self.state = "back"  # not a closer's line: the endorsements begin
            if self.state == "back" and kind == "footnote":
                self.v.footnotes.append(Item("footnote", [line], n=m.group("n"), rule=rule))
                current, absorbing = None, False
                continue
            if (current is not None and current.kind == "distribution" and self.state != "front"
                    and _LIST_ITEM.match(line.text) and (is_numbered(kind) or kind in ("short", "prose"))):
                current.lines.append(line)  # 'Copies:' and its numbered entries on the lines below it
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
                rule = f"builtin:{kind}"
            current = Item(kind, [line], n=(m.group("n") if m is not None and "n" in m.groupdict() else None), rule=rule)
            self._target().append(current)
            absorbing = absorbs


_INLINE_POINT = re.compile(r"(?<=[.:;!?…\"”»)\]])\s+(?:\((?P<a>\d{1,2})\)|(?P<b>\d{1,2})\.)\s+(?=\S)")
_ONE_LINE_VERSION = 300  # characters: a unit this long on one line may be a whole version written on one line


def _split_inline_points(form: Form) -> None:
    """A version written on one line (current-site page text, PDF text) keeps its numbered points inside the
    line ('… here is the reply: (1) We have decided … (2) We cannot …'): a run of marks numbered 1, 2, 3 …
    after sentence ends makes each point a unit of its own (the space before a mark is not kept)."""
    units: list[Unit] = []
    shift: dict[int, int] = {}
    for index, unit in enumerate(form.units):
        shift[index] = len(units)
        part = unit.parts[0]
        if unit.n is not None or len(unit.parts) != 1 or part.kind != "prose" or len(part.lines) != 1 \
                or len(part.lines[0].text) < _ONE_LINE_VERSION:
            units.append(unit)
            continue
        line = part.lines[0]
        cuts, expected = [], 1
        for m in _INLINE_POINT.finditer(line.text):
            if int(m["a"] or m["b"]) == expected:
                cuts.append((m.start(), m.end() - len(m.group(0).lstrip()), m["a"] or m["b"]))
                expected += 1
        if len(cuts) < 2:
            units.append(unit)
            continue
        head = line.text[: cuts[0][0]]
        if head:
            units.append(Unit(parts=[Item("prose", [Line(line.number, head)], rule=part.rule)]))
        for k, (start, mark, n) in enumerate(cuts):
            end = cuts[k + 1][0] if k + 1 < len(cuts) else len(line.text)
            text = line.text[mark:end]
            units.append(Unit(parts=[Item("prose", [Line(line.number, text)], rule="builtin:inline-point")], n=n))
    if len(units) != len(form.units):
        shift[len(form.units)] = len(units)
        form.between = {shift.get(k, k): v for k, v in form.between.items()}
        form.units = units


def _split_by_state(blocks: list[list[Line]], choices: dict[Line, Choice]) -> list[list[Line]]:
    """Blocks cut where the decoder changes state inside them (a one-block export is one block)."""
    out = []
    for block in blocks:
        current = [block[0]]
        for line in block[1:]:
            a, b = choices.get(current[-1]), choices.get(line)
            if a is not None and b is not None and a.state != b.state:
                out.append(current)
                current = []
            current.append(line)
        out.append(current)
    return out


def read_form(lines: list[Line], record_date=None) -> Form:
    """The telegram form of one version's lines."""
    return _Builder(lines, record_date).run()
