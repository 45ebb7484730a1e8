"""Print edition (issue 5): escaping, parallel reading order, metadata, PDF/A, fonts, volume."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from cablegram.cli import main
from cablegram.render.pdf import PdfError, PdfRenderer
from conftest import GOLDEN_DIR

GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
WORD = re.compile(r"\w+")

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def renderer():
    return PdfRenderer()


@pytest.fixture(scope="module")
def pdfs(renderer, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    return {g.stem: renderer.render_document(g, out / f"{g.stem}.pdf") for g in GOLDENS}


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line) | {}


def columns(pdf: Path) -> tuple[list[str], list[str]]:
    """Words of the left and right half of every page, in reading order, hyphenation undone."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = etree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).encode())
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    left, right = [], []  # lines, across pages: a word hyphenated at a page foot continues overleaf
    for page in root.iterfind(".//h:page", ns):
        middle, height = float(page.get("width")) / 2, float(page.get("height"))
        lines = [(float(l.get("yMin")), float(l.get("xMin")), " ".join(w.text for w in l.iterfind("h:word", ns)))
                 for l in page.iterfind(".//h:line", ns)
                 if 60 < float(l.get("yMin")) < height - 50]  # running head and page number aside
        left += [t for y, x, t in sorted(lines) if x < middle - 5]
        right += [t for y, x, t in sorted(lines) if x >= middle - 5]
    return WORD.findall(dehyphenate("\n".join(left))), WORD.findall(dehyphenate("\n".join(right)))


def dehyphenate(text: str) -> str:
    # Typst hyphenates with soft hyphens (U+00AD); a hard hyphen at a line end is joined too
    return re.sub(r"[\u00ad-]\n(?=\w)", "", text).replace("\u00ad", "")


def in_order(expected: list[str], found: list[str]) -> tuple[bool, str]:
    """Is `expected` a subsequence of `found` (a hyphen-joined pair may stand as one word)?"""
    i = j = 0
    while i < len(expected):
        while j < len(found) and found[j] != expected[i] and not (i + 1 < len(expected) and found[j] == expected[i] + expected[i + 1]):
            j += 1
        if j == len(found):
            return False, f"lost at word {i}: {expected[i]!r} (after {expected[max(0, i - 5):i]})"
        i += 2 if found[j] != expected[i] else 1
        j += 1
    return True, ""


def version_words(golden: Path, xpath: str) -> list[str]:
    root = etree.parse(str(golden)).getroot()
    [div] = root.xpath(xpath, namespaces=TEI)
    for note in div.xpath(".//t:note[@place='foot']", namespaces=TEI):
        note.getparent().remove(note) if note.tail is None else None
    texts = [t for t in div.xpath(".//text()[not(ancestor::t:note[@place='foot'])]", namespaces=TEI)]
    return WORD.findall(" ".join(texts))


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_every_word_in_reading_order_within_each_column(pdfs, golden):
    pdf = pdfs[golden.stem]
    left, right = columns(pdf)
    tei = etree.parse(str(golden)).getroot()
    versions = tei.xpath("/t:TEI/t:text/t:body/t:div", namespaces=TEI)
    has_translation = any(v.get("type") == "translation" for v in versions)
    original_id = tei.xpath("string(/t:TEI/t:text/t:body/t:div[@type='translation']/@corresp)", namespaces=TEI)[1:]
    originals = [v for v in versions if v.get("type") == "original"]
    chosen = next((v for v in originals if v.get("{http://www.w3.org/XML/1998/namespace}id") == original_id), originals[0] if originals else None)
    if chosen is not None and has_translation:
        ok, why = in_order(version_words(golden, f"//t:div[@xml:id='{chosen.get('{http://www.w3.org/XML/1998/namespace}id')}']"), left)
        assert ok, f"original column: {why}"
        ok, why = in_order(version_words(golden, "//t:body/t:div[@type='translation']"), right)
        assert ok, f"translation column: {why}"
    else:  # a single version prints full width: read the whole page
        only = "//t:body/t:div[1]"
        all_words = WORD.findall(dehyphenate(pdftotext(pdf)))
        ok, why = in_order(version_words(golden, only), all_words)
        assert ok, why


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_metadata_page_count_and_pdfa(pdfs, golden):
    pdf = pdfs[golden.stem]
    info = pdfinfo(pdf)
    title = etree.parse(str(golden)).getroot().xpath("string(//t:titleStmt/t:title[@type='main'])", namespaces=TEI)
    assert info["Title"].strip() == title
    assert info["Author"].strip()
    assert 1 <= int(info["Pages"]) <= 8
    data = pdf.read_bytes()
    assert b"pdfaid:part" in data and (b"<pdfaid:part>2</pdfaid:part>" in data or b'pdfaid:part="2"' in data)
    assert b"/Lang" in data


def test_hostile_text_prints_literally(renderer, datadir, tmp_path):
    pdf = renderer.render_document(datadir / "hostile.xml", tmp_path / "h.pdf")
    text = " ".join(pdftotext(pdf).split())
    for literal in ("#pagebreak()", "$a+b$", "*star*", "_under_", "@ref", "<label>", "[bracket]", "\\backslash",
                    "`raw`", "= heading", "// comment", '#"string"', "= Not a heading", "- not a list item", "1. not an enumeration"):
        assert literal in text, literal
    assert pdfinfo(pdf)["Pages"].strip() == "1"  # '#pagebreak()' did not run
    assert pdfinfo(pdf)["Title"].strip() == 'Typst #set page(width: 1cm) $x^2$ *bold* _it_ "quoted" \\ back'


def test_a_missing_glyph_fails_the_build(renderer, datadir, tmp_path):
    with pytest.raises(PdfError, match="could not be displayed"):
        renderer.render_document(datadir / "glyphs.xml", tmp_path / "g.pdf")
    assert not (tmp_path / "g.pdf").exists()


def test_single_column_views_and_russian_hyphenation(renderer, tmp_path):
    golden = GOLDENS[2]
    source = renderer.typst_source(golden)
    assert '#text(lang: "ru")' in source and '#text(lang: "en")' in source
    translation = pdftotext(renderer.render_document(golden, tmp_path / "t.pdf", view="translation"))
    original = pdftotext(renderer.render_document(golden, tmp_path / "o.pdf", view="original"))
    assert "Regarding the ceasefire" in translation and "Что касается переговоров" not in translation
    assert "Что касается переговоров" in original and "Regarding the ceasefire" not in original


def test_same_input_same_pdf(renderer, tmp_path):
    a = renderer.render_document(GOLDENS[3], tmp_path / "a.pdf").read_bytes()
    b = renderer.render_document(GOLDENS[3], tmp_path / "b.pdf").read_bytes()
    assert a == b


def test_volume_has_title_contents_chronology_and_register(tmp_path, capsys):
    book = tmp_path / "book.pdf"
    assert main(["render", "pdf", *map(str, GOLDENS), "--volume", "-o", str(book), "--title", "Korean War cables"]) == 0
    pages = pdftotext(book).split("\f")
    assert "Korean War cables" in pages[0] and "5 documents" in pages[0]
    contents = " ".join(pages[1].split())
    dates = re.findall(r"(January|February|March|April|May|June|July|August|September|October|November|December) (\d+), (\d{4}):", contents)
    assert len(dates) == 5
    assert "Index of persons and places" in contents
    assert "Index of persons and places" in pages[-2] + pages[-1]
    # each document starts on a new page: its heading is the first line of some page
    tops = ["\n".join(p.strip().split("\n")[:3]) for p in pages[2:] if p.strip()]  # after title and contents
    assert sum(1 for top in tops if re.search(r"^(July) \d+, \d{4}: ", top, re.M)) == 5


def test_render_pdf_command_per_document(tmp_path, capsys):
    assert main(["render", "pdf", str(GOLDEN_DIR), "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(g.stem + ".pdf" for g in GOLDENS)
