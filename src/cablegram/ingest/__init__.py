"""Ingest: bytes of a text export → the segmented model (`cablegram.model.Document`)."""
from __future__ import annotations

from pathlib import Path

from ..model import Document
from .decode import DecodeError, decode
from .record import split_export
from .structure import structure
from .versions import split_versions

__all__ = ["InputError", "read_document", "parse_document"]


class InputError(ValueError):
    """An input that cannot become a TEI document; the one-line message names the file and the problem."""


def parse_document(data: bytes, name: str) -> Document:
    """Decode and segment one export. Raises InputError when no document can be made."""
    stem = Path(name).stem
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise InputError(f"{name}: {exc}") from None
    split = split_export(decoded.text)
    rec = split.record
    versions, version_notes = split_versions(split.body, rec)
    if not versions:
        what = "only record metadata, no document text" if (rec.title or rec.citation) else "no recognisable text"
        raise InputError(f"{name}: {what}; no TEI written")
    doc = Document(stem=stem, source_name=Path(name).name, encoding=decoded.encoding, record=rec,
                   versions=versions, dropped=split.dropped, source_text=decoded.text)
    for code, message in split.notes + version_notes:
        doc.warn(code, message)
    for version in versions:
        for code, message in structure(version, rec.date):
            doc.warn(code, message)
    _report_missing(doc)
    return doc


def _report_missing(doc: Document) -> None:
    rec = doc.record
    for field, code, label in (
        (rec.title, "CW-NO-TITLE", "record title"),
        (rec.date, "CW-NO-DATE", "record date"),
        (rec.citation, "CW-NO-CITATION", "citation"),
        (rec.url, "CW-NO-URL", "record URL"),
        (rec.summary, "CW-NO-SUMMARY", "summary"),
    ):
        if not field:
            doc.warn(code, f"no {label} in the export; left absent")
    if rec.summary_by_position:
        doc.warn("CW-SUMMARY-BY-POSITION", "the summary was recognised by its position before 'Document Information' (no label)")
    for label in rec.empty_fields:
        doc.warn("CW-EMPTY-FIELD", f"record field '{label}' is present but empty")


def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text export") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_document(data, str(path))
