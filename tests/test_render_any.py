"""Any TEI an editor brings renders without losing a word (issue 12, rendering half).

Samples: our own generic samples (test_render_any/generic/, one per part of the TEI text model) and TEI written
by others (test_render_any/real/: FRUS documents, TEI Guidelines examples; licences in real/LICENSE.md; the
CMIF example is read from ../shared and skipped when absent).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from cablegram.cli import main
from cablegram.render import Fidelity, HtmlRenderer, PdfRenderer
from cablegram.render.fidelity import check_html, check_pdf, pdf_text, tei_words, text_parts
from conftest import EXAMPLES, GOLDEN_DIR, REPO

HERE = Path(__file__).resolve().parent / "test_render_any"
GENERIC = sorted((HERE / "generic").glob("*.xml"))
REAL = sorted((HERE / "real").glob("*.xml"))
FRUS_D50 = HERE / "real" / "frus1955-57v23p2-d50.xml"
CMIF = REPO.parent / "shared" / "reference" / "cmif" / "example01_basic.xml"
GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))
TEI_NS = "http://www.tei-c.org/ns/1.0"
T = {"t": TEI_NS}


def cmif_or_skip() -> Path:
    if not CMIF.exists():
        pytest.skip(f"CMIF example not found at {CMIF} (../shared is absent in this checkout)")
    return CMIF


CORPUS = [pytest.param(p, id=f"generic/{p.stem}") for p in GENERIC] + [pytest.param(p, id=f"real/{p.stem}") for p in REAL] \
    + [pytest.param(None, id="cmif/example01_basic")]


@pytest.fixture(scope="module")
def renderers():
    return HtmlRenderer(), PdfRenderer()


def expected_title(path: Path) -> str:
    """The title a reader must see: the titleStmt's main title, else its first title that is not a subtitle."""
    root = etree.parse(str(path)).getroot()
    titles = [t for t in root.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:title", namespaces=T) if " ".join("".join(t.itertext()).split())]
    ranked = [t for t in titles if t.get("type") == "main"] + [t for t in titles if t.get("type") not in ("sub", "alt", "short", "desc")] + titles
    chosen = ranked[0]
    return " ".join("".join(chosen.itertext()).split())


def test_corpus_has_at_least_ten_real_files_with_their_licence_noted():
    assert len(GENERIC) >= 4 and len(REAL) >= 10
    note = (HERE / "real" / "LICENSE.md").read_text(encoding="utf-8")
    assert all(p.name in note or p.stem.rsplit("-", 1)[0] in note for p in REAL), "every real file is named in LICENSE.md"


@pytest.mark.parametrize("path", CORPUS)
def test_renders_in_html_and_pdf_with_no_word_lost_and_its_title_shown(renderers, path, tmp_path):
    path = path or cmif_or_skip()
    html_renderer, pdf_renderer = renderers
    page = html_renderer.render(path, tmp_path / "site")
    pdf = pdf_renderer.render(path, tmp_path / f"{path.stem}.pdf")
    words = len(tei_words(text_parts(etree.parse(str(path)).getroot())))
    for rendered in (page, pdf):
        assert rendered.fidelity.ok, rendered.fidelity.message(path.name)
        assert rendered.fidelity.words == words
    if path != CMIF:  # the CMIF file lists letters in its header; its text is empty
        assert words >= 10
    title = expected_title(path)
    root = html.parse(str(page.path)).getroot()
    assert " ".join(root.xpath("string(//h1)").split()) == title
    assert " ".join(root.xpath("string(//title)").split()) == title
    assert " ".join(title.split()[:4]) in " ".join(pdf_text(pdf.path.read_bytes()).split())
    assert "(untitled)" not in page.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_our_own_tei_keeps_its_synopsis_and_loses_no_word(renderers, golden, tmp_path):
    html_renderer, pdf_renderer = renderers
    page = html_renderer.render(golden, tmp_path / "site")
    assert page.fidelity.ok, page.fidelity.message(golden.name)
    root = html.parse(str(page.path)).getroot()
    assert root.xpath("//div[contains(@class,'synopsis')]") and not root.xpath("//*[contains(@class,'tei-flow')]")
    for view in ("parallel", "original", "translation"):
        pdf = pdf_renderer.render(golden, tmp_path / f"{view}.pdf", view=view)
        assert pdf.fidelity.ok, f"{view}: {pdf.fidelity.message(golden.name)}"


def test_other_tei_is_shown_as_the_flow_of_its_text_not_as_a_synopsis(renderers, tmp_path):
    root = html.parse(str(renderers[0].render(FRUS_D50, tmp_path).path)).getroot()
    assert root.xpath("//section[contains(@class,'tei-flow')]") and not root.xpath("//div[contains(@class,'synopsis')]")
    assert not root.xpath("//section[contains(@class,'docket')]")


# ---------------------------------------------------------------------- element coverage
# element → (what marks it in the HTML page, what marks it in the Typst source); both must be present for
# every sample that has the element. The report's coverage table is this mapping.
COVERAGE = {
    "head": ("//h3[contains(@class,'head')] | //h4 | //h5", "#heading(level: "),
    "p": ("//p[contains(@class,'p')]", "#block(below: 0.65em)["),
    "ab": ("//div[contains(@class,'ab')]", "#block(below: 0.3em)["),
    "lg": ("//div[contains(@class,'lg')]", "#block(below: 0.65em)["),
    "l": ("//div[contains(@class,'l') and @data-n]", "#block(below: 0.15em)["),
    "list": ("//div[contains(@class,'list')]/ul | //div[contains(@class,'list')]/ol", "#grid(columns: (auto, 1fr)"),
    "label": ("//div[contains(@class,'list')]/dl/dt", "#grid(columns: (auto, 1fr)"),
    "item": ("//li | //dd", "], ["),
    "table": ("//table/tbody/tr/td[@colspan='2']", "table.cell(colspan: 2"),
    "quote": ("//blockquote[contains(@class,'quote')] | //q[contains(@class,'quote')]", ("#pad(left: 1.5em", "#quote[")),
    "q": ("//q[contains(@class,'q')]", "#quote["),
    "cit": ("//blockquote[contains(@class,'cit')]//cite", "#pad(left: 1.5em"),
    "note": ("//a[@class='fnref'] | //aside[contains(@class,'note')] | //span[contains(@class,'note')]", "#footnote["),
    "hi": ("//span[contains(@class,'rend-italic')] | //span[contains(@class,'rend-sup')]", "#emph["),
    "emph": ("//em[@class='emph']", "#emph["),
    "foreign": ("//span[contains(@class,'foreign')][@lang]", '#text(lang: "no")[#emph['),
    "title": ("//cite[contains(@class,'title')]", "#emph["),
    "persName": ("//a[contains(@class,'persName')][starts-with(@href,'https://')]", '#link("https://example.org/person/olsen")['),
    "placeName": ("//a[contains(@class,'placeName')][@href]", '#link("https://www.geonames.org/3161732")['),
    "orgName": ("//a[contains(@class,'orgName')][@href]", '#link("https://example.org/org/coastal-line")['),
    "date": ("//time[@datetime]", ""),
    "ref": ("//a[contains(@class,'ref')][@href='#reply']", '#link("https://example.org/letters/1920")['),
    "ptr": ("//a[@class='ptr'][@href]", '#link("https://example.org/lists/ships")['),
    "choice": ("//span[@class='choice']/span[@class='alternative']", "#text(size: 0.85em, fill: luma(90))[("),
    "sic": ("//span[@class='alternative']/span[@class='sic']", ""),
    "orig": ("//span[@class='alternative']/span[@class='orig']", ""),
    "abbr": ("//span[@class='alternative']/span[@class='abbr']", ""),
    "add": ("//ins[contains(@class,'add')]", "#underline(stroke: 0.5pt + apparatus)["),
    "del": ("//del[contains(@class,'del')]", "#strike["),
    "unclear": ("//span[contains(@class,'unclear')]", 'dash: "dotted"'),
    "gap": ("//span[@class='gap']", "#gapmark()"),
    "supplied": ("//span[@class='supplied']", "#supplied["),
    "damage": ("//span[contains(@class,'damage')]", "#highlight("),
    "pb": ("//span[@class='pb']", "#pbmark("),
    "cb": ("//span[@class='cb']", "#text(fill: apparatus)[ | ]"),
    "lb": ("//br | //span[@class='lb nobreak']", "#linebreak()"),
    "milestone": ("//span[@class='milestone']", "#text(fill: apparatus)[ | ]"),
    "fw": ("//span[contains(@class,'fw')]", "#fw["),
    "figure": ("//figure[figcaption]", "#block(below: 0.65em, inset: (left: 1em))["),
    "graphic": ("//figure/a[@class='graphic']", "#fw[#\"ferrow-tower.png\"]"),
    "dateline": ("//div[contains(@class,'dateline')]", ""),
    "salute": ("//div[contains(@class,'salute')]", ""),
    "signed": ("//div[contains(@class,'signed')]", "#strong["),
    "opener": ("//div[@class='opener']", ""),
    "closer": ("//div[@class='closer']", ""),
    "postscript": ("//div[@class='postscript']", ""),
    "div": ("//div[contains(@class,'div')]", ""),
    "front": ("//div[@class='tei-front']", "#line(length: 30%"),
    "back": ("//div[@class='tei-back']", "#line(length: 30%"),
    "teiCorpus": ("//article[@class='member']//h2", "#heading(level: 2, outlined: false)["),
    "app": ("//span[@class='app']/span[@class='rdg']", ""),  # no template of its own: text shown, marked by class
}


def test_the_generic_samples_cover_every_element_of_the_text_model():
    used = {etree.QName(e).localname for p in GENERIC for e in etree.parse(str(p)).iter() if isinstance(e.tag, str)}
    assert set(COVERAGE) <= used, f"not covered by any sample: {sorted(set(COVERAGE) - used)}"


@pytest.mark.parametrize("sample", GENERIC, ids=lambda p: p.stem)
def test_each_element_has_its_presentation_in_html_and_pdf(renderers, sample, tmp_path):
    html_renderer, pdf_renderer = renderers
    tree = etree.parse(str(sample))
    present = {etree.QName(e).localname for t in text_parts(tree.getroot()) for e in t.iter() if isinstance(e.tag, str)}
    present |= {"teiCorpus"} if tree.getroot().tag == f"{{{TEI_NS}}}teiCorpus" else set()
    page = html.parse(str(html_renderer.render(sample, tmp_path).path)).getroot()
    source = pdf_renderer.typst_source(sample)
    for element, (xpath, typst) in COVERAGE.items():
        if element in present:
            assert page.xpath(xpath), f"{element}: no {xpath} in the HTML"
            assert any(t in source for t in ((typst,) if isinstance(typst, str) else typst)), f"{element}: no {typst!r} in the Typst source"


def test_notes_in_every_placement(renderers, tmp_path):
    letter = HERE / "generic" / "letter.xml"
    root = html.parse(str(renderers[0].render(letter, tmp_path).path)).getroot()
    # footnotes: a numbered mark in the text, the note's text in the notes (a note in a note too)
    assert [a.text_content() for a in root.xpath("//a[@class='fnref']")] == ["1", "2", "3"]
    assert "The steamer's name" in root.xpath("string(//li[@id='fn-t1-1'])")
    assert "The hand matches" in " ".join(root.xpath("string(//li[@id='fn-t1-3'])").split())
    assert root.xpath("//span[contains(@class,'note margin')][contains(., 'left margin')]")
    assert root.xpath("//span[contains(@class,'note inline')][contains(., 'thirty')]")
    assert root.xpath("//aside[contains(@class,'note block')][contains(., 'between paragraphs')]")
    source = renderers[1].typst_source(letter)
    assert source.count("#footnote[") == 2  # the note inside a footnote stays in its text
    assert '#text(size: 8.5pt, fill: apparatus)[#"Written in the left margin' in source


def test_a_corpus_shows_each_document_under_its_title(renderers, tmp_path):
    corpus = HERE / "generic" / "corpus.xml"
    root = html.parse(str(renderers[0].render(corpus, tmp_path).path)).getroot()
    assert root.xpath("string(//h1)") == "Two Postcards from the Coast"
    assert [h.text_content() for h in root.xpath("//article[@class='member']/header/h2")] == [
        "First postcard: the ferry", "Second postcard: the island"]
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique across the corpus's documents"
    text = " ".join(pdf_text(renderers[1].render(corpus, tmp_path / "c.pdf").path.read_bytes()).split())
    assert "First postcard: the ferry" in text and "Second postcard: the island" in text


def test_a_corpus_in_a_volume_is_its_documents(renderers, tmp_path):
    book = renderers[1].render_book([HERE / "generic" / "corpus.xml", FRUS_D50], tmp_path / "v.pdf")
    assert book.fidelity.ok, book.fidelity.message("volume")
    text = " ".join(pdf_text(book.path.read_bytes()).split())
    assert "First postcard: the ferry" in text and "Telegram From the Embassy in Korea" in text


# ---------------------------------------------------------------------- the check itself can fail
def add_paragraph(path: Path, words: str) -> etree._Element:
    """The TEI with one more paragraph than the edition was made from: its words are what the edition lost."""
    root = etree.parse(str(path)).getroot()
    target = root.find(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p").getparent()
    etree.SubElement(target, f"{{{TEI_NS}}}p").text = words
    return root


def common_text_word(path: Path) -> str:
    """The text's most frequent word that the header (and so the page's facts and citation) never uses."""
    from collections import Counter

    root = etree.parse(str(path)).getroot()
    header = {w.text for w in tei_words(root.findall(f"{{{TEI_NS}}}teiHeader"))}
    counts = Counter(w.text for w in tei_words(text_parts(root)) if w.text not in header and not w.text.isdigit())
    return counts.most_common(1)[0][0]


@pytest.mark.parametrize("path", [FRUS_D50, GENERIC[0], GOLDENS[2]], ids=lambda p: p.stem)
def test_a_lost_paragraph_is_reported_word_by_word(renderers, path, tmp_path):
    common = common_text_word(path)
    lost = f"zanzibar {common} {common} {common} quixotic"
    page = renderers[0].render(path, tmp_path)
    pdf = renderers[1].render(path, tmp_path / "x.pdf")
    edited = add_paragraph(path, lost)
    for fidelity in (check_html(edited, page.path.read_text(encoding="utf-8")), check_pdf(edited, pdf.path.read_bytes())):
        # the common word is all over the edition, but not three times more often: words are counted, not looked up
        assert sorted(fidelity.missing) == sorted(lost.split()), (fidelity.output, fidelity.missing)
        assert fidelity.message(path.name).startswith(f"{path.name}: 5 of ")


def test_words_split_or_joined_by_markup_are_not_false_losses():
    tei = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><p>Mos<hi>cow</hi> and Le<lb break="no"/>ningrad,'
                           ' a note<note>n</note> here, joint-<lb/>labourer</p></body></text></TEI>')
    page = "<html><body><main><p>Mos<span>cow</span> and Leningrad, a note<sup>1</sup> here, joint-<br>labourer</p>" \
           "<ol><li>n</li></ol></main></body></html>"
    assert check_html(tei, page).ok
    assert not check_html(tei, page.replace("Leningrad", "Len")).ok


def test_a_word_hyphenated_at_a_line_end_in_the_pdf_is_found():
    from cablegram.render.fidelity import OutputText, compare

    tei = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><p>the appropriations of Sino-Korean talks</p></body></text></TEI>')
    words = tei_words(text_parts(tei))
    assert compare(words, OutputText.from_text("the appropri-\n1 A footnote.\nations of Sino-\nKorean talks"), "PDF").ok
    assert compare(words, OutputText.from_text("the appropri\u00ad\nations of Sino-Korean talks"), "PDF").ok
    assert not compare(words, OutputText.from_text("the appropri-\nof Sino-Korean talks"), "PDF").ok


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed (.ci/run installs it)")
@pytest.mark.parametrize("path", [FRUS_D50, GENERIC[1], REAL[-1]], ids=lambda p: p.stem)
def test_both_pdf_text_extractors_agree(renderers, path, tmp_path):
    pdf = renderers[1].render(path, tmp_path / "x.pdf").path.read_bytes()
    root = etree.parse(str(path)).getroot()
    assert check_pdf(root, pdf, extractor="pypdf") == check_pdf(root, pdf, extractor="pdftotext")


# ---------------------------------------------------------------------- commands
def losing(fidelity_check):
    def check(*args, **kwargs):
        found = fidelity_check(*args, **kwargs)
        return Fidelity(found.output, found.words, ("moscow",))
    return check


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_loss_is_a_warning_and_an_error_with_strict(fmt, tmp_path, monkeypatch, capsys):
    import cablegram.render.html as html_module
    import cablegram.render.pdf as pdf_module

    monkeypatch.setattr(html_module, "check_html", losing(html_module.check_html))
    monkeypatch.setattr(pdf_module, "check_pdf", losing(pdf_module.check_pdf))
    out = tmp_path / "out"
    assert main(["render", fmt, str(FRUS_D50), "-o", str(out)]) == 0
    assert f"warning: {FRUS_D50}: 1 of " in capsys.readouterr().err
    strict_out = tmp_path / "strict"
    assert main(["render", fmt, str(FRUS_D50), "-o", str(strict_out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {FRUS_D50}: 1 of ") and "missing from the" in err and "moscow" in err
    assert not list(strict_out.glob(f"*.{fmt}")), "nothing written for a failed input"


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_usage_problems_exit_2_and_failed_inputs_exit_1(fmt, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>", encoding="utf-8")
    out = ["-o", str(tmp_path / "out")]
    assert main(["render", fmt, str(tmp_path / "empty"), *out]) == 2
    assert "empty: no TEI files" in capsys.readouterr().err
    assert main(["render", fmt, str(tmp_path / "bad.xml"), str(FRUS_D50), *out]) == 1
    assert main(["render", fmt, str(FRUS_D50), *out]) == 0
    assert main(["render"]) == 2


def test_the_build_report_shows_fidelity_per_document(tmp_path):
    from cablegram.build import build

    source = tmp_path / "texts"
    source.mkdir()
    shutil.copy(EXAMPLES[3], source)
    build(sorted(source.glob("*.txt")), tmp_path / "ed", jobs=1)
    [document] = json.loads((tmp_path / "ed" / "report.json").read_text())["documents"]
    assert {k: (v["lost"], v["words"] > 100) for k, v in document["fidelity"].items()} == {"html": (0, True), "pdf": (0, True)}


def test_render_package_surface():
    import cablegram.render as render

    assert render.HtmlRenderer is HtmlRenderer and render.PdfRenderer is PdfRenderer
    assert {"HtmlRenderer", "PdfRenderer", "Fidelity", "FidelityError", "Rendered"} <= set(render.__all__)
    with pytest.raises(AttributeError):
        render.NoSuchThing  # noqa: B018


def test_element_names_beyond_ascii_and_a_tei_root_in_no_namespace(renderers, tmp_path):
    """An element of another vocabulary named in Unicode reaches Saxon intact (it was written as character
    references, which XML names cannot hold); <TEI> without TEI's namespace is refused by name."""
    odd = tmp_path / "odd.xml"
    odd.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Odd names</title></titleStmt>'
                   '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
                   '<text><body><p>Greeting: <x:Grüße xmlns:x="urn:example">Grüße aus Zürich</x:Grüße>, and צִיּוֹן.</p>'
                   '</body></text></TEI>', encoding="utf-8")
    for rendered in (renderers[0].render(odd, tmp_path), renderers[1].render(odd, tmp_path / "odd.pdf")):
        assert rendered.fidelity.ok, rendered.fidelity.message(odd.name)
    bare = tmp_path / "bare.xml"
    bare.write_text("<TEI><text><body><p>no namespace</p></body></text></TEI>", encoding="utf-8")
    for render in (lambda: renderers[0].render(bare, tmp_path), lambda: renderers[1].render(bare, tmp_path / "b.pdf")):
        with pytest.raises(Exception, match="root element is <TEI> in no namespace"):
            render()


@pytest.mark.parametrize("sample", GENERIC, ids=lambda p: p.stem)
def test_our_samples_are_valid_tei(tei_all, sample):
    assert tei_all.validate(etree.parse(str(sample))), tei_all.error_log.last_error


def test_pages_of_any_tei_are_valid_html5(tmp_path):
    jar = REPO / ".cache" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists() or not shutil.which("java"):
        pytest.skip("the Nu Html Checker (installed by the browser tests through npm) or java is not available")
    assert main(["render", "html", str(HERE / "generic"), str(HERE / "real"), "-o", str(tmp_path)]) == 0
    proc = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *sorted(map(str, tmp_path.glob("*.html")))],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == []


def test_same_tei_same_bytes(renderers, tmp_path):
    sample = HERE / "generic" / "letter.xml"
    pages = [renderers[0].render(sample, tmp_path / str(i)).path.read_bytes() for i in range(2)]
    pdfs = [renderers[1].render(sample, tmp_path / f"{i}.pdf").path.read_bytes() for i in range(2)]
    assert pages[0] == pages[1] and pdfs[0] == pdfs[1]
