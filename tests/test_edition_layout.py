"""The reading edition as a reader meets it (issue 13), in headless Chromium at a desktop (1440 px) and a
phone (390 px) width, for every example and every view it offers: nothing wider than the screen, no column
left blank where a version lacks a unit (a labelled placeholder stands there), the active view marked.
A screenshot of each is written to the test's temporary folder for a person to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CHROMIUM, GOLDEN_DIR

GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))
WIDTHS = (1440, 390)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (.ci/run installs it)")


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


def views(site: Path, golden: Path) -> list[str]:
    """The fragments of the views a page offers ('' for the default)."""
    text = (site / f"{golden.stem}.html").read_text(encoding="utf-8")
    import re
    return [""] + re.findall(r'<a href="#([\w-]+)" data-view=', text)


# Where a row's units are missing on one side, that side's visible column must hold a visible placeholder;
# and no visible column of a unit row may be blank.
BLANK_COLUMNS = """() => {
  const bad = [];
  for (const row of document.querySelectorAll('.synopsis .row.unit')) {
    for (const col of row.querySelectorAll('.col')) {
      if (col.getClientRects().length === 0 || getComputedStyle(col).display === 'none') continue;
      const shown = Array.from(col.children).filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().height > 4);
      if (shown.length === 0) bad.push(row.innerText.slice(0, 60));
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_every_view_fits_the_screen_marks_itself_and_leaves_no_blank_column(page, site, golden, tmp_path_factory):
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    for view in views(site, golden):
        page.goto((site / f"{golden.stem}.html").as_uri() + (f"#{view}" if view else ""))
        page.screenshot(path=str(shots / f"{golden.stem[:3]}-{view or 'default'}-{width}.png"))
        where = f"{golden.stem[:3]} {view or 'default'} at {width}px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{where}: wider than the screen"
        assert page.evaluate(BLANK_COLUMNS) == [], f"{where}: a blank column"
        links = page.locator("nav.views a")
        if links.count():
            current = page.locator("nav.views a[aria-current='true']")
            assert current.count() == 1, f"{where}: no view marked current"
            expected = f"#{view}" if view else "#text"
            assert current.get_attribute("href") == expected
            marked = current.evaluate("a => getComputedStyle(a).backgroundColor")
            others = links.evaluate_all("as => as.filter(a => !a.hasAttribute('aria-current')).map(a => getComputedStyle(a).backgroundColor)")
            assert all(o != marked for o in others), f"{where}: the current view looks like the others"
        else:  # one language: nothing to switch, and the text keeps a readable measure
            text = page.locator(".synopsis p.unit").first
            chars_per_line = text.evaluate("p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize) * 1.9")
            assert chars_per_line <= 80, f"{where}: about {chars_per_line:.0f} characters a line"


def test_a_version_lacking_units_shows_placeholders_beside_them(page, site):
    golden = next(g for g in GOLDENS if "ru-t" in (site / f"{g.stem}.html").read_text(encoding="utf-8"))
    page.goto((site / f"{golden.stem}.html").as_uri() + "#with-ru-t")  # the transcript lacks points 3 and 4
    placeholders = page.locator(".synopsis.alternate p.placeholder")
    assert placeholders.count() == 3
    for i in range(placeholders.count()):
        assert placeholders.nth(i).is_visible()
        label = placeholders.nth(i).evaluate("p => getComputedStyle(p, '::before').content")
        assert "not in this version" in label


def test_one_language_records_offer_no_side_by_side(page, site):
    from lxml import etree
    single = [g for g in GOLDENS if len(etree.parse(str(g)).getroot().xpath(
        "/t:TEI/t:text/t:body/t:div", namespaces={"t": "http://www.tei-c.org/ns/1.0"})) == 1]
    assert single, "the examples have one-language records (000, 004)"
    for golden in single:
        page.goto((site / f"{golden.stem}.html").as_uri())
        assert page.locator("nav.views").count() == 0 and "Side by side" not in page.inner_text("body")
        assert page.locator(".synopsis.single").count() == 1


def test_the_index_fits_a_phone(page, site):
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_print_keeps_the_columns(browser, site):
    context = browser.new_context(viewport={"width": 700, "height": 900})
    p = context.new_page()
    p.goto((site / f"{GOLDENS[2].stem}.html").as_uri())
    p.emulate_media(media="print")
    original, translation = p.locator("#ru-u5"), p.locator("#en-u5")
    a, b = original.bounding_box(), translation.bounding_box()
    assert abs(a["y"] - b["y"]) < 4 and b["x"] > a["x"] + a["width"], "languages interleaved on paper"
    context.close()


def test_breaks_are_labelled_on_screen(page, site):
    page.goto((site / f"{GOLDENS[4].stem}.html").as_uri())
    labels = page.locator(".pb").evaluate_all("els => els.map(e => getComputedStyle(e, '::after').content)")
    assert labels == ['"[Лист 2]"', '"[Лист 8]"', '"[Лист 1]"']
    assert all(page.locator(".pb").nth(i).is_visible() for i in range(3))


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_every_word_of_every_version_is_visible_in_the_default_view(browser, site, golden):
    """Not merely in the file: shown when the page opens (innerText leaves out what CSS hides)."""
    import re
    from collections import Counter

    from lxml import etree

    from cablegram.render.fidelity import normalize
    word = re.compile(r"\w+")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto((site / f"{golden.stem}.html").as_uri())
    visible = Counter(word.findall(normalize(page.inner_text("section#text"))))
    tei = etree.parse(str(golden)).getroot()
    for version in tei.xpath("/t:TEI/t:text/t:body/t:div", namespaces={"t": "http://www.tei-c.org/ns/1.0"}):
        words = Counter(word.findall(normalize(" ".join(version.itertext()))))
        missing = words - visible
        assert not missing, f"{version.get('{http://www.w3.org/XML/1998/namespace}id')}: hidden or absent: {dict(missing)}"
    context.close()


def test_citations_carry_the_readers_access_date(browser, site):
    import datetime
    import json
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / f"{GOLDENS[1].stem}.html").as_uri())
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    iso = datetime.date(*today).isoformat()
    assert f"urldate = {{{iso}}}" in page.locator("#cite-bibtex").text_content()
    assert f"Y2  - {iso}" in page.locator("#cite-ris").text_content()
    assert json.loads(page.locator("#cite-csl-json").text_content())["accessed"]["raw"] == iso
    assert f"Accessed {datetime.date(*today).strftime('%B')} {today[2]}, {today[0]}." in page.locator("#cite-chicago").text_content()
    context.close()
