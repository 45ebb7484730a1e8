"""A message can contain other messages: a forwarded telegram keeps its own address, points and signature,
and the message it sits in goes on after it (instead of everything after it ending in the endorsements)."""
from __future__ import annotations

from lxml import etree

from cablegram.analysis import analyse
from cablegram.ingest import parse_document
from cablegram.tei.convert import convert_text
from cablegram.validate import Validator

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def _convert(datadir):
    return convert_text((datadir / "forwarded.txt").read_bytes(), "forwarded.txt", when="2024-01-01T00:00:00+00:00")


def test_the_forwarded_telegram_is_a_message_inside_the_message(datadir):
    conversion = _convert(datadir)
    root = conversion.tei.getroot()
    (message,) = root.xpath("//t:body/t:div/t:div[@type='message']", namespaces=TEI)
    (inner,) = message.xpath("t:floatingText[@type='forwarded']/t:body/t:div[@type='message']", namespaces=TEI)
    assert "To Ambassador Petrov" in "".join(inner.xpath("t:opener//text()", namespaces=TEI))
    assert [p.get("n") for p in inner.xpath("t:p", namespaces=TEI)] == ["1", "2"]
    assert "".join(inner.xpath("t:closer/t:signed//text()", namespaces=TEI)) == "IVANOV"
    # the outer message goes on: its second point and its own signature
    assert [p.get("n") for p in message.xpath("t:p", namespaces=TEI)] == ["1", None, "2"]
    assert "".join(message.xpath("t:closer/t:signed//text()", namespaces=TEI)) == "PETROV"
    assert not root.xpath("//t:div[@type='endorsements']", namespaces=TEI)
    assert conversion.coverage == 1.0


def test_embedded_units_have_their_own_ids(datadir):
    analysis = analyse(parse_document((datadir / "forwarded.txt").read_bytes(), "forwarded.txt"))
    ids = [b.xml_id for b in analysis.versions[0].tree.walk() if b.kind == "unit"]
    assert ids == ["en-u1", "en-u2", "en-m1-u1", "en-m1-u2", "en-u3"]
    assert len(set(ids)) == len(ids)


def test_the_encoding_is_valid_against_the_customization_and_tei_all(datadir, tei_all, tmp_path):
    conversion = _convert(datadir)
    assert tei_all.validate(conversion.tei), str(tei_all.error_log)
    path = tmp_path / "forwarded.xml"
    path.write_bytes(conversion.xml_bytes())
    errors = [d for d in Validator(xsd=True).validate_file(path) if d.severity == "error"]
    assert not errors, [d.format() for d in errors]


def test_explain_names_the_rule_that_opened_the_embedded_message(datadir):
    from cablegram.analysis.explain import explain

    doc = parse_document((datadir / "forwarded.txt").read_bytes(), "forwarded.txt")
    report = explain(doc, analyse(doc))
    (intro,) = [l for l in report["lines"] if l["rule"] == "embedded:forwarded"]
    assert intro["text"].startswith("I am forwarding the text of the telegram")
    signatures = [l["text"] for l in report["lines"] if l["kind"] == "signature"]
    assert signatures == ["IVANOV", "PETROV"]


def test_a_table_and_a_greeting_inside_the_text_do_not_end_the_message(datadir):
    conversion = convert_text((datadir / "interrupted.txt").read_bytes(), "interrupted.txt")
    root = conversion.tei.getroot()
    (message,) = root.xpath("//t:body/t:div/t:div[@type='message']", namespaces=TEI)
    assert [p.get("n") for p in message.xpath("t:p", namespaces=TEI)] == ["1", "2", "3"]
    table = message.xpath("t:table", namespaces=TEI)
    assert table and table[0].get("type") is None and len(table[0].xpath("t:row", namespaces=TEI)) == 3
    assert "Comrade Minister!" in "".join(message.xpath("t:ab//text()", namespaces=TEI))
    assert "".join(message.xpath("t:closer/t:signed//text()", namespaces=TEI)) == "SEMENOV"
    assert not root.xpath("//t:div[@type='endorsements']", namespaces=TEI)
    assert conversion.coverage == 1.0


import pytest  # noqa: E402


@pytest.mark.xfail(strict=True, reason="render/xslt: common.xsl cg:row-nodes shows only the p of a unit row, so what "
                   "stands between units (a table, a note, an embedded message) is not rendered; for the render stage")
def test_the_reading_edition_keeps_what_stands_between_units(datadir, tmp_path):
    import html
    import re

    from cablegram.render.html import HtmlRenderer

    for name in ("forwarded", "interrupted"):
        path = tmp_path / f"{name}.xml"
        path.write_bytes(convert_text((datadir / f"{name}.txt").read_bytes(), f"{name}.txt").xml_bytes())
    HtmlRenderer().render_site([tmp_path / "forwarded.xml", tmp_path / "interrupted.xml"], tmp_path / "site")
    for name, words in (("forwarded", ["delegation brings the draft", "IVANOV"]), ("interrupted", ["steel", "Comrade Minister"])):
        text = html.unescape(re.sub(r"<[^>]+>", " ", (tmp_path / "site" / f"{name}.html").read_text(encoding="utf-8")))
        for word in words:
            assert word in text, (name, word)
