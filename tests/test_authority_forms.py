"""Russian forms in the authority files (issue 11): every form a source gives, or derived by a named rule
and marked as derived (docs/authority.md, "Derived forms").

A derived form carries @resp (a respStmt of the file's header that names the rule) and @cert="medium", and
must be what the rule gives for the entry's own forms; every other form is a sourced one: its entry names its
pages, and a form with its own @source names a page the entry and the header list.
"""
from __future__ import annotations

import pytest
from lxml import etree

from cablegram.names.derive_forms import DERIVED_KINDS, RULES, derivation_of, resp_id
from cablegram.names.transliterate import kontsevich, kontsevich_place, palladius, russian_from_latin
from conftest import REPO

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FILES = {"persons.xml": ("person", "persName", "per"), "places.xml": ("place", "placeName", "pla"),
         "orgs.xml": ("org", "orgName", "org")}


@pytest.fixture(scope="module", params=sorted(FILES))
def authority_file(request):
    kind, name_tag, prefix = FILES[request.param]
    return etree.parse(str(REPO / "tei" / "authority" / request.param)).getroot(), kind, name_tag, prefix


def names_of(root, kind, name_tag):
    return [(entry, n) for entry in root.iter(f"{{{TEI}}}{kind}") for n in entry.findall(f"t:{name_tag}", NS)]


def test_every_derived_form_is_marked_and_is_what_its_rule_gives(authority_file):
    root, kind, name_tag, prefix = authority_file
    declared = {s.get(XML_ID) for s in root.findall("t:teiHeader/t:fileDesc/t:titleStmt/t:respStmt", NS)}
    derived = [(e, n) for e, n in names_of(root, kind, name_tag) if n.get("resp") or n.get("cert")]
    if kind not in DERIVED_KINDS:
        assert not derived, "an organisation's Russian name is a translation, never a transliteration"
        return
    assert derived, "no derived forms at all: the check below would pass vacuously"
    for entry, name in derived:
        rule = (name.get("resp") or "").removeprefix(f"#derived-{prefix}-")
        assert rule in RULES and resp_id(prefix, rule) in declared, (entry.get(XML_ID), name.get("resp"))
        assert name.get("cert") == "medium" and name.get(XML_LANG) == "ru", entry.get(XML_ID)
        assert name.get("source") is None, "a derived form has no source page"
        assert derivation_of(entry, kind, name_tag, rule) == (rule, name.text), entry.get(XML_ID)


def test_a_derived_form_only_where_no_source_gives_a_russian_form(authority_file):
    root, kind, name_tag, _ = authority_file
    for entry in root.iter(f"{{{TEI}}}{kind}"):
        russian = [n for n in entry.findall(f"t:{name_tag}", NS) if n.get(XML_LANG) == "ru"]
        if any(n.get("resp") for n in russian):
            assert len(russian) == 1, entry.get(XML_ID)


def test_every_other_form_has_a_named_source(authority_file):
    root, kind, name_tag, _ = authority_file
    listed = {r.get("target") for r in root.findall("t:teiHeader//t:sourceDesc/t:listBibl//t:ref", NS)}
    for entry, name in names_of(root, kind, name_tag):
        if name.get("resp"):
            continue
        entry_sources = set((entry.get("source") or "").split())
        assert entry_sources, entry.get(XML_ID)
        own = set((name.get("source") or "").split())
        assert own <= entry_sources and own <= listed, (entry.get(XML_ID), own - listed)


# the share of entries with a Russian form (found or derived) reached in issue 11, not to fall back:
# persons 240/352, places 183/215, organisations 69/106 (organisations have no derived forms)
RUSSIAN_SHARE = {"person": 0.68, "place": 0.85, "org": 0.64}
# ... and the share whose Russian form was found in a named source page (a found form replaces a derived one):
# persons 145/352, places 114/215, organisations 69/106; 69/107 since the Polish foreign-ministry archive
# (org-amsz, held-out set 3) was added with no Russian form found in a source (none is invented)
SOURCED_RUSSIAN_SHARE = {"person": 0.41, "place": 0.53, "org": 0.64}


def test_entries_keep_their_russian_forms(authority_file):
    root, kind, name_tag, _ = authority_file
    entries = list(root.iter(f"{{{TEI}}}{kind}"))
    russian = [[n for n in e.findall(f"t:{name_tag}", NS) if n.get(XML_LANG) == "ru"] for e in entries]
    assert sum(1 for forms in russian if forms) >= RUSSIAN_SHARE[kind] * len(entries)
    found = sum(1 for forms in russian if any(not n.get("resp") for n in forms))
    assert found >= SOURCED_RUSSIAN_SHARE[kind] * len(entries)


@pytest.mark.parametrize("pinyin, russian", [
    ("Deng Xiaoping", "Дэн Сяопин"), ("Zhou Enlai", "Чжоу Эньлай"), ("Li Kenong", "Ли Кэнун"),
    ("Nie Rongzhen", "Не Жунчжэнь"), ("Xu Xiangqian", "Сюй Сянцянь"), ("Qiao Guanhua", "Цяо Гуаньхуа"),
    ("Zhu De", "Чжу Дэ"), ("Chai Junwu", "Чай Цзюньу"), ("Si", "Сы"), ("Hui", "Хуэй"), ("Xi'an", "Сиань"),
])
def test_palladius(pinyin, russian):
    assert palladius(pinyin) == russian


def test_palladius_refuses_what_is_not_pinyin():
    assert palladius("Kim Il Sung") is None and palladius("Ulanhu") is None


@pytest.mark.parametrize("hangul, russian", [
    ("김일성", "Ким Ильсон"), ("김두봉", "Ким Тубон"), ("박헌영", "Пак Хонён"), ("리승엽", "Ри Сынъёп"),
    ("허가이", "Хо Каи"), ("정일권", "Чон Ильгвон"),
])
def test_kontsevich_for_persons(hangul, russian):
    assert kontsevich(hangul) == russian


@pytest.mark.parametrize("hangul, russian", [("평양", "Пхёнъян"), ("판문점", "Пханмунджом"), ("신의주", "Синыйджу")])
def test_kontsevich_for_places(hangul, russian):
    assert kontsevich_place(hangul) == russian


@pytest.mark.parametrize("latin, russian", [
    ("Podtserob, Boris Fedorovich", "Подцероб, Борис Федорович"), ("Roshchin, N. V.", "Рощин, Н. В."),
    ("Vyshinsky, Andrey Yanuaryevich", "Вышинский, Андрей Януарьевич"), ("Moskovsky, Vasily", "Московский, Василий"),
    ("Razuvaev", "Разуваев"), ("Kuznetsov, Fyodor", "Кузнецов, Фёдор"), ("Podgorny", "Подгорный"),
    ("Samsonov, G. Ye.", "Самсонов, Г. Е."),
])
def test_russian_from_latin(latin, russian):
    assert russian_from_latin(latin) == russian


def test_an_initial_with_two_readings_is_not_guessed():
    assert russian_from_latin("Fadeev, Y. D.") is None


def test_a_copied_entry_points_its_derived_forms_at_the_converter():
    """In a document the rule's respStmt is not there: the converter (respStmt xml:id="cablegram") answers
    for the derived form, which keeps @cert="medium", so that every pointer of the document resolves."""
    from cablegram.analysis.authority import authority

    entry = authority().entry_copy("per-podtserob")
    derived = [n for n in entry.iter(f"{{{TEI}}}persName") if n.get("cert") == "medium"]
    assert derived and all(n.get("resp") == "#cablegram" for n in derived)
    assert "#derived-" in etree.tostring(authority().entries["per-podtserob"][1], encoding="unicode")
