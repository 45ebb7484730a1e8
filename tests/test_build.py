"""`cablegram build`: the bundled examples become an edition folder with a report."""
from __future__ import annotations

import json

from cablegram.cli import main
from conftest import EXAMPLES, GOLDEN_DIR


def test_build_without_arguments_builds_the_bundled_examples(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    tei = sorted((tmp_path / "edition" / "tei").iterdir())
    assert [p.name for p in tei] == sorted(p.stem + ".xml" for p in EXAMPLES)
    assert all(p.read_bytes() == (GOLDEN_DIR / p.name).read_bytes() for p in tei)
    report = json.loads((tmp_path / "edition" / "report.json").read_text())
    assert len(report["documents"]) == 5
    assert all(d["coverage"] == 1.0 and d["error"] is None for d in report["documents"])


def test_a_failing_document_is_reported_and_the_others_built(tmp_path, capsys):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_bytes(EXAMPLES[3].read_bytes())
    (texts / "broken.txt").write_bytes(b"\x00\x01binary")
    assert main(["build", str(texts), "-o", str(tmp_path / "ed"), "-q"]) == 1
    assert "broken.txt: binary file" in capsys.readouterr().err
    report = json.loads((tmp_path / "ed" / "report.json").read_text())
    errors = {d["source"].rsplit("/", 1)[-1]: d["error"] for d in report["documents"]}
    assert errors["a.txt"] is None and "binary" in errors["broken.txt"]
    assert not (tmp_path / "ed" / "tei" / "broken.xml").exists()
