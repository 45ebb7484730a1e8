"""The reading edition in a real headless Chromium (issue 4, points 4–5): behaviour, validity, accessibility.

Needs Debian's chromium (installed by .ci/run), Java, and npm for vnu-jar and axe-core (installed on
first use into .cache/npm). Skipped, with the reason, where a piece is missing on a developer machine.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CHROMIUM, GOLDEN_DIR, REPO

NPM_DIR = REPO / ".cache" / "npm"
GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def npm_packages():
    if not (NPM_DIR / "node_modules" / "vnu-jar").exists() or not (NPM_DIR / "node_modules" / "axe-core").exists():
        if not shutil.which("npm"):
            pytest.skip("npm not available to install vnu-jar and axe-core")
        NPM_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund", "--silent",
                        "vnu-jar@24", "axe-core@4"], check=True, timeout=600)
    return NPM_DIR / "node_modules"


def open_page(browser, url, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.goto(url)
    return context, page, problems


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_page_loads_without_console_errors_and_pairs_share_a_row(browser, site, golden):
    context, page, problems = open_page(browser, (site / f"{golden.stem}.html").as_uri())
    rows = page.locator(".synopsis:not(.alternate) .row.aligned")
    for i in range(rows.count()):
        # the first unit of each column: a row may hold a merged paragraph under the first
        tops = [round(box["y"]) for box in rows.nth(i).locator(".col > p.unit:first-child").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect()).map(r => ({y: r.top}))")]
        assert len(set(tops)) <= 1, f"row {i}: tops {tops}"
    assert problems == []
    context.close()


def test_view_controls_and_highlighting(browser, site):
    context, page, _ = open_page(browser, (site / f"{GOLDENS[2].stem}.html").as_uri())
    original, translation = page.locator("#en-u5"), page.locator("#ru-u5")
    page.click("nav.views >> text=Original only")
    assert page.url.endswith("#original")
    assert translation.is_visible() and not original.is_visible()  # en-u5 is the translation unit
    page.click("nav.views >> text=Translation only")
    assert original.is_visible() and not translation.is_visible()
    page.click("nav.views >> text=Side by side")
    assert original.is_visible() and translation.is_visible()
    original.hover()
    assert "linked" in (translation.get_attribute("class") or "")
    context.close()


def test_cite_this_copies_the_citation(browser, site):
    context, page, _ = open_page(browser, (site / f"{GOLDENS[3].stem}.html").as_uri())
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("button[data-copy='cite-chicago']")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#cite-chicago").inner_text() and copied.startswith("“Ciphered Telegram")
    context.close()


def test_works_with_javascript_off(browser, site):
    context, page, _ = open_page(browser, (site / f"{GOLDENS[2].stem}.html").as_uri(), java_script_enabled=False)
    assert page.locator("#ru-u5").is_visible()
    page.click("nav.views >> text=Translation only")  # CSS :target, no script
    assert not page.locator("#ru-u5").is_visible() and page.locator("#en-u5").is_visible()
    context.close()


def test_index_sorts_and_filters(browser, site):
    context, page, problems = open_page(browser, (site / "index.html").as_uri())
    first = lambda: page.locator("#documents tbody tr").first.inner_text()
    assert "1951" in first()
    page.click("#documents th >> text=Date")  # already ascending: now descending
    assert "1953" in first()
    page.fill("#filter", "Kuznetsov")
    assert page.locator("#documents tbody tr:visible").count() == 1
    assert problems == []
    context.close()


@pytest.mark.parametrize("name", [g.stem + ".html" for g in GOLDENS] + ["index.html"])
def test_no_serious_or_critical_accessibility_violations(browser, site, npm_packages, name):
    context, page, _ = open_page(browser, (site / name).as_uri())
    page.add_script_tag(path=str(npm_packages / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run()")
    bad = [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []
    context.close()


def vnu_errors(npm_packages, pages) -> list[tuple[str, str]]:
    """The Nu Html Checker's errors for the pages: (the end of the page's URL, the message)."""
    if not shutil.which("java"):
        pytest.skip("java not available for the Nu Html Checker")
    jar = npm_packages / "vnu-jar" / "build" / "dist" / "vnu.jar"
    proc = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *sorted(map(str, pages))],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    return [(m.get("url", "")[-40:], m.get("message")) for m in messages if m.get("type") == "error"]


def test_pages_are_valid_html5(site, npm_packages):
    assert vnu_errors(npm_packages, site.glob("*.html")) == []
