"""The archive table (ingest/data/archives.toml) is data with examples: every archive's example citation
and every example of an archive written out in words must be read whole, giving exactly the parts it lists,
each part's value the citation's own text. The examples are invented, in the real citation form of each
archive (Hungarian boxes, Polish signatures, East German and Romanian files, US record groups…)."""
from __future__ import annotations

import re

import pytest

from cablegram.analysis.references import parse_archival_references, part_elements
from cablegram.ingest.rules import table
from cablegram.tei.convert import convert_text

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def _listed_examples():
    return [(repo["key"], ex) for repo in table("archives")["repository"] for ex in repo.get("examples", [])]


def _descriptive_examples():
    return table("archives")["descriptive_repository"]["examples"]


def _only(text):
    refs = parse_archival_references(text)
    assert len(refs) == 1, f"one archival copy expected in {text!r}, got {refs}"
    return refs[0]


def _parts(ref):
    return {p.kind: p.value for p in ref.parts}


def test_every_archive_of_the_table_has_an_example():
    assert {repo["key"] for repo in table("archives")["repository"]} == {key for key, _ in _listed_examples()}


@pytest.mark.parametrize("key, example", _listed_examples(), ids=lambda v: v if isinstance(v, str) else v["text"])
def test_every_example_of_a_listed_archive_gives_its_parts(key, example):
    ref = _only(example["text"])
    assert ref.repository_key == key
    assert _parts(ref) == example["parts"]
    for part in ref.parts:
        assert example["text"][part.start:part.end].endswith(part.value)


@pytest.mark.parametrize("example", _descriptive_examples(), ids=lambda v: v["text"])
def test_every_archive_written_out_in_words_is_read_with_its_words_as_the_repository(example):
    ref = _only(example["text"])
    assert (ref.repository, ref.repository_key) == (example["repository"], None)
    assert _parts(ref) == example["parts"]
    assert ref.language == example.get("language")
    assert ref.collection == example.get("collection")
    for part in ref.parts:
        assert example["text"][part.start:part.end].endswith(part.value)


def test_labels_that_differ_only_in_case_mean_the_same_kind():
    # labels are matched in any case ('Ll.', 'LL.', 'll.'), so the table may not give two cases two kinds
    kinds: dict[str, set[str]] = {}
    for label, kind in table("archives")["labels"].items():
        kinds.setdefault(label.casefold(), set()).add(kind)
    assert {label: k for label, k in kinds.items() if len(k) > 1} == {}


def test_every_part_kind_a_shape_or_label_gives_has_an_element():
    kinds = set(table("archives")["labels"].values())
    for repo in table("archives")["repository"]:
        kinds |= {re.sub(r"\d+$", "", g) for g in re.compile(repo.get("shape", "")).groupindex}
    kinds |= set(re.compile(table("archives")["unknown_repository"]["shelfmark"]).groupindex)
    assert kinds - {"folio", "pages"} <= set(part_elements())


@pytest.mark.parametrize("citation", [
    # publishers and descriptions are no archival copies
    '"Report," 1955, History and Public Policy Program Digital Archive. Translated by A. Reader.',
    "Zhongyang dang'anguan (Central Archives), eds., Collected Manuscripts, vol. 3 (Beijing, 2008), 12.",
    "Obtained by the National Security Archive Electronic Briefing Book No. 5.",
    # an archive word with no country, nationality, capital or parts after it says nothing
    "From the Archive of the Author, given to the editors.",
])
def test_no_archive_is_read_where_none_is_named(citation):
    assert parse_archival_references(citation) == []


def test_a_listed_archive_inside_a_longer_name_is_not_a_second_copy():
    citation = ("Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv (Foundation "
                "Archives of the GDR; SAPMO-BArch), Berlin, Germany, DY 30/IV 2/20/100, 4-5.")
    ref = _only(citation)
    assert (ref.repository, _parts(ref)) == ("SAPMO-BArch", {"file": "DY 30/IV 2/20/100", "pages": "4-5"})


def test_a_translation_of_the_name_before_the_abbreviation_is_one_copy():
    ref = _only("Archive of Modern Records, Warsaw (AAN), KC PZPR, XIA/7")
    assert ref.repository_key == "aan" and _parts(ref) == {"fond": "KC PZPR", "file": "XIA/7"}


EXPORT = """\
Skip to content

May 5, 1966

Report, Embassy of Ruritania in Mongolia

The delegation arrived on the third and was received by the deputy minister the next morning.

The embassy reports on a delegation.

Document Information

{citation}. Obtained and translated by A. Reader.

Record ID
"""


def _ms(citation):
    tei = convert_text(EXPORT.format(citation=citation), "x.txt").tei
    return tei, tei.find(".//t:sourceDesc/t:msDesc", TEI)


def test_a_hungarian_shelfmark_is_encoded_level_by_level():
    tei, ms = _ms("MOL, XIX-J-1-j Mongolia, 1966, 80. doboz, 5/c, 003456/1966")
    ident = ms.find("t:msIdentifier", TEI)
    assert [(c.get("type"), c.text) for c in ident.findall("t:collection", TEI)] == [
        ("fond", "XIX-J-1-j"), ("series", "Mongolia"), ("year", "1966"), ("box", "80"), ("folder", "5/c")]
    assert [(i.get("type"), i.text) for i in ident.findall("t:idno", TEI)] == [("file", "003456/1966")]


def test_an_archive_named_after_its_country_gives_the_original_language_as_inferred():
    tei, ms = _ms("Archive of the Ministry of Foreign Affairs, Bulgaria, Opis 12, a.e. 40")
    assert ms.find("t:msIdentifier/t:repository", TEI).text == "Archive of the Ministry of Foreign Affairs"
    assert ms.find("t:msIdentifier/t:repository", TEI).get("ref") is None  # not in the authority file
    assert [d.get("type") for d in tei.findall("./t:text/t:body/t:div", TEI)] == ["translation"]
    lang = tei.find(".//t:msItem/t:textLang", TEI) if ms.find(".//t:msItem", TEI) is not None else None
    declared = [(la.get("ident"), la.get("resp")) for la in tei.findall(".//t:langUsage/t:language", TEI)]
    assert ("bg", "#cablegram") in declared or (lang is not None and lang.get("mainLang") == "bg")


def test_an_archive_of_an_unknown_state_keeps_its_reference_without_a_language():
    ref = _only("Archive of the Ministry of Foreign Affairs, Republic of Ruritania, 7/12, 3-4")
    assert (ref.repository, ref.language, _parts(ref)) == (
        "Archive of the Ministry of Foreign Affairs", None, {"file": "7/12", "pages": "3-4"})
    assert (ref.folio_from, ref.folio_to, ref.folio_kind) == ("3", "4", "pages")


@pytest.mark.parametrize("citation", [
    "MOL, XIX-J-1-j Mongolia, 1966, 80. doboz, 5/c, 003456/1966",
    "Archive of Modern Records, Warsaw (AAN), KC PZPR, XIA/20, k. 4-6",
    "National Archive, Prague, Archive of the Central Committee, f. 100/2, sv. 5, a.j. 9",
    "NARA, RG 59, Central Decimal File, 1950-54, 795.00/6-2550",
    "RGASPI, f. 17, op. 3, d. 9, ll. 0031ob.-0032",
])
def test_the_new_reference_encodings_are_valid_tei_and_valid_against_our_schema(citation, tei_all):
    from lxml import etree

    from cablegram.validate import Validator

    tei, ms = _ms(citation)
    assert ms is not None
    assert tei_all.validate(tei), str(tei_all.error_log)
    problems = [d for d in Validator().validate_bytes(etree.tostring(tei), "x.xml") if d.severity == "error"]
    assert not problems, problems
