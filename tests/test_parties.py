"""The parties a record title (and, weakly, the text) names: one table (ingest/data/parties.toml), one
reader (ingest/titles.py), used by the correspondents and by the original language (issue 10)."""
from __future__ import annotations

import re

import pytest

from cablegram.ingest.rules import table
from cablegram.ingest.titles import name_words, read_title, recording_party
from cablegram.tei.convert import convert_text

PARTIES = table("parties")
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _examples(section: str):
    return [(entry["pattern"], ex) for entry in PARTIES[section] for ex in entry["examples"]]


@pytest.mark.parametrize("pattern, example", _examples("correspondents"), ids=lambda v: v if isinstance(v, str) else v["title"])
def test_every_title_form_reads_its_examples(pattern, example):
    parsed = read_title(example["title"])
    assert parsed.senders == ((example["sender"],) if "sender" in example else ())
    assert parsed.recipients == ((example["recipient"],) if "recipient" in example else ())


@pytest.mark.parametrize("pattern, example", _examples("dispatch_place"), ids=lambda v: v if isinstance(v, str) else v["title"])
def test_every_dispatch_place_form_reads_its_examples(pattern, example):
    parsed = read_title(example["title"])
    assert parsed.places == (example["place"],)
    assert parsed.to_places == ((example["to_place"],) if "to_place" in example else ())
    assert example["place"] not in " ".join(parsed.senders)


@pytest.mark.parametrize("example", PARTIES["conversation"]["examples"], ids=lambda e: e["title"])
def test_a_conversation_between_two_parties_names_both_and_not_by_itself_the_sender(example):
    parsed = read_title(example["title"])
    assert parsed.conversation == (example["a"], example["b"])
    # only the rest of the title may name the author; without evidence neither party is the sender
    assert parsed.senders == ((example["sender"],) if "sender" in example else ())
    assert parsed.author_part == example.get("sender", "")


@pytest.mark.parametrize("example", PARTIES["relaying"]["examples"], ids=lambda e: e["line"])
def test_the_relaying_formula_reads_its_examples(example):
    m = re.match(PARTIES["relaying"]["pattern"], example["line"])
    assert (m.group("sender") if m else None) == example.get("sender")


# --- which party of a conversation wrote the record ------------------------------------------------------
PARTIES_AB = ("Soviet Ambassador Ivan Petrov", "Deputy Minister Jan Kowal")


def test_the_name_of_a_party_is_the_run_of_capitalised_words_after_its_office():
    assert name_words("Soviet Ambassador to Mongolia P. A. Lukin") == ["lukin"]
    assert name_words("Counsellor of the Chinese Embassy Wang Li") == ["wang"]
    assert name_words("the Soviet Ambassador") == []


@pytest.mark.parametrize("text, signatures, want", [
    ("I received Kowal at his request. Kowal said that the talks would begin.", (), PARTIES_AB[0]),
    ("[I] called on Petrov. Petrov told me that the ship had sailed.", (), PARTIES_AB[1]),
    ("From the journal of I. Petrov. Kowal and Petrov discussed the treaty.", (), PARTIES_AB[0]),
    ("Kowal and Petrov discussed the treaty. I was present.", ("I. PETROV",), PARTIES_AB[0]),
])
def test_the_recorder_is_chosen_from_evidence(text, signatures, want):
    assert recording_party(PARTIES_AB, text, signatures)[0] == want


@pytest.mark.parametrize("text", [
    "Kowal and Petrov discussed the treaty.",  # no first person: a third party's minutes
    "I said to Kowal that Petrov agreed.",  # both named: no evidence either way
    "",
])
def test_without_evidence_the_recorder_stays_unknown(text):
    assert recording_party(PARTIES_AB, text) == (None, "")


# --- end to end: what the TEI says ---------------------------------------------------------------------
EXPORT = """\
May 3, 1961
{title}

Citation:

"{title}," May 3, 1961, Wilson Center Digital Archive. https://digitalarchive.wilsoncenter.org/document/999101

Summary:

A synthetic test document written for cablegram.

{text}
"""


def _sent(title: str, text: str):
    root = convert_text(EXPORT.format(title=title, text=text), "parties.txt").tei.getroot()
    return root.findall(".//t:correspAction[@type='sent']/*", NS)


def test_the_recorder_of_a_conversation_is_marked_inferred():
    sent = _sent("Record of a Conversation between Soviet Ambassador Ivan Petrov and Deputy Minister Jan Kowal",
                 "I received Kowal at his request. Kowal said that the talks would begin in June.")
    names = [e for e in sent if e.tag.endswith("persName")]
    assert [e.text for e in names] == [PARTIES_AB[0]]
    assert names[0].get("cert") == "medium" and names[0].get("resp") == "#cablegram"


def test_a_conversation_without_evidence_has_no_sender():
    sent = _sent("Memorandum of Conversation between Ivan Petrov and Jan Kowal",
                 "Petrov and Kowal discussed the treaty. Kowal said that the talks would begin in June.")
    assert not [e for e in sent if not e.tag.endswith("date")]


def test_a_dispatch_place_is_a_place_of_the_sending():
    sent = _sent("Cable Nº 5511 from Ankara", "The minister told me that the talks would begin in June.")
    assert [(e.tag.split("}")[1], e.text) for e in sent if not e.tag.endswith("date")] == [("placeName", "Ankara")]


def test_a_stated_sender_is_not_marked_inferred():
    sent = _sent("Telegram Petrov to Kowal on the Treaty", "The minister told me that the talks would begin in June.")
    assert [(e.text, e.get("cert")) for e in sent if e.tag.endswith("persName")] == [("Petrov", None)]


@pytest.mark.parametrize("head", ["from SMYRNA", "From: Smyrna", "Smyrna, 5 May 1946"])
def test_a_title_sender_the_text_heads_as_its_dispatch_place_is_a_place(head):
    # 'Cable from Smyrna': the authority does not know Smyrna, but the text's head says it was sent from there
    sent = _sent("Cable from Smyrna on the Straits", f"CABLE\n\n{head}\n\nToday the governor told me that the port stays closed.")
    assert [(e.tag.split("}")[1], e.text) for e in sent if not e.tag.endswith("date")] == [("placeName", "Smyrna")]


def test_source_words_tell_a_source_from_a_sender():
    for text in PARTIES["source_examples"]:
        assert re.search(PARTIES["source_words"], text), text
    for text in PARTIES["source_counter_examples"]:
        assert not re.search(PARTIES["source_words"], text), text


def test_the_signer_is_the_sender_when_nothing_else_names_one():
    sent = _sent("Secret Telegram No. 5 - From Moscow to Warsaw",
                 "To Comrade Kowal\n\nThe Soviet side asked to be informed before the decision is taken.\n\n/-/ Nowak")
    names = [(e.tag.split("}")[1], e.text, e.get("cert")) for e in sent if not e.tag.endswith("date")]
    assert names == [("persName", "Nowak", "medium"), ("placeName", "Moscow", None)]


@pytest.mark.parametrize("line, want", [("[To] Ambassador Ivan Petrov:", "Ambassador Ivan Petrov"),
                                        ("[To the] Foreign Ministry:", "Foreign Ministry")])
def test_a_recipient_line_whose_to_the_translator_supplied_names_the_recipient(line, want):
    root = convert_text(EXPORT.format(title="Cable from Jan Kowal, 'On the Talks'",
                                      text=f"{line}\n\nThe talks will begin in June, as agreed.\n\nKowal"), "parties.txt").tei.getroot()
    assert [e.text for e in root.findall(".//t:correspAction[@type='received']/*", NS) if not e.tag.endswith("date")] == [want]


def test_the_title_rules_live_in_one_table():
    assert "title" not in table("layout")  # parties.toml is the only title table


# --- subject words, cable-office handling, routing lines (held-out-2 classes) ----------------------------
@pytest.mark.parametrize("example", PARTIES["subject_examples"], ids=lambda e: e["title"])
def test_a_capitalised_subject_word_ends_the_party(example):
    parsed = read_title(example["title"])
    assert parsed.senders == (example["sender"],)
    assert parsed.recipients == ((example["recipient"],) if "recipient" in example else ())


@pytest.mark.parametrize("example", PARTIES["handling_tail_examples"], ids=lambda e: e["title"])
def test_the_handling_after_the_parties_is_cut(example):
    from cablegram.ingest.titles import without_handling
    assert without_handling(example["title"]) == example["rest"]
    parsed = read_title(example["title"])
    assert not any(re.search(r"SECRET|Secret|Urgent|No\.", p) for p in parsed.senders + parsed.recipients)


def test_routing_lines_are_recognised_and_only_they():
    for text in PARTIES["routing_examples"]:
        assert re.search(PARTIES["routing"], text), text
    for text in PARTIES["routing_counter_examples"]:
        assert not re.search(PARTIES["routing"], text), text


@pytest.mark.parametrize("title, sender", [
    ("From the Journal of S.I. Ivan'kov, 'Record of a Conversation with the Minister, 2 May 1958'", "S.I. Ivan'kov"),
    ("Letter from Jan Roe, 'On the Harvest', and a Reply", "Jan Roe"),
])
def test_an_apostrophe_inside_a_word_is_no_quote(title, sender):
    assert read_title(title).senders == (sender,)


def test_a_title_party_that_is_a_place_is_a_place_and_the_address_line_names_the_person():
    root = convert_text(EXPORT.format(title="Telegram from Sofia to Tirana, SECRET, No. 12.345",
                                      text="To: Comrade Anna Roe\n\nThe talks will begin in June, as agreed."),
                        "parties.txt").tei.getroot()
    sent = [(e.tag.split("}")[1], e.text) for e in root.findall(".//t:correspAction[@type='sent']/*", NS)
            if not e.tag.endswith("date")]
    received = [(e.tag.split("}")[1], e.text) for e in root.findall(".//t:correspAction[@type='received']/*", NS)]
    assert sent == [("placeName", "Sofia")]
    assert ("persName", "Comrade Anna Roe") in received and ("placeName", "Tirana") in received
    assert not any("SECRET" in t or "12.345" in t for _, t in received)


# --- a conversation 'with X': the title names only the interlocutor -------------------------------------
@pytest.mark.parametrize("example", PARTIES["conversation"]["with_examples"], ids=lambda e: e["title"])
def test_a_conversation_with_one_party_names_the_interlocutor_not_the_sender(example):
    m = re.search(PARTIES["conversation"]["with"], example["title"])
    assert m and m.group("b") == example["b"]
    assert read_title(example["title"]).senders == ()  # no text, no evidence: no sender


@pytest.mark.parametrize("example", PARTIES["journal_line_examples"], ids=lambda e: e["line"])
def test_a_journal_line_names_its_owner(example):
    assert re.match(PARTIES["journal_line"], example["line"]).group("who") == example["who"]


@pytest.mark.parametrize("text, want", [
    ("From the Journal of A. K. Morozov\n\nI called on Roe. Roe told me that the herds wintered well.", "A. K. Morozov"),
    ("Record of conversation of Ambassador I. Doe with Premier Jan Roe\n\nRoe told me that the talks went well.",
     "Ambassador I. Doe"),
    ("I called on Roe. Roe told me that the herds wintered well.", None),  # first person, no name: absent
    ("From the Journal of Jan Roe\n\nI received the ambassador.", None),  # the journal is the interlocutor's
])
def test_the_recorder_of_a_conversation_with_one_party_comes_from_the_text(text, want):
    parsed = read_title("Memorandum of Conversation with Premier Jan Roe", text)
    assert parsed.senders == ((want,) if want else ())


def test_the_recorder_of_a_conversation_with_one_party_is_marked_inferred():
    sent = _sent("Memorandum of Conversation with Premier Jan Roe",
                 "From the Journal of A. K. Morozov\n\nI called on Roe at his office. Roe told me that the "
                 "herds had wintered well.")
    names = [e for e in sent if e.tag.endswith("persName")]
    assert [e.text for e in names] == ["A. K. Morozov"]
    assert names[0].get("cert") == "medium" and names[0].get("resp") == "#cablegram"


@pytest.mark.parametrize("head, place", [("Sender: New York", "New York"), ("Sender: Washington, DC", "Washington, DC")])
def test_a_sender_label_naming_a_city_the_authority_lacks_makes_the_title_sender_a_place(head, place):
    root = convert_text(EXPORT.format(title=f"Telegram from {place} to Sofia, SECRET, No. 12.345",
                                      text=f"{head}\n\nTo: Comrade Anna Roe\n\nThe talks will begin in June."),
                        "parties.txt").tei.getroot()
    sent = [(e.tag.split("}")[1], e.text) for e in root.findall(".//t:correspAction[@type='sent']/*", NS)
            if not e.tag.endswith("date")]
    assert sent == [("placeName", place)]


def test_a_sender_label_naming_an_office_is_no_place():
    root = convert_text(EXPORT.format(title="Telegram from Ambassador Ivan Doe to Sofia",
                                      text="Sender: Ambassador Ivan Doe\n\nThe talks will begin in June."),
                        "parties.txt").tei.getroot()
    sent = [e.tag.split("}")[1] for e in root.findall(".//t:correspAction[@type='sent']/*", NS)
            if not e.tag.endswith("date")]
    assert "placeName" not in sent and sent


@pytest.mark.parametrize("title", PARTIES["not_a_sender_examples"])
def test_a_record_of_an_event_names_no_sender_by_its_from(title):
    """'Minutes from X's Reception of Y': 'from' names where the record comes from; who wrote it is
    unknown without evidence, so the title gives no sender (and no recipient)."""
    parsed = read_title(title)
    assert parsed.senders == () and parsed.recipients == ()


def test_words_that_are_a_party_are_not_an_event():
    for text in PARTIES["not_a_sender_counter_examples"]:
        assert not re.search(PARTIES["not_a_sender"], text), text


@pytest.mark.parametrize("example", PARTIES["received_party_examples"], ids=lambda e: e["title"])
def test_the_party_received_or_visiting_is_not_the_author(example):
    """'… Reception of Y', '… Visit of Y': Y is the other party of the event, not the record's author."""
    assert read_title(example["title"]).author_part.strip() == example["author"]
