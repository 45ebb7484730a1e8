"""What ingest makes of an export: plain dataclasses, no XML.

A `Document` is what a text export says, segmented: record metadata (`Record`) and the language versions
of the body (`Version`), each a run of source lines. Text stays exactly as in the source (markdown syntax
aside). Everything recognised inside the versions (the telegram form, names, dates, alignment) is the
analysis stage's (`cablegram.analysis`), which never changes the Document.
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
    part: bool = False  # only `text` was dropped from the line (a label, words run on with other fields)


@dataclass
class Record:
    """Record metadata around the document text."""

    title: str | None = None
    date_text: str | None = None
    date: _dt.date | None = None  # a month-and-year date is held as its first day: see date_precision
    date_precision: str = "day"  # 'day', or 'month' when the record gives only month and year
    citation: str | None = None  # verbatim (the URL kept, markdown brackets removed)
    citation_field: str = "citation"  # 'citation' or 'document_information'
    url: str | None = None
    record_id: str | None = None
    summary: str | None = None
    summary_by_position: bool = False  # unlabelled summary recognised by its place in a scraped page
    credits: str | None = None
    funders: list[str] = field(default_factory=list)
    translator: str | None = None
    translators: list[str] = field(default_factory=list)  # each translator named ('A and B' -> [A, B])
    translator_statement: str | None = None  # e.g. 'Translated for CWIHP by Vladislav Zubok'
    original_language: str | None = None  # as written, e.g. 'Russian'
    original_language_code: str | None = None
    contents: list[str] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    empty_fields: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # other labelled fields, (label, value)
    layout: str = "unknown"
    layout_score: float = 0.0  # share of the layout's cue weight found (ingest/layouts.py)
    layout_known: bool = True  # False: no layout scored high enough; read best-effort
    layout_cues: tuple[str, ...] = ()
    record_language: str | None = None  # the record's 'Language' sub-label, as written
    version_heads: list[tuple[int, str, str]] = field(default_factory=list)  # (line, language code, kind) of version headings
    original_language_inferred: bool = False  # the original language was inferred, not stated (see original_language_evidence)
    original_language_evidence: str = ""
    dropped_labels: list[Dropped] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # field -> source line its value came from
    rules: dict[str, str] = field(default_factory=dict)  # field -> the label or table entry that decided it


    @property
    def date_when(self) -> str | None:
        """The record date in ISO 8601 as precise as written: '1953-03-05', or '1953-03' for 'March 1953'."""
        if self.date is None:
            return None
        return self.date.isoformat()[:7] if self.date_precision == "month" else self.date.isoformat()


@dataclass
class Version:
    role: str  # 'original' or 'translation'
    lang: str  # ISO 639-1
    subtype: str | None = None  # 'transcript' / 'published' when two originals exist
    xml_id: str = ""
    lines: list[Line] = field(default_factory=list)


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
