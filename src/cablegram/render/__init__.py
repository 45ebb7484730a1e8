"""Editions from TEI: a static HTML site (`HtmlRenderer`) and PDFs (`PdfRenderer`), each checked at render
time to hold every word of the TEI text (`Fidelity`).

    from cablegram.render import HtmlRenderer, PdfRenderer

Names are imported on first use, so that the HTML side never loads Typst.
"""
from __future__ import annotations

import importlib

_NAMES = {
    "HtmlRenderer": ".html",
    "Rendered": ".html",
    "PdfRenderer": ".pdf",
    "PdfError": ".pdf",
    "Fidelity": ".fidelity",
    "FidelityError": ".fidelity",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
