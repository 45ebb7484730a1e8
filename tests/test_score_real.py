"""The real-corpus scorer (benchmarks/score_real.py) measures what its docstring says, on synthetic pages."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "test_real_layouts"


@pytest.fixture(scope="module")
def score_real():
    spec = importlib.util.spec_from_file_location("score_real", REPO / "benchmarks" / "score_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(score_real, tmp_path, facts: str, capsys) -> dict:
    (tmp_path / "facts.toml").write_text(facts, encoding="utf-8")
    score_real.main(["--corpus", str(tmp_path / "pages"), "--facts", str(tmp_path / "facts.toml"),
                     "--tei-all", str(tmp_path / "no-schema.rng"), "--json"])
    return json.loads(capsys.readouterr().out)


FACTS = '''
[[doc]]
file = "001.txt"
layout = "classic"
group = "russian"
kind = "telegram"
title = "Ciphered Telegram No. 20880, Sorokin to Filippov [Stalin]"
date = "1951-06-13"
sender = ["Sorokin"]
recipient = ["Filippov"]
languages = ["ru", "en"]
roles = { ru = "original", en = "translation" }
original_language = "ru"
archives = [ { archive = "AP RF", fond = "45", opis = "1", delo = "339", listy = "55-56" } ]
record_url = "absent"
record_id = "500107"
translator = ["Paul Sommers"]
points = { ru = 5, en = 5 }
signatures = { ru = ["МАО ЦЗЭДУН", "СОРОКИН"], en = ["MAO ZEDONG", "SOROKIN"] }
align = [ ["делегация выедет", "delegation will leave"], ["Просим ускорить", "speed up the dispatch"] ]

[[doc]]
file = "002.txt"
layout = "classic"
group = "russian"
kind = "telegram"
title = "not on disk"
date = "absent"
sender = "absent"
recipient = "absent"
languages = ["en"]
roles = { en = "translation" }
original_language = "absent"
archives = []
record_url = "absent"
record_id = "absent"
translator = []
points = { en = 0 }
signatures = { en = [] }
'''


PAGE = """June 13, 1951
Ciphered Telegram No. 20880, Sorokin to Filippov [Stalin]
1. Делегация выедет двадцатого.
2. Просим ускорить отправку.
СОРОКИН
1. The delegation will leave on the twentieth.
2. Please speed up the dispatch.
SOROKIN
APRF, f. 45, op. 1, d. 339, ll. 55-56. Translated by Paul Sommers.
"""

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title type="main">Ciphered Telegram No. 20880, Sorokin to Filippov [Stalin]</title></titleStmt>
<sourceDesc><bibl type="digital-record"><date when="1951-06-13">June 13, 1951</date>
<respStmt><resp key="translation">Translated by</resp><persName>Paul Sommers</persName></respStmt>
<idno type="record">500107</idno><note>APRF, f. 45, op. 1, d. 339, ll. 55-56.</note></bibl>
<msDesc><msIdentifier><repository>APRF</repository><collection type="fond">45</collection>
<collection type="opis">1</collection><idno type="delo">339</idno></msIdentifier>
<msContents><msItem><locus from="55" to="56">ll. 55-56</locus></msItem></msContents></msDesc>
</sourceDesc></fileDesc>
<profileDesc><creation><date when="1951-06-13"/></creation><correspDesc>
<correspAction type="sent"><persName>S O R O K I N</persName></correspAction>
<correspAction type="received"><placeName>Moscow</placeName></correspAction></correspDesc></profileDesc>
</teiHeader><text><body>
<div type="original" xml:lang="ru" xml:id="ru"><div type="message">
<p xml:id="ru-u1" n="1">1. Делегация выедет двадцатого.</p><p xml:id="ru-u2" n="2">2. Просим ускорить отправку.</p>
<closer><signed>СОРОКИН</signed></closer></div></div>
<div type="translation" xml:lang="en" xml:id="en"><div type="message">
<p xml:id="en-u1" n="1" corresp="#ru-u1">1. The delegation will leave on the twentieth.</p>
<p xml:id="en-u2" n="2" corresp="#ru-u1">2. Please speed up the dispatch.</p></div>
<div type="endorsements"><ab>SOROKIN</ab></div></div>
</body></text></TEI>"""


class FakeConversion:
    def __init__(self, path):
        from lxml import etree
        self.tei = etree.ElementTree(etree.fromstring(TEI.encode()))
        self.coverage = 1.0


def test_scorer_counts_facts_links_and_missing_pages(score_real, tmp_path, capsys, monkeypatch):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "001.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(score_real.cablegram, "convert", FakeConversion)
    result = run(score_real, tmp_path, FACTS, capsys)
    assert result["pages"] == 1 and result["missing"] == ["002.txt"]
    f = {k: (v["right"], v["total"]) for k, v in result["facts"].items()}
    assert f["title"] == (1, 1) and f["date"] == (1, 1) and f["translator"] == (1, 1)
    assert f["sender"] == (1, 1)           # letter-spaced name matches 'Sorokin'
    assert f["recipient"] == (0, 1)        # a place is not a recipient
    assert f["languages"] == (1, 1) and f["roles"] == (2, 2) and f["original language"] == (1, 1)
    assert f["archival refs"] == (5, 5)    # 'AP RF' finds 'APRF'; fond, opis, delo, listy 55-56
    assert f["record URL/id"] == (2, 2)    # URL absent on both sides, record id equal
    assert f["numbered points"] == (0, 2)  # the facts say 5 per version, the TEI has 2
    assert f["signatures"] == (0, 2)       # ru lacks the quoted signature; en has none
    assert result["overall"] == {"right": 15, "total": 20, "accuracy": 0.75}
    # links: ru-u1/en-u1 right, ru-u1/en-u2 wrong; gold pair 2 not found
    assert result["alignment"] == {"correct": 1, "predicted": 2, "gold_found": 1, "gold": 2,
                                   "precision": 0.5, "recall": 0.5, "pages": 1}
    assert result["tei_all_valid"]["checked"] is False
    assert result["per_page"]["001.txt"]["coverage"] == 1.0  # every word of the page is in the header or text


def test_a_failed_conversion_counts_every_fact_as_wrong(score_real, tmp_path, capsys):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "002.txt").write_bytes(b"")  # empty input: the converter refuses it
    result = run(score_real, tmp_path, FACTS, capsys)
    assert "002.txt" in result["failures"]
    assert result["overall"]["right"] == 0 and result["overall"]["total"] == 13
    assert result["per_page"]["002.txt"]["coverage"] == 0.0


def test_name_matching_rules(score_real):
    assert score_real.matches_name("SHTYKOV", "S H T Y K O V")
    assert score_real.matches_name("Filippov", "Cde. FILIPPOV [Stalin]")
    assert not score_real.matches_name("Roshchin", "BEIJING No. 1309 20 hours 05")
    assert score_real.matches_name("周恩来", "周恩来")
    assert score_real.norm_value("0078") == score_real.norm_value("78")
    assert score_real.norm_url("https://x.org/document/1/") == score_real.norm_url("http://x.org/document/1")
