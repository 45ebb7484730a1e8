"""Large grammars reduced per document (issue 12): the same verdict as the whole grammar, and fast.

A document is checked against the grammar reduced to the element and attribute names it uses
(cablegram.validate.rng_reduce). The proof: for a corpus of valid TEI and deliberately broken variants
(tests/rng_mutants.py), tei_all.rng whole and reduced must agree on every verdict. Reduced grammars are
cached in memory and on disk; the disk cache must survive damage, concurrent writers and no permission.
"""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from lxml import etree

from cablegram.cli import main
from cablegram.validate import rng_reduce
from cablegram.validate.relaxng import RelaxNGGrammar
from conftest import GOLDEN_DIR, REPO, TEI_ALL
from rng_mutants import grammar_names, mutants

HERE = Path(__file__).parent / "test_validate_rng_reduced"
SAMPLES = sorted(HERE.glob("*.xml")) + sorted(GOLDEN_DIR.glob("*.xml"))
CMIF_EXAMPLE = REPO.parent / "shared" / "reference" / "cmif" / "example01_basic.xml"
needs_tei_all = pytest.mark.skipif(not TEI_ALL.exists(), reason=f"official TEI schema not found at {TEI_ALL} (../shared is absent)")


def corpus() -> list[tuple[str, bytes]]:
    elements, attributes = grammar_names(TEI_ALL)
    files = SAMPLES + ([CMIF_EXAMPLE] if CMIF_EXAMPLE.exists() else [])
    return [(f"{f.name}: {label}", data) for f in files for label, data in mutants(f.read_bytes(), f.name, elements, attributes, 4)]


@needs_tei_all
def test_samples_are_valid_tei(tei_all):
    for path in SAMPLES:
        assert tei_all.validate(etree.parse(str(path))), (path.name, str(tei_all.error_log))


@needs_tei_all
def test_reduced_grammars_give_the_verdicts_of_the_whole_grammar(tei_all):
    reduced = RelaxNGGrammar(TEI_ALL, cache_dir=False)
    assert reduced.reduced
    docs = corpus()
    invalid = same_line = 0
    for label, data in docs:
        tree = etree.ElementTree(etree.fromstring(data))
        whole = tei_all.validate(tree)
        whole_lines = {e.line for e in tei_all.error_log}
        found = reduced.check(tree, "doc.xml")
        assert whole == (not found), f"{label}: whole grammar says {'valid' if whole else 'invalid'}; reduced: {found[:2]}"
        if not whole:
            invalid += 1
            assert all(d.code == "CG-RNG" and d.line > 0 for d in found)
            same_line += found[0].line in whole_lines
    assert len(docs) >= 150 and invalid >= 80, (len(docs), invalid)
    # libxml2 words and places its messages by the shape of the grammar; most first errors still fall on a
    # line the whole grammar names (the benchmark prints the exact figure)
    assert same_line / invalid > 0.5, f"{same_line}/{invalid}"


TRICKY_VALID = [
    '<root xmlns="urn:a" xmlns:b="urn:b" version="1.0"><b:para>text <b:em>e</b:em><b:strong>s <b:em>x</b:em></b:strong></b:para></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:list b:kind="ordered"><b:item>a</b:item></b:list><b:list b:kind="plain"><b:item/></b:list></root>',
    '<root xmlns="urn:a" xmlns:x="urn:x"><x:pair><right/><left>3</left></x:pair></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b" xmlns:c="urn:c"><b:alt1/><c:alt2/></root>',
    '<root xmlns="urn:a"><z:foo xmlns:z="urn:z" any="1">t<z:bar/></z:foo></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:numbers>1 2.5 3</b:numbers></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b" xmlns:x="urn:x"><b:req x:needed="abc"/></root>',
]
TRICKY_INVALID = [
    '<root xmlns="urn:a" xmlns:b="urn:b" version="2.0"><b:para/></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:list b:kind="other"><b:item/></b:list></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:list b:kind="plain"/></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:list kind="plain"><b:item/></b:list></root>',
    '<root xmlns="urn:a" xmlns:x="urn:x"><x:pair><left>x</left><right/></x:pair></root>',
    '<root xmlns="urn:a" xmlns:x="urn:x"><x:pair><left>1</left></x:pair></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:alt2/></root>',
    '<root xmlns="urn:a"><foo/></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:numbers>1 0</b:numbers></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:req/></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b" xmlns:x="urn:x"><b:req x:needed="ABC"/></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:para><b:item/></b:para></root>',
    '<root xmlns="urn:a"/>',
    '<root xmlns="urn:b"><para xmlns="urn:b"/></root>',
    '<root xmlns="urn:a" xmlns:b="urn:b"><b:para><b:strong><b:list b:kind="plain"><b:item/></b:list></b:strong></b:para></root>',
    '<root xmlns="urn:a" xmlns:x="urn:x"><x:pair/></root>',
    '<other xmlns="urn:a"/>',
]


def test_reduction_keeps_namespaces_datatypes_and_name_classes():
    path = HERE / "tricky.rng"
    whole = etree.RelaxNG(etree.parse(str(path)))
    reduced = RelaxNGGrammar(path, cache_dir=False, reduce=True)
    assert reduced.reduced
    verdicts = {}
    for text in TRICKY_VALID + TRICKY_INVALID:
        tree = etree.ElementTree(etree.fromstring(text))
        verdicts[text] = whole.validate(tree)
        assert (not reduced.check(tree, "t.xml")) == verdicts[text], text
    # the fixture itself, as libxml2 reads it: it does not check the content of an interleave in x:pair
    assert all(verdicts[t] for t in TRICKY_VALID)
    assert all("x:pair" in t for t in TRICKY_INVALID if verdicts[t])


def test_grammars_it_cannot_rewrite_are_compiled_whole(tmp_path):
    (tmp_path / "part.rng").write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><define name="x">'
                                       '<element name="x"><empty/></element></define></grammar>')
    main_rng = tmp_path / "main.rng"
    main_rng.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="part.rng"/>'
                        '<start><ref name="x"/></start></grammar>')
    grammar = RelaxNGGrammar(main_rng, cache_dir=False, reduce=True)
    assert not grammar.reduced and rng_reduce.reducible(grammar.grammar) == "it uses <include>"
    assert grammar.check(etree.ElementTree(etree.fromstring("<x/>")), "x.xml") == []
    assert grammar.check(etree.ElementTree(etree.fromstring("<y/>")), "y.xml")


def test_small_grammars_are_compiled_once_whole():
    assert not RelaxNGGrammar(REPO / "schemas" / "cablegram.rng", cache_dir=False).reduced


def test_documents_whose_names_are_a_subset_share_a_compiled_grammar():
    grammar = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=False, reduce=True)
    big = etree.ElementTree(etree.fromstring(TRICKY_VALID[0]))
    small = etree.ElementTree(etree.fromstring('<root xmlns="urn:a" xmlns:b="urn:b"><b:para>x</b:para></root>'))
    assert grammar.schema_for(big) is grammar.schema_for(small)


def test_messages_do_not_depend_on_the_files_checked_before():
    broken = etree.ElementTree(etree.fromstring('<root xmlns="urn:a" xmlns:b="urn:b"><b:para><b:list/></b:para></root>'))
    alone = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=False, reduce=True).check(broken, "b.xml")
    after_others = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=False, reduce=True)
    before = '<root xmlns="urn:a" xmlns:b="urn:b"><b:para>x</b:para><b:list b:kind="plain"><b:item/></b:list></root>'
    assert after_others.check(etree.ElementTree(etree.fromstring(before)), "v.xml") == []  # its grammar covers the broken one's names
    assert after_others.schema_for(broken) is after_others.schema_for(etree.ElementTree(etree.fromstring(before)))
    assert alone and after_others.check(broken, "b.xml") == alone
    # the messages came from the grammar reduced for exactly the broken document's names
    key = rng_reduce.names_key(*rng_reduce.document_names(broken))
    assert after_others._exact[key] is not after_others.schema_for(etree.ElementTree(etree.fromstring(before)))


# ---- the disk cache ------------------------------------------------------------------------------
def test_a_new_process_reads_the_reduced_grammar_from_disk(tmp_path, monkeypatch):
    doc = etree.ElementTree(etree.fromstring(TRICKY_INVALID[0]))
    first = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=tmp_path, reduce=True)
    expected = first.check(doc, "d.xml")
    entries = list(tmp_path.rglob("*.rng"))
    assert len(entries) == 1 and not list(tmp_path.rglob("*.tmp"))

    def no_reduction(*args):
        raise AssertionError("reduced again although the disk cache holds the grammar")

    monkeypatch.setattr("cablegram.validate.relaxng.reduce_grammar_text", no_reduction)
    again = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=tmp_path, reduce=True)
    assert again.check(doc, "d.xml") == expected


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    doc = etree.ElementTree(etree.fromstring(TRICKY_VALID[2]))
    RelaxNGGrammar(HERE / "tricky.rng", cache_dir=tmp_path, reduce=True).check(doc, "d.xml")
    [entry] = tmp_path.rglob("*.rng")
    entry.write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start>")  # cut short
    assert RelaxNGGrammar(HERE / "tricky.rng", cache_dir=tmp_path, reduce=True).check(doc, "d.xml") == []
    assert etree.parse(str(entry)).getroot().tag.endswith("grammar")


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    grammar = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=blocked, reduce=True)
    assert grammar.check(etree.ElementTree(etree.fromstring(TRICKY_VALID[1])), "d.xml") == []


def _validate_in_process(args):
    cache, text = args
    grammar = RelaxNGGrammar(HERE / "tricky.rng", cache_dir=Path(cache), reduce=True)
    return not grammar.check(etree.ElementTree(etree.fromstring(text)), "d.xml")


def test_concurrent_writers_leave_whole_entries(tmp_path):
    jobs = [(str(tmp_path), text) for text in (TRICKY_VALID + TRICKY_INVALID) * 3]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        verdicts = pool.map(_validate_in_process, jobs)
    whole = etree.RelaxNG(etree.parse(str(HERE / "tricky.rng")))
    assert verdicts == [whole.validate(etree.fromstring(text)) for _, text in jobs]
    entries = list(tmp_path.rglob("*.rng"))
    assert entries and not list(tmp_path.rglob("*.tmp"))
    for entry in entries:
        etree.RelaxNG(etree.parse(str(entry)))  # every entry is a whole grammar


# ---- the command line --------------------------------------------------------------------------
@needs_tei_all
def test_command_line_with_tei_all_and_a_cache_folder(tmp_path, capsys):
    broken = tmp_path / "broken.xml"
    broken.write_text((HERE / "frus_like.xml").read_text(encoding="utf-8").replace("<p>The", "<p><foo/>The"), encoding="utf-8")
    args = ["validate", "--schema", str(TEI_ALL), "--cache-dir", str(tmp_path / "cache")]
    assert main(args + [str(HERE / "frus_like.xml")]) == 0
    assert main(args + [str(broken)]) == 1
    out = capsys.readouterr().out
    # a name the schema declares nowhere is reported at its own line and path, whatever libxml2 says
    assert f"{broken}:15:1: error: element <foo> in namespace 'http://www.tei-c.org/ns/1.0' is not allowed anywhere" in out
    assert "(/TEI/text/body/div/p[1]/foo) [CG-RNG]" in out
    assert len(list((tmp_path / "cache").rglob("*.rng"))) == 2
    assert main(args[:3] + ["--no-cache", str(HERE / "letter.xml")]) == 0


def test_usage_problems_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 2
    assert "holds no .xml files" in capsys.readouterr().err
    unreadable = tmp_path / "nope.rng"
    assert main(["validate", str(HERE / "letter.xml"), "--schema", str(unreadable)]) == 2
    assert "schema file not found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as no_files:
        main(["validate"])
    assert no_files.value.code == 2
    capsys.readouterr()
    # a missing path among good files: those are still checked, and the exit status says usage problem
    assert main(["validate", str(tmp_path / "typo.xml"), str(HERE / "letter.xml")]) == 2
    captured = capsys.readouterr()
    assert "typo.xml: no such file or folder" in captured.err and "1 file(s) checked" in captured.out


def test_invalid_or_unparsable_inputs_exit_1(tmp_path, capsys):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader></TEI>")
    assert main(["validate", str(broken), str(GOLDEN_DIR)]) == 1
    out = capsys.readouterr().out
    assert "[CG-WF]" in out and "6 file(s) checked: 5 valid, 1 invalid" in out


def test_a_broken_grammar_is_reported_as_such_also_when_reduced(tmp_path):
    from cablegram.validate import SchemaError

    broken = tmp_path / "broken.rng"
    broken.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="a">'
                      '<ref name="nothere"/></element></start></grammar>')
    grammar = RelaxNGGrammar(broken, cache_dir=False, reduce=True)
    with pytest.raises(SchemaError, match="no matching definition"):
        grammar.check(etree.ElementTree(etree.fromstring("<a/>")), "a.xml")
