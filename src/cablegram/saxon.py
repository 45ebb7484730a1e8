"""One Saxon processor per process, and stylesheets compiled once per run.

SaxonC keeps a JVM-like runtime per process; creating processors or compiling stylesheets per document
is the dominant cost in XSLT pipelines (see docs), so every stage asks this module for executables.
"""
from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from saxonche import PySaxonProcessor, PyXsltExecutable

from .resources import resource

_lock = threading.Lock()


@cache
def processor() -> PySaxonProcessor:
    return PySaxonProcessor(license=False)


class StylesheetError(RuntimeError):
    """A stylesheet failed to compile or to run; the message carries Saxon's own words."""


@cache
def compiled(stylesheet: str | Path) -> PyXsltExecutable:
    """Compile an XSLT 3.0 stylesheet once per process.

    `stylesheet` is a path, or a file name inside the project's `xslt/` folder.
    """
    path = Path(stylesheet)
    if not path.is_absolute() and not path.exists():
        path = resource("xslt", str(stylesheet))
    with _lock:
        xslt = processor().new_xslt30_processor()
        try:
            executable = xslt.compile_stylesheet(stylesheet_file=str(path))
        except Exception as exc:  # saxonche raises PySaxonApiError
            raise StylesheetError(f"{path}: stylesheet does not compile: {exc}") from None
    if executable is None:
        raise StylesheetError(f"{path}: stylesheet does not compile")
    return executable


def parse_document(data: bytes | str, base_uri: str | None = None):
    """Parse XML text into a Saxon node (the text must already have passed `xmlio.parse_xml`)."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    builder = processor().new_document_builder()
    if base_uri:
        builder.base_uri = base_uri
    return builder.parse_xml(xml_text=data)


def transform_to_string(stylesheet: str | Path, document, **params: object) -> str:
    """Run a compiled stylesheet on a Saxon node, with string/int/bool parameters."""
    executable = compiled(stylesheet)
    proc = processor()
    with _lock:
        executable.clear_parameters()
        for name, value in params.items():
            if isinstance(value, bool):
                executable.set_parameter(name, proc.make_boolean_value(value))
            elif isinstance(value, int):
                executable.set_parameter(name, proc.make_integer_value(value))
            else:
                executable.set_parameter(name, proc.make_string_value(str(value)))
        try:
            result = executable.transform_to_string(xdm_node=document)
        except Exception as exc:
            raise StylesheetError(f"{stylesheet}: transformation failed: {exc}") from None
    if result is None:
        raise StylesheetError(f"{stylesheet}: transformation produced no result")
    return result
