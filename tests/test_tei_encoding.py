"""What the TEI says, and where (issue 2, points 3–5): the places downstream tools rely on."""
from __future__ import annotations

import pytest

import cablegram
from conftest import EXAMPLES

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BY_KEY = {p.name[:3]: p for p in EXAMPLES}


@pytest.fixture(scope="module")
def tei():
    cache = {}

    def get(key):
        if key not in cache:
            cache[key] = cablegram.convert(BY_KEY[key])
        return cache[key]

    return get


def xp(conversion, path):
    return conversion.tei.getroot().xpath(path, namespaces=NS)


def text(el):
    return "".join(el.itertext())


# --- header -------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_main_title_is_the_record_title_verbatim(tei, key):
    c = tei(key)
    [title] = xp(c, "//t:titleStmt/t:title[@type='main']")
    assert text(title) == c.document.record.title


def test_translator_is_a_respStmt_saying_translation_and_credits_a_funder(tei):
    c = tei("001")
    [resp] = xp(c, "//t:sourceDesc/t:bibl[@type='digital-record']/t:respStmt[t:resp/@key='translation']")
    assert text(resp.find("t:persName", NS)) == "Vladislav Zubok"
    assert text(resp.find("t:resp", NS)) == "Translated for CWIHP by"
    assert [text(f) for f in xp(c, "//t:bibl[@type='digital-record']/t:funder")] == ["Leon Levy Foundation"]


def test_record_bibl_has_title_date_publisher_url_id_and_verbatim_citation(tei):
    c = tei("000")
    [bibl] = xp(c, "//t:sourceDesc/t:bibl[@type='digital-record']")
    assert bibl.find("t:date", NS).get("when") == "1953-07-29"
    assert text(bibl.find("t:publisher", NS)) == "Wilson Center Digital Archive"
    assert text(bibl.find("t:idno[@type='URI']", NS)) == "https://wilson-center-digital-archive.dvincitest.com/document/112125"
    assert text(bibl.find("t:idno[@type='record']", NS)) == "112125"
    assert text(bibl.find("t:note[@type='citation']", NS)) == c.document.record.citation


def test_archival_copies_are_split_into_their_parts(tei):
    c = tei("000")
    copies = xp(c, "//t:sourceDesc/t:msDesc")
    assert len(copies) == 2
    first, second = (copy.find("t:msIdentifier", NS) for copy in copies)
    assert text(first.find("t:repository", NS)) == "APRF" and first.find("t:repository", NS).get("ref") == "#org-aprf"
    assert [(e.get("type"), text(e)) for e in first if e.get("type")] == [("fond", "3"), ("opis", "65"), ("delo", "830")]
    assert [(e.get("type"), text(e)) for e in second if e.get("type")] == [("fond", "059a"), ("opis", "5a"), ("papka", "11"), ("delo", "5")]
    locus = copies[0].find(".//t:locus", NS)
    assert (locus.get("from"), locus.get("to"), text(locus)) == ("187", "189", "Listy 187-189")


@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_every_archival_number_occurs_in_the_citation(tei, key):
    c = tei(key)
    citation = c.document.record.citation or ""
    for el in xp(c, "//t:msIdentifier/*[@type] | //t:msDesc//t:locus"):
        assert text(el) in citation
        for attr in ("from", "to"):
            if el.get(attr):
                assert el.get(attr) in citation


def test_published_version_and_its_source_line_are_bibliographic_entries(tei):
    c = tei("001")
    [pub] = xp(c, "//t:sourceDesc/t:bibl[@type='published-version']")
    assert pub.find("t:biblScope[@unit='document']", NS).get("n") == "338"
    pages = pub.find("t:biblScope[@unit='page']", NS)
    assert (pages.get("from"), pages.get("to")) == ("1039", "1040")
    [line] = xp(c, "//t:sourceDesc/t:bibl[@type='print-source']")
    assert text(line) == "Печ. по: АП РФ. Ф. 3. Оп. 65. Д. 830. Л. 148-150. Подлинник."


@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_every_language_used_is_declared(tei, key):
    c = tei(key)
    declared = set(xp(c, "//t:langUsage/t:language/@ident"))
    used = set(xp(c, "//@xml:lang"))
    assert used <= declared
    assert "ru" in declared  # the original language, even for an English-only record


def test_summary_and_record_date(tei):
    c = tei("003")
    assert xp(c, "string(//t:profileDesc/t:abstract/t:p)").startswith("Stalin sends his advice")
    assert xp(c, "string(//t:profileDesc/t:creation/t:date/@when)") == "1951-07-03"


def test_correspondents_as_the_record_names_them(tei):
    c = tei("000")
    sent = [(e.tag.split("}")[1], text(e)) for e in xp(c, "//t:correspAction[@type='sent']/*[not(self::t:date)]")]
    received = [(e.tag.split("}")[1], text(e)) for e in xp(c, "//t:correspAction[@type='received']/*")]
    assert sent == [("persName", "Kuznetsov"), ("placeName", "BEIJING")]
    assert received == [("orgName", "MID USSR")]
    c = tei("003")
    [stalin] = xp(c, "//t:correspAction[@type='sent']/t:persName")
    assert (text(stalin), stalin.get("ref")) == ("Filippov [Stalin]", "#per-stalin")
    assert [text(e) for e in xp(c, "//t:correspAction[@type='received']/t:persName")] == ["Krasovsky", "Cde. Mao Zedong"]


def test_sent_time_comes_from_the_dispatch_stamp_with_its_zone(tei):
    c = tei("001")
    assert xp(c, "string(//t:correspAction[@type='sent']/t:date/@when)") == "1953-07-04T21:20:00+03:00"
    # the cipher office's 'Получена' is not the recipient's receipt
    assert not xp(c, "//t:correspAction[@type='received']/t:date")


def test_disagreeing_telegram_numbers_are_kept_and_reported(tei):
    c = tei("003")
    assert xp(c, "//t:div[@xml:id='ru-t']//t:idno[@type='telegram']/text()") == ["39"]
    assert xp(c, "//t:div[@xml:id='en']//t:idno[@type='telegram']/text()") == ["3950"]
    warning = [w for w in c.warnings if w.code == "CW-DISAGREE-NUMBER"]
    assert warning and all(n in warning[0].message for n in ("2950", "39", "3950"))


# --- body ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "key, divs",
    [
        ("000", [("translation", None, "en")]),
        ("001", [("original", "transcript", "ru"), ("original", "published", "ru"), ("translation", None, "en")]),
        ("002", [("original", None, "ru"), ("translation", None, "en")]),
        ("004", [("original", None, "ru")]),
    ],
)
def test_one_top_level_div_per_language_version(tei, key, divs):
    found = [(d.get("type"), d.get("subtype"), d.get(XML_LANG)) for d in xp(tei(key), "/t:TEI/t:text/t:body/t:div")]
    assert found == divs


def test_opener_marks_up_the_telegram_form(tei):
    c = tei("001")
    opener = xp(c, "//t:div[@xml:id='ru-t']//t:opener")[0]
    segs = {s.get("type"): text(s) for s in opener.findall("t:seg", NS)}
    assert segs["marking"] == "НЕ СЕКРЕТНО"
    assert segs["precedence"] == "ВНЕ ОЧЕРЕДИ"
    assert opener.find(".//t:idno[@type='outgoing']", NS).text == "13464"
    assert segs["address"].startswith("Куда П Е К И Н")


def test_roman_and_ocr_damaged_months_are_read(tei):
    c = tei("001")
    [received] = xp(c, "//t:div[@xml:id='ru-t']//t:seg[@type='handling'][1]/t:date")
    assert received.get("when").startswith("1953-07-04T19:20")


def test_closer_salute_signature_and_dateline(tei):
    c = tei("004")
    closer = xp(c, "//t:closer")[0]
    assert text(closer.find("t:salute", NS)) == "С большевистскими приветом!"
    assert closer.find("t:signed", NS) is not None
    assert "1951-07-20" in xp(c, "//t:closer//t:date/@when")


def test_distribution_lists(tei):
    items = xp(tei("001"), "//t:div[@xml:id='en']//t:list[@type='distribution']/t:item")
    assert len(items) == 8 and text(items[0]) == "1 - cde. Malenkov"
    assert xp(tei("000"), "//t:seg[@type='distribution']/t:list[@type='distribution']/t:head/text()") == ["Copies:"]


def test_page_break_mid_sentence_stays_inside_the_paragraph(tei):
    c = tei("004")
    [p] = xp(c, "//t:p[t:pb[@n='8']]")
    assert text(p).strip().startswith("В случае затяжной войны")
    assert "затянуть время" in text(p)
    assert p.find("t:fw[@type='sheet']", NS).text == "Лист 8"


def test_page_markers_keep_their_printed_form(tei):
    c = tei("001")
    assert xp(c, "//t:div[@xml:id='ru-p']//t:pb[@type='page']/@n") == ["1039", "1040"]
    assert "- 1040 -" in xp(c, "//t:div[@xml:id='ru-p']//t:fw[@type='pageNum']/text()")


def test_footnote_stands_at_its_anchor(tei):
    c = tei("001")
    [note] = xp(c, "//t:div[@xml:id='ru-p']//t:note[@place='foot']")
    assert note.get("n") == "*" and text(note) == "Время отправления."
    assert note.getparent().get("type") != "endorsements"  # at the anchor, not at the end


def test_gaps_and_supplied_text_keep_their_brackets(tei):
    c = tei("003")
    gaps = xp(c, "//t:gap[@reason='omitted']")
    assert gaps and all((g.tail or "").startswith("[...]") for g in gaps)
    [supplied] = xp(c, "//t:div[@xml:id='en']//t:signed/t:supplied")
    assert text(supplied) == "Stalin" and supplied.get("reason") == "identification"
    assert supplied.getprevious().tail.endswith("[") and supplied.tail.startswith("]")


def test_numbered_points_carry_n_and_point_to_their_counterparts(tei):
    c = tei("002")
    for n in "12345":
        [en] = xp(c, f"//t:div[@xml:id='en']//t:p[@n='{n}']")
        [ru] = xp(c, f"//t:div[@xml:id='ru']//t:p[@n='{n}']")
        assert en.get("corresp") == "#" + ru.get(XML_ID)


def test_every_translation_unit_is_aligned_and_uncertain_links_say_so(tei):
    c = tei("002")
    units = xp(c, "//t:div[@xml:id='en']//t:p")
    assert all(u.get("corresp") for u in units)
    assert c.aligned_units == len(units) == 18
    links = xp(c, "//t:standOff/t:linkGrp[@type='alignment']/t:link")
    assert {l.get("cert") for l in links} <= {"high", "medium", "low"}


def test_a_line_break_is_also_white_space_for_text_read_without_markup(tei):
    # 'Karl Brandt<lb/>Chairman of the Council' read by itertext or a search index must not give 'BrandtChairman'
    lbs = xp(tei("004"), "//t:text//t:lb")
    assert lbs and all((lb.tail or "").startswith("\n") for lb in lbs)
