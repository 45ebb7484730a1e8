"""The intermediate model between ingest and TEI: plain dataclasses, no XML.

A `Document` is what a text export says, segmented: record metadata (`Record`), the language versions of
the body (`Version`), each divided into opener items, text units, closer items and endorsements.
Text stays exactly as in the source (markdown syntax aside); inline recognition (names, dates, brackets)
is the TEI stage's job.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .problems import Problem, problem


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source file
    text: str  # the line's text, markdown syntax removed


@dataclass(frozen=True)
class Dropped:
    rule: str
    description: str
    line: int
    text: str


@dataclass
class Record:
    """Record metadata around the document text."""

    title: str | None = None
    date_text: str | None = None
    date: _dt.date | None = None
    citation: str | None = None  # verbatim (the URL kept, markdown brackets removed)
    citation_field: str = "citation"  # 'citation' or 'document_information'
    url: str | None = None
    record_id: str | None = None
    summary: str | None = None
    summary_by_position: bool = False  # unlabelled summary recognised by its place in a scraped page
    credits: str | None = None
    funders: list[str] = field(default_factory=list)
    translator: str | None = None
    translator_statement: str | None = None  # e.g. 'Translated for CWIHP by Vladislav Zubok'
    original_language: str | None = None  # as written, e.g. 'Russian'
    original_language_code: str | None = None
    contents: list[str] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    empty_fields: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # other labelled fields, (label, value)
    layout: str = "unknown"
    dropped_labels: list[Dropped] = field(default_factory=list)


@dataclass
class Item:
    """One recognised piece of a version: a line or block with a kind."""

    kind: str  # see tei.structure for the vocabulary
    lines: list[Line]
    n: str | None = None  # number of a numbered point
    cells: list[list[str]] | None = None  # table rows, for kind 'table'

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else 0


@dataclass
class Unit:
    """A text unit (paragraph or numbered point); may hold page breaks that fell inside it."""

    parts: list[Item]  # 'prose' items and in-paragraph milestones ('pb-group')
    n: str | None = None
    xml_id: str | None = None
    corresp: list[str] = field(default_factory=list)
    cert: str | None = None  # certainty of the alignment, when not high

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts if p.kind == "prose")


@dataclass
class Version:
    role: str  # 'original' or 'translation'
    lang: str  # ISO 639-1
    subtype: str | None = None  # 'transcript' / 'published' when two originals exist
    xml_id: str = ""
    lines: list[Line] = field(default_factory=list)
    front: list[Item] = field(default_factory=list)  # opener material
    units: list[Unit] = field(default_factory=list)
    between: dict[int, list[Item]] = field(default_factory=dict)  # items standing between unit i-1 and unit i
    closer: list[Item] = field(default_factory=list)
    endorsements: list[Item] = field(default_factory=list)
    footnotes: list[Item] = field(default_factory=list)


@dataclass
class Document:
    stem: str
    source_name: str
    encoding: str
    record: Record
    versions: list[Version]
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # conversion warnings (CW- codes)
    source_text: str = ""

    def warn(self, code: str, message: str, line: int = 0) -> None:
        self.warnings.append(problem(code, message, file=self.source_name, line=line))
