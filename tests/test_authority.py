"""The domain authority file of persons (issue 11): sourced, unambiguous, resolvable and valid TEI.

Every fact in `tei/authority/persons.xml` must name where it was checked: the entry lists its pages in
@source, and every date, role and identifier carries its own @source (docs/authority.md).
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import etree

from cablegram.tei.authority import authority
from conftest import GOLDEN_DIR, REPO

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
AUTHORITY_DIR = REPO / "tei" / "authority"
PERSONS_FILE = AUTHORITY_DIR / "persons.xml"
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
# A source is a web address (a stored page) or a repository address; nothing else counts as named.
SOURCE_URL = re.compile(r"^https?://\S+$")
# xml:lang values the file may use, and what each means (docs/authority.md).
LANGUAGES = {"en", "ru", "zh-Hani", "zh-Latn", "ko-Hang", "ko-Latn"}
NAME_TYPES = {None, "variant", "pseudonym", "pinyin", "wade-giles", "hanzi", "hangul", "mr", "rr"}


@pytest.fixture(scope="module")
def persons_tree():
    return etree.parse(str(PERSONS_FILE))


@pytest.fixture(scope="module")
def persons(persons_tree):
    return persons_tree.getroot().findall(".//t:listPerson/t:person", NS)


def forms(person, lang=None, type_=None):
    return [
        " ".join(n.itertext()).strip()
        for n in person.findall("t:persName", NS)
        if (lang is None or n.get(XML_LANG) == lang) and (type_ is None or n.get("type") == type_)
    ]


def test_the_file_holds_at_least_300_persons(persons):
    assert len(persons) >= 300


def test_every_person_names_its_sources(persons):
    unsourced = [p.get(XML_ID) for p in persons if not (p.get("source") or "").split()]
    assert not unsourced, f"entries without @source: {unsourced}"


def test_every_source_is_an_address(persons_tree):
    bad = {
        (el.get(XML_ID) or el.tag, token)
        for el in persons_tree.iter()
        if el.get("source")
        for token in el.get("source").split()
        if not SOURCE_URL.match(token)
    }
    assert not bad, f"sources that are not addresses: {sorted(bad)}"


def test_every_date_role_and_identifier_has_its_own_source(persons):
    missing = []
    for person in persons:
        for el in person.iter():
            dated = any(el.get(a) for a in DATE_ATTRIBUTES)
            kind = etree.QName(el).localname
            if (dated or kind in ("idno", "occupation", "affiliation", "birth", "death")) and not el.get("source"):
                missing.append((person.get(XML_ID), kind))
    assert not missing, f"facts without @source: {missing}"


def test_a_fact_source_is_also_a_source_of_its_entry(persons):
    stray = []
    for person in persons:
        entry_sources = set(person.get("source").split())
        for el in person.iterdescendants():
            for token in (el.get("source") or "").split():
                if token not in entry_sources:
                    stray.append((person.get(XML_ID), token))
    assert not stray, stray


def test_every_source_is_listed_in_the_header(persons_tree, persons):
    listed = {r.get("target") for r in persons_tree.getroot().findall(".//t:sourceDesc/t:listBibl//t:ref", NS)}
    used = {token for p in persons for el in p.iter() for token in (el.get("source") or "").split()}
    assert used == listed


def test_dates_are_iso(persons):
    bad = [
        (p.get(XML_ID), el.get(a))
        for p in persons
        for el in p.iter()
        for a in DATE_ATTRIBUTES
        if el.get(a) and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", el.get(a))
    ]
    assert not bad, bad


def test_a_role_does_not_end_before_it_begins(persons):
    bad = [
        (p.get(XML_ID), el.get("from"), el.get("to"))
        for p in persons
        for el in p.iter(f"{{{TEI_NS}}}occupation")
        if el.get("from") and el.get("to") and el.get("to") < el.get("from")
    ]
    assert not bad, bad


def test_ids_are_unique_across_the_authority_files():
    ids = Counter(
        el.get(XML_ID)
        for path in sorted(AUTHORITY_DIR.glob("*.xml"))
        for el in etree.parse(str(path)).iter()
        if el.get(XML_ID)
    )
    assert not [i for i, n in ids.items() if n > 1]


def test_person_ids_follow_the_convention(persons):
    assert all(re.fullmatch(r"per-[a-z0-9-]+", p.get(XML_ID)) for p in persons)


@pytest.mark.parametrize("golden", sorted(GOLDEN_DIR.glob("*.xml")), ids=lambda p: p.stem[:3])
def test_every_ref_in_the_goldens_resolves_to_an_authority_entry(golden):
    auth = authority()
    refs = {r[1:] for r in etree.parse(str(golden)).xpath("//@ref") if r.startswith("#")}
    local = set(etree.parse(str(golden)).xpath("//@xml:id"))
    unresolved = sorted(r for r in refs if r not in auth.entries and r not in local)
    assert not unresolved


def test_every_entry_has_an_english_name(persons):
    assert not [p.get(XML_ID) for p in persons if not forms(p, "en")[:1]]


def test_languages_and_name_types_are_the_documented_ones(persons):
    langs = {n.get(XML_LANG) for p in persons for n in p.findall("t:persName", NS) if n.get(XML_LANG)}
    types = {n.get("type") for p in persons for n in p.findall("t:persName", NS)}
    assert langs <= LANGUAGES and types <= NAME_TYPES, (langs - LANGUAGES, types - NAME_TYPES)


def test_scripts_agree_with_their_language(persons):
    han = re.compile(r"^[\u3400-\u9fff\s·]+$")
    hangul = re.compile(r"^[\uac00-\ud7a3\s]+$")
    cyrillic = re.compile(r"^[\u0400-\u04ff\s,.\-]+$")
    latin = re.compile(r"^[^\u0400-\u04ff\u3400-\u9fff\uac00-\ud7a3]+$")
    checks = {"zh-Hani": han, "ko-Hang": hangul, "ru": cyrillic, "zh-Latn": latin, "ko-Latn": latin, "en": latin}
    bad = [
        (p.get(XML_ID), n.get(XML_LANG), "".join(n.itertext()))
        for p in persons
        for n in p.findall("t:persName", NS)
        if n.get(XML_LANG) in checks and not checks[n.get(XML_LANG)].match("".join(n.itertext()))
    ]
    assert not bad, bad


def test_hangul_comes_with_a_romanisation(persons):
    bad = [p.get(XML_ID) for p in persons if forms(p, "ko-Hang") and not (forms(p, "ko-Latn", "mr") or forms(p, "ko-Latn", "rr"))]
    assert not bad, bad


def test_korean_romanisations_are_typed(persons):
    bad = [
        p.get(XML_ID)
        for p in persons
        for n in p.findall("t:persName", NS)
        if n.get(XML_LANG) == "ko-Latn" and n.get("type") not in ("mr", "rr")
    ]
    assert not bad, bad


def test_chinese_forms_are_typed_and_characters_come_with_a_latin_form(persons):
    untyped = [
        p.get(XML_ID)
        for p in persons
        for n in p.findall("t:persName", NS)
        if n.get(XML_LANG) == "zh-Latn" and n.get("type") not in ("pinyin", "wade-giles")
    ]
    assert not untyped, untyped
    bare = [p.get(XML_ID) for p in persons if forms(p, "zh-Hani") and not forms(p, "en")]
    assert not bare, bare


def test_no_form_names_two_persons(persons):
    """A surface form the converter recognises must point at one person only."""
    owners: dict[str, set[str]] = {}
    for p in persons:
        for n in p.findall("t:persName", NS):
            text = " ".join("".join(n.itertext()).split())
            if n.get("type") in ("variant", "pseudonym") or "," not in text:
                owners.setdefault(text.casefold(), set()).add(p.get(XML_ID))
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert not shared, shared


@pytest.mark.parametrize(
    "cover_name, person",
    [
        ("Filippov", "per-stalin"), ("Филиппов", "per-stalin"), ("Feng Xi", "per-stalin"), ("Фын Си", "per-stalin"),
        ("菲利波夫", "per-stalin"), ("Terebin", "per-orlov"), ("Matveyev", "per-zakharov"), ("Куликов", "per-shabshin"),
    ],
)
def test_cover_names_resolve_to_the_person(cover_name, person, persons):
    by_id = {p.get(XML_ID): p for p in persons}
    assert cover_name in forms(by_id[person], type_="pseudonym")
    assert authority().lookup(cover_name, "person") == person


def test_every_pseudonym_resolves_through_the_loader(persons):
    auth = authority()
    wrong = [
        (text, p.get(XML_ID), auth.lookup(text, "person"))
        for p in persons
        for text in forms(p, type_="pseudonym")
        if auth.lookup(text, "person") != p.get(XML_ID)
    ]
    assert not wrong, wrong


def test_the_persons_file_is_valid_tei(tei_all, persons_tree):
    assert tei_all.validate(persons_tree), str(tei_all.error_log)
