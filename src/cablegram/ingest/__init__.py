"""Ingest: bytes of a text export → the segmented model (`cablegram.model.Document`)."""
from __future__ import annotations

from pathlib import Path

from ..model import Document
from .decode import DecodeError, decode
from .record import split_export
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
    return doc


def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text export") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_document(data, str(path))
