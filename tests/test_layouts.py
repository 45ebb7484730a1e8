"""Export layouts as data, detected by score (issue 10): each fixture's layout, the scoring, the warning for
an unknown layout, and what `cablegram convert` and `--explain` say about the layout."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cablegram
from cablegram.ingest.layouts import detect_layout, layout_names
from cablegram.ingest.rules import table
from cablegram.tei.convert import convert_text

TESTS = Path(__file__).parent
REPO = TESTS.parent
EXAMPLES = REPO / "examples" / "texts"
REAL = TESTS / "test_real_layouts"

EXPECTED_LAYOUT = {
    EXAMPLES / "000_4fb6c50d695f872e.txt": "markdown-export",
    EXAMPLES / "001_09b0c0c286ebddc7.txt": "markdown-export",
    EXAMPLES / "002_1a6ead44c4c0e4a5.txt": "classic-page",
    EXAMPLES / "003_1913699800420464.txt": "labelled-plain",
    EXAMPLES / "004_990157edbcf4a9d2.txt": "labelled-plain",
    REAL / "markdown_export.txt": "markdown-export",
    REAL / "classic_docinfo.txt": "classic-page",
    REAL / "classic_no_source.txt": "classic-page",
    REAL / "classic_flat.txt": "classic-one-block",
    REAL / "chinese_bilingual.txt": "classic-one-block",
    REAL / "current_site.txt": "current-site",
    REAL / "current_search.txt": "current-search",
    REAL / "pdf_text.txt": "pdf-text",
    REAL / "labelled_plain.txt": "labelled-plain",
}


@pytest.mark.parametrize("path", sorted(EXPECTED_LAYOUT), ids=lambda p: p.name)
def test_each_fixture_is_detected_as_its_layout_with_a_clear_margin(path):
    match = detect_layout(path.read_text(encoding="utf-8"))
    assert (match.name, match.known) == (EXPECTED_LAYOUT[path], True)
    assert match.score - match.runner_up_score >= 0.2, (match.score, match.runner_up, match.runner_up_score)


def test_every_layout_is_described_as_data():
    readers = {"labelled", "flat", "current"}
    for entry in table("layout")["layout"]:
        assert entry["cues"] and entry["reader"] in readers and entry["description"], entry["name"]
        for cue in entry["cues"]:
            re.compile(cue["pattern"])
            assert cue["weight"] > 0
    assert set(EXPECTED_LAYOUT.values()) == set(layout_names()) - set(), "every layout has a fixture"


def test_the_best_score_wins_not_the_first_match():
    # classic page words, but every line run together: the one-block layout scores higher than the
    # classic page, which is listed before it
    text = "Skip to content\nMay 1, 1950\nTelegram, A to B\nText of the telegram.\nAuthor(s):\nDocument Information\nSource\nRecord ID\n1\n"
    match = detect_layout(text)
    assert match.name == "classic-one-block" and match.runner_up == "classic-page"
    assert match.score > match.runner_up_score


def test_an_unknown_layout_is_read_best_effort_with_a_warning_naming_the_closest():
    conversion = cablegram.convert(TESTS / "test_layouts" / "unknown_layout.txt")
    record = conversion.document.record
    assert not record.layout_known
    warnings = [w for w in conversion.warnings if w.code == "CW-UNKNOWN-LAYOUT"]
    assert len(warnings) == 1 and f"closest: {record.layout}" in warnings[0].message
    assert "wagons with grain" in "".join(conversion.tei.getroot().itertext())
    assert conversion.coverage == 1.0


def test_one_unknown_detail_costs_one_fact():
    """A record date the tables cannot read ('Mid-May 1950'): the date is absent and said so; title, URL
    and translator are still read."""
    text = (REAL / "labelled_plain.txt").read_text(encoding="utf-8").replace("1950 May 12", "Mid-May 1950", 1)
    assert "Mid-May 1950" in text
    conversion = convert_text(text, "unknown_date.txt")
    record = conversion.document.record
    assert record.date is None and record.date_text == "Mid-May 1950"
    assert record.title and record.url and record.translator
    assert any(w.code == "CW-UNKNOWN-DATE-FORM" for w in conversion.warnings)


def test_a_date_in_an_unlisted_order_is_read():
    record = cablegram.convert(REAL / "labelled_plain.txt").document.record
    assert record.date.isoformat() == "1950-05-12" and record.date_text == "1950 May 12"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "cablegram", *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "src"), "COLUMNS": "250", "PATH": "/usr/bin:/bin"})


def test_convert_prints_the_detected_layout_and_its_score(tmp_path):
    result = _run("convert", str(REAL / "current_site.txt"), str(EXAMPLES / "002_1a6ead44c4c0e4a5.txt"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.search(r"current-site 1\.00", result.stdout) and re.search(r"classic-page 1\.00", result.stdout)


def test_explain_shows_the_layout_cues_and_the_cue_behind_each_correspondent():
    result = _run("convert", "--explain", "--format", "json", str(REAL / "classic_docinfo.txt"))
    report = json.loads(result.stdout)[0]
    assert report["layout"] == "classic-page" and report["layout_score"] == 1.0 and report["layout_cues"]
    sent = next(c for c in report["correspondents"] if c["action"] == "sent")
    assert "title" in sent["rule"] and "not taken as a name" in sent["rule"]  # the dispatch line was refused
    facts = {f["name"]: f for f in report["facts"]}
    assert facts["original_language"]["rule"].startswith("label")


def test_every_boilerplate_rule_with_examples_matches_them():
    """A listed boilerplate rule drops exactly the lines it was written for (its examples)."""
    import re as _re

    from cablegram.ingest.rules import table as _table
    for rule in _table("layout")["boilerplate"]:
        for example in rule.get("examples", []):
            assert _re.match(rule["pattern"], example), (rule["name"], example)
