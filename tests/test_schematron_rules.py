"""Every Schematron rule has a failing and a passing case (issue 3, point 1).

Each case starts from a golden file (which passes the rule) and breaks it the way an editor might.
"""
from __future__ import annotations

import re

import pytest

from cablegram.validate import Validator
from cablegram.validate.schematron import rule_codes
from conftest import GOLDEN_DIR, REPO

G = {key: next(GOLDEN_DIR.glob(f"{key}_*.xml")).read_text(encoding="utf-8") for key in ("001", "002", "003", "004")}


def sub(key, old, new, count=1, regex=False):
    def mutate():
        text = G[key]
        if regex:
            changed = re.sub(old, new, text, count=count, flags=re.S)
        else:
            changed = text.replace(old, new, count) if count else text.replace(old, new)
        assert changed != text, f"mutation for {old!r} did not apply"
        return changed
    return key, mutate


CASES = {
    "CG-E001": sub("003", 'xml:id="ru-t-u2"', 'xml:id="ru-t-u1"'),
    "CG-E002": sub("003", ' xml:id="wcda-112147"', ""),
    "CG-E003": sub("003", 'ref="#per-mao"', 'ref="#per-nobody"', count=0),
    "CG-E004": sub("003", r"<sourceDesc>.*?</sourceDesc>", '<sourceDesc><bibl type="digital-record"><title>x</title></bibl></sourceDesc>', regex=True),
    "CG-E005": sub("003", r'<title type="main">[^<]*</title>', '<title type="main"> </title>', regex=True),
    "CG-W006": sub("003", r"<collection type=\"fond\">45</collection>\s*<collection type=\"opis\">1</collection>\s*<idno type=\"delo\">339</idno>", "", regex=True),
    "CG-E007": sub("003", '<collection type="fond">45</collection>', '<collection type="fond">f-45</collection>'),
    "CG-E008": sub("003", '<collection type="fond">45</collection>', '<collection type="fond">46</collection>'),
    "CG-E009": sub("003", '<locus from="11" to="11">', '<locus from="12" to="11">'),
    "CG-E010": sub("003", '<locus from="11" to="11">', '<locus from="11" to="99">'),
    "CG-E011": sub("003", '<div type="translation" xml:lang="en"', '<div type="translation" xml:lang="fr"'),
    "CG-W012": sub("003", r'<correspAction type="received">.*?</correspAction>', "", regex=True),
    "CG-E013": sub("001", '<correspAction type="received">', '<correspAction type="received"><date when="1953-07-04T10:00:00+03:00"/>'),
    "CG-W014": sub("003", '<persName ref="#per-krasovsky">Krasovsky</persName>', "<persName>Krasovsky</persName>"),
    "CG-W015": sub("003", '<date when="1951-07-03" source="#src-wcda"/>', '<date when="1951-07-05" source="#src-wcda"/>'),
    "CG-E016": sub("003", '<date when="1951-07-03" source="#src-wcda"/>', '<date source="#src-wcda">3 July</date>'),
    "CG-E017": sub("001", "T21:20:00+03:00", "T21:20:00", count=0),
    "CG-E018": sub("003", '<date when="1951-07-03" source="#src-wcda"/>', '<date from="1951-07-03" source="#src-wcda"/>'),
    "CG-E019": sub("003", '<date when="1951-07-03" source="#src-wcda"/>', '<date from="1951-07-05" to="1951-07-03" source="#src-wcda"/>'),
    "CG-W020": sub("003", '<date when="1951-07-03" source="#src-wcda"/>', '<date notBefore="1951-07-01" source="#src-wcda"/>'),
    "CG-E021": sub("003", 'xml:id="en" corresp="#ru-t"', 'xml:id="en" corresp="#en"'),
    "CG-E022": sub("003", 'corresp="#ru-t-u1 #ru-p-u1"', 'corresp="#en-u2"'),
    "CG-W023": sub("002", '<p xml:id="en-u7" n="3"', '<p xml:id="en-u7" n="9"'),
    "CG-W024": sub("002", '<p xml:id="en-u7" n="3" corresp="#ru-u7">', '<p xml:id="en-u7" n="3">'),
    "CG-W025": sub("002", '<p xml:id="ru-u7" n="3">', '<p xml:id="ru-u7" n="4">'),
    "CG-E026": sub("003", 'target="#en-u1 #ru-t-u1"', 'target="#en-u1 #en-u2"'),
    "CG-E027": sub("003", '<div type="endorsements">', '<div type="endorsements"><p>moved here</p>'),
    "CG-W028": sub("003", "<opener>", "<opener><signed>X</signed>"),
    "CG-W029": sub("003", "<closer>", "<closer><signed>X</signed>"),
    "CG-E030": sub("001", '<pb type="page" n="1040"', '<pb type="page" n="1038"'),
    "CG-E031": sub("003", '<supplied reason="identification" resp="#src-wcda">', '<supplied reason="identification">'),
    "CG-E032": sub("003", '<gap reason="omitted"/>', '<gap reason="omitted" quantity="3"/>'),
    "CG-E033": sub("003", "<closer>", "<p> </p><closer>"),
    "CG-E034": sub("003", 'n="224"', 'n=""'),
    "CG-E035": sub("003", "<closer>", "<choice><sic>a</sic><sic>b</sic></choice><closer>"),
    "CG-W036": sub("003", r'<ref type="telegram" subtype="addressee">your telegram of <date[^>]*>3 July</date></ref>',
                   '<ref type="telegram" subtype="addressee">your telegram of yesterday</ref>', regex=True),
}


@pytest.fixture(scope="module")
def validator():
    return Validator()


def codes(validator, text):
    # named as if beside the goldens, so that their xml-model PIs resolve to ../schemas/
    return {d.code for d in validator.validate_bytes(text.encode("utf-8"), "case.xml", base=GOLDEN_DIR / "case.xml")}


def test_every_rule_has_a_case_and_there_are_at_least_20():
    all_codes = rule_codes(REPO / "schemas" / "cablegram.sch")
    assert len(all_codes) >= 20
    assert set(all_codes) == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fails_on_its_broken_case(validator, code):
    key, mutate = CASES[code]
    found = codes(validator, mutate())
    assert code in found, f"{code} not reported; got {sorted(found)}"


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_on_the_golden_file(validator, code):
    key, _ = CASES[code]
    assert code not in codes(validator, G[key])


def test_roles_are_error_or_warning_and_codes_say_which():
    for code, role in rule_codes(REPO / "schemas" / "cablegram.sch").items():
        assert role in ("error", "warning")
        assert (role == "error") == code.startswith("CG-E"), code


def test_findings_point_to_line_and_element(validator):
    _, mutate = CASES["CG-E031"]
    [d] = [d for d in validator.validate_bytes(mutate().encode(), "x.xml", base=GOLDEN_DIR / "x.xml") if d.code == "CG-E031"]
    text = mutate().split("\n")
    assert "<supplied" in text[d.line - 1] and text[d.line - 1][d.column - 1:].startswith("<supplied")
    assert d.path.endswith("/closer/signed/supplied") and d.severity == "error"


def test_a_time_without_offset_is_accepted_where_it_says_its_place_is_unknown(validator):
    # CG-E017 (issue 10): no offset is an error unless @ana says the place is unknown (#di-zone-unknown)
    text = G["001"].replace('when="1953-07-04T21:20:00+03:00" ana="#di-zone-moscow"',
                            'when="1953-07-04T21:20:00" ana="#di-zone-unknown"', 1)
    text = text.replace('<taxonomy xml:id="date-inference">',
                        '<taxonomy xml:id="date-zone"><category xml:id="di-zone-unknown"><catDesc>unknown</catDesc>'
                        '</category></taxonomy><taxonomy xml:id="date-inference">', 1)
    assert text.count("di-zone-unknown") == 2
    assert "CG-E017" not in codes(validator, text)
