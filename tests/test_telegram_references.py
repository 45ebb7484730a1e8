"""References to other telegrams: recognised by the converter from a data table (telegram_references.toml),
encoded as `<ref type="telegram">` (number in @n, date in a `date` child, whose telegram in @subtype), and
resolved across a corpus (@target) by `cablegram convert` with several files and by `cablegram build`.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from lxml import etree

from cablegram.analysis.cables import find_references, patterns
from cablegram.chains import CableFacts, CitedTelegram, chains, link_files, resolve
from cablegram.cli import main
from cablegram.tei.convert import convert, convert_text
from conftest import EXAMPLES, GOLDEN_DIR

T = "{http://www.tei-c.org/ns/1.0}"
ANSWERING = "003_1913699800420464"  # Stalin to Mao, 3 July 1951: "your telegram of 3 July"
MAO = next(p for p in EXAMPLES if p.name.startswith("002_"))  # Mao to Stalin, 13 July 1951


# ---------------------------------------------------------------- the table
def _cases(key):
    for pattern in patterns():
        for text in getattr(pattern, key):
            yield pytest.param(pattern.name, text, id=f"{pattern.name}: {text}")


@pytest.mark.parametrize("name, example", list(_cases("examples")))
def test_every_example_of_the_table_is_a_reference(name, example):
    text, _, phrase = example.partition(" => ")
    found = find_references(text)
    assert len(found) == 1, found
    assert found[0].pattern == name
    assert found[0].phrase == (phrase or found[0].phrase)
    assert found[0].number or found[0].code_day or re.search(r"\d", found[0].phrase.split(" ", 2)[-1])


@pytest.mark.parametrize("name, counter_example", list(_cases("counter_examples")))
def test_no_counter_example_of_the_table_is_a_reference(name, counter_example):
    assert find_references(counter_example) == []


def test_a_reference_says_whose_telegram_and_its_number():
    [mine] = find_references("In addition to my No. 2390, I report")
    assert (mine.whose, mine.number, mine.phrase) == ("sender", "2390", "my No. 2390")
    [yours] = find_references("на Ваш № 48 сообщаем")
    assert (yours.whose, yours.number) == ("addressee", "48")
    [theirs] = find_references("Их телеграмма от 9 мая")
    assert theirs.whose == "other"


def test_a_chinese_telegraph_date_code_is_read_with_the_year_nearest_the_record():
    [ref] = find_references("酉冬电悉。")
    assert (ref.code_month, ref.code_day) == (10, 2)
    assert ref.code_when(dt.date(1950, 10, 3)) == ("1950-10-02", True)
    assert ref.code_when(dt.date(1951, 1, 5)) == ("1950-10-02", True)  # the autumn before, not the next one
    assert find_references("毛泽东电悉") == []  # a name's last character is no day code


# ---------------------------------------------------------------- the TEI
def _refs(tei):
    return tei.getroot().findall(f".//{T}text//{T}ref")


def test_the_converter_writes_each_reference_with_its_number_and_date():
    text = MAO.read_bytes().decode("utf-8").replace(
        "Regarding the ceasefire negotiations", "With reference to your telegram No. 4092 of 5 July, and to my No. 2390: regarding the ceasefire negotiations", 1)
    refs = _refs(convert_text(text, "x.txt").tei)
    assert [(r.get("type"), r.get("subtype"), r.get("n"), r.get("target")) for r in refs][:2] == [
        ("telegram", "addressee", "4092", None), ("telegram", "sender", "2390", None)]
    date = refs[0].find(f"{T}date")
    assert date.get("when") == "1951-07-05" and date.text == "5 July"
    assert "".join(refs[0].itertext()) == "your telegram No. 4092 of 5 July"


def test_the_golden_answer_marks_its_three_references_and_is_valid(tei_all, cablegram_rng):
    tree = etree.parse(str(GOLDEN_DIR / f"{ANSWERING}.xml"))
    refs = _refs(tree)
    assert ["".join(r.itertext()) for r in refs] == ["Вашу телеграмму от 3 июля"] * 2 + ["your telegram of 3 July"]
    assert {r.find(f"{T}date").get("when") for r in refs} == {"1951-07-03"}
    assert tei_all.validate(tree), str(tei_all.error_log)
    assert cablegram_rng.validate(tree), str(cablegram_rng.error_log)


def test_a_chinese_acknowledgement_becomes_a_reference_with_its_date():
    reader_text = "酉冬电悉。同意。"
    from cablegram.analysis.inline import InlineReader

    inline = InlineReader(dt.date(1950, 10, 3), "#src-wcda").read(reader_text)
    [span] = inline.spans
    assert (span.kind, span.attr("type"), span.attr("subtype")) == ("ref", "telegram", "addressee")
    [date] = span.inner.spans
    assert span.inner.text[date.start:date.end] == "酉冬"
    assert dict(date.attrs) == {"when": "1950-10-02", "ana": "#di-year-from-record"}


# ---------------------------------------------------------------- the corpus
def _facts(stem, date, sender, recipient, numbers=(), refs=()):
    return CableFacts(stem, date, frozenset({sender}), frozenset({recipient}), frozenset(numbers),
                      tuple(CitedTelegram(*r) for r in refs))


def test_a_reference_designates_only_the_one_telegram_that_fits():
    corpus = [_facts("a", "1951-07-03", "mao", "stalin", {"48"}),
              _facts("b", "1951-07-05", "stalin", "mao", refs=[("addressee", "48", "", ""), ("sender", "", "1951-07-03", "")]),
              _facts("c", "1951-07-03", "stalin", "mao", {"48"})]
    # 'your No. 48': the addressee's (Mao's) telegram 48, not Stalin's own of that number; 'my … of 3 July': Stalin's
    assert resolve(corpus)["b"] == ("a", "c")
    assert chains((s, t) for s, targets in resolve(corpus).items() for t in targets) == [["a", "b", "c"]]
    twins = corpus + [_facts("d", "1951-07-01", "mao", "stalin", {"48"})]
    assert resolve(twins)["b"] == ("", "c")  # two fit: no guess


def test_convert_with_several_files_targets_the_telegram_the_corpus_holds(tmp_path, tei_all, cablegram_rng):
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(EXAMPLES[3], texts)
    (texts / "mao-1951-07-03.txt").write_text(MAO.read_text(encoding="utf-8").replace("July 13, 1951", "July 3, 1951", 1), encoding="utf-8")
    out = tmp_path / "tei"
    assert main(["convert", str(texts), "-o", str(out), "-q"]) == 0
    answer = etree.parse(str(out / f"{ANSWERING}.xml"))
    assert [r.get("target") for r in _refs(answer)] == ["mao-1951-07-03.xml"] * 3
    assert tei_all.validate(answer), str(tei_all.error_log)
    assert cablegram_rng.validate(answer), str(cablegram_rng.error_log)
    # only @target differs from the file converted alone: same bytes otherwise
    alone = (GOLDEN_DIR / f"{ANSWERING}.xml").read_bytes()
    assert (out / f"{ANSWERING}.xml").read_bytes().replace(b' target="mao-1951-07-03.xml"', b"") == alone

    # a second telegram of Mao's of the same day: two fit, so no target
    (texts / "mao-1951-07-03-bis.txt").write_text((texts / "mao-1951-07-03.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["convert", str(texts), "-o", str(out), "-q"]) == 0
    assert (out / f"{ANSWERING}.xml").read_bytes() == alone


def test_link_files_leaves_a_file_it_may_not_write(tmp_path):
    for source in (EXAMPLES[3], MAO):
        shutil.copy(GOLDEN_DIR / source.with_suffix(".xml").name, tmp_path)
    mao = (tmp_path / f"{MAO.stem}.xml")
    mao.write_text(mao.read_text(encoding="utf-8").replace("1951-07-13", "1951-07-03"), encoding="utf-8")
    paths = sorted(tmp_path.glob("*.xml"))
    assert set(link_files(paths)) == {tmp_path / f"{ANSWERING}.xml"}
    assert link_files(paths, writable=lambda p: p.stem != ANSWERING) == {}


@pytest.fixture(scope="module")
def cablegram_rng():
    return etree.RelaxNG(etree.parse(str(GOLDEN_DIR.parent / "schemas" / "cablegram.rng")))


def test_build_links_the_references_of_the_edition_and_keeps_them_next_time(tmp_path):
    from cablegram.edition import BuildOptions, build

    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(EXAMPLES[3], texts)
    (texts / "mao-1951-07-03.txt").write_text(MAO.read_text(encoding="utf-8").replace("July 13, 1951", "July 3, 1951", 1), encoding="utf-8")
    edition, options = tmp_path / "ed", BuildOptions(pdf=False, volume=False)
    first = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=options)
    assert {d.status for d in first.documents} == {"built"}
    tei = edition / "tei" / f"{ANSWERING}.xml"
    assert [r.get("target") for r in _refs(etree.parse(str(tei)))] == ["mao-1951-07-03.xml"] * 3
    page = (edition / "site" / f"{ANSWERING}.html").read_text(encoding="utf-8")
    assert page.count('href="mao-1951-07-03.html"') >= 3
    assert (edition / "site" / "tei" / f"{ANSWERING}.xml").read_bytes() == tei.read_bytes()
    # the linked TEI is the build's own: the next build keeps everything
    again = build(sorted(texts.glob("*.txt")), edition, jobs=1, options=options)
    assert {d.status for d in again.documents} == {"unchanged"}
    # the answered telegram leaves the corpus: the reference is unlinked again
    (texts / "mao-1951-07-03.txt").unlink()
    build(sorted(texts.glob("*.txt")), edition, jobs=1, options=options)
    assert [r.get("target") for r in _refs(etree.parse(str(tei)))] == [None] * 3
