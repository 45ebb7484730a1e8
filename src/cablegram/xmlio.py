"""One hardened XML parser for the whole project, and atomic file writes.

Every stage that reads XML (TEI, schemas, authority files, stylesheet output) goes through
`parse_xml`: no network, no external entities or DTDs, no entity expansion blow-up, a size limit.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
import re
import tempfile
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}

#: Largest XML file we parse, in bytes (a telegram is a few tens of kB; a whole corpus file may be large).
MAX_XML_BYTES = 50 * 1024 * 1024


class XMLInputError(ValueError):
    """An XML input that cannot be parsed safely; the message names the file and the problem."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,  # duplicate xml:ids are reported by the Schematron (CG-E001), not a parse failure
    )


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _refuse_entity_declarations(data: bytes, label: str) -> None:
    # Checked on the raw bytes before parsing, so that an entity bomb fails at once, not after expansion.
    head_end = data.find(b"]>")
    prolog = data[: head_end + 2] if b"<!DOCTYPE" in data[:4096] or b"<!doctype" in data[:4096] else b""
    count = len(_ENTITY_DECL.findall(prolog)) if prolog else 0
    if count:
        raise XMLInputError(
            f"{label}: DOCTYPE declares {count} entit{'y' if count == 1 else 'ies'}; entity declarations are refused "
            "(they are how external-entity (XXE) and entity-expansion attacks work)"
        )


def parse_xml(source: str | os.PathLike | bytes, *, name: str | None = None, max_bytes: int = MAX_XML_BYTES) -> etree._ElementTree:
    """Parse XML from a path or bytes with the project's hardened settings.

    Raises XMLInputError with a one-line message naming the file and the problem.
    """
    if isinstance(source, bytes):
        data = source
        label = name or "<bytes>"
    else:
        path = Path(source)
        label = name or str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise XMLInputError(f"{label}: cannot read file ({exc.strerror})") from None
        if size > max_bytes:
            raise XMLInputError(f"{label}: file is {size:,} bytes, above the limit of {max_bytes:,} bytes")
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise XMLInputError(f"{label}: input is {len(data):,} bytes, above the limit of {max_bytes:,} bytes")
    if not data.strip():
        raise XMLInputError(f"{label}: file is empty")
    _refuse_entity_declarations(data, label)
    try:
        root = etree.fromstring(data, _parser(), base_url=None if isinstance(source, bytes) else str(Path(source).resolve()))
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        where = f":{line}" if line else ""
        raise XMLInputError(f"{label}{where}: not well-formed XML: {exc.msg}") from None
    return root.getroottree()


_deferred_flush = 0  # > 0: inside `one_flush()`; the files are flushed together when it ends
_unflushed = False  # a file was written inside it


@contextmanager
def one_flush():
    """Files written with `write_atomic` inside are renamed into place at once but flushed to disk together,
    by one `os.sync()` at the end, not one fsync each: a site pass rewrites thousands of pages, and an fsync
    costs milliseconds each on a busy disk. Readers still never see a half-written file (rename)."""
    global _deferred_flush, _unflushed
    _deferred_flush += 1
    try:
        yield
    finally:
        _deferred_flush -= 1
        if not _deferred_flush and _unflushed:
            _unflushed = False
            if hasattr(os, "sync"):
                os.sync()


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write a file so that readers never see it half-written: temporary file, fsync, rename (the fsync
    deferred to the end of an enclosing `one_flush()`)."""
    global _unflushed
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if _deferred_flush:
                _unflushed = True
            else:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def quoteattr(value: str) -> str:
    """An XML attribute value with its quotes, escaped exactly as xml.sax.saxutils.quoteattr does (whose
    import pulls in urllib.request, http.client and the email package: 20-40 ms of start-up)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'
