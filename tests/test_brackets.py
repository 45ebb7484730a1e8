"""Square brackets by kind (issue 10): an editor's insertion is supplied text, a description of the document
('[signature]') or a comment ('[sic]') an editorial note in place, a transliterated word of the original a
gloss, a numbered reference ('[1]') the footnote it points to. The rules are data
(src/cablegram/ingest/data/brackets.toml); every example and counter-example there is checked here."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from cablegram.analysis.inline import Footnotes, InlineReader, bracket_kind
from cablegram.ingest.rules import table
from cablegram.tei.writer import _Writer

NS = {"t": "http://www.tei-c.org/ns/1.0"}
PENDING_FOOTNOTES = {"[1]", "[2]"}  # the version of every example has footnotes '[1]' and '[2]'


def _kind_of(example: str) -> str:
    m = re.search(r"\[([^\[\]]+)\]", example)
    attached = m.start() > 0 and not example[m.start() - 1].isspace()
    return bracket_kind(m.group(1), attached=attached, footnote=m.group(0) in PENDING_FOOTNOTES)


CASES = [(kind["name"], example, True) for kind in table("brackets")["kind"] for example in kind["examples"]]
CASES += [(kind["name"], example, False) for kind in table("brackets")["kind"] for example in kind["counter_examples"]]


@pytest.mark.parametrize("kind, example, is_kind", CASES, ids=[f"{k}:{e}" for k, e, _ in CASES])
def test_every_example_of_the_bracket_table_is_read_as_its_kind(kind, example, is_kind):
    assert (_kind_of(example) == kind) == is_kind, _kind_of(example)


def test_lower_case_english_words_are_supplements_and_transliterations_glosses():
    assert bracket_kind("that he", attached=False, footnote=False) == "supplement"
    assert bracket_kind("khozraschet", attached=False, footnote=False) == "gloss"
    assert bracket_kind("zhengfeng", attached=False, footnote=False) == "gloss"  # pinyin too


def test_a_number_is_a_footnote_reference_only_where_the_footnote_exists():
    assert bracket_kind("1", attached=False, footnote=True) == "footnote"
    assert bracket_kind("1", attached=False, footnote=False) == "supplement"


def _encode(text: str, footnotes=()) -> etree._Element:
    reader = InlineReader(None, "#tr-en", Footnotes([(n, body, 9) for n, body in footnotes]))
    p = etree.Element("{http://www.tei-c.org/ns/1.0}p")
    writer = _Writer.__new__(_Writer)  # only its inline writing is used: no document needed
    writer.refs = set()
    writer.inline(p, reader.read(text))
    return p


def test_each_kind_is_encoded_with_the_brackets_kept_as_text():
    p = _encode("The [Soviet] side is ready [gotov].[1] [signature]", footnotes=[("[1]", "[1] Not in the file.")])
    assert "".join(p.itertext()).startswith("The [Soviet] side is ready [gotov].")
    assert p.xpath("string(t:supplied[@reason='editorial'][@resp='#tr-en'])", namespaces=NS) == "Soviet"
    assert p.xpath("string(t:gloss[@resp='#tr-en'])", namespaces=NS) == "gotov"
    note = p.find("t:note[@type='footnote']", NS)
    assert note.get("n") == "[1]" and "".join(note.itertext()) == "Not in the file."  # the mark is @n, once
    assert p.xpath("string(t:note[@type='editorial'][@place='inline'])", namespaces=NS) == "signature"


def test_an_asterisk_and_a_numbered_reference_each_find_their_own_footnote():
    p = _encode("First* and second.[2]", footnotes=[("[2]", "[2] Second note."), ("*", "* First note.")])
    assert [(n.get("n"), "".join(n.itertext())) for n in p.iterfind("t:note", NS)] == [
        ("*", "First note."), ("[2]", "Second note.")]


def test_a_number_attached_to_a_word_whose_footnote_is_missing_stays_plain_text():
    p = _encode("Zhang Wentian[4] said")
    assert "".join(p.itertext()) == "Zhang Wentian[4] said"
    assert not p.xpath("t:supplied | t:note", namespaces=NS)


def test_a_translators_note_in_brackets_is_the_translators():
    p = _encode("[Translator's note: the next line was underlined] We agree.")
    assert p.xpath("string(t:note[@type='translator'][@place='inline'])", namespaces=NS).startswith("Translator's note")
