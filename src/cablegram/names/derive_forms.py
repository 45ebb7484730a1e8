"""Russian forms for authority entries that no source gives one for, derived by rule and marked as derived.

    python -m cablegram.names.derive_forms tei/authority        # adds the missing derived forms in place

An entry that has no Russian form (``xml:lang="ru"``) gets one derived from a form it has, by the first rule
that applies: the Palladius system from its pinyin (entries with Chinese forms, and the Chinese places listed
in ``CHINESE_PLACES``, whose English form is pinyin), the Kontsevich system from its Hangul, or -- for the Soviet
persons listed in ``SOVIET_PERSONS`` -- the reverse of the English transliteration of its English form. The form is written with ``@resp`` pointing at the rule's ``respStmt``
in the file's header and ``@cert="medium"``; ``derivation_of`` recomputes it (tests/test_authority_forms.py).
A form a source gives always wins: a derived form is only for an entry without one, and a Cyrillic variant the
entry already has is marked ``xml:lang="ru"`` instead (it came from the entry's sources).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

from .transliterate import kontsevich, kontsevich_place, palladius, russian_from_latin

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FILES = {"persons.xml": ("person", "persName", "per"), "places.xml": ("place", "placeName", "pla"),
          "orgs.xml": ("org", "orgName", "org")}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: a transliteration is the Russian form of a person's or a place's name, but not of an organisation's: Russian
#: translates those ('Трудовая партия Кореи', not 'Чосон Нодондан')
DERIVED_KINDS = ("person", "place")
RULES = {
    "palladius": "Russian form derived from the pinyin form by the Palladius system (cablegram.names.transliterate.palladius); not found in a source",
    "kontsevich": "Russian form derived from the Hangul form by the Kontsevich system, simplified (cablegram.names.transliterate.kontsevich); not found in a source",
    "russian": "Russian form derived from the English form by reversing the English transliteration of Russian (cablegram.names.transliterate.russian_from_latin); not found in a source",
}
#: Soviet persons (their entries' sources name them as Soviet officials, diplomats or officers): their English
#: form is a transliteration of Russian, so the rule "russian" may reverse it.
SOVIET_PERSONS = frozenset({
    "per-podtserob", "per-puzanov", "per-yudin", "per-pimenov", "per-pelishenko", "per-kurdyukov", "per-orlov",
    "per-kuznetsov-fyodor", "per-samsonov", "per-moskovsky", "per-kryukov", "per-suzdalev", "per-fadeev",
    "per-chervonenko", "per-pavlov-interp", "per-petrov", "per-lozovsky", "per-meretskov", "per-lebedev",
    "per-pushkin", "per-fedotov", "per-lavrishchev", "per-ivanov-vi", "per-kovalev-ef", "per-roshchin",
    "per-kozlov", "per-kosygin", "per-kirilenko", "per-shelepin", "per-sudarikov", "per-titarenko",
    "per-razuvaev", "per-shtemenko", "per-vasilevsky", "per-belov", "per-zakharov", "per-golunov",
    "per-baranov", "per-morozov", "per-ignatiev-a",
})

#: Chinese places whose English form is pinyin (their entries' sources list them as cities and provinces of
#: China): the rule "palladius" may read their English form.
CHINESE_PLACES = frozenset({
    "pl-liaoning", "pl-shenyang", "pl-hebei", "pl-rehe", "pl-liaoxi", "pl-liaodong", "pl-sichuan", "pl-chengdu",
    "pl-shanxi", "pl-guangdong", "pl-dalian", "pl-wuhan", "pl-nanjing", "pl-xian", "pl-qingdao", "pl-changchun",
    "pl-hangzhou", "pl-kunming", "pl-fuzhou", "pl-taiyuan", "pl-lanzhou", "pl-anshan", "pl-baotou",
    "pl-zhengzhou", "pl-changsha", "pl-nanchang", "pl-benxi", "pl-tangshan", "pl-shijiazhuang",
    "pl-zhangjiakou", "pl-meihekou", "pl-fushun", "pl-linjiang", "pl-andong",
})


def resp_id(prefix: str, rule: str) -> str:
    return f"derived-{prefix}-{rule}"


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _names(entry, name_tag: str) -> list:
    return entry.findall(f"{{{TEI_NS}}}{name_tag}")


def _given(names, lang: str, type_: str | None = None) -> list[str]:
    return [_text(n) for n in names if n.get(XML_LANG) == lang and (type_ is None or n.get("type") == type_)
            and not n.get("resp")]


def derivation_of(entry, kind: str, name_tag: str, rule: str | None = None) -> tuple[str, str] | None:
    """(rule, Russian form) derived for an entry, by the first rule that applies (or by `rule`), or None."""
    names = _names(entry, name_tag)
    english = [re.sub(r"\s*\(.*?\)", "", t) for t in _given(names, "en")]
    candidates: list[tuple[str, str | None]] = []
    pinyin = _given(names, "zh-Latn", "pinyin")
    if pinyin:
        candidates.append(("palladius", palladius(pinyin[0])))
    elif (_given(names, "zh-Hani") or entry.get(XML_ID) in CHINESE_PLACES) and english and "," not in english[0]:
        candidates.append(("palladius", palladius(english[0])))
    hangul = _given(names, "ko-Hang")
    if hangul:
        candidates.append(("kontsevich", kontsevich(hangul[0]) if kind == "person" else kontsevich_place(hangul[0])))
    if kind == "person" and entry.get(XML_ID) in SOVIET_PERSONS and english:
        full = russian_from_latin(english[0])
        candidates.append(("russian", full or russian_from_latin(english[0].split(",")[0])))
    for name, form in candidates:
        if form and (rule is None or name == rule):
            return name, form
    return None


def add_derived_forms(path: Path) -> dict[str, int]:
    """Add the derived Russian forms one authority file lacks; returns how many by rule (and 'promoted')."""
    kind, name_tag, prefix = _FILES[path.name]
    if kind not in DERIVED_KINDS:
        return {}
    tree = etree.parse(str(path))
    root = tree.getroot()
    counts = {"promoted": 0, "homographs": 0, **{r: 0 for r in RULES}}
    taken = Counter(_text(n).casefold() for entry in root.iter(f"{{{TEI_NS}}}{kind}") for n in _names(entry, name_tag))
    todo = []
    for entry in root.iter(f"{{{TEI_NS}}}{kind}"):
        names = _names(entry, name_tag)
        if not names or any(n.get(XML_LANG) == "ru" for n in names):
            continue
        cyrillic = [n for n in names if _CYRILLIC.search(_text(n)) and n.get(XML_LANG) is None
                    and n.get("type") in ("variant", None)]
        if cyrillic:
            for n in cyrillic:
                n.set(XML_LANG, "ru")
            counts["promoted"] += 1
            continue
        derived = derivation_of(entry, kind, name_tag)
        if derived:
            todo.append((entry, names, *derived))
    derived_count = Counter(form.casefold() for *_, form in todo)
    for entry, names, rule, form in todo:
        if taken[form.casefold()] or derived_count[form.casefold()] > 1:
            counts["homographs"] += 1  # two entries would share the form (정주, 전주: Чонджу): none gets it
            continue
        last = names[-1]
        el = etree.Element(f"{{{TEI_NS}}}{name_tag}")
        el.set(XML_LANG, "ru")
        el.set("resp", "#" + resp_id(prefix, rule))
        el.set("cert", "medium")
        el.text = form
        el.tail, last.tail = last.tail, (last.getprevious().tail if last.getprevious() is not None else entry.text)
        last.addnext(el)
        counts[rule] += 1
    _declare_rules(root, prefix)
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n")
    return counts


def _declare_rules(root, prefix: str) -> None:
    title_stmt = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt")
    have = {r.get(XML_ID) for r in title_stmt.findall(f"{{{TEI_NS}}}respStmt")}
    title = title_stmt.find(f"{{{TEI_NS}}}title")
    anchor = title_stmt.findall(f"{{{TEI_NS}}}respStmt")[-1] if have else title
    if not have:
        title_stmt.text, title.tail = "\n        ", "\n      "
    for rule, description in RULES.items():
        xml_id = resp_id(prefix, rule)
        if xml_id in have:
            continue
        stmt = etree.Element(f"{{{TEI_NS}}}respStmt")
        stmt.set(XML_ID, xml_id)
        resp = etree.SubElement(stmt, f"{{{TEI_NS}}}resp")
        resp.text = description
        name = etree.SubElement(stmt, f"{{{TEI_NS}}}name")
        name.text = "cablegram"
        stmt.tail = anchor.tail
        anchor.tail = "\n        "
        anchor.addnext(stmt)
        anchor = stmt


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "tei/authority")
    for name in _FILES:
        print(name, add_derived_forms(folder / name) or "no derived forms (organisations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
