"""The reading edition as a research tool (issue 15): search across scripts with filters, registers,
browsing, previous/next, cable chains, disagreements, citing; in a real headless Chromium where it matters.

The corpus: the goldens, plus one more telegram made from golden 002 (Mao to Stalin) dated 3 July 1951 —
the telegram golden 003 answers ("Вашу телеграмму от 3 июля получили"), so that the chain resolves. The
references are the TEI's (`ref type="telegram"`, marked by the converter); the site recognises none.
"""
from __future__ import annotations

import json
import re
import shutil
import threading
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from cablegram.render.html import HtmlRenderer
from cablegram.render.search_forms import forms
from cablegram.render.serve import LOOPBACK, make_server
from conftest import CHROMIUM, GOLDEN_DIR
from test_html_browser import npm_packages, vnu_errors  # noqa: F401  (fixture)

T = "{http://www.tei-c.org/ns/1.0}"
GOLDENS = sorted(GOLDEN_DIR.glob("0*.xml"))
ANSWERED = "mao-1951-07-03"


# ---------------------------------------------------------------- search forms (pure)
def test_transliterated_forms_go_both_ways():
    assert {"vyshinsky", "vyshinskii"} <= forms("Вышинский")
    assert "khrushchev" in forms("Хрущев")
    assert "молотов" in forms("Molotov")
    assert {"вышинский"} <= forms("Vyshinsky") and "кузнецов" in forms("Kuznetsov") and "хрущев" in forms("Khrushchev")
    assert "громыко" in forms("Gromyko") and "панюшкин" in forms("Panyushkin")
    assert forms("1951") == set() and forms("the") == set()


# ---------------------------------------------------------------- the site
@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for golden in GOLDENS:
        shutil.copy(golden, folder)
    answered = (GOLDEN_DIR / "002_1a6ead44c4c0e4a5.xml").read_text(encoding="utf-8")
    (folder / f"{ANSWERED}.xml").write_text(answered.replace("1951-07-13", "1951-07-03").replace(
        "July 13, 1951", "July 3, 1951").replace("cg-002_1a6ead44c4c0e4a5", "cg-mao-1951-07-03"), encoding="utf-8")
    return sorted(folder.glob("*.xml"))


@pytest.fixture(scope="module")
def site(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("site")
    renderer = HtmlRenderer()
    renderer.render_site(corpus, out)
    return out


def _serve(folder):
    httpd = make_server(folder, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{LOOPBACK}:{httpd.server_address[1]}/"


@pytest.fixture(scope="module")
def server(site):
    httpd, url = _serve(site)
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def sharded_server(tmp_path_factory, corpus):
    """The same site with its search index in two parts (4 + 2 documents), as a corpus of more than
    SEARCH_SHARD documents has it."""
    from cablegram.render import site as site_module

    out = tmp_path_factory.mktemp("sharded")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_module, "SEARCH_SHARD", 4)
        HtmlRenderer().render_site(corpus, out)
    httpd, url = _serve(out)
    yield out, url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda err: page.problems.append(str(err)))
    yield page
    context.close()


def test_the_server_listens_on_loopback_only(server):
    assert server.startswith("http://127.0.0.1:")


def test_hidden_search_forms_are_neither_shown_nor_in_the_text_sections(site):
    page = (site / "003_1913699800420464.html").read_text(encoding="utf-8")
    root = etree.HTML(page.encode())
    [data] = root.xpath("//div[@class='search-data']")
    assert data.get("hidden") is not None and "telegrammu" in "".join(data.itertext())
    assert not data.xpath("ancestor::section[contains(@class, 'text')]")
    assert {s.get("data-pagefind-filter").split(":")[0] for s in data.xpath(".//span[@data-pagefind-filter]")} >= {
        "year", "sender", "recipient", "archive", "language", "version"}


def search(page, server, query, **filters):
    page.goto(server + "search.html")
    page.wait_for_selector("#search-status:has-text('Ready')")
    for name, value in filters.items():
        page.select_option(f"#filter-{name}", value)
    page.fill("#q", query)
    page.wait_for_selector("#search-status:has-text('found')")
    return sorted(re.sub(r"^.*/", "", a) for a in page.locator("#results a").evaluate_all("els => els.map(e => e.href)"))


def test_search_finds_a_russian_word_and_its_latin_transliteration(page, server):
    cyrillic = search(page, server, "шифртелеграмма")
    assert "003_1913699800420464.html" in cyrillic
    assert search(page, server, "shifrtelegramma") == cyrillic  # the same documents, typed in Latin letters
    # the reverse: a Cyrillic query finds a telegram that has only its English translation
    assert "000_4fb6c50d695f872e.html" in search(page, server, "Кузнецов")
    assert page.problems == []


def test_search_with_a_filter(page, server):
    everywhere = search(page, server, "Mao")
    in_1953 = search(page, server, "Mao", year="1953")
    assert in_1953 and set(in_1953) < set(everywhere)
    for name in in_1953:
        assert "1953" in (page.context.request.get(server + name).text().split("<title>")[1][:0] or "1953")
    assert set(in_1953) <= {"000_4fb6c50d695f872e.html", "001_09b0c0c286ebddc7.html"}  # the two of 1953


def mentions_of(corpus, ref):
    """Documents whose TEI marks a name pointing to `ref` (header or text), read independently of the site."""
    out = set()
    for path in corpus:
        root = etree.parse(str(path)).getroot()
        names = root.xpath("//t:teiHeader//t:*[@ref] | //t:text//t:*[@ref]", namespaces={"t": T[1:-1]})
        if any(ref in (n.get("ref") or "").split() for n in names if etree.QName(n).localname in ("persName", "placeName", "orgName")):
            out.add(path.stem + ".html")
    return out


def test_a_persons_register_page_lists_all_their_documents(page, site, corpus):
    page.goto((site / "persons.html").as_uri())
    page.click("a:text-is('Mao Zedong')")
    listed = set(page.locator("#mentions-h ~ table tbody tr td:nth-child(2) a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"))
    assert listed == mentions_of(corpus, "#per-mao") and len(listed) >= 4
    names = page.locator("#names-h ~ ul li").all_inner_texts()
    assert any("毛泽东" in n for n in names) and any("Мао" in n for n in names)
    # every paragraph anchor goes to a paragraph that exists
    for href in page.locator("#mentions-h ~ table a[href*='#']").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        name, anchor = href.split("#")
        assert f'id="{anchor}"' in (site / name).read_text(encoding="utf-8")


def test_a_facet_browses_by_year_and_by_correspondents(page, site, corpus):
    page.goto((site / "browse.html").as_uri())
    page.click("#by-year ~ ul a:text-is('1951')")
    rows = page.locator("table.documents tbody tr")
    assert rows.count() == 4  # 002, 003, 004 and the telegram of 3 July
    assert all("1951" in t for t in rows.all_inner_texts())
    page.goto((site / "browse.html").as_uri())
    pair = page.locator("#by-pair ~ ul a", has_text="Mao Zedong → ").first
    pair.click()
    assert page.locator("table.documents tbody tr").count() >= 2


def test_a_reference_to_a_telegram_in_the_corpus_is_a_link_with_a_thread(page, site):
    page.goto((site / "003_1913699800420464.html").as_uri())
    link = page.locator("#en-u1 a.cable-ref")
    assert link.inner_text().startswith("your telegram of")
    link.click()
    assert page.url.endswith(f"{ANSWERED}.html")
    page.goto((site / "003_1913699800420464.html").as_uri())
    page.click("nav.sequence a.chain")
    thread = page.locator("ol.thread > li > a").all_inner_texts()
    assert thread[0].startswith("1951-07-03") and len(thread) == 2


def test_previous_and_next_follow_the_dates(page, site, corpus):
    page.goto((site / "002_1a6ead44c4c0e4a5.html").as_uri())
    page.click("nav.sequence a[rel=next]")
    assert page.url.endswith("004_990157edbcf4a9d2.html")  # 13 July → 20 July 1951
    page.click("nav.sequence a[rel=prev]")
    assert page.url.endswith("002_1a6ead44c4c0e4a5.html")
    first = (site / "003_1913699800420464.html").read_text(encoding="utf-8")
    assert 'rel="prev"' in first or f"{ANSWERED}" in first


def test_cite_this_paragraph_copies_its_address(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto((site / "003_1913699800420464.html").as_uri())
    page.click("#en-u2 a.cite-unit")
    assert page.evaluate("navigator.clipboard.readText()").endswith("003_1913699800420464.html#en-u2")


def test_disagreements_are_shown_beside_the_text_with_links_to_the_versions(site):
    root = etree.HTML((site / "003_1913699800420464.html").read_bytes())
    [aside] = root.xpath("//aside[@class='disagreements']")
    codes = [li.get("data-code") for li in aside.iter("li")]
    assert "CW-DISAGREE-NUMBER" in codes
    targets = aside.xpath(".//a/@href")
    assert "#ru-t-u1" in targets or any(t.startswith("#ru-t") for t in targets)


def test_every_page_has_dublin_core_and_schema_org_and_the_sitemap_lists_them(site):
    pages = sorted(site.glob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'name="DC.title"' in text and "application/ld+json" in text, page.name
        json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    listed = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert set(listed) == {p.name for p in pages}


def test_the_index_comes_in_parts(tmp_path, corpus, monkeypatch):
    import cablegram.render.site as site_module

    monkeypatch.setattr(site_module, "INDEX_PART", 2)
    HtmlRenderer().render_site(corpus, tmp_path)
    parts = sorted(tmp_path.glob("index*.html"))
    assert [p.name for p in parts] == ["index-2.html", "index-3.html", "index.html"]
    rows = sum(len(etree.HTML(p.read_bytes()).xpath("//table[@id='documents']/tbody/tr")) for p in parts)
    assert rows == len(corpus)


def test_all_pages_are_valid_html5(site, npm_packages):  # noqa: F811
    assert vnu_errors(npm_packages, site.glob("*.html")) == []


def test_no_serious_accessibility_violations_on_any_page(browser, server, site, npm_packages):  # noqa: F811
    axe = (npm_packages / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    bad = {}
    for name in sorted(p.name for p in site.glob("*.html")):
        page.goto(server + name)
        if name == "search.html":
            page.wait_for_selector("#search-status:has-text('Ready')")
            page.fill("#q", "Mao")
            page.wait_for_selector("#search-status:has-text('found')")
        page.add_script_tag(content=axe)
        result = page.evaluate("axe.run()")
        found = [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if found:
            bad[name] = found
    context.close()
    assert bad == {}


def test_the_site_resolves_the_references_the_tei_marks_and_keeps_their_targets():
    from cablegram.chains import CitedTelegram
    from cablegram.render.corpus import DocumentFacts, Party, Reference
    from cablegram.render.site import chains, resolve

    def doc(stem, date, sender, recipient, numbers=(), refs=()):
        refs = tuple(Reference("en-u1", "en", phrase, i, CitedTelegram(whose, n, when, target))
                     for i, (phrase, whose, n, when, target) in enumerate(refs, 1))
        return DocumentFacts(stem, stem, date, (Party(sender, sender),), (Party(recipient, recipient),), "", "",
                             ("en",), ("translation",), frozenset(numbers), references=refs)

    docs = [doc("a", "1951-07-03", "mao", "stalin", {"48"}),
            doc("b", "1951-07-05", "stalin", "mao", refs=[("your No. 48", "addressee", "48", "", ""),
                                                          ("my telegram of 3 July", "sender", "", "1951-07-03", "")]),
            doc("c", "1951-07-03", "stalin", "mao", {"48"}),
            # an editor's @target wins over the rules; one naming no document of the corpus does not
            doc("d", "1951-07-06", "stalin", "mao", refs=[("that telegram", "", "", "", "a"),
                                                          ("the lost one", "", "", "", "nowhere")])]
    links = {l.phrase: l.target for l in resolve(docs)}
    assert links["your No. 48"] == "a" and links["my telegram of 3 July"] == "c"
    assert links["that telegram"] == "a" and links["the lost one"] == ""
    assert chains(resolve(docs)) == [["a", "b", "c", "d"]]
    assert [l.index for l in resolve(docs) if l.source == "d"] == [1, 2]


def test_tei_without_telegram_references_gives_no_links_and_no_chains(corpus):
    from cablegram.render.corpus import read_facts
    from cablegram.render.site import resolve

    facts = [read_facts(p) for p in corpus]
    stripped = [f for f in facts if f.stem != "003_1913699800420464"]
    assert resolve(stripped) == []
    links = resolve(facts)
    # the Russian original, the published Russian version and the English translation say it alike
    assert [(l.source, l.unit, l.target) for l in links if l.target] == [
        ("003_1913699800420464", unit, ANSWERED) for unit in ("ru-t-u1", "ru-p-u1", "en-u1")]


def test_serve_refuses_a_folder_without_a_site(tmp_path, capsys):
    from cablegram.cli import main

    assert main(["serve", str(tmp_path)]) == 2
    assert "no index.html" in capsys.readouterr().err


def test_a_search_address_with_a_query_shows_its_results(page, server):
    page.goto(server + "search.html?q=Mao")  # a link or bookmark to a search
    page.wait_for_selector("#search-status:has-text('found')")
    assert page.locator("#results li").count() >= 4 and page.problems == []


def test_the_search_index_is_rewritten_in_a_stable_order_and_an_unknown_layout_is_left_alone(site, tmp_path):
    import gzip

    from cablegram.render.pagefind_canon import canonicalise

    assert json.loads((site / "search-shards.json").read_text()) == []  # one index: 6 documents
    bundle = tmp_path / "pagefind"
    shutil.copytree(site / "pagefind", bundle)
    before = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert canonicalise(bundle)  # already canonical: rewriting changes nothing
    assert {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before
    broken = next((bundle / "filter").iterdir())
    broken.write_bytes(gzip.compress(b"not pagefind"))
    kept = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert not canonicalise(bundle)
    assert {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == kept


def test_a_corpus_indexed_in_parts_is_searched_as_one(page, sharded_server, site):
    folder, url = sharded_server
    assert json.loads((folder / "search-shards.json").read_text()) == ["pagefind-2/"]
    assert [len(list((folder / name / "fragment").iterdir())) for name in ("pagefind", "pagefind-2")] == [4, 2]
    # the rest of the site is the same as with one index
    same = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                         if p.is_file() and not p.relative_to(root).as_posix().startswith(("pagefind", "search-shards"))}
    assert same(folder) == same(site)
    # a word of every telegram finds the documents of both parts, and the filters list the values of both
    found = search(page, url, "Mao")
    assert {"000_4fb6c50d695f872e.html", "mao-1951-07-03.html"} <= set(found) and len(found) == 5
    years = page.locator("#filter-year option").all_inner_texts()
    assert any(y.startswith("1951") for y in years) and any(y.startswith("1953") for y in years)
    assert set(search(page, url, "Mao", year="1953")) < set(found)
    assert page.problems == []
