"""What the build passes around: its options, one task per document, and what a task gives back.

Everything here is plain data that pickles: a task travels to a worker process or to a Dask worker on
another machine, and its outcome (the report and the output files as bytes) travels back to the client,
which alone writes into the edition folder.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from .. import __version__

MANIFEST = ".cablegram-manifest.json"
STAGES = ("convert", "validate", "html", "pdf")
# the fields of a report that only describe this run (timings); they are kept out of the manifest, so
# that the manifest is the same bytes whichever executor built the edition
RUN_FIELDS = ("milliseconds", "cpu_ms", "cpu_stage_ms")
# the manifest's own fields: what the planner compares; kept out of the published reports
MANIFEST_FIELDS = ("source_sha", "tei_written_sha", "converted_from_sha", "rendered_sha", "key")


@dataclass(frozen=True)
class BuildOptions:
    pdf: bool = True
    volume: bool = True
    html: bool = True
    title: str = "Telegrams"

    def key(self) -> str:
        """Changes when the tool version or an option that changes a document's outputs changes."""
        return hashlib.sha256(json.dumps([__version__, asdict(self)], sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class DocumentReport:
    source: str
    stem: str
    status: str = "built"  # built | rendered (hand-edited TEI) | unchanged | failed
    tei: str | None = None
    title: str | None = None
    date: str | None = None
    languages: list[str] = field(default_factory=list)
    coverage: float | None = None
    aligned_units: int = 0
    translation_units: int = 0
    warnings: list[dict] = field(default_factory=list)
    validation: list[dict] = field(default_factory=list)
    error: str | None = None
    milliseconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    cpu_ms: float | None = None  # CPU time of the worker thread for the whole document
    cpu_stage_ms: dict[str, float] = field(default_factory=dict)  # CPU time of the worker thread per stage
    fidelity: dict[str, dict] = field(default_factory=dict)  # per edition (html, pdf): words of the TEI text, and those lost
    # manifest fields
    source_sha: str = ""
    tei_written_sha: str = ""
    converted_from_sha: str = ""  # the source text's hash when the converter last wrote the TEI
    rendered_sha: str = ""
    key: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.validation if d["severity"] == "error") + (1 if self.error else 0)

    def as_dict(self) -> dict:
        """A shallow dict of the fields (dataclasses.asdict deep-copies: seconds for 10,000 reports)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def manifest_entry(self) -> dict:
        entry = self.as_dict()
        for name in RUN_FIELDS:
            entry.pop(name, None)
        return entry

    @classmethod
    def from_manifest(cls, entry: dict) -> "DocumentReport":
        return cls(**{k: v for k, v in entry.items() if k in cls.__dataclass_fields__ and k not in RUN_FIELDS})


@dataclass(frozen=True)
class Task:
    """One document's work, with everything a worker needs (no access to the edition folder).

    action: 'convert' (source text → TEI → editions) or 'render' (TEI edited by hand → editions)."""
    stem: str
    source: str  # the source's path on the client: for messages and the report
    action: str
    data: bytes  # the source text ('convert') or the TEI ('render')
    options: BuildOptions
    tei_name: str  # the TEI's path on the client: for messages
    previous: dict = field(default_factory=dict)  # the manifest entry ('render' keeps what conversion found)
    source_sha: str = ""  # 'render': the source text's hash now (to warn that it changed since conversion)


@dataclass
class Outcome:
    """A task's result: the report, and the files to write, by path relative to the edition folder."""
    report: DocumentReport
    files: dict[str, bytes] = field(default_factory=dict)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
