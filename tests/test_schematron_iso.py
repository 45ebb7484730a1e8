"""ISO Schematron through cablegram's compiler: every feature of the standard it supports, and a loud error
for every construct it does not (issue 12). Fixtures: tests/test_schematron_iso/ (full.sch uses every
feature once; doc.xml breaks each of its rules once)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.cli import main
from cablegram.validate import SchemaError, Validator
from cablegram.validate.schematron import SchematronError, compile_schematron, phases

HERE = Path(__file__).parent / "test_schematron_iso"
DOC = HERE / "doc.xml"


def findings(schema: Path, phase: str | None = None, doc: Path = DOC) -> list:
    return Validator([schema], phase=phase).validate_file(doc)


def codes(schema: Path, phase: str | None = None) -> list[str]:
    return sorted(d.code for d in findings(schema, phase))


def write(tmp_path: Path, body: str, name: str = "s.sch", attrs: str = 'queryBinding="xslt2"') -> Path:
    path = tmp_path / name
    path.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron" ' + attrs + '>'
                    '<ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/>' + body + "</schema>", encoding="utf-8")
    return path


# ---- include ---------------------------------------------------------------------------------
def test_a_schema_holding_only_an_include_runs_the_included_pattern(tmp_path):
    (tmp_path / "lib.sch").write_bytes((HERE / "shared-rules.sch").read_bytes())
    schema = write(tmp_path, '<include href="lib.sch"/>')
    assert codes(schema) == ["T-TITLE"]


def test_include_of_one_element_by_fragment_id(tmp_path):
    (tmp_path / "lib.sch").write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern id="a"><rule context="t:note">'
        '<assert id="T-A" test="@type">a</assert></rule></pattern><pattern id="b"><rule context="t:p">'
        '<report id="T-B" test="true()">b</report></rule></pattern></schema>', encoding="utf-8")
    assert codes(write(tmp_path, '<include href="lib.sch#a"/>')) == ["T-A"]


def test_include_cycles_and_missing_targets_are_errors(tmp_path):
    (tmp_path / "loop.sch").write_text('<pattern xmlns="http://purl.oclc.org/dsdl/schematron"><include href="loop.sch"/></pattern>')
    with pytest.raises(SchematronError, match="cycle"):
        compile_schematron(write(tmp_path, '<include href="loop.sch"/>'))
    with pytest.raises(SchematronError, match="not found"):
        compile_schematron(write(tmp_path, '<include href="absent.sch"/>'))


# ---- phase -----------------------------------------------------------------------------------
def test_the_default_phase_runs_only_its_patterns():
    assert codes(HERE / "full.sch") == ["T-TITLE"]  # defaultPhase="basic"
    assert phases(HERE / "full.sch") == ["basic", "full"]


def test_a_phase_chosen_on_the_command_line(capsys):
    assert main(["validate", str(DOC), "--schema", str(HERE / "full.sch"), "--phase", "full"]) == 1
    out = capsys.readouterr().out
    for code in ("T-TITLE", "T-COUNT", "T-POINTER", "T-ABSTRACT", "T-TYPED", "T-FIRST-A", "T-FIRST-B", "T-GROUP"):
        assert f"[{code}]" in out, code


def test_an_unknown_phase_is_a_usage_error(capsys):
    assert main(["validate", str(DOC), "--schema", str(HERE / "full.sch"), "--phase", "nosuch"]) == 2
    assert "no phase 'nosuch'" in capsys.readouterr().err


def test_all_runs_every_pattern(tmp_path):
    schema = write(tmp_path, '<phase id="one"><active pattern="a"/></phase>'
                   '<pattern id="a"><rule context="t:note"><assert id="T-A" test="@type">a</assert></rule></pattern>'
                   '<pattern id="b"><rule context="t:TEI"><report id="T-B" test="true()">b</report></rule></pattern>',
                   attrs='queryBinding="xslt2" defaultPhase="one"')
    assert codes(schema) == ["T-A"]
    assert codes(schema, "#ALL") == ["T-A", "T-B"]
    assert codes(schema, "#DEFAULT") == ["T-A"]


# ---- let -------------------------------------------------------------------------------------
def test_let_at_schema_phase_pattern_and_rule_level():
    [count] = [d for d in findings(HERE / "full.sch", "full") if d.code == "T-COUNT"]
    # schema-level $paragraphs (4), pattern-level $notes (2), phase-level $limit (1)
    assert count.message.startswith("The body holds 4 paragraphs and 2 notes.")
    [pointer] = [d for d in findings(HERE / "full.sch", "full") if d.code == "T-POINTER"]
    assert "Pointer #nobody leads nowhere." in pointer.message  # rule-level $target


def test_let_whose_value_is_its_content(tmp_path):
    schema = write(tmp_path, '<pattern><rule context="t:TEI"><let name="word">yes</let>'
                   '<report id="T-LET" test="$word = \'yes\'">word is <value-of select="$word"/></report></rule></pattern>')
    [d] = findings(schema)
    assert d.message == "word is yes"


# ---- abstract patterns and rules -------------------------------------------------------------
def test_abstract_pattern_instantiated_with_params():
    [d] = [d for d in findings(HERE / "full.sch", "full") if d.code == "T-ABSTRACT"]
    assert d.line == 13 and "rend 'shout'" in d.message and d.path == "/TEI/text/body/p[2]"


def test_abstract_pattern_missing_a_param_is_an_error(tmp_path):
    schema = write(tmp_path, '<pattern abstract="true" id="a"><rule context="$e"><assert test="$t">x</assert></rule></pattern>'
                   '<pattern id="b" is-a="a"><param name="e" value="t:p"/></pattern>')
    with pytest.raises(SchematronError, match=r"no value for \$t"):
        compile_schematron(schema)


def test_abstract_rule_by_extends_rule_and_by_extends_href():
    got = findings(HERE / "full.sch", "full")
    typed = [d for d in got if d.code == "T-TYPED"]  # extends href="abstract-rule.sch"
    assert [(d.line, d.message) for d in typed] == [(15, "The note has no @type.")]
    group = sorted((d.line, d.message) for d in got if d.code == "T-GROUP")  # extends rule="in-body"
    assert group == [(12, "a paragraph of the body (any)"), (13, "a paragraph of the body (any)"),
                     (13, "a paragraph of the body (with rend)")]


def test_extends_an_unknown_rule_is_an_error(tmp_path):
    schema = write(tmp_path, '<pattern><rule context="t:p"><extends rule="nothing"/></rule></pattern>')
    with pytest.raises(SchematronError, match="no abstract rule has that id"):
        compile_schematron(schema)


# ---- rule order, groups ----------------------------------------------------------------------
def test_in_a_pattern_only_the_first_matching_rule_fires_in_a_group_all_do():
    got = findings(HERE / "full.sch", "full")
    first = {(d.line, d.code) for d in got if d.code.startswith("T-FIRST")}
    assert (13, "T-FIRST-A") in first and (13, "T-FIRST-B") not in first and (12, "T-FIRST-B") in first
    assert {(13, "a paragraph of the body (with rend)"), (13, "a paragraph of the body (any)")} <= {
        (d.line, d.message) for d in got if d.code == "T-GROUP"}


# ---- diagnostics, properties, subject, role, ns ----------------------------------------------
def test_diagnostics_and_properties_are_part_of_the_finding():
    [d] = [d for d in findings(HERE / "full.sch", "full") if d.code == "T-COUNT"]
    assert "Limit: 1." in d.message and "[p-count: 4]" in d.message


def test_an_unknown_diagnostic_is_an_error(tmp_path):
    schema = write(tmp_path, '<pattern><rule context="t:p"><assert test="true()" diagnostics="nope">x</assert></rule></pattern>')
    with pytest.raises(SchematronError, match="no diagnostic has that id"):
        compile_schematron(schema)


def test_subject_locates_the_finding_and_role_sets_the_severity():
    [d] = [d for d in findings(HERE / "full.sch", "full") if d.code == "T-POINTER"]
    # the rule's context is the persName; subject="@ref" points at its attribute, reported on its element
    assert d.severity == "warning" and d.line == 12 and d.path == "/TEI/text/body/p[1]/persName"


def test_namespaces_come_from_sch_ns(tmp_path):
    schema = write(tmp_path, '<ns prefix="x" uri="http://www.tei-c.org/ns/1.0"/><pattern><rule context="x:note">'
                   '<assert id="T-NS" test="@type">x</assert></rule></pattern>')
    assert codes(schema) == ["T-NS"]


def test_contexts_may_be_attributes_text_and_the_document(tmp_path):
    schema = write(tmp_path, '<pattern><rule context="@rend"><assert id="T-ATTR" test=". = \'italic\'">rend</assert></rule></pattern>'
                   '<pattern><rule context="/"><report id="T-ROOT" test="count(//t:p) = 4">root</report></rule></pattern>'
                   '<pattern><rule context="text()"><report id="T-TEXT" test="contains(., \'Untyped\')">text</report></rule></pattern>')
    got = findings(schema)
    assert sorted(d.code for d in got) == ["T-ATTR", "T-ROOT", "T-TEXT"]
    assert [d.line for d in got if d.code == "T-ATTR"] == [13] and [d.line for d in got if d.code == "T-TEXT"] == [15]


# ---- unsupported constructs fail loudly --------------------------------------------------------
@pytest.mark.parametrize("body, attrs, words", [
    ('<pattern documents="other.xml"><rule context="t:p"><assert test="true()">x</assert></rule></pattern>', "", "@documents"),
    ('<pattern><rule context="t:p" visit-each="t:hi"><assert test="true()">x</assert></rule></pattern>', "", "@visit-each"),
    ('<param name="x" value="1"/>', "", "<sch:param> is not allowed inside <schema>"),
    ('<pattern><assert test="true()">loose</assert></pattern>', "", "<sch:assert> is not allowed inside <pattern>"),
    ('<library/>', "", "<sch:library> is not supported"),
    ('<xsl:template xmlns:xsl="http://www.w3.org/1999/XSL/Transform" match="/"/>', "", "xsl:template"),
    ("", 'queryBinding="exslt"', "queryBinding 'exslt'"),
])
def test_unsupported_constructs_are_refused(tmp_path, capsys, body, attrs, words):
    schema = write(tmp_path, body, attrs=attrs or 'queryBinding="xslt2"')
    with pytest.raises(SchematronError) as raised:
        compile_schematron(schema)
    assert words in str(raised.value)
    # through the command line: a usage problem, nothing validated
    assert main(["validate", str(DOC), "--schema", str(schema)]) == 2
    assert words in capsys.readouterr().err


def test_an_old_schematron_namespace_is_refused(tmp_path):
    old = tmp_path / "old.sch"
    old.write_text('<schema xmlns="http://www.ascc.net/xml/schematron"><pattern name="p"/></schema>')
    with pytest.raises(SchemaError, match="not an ISO Schematron schema"):
        Validator([old])
