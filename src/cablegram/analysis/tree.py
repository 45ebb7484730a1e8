"""The version's block tree: the form's items in document order, each with its encoding from the
vocabulary and its text read for inline spans (footnote anchors bound in document order)."""
from __future__ import annotations

from .form import Form, Item, Unit
from .inline import Footnotes, InlineReader
from .model import Block, Entry, Inline
from .vocabulary import vocabulary


class TreeBuilder:
    def __init__(self, form: Form, reader: InlineReader, alignment: dict | None = None) -> None:
        self.form = form
        self.reader = reader
        self.vocab = vocabulary()
        self.alignment = alignment or {}
        self.categories: dict[str, dict[str, str]] = {}

    # ------------------------------------------------------------------ text
    def _lines(self, item: Item, **kw) -> tuple[Inline, ...]:
        # a time on an item's later line was written where its first line says ('Раст. Мокров' / '05.45 21.7.')
        first = item.lines[0].text if item.lines else None
        return tuple(self.reader.read(line.text, line.number, zone_context=first if k else None, **kw)
                     for k, line in enumerate(item.lines))

    def _plain(self, item: Item) -> tuple[Inline, ...]:
        return (Inline(item.text, (), item.lines[0].number if item.lines else 0),)

    def _block(self, item: Item, zone: str, **fields) -> Block:
        return Block(item.kind, zone, rule=item.rule, n=item.n,
                     source_lines=tuple(l.number for l in item.lines), **fields)

    # ------------------------------------------------------------------ items
    def milestone(self, item: Item, zone: str) -> Block:
        vocab = self.vocab
        if item.kind == "gap":
            return self._block(item, zone, tei="gap", lines=self._plain(item))
        shape = vocab.milestones.get(item.kind, {})
        if "pb" in shape:
            return self._block(item, zone, tei="milestone", pb=(shape["pb"], shape["fw"]), lines=self._plain(item))
        return self._block(item, zone, tei=f"fw:{shape.get('fw', 'header')}", lines=self._lines(item, names=False))

    def opener_item(self, item: Item) -> Block:
        element, type_ = self.vocab.tei_target(item.kind, "opener")
        if element in ("milestone", "gap"):
            return self.milestone(item, "opener")
        if element == "seg" and type_ == "distribution":
            return self.distribution(item, "opener", "seg:distribution")
        category = self.vocab.category(item.kind, item.text) if item.kind in ("marking", "precedence") else None
        if category:
            self.categories.setdefault(item.kind, {})[category[0]] = category[1]
        idno = self.vocab.idno_type(lambda: item.text, item.kind, "opener")
        stamp = self.vocab.stamp_type(item.text) if item.kind == "stamp" else None
        return self._block(item, "opener", tei=f"{element}:{type_}" if type_ else element, category=category,
                           idno_type=idno, stamp_type=stamp, lines=self._lines(item, idno_type=idno))

    def between_item(self, item: Item) -> Block:
        if item.kind == "message":
            return self.embedded(item)
        element, type_ = self.vocab.tei_target(item.kind, "between")
        if element == "milestone":
            return self.milestone(item, "between")
        if element in ("distribution", "table"):
            return self.distribution(item, "between", element)
        if item.kind == "gap":
            return self._block(item, "between", tei=f"{element}:{type_}", lines=self._plain(item))
        return self._block(item, "between", tei=f"{element}:{type_}", lines=self._lines(item))

    def unit(self, unit: Unit) -> Block:
        parts = []
        prose_seen = False
        for part in unit.parts:
            if part.kind == "prose":
                text = " ".join(line.text for line in part.lines)
                inline = self.reader.read(text, part.lines[0].number, groups=not prose_seen)
                parts.append(Block("prose", "unit", tei="", lines=(inline,), rule=part.rule,
                                   source_lines=tuple(l.number for l in part.lines)))
                prose_seen = True
            else:
                parts.append(self.milestone(part, "unit"))
        corresp, cert = self.alignment.get(unit.xml_id, ((), None))
        return Block("unit", "message", tei="p", children=tuple(parts), n=unit.n, xml_id=unit.xml_id,
                     corresp=corresp, cert=cert,
                     source_lines=tuple(n for p in parts for n in p.source_lines))

    def closer_item(self, item: Item) -> Block:
        element, type_ = self.vocab.tei_target(item.kind, "closer")
        idno = self.vocab.idno_type(lambda: item.text, item.kind, "closer")
        return self._block(item, "closer", tei=element, idno_type=idno, lines=self._lines(item, idno_type=idno))

    def endorsement(self, item: Item) -> Block:
        element, type_ = self.vocab.tei_target(item.kind, "endorsements")
        if element == "milestone":
            return self.milestone(item, "endorsements")
        if element == "distribution":
            return self.distribution(item, "endorsements", "distribution")
        tei = f"{element}:{type_}" if type_ else element
        if item.kind == "source-line":
            return self._block(item, "endorsements", tei=tei, lines=self._lines(item, names=False))
        if item.kind == "gap":
            return self._block(item, "endorsements", tei=tei, lines=self._plain(item))
        idno = self.vocab.idno_type(lambda: item.text, item.kind, "endorsements")
        stamp = self.vocab.stamp_type(item.text) if item.kind == "stamp" else None
        return self._block(item, "endorsements", tei=tei, idno_type=idno, stamp_type=stamp,
                           lines=self._lines(item, idno_type=idno))

    def distribution(self, item: Item, zone: str, tei: str) -> Block:
        read = self.reader.read
        inline = self.vocab.inline
        first_line = item.lines[0]
        if item.cells is not None and not any(c for row in item.cells for c in row):
            # a table of empty cells (a blank form): no text to keep but its heading, if any
            lines = (read(first_line.text, first_line.number),) if item.kind == "distribution" else ()
            return self._block(item, zone, tei=tei, lines=lines)
        if item.cells is not None:
            head = read(first_line.text, first_line.number) if item.kind == "distribution" else None
            rows = tuple(tuple(read(cell) for cell in row) for row in item.cells if any(c for c in row))
            return self._block(item, zone, tei=tei, head=head, rows=rows)
        first = first_line.text
        m = inline["distribution_head"].match(first)
        if len(item.lines) == 1 and not (m and m.group("rest")):
            # a 'Копии:' heading with no list after it (the form left blank, or the list lost)
            return self._block(item, zone, tei=tei, lines=(read(first, first_line.number),))
        head = read(m.group("head") if m else first, first_line.number)
        entries: list[tuple[str, int]] = []
        rest = m.group("rest") if m else ""
        if rest:
            if rest[:1].isdigit():
                entries.append((rest, first_line.number))
            else:
                entries.extend((p, first_line.number) for p in inline["distribution_entry_split"].split(rest) if p)
        entries.extend((line.text, line.number) for line in item.lines[1:])
        out = []
        for text, number in entries:
            n = inline["distribution_entry_number"].match(text)
            out.append(Entry(read(text, number), n.group(1) if n else None))
        return self._block(item, zone, tei=tei, head=head, entries=tuple(out))

    # ------------------------------------------------------------------ messages
    def embedded(self, item: Item) -> Block:
        """A message inside the message: its own opener, units, closer (and notes after its closer)."""
        children = self._message(item.form)
        return Block("message", "between", tei=f"floatingText:{item.message_type}", children=tuple(children),
                     rule=item.rule)  # its lines are its blocks'; the line that introduced it is a unit before it

    def _message(self, form: Form) -> list[Block]:
        """The message div (and the endorsements div, if any) of a form."""
        message: list[Block] = []
        if form.front:
            message.append(Block("opener", "message", tei="opener", children=tuple(self.opener_item(i) for i in form.front)))
        for index, unit in enumerate(form.units, start=1):
            message += [self.between_item(i) for i in form.between.get(index - 1, [])]
            message.append(self.unit(unit))
        message += [self.between_item(i) for i in form.between.get(len(form.units), [])]
        if form.closer:
            message.append(Block("closer", "message", tei="closer", children=tuple(self.closer_item(i) for i in form.closer)))
        children = [Block("message", "version", tei="div:message", children=tuple(message))]
        if form.endorsements:
            children.append(Block("endorsements", "version", tei="div:endorsements",
                                  children=tuple(self.endorsement(i) for i in form.endorsements)))
        return children

    # ------------------------------------------------------------------ the version
    def build(self, version_id: str) -> tuple[Block, int]:
        """The version's tree, and how many footnotes found no anchor."""
        children = self._message(self.form)
        endorsements = list(children.pop().children) if len(children) > 1 else []
        # footnotes whose anchor was not found: kept, at the end of the version
        unanchored = list(self.reader.footnotes.pending)
        self.reader.footnotes.pending.clear()
        mark = self.vocab.inline["footnote_mark"]
        plain = InlineReader(self.reader.record_date, self.reader.supplied_resp, names=self.reader.names)
        for n, body, line in unanchored:
            endorsements.append(Block("footnote", "endorsements", tei="note:footnote", n=n, rule="kind:footnote",
                                      lines=(plain.read(mark.sub("", body, count=1), line),), source_lines=(line,)))
        if endorsements:
            children.append(Block("endorsements", "version", tei="div:endorsements", children=tuple(endorsements)))
        return Block("version", "", tei="div", children=tuple(children), xml_id=version_id), len(unanchored)


def footnotes_of(form: Form) -> Footnotes:
    """The footnotes of a version (embedded messages' included), in the order of their lines."""
    items = list(form.footnotes)
    for between in form.between.values():
        items += [f for i in between if i.form is not None for f in footnotes_of(i.form).items]
    notes = Footnotes([(item.n, item.text, item.lines[0].number) for item in sorted(items, key=lambda i: i.lines[0].number)])
    notes.items = items
    return notes
