"""The places and organisations of the authority file (tei/authority/places.xml, orgs.xml): sourced, unique,
resolvable, valid, and in the shape the converter and the registers read."""
from __future__ import annotations

import copy
import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from cablegram.analysis.authority import authority
from conftest import GOLDEN_DIR, REPO

AUTHORITY = REPO / "tei" / "authority"
SCHEMAS = REPO / "schemas"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
URL = re.compile(r"^https?://\S+$")
# @type of a name form -> the xml:lang it must carry (None: any or none)
FORM_LANG = {
    "pinyin": "zh-Latn",
    "wade-giles": "zh-Latn",
    "postal": "zh-Latn",
    "hangul": "ko-Hang",
    "mr": "ko-Latn",
    "rr": "ko-Latn",
    "characters": ("zh-Hani", "ko-Hani", "ja-Hani"),
    "historical": None,
    "variant": None,
    "abbr": None,
}


def _entries(name, kind):
    return etree.parse(str(AUTHORITY / name)).getroot().findall(f".//t:{kind}", NS)


PLACES = _entries("places.xml", "place")
ORGS = _entries("orgs.xml", "org")
ALL = [(e, "placeName") for e in PLACES] + [(e, "orgName") for e in ORGS]


def test_the_file_holds_at_least_150_places_and_80_organisations():
    assert len(PLACES) >= 150 and len(ORGS) >= 80


@pytest.mark.parametrize("entry", [e for e, _ in ALL], ids=lambda e: e.get(XML_ID))
def test_every_entry_names_the_pages_it_was_checked_against(entry):
    sources = entry.get("source", "").split()
    assert sources, "no @source"
    assert all(URL.match(s) for s in sources), sources


def test_every_identifier_coordinate_and_date_carries_its_own_source():
    checked = 0
    for entry, _ in ALL:
        for el in entry.xpath(".//t:idno | .//t:location | .//*[@when or @from or @to or @notBefore or @notAfter]", namespaces=NS):
            checked += 1
            sources = el.get("source", "").split()
            assert sources and all(URL.match(s) for s in sources), (entry.get(XML_ID), etree.tostring(el))
    assert checked, "the file has coordinates (Khabarovsk, Nampo): this test must see them"


def test_a_fact_source_is_also_a_source_of_its_entry():
    stray = [(e.get(XML_ID), token) for e, _ in ALL for el in e.iterdescendants()
             for token in (el.get("source") or "").split() if token not in e.get("source").split()]
    assert not stray


@pytest.mark.parametrize("name,kind", [("places.xml", "place"), ("orgs.xml", "org")])
def test_every_source_is_listed_in_the_header(name, kind):
    root = etree.parse(str(AUTHORITY / name)).getroot()
    listed = {r.get("target") for r in root.findall(".//t:sourceDesc/t:listBibl//t:ref", NS)}
    used = {token for e in root.iter(f"{{{NS['t']}}}{kind}") for el in e.iter() for token in (el.get("source") or "").split()}
    assert used == listed


def test_coordinates_are_latitude_and_longitude_in_range():
    for geo in [g for e, _ in ALL for g in e.findall(".//t:geo", NS)]:
        lat, lon = (float(x) for x in geo.text.split())
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_ids_are_unique_across_the_three_files_and_carry_their_prefix():
    ids = [el.get(XML_ID) for name in ("persons.xml", "places.xml", "orgs.xml")
           for el in etree.parse(str(AUTHORITY / name)).getroot().iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))
    assert all(e.get(XML_ID).startswith("pl-") for e in PLACES)
    assert all(e.get(XML_ID).startswith("org-") for e in ORGS)


@pytest.mark.parametrize("entry,name_tag", ALL, ids=lambda x: x.get(XML_ID) if hasattr(x, "get") else x)
def test_every_entry_has_an_untyped_english_name_and_typed_forms_say_their_script(entry, name_tag):
    names = entry.findall(f"t:{name_tag}", NS)
    # the print index and the registers take the untyped English form as the entry's name
    assert [n for n in names if n.get("type") is None and n.get(XML_LANG) == "en"]
    for n in names:
        kind = n.get("type")
        assert kind is None or kind in FORM_LANG, kind
        want = FORM_LANG.get(kind)
        if want:
            assert n.get(XML_LANG) in (want if isinstance(want, tuple) else (want,)), (kind, n.get(XML_LANG), n.text)
        if kind is None:
            assert n.get(XML_LANG), f"untyped form without xml:lang: {n.text}"
        assert n.text and n.text == n.text.strip()


def test_no_surface_form_points_to_two_entries():
    owners = defaultdict(set)
    for entry, name_tag in ALL:
        for n in entry.findall(f"t:{name_tag}", NS):
            owners[" ".join(n.text.split()).casefold()].add(entry.get(XML_ID))
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert not shared


@pytest.mark.parametrize("form,ref", [
    ("Port Arthur", "pl-lushun"), ("Порт-Артур", "pl-lushun"), ("Ryojun", "pl-lushun"), ("旅順", "pl-lushun"),
    ("Dairen", "pl-dalian"), ("Dalny", "pl-dalian"), ("Mukden", "pl-shenyang"), ("Seishin", "pl-chongjin"),
    ("Keijō", "pl-seoul"), ("Peking", "pl-beijing"), ("Tientsin", "pl-tianjin"), ("Canton", "pl-guangzhou"),
    ("Quemoy", "pl-jinmen"), ("평양", "pl-pyongyang"), ("P'yŏngyang", "pl-pyongyang"), ("Pusan", "pl-busan"),
    ("Пхеньяне", "pl-pyongyang"), ("Южной Кореи", "pl-rok"), ("Korea", "pl-korea"),
    ("ВКП(б)", "org-cpsu"), ("CC VKP(b)", "org-cc-cpsu"), ("Chinese People's Volunteers", "org-cpv"),
    ("조선로동당", "org-wpk"), ("UNCURK", "org-uncurk"), ("SAPMO", "org-sapmo-barch"), ("PRC FMA", "org-prcfma"),
])
def test_historical_and_script_forms_are_recognised_as_their_entry(form, ref):
    assert authority().lookup(form) == ref


def test_every_archive_of_the_converters_table_has_an_entry():
    table = tomllib.loads((REPO / "src" / "cablegram" / "ingest" / "data" / "archives.toml").read_text(encoding="utf-8"))
    keys = [repo["key"] for repo in table["repository"]]
    assert {"rgva", "rgae", "tskhsd", "rtskhidni"} <= set(keys)
    for key in keys:
        assert authority().kind_of(f"org-{key}") == "org", key


@pytest.mark.parametrize("golden", sorted(GOLDEN_DIR.glob("*.xml")), ids=lambda p: p.name)
def test_every_ref_in_the_goldens_resolves_in_the_file_and_in_the_authority(golden):
    root = etree.parse(str(golden)).getroot()
    local = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    refs = [r[1:] for el in root.xpath("//t:text//*[@ref] | //t:teiHeader//*[@ref]", namespaces=NS)
            for r in el.get("ref").split() if r.startswith("#")]
    assert refs
    for ref in refs:
        assert ref in local, ref
        if ref.startswith(("pl-", "org-", "per-")):
            assert authority().kind_of(ref), ref


def test_the_authority_files_are_valid_tei(tei_all):
    for name in ("places.xml", "orgs.xml"):
        doc = etree.parse(str(AUTHORITY / name))
        assert tei_all.validate(doc), (name, tei_all.error_log.last_error)


def test_an_entry_with_every_kind_of_form_and_coordinates_is_valid_in_a_converted_document(tei_all):
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / "cablegram.rng")))
    doc = etree.parse(str(sorted(GOLDEN_DIR.glob("*.xml"))[0]))
    list_place = doc.find(".//t:standOff/t:listPlace", NS)
    present = {el.get(XML_ID) for el in doc.iter()}
    for xml_id in ("pl-khabarovsk", "pl-nampo", "pl-lushun", "pl-beijing", "pl-seoul"):
        if xml_id not in present:
            list_place.append(authority().entry_copy(xml_id))
    list_org = doc.find(".//t:standOff/t:listOrg", NS)
    list_org.append(authority().entry_copy("org-dfrf"))
    for el in copy.deepcopy(doc).getroot().iter():
        lang = el.get(XML_LANG)
        if lang and not doc.xpath(f"//t:langUsage/t:language[@ident='{lang}']", namespaces=NS):
            etree.SubElement(doc.find(".//t:langUsage", NS), f"{{{NS['t']}}}language", ident=lang).text = lang
    assert rng.validate(doc), rng.error_log.last_error
    assert tei_all.validate(doc), tei_all.error_log.last_error
