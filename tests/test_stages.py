"""Conversion runs one way: ingest → analysis → TEI writer. The writer only translates: writing twice
from one analysis gives the same bytes, converting twice in one process gives the same bytes, and neither
the Document nor the Analysis is changed by writing."""
from __future__ import annotations

import ast
import copy
import pickle

import pytest

import cablegram
from cablegram.analysis import STEPS, State, analyse
from cablegram.ingest import read_document
from cablegram.tei.convert import serialise
from cablegram.tei.writer import write_tei
from conftest import EXAMPLES, REPO

SRC = REPO / "src" / "cablegram"
WHEN = "2024-01-01T00:00:00+00:00"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_converting_twice_in_one_process_gives_the_same_bytes(path):
    first = cablegram.convert(path, when=WHEN).xml_bytes()
    second = cablegram.convert(path, when=WHEN).xml_bytes()
    assert first == second


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_writing_twice_from_one_analysis_gives_the_same_bytes_and_changes_nothing(path):
    doc = read_document(path)
    analysis = analyse(doc)
    doc_before, analysis_before = pickle.dumps(doc), pickle.dumps(analysis)
    first = serialise(write_tei(doc, analysis, when=WHEN))
    second = serialise(write_tei(doc, analysis, when=WHEN))
    assert first == second
    assert pickle.dumps(doc) == doc_before, "the writer changed the Document"
    assert pickle.dumps(analysis) == analysis_before, "the writer changed the Analysis"


def test_analysing_does_not_change_the_document():
    doc = read_document(EXAMPLES[4])
    before = copy.deepcopy(doc)
    analyse(doc)
    assert doc == before


def test_the_analysis_is_frozen():
    analysis = analyse(read_document(EXAMPLES[0]))
    with pytest.raises(AttributeError):
        analysis.document_id = "x"
    with pytest.raises(AttributeError):
        analysis.versions[0].tree.children[0].kind = "x"


def test_every_footnote_is_written_once_however_often_the_tei_is_written():
    doc = read_document(EXAMPLES[1])  # the example with a footnote
    analysis = analyse(doc)
    counts = {serialise(write_tei(doc, analysis)).count(b'type="footnote"') for _ in range(3)}
    assert len(counts) == 1 and counts.pop() > 0


def test_each_step_can_run_alone_on_what_the_steps_before_it_found():
    state = State(read_document(EXAMPLES[1]))
    names = [name for name, _ in STEPS]
    assert names.index("telegram form") < names.index("alignment") < names.index("block trees")
    for name, step in STEPS:
        step(state)
        if name == "telegram form":
            assert state.forms and state.forms[0].units
        if name == "alignment":
            assert state.links
    assert len(state.trees) == len(state.doc.versions)


# ------------------------------------------------------------------ the import graph
STAGE_ORDER = {"ingest": 0, "analysis": 1, "tei": 2}
OUTSIDE_CONVERSION = ("validate", "render")


def _imports(path) -> set[str]:
    """Sub-packages of cablegram a module imports (absolute or relative, at any depth of the code)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(SRC).parts[0] if len(path.relative_to(SRC).parts) > 1 else ""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.startswith("cablegram."):
                found.add(node.module.split(".")[1])
            elif node.level == 1 and package:
                found.add(package if not node.module else package)
            elif node.level == 2:
                found.add((node.module or "").split(".")[0] or "")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cablegram."):
                    found.add(alias.name.split(".")[1])
    return found


def _modules(stage):
    return sorted((SRC / stage).rglob("*.py"))


@pytest.mark.parametrize("stage", sorted(STAGE_ORDER))
def test_conversion_stages_import_only_earlier_stages(stage):
    for module in _modules(stage):
        for imported in _imports(module):
            if imported in STAGE_ORDER:
                assert STAGE_ORDER[imported] <= STAGE_ORDER[stage], f"{module.relative_to(SRC)} imports {imported}"


@pytest.mark.parametrize("stage", OUTSIDE_CONVERSION)
def test_validate_and_render_import_no_conversion_stage(stage):
    for module in _modules(stage):
        assert not (_imports(module) & set(STAGE_ORDER)), f"{module.relative_to(SRC)} imports a conversion stage"


def test_the_writer_imports_no_recogniser_and_no_regular_expressions():
    writer = SRC / "tei" / "writer.py"
    tree = ast.parse(writer.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    from_modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "re" not in imported
    assert not {m for m in from_modules if m and m.startswith("analysis.") and m not in ("analysis.model", "analysis.authority")}
    # authority: only to copy entries into standOff, never to find names
    text = writer.read_text(encoding="utf-8")
    assert "authority().find" not in text and ".lookup(" not in text


def test_the_import_check_sees_a_backward_import(tmp_path):
    bad = SRC / "ingest" / "_probe_backward.py"
    bad.write_text("from ..analysis import analyse\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError):
            test_conversion_stages_import_only_earlier_stages("ingest")
    finally:
        bad.unlink()
