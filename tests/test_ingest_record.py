"""Record metadata is found in every export layout, and nothing absent is invented."""
from __future__ import annotations

import datetime as dt

import pytest

from cablegram.ingest.record import split_export
from cablegram.ingest.versions import split_versions
from conftest import EXAMPLES

BY_NAME = {p.name[:3]: p for p in EXAMPLES}


def record(key):
    return split_export(BY_NAME[key].read_text(encoding="utf-8")).record


@pytest.mark.parametrize(
    "key, layout, title, date",
    [
        ("000", "markdown-export", "Telegram from Kuznetsov to Soviet Foreign Ministry regarding a Meeting with Mao Zedong", dt.date(1953, 7, 29)),
        ("001", "markdown-export", "Telegram from USSR Foreign Minister V.M. Molotov to Soviet Ambassador in Beijing", dt.date(1953, 7, 4)),
        ("002", "classic-page", "Cable No. 21756, Mao Zedong to Cde. Filippov [Stalin]", dt.date(1951, 7, 13)),
        ("003", "labelled-plain", "Ciphered Telegram No. 2950, Filippov [Stalin] to Krasovsky, for Cde. Mao Zedong", dt.date(1951, 7, 3)),
        ("004", "labelled-plain", "Ciphered Telegram from Mao Zedong to Filippov [Stalin]", dt.date(1951, 7, 20)),
    ],
)
def test_title_and_date_in_every_layout(key, layout, title, date):
    rec = record(key)
    assert (rec.layout, rec.title, rec.date) == (layout, title, date)


def test_citation_url_and_record_id():
    rec = record("000")
    assert rec.citation.startswith('"Telegram from Kuznetsov') and "Listy 156-158" in rec.citation
    assert rec.url == "https://wilson-center-digital-archive.dvincitest.com/document/112125"
    assert rec.record_id == "112125"


def test_url_on_its_own_line_after_the_citation():
    assert record("004").url == "https://wilson-center.drivingcreative.com/document/119538"


def test_translator_and_funder():
    rec = record("001")
    assert rec.translator == "Vladislav Zubok"
    assert rec.translator_statement == "Translated for CWIHP by Vladislav Zubok"
    assert rec.funders == ["Leon Levy Foundation"]


def test_scraped_page_trailing_record_information():
    rec = record("002")
    assert rec.citation == "RGASPI, f. 558, op. 11, d. 340, ll. 0043-0045. Translated by Gary Goldberg."
    assert rec.citation_field == "document_information"
    assert rec.translator == "Gary Goldberg"
    assert rec.summary == "Mao asks Stalin for approval on the armistice negotiation agenda."
    assert rec.summary_by_position
    assert len(rec.rights) == 2
    # present but empty fields are reported, and the funder named at the foot is not taken for a record id
    assert rec.record_id is None and rec.url is None
    assert rec.empty_fields == ["Original Uploaded Date", "Record ID"]


def test_boilerplate_is_dropped_only_by_listed_rules():
    split = split_export(BY_NAME["001"].read_text(encoding="utf-8"))
    rules = {d.rule for d in split.dropped}
    assert rules <= {"site-branding", "table-rule", "horizontal-rule", "field-label"}
    assert any(d.text == "International History Declassified" for d in split.dropped)


def test_contents_list():
    assert record("003").contents == ["Original Scan", "Transcript - Russian", "Translation - English"]


@pytest.mark.parametrize(
    "key, versions",
    [
        ("000", [("en", "translation", None)]),
        ("001", [("ru-t", "original", "transcript"), ("ru-p", "original", "published"), ("en", "translation", None)]),
        ("002", [("ru", "original", None), ("en", "translation", None)]),
        ("003", [("ru-t", "original", "transcript"), ("ru-p", "original", "published"), ("en", "translation", None)]),
        ("004", [("ru", "original", None)]),
    ],
)
def test_language_versions(key, versions):
    split = split_export(BY_NAME[key].read_text(encoding="utf-8"))
    found, _ = split_versions(split.body, split.record)
    assert [(v.xml_id, v.role, v.subtype) for v in found] == versions


def test_a_short_latin_line_in_russian_text_does_not_start_a_translation():
    split = split_export(BY_NAME["004"].read_text(encoding="utf-8"))
    found, _ = split_versions(split.body, split.record)
    assert [v.lang for v in found] == ["ru"]  # 'MOUSE-ON', an OCR-garbled signature, stays inside
    assert any(line.text == "MOUSE-ON" for line in found[0].lines)


def test_published_version_starts_at_its_page_marker():
    split = split_export(BY_NAME["001"].read_text(encoding="utf-8"))
    found, _ = split_versions(split.body, split.record)
    published = [l.text for l in found[1].lines if l.text]
    assert published[:3] == ["- 1039 -", "№ 338", published[2]] and published[2].startswith("Телеграмма министра")
