"""Synthetic fixtures for every real export layout and every failure class of issue 10.

Each fixture in tests/test_real_layouts/ is an invented document written in our own words in the shape
of a real Wilson Center page (classic page text, its one-block variant, the current site's page text and
its "Search in" variant, markdown export, labelled plain text, the archive's PDF text). The expected
facts are data (tests/test_real_layouts/expected.toml), one test per fact; facts are read from the TEI
where docs/encoding.md puts them, so the tests hold for any converter that writes that contract.

Cases the converter gets wrong today carry `xfail` with a reason in expected.toml (strict: a case that
starts passing fails the run until its xfail line is removed) -- that list is the to-do list.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

import cablegram

HERE = Path(__file__).parent / "test_real_layouts"
EXPECTED = tomllib.loads((HERE / "expected.toml").read_text(encoding="utf-8"))
FIXTURES = sorted(p.name for p in HERE.glob("*.txt"))
NS = {"t": "http://www.tei-c.org/ns/1.0"}
T = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HONORIFICS = {"cde", "comrade", "comr", "tov", "тов", "товарищ", "товарищу", "the", "to", "of", "for"}


# ------------------------------------------------------------------------------------------ helpers
@lru_cache(maxsize=None)
def convert(name: str):
    return cablegram.convert(HERE / name)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("“", '"').replace("”", '"').replace("’", "'")
    text = re.sub(r"\b(?:\w ){2,}\w\b", lambda m: m.group(0).replace(" ", ""), text)  # V O L K O V
    return re.sub(r"\s+", " ", text).strip().casefold()


def text(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


def spaced_text(el) -> str:
    return " ".join(el.itertext()) if el is not None else ""


def squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", norm(s))


def name_matches(want: str, got: str) -> bool:
    if re.search(r"[\u3400-\u9fff]", want):
        return squash(want) in squash(got)
    words = {w for w in re.findall(r"\w+", norm(want)) if w not in HONORIFICS}
    return bool(words) and words <= set(re.findall(r"\w+", norm(got)))


def root(name: str):
    return convert(name).tei.getroot()


def versions(name: str, lang: str | None = None) -> list:
    divs = [d for d in root(name).findall("./t:text/t:body/t:div", NS) if d.get(XML_LANG)]
    return [d for d in divs if lang is None or d.get(XML_LANG).split("-")[0] == lang]


def names(name: str, action: str) -> list[str]:
    acts = root(name).findall(f".//t:correspDesc/t:correspAction[@type='{action}']", NS)
    return [text(e) for a in acts for e in a
            if e.tag in (T + "persName", T + "orgName", T + "name", T + "roleName") and text(e).strip()]


def holder(name: str, phrase: str):
    """The smallest element of the TEI text whose text contains the phrase."""
    want = squash(phrase)
    best = None
    for el in root(name).find("t:text", NS).iter():
        if isinstance(el.tag, str) and want in squash(text(el)):
            best = el  # iteration is document order, so later hits are descendants or later siblings
            if not any(want in squash(text(c)) for c in el if isinstance(c.tag, str)):
                return el
    return best


def dates_under(el) -> list[str]:
    """The dates of the element holding a phrase, else of the nearest of its two ancestors (the line or
    segment around it) that holds any: the dates of neighbouring lines are not the phrase's."""
    if el is None:
        return []
    for scope in [el, *el.iterancestors()][:3]:
        found = [d.get("when") for d in scope.iter(T + "date") if d.get("when")]
        if found:
            return found
    return []


def unit_of(el):
    for a in [el, *el.iterancestors()]:
        if a.get(XML_ID):
            return a
    return None


def links(name: str) -> set[frozenset]:
    out = {frozenset(t.lstrip("#") for t in (link.get("target") or "").split())
           for link in root(name).iter(T + "link")}
    for el in root(name).iter():
        if isinstance(el.tag, str) and el.get("corresp") and el.get(XML_ID):
            out |= {frozenset((el.get(XML_ID), t.lstrip("#"))) for t in el.get("corresp").split()}
    return out


def archive_part(name: str, archive: str, part: str):
    for ms in root(name).findall(".//t:sourceDesc/t:msDesc", NS):
        repo = ms.find(".//t:repository", NS)
        if repo is None or not (squash(archive) in squash(text(repo)) or squash(text(repo)) in squash(archive)):
            continue
        if part == "archive":
            return ""
        if part in ("fond", "opis", "papka"):
            el = ms.find(f".//t:collection[@type='{part}']", NS)
            return text(el) if el is not None else None
        if part == "delo":
            el = ms.find(".//t:idno[@type='delo']", NS)
            return text(el) if el is not None else None
        if part == "listy":
            el = ms.find(".//t:locus", NS)
            if el is None:
                return None
            return f"{el.get('from')}-{el.get('to')}" if el.get("from") != el.get("to") else el.get("from")
        for el in ms.iter():
            if el.get("type") == part:
                return text(el)
        return None
    return None


def record_idno(name: str, kind: str) -> str | None:
    el = root(name).find(f".//t:sourceDesc/t:bibl[@type='digital-record']/t:idno[@type='{kind}']", NS)
    return text(el).strip() if el is not None else None


# ------------------------------------------------------------------------------------------- checks
def check(case: dict) -> None:  # noqa: C901 -- one branch per kind of fact, kept flat on purpose
    name, kind, want = case["file"], case["check"], case.get("want")
    r = root(name)
    if kind == "title":
        got = text(r.find(".//t:titleStmt/t:title[@type='main']", NS))
        assert norm(got) == norm(want), got
    elif kind == "date":
        el = r.find(".//t:profileDesc/t:creation/t:date", NS)
        got = el.get("when") if el is not None else None
        assert got == want, got
    elif kind in ("sender", "recipient"):
        got = names(name, "sent" if kind == "sender" else "received")
        if want == "absent":
            assert not got, got
        else:
            assert any(name_matches(alt, " ; ".join(got)) for alt in want), got
    elif kind == "languages":
        got = sorted(d.get(XML_LANG).split("-")[0] for d in versions(name))
        assert got == sorted(want), got
    elif kind == "role":
        got = [d.get("type") for d in versions(name, case["lang"])]
        assert want in got, got
    elif kind == "original_language":
        originals = [d.get(XML_LANG) for d in versions(name) if d.get("type") == "original"]
        declared = originals or r.xpath(".//t:msItem/t:textLang/@mainLang", namespaces=NS) or [
            i for i in r.xpath(".//t:langUsage/t:language[not(@usage='0')]/@ident", namespaces=NS)
            if i.split("-")[0] not in {d.get(XML_LANG).split("-")[0] for d in versions(name)}]
        assert declared and declared[0].split("-")[0] == want, declared
    elif kind == "abstract":
        got = text(r.find(".//t:profileDesc/t:abstract", NS))
        assert norm(got) == norm(want), got
    elif kind == "archive":
        got = archive_part(name, case["archive"], case["part"])
        assert got is not None and squash(got).lstrip("0") == squash(want).lstrip("0"), got
    elif kind == "record_url":
        assert record_idno(name, "URI") == want
    elif kind == "record_id":
        assert record_idno(name, "record") == want
    elif kind == "translator":
        got = sorted(norm(text(p)) for p in r.findall(".//t:sourceDesc/t:bibl[@type='digital-record']/t:respStmt/t:persName", NS))
        assert got == sorted(norm(w) for w in want), got
    elif kind == "points":
        got = sum(len(m.findall(".//t:p[@n]", NS)) for v in versions(name, case["lang"])
                  for m in v.findall("t:div[@type='message']", NS))
        assert got == want, got
    elif kind == "signatures":
        got = [text(s) for v in versions(name, case["lang"]) for s in v.iter(T + "signed")]
        assert len(got) == len(want) and all(any(name_matches(w, g) for g in got) for w in want), got
    elif kind == "in_message":
        el = holder(name, case["phrase"])
        assert el is not None, "phrase lost"
        assert any(a.get("type") == "message" for a in el.iterancestors(T + "div")), \
            f"in {[a.get('type') for a in el.iterancestors(T + 'div')]}"
    elif kind == "in_endorsements":
        el = holder(name, case["phrase"])
        assert el is not None, "phrase lost"
        assert any(a.get("type") == "endorsements" for a in el.iterancestors(T + "div")), \
            f"in {[a.get('type') for a in el.iterancestors(T + 'div')]}"
    elif kind == "warning":
        codes = r.xpath(".//t:notesStmt/t:note[@type='conversion-warning']/@n", namespaces=NS)
        assert (want in codes) == case.get("present", True), codes
    elif kind == "date_of":
        got = dates_under(holder(name, case["phrase"]))
        assert any(w.startswith(want) for w in got), got
    elif kind == "zone":
        got = [w for w in dates_under(holder(name, case["phrase"])) if "T" in w]
        assert got and all(w.endswith(want) for w in got), got
    elif kind in ("supplied", "not_supplied"):
        sup = [squash(text(s)) for s in r.iter(T + "supplied")]
        inside = squash(case["phrase"]) in sup
        assert inside == (kind == "supplied"), sup
    elif kind == "kept":
        assert case["phrase"] in spaced_text(r.find("t:text", NS)) or \
            r.xpath(f".//t:text//t:note[@n='{case['phrase']}']", namespaces=NS), "characters dropped"
    elif kind == "no_published":
        assert not r.xpath(".//t:div[@subtype='published'] | .//t:bibl[@type='published-version']", namespaces=NS)
    elif kind == "link":
        a, b = holder(name, case["orig"]), holder(name, case["trans"])
        ua, ub = (unit_of(a) if a is not None else None), (unit_of(b) if b is not None else None)
        assert ua is not None and ub is not None, "a phrase is not in an identified unit"
        assert frozenset((ua.get(XML_ID), ub.get(XML_ID))) in links(name), (ua.get(XML_ID), ub.get(XML_ID))
    else:
        raise AssertionError(f"unknown check {kind!r}")


def case_id(case: dict) -> str:
    detail = ":".join(str(case[k]) for k in ("lang", "archive", "part", "phrase", "orig") if k in case)
    return f"{case['file'][:-4]}:{case['check']}" + (f":{detail}" if detail else "")


def params():
    for case in EXPECTED["case"]:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        yield pytest.param(case, id=case_id(case), marks=marks)


@pytest.mark.parametrize("case", list(params()))
def test_real_layout_fact(case):
    check(case)


def generic(kind: str):
    xf = EXPECTED.get("generic_xfail", {})
    for name in FIXTURES:
        key = f"{name}/{kind}"
        marks = [pytest.mark.xfail(strict=True, reason=xf[key])] if key in xf else []
        yield pytest.param(name, id=f"{name[:-4]}", marks=marks)


@pytest.mark.parametrize("name", list(generic("valid")))
def test_real_layout_fixture_is_valid_tei(name, tei_all):
    assert tei_all.validate(convert(name).tei), str(tei_all.error_log)


@pytest.mark.parametrize("name", list(generic("complete")))
def test_real_layout_fixture_keeps_every_word(name):
    conversion = convert(name)
    assert conversion.coverage == 1.0, getattr(conversion, "missing_words", None)


def test_every_fixture_has_expected_facts():
    covered = {case["file"] for case in EXPECTED["case"]}
    assert covered == set(FIXTURES), set(FIXTURES) ^ covered
