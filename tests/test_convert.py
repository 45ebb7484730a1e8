"""The converter: every example becomes valid, complete, deterministic TEI (issue 2)."""
from __future__ import annotations

import pytest

import cablegram
from cablegram.tei.convert import coverage_of, missing_characters
from conftest import EXAMPLES, GOLDEN_DIR

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def conversions():
    return {path.name: cablegram.convert(path) for path in EXAMPLES}


def test_there_are_five_examples():
    assert len(EXAMPLES) == 5


@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_every_word_of_the_input_is_in_the_tei(conversions, name):
    conversion = conversions[name]
    assert conversion.coverage == 1.0, f"words missing from the TEI: {dict(conversion.missing_words)}"


@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_every_character_is_in_the_tei_but_table_pipes_and_footnote_marks(conversions, name):
    conversion = conversions[name]
    missing = missing_characters(conversion.document, conversion.tei)
    notes = conversion.tei.getroot().xpath("//t:note[@place='foot']", namespaces=TEI)
    assert set(missing) <= {"|", "*"}
    assert missing["*"] == 2 * len(notes)  # the anchor and the note's own mark, both in note/@n


def test_coverage_detects_a_lost_word():
    conversion = cablegram.convert(EXAMPLES[0])
    p = conversion.tei.getroot().find(".//t:body//t:p", TEI)
    assert p.text.startswith("After listening")
    p.text = p.text.replace("After ", "", 1)
    cov, missing = coverage_of(conversion.document, conversion.tei)
    assert cov < 1.0 and missing["After"] == 1


@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_every_example_is_valid_tei_p5(conversions, name, tei_all):
    tree = conversions[name].tei
    assert tei_all.validate(tree), str(tei_all.error_log)


@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_conversion_reproduces_the_golden_file_byte_for_byte(conversions, name):
    golden = GOLDEN_DIR / name.replace(".txt", ".xml")
    assert golden.exists(), f"golden file {golden} missing"
    assert conversions[name].xml_bytes() == golden.read_bytes()


def test_conversion_is_deterministic():
    first = cablegram.convert(EXAMPLES[1]).xml_bytes()
    second = cablegram.convert(EXAMPLES[1]).xml_bytes()
    assert first == second
