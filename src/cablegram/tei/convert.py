"""The converter's public API: a text export in, a TEI document (and what was noticed) out."""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..analysis import Analysis, analyse
from ..analysis.model import Link
from ..ingest import parse_document, read_document
from ..model import Document
from ..problems import Problem
from .writer import write_tei

#: where converted TEI points for its schemas (the layout of `tei/` and of a built edition)
SCHEMA_HREFS = ("../schemas/cablegram.rng", "../schemas/cablegram.sch")
# a word; in scripts written without spaces (Chinese, Japanese) and in Korean syllable blocks each character
# counts alone, so markup inside a run ('今日下午<persName>费德林</persName>') does not make two new "words"
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_ANY_CJK = re.compile(rf"[{_CJK}]")
_PLAIN_WORD = re.compile(r"\w+")  # _WORD where the text has no CJK character; a third faster


def _words(text: str) -> list[str]:
    return (_WORD if _ANY_CJK.search(text) else _PLAIN_WORD).findall(text)


@dataclass
class Conversion:
    document: Document
    analysis: Analysis
    tei: etree._ElementTree
    coverage: float
    missing_words: Counter = field(default_factory=Counter)

    @property
    def links(self) -> tuple[Link, ...]:
        return self.analysis.links

    @property
    def stem(self) -> str:
        return self.document.stem

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.analysis.problems

    @property
    def title(self) -> str | None:
        return self.document.record.title

    @property
    def date(self) -> str | None:
        return self.document.record.date_when

    @property
    def languages(self) -> list[str]:
        return [v.lang for v in self.document.versions]

    @property
    def aligned_units(self) -> int:
        return len({l.translation for l in self.links})

    @property
    def translation_units(self) -> int:
        return sum(len(v.units) for v in self.analysis.versions if v.role == "translation")

    def xml_bytes(self) -> bytes:
        return serialise(self.tei)


def serialise(tree: etree._ElementTree) -> bytes:
    pis = "".join(
        f'<?xml-model href="{href}" type="application/xml" schematypens="{ns}"?>\n'
        for href, ns in zip(SCHEMA_HREFS, ("http://relaxng.org/ns/structure/1.0", "http://purl.oclc.org/dsdl/schematron"))
    )
    # indent in place and put the whitespace back afterwards: copying the whole tree for it cost more
    root = tree.getroot()
    saved: list[tuple[etree._Element, str, str | None]] = []
    try:
        _indent(root, saved=saved)
        body = etree.tostring(root, encoding="unicode") + "\n"
    finally:
        for element, attribute, value in reversed(saved):
            setattr(element, attribute, value)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + pis + body).encode("utf-8")


# Elements whose content we generate as elements only: indenting them adds no text to any paragraph.
# Everything else (p, seg, salute, signed, dateline, item, cell, ab, title, note …) is left exactly as built.
_STRUCTURAL = {
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "availability", "notesStmt",
    "sourceDesc", "bibl", "msDesc", "msIdentifier", "msContents", "msItem", "encodingDesc", "appInfo",
    "application", "editorialDecl", "classDecl", "taxonomy", "category", "profileDesc", "creation",
    "abstract", "langUsage", "correspDesc", "correspAction", "revisionDesc", "standOff", "listPerson",
    "person", "listPlace", "place", "listOrg", "org", "linkGrp", "text", "body", "div", "opener", "closer",
    "list", "table", "row", "floatingText",
}


_structural_tags: dict[str, bool] = {}  # tag as lxml gives it -> whether its local name is in _STRUCTURAL


def _is_structural(tag) -> bool:
    if tag not in _structural_tags:
        # (the local name as etree.QName gives it; a comment or processing instruction has no str tag)
        _structural_tags[tag] = isinstance(tag, str) and tag.rpartition("}")[2] in _STRUCTURAL
    return _structural_tags[tag]


def _indent(element: etree._Element, level: int = 0, *, saved: list) -> None:
    """Indent the element-only content of structural elements; `saved` gets (element, 'text' or 'tail',
    value before) for every change, so that the caller can undo them."""
    if not _is_structural(element.tag) or not len(element):
        return
    if element.text and element.text.strip() or any(c.tail and c.tail.strip() for c in element):
        return  # mixed content after all (e.g. edited by hand): leave it alone
    pad = "\n" + "  " * (level + 1)
    saved.append((element, "text", element.text))
    element.text = pad
    for child in element:
        saved.append((child, "tail", child.tail))
        child.tail = pad
        _indent(child, level + 1, saved=saved)
    element[-1].tail = "\n" + "  " * level


def _build_time() -> str | None:
    """Only a fixed time enters the TEI (reproducible builds): SOURCE_DATE_EPOCH, if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return None


def coverage_of(doc: Document, tree: etree._ElementTree) -> tuple[float, Counter]:
    """Share of the input's words (as a multiset) found in the TEI's text, boilerplate lines excluded."""
    dropped = {d.line for d in doc.dropped if not d.part}
    lines = doc.source_text.split("\n")
    # one findall over the kept lines joined: no word spans a newline, and one call is cheaper than one per line
    kept = "\n".join(line for number, line in enumerate(lines, start=1) if number not in dropped)
    source_words = Counter(_words(kept))
    # field labels (and interface words run on with other text) are dropped only as words, not as lines
    for d in doc.dropped:
        if d.part:
            source_words.subtract(_words(d.text))
    source_words = +source_words
    tei_words = Counter(_words(" ".join(tree.getroot().itertext())))
    missing = source_words - tei_words
    total = sum(source_words.values())
    return (1.0 if total == 0 else 1 - sum(missing.values()) / total), missing


def missing_characters(doc: Document, tree: etree._ElementTree) -> Counter:
    """Non-space characters of the input (markdown syntax and boilerplate lines aside) absent from the TEI.

    By design only two kinds may be missing: the pipes of a markdown table (its cells are table cells)
    and footnote marks ('*' at the anchor and before the note), which `note/@n` represents.
    """
    from ..ingest.record import strip_markdown_lines

    dropped = {d.line for d in doc.dropped if not d.part}
    source = Counter(
        ch
        for number, line in enumerate(strip_markdown_lines(doc.source_text.split("\n")), start=1)
        if number not in dropped
        for ch in line
        if not ch.isspace()
    )
    for d in doc.dropped:
        if d.part:
            source.subtract(ch for ch in d.text if not ch.isspace())
    tei_chars = Counter(ch for ch in "".join(tree.getroot().itertext()) if not ch.isspace())
    return +(+source - tei_chars)


def _finish(doc: Document, when: str | None) -> Conversion:
    analysis = analyse(doc)
    tree = write_tei(doc, analysis, when=when if when is not None else _build_time())
    cov, missing = coverage_of(doc, tree)
    return Conversion(document=doc, analysis=analysis, tei=tree, coverage=cov, missing_words=missing)


def convert(path: str | os.PathLike, *, when: str | None = None) -> Conversion:
    """Convert one text export. Raises `cablegram.ingest.InputError` when no TEI can be made."""
    return _finish(read_document(Path(path)), when)


def convert_text(data: bytes | str, name: str = "input.txt", *, when: str | None = None) -> Conversion:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return _finish(parse_document(data, name), when)
