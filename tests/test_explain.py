"""`cablegram convert --explain`: every input line with the kind, field and table entry that decided it;
every record fact with its line (text and JSON, docs/explain.md)."""
from __future__ import annotations

import json

import pytest

from cablegram.cli import main
from conftest import EXAMPLES, REPO


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_explain_json_accounts_for_every_line_of_every_example(path, capsys, tmp_path):
    assert main(["convert", "--explain", "--format", "json", str(path), "-o", str(tmp_path / "out")]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    assert report["format"] == "cablegram-explain/1"
    source = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    numbers = {l["line"] for l in report["lines"]}
    assert numbers == set(range(1, len(source) + 1)), "every input line is explained"
    assert not [l for l in report["lines"] if l["kind"] == "unexplained"]
    for l in report["lines"]:
        assert l["text"] == source[l["line"] - 1]
        if l["version"]:
            assert l["rule"], l  # a line of the text always names the rule that decided it
    assert not (tmp_path / "out").exists(), "--explain writes no TEI"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_fact_names_a_line_that_holds_its_value(path, capsys):
    assert main(["convert", "--explain", "--format", "json", str(path)]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    source = path.read_text(encoding="utf-8-sig").split("\n")
    names = {f["name"] for f in report["facts"]}
    assert {"title", "date", "citation"} <= names
    for fact in report["facts"]:
        assert fact["line"] > 0 and fact["rule"], fact
        if fact["name"] in ("citation", "summary", "url", "record_id", "translator", "funder"):
            assert fact["value"].split()[0].strip('"') in source[fact["line"] - 1] or fact["name"] == "url", fact


def test_explain_text_names_kinds_rules_and_facts(capsys):
    assert main(["convert", "--explain", str(EXAMPLES[1])]) == 0
    out = capsys.readouterr().out
    assert "record facts:" in out and "kind:marking" in out and "label 'Citation'" in out
    assert "НЕ СЕКРЕТНО" in out


def test_the_json_form_is_documented():
    doc = (REPO / "docs" / "explain.md").read_text(encoding="utf-8")
    for key in ("format", "file", "layout", "document_id", "facts", "references", "versions", "lines", "links",
                "problems", "kind", "zone", "rule"):
        assert f"`{key}`" in doc, key


def test_an_empty_input_folder_is_a_usage_problem(tmp_path, capsys):
    empty = tmp_path / "texts"
    empty.mkdir()
    assert main(["convert", str(empty), "-o", str(tmp_path / "out")]) == 2
    assert "no input files" in capsys.readouterr().err
    assert main(["convert", "--explain", str(empty)]) == 2


def test_explain_of_a_bad_file_names_it_and_fails(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["convert", "--explain", str(bad), str(EXAMPLES[0])]) == 1
    captured = capsys.readouterr()
    assert "empty.txt" in captured.err and "record facts:" in captured.out
