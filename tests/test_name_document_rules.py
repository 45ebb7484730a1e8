"""Names within one document (issue 11): surnames that stand for a person the document names in full, names
an editor completed in brackets, places joined by a hyphen, and the Han surname before a title."""
from __future__ import annotations

import pytest

from cablegram.analysis.authority import authority
from cablegram.analysis.names import learn, rules


def marked(texts: list[str], text: str) -> list[tuple[str, str | None]]:
    return [(text[m.start:m.end], m.ref) for m in learn(texts).find(text)]


def test_a_surname_alone_is_the_person_the_document_names_in_full():
    doc = ["Kim Il Sung arrived in Beijing.", "Mao sought the information after a report from Kim, who said"]
    assert ("Kim", "per-kim") in marked(doc, doc[1])


def test_a_surname_two_persons_of_the_document_share_is_not_linked():
    doc = ["Kim Il Sung and Kim Du-bong met.", "Kim said"]
    assert ("Kim", "per-kim") not in marked(doc, doc[1]) and ("Kim", "per-kim-tu-bong") not in marked(doc, doc[1])


def test_a_surname_is_not_an_alias_in_a_document_without_the_full_name():
    assert [r for t, r in marked(["a report from Kim, who said"], "a report from Kim, who said") if t == "Kim"] == []


def test_a_western_surname_is_never_taken_from_the_given_name():
    doc = ["John Foster Dulles spoke.", "John said"]
    assert ("John", "per-dulles") not in marked(doc, doc[1])


@pytest.mark.parametrize("text, name, ref", [
    ("also inform Peng [Dehuai], Gao [Gang]:", "Peng", "per-peng"),
    ("also inform Peng [Dehuai], Gao [Gang]:", "Gao", "per-gao-gang"),
    ("Premier Kim [Il Sung] plans", "Kim", "per-kim"),
    ("Cde. [N.V.] Roshchin said", "Roshchin", "per-roshchin"),
])
def test_a_name_completed_in_brackets_is_marked_outside_them(text, name, ref):
    assert (name, ref) in marked([text], text)


def test_the_authority_file_reads_a_bracketed_completion_as_one_name():
    text = "also inform Peng [Dehuai], Gao [Gang]:"
    assert [(text[m.start:m.end], m.ref) for m in authority().find(text)] == [
        ("Peng [Dehuai]", "per-peng"), ("Gao [Gang]", "per-gao-gang")]


@pytest.mark.parametrize("text, names", [
    ("the Lanzhou-Xi’an air route", [("Lanzhou", "pl-lanzhou"), ("Xi’an", "pl-xian")]),
    ("a route from URUMCHI-LANZHOU to XI’AN", [("LANZHOU", "pl-lanzhou"), ("XI’AN", "pl-xian")]),
])
def test_places_joined_by_a_hyphen_are_each_found(text, names):
    assert [(text[m.start:m.end], m.ref) for m in authority().find(text)] == names


def test_a_hyphenated_name_is_still_one_name():
    text = "Pak Heon-yeong and Sino-Soviet relations"
    assert [(text[m.start:m.end], m.ref) for m in authority().find(text)] == [("Pak Heon-yeong", "per-pak-hon-yong")]


@pytest.mark.parametrize("text, surname", [tuple(e) for e in rules()["han"]["examples"]])
def test_a_han_surname_before_a_title_is_the_person_the_document_names(text, surname):
    found = [(text[m.start:m.end], m.how) for m in learn([text]).find(text)]
    assert (surname, "document") in found


@pytest.mark.parametrize("text", rules()["han"]["counter_examples"])
def test_no_han_surname_without_the_full_name_or_without_a_title(text):
    assert [m for m in learn([text]).find(text) if m.how == "document"] == []


def test_a_name_learned_from_the_summary_marks_the_signature():
    """'Comrade Nowak reports …' in the record's summary, '/-/ Nowak' in the text: the document step
    (analysis.document_names) learns from the record's title and summary as well as the text's lines."""
    finder = learn(["/-/ Nowak", "Comrade Nowak reports on the propaganda."])
    assert [("/-/ Nowak"[m.start:m.end], m.ref) for m in finder.find("/-/ Nowak")] == [("Nowak", None)]
