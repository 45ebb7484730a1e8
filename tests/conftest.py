"""Shared test fixtures: the examples, the golden TEI files, and the official TEI schema when present."""
from __future__ import annotations

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
