"""Version roles from the record's evidence: an English-only export of a document held by a Russian archive,
or with a named translator, is a translation (issue 10: 'translations labelled as translations')."""
from __future__ import annotations

from cablegram.tei.convert import convert_text

TEI = {"t": "http://www.tei-c.org/ns/1.0"}

# the title names no author whose language it would tell (a "Soviet Ambassador" would: see test_origin.py)
EXPORT = """\
August 1, 1950
Telegram from the Ambassador to the Foreign Minister

Citation:

"Telegram from the Ambassador to the Foreign Minister," August 1, 1950, Wilson Center Digital Archive, {source}. https://digitalarchive.wilsoncenter.org/document/999004

Summary:

A synthetic test document written for cablegram.

1. The minister received me today and asked about the date of the talks.

2. I answered that the date would be set by the government.
"""


def _convert(source):
    return convert_text(EXPORT.format(source=source), "roles.txt")


def test_english_only_text_from_a_russian_archive_is_a_translation_with_an_inferred_original_language():
    conversion = _convert("APRF, f. 45, op. 1, d. 334, ll. 8-9")
    root = conversion.tei.getroot()
    (div,) = root.xpath("//t:body/t:div", namespaces=TEI)
    assert div.get("type") == "translation" and div.get("corresp") is None
    (text_lang,) = root.xpath("//t:msItem/t:textLang", namespaces=TEI)
    assert text_lang.get("mainLang") == "ru" and text_lang.get("cert") == "medium"
    labels = {l.get("ident"): l.text for l in root.xpath("//t:langUsage/t:language", namespaces=TEI)}
    assert "inferred" in labels["ru"]
    assert "CW-INFERRED-ROLE" in [w.code for w in conversion.warnings]


def test_a_named_translator_makes_it_a_translation_of_unknown_language():
    conversion = _convert("Library of Congress, Volkogonov Collection. Translated by Jane Roe")
    root = conversion.tei.getroot()
    assert root.xpath("//t:body/t:div/@type", namespaces=TEI) == ["translation"]
    assert not root.xpath("//t:msItem/t:textLang", namespaces=TEI)
    (warning,) = [w for w in conversion.warnings if w.code == "CW-INFERRED-ROLE"]
    assert "original language unknown" in warning.message


def test_without_evidence_english_stays_the_original():
    conversion = _convert("Library of Congress, Volkogonov Collection")
    assert conversion.tei.getroot().xpath("//t:body/t:div/@type", namespaces=TEI) == ["original"]
    assert "CW-INFERRED-ROLE" not in [w.code for w in conversion.warnings]


def test_the_inferred_encoding_is_valid(tei_all):
    assert tei_all.validate(_convert("APRF, f. 45, op. 1, d. 334, ll. 8-9").tei), str(tei_all.error_log)


def test_without_evidence_the_role_is_said_to_be_undetermined(tei_all):
    # 'original' is the encoding's default reading, but nothing supports it: @cert='unknown' says so
    conversion = _convert("Library of Congress, Volkogonov Collection")
    (div,) = conversion.tei.getroot().xpath("//t:body/t:div", namespaces=TEI)
    assert (div.get("type"), div.get("cert")) == ("original", "unknown")
    assert tei_all.validate(conversion.tei), str(tei_all.error_log)


def test_a_role_the_evidence_decides_carries_no_doubt():
    for source in ("APRF, f. 45, op. 1, d. 334, ll. 8-9", "Library of Congress. Translated by Jane Roe"):
        (div,) = _convert(source).tei.getroot().xpath("//t:body/t:div", namespaces=TEI)
        assert div.get("cert") is None
