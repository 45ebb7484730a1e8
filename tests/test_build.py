"""`cablegram build` (issue 6): the whole edition, in parallel, incrementally, robustly."""
from __future__ import annotations

import re

import json
import tempfile
from pathlib import Path

import pytest

from cablegram.edition import executors
from cablegram.edition import BuildOptions, build
from cablegram.cli import build_parser, main
from conftest import EXAMPLES, GOLDEN_DIR

NO_PDF = BuildOptions(pdf=False, volume=False)


def outputs(edition: Path) -> dict[str, bytes]:
    """Every output file and the manifest, but not the reports (their timings differ between runs) nor the
    local stat cache (file times)."""
    return {str(p.relative_to(edition)): p.read_bytes() for p in sorted(edition.rglob("*"))
            if p.is_file() and p.name not in ("report.json", "report.html", ".cablegram-stat-cache.json")}


def test_build_writes_the_whole_edition(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--jobs", "1"]) == 0  # the bundled examples -> ./edition
    edition = tmp_path / "edition"
    stems = sorted(p.stem for p in EXAMPLES)
    assert sorted(p.stem for p in (edition / "tei").glob("*.xml")) == stems
    assert all((edition / "tei" / f"{s}.xml").read_bytes() == (GOLDEN_DIR / f"{s}.xml").read_bytes() for s in stems)
    pages = {p.stem for p in (edition / "site").glob("*.html")}
    assert set(stems) | {"index", "search", "browse", "registers", "persons", "places", "organisations"} <= pages
    # the rest are the corpus pages of the research site (issue 15): browsing and register entries
    assert all(re.match(r"(year|month|pair|archive|fond|language|person|place|org|chain)-", p) for p in pages - set(stems)
               - {"index", "search", "browse", "registers", "persons", "places", "organisations"})
    assert sorted(p.stem for p in (edition / "pdf").glob("*.pdf")) == sorted(stems + ["volume"])
    report = json.loads((edition / "report.json").read_text())
    assert report["summary"]["built"] == 5 and report["summary"]["failed"] == 0
    doc = report["documents"][3]
    assert doc["coverage"] == 1.0 and doc["aligned_units"] == 2 and {"convert", "validate", "html", "pdf"} <= set(doc["milliseconds"])
    assert any(w["code"] == "CW-DISAGREE-NUMBER" for w in doc["warnings"])
    assert "<table>" in (edition / "report.html").read_text()
    out = capsys.readouterr().out
    assert "5 built" in out and "convert" in out


def test_the_process_pool_gives_the_same_bytes_and_manifest_as_serial(texts, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert build(sorted(texts.glob("*.txt")), one, jobs=1).executor == "serial"
    assert build(sorted(texts.glob("*.txt")), two, jobs=2).executor == "process"
    # the search index too: Pagefind's filter and metadata files are rewritten in a stable order
    # (render/pagefind_canon.py; upstream Pagefind issue #638)
    assert any(k.startswith("site/pagefind/filter/") for k in outputs(one))
    assert outputs(one) == outputs(two)
    assert ".cablegram-manifest.json" in outputs(one)
    # the pool's workers removed their scratch folders when they ended
    from cablegram.edition.worker import _alive

    for folder in (Path("/dev/shm"), Path(tempfile.gettempdir())):
        left = [p for p in folder.glob("cablegram-worker-*-*") if not _alive(int(p.name.split("-")[2]))]
        assert not left


def test_an_empty_or_missing_input_folder_is_a_usage_problem(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["build", str(tmp_path / "empty"), "-o", str(tmp_path / "ed")]) == 2
    assert f"{tmp_path / 'empty'}: no .txt exports" in capsys.readouterr().err
    assert main(["build", str(tmp_path / "missing"), "-o", str(tmp_path / "ed")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert not (tmp_path / "ed").exists()


def test_unchanged_inputs_are_not_rebuilt_and_force_rebuilds(texts, tmp_path):
    edition = tmp_path / "ed"
    build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    again = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    assert {d.status for d in again.documents} == {"unchanged"}
    # a changed source is rebuilt, the others are not
    source = texts / EXAMPLES[0].name
    source.write_text(source.read_text(encoding="utf-8").replace("Zhou Enlai was present", "Zhou Enlai was also present"), encoding="utf-8")
    third = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    assert {d.stem: d.status for d in third.documents}[EXAMPLES[0].stem] == "built"
    assert sorted(d.status for d in third.documents).count("unchanged") == 4
    forced = build(sorted(texts.glob("*.txt")), edition, jobs=1, force=True, options=NO_PDF)
    assert {d.status for d in forced.documents} == {"built"}


def test_an_unchanged_rebuild_keeps_the_reports_of_the_build_that_made_the_edition(texts, tmp_path):
    """A no-op rebuild does not rewrite 10,000 report records; any change of documents or options does."""
    edition = tmp_path / "ed"
    sources = sorted(texts.glob("*.txt"))
    build(sources, edition, jobs=1, options=NO_PDF)
    reports = {name: (edition / name).read_bytes() for name in ("report.json", "report.html")}
    assert json.loads(reports["report.json"])["summary"]["built"] == len(sources)
    build(sources, edition, jobs=1, options=NO_PDF)
    assert {name: (edition / name).read_bytes() for name in reports} == reports
    fewer = build(sources[1:], edition, jobs=1, options=NO_PDF)  # one input left out: the report says so
    assert {d.status for d in fewer.documents} == {"unchanged"}
    assert len(json.loads((edition / "report.json").read_text())["documents"]) == len(sources) - 1
    (edition / "report.html").unlink()
    build(sources[1:], edition, jobs=1, options=NO_PDF)
    assert (edition / "report.html").exists()


def test_the_site_pass_flushes_its_pages_to_disk_once(texts, tmp_path, monkeypatch):
    """Every page is still renamed into place whole, but thousands of pages are not flushed one by one."""
    import os

    flushes = {"fsync": 0, "sync": 0}
    fsync, sync = os.fsync, os.sync
    monkeypatch.setattr(os, "fsync", lambda fd: flushes.__setitem__("fsync", flushes["fsync"] + 1) or fsync(fd))
    monkeypatch.setattr(os, "sync", lambda: flushes.__setitem__("sync", flushes["sync"] + 1) or sync())
    build(sorted(texts.glob("*.txt")), tmp_path / "ed", jobs=1, options=NO_PDF)
    pages = len(list((tmp_path / "ed" / "site").glob("*.html")))
    assert pages > 20 and flushes["fsync"] <= 10 and 1 <= flushes["sync"] <= 2, (pages, flushes)


def test_hand_edited_tei_is_rendered_not_overwritten(texts, tmp_path):
    edition = tmp_path / "ed"
    build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    stem = EXAMPLES[3].stem
    tei = edition / "tei" / f"{stem}.xml"
    edited = tei.read_text(encoding="utf-8").replace("Вашу телеграмму от", "Вашу телеграмму (исправлено) от", 1)
    tei.write_text(edited, encoding="utf-8")
    result = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    status = {d.stem: d for d in result.documents}[stem]
    assert status.status == "rendered"
    assert tei.read_text(encoding="utf-8") == edited
    assert "исправлено" in (edition / "site" / f"{stem}.html").read_text(encoding="utf-8")
    # the source changes too: still kept, with a warning; --force keeps it as well
    source = texts / EXAMPLES[3].name
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    for force in (False, True):
        result = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF, force=force)
        doc = {d.stem: d for d in result.documents}[stem]
        assert doc.status == "rendered" and any(w["code"] == "CB-SOURCE-CHANGED" for w in doc.warnings)
        assert tei.read_text(encoding="utf-8") == edited
    # deleting the TEI file reconverts it
    tei.unlink()
    result = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    assert {d.stem: d.status for d in result.documents}[stem] == "built"
    assert "исправлено" not in tei.read_text(encoding="utf-8")


def test_a_failing_document_is_reported_and_skipped(texts, tmp_path, capsys):
    (texts / "broken.txt").write_bytes(b"\x00\x01 binary")
    assert main(["build", str(texts), "-o", str(tmp_path / "ed"), "--jobs", "2", "--no-pdf", "-q"]) == 1
    assert "broken.txt: binary file" in capsys.readouterr().err
    report = json.loads((tmp_path / "ed" / "report.json").read_text())
    assert report["summary"]["failed"] == 1 and report["summary"]["built"] == 5
    assert not (tmp_path / "ed" / "tei" / "broken.xml").exists()


def test_an_interrupted_build_leaves_no_partial_file_and_the_next_finishes(texts, tmp_path, monkeypatch):
    edition = tmp_path / "ed"
    real = executors.run_task
    calls = []

    def interrupted(*args):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(executors, "run_task", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    monkeypatch.setattr(executors, "run_task", real)
    (edition / "tei" / ".leftover.xml.abc.tmp").write_bytes(b"<half")  # as a killed process would leave
    written = list((edition / "tei").glob("*.xml"))
    assert len(written) == 2 and all(p.read_bytes().rstrip().endswith(b"</TEI>") for p in written)
    result = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=NO_PDF)
    assert not result.failed and len(list((edition / "tei").glob("*.xml"))) == 5
    assert not list(edition.rglob(".*.tmp"))


def test_help_lists_examples():
    parser = build_parser()
    assert "cablegram build" in parser.format_help()
    sub = parser._subparsers._group_actions[0].choices
    for name in ("convert", "validate", "build"):
        assert "examples:" in sub[name].format_help()
    assert "examples:" in sub["render"].format_help()


def _exit_unless_main() -> None:
    import multiprocessing
    import os

    if multiprocessing.current_process().name != "MainProcess":  # never the test process itself
        os._exit(3)


class KillsItsWorker:
    """Unpickled in a worker process, it ends that process (as a crash in native code would)."""

    def __reduce__(self):
        return (_exit_unless_main, ())


def test_a_worker_that_dies_fails_its_document_only():
    from cablegram.edition.model import Task

    options = BuildOptions(pdf=False, volume=False, html=False)
    tasks = [Task(p.stem, str(p), "convert", p.read_bytes(), options, f"tei/{p.stem}.xml") for p in EXAMPLES]
    tasks.insert(2, Task("deadly", "deadly.txt", "convert", b"text", options, "tei/deadly.xml", previous={"x": KillsItsWorker()}))
    with executors.ProcessExecutor(options, {}, 2) as pool:
        outcomes = {o.report.stem: o.report for o in pool.run(tasks)}
    assert {stem: r.status for stem, r in outcomes.items()} == {p.stem: "built" for p in EXAMPLES} | {"deadly": "failed"}
    assert "deadly.txt: the worker running this document failed" in outcomes["deadly"].error
