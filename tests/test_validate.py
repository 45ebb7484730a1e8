"""`cablegram validate` and the Validator: schemas, choice of schema, reports, hardened parsing (issue 3)."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from cablegram.cli import main
from cablegram.validate import Validator
from cablegram.xmlio import MAX_XML_BYTES, XMLInputError, parse_xml
from conftest import EXAMPLES, GOLDEN_DIR, REPO

GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))
SCHEMAS = REPO / "schemas"

# grammar-invalid variants of a golden file: each must be rejected by the RNG and the XSD alike
INVALID = {
    "unknown element": ("<salute>", "<salute><foo/>"),
    "closed @type value": ('<seg type="marking"', '<seg type="secret-ish"'),
    "missing required attribute": ('<fw type="folio">', "<fw>"),
    "wrong order": ("<teiHeader>", "<teiHeader><revisionDesc><change>x</change></revisionDesc>"),
    "bad date value": ('when="1951-07-03"', 'when="3 July 1951"'),
}


def test_goldens_and_valid_samples_are_valid_against_ours_and_tei_all(tei_all, tmp_path):
    import cablegram

    samples = list(GOLDENS)
    for name in ("inline_labels.txt", "bold_english_only.txt"):
        out = tmp_path / name.replace(".txt", ".xml")
        out.write_bytes(cablegram.convert(REPO / "tests" / "test_unseen" / name).xml_bytes())
        samples.append(out)
    ours = etree.RelaxNG(etree.parse(str(SCHEMAS / "cablegram.rng")))
    for path in samples:
        doc = etree.parse(str(path))
        assert ours.validate(doc), (path, str(ours.error_log))
        assert tei_all.validate(doc), (path, str(tei_all.error_log))


def _variants():
    text = next(GOLDEN_DIR.glob("003_*.xml")).read_text(encoding="utf-8")
    for label, (old, new) in INVALID.items():
        assert old in text, label
        yield label, text.replace(old, new, 1)


def test_rng_and_xsd_accept_the_same_corpus_and_reject_the_same_samples():
    rng = etree.RelaxNG(etree.parse(str(SCHEMAS / "cablegram.rng")))
    xsd = xmlschema.XMLSchema(str(SCHEMAS / "cablegram.xsd"))
    for path in GOLDENS:
        assert rng.validate(etree.parse(str(path))) and xsd.is_valid(str(path)), path
    for label, text in _variants():
        doc = etree.fromstring(text.encode())
        assert not rng.validate(doc), f"RNG accepted: {label}"
        assert not xsd.is_valid(doc), f"XSD accepted: {label}"


def test_clean_corpus_exits_0_and_reports_counts(capsys):
    assert main(["validate", str(GOLDEN_DIR)]) == 0
    out = capsys.readouterr().out
    assert "5 file(s) checked: 5 valid, 0 invalid; 0 error(s)" in out


def test_errors_are_reported_as_file_line_col_sorted_and_exit_1(tmp_path, capsys):
    for label, text in _variants():
        (tmp_path / f"{label.replace(' ', '_')}.xml").write_text(text, encoding="utf-8")
    shutil.copytree(SCHEMAS, tmp_path.parent / "schemas", dirs_exist_ok=True)
    assert main(["validate", str(tmp_path)]) == 1
    lines = [l for l in capsys.readouterr().out.splitlines() if ": error: " in l]
    assert lines and lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1])))
    unknown = [l for l in lines if "foo" in l]
    assert unknown and "[CG-RNG]" in unknown[0] and "/opener/salute/foo" in unknown[0]
    assert "the schema allows:" in unknown[0]


def test_json_and_junit_formats(capsys):
    assert main(["validate", str(GOLDENS[1]), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0 and report["warnings"] == len(report["diagnostics"]) > 0
    assert {"file", "line", "column", "severity", "message", "code", "path"} <= set(report["diagnostics"][0])
    assert main(["validate", str(GOLDENS[1]), "--format", "junit"]) == 0
    suite = etree.fromstring(capsys.readouterr().out.encode())
    assert suite.tag == "testsuite" and suite.get("tests") == "1" and suite.get("failures") == "0"


def test_usage_problems_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.xml")]) == 2
    bad_schema = tmp_path / "bad.rng"
    bad_schema.write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><ref name='x'/></start></grammar>")
    assert main(["validate", str(GOLDENS[0]), "--schema", str(bad_schema)]) == 2
    assert "cannot compile RNG schema" in capsys.readouterr().err


def test_explicit_schema_replaces_the_default(datadir, capsys):
    # our goldens have no abstract in teiHeader directly: this schema rejects them
    assert main(["validate", str(GOLDENS[0]), "--schema", str(datadir / "require-abstract.rng")]) == 1
    assert "[CG-RNG]" in capsys.readouterr().out


def test_xml_model_is_honoured_relative_to_the_file_and_through_a_catalog(datadir, tmp_path):
    text = GOLDENS[0].read_text(encoding="utf-8")
    body = text.split("?>\n", 3)[3]  # drop the declaration and both xml-model PIs
    local = tmp_path / "local.xml"
    shutil.copy(datadir / "require-abstract.rng", tmp_path / "require-abstract.rng")
    local.write_text('<?xml-model href="require-abstract.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n' + body, encoding="utf-8")
    assert any(d.code == "CG-RNG" for d in Validator().validate_file(local))
    remote = tmp_path / "remote.xml"
    remote.write_text('<?xml-model href="https://schemas.example.org/telegram.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n' + body, encoding="utf-8")
    # without a catalog the network schema is not fetched: a warning, and our schemas instead
    plain = Validator().validate_file(remote)
    assert any(d.code == "CG-XMLMODEL" and d.severity == "warning" for d in plain)
    assert not any(d.code == "CG-RNG" for d in plain)
    with_catalog = Validator(catalog=datadir / "catalog.xml").validate_file(remote)
    assert any(d.code == "CG-RNG" for d in with_catalog)


def test_xsd_form_is_used_on_request(capsys):
    text = GOLDENS[2].read_text(encoding="utf-8").replace("<salute>", "<salute><foo/>", 1)
    diags = Validator(xsd=True).validate_bytes(text.encode(), "x.xml", base=GOLDEN_DIR / "x.xml")
    assert {"CG-RNG", "CG-XSD"} <= {d.code for d in diags}


def test_schemas_are_compiled_once_per_validator(monkeypatch):
    from cablegram.validate import Validator as V

    calls = []
    original = V._compile
    monkeypatch.setattr(V, "_compile", staticmethod(lambda ref, *rest: calls.append(ref) or original(ref, *rest)))
    v = V()
    for path in GOLDENS:
        v.validate_file(path)
    after_first_pass = len(calls)
    for path in GOLDENS * 3:
        v.validate_file(path)
    # one compilation per schema file (the packaged ones, and those the files' xml-model PIs name),
    # whatever the number of files validated
    assert 2 <= after_first_pass <= 4 and len(calls) == after_first_pass


# ---- hardened parsing (one parser factory for the whole project) ----------------------------
def test_external_entities_are_refused_and_nothing_leaks(datadir, capsys):
    with pytest.raises(XMLInputError, match="entity declarations are refused"):
        parse_xml(datadir / "xxe.xml")
    assert main(["validate", str(datadir / "xxe.xml")]) == 1
    out = capsys.readouterr().out
    assert "root:" not in out and "[CG-WF]" in out


def test_entity_expansion_bomb_fails_fast(datadir):
    start = time.perf_counter()
    with pytest.raises(XMLInputError, match="entit"):
        parse_xml(datadir / "billion_laughs.xml")
    assert time.perf_counter() - start < 1.0


def test_files_above_the_size_limit_are_refused(tmp_path):
    big = tmp_path / "big.xml"
    with open(big, "wb") as fh:
        fh.write(b"<a>")
        fh.seek(MAX_XML_BYTES + 10)
        fh.write(b"</a>")
    with pytest.raises(XMLInputError, match="above the limit"):
        parse_xml(big)


def test_not_well_formed_is_a_located_error(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n')
    [d] = Validator().validate_file(broken)
    assert d.code == "CG-WF" and d.line == 3 and d.severity == "error"
