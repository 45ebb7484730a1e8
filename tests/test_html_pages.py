"""Reading edition pages, read as HTML (issue 4): content from the TEI alone, nothing added, nothing remote."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import etree, html

from cablegram.cli import main
from cablegram.render.html import HtmlRenderer
from conftest import GOLDEN_DIR

GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    HtmlRenderer().render_site(GOLDENS, out, pdf_href=lambda stem: f"pdf/{stem}.pdf")
    return out


def page(site, golden):
    return html.parse(str(site / f"{golden.stem}.html")).getroot()


def test_site_has_a_page_per_document_an_index_and_local_assets(site):
    names = {p.name for p in site.glob("*.html")}
    assert {g.stem + ".html" for g in GOLDENS} | {"index.html", "search.html", "browse.html", "registers.html"} <= names
    assert (site / "assets" / "edition.css").exists() and (site / "assets" / "fonts" / "DejaVuSerif.ttf").exists()
    assert all((site / "tei" / g.name).read_bytes() == g.read_bytes() for g in GOLDENS)


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_no_network_resources(site, golden):
    root = page(site, golden)
    for el in root.iter("link", "script", "img", "iframe", "source"):
        for attr in ("href", "src"):
            assert not re.match(r"^(https?:)?//", el.get(attr, "")), etree.tostring(el)
    assert "url(http" not in (site / "assets" / "edition.css").read_text()


def words_added(root, version) -> Counter:
    """Words the synopsis column showing this version has beyond the version's own text. Fails, rather than
    finding nothing, when the page has no synopsis or no column for the version (a renamed class)."""
    vid = version.get("{http://www.w3.org/XML/1998/namespace}id")
    tei_words = Counter(WORD.findall(" ".join(version.itertext())))  # text nodes apart, as the page shows them
    column = "col-translation" if version.get("type") == "translation" else "col-original"
    # the synopsis that shows this version (the translation appears in every synopsis: take the first)
    synopsis = root.xpath(f"//div[contains(concat(' ', @class, ' '), ' synopsis ')][.//*[@id][starts-with(@id, '{vid}-')] or @id='synopsis-{vid}'][1]")
    assert synopsis, f"{vid}: no synopsis shows this version"
    columns = synopsis[0].xpath(f".//div[contains(concat(' ', @class, ' '), ' {column} ')][not(ancestor::div[contains(@class, 'head')])]")
    assert columns, f"{vid}: the synopsis has no {column} column"
    shown = Counter()
    for col in columns:
        for sup in col.xpath(".//a[@class='fnref']"):
            sup.drop_tree()  # footnote numbers are interface labels
        shown.update(WORD.findall(" ".join(col.itertext())))
    assert shown, f"{vid}: nothing shown"
    return shown - tei_words


def versions_of(golden):
    return etree.parse(str(golden)).getroot().xpath("/t:TEI/t:text/t:body/t:div", namespaces=TEI)


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_the_text_adds_no_words_the_tei_lacks(site, golden):
    for version in versions_of(golden):
        added = words_added(page(site, golden), version)
        assert not added, f"words shown that the TEI lacks: {dict(added)}"


@pytest.mark.parametrize("renamed", ["synopsis", "col-original", "col-translation"])
def test_the_no_added_words_check_fails_when_the_page_changes_shape(site, renamed):
    """The check above cannot pass by finding nothing: with a class renamed, it fails."""
    golden = GOLDENS[2]
    text = (site / f"{golden.stem}.html").read_text(encoding="utf-8")
    root = html.fromstring(re.sub(rf'class="([^"]*\b){renamed}\b', rf'class="\1{renamed}-renamed', text))
    with pytest.raises(AssertionError):
        for version in versions_of(golden):
            words_added(root, version)


def test_the_no_added_words_check_finds_an_added_word(site):
    golden = GOLDENS[2]
    text = (site / f"{golden.stem}.html").read_text(encoding="utf-8")
    root = html.fromstring(text.replace('<p id="en-u1"', '<p>Invented</p><p id="en-u1"', 1))
    [translation] = [v for v in versions_of(golden) if v.get("type") == "translation"]
    assert words_added(root, translation) == Counter({"Invented": 1})


def test_aligned_units_share_a_row(site):
    root = page(site, GOLDENS[2])  # 002: 18 aligned pairs
    rows = root.xpath("//div[@id='synopsis-ru']/div[contains(@class, 'aligned')]")
    assert len(rows) == 18
    for row in rows:
        [left] = row.xpath("./div[contains(@class,'col-original')]/p/@id")
        right = row.xpath("./div[contains(@class,'col-translation')]/p")
        assert all(left in p.get("data-corresp").split() for p in right)


def test_unaligned_units_are_still_shown_in_order_facing_a_placeholder(site):
    root = page(site, GOLDENS[1])  # 001: the transcript lacks points 3 and 4 (and the closing line)
    ids = root.xpath("//div[@id='synopsis-ru-t']//div[contains(@class,'col-translation')]/p[contains(@class,'unit')]/@id")
    assert ids == [f"with-ru-t-en-u{i}" for i in range(1, 7)]
    lonely = root.xpath("//div[@id='synopsis-ru-t']//div[contains(@class,'row unit')][not(contains(@class,'aligned'))]")
    assert len(lonely) == 3
    for row in lonely:
        assert row.xpath("./div[contains(@class,'col-original')]/p[@class='placeholder'][@data-label='not in this version']")


def test_the_default_view_pairs_the_most_complete_original_with_the_translation(site):
    root = page(site, GOLDENS[1])  # 001: the published version has all four points, the transcript two
    first = root.xpath("//div[contains(@class,'synopsis')]")[0]
    assert first.get("id") == "synopsis-ru-p" and "alternate" not in first.get("class")
    assert not first.xpath(".//p[@class='placeholder']")
    assert root.xpath("//nav[@class='views']/a")[0].get("class") == "default"


def test_header_panel_docket_and_citation(site):
    root = page(site, GOLDENS[3])
    text = root.text_content()
    assert root.xpath("string(//h1)").startswith("Ciphered Telegram No. 2950")
    assert "APRF, f. 45, op. 1, d. 339, l. 11" in text
    assert root.xpath("//section[contains(@class,'docket')]//dd[contains(., 'ПЕРСОНАЛЬНО')]")
    assert "“Ciphered Telegram No. 2950" in root.xpath("string(//pre[@id='cite-chicago'])")
    assert root.xpath("string(//pre[@id='cite-bibtex'])").startswith("@misc{wcda-112147,")
    assert root.xpath("//a[@href='tei/003_1913699800420464.xml']") and root.xpath("//a[@href='pdf/003_1913699800420464.pdf']")


def test_footnotes_are_numbered_per_version_with_back_links(site):
    root = page(site, GOLDENS[1])
    [ref] = root.xpath("//a[@class='fnref']")
    assert ref.text_content() == "1" and ref.get("href") == "#fn-ru-p-1"
    [note] = root.xpath("//li[@id='fn-ru-p-1']")
    assert "Время отправления." in note.text_content() and note.xpath(".//a[@href='#fnref-ru-p-1']")


def test_index_lists_documents_chronologically(site):
    root = html.parse(str(site / "index.html")).getroot()
    dates = root.xpath("//table[@id='documents']/tbody/tr/td[1]/@data-value")
    assert dates == sorted(dates) and len(dates) == 5


def test_hostile_text_is_rendered_as_text(datadir, tmp_path):
    HtmlRenderer().render_site([datadir / "hostile.xml"], tmp_path)
    source = (tmp_path / "hostile.html").read_text(encoding="utf-8")
    assert "<script>document.title" not in source and "<img src=x" not in source
    root = html.parse(str(tmp_path / "hostile.html")).getroot()
    assert "<script>document.title='pwned'</script> & an ampersand" in root.xpath("string(//p[@id='en-u1'])")
    assert [s.get("src") for s in root.iter("script") if s.get("src")] == ["assets/edition.js", "assets/research.js"]
    # the only inline script is the schema.org record, JSON with the hostile text escaped for a script element
    [record] = [s for s in root.iter("script") if not s.get("src")]
    assert record.get("type") == "application/ld+json" and "</script" not in (record.text or "")


def test_render_html_command(tmp_path, capsys):
    assert main(["render", "html", str(GOLDEN_DIR), "-o", str(tmp_path)]) == 0
    assert "5 of 5 pages rendered" in capsys.readouterr().out
