"""Nothing lost: every word of the TEI text must appear in the edition made from it.

Checked at render time on the output itself — the HTML page's text, the PDF's extracted text — not on what
the stylesheets meant to write. A word is a run of letters and digits (`\\w+`), compared after Unicode
compatibility normalisation and case folding (a style may set text in capitals), without combining marks: the
check is about words, not accents.

Words are counted, not merely looked up: a word the TEI has three times must be in the output three times,
so a dropped paragraph of common words is noticed. Where markup inside running text meets a word
(`Mos<hi>cow</hi>`, a note or a page break right after a word), the output may set the pieces apart or run
them into their neighbours, so such a word is found if its letters stand together anywhere in the output. A
number the output sets against a word (a footnote mark, a page number in the margin) is read apart from it,
and hyphenation at line ends in the PDF is undone.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from lxml import etree, html as lxml_html

from ..xmlio import TEI_NS

WORD = re.compile(r"\w+")
_MIXED = re.compile(r"^(?=.*\d)(?=.*[^\W\d])\w+$")  # letters and digits in one token
_RUNS = re.compile(r"\d+|[^\W\d]+")
# from a word's start only, without backtracking into it (the same matches, linear in the text's length)
_LINE_END_HYPHEN = re.compile(r"\b(\w++)[-\u2010]\s*\n\s*(\w+)")
_FRAGMENT = re.compile(r"\b(\w++)[-\u2010]\s*\n")
SHOWN_IN_MESSAGE = 25

_T = f"{{{TEI_NS}}}"


# combining marks (accents, Hebrew points, Arabic vowels, Devanagari signs): not word characters to `\w`, and
# extracted from a PDF in an order of their own, so words are compared without them
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a"
                    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0900-\u0903\u093a-\u094f"
                    "\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                    "\u302a-\u302f\u3099\u309a\ufe20-\ufe2f]")


def normalize(text: str) -> str:
    """Compatibility forms folded (ligatures, full-width letters), case folded, combining marks removed."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text))).casefold()


@dataclass(frozen=True)
class Fidelity:
    """The outcome of one check: how many words the TEI text has, and which of them the output lacks."""

    output: str  # "HTML" | "PDF"
    words: int
    missing: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.missing

    def message(self, name: str) -> str:
        if self.ok:
            return f"{name}: all {self.words} words of the TEI text are in the {self.output}"
        shown = ", ".join(self.missing[:SHOWN_IN_MESSAGE]) + (" …" if len(self.missing) > SHOWN_IN_MESSAGE else "")
        return (f"{name}: {len(self.missing)} of {self.words} words of the TEI text are missing from the "
                f"{self.output}: {shown}")

    def as_dict(self) -> dict:
        return {"output": self.output, "words": self.words, "lost": len(self.missing), "missing": list(self.missing)}


class FidelityError(RuntimeError):
    """Words of the TEI text are missing from the output (raised in strict mode; nothing is written)."""

    def __init__(self, fidelity: Fidelity, name: str) -> None:
        super().__init__(fidelity.message(name))
        self.fidelity = fidelity


# ---------------------------------------------------------------------- the TEI side
# elements whose boundaries separate words even inside running text
_SEPARATING = {"lb", "pb", "cb", "gb", "milestone", "note"}


class TeiWord(NamedTuple):
    text: str
    joined: bool  # touches an element boundary: the output may set it apart from, or run it into, its neighbours


def _localname(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2]


def _element_only(element: etree._Element) -> bool:
    """No text of its own between its children: its children are blocks, their boundaries separate words."""
    if element.text and element.text.strip():
        return False
    return not any(child.tail and child.tail.strip() for child in element)


def tei_words(parts: Iterable[etree._Element]) -> list[TeiWord]:
    """The words of the given parts of a TEI text (e.g. `text` elements), in document order.

    An element's edges separate words when it stands among elements only (paragraphs in a division, the
    readings of a choice) or leaves a mark of its own (a note, a break). A word is `joined` — the output may
    run it into its neighbours — where it touches the edge of an element inside running text, or of an
    element that leaves a mark (across the white space beside it: a footnote number or a margin number)."""
    buffer: list[str] = []
    length = 0
    boundaries: set[int] = set()
    pending = False  # a marking element just ended: the next word's start is a boundary too

    def add(text: str | None) -> None:
        nonlocal length, pending
        if text:
            text = normalize(text)  # piece by piece, so that boundary positions stay exact
            if pending and text.strip():
                boundaries.add(length + len(text) - len(text.lstrip()))
                pending = False
            buffer.append(text)
            length += len(text)

    def edge(separating: bool, marking: bool, leaves_mark: bool, end: bool) -> None:
        nonlocal pending
        if marking:
            boundaries.add(length)
            if leaves_mark:  # reach across the white space before it, or after it
                joined = "".join(buffer[-3:])
                boundaries.add(length - (len(joined) - len(joined.rstrip())))
        if separating:
            add(" ")
            if marking:
                boundaries.add(length)
        if end and leaves_mark:
            pending = True

    def walk(element: etree._Element, separating: bool, marking: bool) -> None:
        leaves_mark = _localname(element) in _SEPARATING
        edge(separating, marking, leaves_mark, end=False)
        add(element.text)
        among_elements = _element_only(element)
        is_block = separating and not marking
        for child in element:
            if isinstance(child.tag, str):
                breaks = _localname(child) in _SEPARATING and child.get("break") != "no"
                if among_elements and is_block:  # blocks: paragraphs, divisions
                    walk(child, True, breaks)
                else:  # running text, or the parts of an inline element (readings of a choice)
                    walk(child, among_elements or breaks, True)
            add(child.tail)
        edge(separating, marking, leaves_mark, end=True)

    for part in parts:
        walk(part, True, False)
        add(" ")
    text = "".join(buffer)
    marks = bytearray(len(text) + 2)
    for b in boundaries:
        marks[b] = 1
    return [TeiWord(m.group(), marks.find(1, m.start(), m.end() + 1) >= 0) for m in WORD.finditer(text)]


def text_parts(root: etree._Element, versions: list[str] | None = None) -> list[etree._Element]:
    """The parts of a TEI document that an edition shows: every outermost `text` (one per document of a
    corpus) and `sourceDoc` (a genetic edition's transcription); with `versions` (xml:ids of our language versions), only those versions plus front and back."""
    texts = [t for t in root.iter(f"{_T}text", f"{_T}sourceDoc")
             if not any(a.tag in (f"{_T}text", f"{_T}sourceDoc") for a in t.iterancestors())]
    if versions is None:
        return texts
    parts: list[etree._Element] = []
    for text in texts:
        parts += text.findall(f"{_T}front") + [div for div in text.iterfind(f"{_T}body/{_T}div")
                                                if div.get("{http://www.w3.org/XML/1998/namespace}id") in versions]
        parts += text.findall(f"{_T}back")
    return parts


# ---------------------------------------------------------------------- the output side
@dataclass(frozen=True)
class OutputText:
    tokens: Counter
    squashed: str  # every word character of the output, in order, with nothing between
    fragments: frozenset[str]  # word beginnings standing before a line-end hyphen

    @classmethod
    def from_text(cls, text: str) -> "OutputText":
        text = normalize(text).replace("\u00ad", "-")  # a soft hyphen marks a word broken at a line end
        found = WORD.findall(text)
        tokens = Counter(found)
        # a number set against a word (a footnote mark, a page number in the margin) reads as part of it:
        # its letters and its digits count as words too
        tokens += Counter(part for token in found if _MIXED.match(token) for part in _RUNS.findall(token))
        # a hard hyphen at a line end may be the typesetter's: count the joined word too
        breaks = _LINE_END_HYPHEN.findall(text)
        tokens += Counter(head + tail for head, tail in breaks)
        return cls(tokens, "".join(found), frozenset(head for head, _ in breaks) | frozenset(_FRAGMENT.findall(text)))

    def has_joined(self, word: str) -> bool:
        return word in self.squashed

    def has_broken(self, word: str) -> bool:
        """A word hyphenated across a line, page or footnote: its beginning before a hyphen, its rest a word."""
        return any(word.startswith(f) and word[len(f):] in self.tokens for f in self.fragments if len(f) < len(word))


def compare(words: list[TeiWord], output: OutputText, kind: str) -> Fidelity:
    deficit = Counter(w.text for w in words if not w.joined) - output.tokens
    missing: list[str] = []
    for word in words:
        if word.joined:
            if not output.has_joined(word.text) and not output.has_broken(word.text):
                missing.append(word.text)
        elif deficit[word.text] > 0:
            if not output.has_broken(word.text):
                missing.append(word.text)
            deficit[word.text] -= 1
    return Fidelity(kind, len(words), tuple(missing))


def html_text(page: str | bytes) -> str:
    """The text a reader sees in the page's text sections (not the header panel or the citation, whose words
    would hide a loss of the same words), scripts and styles aside; every element boundary separates,
    since the check's own rules decide where that matters. A page without text sections: its main part."""
    root = lxml_html.fromstring(page.encode("utf-8") if isinstance(page, str) else page)
    for element in root.iter("script", "style", "template"):
        element.drop_tree()
    sections = root.xpath("//section[contains(concat(' ', normalize-space(@class), ' '), ' text ')]")
    if not sections:
        sections = root.xpath("//main") or [root]
    return " ".join(" ".join(section.itertext()) for section in sections)


def pdf_text(pdf: bytes, extractor: str | None = None) -> str:
    """The PDF's text. By pypdf (the dependency, pure Python), or by poppler's pdftotext where it is installed:
    the same text, three to five times faster on our PDFs (measured in benchmarks/bench_render.py); or, with
    extractor="typst", by the in-process reader of the text layer of Typst's PDFs (`pdftext.py`, ~10x
    faster than pdftotext), falling back to the others for a PDF of another shape."""
    if extractor == "typst":
        from .pdftext import typst_pdf_text

        text = typst_pdf_text(pdf)
        if text is not None:
            return text
        extractor = None
    extractor = extractor or ("pdftotext" if shutil.which("pdftotext") else "pypdf")
    # -raw: in content order, line-end hyphens kept (the default layout mode joins hyphenated words,
    # and so would hide a word's real hyphen)
    if extractor == "pdftotext":
        done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, timeout=300)
        if done.returncode == 0:
            return done.stdout.decode("utf-8", "replace").replace("\f", "\n")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def check_html(tei: etree._Element, page: str | bytes, versions: list[str] | None = None) -> Fidelity:
    return compare(tei_words(text_parts(tei, versions)), OutputText.from_text(html_text(page)), "HTML")


def check_pdf(tei: etree._Element | list[etree._Element], pdf: bytes, versions: list[str] | None = None,
              extractor: str | None = None) -> Fidelity:
    """Every word of the TEI text in the PDF's text. By default the PDF's text layer is read in-process
    (`pdftext.py`: Typst's PDFs, in a few milliseconds); a word it does not find is looked for again in
    the text of a general extractor (pdftotext, else pypdf), whose verdict is the one reported: a loss is
    reported only when the general extractor confirms it, and a word counts as printed when the PDF's own
    text layer (the codes it shows, through its fonts' ToUnicode maps) holds it. `extractor`: that one only."""
    roots = tei if isinstance(tei, list) else [tei]
    words = [w for root in roots for w in tei_words(text_parts(root, versions))]
    if extractor is None:
        from .pdftext import typst_pdf_text

        text = typst_pdf_text(pdf)
        if text is not None:
            found = compare(words, OutputText.from_text(text), "PDF")
            if found.ok:
                return found
    return compare(words, OutputText.from_text(pdf_text(pdf, extractor)), "PDF")
