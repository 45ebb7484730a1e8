"""Print edition: TEI → Typst source (XSLT 3.0) → PDF/A-2b, compiled in-process by the `typst` package.

Only Typst's bundled fonts are used (Libertinus Serif covers Latin and Cyrillic; DejaVu Sans Mono for forme
work), so output does not depend on the machine; a glyph no bundled font has fails the build (PDF/A refuses
it) rather than printing a box.
"""
from __future__ import annotations

import os
from pathlib import Path

import typst
from lxml import etree

from .. import saxon
from ..xmlio import parse_xml, write_atomic
from .html import CG_NS

STYLESHEET = "typst.xsl"
TEI_NS = "http://www.tei-c.org/ns/1.0"
VIEWS = ("parallel", "original", "translation")


class PdfError(RuntimeError):
    """A PDF could not be made; the message names the file and Typst's reason."""


def _timestamp() -> int:
    # reproducible: the same TEI gives the same PDF bytes (SOURCE_DATE_EPOCH when set, else the epoch)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
    return int(epoch) if epoch.isdigit() else 0


def _parse_tei(path: Path) -> etree._ElementTree:
    tree = parse_xml(path)  # the one hardened parser: names the file and the problem
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise PdfError(f"{path}: not a TEI document (the root element is <{etree.QName(root).localname}>, not TEI's <TEI>)")
    return tree


class PdfRenderer:
    def __init__(self) -> None:
        saxon.compiled(STYLESHEET)
        # one compiler for the whole run: loading the bundled fonts per document took 60 % of the time
        self._typst = typst.Compiler(ignore_system_fonts=True)

    def typst_source(self, tei_path: Path, *, view: str = "parallel", original: str = "", node=None) -> str:
        """`node`: the TEI already parsed by Saxon after the hardened parse (the build shares one per file)."""
        if view not in VIEWS:
            raise ValueError(f"view must be one of {', '.join(VIEWS)}")
        if node is None:
            tree = _parse_tei(Path(tei_path))
            node = saxon.parse_document(etree.tostring(tree))
        return saxon.transform_to_string(STYLESHEET, node, view=view, original=original)

    def volume_source(self, tei_paths: list[Path], *, title: str = "Telegrams") -> str:
        corpus = etree.Element(f"{{{CG_NS}}}corpus", nsmap={"cg": CG_NS})
        for path in tei_paths:
            entry = etree.SubElement(corpus, f"{{{CG_NS}}}entry", href=Path(path).stem)
            entry.append(_parse_tei(Path(path)).getroot())
        return saxon.transform_to_string(STYLESHEET, saxon.parse_document(etree.tostring(corpus)), volume_title=title)

    def compile(self, source: str, out_pdf: Path, *, name: str) -> Path:
        try:
            pdf, warnings = self._typst.compile_with_warnings(
                input=source.encode("utf-8"), pdf_standards=["a-2b"], timestamp=_timestamp()
            )
        except typst.TypstError as exc:
            raise PdfError(f"{name}: Typst could not make the PDF: {exc}") from None
        problems = [str(w) for w in warnings if any(k in str(w).lower() for k in ("glyph", "font", "could not be displayed"))]
        if problems:
            raise PdfError(f"{name}: {problems[0]}")
        write_atomic(out_pdf, pdf)
        return Path(out_pdf)

    def render_document(self, tei_path: Path, out_pdf: Path, view: str = "parallel", original: str = "", node=None) -> Path:
        return self.compile(self.typst_source(tei_path, view=view, original=original, node=node), out_pdf, name=str(tei_path))

    def render_volume(self, tei_paths: list[Path], out_pdf: Path, *, title: str = "Telegrams") -> Path:
        return self.compile(self.volume_source(tei_paths, title=title), out_pdf, name=str(out_pdf))
