"""Reading edition: TEI files → a static HTML site (document pages, index, assets), by XSLT 3.0.

Stylesheets are compiled once per process (`cablegram.saxon.compiled`). Every page is written atomically,
after a fidelity check that every word of the TEI text is on it (`fidelity.py`).
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import etree

from .. import saxon
from ..xmlio import TEI_NS, XMLInputError, parse_xml, write_atomic
from .edition import Edition
from .fidelity import Fidelity, FidelityError, check_html
from .search_forms import search_forms

ASSETS = Path(__file__).resolve().parent / "assets"
CG_NS = "urn:cablegram"
DOCUMENT_XSL = "html.xsl"
INDEX_XSL = "html-index.xsl"


@dataclass(frozen=True)
class Rendered:
    """An edition file written, and the outcome of its fidelity check."""

    path: Path
    fidelity: Fidelity


def _root_name(root: etree._Element) -> str:
    """'<TEI>', or '<TEI> in namespace X' when the name is right but the namespace is not TEI's."""
    name = etree.QName(root)
    return f"<{name.localname}>" + (f" in namespace {name.namespace}" if name.namespace else " in no namespace")


def _header_and_versions(tei: etree._Element) -> etree._Element:
    """What the index reads of a document: its header and its version divisions (not their text)."""
    for child in list(tei):
        if etree.QName(child).localname in ("standOff", "TEI", "teiCorpus"):  # a corpus's documents: their texts
            tei.remove(child)
    for version in tei.iterfind(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body/{{{TEI_NS}}}div"):
        for child in list(version):
            version.remove(child)
    return tei


class HtmlRenderer:
    """Compile the stylesheets once; render any number of TEI files."""

    def __init__(self, edition: Edition | None = None) -> None:
        """`edition`: the edition's own URL for canonical links and citations (default: ./cablegram.toml)."""
        self.edition = edition if edition is not None else Edition.discover()
        saxon.compiled(DOCUMENT_XSL)  # the index's stylesheet when an index is made (a build's workers make none)

    def render(self, tei_path: Path, out_dir: Path, *, pdf_href: str = "", data: bytes | None = None,
               node=None, strict: bool = False) -> Rendered:
        """One page: OUT/<stem>.html, with the TEI copied to OUT/tei/<stem>.xml for the source link, and the
        fidelity check of the page. `strict`: a word missing from the page raises FidelityError, and nothing
        is written.

        `data`/`node`: the file's bytes and their Saxon tree, when the caller has already read and
        safely parsed them (the build does, once for all stages)."""
        tei_path = Path(tei_path)
        if data is None:
            data = tei_path.read_bytes()
        html, fidelity = self.page(tei_path, pdf_href=pdf_href, data=data, node=node, strict=strict)
        target = Path(out_dir) / f"{tei_path.stem}.html"
        write_atomic(target, html)
        write_atomic(Path(out_dir) / "tei" / f"{tei_path.stem}.xml", data)
        return Rendered(target, fidelity)

    def page(self, tei_path: Path, *, pdf_href: str = "", data: bytes, node=None, tree=None,
             strict: bool = False) -> tuple[bytes, Fidelity]:
        """The page's bytes and its fidelity check, nothing written (the build's worker returns the bytes).
        `tree`: `data` already parsed by `xmlio.parse_xml` (the build parses each file once for every stage)."""
        if tree is None:
            tree = parse_xml(data, name=str(tei_path))  # hardened parse first: refuse what Saxon should never see
        root = tree.getroot()
        if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
            raise XMLInputError(f"{tei_path}: not a TEI document (the root element is {_root_name(root)}, "
                                "not TEI's <TEI> or <teiCorpus>)")
        if node is None:
            node = saxon.parse_document(data)
        stem = Path(tei_path).stem
        forms = search_forms(re.findall(r"\w+", " ".join(" ".join(t.itertext()) for t in root.iter(f"{{{TEI_NS}}}text"))))
        html = saxon.transform_to_string(DOCUMENT_XSL, node, stem=stem, tei_href=f"tei/{stem}.xml", pdf_href=pdf_href,
                                         edition_url=self.edition.url, search_forms=forms)
        fidelity = check_html(root, html)
        if strict and not fidelity.ok:
            raise FidelityError(fidelity, str(tei_path))
        return html.encode("utf-8"), fidelity

    def render_document(self, tei_path: Path, out_dir: Path, *, pdf_href: str = "", data: bytes | None = None,
                        node=None) -> Path:
        """`render`, for callers that want only the page's path."""
        return self.render(tei_path, out_dir, pdf_href=pdf_href, data=data, node=node).path

    def index_part(self, tei_paths: list[Path], *, title: str = "Telegrams", page: int = 1, pages: int = 1,
                   total: int = -1) -> str:
        """One page of the index: the documents given (a part of the corpus, in order)."""
        corpus = etree.Element(f"{{{CG_NS}}}corpus", nsmap={"cg": CG_NS})
        for path in tei_paths:
            entry = etree.SubElement(corpus, f"{{{CG_NS}}}entry", href=f"{Path(path).stem}.html")
            entry.append(_header_and_versions(parse_xml(path).getroot()))
        return saxon.transform_to_string(INDEX_XSL, saxon.parse_document(etree.tostring(corpus, encoding="unicode")),
                                         title=title, page=page, pages=pages, total=total)

    def render_index(self, tei_paths: list[Path], out_dir: Path, *, title: str = "Telegrams", search: bool = True,
                     base_url: str = "") -> Path:
        """The pages that need the whole corpus (render/site.py): the index in parts, browsing, registers,
        chains, search (Pagefind), sitemap; and previous/next and chain links on the document pages."""
        from .corpus import read_facts
        from .site import build_site

        by_stem = {Path(p).stem: Path(p) for p in tei_paths}
        facts = [read_facts(p) for p in tei_paths]
        total = len(facts)

        def part(docs, page, pages, _nav):
            return self.index_part([by_stem[d.stem] for d in docs], title=title, page=page, pages=pages, total=total)

        self.site_summary = build_site(facts, Path(out_dir), title=title, render_index_part=part, search=search,
                                       base_url=base_url)
        return Path(out_dir) / "index.html"

    def copy_assets(self, out_dir: Path) -> None:
        target = Path(out_dir) / "assets"
        for source in ASSETS.rglob("*"):
            if source.is_file():
                dest = target / source.relative_to(ASSETS)
                if not dest.exists() or dest.read_bytes() != source.read_bytes():
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, dest)

    def render_site(self, tei_paths: list[Path], out_dir: Path, pdf_href: Callable[[str], str] | None = None,
                    *, title: str = "Telegrams") -> list[Path]:
        """Document pages, the index and the assets. `pdf_href(stem)` gives a page's PDF link, if any."""
        out_dir = Path(out_dir)
        pages = [self.render_document(p, out_dir, pdf_href=pdf_href(Path(p).stem) if pdf_href else "") for p in tei_paths]
        self.copy_assets(out_dir)
        self.render_index(list(tei_paths), out_dir, title=title)
        return pages
