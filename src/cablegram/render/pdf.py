"""Print edition: TEI → Typst source (XSLT 3.0) → PDF/A-2b, compiled in-process by the `typst` package.

Every PDF is checked before it is written: the words of the TEI text it prints must all be in its extracted
text (`fidelity.py`).

Fonts never come from the machine: DejaVu Serif, bundled with the web assets (assets/fonts, DejaVu licence), so
that site and print share one type family, and Typst's bundled DejaVu Sans Mono for forme work. A glyph they
lack fails the build (PDF/A refuses it) rather than printing a box.
"""
from __future__ import annotations

import os
from pathlib import Path

import typst
from lxml import etree

from .. import saxon
from ..xmlio import parse_xml, write_atomic
from .edition import Edition, abbreviations, pdf_date
from .fidelity import Fidelity, FidelityError, check_pdf
from .html import CG_NS, Rendered, _root_name

STYLESHEET = "typst.xsl"
FONTS = Path(__file__).resolve().parent / "assets" / "fonts"
TEI_NS = "http://www.tei-c.org/ns/1.0"
VIEWS = ("parallel", "original", "translation")


class PdfError(RuntimeError):
    """A PDF could not be made; the message names the file and Typst's reason."""


def _timestamp() -> int:
    # reproducible: the same TEI gives the same PDF bytes (SOURCE_DATE_EPOCH when set, else the epoch)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
    return int(epoch) if epoch.isdigit() else 0


def _parse_tei(path: Path, data: bytes | None = None) -> etree._ElementTree:
    """`data`: the file's bytes when the caller has them (the build's worker holds TEI in memory)."""
    tree = parse_xml(data if data is not None else path, name=str(path))  # the one hardened parser: names the file and the problem
    root = tree.getroot()
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise PdfError(f"{path}: not a TEI document (the root element is {_root_name(root)}, not TEI's <TEI> or <teiCorpus>)")
    return tree


def _message_length(version: etree._Element) -> int:
    """Mirrors cg:message-length: the message's text, whitespace collapsed, notes left out."""
    texts = [t for p in version.iterfind(f"{{{TEI_NS}}}div[@type='message']/{{{TEI_NS}}}p")
             for t in p.xpath(".//text()[not(ancestor::*[local-name()='note'])]")]
    return len(" ".join(" ".join(texts).split()))


def default_original(versions: list[etree._Element]) -> etree._Element | None:
    """The original a translation faces by default (mirrors cg:default-original): the most complete (the
    longest message text), among equals the one the translation's @corresp names, then the first."""
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    originals = [v for v in versions if v.get("type") == "original"]
    if not originals:
        return None
    translation = next((v for v in versions if v.get("type") == "translation"), None)
    named = (translation.get("corresp") or "")[1:] if translation is not None else ""
    sizes = [_message_length(v) for v in originals]
    complete = [v for v, size in zip(originals, sizes) if size == max(sizes)]
    return next((v for v in complete if v.get(xml_id) == named), complete[0])


def printed_versions(root: etree._Element, view: str, original: str = "") -> list[str] | None:
    """The xml:ids of the language versions a view of our TEI prints (None: the whole text). Mirrors the
    choice typst.xsl makes: the parallel view prints every version; a single view prints the chosen
    original or the translation, or what the record has when it lacks that."""
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    versions = [] if body is None else [c for c in body if isinstance(c.tag, str)]
    ours = bool(versions) and all(etree.QName(v).localname == "div" and v.get("type") in ("original", "translation") for v in versions)
    if view == "parallel" or not ours or root.tag != f"{{{TEI_NS}}}TEI":
        return None
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    translation = next((v for v in versions if v.get("type") == "translation"), None)
    originals = [v for v in versions if v.get("type") == "original"]
    chosen = next((v for v in originals if v.get(xml_id) == original), None)
    if chosen is None:
        chosen = default_original(versions)
    shown = chosen if view == "original" else translation
    if shown is None:
        shown = translation if view == "original" else chosen
    return [shown.get(xml_id, "")] if shown is not None else []


class PdfRenderer:
    def __init__(self, edition: Edition | None = None) -> None:
        """`edition`: the volume's front matter and the PDFs' date (default: ./cablegram.toml, if any)."""
        self.edition = edition if edition is not None else Edition.discover()
        saxon.compiled(STYLESHEET)
        # one compiler for the whole run: loading the bundled fonts per document took 60 % of the time
        # DejaVu Serif from the web assets: one type family for site and print
        self._typst = typst.Compiler(ignore_system_fonts=True, font_paths=[str(FONTS)])

    def typst_source(self, tei_path: Path, *, view: str = "parallel", original: str = "", node=None) -> str:
        """`node`: the TEI already parsed by Saxon after the hardened parse (the build shares one per file)."""
        if view not in VIEWS:
            raise ValueError(f"view must be one of {', '.join(VIEWS)}")
        if node is None:
            tree = _parse_tei(Path(tei_path))
            node = saxon.parse_document(etree.tostring(tree, encoding="unicode"))
        return saxon.transform_to_string(STYLESHEET, node, view=view, original=original, pdf_date=pdf_date(self.edition),
                                         editor=self.edition.editor)

    def _volume(self, tei_paths: list[Path], title: str) -> tuple[str, list[etree._Element]]:
        corpus = etree.Element(f"{{{CG_NS}}}corpus", nsmap={"cg": CG_NS})
        roots = []
        for path in tei_paths:
            entry = etree.SubElement(corpus, f"{{{CG_NS}}}entry", href=Path(path).stem)
            root = _parse_tei(Path(path)).getroot()
            roots.append(root)
            entry.append(root)
        # the list of abbreviations: the archives of the table that the volume's documents name
        text = etree.tostring(corpus, encoding="unicode")
        for abbr in abbreviations():
            if abbr.short in text or abbr.expansion in text or (abbr.russian and abbr.russian in text):
                etree.SubElement(corpus, f"{{{CG_NS}}}abbreviation", short=abbr.short, expansion=abbr.expansion, russian=abbr.russian)
        edition = self.edition
        if title == "Telegrams" and edition.title:
            title = edition.title
        source = saxon.transform_to_string(
            STYLESHEET, saxon.parse_document(etree.tostring(corpus, encoding="unicode")), volume_title=title,
            editor=edition.editor, imprint=edition.imprint(), edition_date=edition.date, introduction=edition.introduction,
            pdf_date=pdf_date(edition))
        return source, roots

    def volume_source(self, tei_paths: list[Path], *, title: str = "Telegrams") -> str:
        return self._volume(tei_paths, title)[0]

    def pdf_bytes(self, source: str, *, name: str) -> bytes:
        try:
            pdf, warnings = self._typst.compile_with_warnings(
                input=source.encode("utf-8"), pdf_standards=["a-2b"], timestamp=_timestamp()
            )
        except typst.TypstError as exc:
            raise PdfError(f"{name}: Typst could not make the PDF: {exc}") from None
        problems = [str(w) for w in warnings if any(k in str(w).lower() for k in ("glyph", "font", "could not be displayed"))]
        if problems:
            raise PdfError(f"{name}: {problems[0]}")
        return pdf

    def compile(self, source: str, out_pdf: Path, *, name: str) -> Path:
        write_atomic(out_pdf, self.pdf_bytes(source, name=name))
        return Path(out_pdf)

    def render(self, tei_path: Path, out_pdf: Path, view: str = "parallel", original: str = "", node=None,
               strict: bool = False, data: bytes | None = None) -> Rendered:
        """One PDF, and the fidelity check of the words it prints. `strict`: a word missing from the PDF
        raises FidelityError, and nothing is written. `data`: the file's bytes, when the caller has them."""
        pdf, fidelity = self.document(tei_path, view=view, original=original, node=node, strict=strict, data=data)
        write_atomic(out_pdf, pdf)
        return Rendered(Path(out_pdf), fidelity)

    def document(self, tei_path: Path, view: str = "parallel", original: str = "", node=None, strict: bool = False,
                 data: bytes | None = None, tree=None) -> tuple[bytes, Fidelity]:
        """The PDF's bytes and its fidelity check, nothing written (the build's worker returns the bytes).
        `tree`: the TEI already parsed by `xmlio.parse_xml` (the build parses each file once)."""
        if view not in VIEWS:
            raise ValueError(f"view must be one of {', '.join(VIEWS)}")
        if tree is None or tree.getroot().tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
            tree = _parse_tei(Path(tei_path), data)
        if node is None:
            node = saxon.parse_document(etree.tostring(tree, encoding="unicode"))
        pdf = self.pdf_bytes(self.typst_source(tei_path, view=view, original=original, node=node), name=str(tei_path))
        fidelity = check_pdf(tree.getroot(), pdf, printed_versions(tree.getroot(), view, original))
        if strict and not fidelity.ok:
            raise FidelityError(fidelity, str(tei_path))
        return pdf, fidelity

    def render_document(self, tei_path: Path, out_pdf: Path, view: str = "parallel", original: str = "", node=None) -> Path:
        """`render`, for callers that want only the file's path."""
        return self.render(tei_path, out_pdf, view=view, original=original, node=node).path

    def render_book(self, tei_paths: list[Path], out_pdf: Path, *, title: str = "Telegrams", strict: bool = False) -> Rendered:
        """The volume, and the fidelity check of all its documents' words."""
        source, roots = self._volume(tei_paths, title)
        pdf = self.pdf_bytes(source, name=str(out_pdf))
        fidelity = check_pdf(roots, pdf)
        if strict and not fidelity.ok:
            raise FidelityError(fidelity, str(out_pdf))
        write_atomic(out_pdf, pdf)
        return Rendered(Path(out_pdf), fidelity)

    def render_volume(self, tei_paths: list[Path], out_pdf: Path, *, title: str = "Telegrams") -> Path:
        return self.render_book(tei_paths, out_pdf, title=title).path
