"""The alignment scorer (benchmarks/score_alignment.py) measures what its docstring says, on synthetic pages
written for these tests."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

TRANSLATION_PAGE = """\
Skip to content

March 2, 1951

Cable, Orlov to Sidorov

We have received your telegram of the first of March about the two trains of grain and the wagons for them.

The trains will leave on the fifth; the wagons are ready at the border station, and the guards have been told.

Orlov

Orlov reports that two trains will leave.

Document Information
"""

ORIGINAL_PAGE = """\
A collection of documents, volume 2

Телеграмма Сидорову 2 марта 1951 года

Вашу телеграмму от первого марта о двух эшелонах с зерном и о вагонах для них получили.

Эшелоны отправятся пятого; вагоны готовы на пограничной станции, охрана предупреждена.

Орлов

Примечание издателя.
"""

ALIGNMENT = """
[[composed]]
id = "orlov-sidorov"
translation_page = "t.txt"
original_page = "o.txt"
original_lang = "ru"
original_from = "Вашу телеграмму"
original_to = "Орлов"
insert_after = "Cable, Orlov to Sidorov"
roles = { ru = "original", en = "translation" }
align = [
  ["Вашу телеграмму от первого", "We have received your telegram"],
  ["Эшелоны отправятся", "The trains will leave"],
]
"""


@pytest.fixture(scope="module")
def scorer():
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location("score_alignment", REPO / "benchmarks" / "score_alignment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "t.txt").write_text(TRANSLATION_PAGE, encoding="utf-8")
    (tmp_path / "pages" / "o.txt").write_text(ORIGINAL_PAGE, encoding="utf-8")
    (tmp_path / "facts.toml").write_text("doc = []\n", encoding="utf-8")
    return tmp_path


def test_a_composed_document_puts_the_original_lines_after_the_title(scorer, corpus):
    import tomllib
    doc = tomllib.loads(ALIGNMENT)["composed"][0]
    text = scorer.compose(corpus / "pages", doc)
    lines = [line for line in text.splitlines() if line.strip()]
    title = lines.index("Cable, Orlov to Sidorov")
    assert lines[title + 1].startswith("Вашу телеграмму") and lines[title + 3] == "Орлов"
    assert "Примечание издателя." not in text  # only the lines between the keys are taken
    assert lines[title + 4].startswith("We have received")


def test_a_translation_page_that_goes_on_with_the_original_ends_at_its_line_key(scorer, corpus):
    # one bilingual page: the English, then the Russian; the composition puts the Russian first and takes
    # the English only up to translation_to, so the Russian is not there twice
    import tomllib
    page = TRANSLATION_PAGE.split("Orlov reports")[0] + ORIGINAL_PAGE
    (corpus / "pages" / "both.txt").write_text(page, encoding="utf-8")
    doc = dict(tomllib.loads(ALIGNMENT)["composed"][0], translation_page="both.txt", original_page="both.txt",
               translation_to="The trains will leave")
    text = scorer.compose(corpus / "pages", doc)
    assert text.count("Вашу телеграмму от первого") == 1
    assert text.index("Вашу телеграмму") < text.index("We have received") < text.index("The trains will leave")
    assert "A collection of documents" not in text and "Примечание издателя." not in text


def test_precision_and_recall_count_links_against_the_gold(scorer, corpus, capsys):
    (corpus / "alignment.toml").write_text(ALIGNMENT, encoding="utf-8")
    scorer.main(["--corpus", str(corpus / "pages"), "--facts", str(corpus / "facts.toml"),
                 "--alignment", str(corpus / "alignment.toml"), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["totals"]["documents"] == 1 and result["totals"]["gold"] == 2
    assert result["totals"]["correct"] == result["totals"]["predicted"] == result["totals"]["found"] == 2


def test_a_wrong_gold_link_lowers_recall_and_a_missed_prediction_lowers_precision(scorer):
    fact = {"roles": {"ru": "original", "en": "translation"},
            "align": [["один", "one"], ["два", "two"]]}

    class Fake:  # the scorer reads predicted links from the TEI; here they are given directly
        pass

    scorer_links = {("один раз", "one time"), ("три раза", "two times")}
    original = scorer.predicted_links
    try:
        scorer.predicted_links = lambda x, f: scorer_links
        row = scorer.score_doc(Fake(), fact)
    finally:
        scorer.predicted_links = original
    assert (row["predicted"], row["correct"], row["gold"], row["found"]) == (2, 1, 2, 1)
