"""The problem registry: every code any stage reports is registered once, with severity and advice."""
from __future__ import annotations

import re
import tomllib

import pytest
from lxml import etree

from cablegram import problems
from cablegram.problems import Problem, RegistryError, problem, registry

from conftest import REPO

CODE = re.compile(r"\bC[WGB]-(?:[EW]\d{3}|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\b")
SCH = "{http://purl.oclc.org/dsdl/schematron}"


def _codes_in(folder, *suffixes):
    found = {}
    for path in sorted((REPO / folder).rglob("*")):
        if path.suffix in suffixes and "data" not in path.parts[-2:-1]:
            for code in CODE.findall(path.read_text(encoding="utf-8")):
                found.setdefault(code, path.relative_to(REPO).as_posix())
    return found


def test_every_code_used_in_src_and_schemas_is_registered():
    used = _codes_in("src", ".py") | _codes_in("schemas", ".sch", ".rng", ".rnc") | _codes_in("xslt", ".xsl")
    assert used, "the scan found no codes at all: the pattern is wrong"
    unregistered = {code: where for code, where in used.items() if code not in registry()}
    assert not unregistered, f"codes used but not in data/problems.toml: {unregistered}"


def test_schematron_roles_are_the_registered_severities():
    sch = etree.parse(str(REPO / "schemas" / "cablegram.sch"))
    rules = {el.get("id"): el.get("role") for el in sch.iter(f"{SCH}assert", f"{SCH}report")}
    assert len(rules) >= 30
    assert {code: registry()[code].severity for code in rules} == rules
    registered_rules = {c for c in registry() if re.fullmatch(r"CG-[EW]\d{3}", c)}
    assert registered_rules == set(rules), "registered CG-E/W codes without a Schematron rule (or the reverse)"


def test_code_letters_match_severity_and_stage():
    for entry in registry().values():
        prefix = {"convert": "CW-", "validate": "CG-", "build": "CB-"}[entry.stage]
        assert entry.code.startswith(prefix), entry.code
        if re.fullmatch(r"CG-E\d{3}", entry.code):
            assert entry.severity == "error"
        if re.fullmatch(r"CG-W\d{3}", entry.code):
            assert entry.severity == "warning"
        assert entry.summary.strip() and entry.advice.strip()


def test_docs_list_every_code_as_generated():
    assert (REPO / "docs" / "problems.md").read_text(encoding="utf-8") == problems.markdown(), (
        "docs/problems.md is out of date: python -m cablegram.problems > docs/problems.md")


def test_loader_rejects_unknown_keys(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('["CW-X"]\nseverity = "warning"\nstage = "convert"\nsummary = "s"\nadvice = "a"\nadvise = "typo"\n')
    with pytest.raises(RegistryError, match="unknown key"):
        problems._load(bad)
    bad.write_text('["CW-X"]\nseverity = "fatal"\nstage = "convert"\nsummary = "s"\nadvice = "a"\n')
    with pytest.raises(RegistryError, match="severity"):
        problems._load(bad)


def test_problem_takes_the_registered_severity_and_formats_like_a_compiler():
    p = problem("CW-NO-DATE", "no record date", file="x.txt", line=3, column=1)
    assert p == Problem("CW-NO-DATE", "warning", "no record date", "x.txt", 3, 1)
    assert p.format() == "x.txt:3:1: warning: no record date [CW-NO-DATE]"
    with pytest.raises(KeyError, match="not registered"):
        problem("CW-NOT-A-CODE", "x")


def test_conversion_warnings_are_registered_problems():
    from cablegram.tei.convert import convert_text

    conversion = convert_text("Some words of a telegram without any record.\n", "bare.txt")
    assert conversion.warnings
    for w in conversion.warnings:
        assert isinstance(w, Problem) and w.code in registry() and w.file == "bare.txt"
        assert w.severity == registry()[w.code].severity
