"""Shared test fixtures: the examples, the golden TEI files, and the official TEI schema when present."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples" / "texts").glob("*.txt"))
GOLDEN_DIR = REPO / "tei"
TEI_ALL = REPO.parent / "shared" / "reference" / "tei" / "tei_all.rng"


@pytest.fixture(scope="session")
def tei_all():
    """The official TEI P5 RELAX NG schema (compiled once per test session: ~6 s)."""
    if not TEI_ALL.exists():
        pytest.skip(f"official TEI schema not found at {TEI_ALL} (../shared is absent in this checkout)")
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


# headless Debian Chromium for the browser tests (.ci/run installs it); the flags keep it off the network
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def texts(tmp_path):
    """A folder holding a copy of the bundled example exports."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The reading edition of the golden TEI files (one per test module that asks for it)."""
    from cablegram.render import HtmlRenderer

    out = tmp_path_factory.mktemp("site")
    HtmlRenderer().render_site(sorted(GOLDEN_DIR.glob("*.xml")), out)
    return out
