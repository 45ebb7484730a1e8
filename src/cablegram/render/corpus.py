"""What the research pages of the reading edition know about each document, read from its TEI alone.

`read_facts` gives one immutable `DocumentFacts` per TEI file: date, correspondents, archive and fond,
languages and version roles, telegram numbers, the names marked in the text (with the paragraph that holds
them), the references to other telegrams the TEI marks (`ref type="telegram"`; none is recognised here),
and the converter's disagreement notes. The site
(`site.py`) turns a list of them into registers, browsing pages, chains and the search filters.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..chains import CableFacts, CitedTelegram, cited, document_date, document_numbers
from ..xmlio import TEI_NS, parse_xml

T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KINDS = {"persName": "person", "placeName": "place", "orgName": "org"}


@dataclass(frozen=True)
class Party:
    label: str
    ref: str  # an authority id without '#', or ""


@dataclass(frozen=True)
class Mention:
    kind: str  # person | place | org
    ref: str
    text: str
    unit: str  # the id of the paragraph (or other unit) that holds it; "" where none has an id
    lang: str
    in_text: bool = True  # False: named in the header (the correspondents)


@dataclass(frozen=True)
class Reference:
    """A `ref type="telegram"` of the text: the unit that holds it, its words, its place among the document's
    references (1, 2, … in document order: the page's data-cable) and what it says."""

    unit: str
    lang: str
    phrase: str
    index: int
    cited: CitedTelegram


@dataclass(frozen=True)
class Entry:
    """An authority entry as a document's standOff gives it."""

    kind: str
    id: str
    names: tuple[tuple[str, str, str], ...]  # (name, type, xml:lang)
    idnos: tuple[tuple[str, str], ...]  # (type, value)
    facts: tuple[str, ...]  # birth, death, occupations, as text


@dataclass(frozen=True)
class DocumentFacts:
    stem: str
    title: str
    date: str  # ISO yyyy-mm-dd (or shorter), "" when the TEI has none
    senders: tuple[Party, ...]
    recipients: tuple[Party, ...]
    archive: str
    fond: str
    languages: tuple[str, ...]
    roles: tuple[str, ...]  # original, translation, original (transcript) ...
    numbers: frozenset[str]
    mentions: tuple[Mention, ...] = ()
    references: tuple[Reference, ...] = ()
    entries: tuple[Entry, ...] = field(default=(), repr=False)

    @property
    def href(self) -> str:
        return f"{self.stem}.html"

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def month(self) -> str:
        return self.date[:7] if len(self.date) >= 7 else ""

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.date or "9999", self.title, self.stem)

    @property
    def cable(self) -> CableFacts:
        """What resolving references needs (cablegram.chains)."""
        return CableFacts(self.stem, self.date, frozenset(p.ref for p in self.senders if p.ref),
                          frozenset(p.ref for p in self.recipients if p.ref), self.numbers,
                          tuple(r.cited for r in self.references))


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _parties(header, kind: str) -> tuple[Party, ...]:
    out = []
    for action in header.iterfind(f".//{T}correspAction[@type='{kind}']"):
        for name in action:
            if etree.QName(name).localname in ("persName", "orgName"):
                out.append(Party(_text(name), (name.get("ref") or "").lstrip("#")))
    return tuple(out)


def _unit_of(element, versions: set) -> tuple[str, str]:
    unit, lang = "", ""
    for ancestor in element.iterancestors():
        if not unit and ancestor.get(XML_ID) and ancestor not in versions:
            unit = ancestor.get(XML_ID)
        if ancestor in versions:
            lang = ancestor.get(XML_LANG) or ""
            break
    return unit, lang


def _entries(tei) -> tuple[Entry, ...]:
    out = []
    for kind, tag, name_tag in (("person", "person", "persName"), ("place", "place", "placeName"), ("org", "org", "orgName")):
        for entry in tei.iterfind(f"{T}standOff//{T}{tag}"):
            names = tuple((_text(n), n.get("type") or "", n.get(XML_LANG) or "") for n in entry.iterfind(f"{T}{name_tag}"))
            idnos = tuple((i.get("type") or "", _text(i)) for i in entry.iterfind(f"{T}idno"))
            facts = []
            for fact in entry:
                local = etree.QName(fact).localname
                if local in ("birth", "death"):
                    facts.append(f"{local}: {fact.get('when') or _text(fact)}")
                elif local == "occupation":
                    span = "–".join(x for x in (fact.get("from"), fact.get("to")) if x)
                    facts.append(f"{_text(fact)}" + (f" ({span})" if span else ""))
                elif local == "location":
                    facts.append(f"coordinates: {_text(fact)}")
            found = Entry(kind, entry.get(XML_ID) or "", names, idnos, tuple(facts))
            # an authority entry is copied into every document that names it: held once, however many copies
            out.append(_ENTRIES.setdefault(found, found))
    return tuple(out)


_ENTRIES: dict[Entry, Entry] = {}


def read_facts(path: Path) -> DocumentFacts:
    root = parse_xml(Path(path)).getroot()
    tei = root if root.tag == f"{T}TEI" else (root.find(f"{T}TEI") if root.find(f"{T}TEI") is not None else root)
    header = tei.find(f"{T}teiHeader")
    header = header if header is not None else etree.Element("none")
    title = _text(header.find(f"{T}fileDesc/{T}titleStmt/{T}title")) or Path(path).stem
    versions = list(tei.iterfind(f"{T}text/{T}body/{T}div"))
    version_set = set(versions)
    ms = header.find(f".//{T}sourceDesc/{T}msDesc/{T}msIdentifier")
    archive = _text(ms.find(f"{T}repository")) if ms is not None else ""
    fond = _text(ms.find(f"{T}collection[@type='fond']")) if ms is not None else ""
    numbers = document_numbers(tei, title)
    mentions = []
    # the names of the header (correspondents) and of the text; the standOff's are the entries themselves
    for scope, in_text in ((header, False), (tei.find(f"{T}text"), True)):
        for element in scope.iter(f"{T}persName", f"{T}placeName", f"{T}orgName") if scope is not None else ():
            ref = (element.get("ref") or "").split()[0].lstrip("#") if element.get("ref") else ""
            if not ref:
                continue
            unit, lang = _unit_of(element, version_set) if in_text else ("", "")
            mentions.append(Mention(KINDS[etree.QName(element).localname], sys.intern(ref), _text(element), unit, lang, in_text))
    references = []
    for index, ref in enumerate(tei.iterfind(f"{T}text//{T}ref[@type='telegram']"), 1):
        unit, lang = _unit_of(ref, version_set)
        references.append(Reference(unit, lang, _text(ref), index, cited(ref)))
    roles = tuple(dict.fromkeys(" ".join(x for x in (v.get("type"), v.get("subtype")) if x) for v in versions if v.get("type")))
    return DocumentFacts(
        stem=Path(path).stem, title=title, date=document_date(tei), senders=_parties(header, "sent"),
        recipients=_parties(header, "received"), archive=archive, fond=fond,
        languages=tuple(dict.fromkeys(v.get(XML_LANG) for v in versions if v.get(XML_LANG))), roles=roles,
        numbers=numbers, mentions=tuple(mentions), references=tuple(references),
        entries=_entries(tei))
