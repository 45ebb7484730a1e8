"""The telegram-form vocabulary (ingest/data/form.toml): every example and counter-example is run, the loader
is strict, and the TEI targets are exactly what the schema's closed @type lists allow."""
from __future__ import annotations

import re
import tomllib

import pytest
from lxml import etree

from cablegram.analysis.form import classify
from cablegram.analysis.vocabulary import ZONES, Vocabulary, VocabularyError, vocabulary
from cablegram.ingest.rules import DATA_DIR, table
from conftest import REPO

VOCAB = vocabulary()
RNG = "{http://relaxng.org/ns/structure/1.0}"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _zone_for(kind):
    return {"front": "front", "back": "back"}.get(kind.zone, "message")


@pytest.mark.parametrize("kind", VOCAB.kinds, ids=lambda k: k.name)
def test_every_kind_has_a_role_and_examples(kind):
    assert kind.role.strip()
    assert kind.examples, f"{kind.name}: no examples"
    assert kind.counter_examples, f"{kind.name}: no counter-examples"


EXAMPLES = [(k.name, text) for k in VOCAB.kinds for text in k.examples]
COUNTER = [(k.name, text) for k in VOCAB.kinds for text in k.counter_examples]


@pytest.mark.parametrize("name,text", EXAMPLES)
def test_example_is_given_its_kind(name, text):
    kind = VOCAB.by_name[name]
    got, _, _ = classify(text, _zone_for(kind))
    assert got == name, f"{text!r} was read as {got!r}, not {name!r}"


@pytest.mark.parametrize("name,text", COUNTER)
def test_counter_example_is_not_given_the_kind(name, text):
    kind = VOCAB.by_name[name]
    got, _, _ = classify(text, _zone_for(kind))
    assert got != name, f"{text!r} was read as {name!r}"


@pytest.mark.parametrize("split", VOCAB.splits, ids=lambda s: "+".join(s.kinds))
def test_split_examples_split_into_their_kinds(split):
    assert split.examples
    for text in split.examples:
        m = split.pattern.match(text)
        assert m, text
        parts = m.groups()
        assert len(parts) == len(split.kinds)
        assert " ".join(parts) == text  # only the space between the parts is not kept
        for kind, part in zip(split.kinds, parts):
            assert classify(part, "front")[0] == kind, (part, kind)


@pytest.mark.parametrize("entry", VOCAB.embedded, ids=lambda e: e.type)
def test_embedded_message_examples_introduce_one_and_counter_examples_do_not(entry):
    assert entry.examples and entry.counter_examples
    for text in entry.examples:
        assert entry.pattern.search(text), text
    for text in entry.counter_examples:
        assert not entry.pattern.search(text), text


@pytest.mark.parametrize("entry", VOCAB.trailing_signatures, ids=lambda e: e.pattern.pattern[:20])
def test_trailing_signature_examples_split_into_text_and_signature(entry):
    assert entry.examples and entry.counter_examples
    for text in entry.examples:
        m = entry.pattern.match(text)
        assert m, text
        date = m.groupdict().get("date")
        assert f"{m['text']} {m['signature']}" + (f" {date}" if date else "") == text
    for text in entry.counter_examples:
        assert not entry.pattern.match(text), text


@pytest.mark.parametrize("entry", VOCAB.attached_points, ids=lambda e: e.pattern.pattern[:20])
def test_attached_point_examples_split_before_point_one(entry):
    assert entry.examples and entry.counter_examples
    for text in entry.examples:
        m = entry.pattern.match(text)
        assert m, text
        assert f"{m['text']} {m['point']}" == text and m["n"] == "1"
    for text in entry.counter_examples:
        assert not entry.pattern.match(text), text


@pytest.mark.parametrize("entry", VOCAB.speaker_labels, ids=lambda e: e.type)
def test_speaker_label_examples_are_labels_and_counter_examples_are_not(entry):
    assert entry.examples and entry.counter_examples
    for text in entry.examples:
        m = entry.pattern.match(text)
        assert m, text
        if entry.type == "dialogue":
            assert m["speaker"].strip() and text.startswith(m["speaker"]), text
    for text in entry.counter_examples:
        assert not entry.pattern.match(text), text


def test_embedded_message_types_are_the_schema_floatingtext_types():
    assert {e.type for e in VOCAB.embedded} <= _closed_types("floatingText")


@pytest.mark.parametrize("typed", VOCAB.idno, ids=lambda t: t.type)
def test_idno_examples_get_their_type(typed):
    assert typed.examples
    for text in typed.examples:
        assert VOCAB.idno_type(text, "doc-number", "opener") == typed.type, text


@pytest.mark.parametrize("typed", VOCAB.stamps, ids=lambda t: t.type)
def test_stamp_examples_get_their_type(typed):
    assert typed.examples
    for text in typed.examples:
        assert VOCAB.stamp_type(text) == typed.type, text


def test_a_stamp_with_no_telling_words_is_an_office_stamp():
    assert VOCAB.stamp_type("Штамп канцелярии") == "office"


def test_categories_name_the_same_thing_in_both_languages():
    assert VOCAB.category("marking", "СОВ. СЕКРЕТНО") == VOCAB.category("marking", "Top Secret")
    assert VOCAB.category("precedence", "ВНЕ ОЧЕРЕДИ")[0] == "pr-out-of-turn"
    assert VOCAB.category("marking", "Secretary") is None


def _raw():
    with open(DATA_DIR / "form.toml", "rb") as fh:
        return tomllib.load(fh)


@pytest.mark.parametrize("where", ["top", "kind", "tei", "builtin", "idno", "inline", "split", "embedded"])
def test_the_loader_rejects_unknown_keys(where):
    data = _raw()
    target = {"top": data, "kind": data["kind"][3], "tei": data["kind"][0]["tei"], "builtin": data["builtin"][0],
              "idno": data["idno"][0], "inline": data["inline"], "split": data["split"][0],
              "embedded": data["embedded"][0]}[where]
    target["counterexamples"] = "a typo"
    with pytest.raises(VocabularyError, match="unknown key"):
        Vocabulary(data)


def test_the_table_as_shipped_loads():
    Vocabulary(_raw())


def test_every_builtin_kind_is_produced_by_the_form_reader():
    source = (REPO / "src" / "cablegram" / "analysis" / "form.py").read_text(encoding="utf-8")
    for kind in VOCAB.builtins:
        assert f'"{kind.name}"' in source, f"builtin kind {kind.name!r} is never given"


# ------------------------------------------------------------------ TEI targets against the schema
def _closed_types(element: str) -> set[str]:
    """The @type values the customization (cablegram.rng) allows on an element."""
    rng = etree.parse(str(REPO / "schemas" / "cablegram.rng"))
    values: set[str] = set()
    for el in rng.iter(f"{RNG}element"):
        if el.get("name") != element:
            continue
        for attr in el.iter(f"{RNG}attribute"):
            if attr.get("name") == "type":
                values |= {v.text for v in attr.iter(f"{RNG}value")}
    return values


def _targets(element: str) -> set[str]:
    found = set()
    for kind in VOCAB.kinds + VOCAB.builtins:
        for zone in ZONES:
            el, t = VOCAB.tei_target(kind.name, zone)
            if el == element and t:
                found.add(t)
    return found


def test_seg_types_are_the_vocabulary_opener_targets():
    assert _targets("seg") == _closed_types("seg")


def test_ab_types_cover_the_vocabulary_targets():
    # 'distribution' (an empty list's heading) and 'address' (hand-edited TEI) are allowed beyond them
    assert _targets("ab") == _closed_types("ab") - {"distribution", "address"}


def test_fw_and_pb_types_are_the_milestone_table():
    fw = {m["fw"] for m in VOCAB.milestones.values()} | _targets("fw")
    pb = {m["pb"] for m in VOCAB.milestones.values() if "pb" in m}
    assert fw == _closed_types("fw")
    assert pb == _closed_types("pb")


def test_stamp_and_idno_types_are_in_the_schema():
    stamps = {t.type for t in VOCAB.stamps} | {"office"}
    assert stamps == _closed_types("stamp") - {"registration"}
    idno = {t.type for t in VOCAB.idno} | {v for d in VOCAB.idno_default.values() for v in d.values()}
    # the header's identifiers and the archival ones ('delo', 'file', 'issue'…: the archive table's [kinds])
    # are not the telegram form's
    archival = set(table("archives")["kinds"]["idno"])
    assert idno == _closed_types("idno") - {"URI", "record", "local", "wikidata", "viaf", "gnd", "geonames"} - archival
