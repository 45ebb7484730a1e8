"""`cablegram convert`: outputs, summary, and bad input handled file by file (issue 2, points 1 and 9)."""
from __future__ import annotations

import shutil

import pytest

import cablegram
from cablegram.cli import main
from cablegram.ingest import InputError
from conftest import EXAMPLES

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def test_convert_writes_one_tei_file_per_input_and_a_summary(tmp_path, capsys):
    out = tmp_path / "tei"
    assert main(["convert", *map(str, EXAMPLES), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".xml" for p in EXAMPLES)
    summary = capsys.readouterr().out
    assert "5 of 5 converted" in summary
    assert "100.0%" in summary  # coverage column


def test_a_folder_is_expanded_to_its_text_files(tmp_path):
    src = tmp_path / "texts"
    src.mkdir()
    shutil.copy(EXAMPLES[0], src)
    assert main(["convert", str(src), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / (EXAMPLES[0].stem + ".xml")).exists()


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", b"\x00\x01\x02\x03PK\x03\x04" * 50, "binary file"),
        ("latin1.txt", "Télégramme chiffré, très urgent, à Moscou".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_gets_one_line_naming_the_file_and_no_output(tmp_path, capsys, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out"
    status = main(["convert", str(bad), str(EXAMPLES[0]), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{bad}: " in err and problem in err
    assert len([l for l in err.splitlines() if str(bad) in l]) == 1
    # the good file was still converted, the bad one left no file behind
    assert sorted(p.name for p in out.iterdir()) == [EXAMPLES[0].stem + ".xml"]


def test_metadata_only_record_is_refused(datadir):
    with pytest.raises(InputError, match="metadata_only.txt: only record metadata, no document text"):
        cablegram.convert(datadir / "metadata_only.txt")


def test_body_only_text_is_converted_with_its_gaps_visible(datadir):
    conversion = cablegram.convert(datadir / "body_only.txt")
    root = conversion.tei.getroot()
    codes = {w.code for w in conversion.warnings}
    assert {"CW-NO-TITLE", "CW-NO-DATE", "CW-NO-CITATION"} <= codes
    # nothing invented: no title text, no date, no archive
    title = root.find(".//t:titleStmt/t:title[@type='main']", TEI)
    assert "".join(title.itertext()) == "" and title.find("t:gap", TEI) is not None
    assert root.find(".//t:creation", TEI) is None
    assert root.find(".//t:msDesc", TEI) is None
    assert [d.get("type") for d in root.findall(".//t:body/t:div", TEI)] == ["original", "translation"]
    assert conversion.coverage == 1.0


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")]) == 1
    assert "nope.txt: cannot read" in capsys.readouterr().err
