"""What the analysis knows about one document: frozen dataclasses, no XML.

The analysis never changes the ingested `Document`; it adds to it. The text of each version is ONE
ordered tree of typed blocks (`Block`): a version holds a message and its endorsements; a message holds
its opener, units (paragraphs and numbered points), milestones, closer — and possibly other messages (a
forwarded or quoted telegram, an enclosure), each with its own opener, units and closer. Every piece of
text the TEI will hold is an `Inline`: the text exactly as in the source and the spans recognised in it.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .references import ArchivalReference
from ..problems import Problem


@dataclass(frozen=True)
class Span:
    """A recognised stretch of an Inline's text (offsets into it)."""

    start: int
    end: int
    kind: str  # 'gap' | 'note' | 'supplied' | 'gloss' | 'editorial-note' | 'idno' | 'num' | 'date' | 'name' | 'ref' (to another telegram)
    attrs: tuple[tuple[str, str], ...] = ()  # e.g. (('when', '1953-07-04'),) or (('ref', 'pl-beijing'),)
    inner: Inline | None = None  # 'supplied', 'gloss', 'editorial-note': the bracketed text; 'note': the footnote's body; 'ref': its words

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass(frozen=True)
class Inline:
    """One piece of text as the source has it (markdown syntax aside), with its spans, in order."""

    text: str
    spans: tuple[Span, ...] = ()
    line: int = 0  # source line it starts on


@dataclass(frozen=True)
class Entry:
    """An entry of a distribution list ('1 - cde. Malenkov')."""

    text: Inline
    n: str | None = None


@dataclass(frozen=True)
class Block:
    """A typed block of a version's text.

    kind: a line kind of the vocabulary (analysis/data/form.toml: 'marking', 'salute', 'pb-page', …) or a
    structural kind: 'version', 'message', 'opener', 'closer', 'endorsements', 'unit', 'prose'.
    zone: where the block stands in its message ('opener', 'between', 'unit', 'closer', 'endorsements').
    """

    kind: str
    zone: str = ""
    tei: str = ""  # the encoding from the vocabulary: 'seg:doc-number', 'salute', 'milestone', 'gap', …
    lines: tuple[Inline, ...] = ()  # the block's text, one Inline per source line (a prose part: joined)
    children: tuple[Block, ...] = ()
    n: str | None = None
    xml_id: str | None = None
    corresp: tuple[str, ...] = ()
    cert: str | None = None
    category: tuple[str, str] | None = None  # (id, description): markings and precedence
    idno_type: str | None = None  # document numbers: 'telegram', 'outgoing', 'copy', …
    stamp_type: str | None = None  # stamps: 'return', 'copies', 'form', 'office'
    head: Inline | None = None  # distribution list or table heading
    entries: tuple[Entry, ...] = ()  # distribution list
    rows: tuple[tuple[Inline, ...], ...] | None = None  # table cells
    rule: str = ""  # the vocabulary entry (or built-in rule) that decided the kind
    source_lines: tuple[int, ...] = ()
    pb: tuple[str, str] | None = None  # a page break: (pb type, fw type of the page number)

    def walk(self):
        """This block and every block inside it, in document order."""
        stack = [self]
        while stack:
            block = stack.pop()
            yield block
            stack.extend(reversed(block.children))


@dataclass(frozen=True)
class VersionAnalysis:
    xml_id: str
    role: str  # 'original' | 'translation'
    lang: str
    subtype: str | None  # 'transcript' | 'published'
    tree: Block  # kind 'version'
    source: str | None = None  # pointer to its source description ('#ms-1', '#pub-ru-p')
    corresp: str | None = None  # a translation's original
    resp: str | None = None  # a translation's translator
    cert: str | None = None  # 'unknown': an English-only text no evidence shows to be original or translated

    @property
    def units(self) -> list[Block]:
        return [b for b in self.tree.walk() if b.kind == "unit"]


@dataclass(frozen=True)
class Fact:
    """A record fact and where it came from."""

    name: str  # 'title', 'date', 'citation', 'url', 'record_id', 'translator', 'funder', 'summary', …
    value: str
    line: int  # source line (0: derived from other facts)
    rule: str  # the label or table entry that decided it


@dataclass(frozen=True)
class Party:
    tag: str  # persName | orgName | placeName
    text: str
    ref: str | None
    cert: str | None = None  # 'medium' when inferred (a conversation's recorder, a relaying formula)


@dataclass(frozen=True)
class ActionDate:
    text: str | None
    attributes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Correspondence:
    sent: tuple[Party, ...] = ()
    received: tuple[Party, ...] = ()
    sent_date: ActionDate | None = None
    received_date: ActionDate | None = None
    sent_rule: str = ""  # the cue that decided the sender (for --explain)
    received_rule: str = ""


@dataclass(frozen=True)
class Link:
    translation: str
    original: str
    method: str  # 'numbered' | 'continuation' | 'anchors' | 'length'
    cert: str  # 'high' | 'medium' | 'low'


@dataclass(frozen=True)
class PublishedVersion:
    """A version that is a printed edition's text (or carries a 'printed from' line)."""

    version: str  # xml:id
    number: str | None  # the document number as written ('№ 338')
    number_n: str | None  # its digits
    pages: tuple[str, ...]
    print_sources: tuple[str, ...]  # 'Печ. по: …' lines, as written


@dataclass(frozen=True)
class LineDecision:
    """For --explain: what one input line became."""

    line: int
    text: str
    version: str  # '' for record lines
    kind: str
    zone: str
    rule: str


@dataclass(frozen=True)
class Analysis:
    document_id: str
    facts: tuple[Fact, ...]
    references: tuple[ArchivalReference, ...]
    versions: tuple[VersionAnalysis, ...]
    correspondence: Correspondence
    links: tuple[Link, ...]
    published: tuple[PublishedVersion, ...]
    languages: tuple[tuple[str, str], ...]  # (code, label) declared in langUsage, in order
    language_names: tuple[tuple[str, str], ...]  # code -> label for any language code
    categories: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # taxonomy -> ((id, description), …)
    problems: tuple[Problem, ...]
    footnote_lines: tuple[LineDecision, ...]  # where each footnote stood (for --explain)
    record_date: _dt.date | None = None
    publisher: str | None = None
    translator_resp: str | None = None  # the words before the translator's name ('Translated for CWIHP by')
    supplied_resp: str = "#src-wcda"
    name_candidates: tuple[tuple[str, str, int], ...] = ()  # (name, element, line): marked without @ref
    original_language: str | None = None  # the record's, or inferred (see original_language_inferred)
    original_language_inferred: bool = False
    line_roles: tuple[tuple[str, int, object], ...] = ()  # (version, line, the sequence decoder's Choice) for --explain

    def fact(self, name: str) -> Fact | None:
        return next((f for f in self.facts if f.name == name), None)

    @property
    def unit_count(self) -> int:
        return sum(len(v.units) for v in self.versions)
