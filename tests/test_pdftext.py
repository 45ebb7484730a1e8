"""The in-process reader of our PDFs' text layer (render/pdftext.py): the render-time fidelity check reads
each print edition with it, so it must read what a general extractor reads, and give way to one on any PDF
it does not know."""
from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from cablegram.render import fidelity
from cablegram.render.fidelity import OutputText, check_pdf, normalize, pdf_text
from cablegram.render.pdf import PdfRenderer
from cablegram.render.pdftext import typst_pdf_text
from conftest import GOLDEN_DIR

HERE = Path(__file__).resolve().parent
SAMPLES = sorted(GOLDEN_DIR.glob("*.xml")) + sorted((HERE / "test_render_any" / "generic").glob("*.xml")) \
    + sorted((HERE / "test_render_any" / "real").glob("*.xml"))
TEI_NS = "http://www.tei-c.org/ns/1.0"

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every sample's print edition (our telegrams, generic TEI, TEI written by others), as bytes."""
    renderer, out = PdfRenderer(), tmp_path_factory.mktemp("pdftext")
    return {p: renderer.render(p, out / f"{p.stem}.pdf").path.read_bytes() for p in SAMPLES}


def words(text: str) -> Counter:
    return OutputText.from_text(text).tokens


def test_the_samples_cover_our_telegrams_and_tei_written_by_others():
    assert len(SAMPLES) >= 15


@needs_pdftotext
def test_it_reads_every_sample_and_agrees_with_pdftotext_and_pypdf(printed):
    for path, pdf in printed.items():
        text = typst_pdf_text(pdf)
        assert text is not None, f"{path.name}: the reader gave way on a PDF Typst wrote"
        root = etree.parse(str(path)).getroot()
        fast = check_pdf(root, pdf, extractor="typst")
        assert fast == check_pdf(root, pdf, extractor="pdftotext") == check_pdf(root, pdf, extractor="pypdf"), path.name


@needs_pdftotext
def test_it_invents_no_word_and_loses_none_that_pdftotext_reads(printed):
    """Words are the check's unit: each word it reads is in poppler's text (letters in the same order), and
    each word poppler reads is in its text; they may only split a word differently where two runs of text
    meet (a footnote mark, a margin number: '20' and '1' for poppler's '201'; a combining accent set apart
    in Greek), which the check allows."""
    for path, pdf in printed.items():
        fast, poppler = words(typst_pdf_text(pdf)), words(pdf_text(pdf, "pdftotext"))
        fast_squashed = "".join(re.findall(r"\w+", normalize(typst_pdf_text(pdf))))
        poppler_squashed = "".join(re.findall(r"\w+", normalize(pdf_text(pdf, "pdftotext"))))
        assert not [w for w in fast if w not in poppler_squashed], path.name
        assert not [w for w in poppler if w not in fast_squashed], path.name
        differing = sum(((fast - poppler) + (poppler - fast)).values())
        assert differing <= max(6, sum(poppler.values()) // 10), f"{path.name}: {differing} words split differently"


@needs_pdftotext
def test_lines_and_hyphens_are_read_as_pdftotext_reads_them(printed):
    """A word Typst hyphenates at a line end is joined by the check: its line ends with the hyphen."""
    pdf = next(pdf for path, pdf in printed.items() if "\u00ad\n" in pdf_text(pdf, "pdftotext"))
    text = typst_pdf_text(pdf)
    assert "\u00ad\n" in text
    assert [l.split()[-1] for l in pdf_text(pdf, "pdftotext").splitlines() if l.endswith("\u00ad")] == \
        [l.split()[-1] for l in text.splitlines() if l.endswith("\u00ad")]


def test_it_gives_way_on_a_pdf_of_another_shape(printed):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    other = io.BytesIO()
    writer.write(other)
    pdf = next(iter(printed.values()))
    for data in (b"", b"not a pdf", pdf[: len(pdf) // 2], pdf.replace(b"/Identity-H", b"/WinAnsiEncoding"),
                 pdf.replace(b"/FlateDecode", b"/LZWDecode")):
        assert typst_pdf_text(data) is None
    assert typst_pdf_text(other.getvalue()) in (None, "")


def test_a_word_it_misses_is_looked_for_by_a_general_extractor(printed, monkeypatch):
    """The fast reader can only make the check faster: a word it does not find is a loss only when the
    general extractor does not find it either."""
    path, pdf = next(iter(printed.items()))
    root = etree.parse(str(path)).getroot()
    monkeypatch.setattr("cablegram.render.pdftext.typst_pdf_text", lambda data: "")
    assert check_pdf(root, pdf).ok


def test_a_real_loss_is_reported(printed):
    path, pdf = next(iter(printed.items()))
    root = etree.parse(str(path)).getroot()
    body = root.find(f".//{{{TEI_NS}}}body")
    etree.SubElement(etree.SubElement(body, f"{{{TEI_NS}}}div"), f"{{{TEI_NS}}}p").text = "Quetzalcoatlus northropi"
    found = check_pdf(root, pdf)
    assert not found.ok and {"quetzalcoatlus", "northropi"} <= set(found.missing)


def tiny_pdf(content: bytes, cmap_pairs: dict[int, str]) -> bytes:
    """A PDF of the shape Typst writes, made by hand: one page, one Type0 font whose ToUnicode maps the
    given two-byte codes, and the content stream as given (uncompressed)."""
    bfchar = b"".join(b"<%04X> <%s>\n" % (code, text.encode("utf-16-be").hex().upper().encode()) for code, text in cmap_pairs.items())
    cmap = b"begincmap\n%d beginbfchar\n%sendbfchar\nendcmap\n" % (len(cmap_pairs), bfchar)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count 1/Kids[3 0 R]>>",
        b"<</Type/Page/Parent 2 0 R/Resources<</Font<</f0 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type0/BaseFont/X/Encoding/Identity-H/ToUnicode 6 0 R>>",
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(content), content),
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = b"%PDF-1.7\n"
    for number, body in enumerate(objects, 1):
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    return out + b"trailer\n<</Root 1 0 R>>\n%%EOF\n"


CODES = {1: "M", 2: "o", 3: "s", 4: "c", 5: "w", 9: "-", 10: "a", 0x28: "(", 0x29: ")"}  # codes 0x28, 0x29: bytes ( )


def test_a_hand_made_pdf_of_that_shape_reads_with_lines_runs_and_replacement_text():
    content = (b"q 1 0 0 -1 10 700 cm BT /f0 9 Tf 1 0 0 -1 0 0 Tm [(\\000\\001\\000\\002)-20(\\000\\003\\000\\004\\000\\002\\000\\005)] TJ"
               b"/Span<</ActualText<FEFF00AD>>>BDC 1 0 0 -1 40 0 Tm (\\000\\011)Tj EMC ET Q\n"
               b"q 1 0 0 -1 10 688 cm BT /f0 9 Tf 1 0 0 -1 0 0 Tm [(\\000\\n\\000\\n)] TJ ET Q")
    assert typst_pdf_text(tiny_pdf(content, CODES)) == "Moscow\u00ad\naa"


def test_strings_nested_deeper_than_it_reads_make_it_give_way():
    """Parentheses need no escape in a PDF string when balanced; nested deeper than the reader follows, it
    does not guess (the general extractor reads the file)."""
    nested = b"(" + b"\\000\\001\\000(" * 6 + b"\\000\\002" + b"\\000)" * 6 + b")"
    assert typst_pdf_text(tiny_pdf(b"BT /f0 9 Tf 1 0 0 -1 0 0 Tm " + nested + b" Tj ET", CODES)) is None
    shallow = b"(\\000\\001\\000(\\000\\002\\000))"
    assert typst_pdf_text(tiny_pdf(b"BT /f0 9 Tf 1 0 0 -1 0 0 Tm " + shallow + b" Tj ET", CODES)) == "M(o)"
