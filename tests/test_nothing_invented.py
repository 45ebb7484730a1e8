"""Nothing invented (issue 10, Must show 4): every fact the TEI header states is text of the input, or is
marked as inferred (@cert / @resp on the element or an ancestor).

Checked on every fixture of the project (examples, real-layout fixtures, unseen-layout fixtures) and, as a
property, on documents generated with random variations of layout, labels and blocks
(benchmarks/generate_corpus.py) for any seed hypothesis picks.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cablegram

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = sorted((REPO / "examples" / "texts").glob("*.txt")) + sorted((TESTS / "test_real_layouts").glob("*.txt")) \
    + sorted((TESTS / "test_unseen").glob("*.txt")) \
    + sorted(p for folder in ("test_heldout_classes", "test_heldout2_classes", "test_heldout3_classes")
             for p in (TESTS / folder).glob("*.txt"))
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: header elements whose text is a fact taken from the source (docs/encoding.md)
FACT_PATHS = (
    "t:fileDesc/t:titleStmt/t:title[@type='main']",
    "t:fileDesc/t:sourceDesc/t:bibl[@type='digital-record']/t:title",
    "t:fileDesc/t:sourceDesc/t:bibl[@type='digital-record']/t:date",
    "t:fileDesc/t:sourceDesc/t:bibl[@type='digital-record']/t:idno",
    "t:fileDesc/t:sourceDesc/t:bibl[@type='digital-record']/t:respStmt/t:persName",
    "t:fileDesc/t:sourceDesc/t:bibl[@type='digital-record']/t:funder",
    "t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:repository",
    "t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:collection",
    "t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:idno",
    "t:fileDesc/t:sourceDesc/t:msDesc/t:msContents/t:msItem/t:locus",
    "t:profileDesc/t:creation/t:date",
    "t:profileDesc/t:abstract/t:p",
    "t:profileDesc/t:correspDesc/t:correspAction/t:persName",
    "t:profileDesc/t:correspDesc/t:correspAction/t:orgName",
    "t:profileDesc/t:correspDesc/t:correspAction/t:placeName",
    "t:profileDesc/t:correspDesc/t:correspAction/t:date",
)


def squash(text: str) -> str:
    """Compare without markdown marks, quotes' shapes and line breaks (the converter joins lines)."""
    text = re.sub(r"[*#\\<>_]", "", text).replace("“", '"').replace("”", '"').replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def marked_inferred(el) -> bool:
    return any(a.get("cert") is not None or a.get("resp") is not None for a in [el, *el.iterancestors()])


def invented(conversion, source: str) -> list[str]:
    """Header facts that are neither input text nor marked as inferred."""
    header = conversion.tei.getroot().find("t:teiHeader", NS)
    src = squash(source)
    out = []
    for path in FACT_PATHS:
        for el in header.findall(path, NS):
            value = squash("".join(el.itertext()))
            if value and value not in src and not marked_inferred(el):
                out.append(f"{path}: {value!r}")
    # a declared language is one the document uses (a version's text, an authority entry's name), English
    # (the header's), named in the input, or marked as inferred
    versions = {el.get(XML_LANG) for el in conversion.tei.getroot().iter() if el.get(XML_LANG)}
    for lang in header.findall("t:profileDesc/t:langUsage/t:language", NS):
        ident = lang.get("ident")
        if ident in versions or ident == "en" or marked_inferred(lang):
            continue
        if squash(lang.text or "") not in src:
            out.append(f"langUsage: {ident!r} ({lang.text!r}) neither a version's language, stated, nor marked inferred")
    return out


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_header_fact_of_a_fixture_is_in_its_input_or_marked_inferred(path):
    conversion = cablegram.convert(path)
    assert invented(conversion, path.read_text(encoding="utf-8")) == []


sys.path.insert(0, str(REPO / "benchmarks"))
from generate_corpus import generate  # noqa: E402


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_no_header_fact_is_invented_on_generated_variations(seed):
    with tempfile.TemporaryDirectory() as tmp:
        for path in generate(5, Path(tmp), seed=seed):
            conversion = cablegram.convert(path)
            assert invented(conversion, path.read_text(encoding="utf-8")) == [], path.read_text(encoding="utf-8")[:300]


def test_the_check_catches_an_invented_fact():
    """The check itself: a header fact that is not in the input is reported, unless it is marked."""
    conversion = cablegram.convert(FIXTURES[0])
    header = conversion.tei.getroot().find("t:teiHeader", NS)
    title = header.find(FACT_PATHS[0], NS)
    title.text = "A Title Nobody Wrote"
    assert any("a title nobody wrote" in problem for problem in invented(conversion, FIXTURES[0].read_text(encoding="utf-8")))
    title.set("cert", "low")
    assert not any("a title nobody wrote" in problem for problem in invented(conversion, FIXTURES[0].read_text(encoding="utf-8")))
