"""Line roles chosen over the whole sequence (issue 10): every line is scored in each state of the form
(front, message, closer, back) from the vocabulary (form.toml [sequence]) and the best sequence wins, so
the form returns to the message after stamps, page furniture, tables and salutes; one unknown line costs
one line. And the self-checks that speak up when text may be in the wrong place.

Written in our own words; no third-party text.
"""
from __future__ import annotations

import copy
import json
import tomllib

import pytest

from cablegram import convert
from cablegram.analysis.checks import unit_counts, unlinked_units
from cablegram.analysis.form import read_form
from cablegram.analysis.sequence import STATES
from cablegram.analysis.vocabulary import Vocabulary, VocabularyError
from cablegram.cli import main
from cablegram.ingest.rules import DATA_DIR
from cablegram.model import Line
from conftest import EXAMPLES

HERE = __import__("pathlib").Path(__file__).parent / "test_sequence"


def _lines(*blocks: str) -> list[Line]:
    """Numbered lines: blocks separated by one blank line; a block may hold several lines ('\\n')."""
    out, number = [], 1
    for block in blocks:
        for text in block.split("\n"):
            out.append(Line(number, text))
            number += 1
        out.append(Line(number, ""))
        number += 1
    return out


def _unit_texts(form) -> list[str]:
    return [u.text for u in form.units]


def test_one_unknown_line_costs_one_line_not_the_rest_of_the_message():
    form = read_form(_lines(
        "To the Ministry of Trade",
        "The first shipment of cement left the port on Tuesday and is expected at the border on Friday.",
        "KX-17 / 4 R",  # a stray code the vocabulary does not know
        "The second shipment will follow as soon as the wagons are back from the north.",
        "We ask you to send the customs papers by the next courier.",
        "LEBEDEV",
    ))
    assert [t.split()[1] for t in _unit_texts(form)] == ["first", "second", "ask"]
    assert [i.text for i in form.closer] == ["LEBEDEV"]
    assert not form.endorsements
    (stray,) = [i for items in form.between.values() for i in items]
    assert stray.text == "KX-17 / 4 R"


def test_numbered_points_continue_after_a_stamp_and_a_folio_number():
    form = read_form(_lines(
        "1. The commission finished its work on the twelfth and signed the protocol.",
        "ПОДЛЕЖИТ ВОЗВРАТУ в 48 час.",
        "117",
        "2. The protocol will be sent by the next plane together with the maps.",
        "ORLOV",
    ))
    assert [u.n for u in form.units] == ["1", "2"]
    assert [i.kind for i in form.between[1]] == ["stamp", "pb-folio"]
    assert [i.text for i in form.closer] == ["ORLOV"]


def test_a_distribution_list_after_the_signature_is_not_a_row_of_numbered_points():
    form = read_form(_lines(
        "The delegation will leave on Monday.",
        "KOZLOV",
        "Copies:\n1. Cde. Stalin\n2. Cde. Molotov",
    ))
    assert len(form.units) == 1 and [i.kind for i in form.endorsements] == ["distribution"]


def test_the_front_is_never_re_entered_and_a_closer_needs_a_message_before_it():
    form = read_form(_lines("Top Secret", "Malenkov Kaganovich", "The talks begin tomorrow at ten.", "Top Secret"))
    states = [c.state for c in form.choices.values()]  # in the order of the lines
    assert states == ["front", "front", "message", "back"]


def test_every_line_gets_a_choice_that_names_its_cue_and_the_next_best_state():
    form = read_form(_lines("To the Ministry", "The talks begin tomorrow at ten.", "PETROV"))
    choices = list(form.choices.values())  # in the order of the lines
    assert [c.state for c in choices] == ["front", "message", "closer"]
    assert all(c.state in STATES and c.runner_up is not None for c in choices)
    assert choices[2].cue == "signature"
    assert choices[1].describe().startswith("message as prose +2.0 (next best:")


def test_the_sequence_table_is_checked_strictly():
    with open(DATA_DIR / "form.toml", "rb") as f:
        data = tomllib.load(f)
    Vocabulary(copy.deepcopy(data))  # the shipped table loads
    bad = copy.deepcopy(data)
    bad["sequence"]["score"]["message"]["prosy"] = 1.0
    with pytest.raises(VocabularyError, match="prosy"):
        Vocabulary(bad)
    bad = copy.deepcopy(data)
    del bad["sequence"]["score"]["back"]["other"]
    with pytest.raises(VocabularyError, match="other"):
        Vocabulary(bad)
    bad = copy.deepcopy(data)
    bad["sequence"]["transition"]["middle"] = {"front": 0.0}
    with pytest.raises(VocabularyError):
        Vocabulary(bad)


def test_explain_gives_every_version_line_its_line_role(capsys):
    assert main(["convert", "--explain", "--format", "json", str(EXAMPLES[0])]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    version_lines = [l for l in report["lines"] if l["version"]]
    assert version_lines and all(l["sequence"] for l in version_lines)
    assert all(l["sequence"] == "" for l in report["lines"] if not l["version"])
    assert main(["convert", "--explain", str(EXAMPLES[0])]) == 0
    assert "↳ line role: message as" in capsys.readouterr().out


# ------------------------------------------------------------------------------------------ self-checks
def test_versions_with_different_unit_counts_are_reported_in_the_summary_and_the_tei():
    result = convert(HERE / "unit_counts.txt")
    codes = [p.code for p in result.analysis.problems] if hasattr(result, "analysis") else None
    tei = result.xml_bytes().decode("utf-8")
    assert 'n="CW-UNIT-COUNT"' in tei
    assert "ru (original) 1, en (translation) 2" in tei
    if codes is not None:
        assert "CW-UNIT-COUNT" in codes


def test_the_summary_table_counts_the_self_check_warnings(tmp_path, capsys):
    assert main(["convert", str(HERE / "unit_counts.txt"), "-o", str(tmp_path), "--warnings"]) == 0
    out = capsys.readouterr().out
    assert "CW-UNIT-COUNT" in out and "CW-UNLINKED-UNITS" not in out


def test_unit_counts_and_unlinked_units_speak_only_when_there_is_something_to_say():
    one = read_form(_lines("The talks begin tomorrow at ten.", "PETROV"))
    two = read_form(_lines("The talks begin tomorrow at ten.", "The minister will attend.", "PETROV"))
    for index, unit in enumerate(one.units + two.units):
        unit.xml_id = f"u{index}"
    assert unit_counts([("ru", "original", one), ("en", "translation", one)]) is None
    assert unit_counts([("ru", "original", one), ("en", "translation", two)]) == \
        "units per version differ: ru (original) 1, en (translation) 2"
    assert unlinked_units([("en", "translation", two)], []) is None  # nothing to link to
    message = unlinked_units([("ru", "original", one), ("en", "translation", two)], [])
    assert message == "3 unit(s) without an alignment link: u0, u1, u2"
