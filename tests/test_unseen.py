"""Documents the converter has not seen, in the known layouts, convert as completely as the examples."""
from __future__ import annotations

import pytest

import cablegram

NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture
def inline_labels(datadir):
    return cablegram.convert(datadir / "inline_labels.txt")


@pytest.fixture
def english_only(datadir):
    return cablegram.convert(datadir / "bold_english_only.txt")


def xp(conversion, path):
    return conversion.tei.getroot().xpath(path, namespaces=NS)


@pytest.mark.parametrize("name", ["inline_labels.txt", "bold_english_only.txt"])
def test_unseen_documents_are_complete_and_valid(datadir, name, tei_all):
    conversion = cablegram.convert(datadir / name)
    assert conversion.coverage == 1.0, dict(conversion.missing_words)
    assert tei_all.validate(conversion.tei), str(tei_all.error_log)


def test_labels_with_their_value_on_the_same_line(inline_labels):
    rec = inline_labels.document.record
    assert rec.summary.startswith("Roshchin reports")
    assert rec.url.endswith("/999001") and rec.record_id == "999001"
    assert rec.translator == "Sergey Radchenko"


def test_another_archive_reference_is_split_into_its_parts(inline_labels):
    ident = xp(inline_labels, "//t:msIdentifier")[0]
    parts = [(e.get("type"), e.text) for e in ident if e.get("type")]
    assert parts == [("fond", "07"), ("opis", "23a"), ("papka", "18"), ("delo", "234")]
    assert xp(inline_labels, "string(//t:locus/@from)") == "12"


def test_roman_month_in_a_dateline_and_numbered_alignment(inline_labels):
    assert "1950-03-02" in xp(inline_labels, "//t:div[@xml:id='ru']//t:closer//t:date/@when")
    [en2] = xp(inline_labels, "//t:div[@xml:id='en']//t:p[@n='2']")
    assert en2.get("corresp") == "#ru-u2"
    assert inline_labels.aligned_units == 2


def test_inflected_names_link_to_the_authority(inline_labels):
    assert xp(inline_labels, "//t:seg[@type='address']/t:persName/@ref") == ["#per-vyshinsky", "#per-vyshinsky"]


def test_english_only_record_keeps_its_original_language_declared(english_only):
    assert [d.get("type") for d in xp(english_only, "/t:TEI/t:text/t:body/t:div")] == ["translation"]
    assert "zh" in xp(english_only, "//t:langUsage/t:language/@ident")
    assert xp(english_only, "string(//t:seg[@type='marking'])") == "TOP SECRET"
    assert xp(english_only, "string(//t:closer/t:salute)") == "With communist greetings!"
    assert xp(english_only, "string(//t:closer/t:signed)") == "MAO ZEDONG"
