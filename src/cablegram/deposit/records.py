"""What the deposit metadata says about a document, read from its TEI header (never from the text).

One pure function, `read_record(tree, stem, authority)`, turns a teiHeader into a `DocumentRecord`; the
writers (DataCite, Dublin Core, METS, CMIF, Zenodo) only translate records. A fact the header does not hold
stays absent: nothing is guessed here.

Names are resolved through `@ref`: a pointer (`#per-molotov`) to a `person`/`place`/`org` in the
document's `standOff` or, failing that, in the authority files; an absolute URI is taken as it is. The
authority identifiers of an entry (`idno`, or `@ref`/`@sameAs` URIs) become URIs by the table `AUTHORITY_URIS`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..xmlio import TEI_NS, XML_NS, XMLInputError, parse_xml

T = {"tei": TEI_NS}
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

#: idno/@type -> (URI prefix, DataCite nameIdentifierScheme, scheme URI)
AUTHORITY_URIS: dict[str, tuple[str, str, str]] = {
    "wikidata": ("http://www.wikidata.org/entity/", "Wikidata", "https://www.wikidata.org/wiki/"),
    "viaf": ("http://viaf.org/viaf/", "VIAF", "http://viaf.org/viaf/"),
    "gnd": ("http://d-nb.info/gnd/", "GND", "http://d-nb.info/gnd/"),
    "lc": ("http://id.loc.gov/authorities/names/", "LCNAF", "http://id.loc.gov/authorities/names/"),
    "lcnaf": ("http://id.loc.gov/authorities/names/", "LCNAF", "http://id.loc.gov/authorities/names/"),
    "orcid": ("https://orcid.org/", "ORCID", "https://orcid.org/"),
    "isni": ("https://isni.org/isni/", "ISNI", "https://isni.org/isni/"),
    "ror": ("https://ror.org/", "ROR", "https://ror.org/"),
    "geonames": ("http://www.geonames.org/", "GeoNames", "http://www.geonames.org/"),
    "tgn": ("http://vocab.getty.edu/tgn/", "TGN", "http://vocab.getty.edu/tgn/"),
}
_URI = re.compile(r"^https?://", re.I)


@dataclass(frozen=True)
class Agent:
    """A person or organisation named in the header."""

    name: str  # as written in the header
    kind: str = "person"  # person | org
    standard_name: str | None = None  # the authority entry's preferred form ("Molotov, Vyacheslav Mikhailovich")
    uris: tuple[str, ...] = ()  # authority URIs, most preferred first

    @property
    def display(self) -> str:
        return self.standard_name or self.name


@dataclass(frozen=True)
class Place:
    name: str
    standard_name: str | None = None
    uris: tuple[str, ...] = ()
    point: tuple[float, float] | None = None  # (latitude, longitude), only when the TEI or authority gives it

    @property
    def display(self) -> str:
        return self.standard_name or self.name


@dataclass(frozen=True)
class CorrespAction:
    type: str  # sent | received | ...
    agents: tuple[Agent, ...] = ()
    places: tuple[Place, ...] = ()
    date: dict[str, str] = field(default_factory=dict)  # TEI dating attributes: when / notBefore / notAfter / from / to


@dataclass(frozen=True)
class DocumentRecord:
    stem: str  # file name without .xml
    identifier: str  # xml:id of the TEI element, else publicationStmt/idno, else the stem
    title: str
    other_titles: tuple[tuple[str, str | None], ...] = ()  # (title, xml:lang)
    title_lang: str | None = None
    publisher: str | None = None
    licence_text: str | None = None
    licence_uri: str | None = None
    created: dict[str, str] = field(default_factory=dict)  # dating attributes of profileDesc/creation/date
    languages: tuple[tuple[str, str], ...] = ()  # (ident, name) from langUsage
    original_language: str | None = None  # xml:lang of the first div[@type='original'] (the telegram's language)
    summary: str | None = None
    citation: str | None = None
    source_uri: str | None = None  # the digital record the text was taken from
    source_ids: tuple[tuple[str, str], ...] = ()  # (type, value) of the source record's other idnos
    actions: tuple[CorrespAction, ...] = ()
    translators: tuple[Agent, ...] = ()
    editors: tuple[Agent, ...] = ()  # titleStmt/editor
    authors: tuple[Agent, ...] = ()  # titleStmt/author (TEI written by other projects)
    repositories: tuple[Agent, ...] = ()  # msDesc/msIdentifier/repository
    archival_refs: tuple[str, ...] = ()  # msIdentifier as one line each: repository, collection, idno
    keywords: tuple[tuple[str, str | None], ...] = ()  # textClass terms: (term, @ref URI)
    places: tuple[Place, ...] = ()  # every place of the correspActions, in order, without repeats

    @property
    def senders(self) -> tuple[Agent, ...]:
        return tuple(a for act in self.actions if act.type == "sent" for a in act.agents)

    @property
    def recipients(self) -> tuple[Agent, ...]:
        return tuple(a for act in self.actions if act.type == "received" for a in act.agents)

    @property
    def date_text(self) -> str | None:
        """The creation date as one W3CDTF value or an RKMS-ISO8601 range (`1951-07/1951-08`)."""
        return date_value(self.created) or next((date_value(a.date) for a in self.actions if a.type == "sent" and a.date), None)


def date_value(attrs: dict[str, str]) -> str | None:
    if attrs.get("when"):
        return attrs["when"]
    start = attrs.get("from") or attrs.get("notBefore")
    end = attrs.get("to") or attrs.get("notAfter")
    if start or end:
        return f"{start or ''}/{end or ''}"
    return None


def text_of(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    text = " ".join("".join(el.itertext()).split())
    return text or None


# ---------------------------------------------------------------------- authority
class Authority:
    """Entries (person, place, org) by xml:id: the document's standOff first, then the authority files."""

    def __init__(self, files: list[Path] | None = None) -> None:
        self.entries: dict[str, etree._Element] = {}
        for path in files or []:
            try:
                root = parse_xml(path).getroot()
            except XMLInputError:
                continue  # a broken authority file only loses its identifiers
            for el in root.iter(f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}place", f"{{{TEI_NS}}}org"):
                if el.get(XML_ID):
                    self.entries.setdefault(el.get(XML_ID), el)

    @classmethod
    def bundled(cls) -> "Authority":
        from ..resources import resource_dir

        try:
            folder = resource_dir("authority")
        except FileNotFoundError:
            return cls([])
        return cls(sorted(folder.glob("*.xml")))

    def lookup(self, ref: str | None, local: dict[str, etree._Element]) -> list[etree._Element]:
        """The entries a `@ref` points to: the document's own first, then the authority file's of the same id."""
        found = []
        for token in (ref or "").split():
            if token.startswith("#"):
                key = token[1:]
                for el in (local.get(key), self.entries.get(key)):
                    if el is not None:
                        found.append(el)
        return found


def _entry_uris(entries: list[etree._Element]) -> list[str]:
    uris: list[str] = []
    for el in entries:
        for idno in el.findall("tei:idno", T):
            value = (idno.text or "").strip()
            kind = (idno.get("type") or "").lower()
            if not value:
                continue
            if _URI.match(value):
                uris.append(value)
            elif kind in AUTHORITY_URIS:
                uris.append(AUTHORITY_URIS[kind][0] + value)
        for attr in ("ref", "sameAs"):
            uris += [t for t in (el.get(attr) or "").split() if _URI.match(t)]
    return list(dict.fromkeys(uris))


def _standard_name(entries: list[etree._Element], tag: str) -> str | None:
    for el in entries:
        names = [n for n in el.findall(f"tei:{tag}", T) if n.get("type") not in ("variant", "pseudonym", "abbr")]
        english = [n for n in names if n.get(XML_LANG) == "en"]
        chosen = (english or names or [None])[0]
        if chosen is not None:
            return text_of(chosen)
    return None


def _point(entries: list[etree._Element]) -> tuple[float, float] | None:
    for el in entries:
        geo = el.find("tei:location/tei:geo", T)
        if geo is not None and geo.text:
            parts = geo.text.replace(",", " ").split()
            try:
                lat, lon = float(parts[0]), float(parts[1])
            except (IndexError, ValueError):
                continue
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
    return None


# ---------------------------------------------------------------------- the header
def read_record(tree: etree._ElementTree, stem: str, authority: Authority | None = None) -> DocumentRecord:
    """The deposit facts of one TEI document (pure: reads the tree, the authority entries and nothing else)."""
    authority = authority or Authority([])
    root = tree.getroot()
    local = {el.get(XML_ID): el for el in root.iter(f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}place", f"{{{TEI_NS}}}org")
             if el.get(XML_ID)}
    header = root.find("tei:teiHeader", T)
    if header is None:
        header = etree.Element(f"{{{TEI_NS}}}teiHeader")
    fd = header.find("tei:fileDesc", T)
    fd = fd if fd is not None else etree.Element("x")

    def agent(el: etree._Element) -> Agent:
        entries = authority.lookup(el.get("ref"), local)
        kind = "org" if etree.QName(el).localname in ("orgName", "org") else "person"
        uris = [t for t in (el.get("ref") or "").split() if _URI.match(t)] + _entry_uris(entries)
        name_el = el.find("tei:persName", T) if etree.QName(el).localname in ("editor", "author", "respStmt") else None
        name = text_of(name_el if name_el is not None else el) or ""
        return Agent(name=name, kind=kind, standard_name=_standard_name(entries, "orgName" if kind == "org" else "persName"),
                     uris=tuple(dict.fromkeys(uris)))

    def place(el: etree._Element) -> Place:
        entries = authority.lookup(el.get("ref"), local)
        uris = [t for t in (el.get("ref") or "").split() if _URI.match(t)] + _entry_uris(entries)
        return Place(name=text_of(el) or "", standard_name=_standard_name(entries, "placeName"),
                     uris=tuple(dict.fromkeys(uris)), point=_point(entries))

    titles = fd.findall("tei:titleStmt/tei:title", T)
    main = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    title = text_of(main) or stem
    other_titles = tuple((text_of(t), t.get(XML_LANG)) for t in titles if t is not main and text_of(t))

    pub = fd.find("tei:publicationStmt", T)
    licence = pub.find(".//tei:licence", T) if pub is not None else None
    identifier = root.get(XML_ID) or text_of(pub.find("tei:idno", T) if pub is not None else None) or stem

    pd = header.find("tei:profileDesc", T)
    pd = pd if pd is not None else etree.Element("x")
    created_el = pd.find("tei:creation/tei:date", T)
    created = _dating(created_el)

    actions = []
    for act in pd.findall("tei:correspDesc/tei:correspAction", T):
        agents = tuple(agent(el) for el in act if etree.QName(el).localname in ("persName", "orgName", "name") and text_of(el))
        places = tuple(place(el) for el in act.findall("tei:placeName", T) if text_of(el))
        actions.append(CorrespAction(type=act.get("type") or "", agents=agents, places=places,
                                     date=_dating(act.find("tei:date", T))))

    digital = fd.find("tei:sourceDesc/tei:bibl[@type='digital-record']", T)
    source_uri, source_ids, citation = None, [], None
    if digital is not None:
        for idno in digital.findall("tei:idno", T):
            value = (idno.text or "").strip()
            if not value:
                continue
            if idno.get("type") == "URI" and _URI.match(value) and not source_uri:
                source_uri = value
            else:
                source_ids.append((idno.get("type") or "other", value))
        citation = text_of(digital.find("tei:note[@type='citation']", T))
    translators = []
    for resp in fd.iterfind(".//tei:respStmt", T):
        r = resp.find("tei:resp", T)
        if r is not None and (r.get("key") == "translation" or "translat" in (text_of(r) or "").lower()):
            translators += [agent(n) for n in resp if etree.QName(n).localname in ("persName", "orgName", "name") and text_of(n)]
    repositories, archival = [], []
    for ident in fd.iterfind("tei:sourceDesc//tei:msIdentifier", T):
        repo = ident.find("tei:repository", T)
        if repo is not None and text_of(repo):
            repositories.append(Agent(name=text_of(repo), kind="org",
                                      standard_name=_standard_name(authority.lookup(repo.get("ref"), local), "orgName"),
                                      uris=tuple(_entry_uris(authority.lookup(repo.get("ref"), local)))))
        # "APRF, fond 45, opis 1, delo 339": a typed part is named by its type, as the header states it
        line = ", ".join(f"{c.get('type')} {text_of(c)}" if c.get("type") and etree.QName(c).localname != "repository"
                         else text_of(c) for c in ident if text_of(c))
        if line:
            archival.append(line)

    seen_places: dict[str, Place] = {}
    for act in actions:
        for p in act.places:
            seen_places.setdefault(p.display, p)

    originals = root.findall("tei:text/tei:body/tei:div[@type='original']", T)
    return DocumentRecord(
        stem=stem,
        identifier=identifier,
        title=title,
        other_titles=other_titles,
        title_lang=(main.get(XML_LANG) if main is not None else None) or root.get(XML_LANG),
        publisher=text_of(pub.find("tei:publisher", T)) if pub is not None else None,
        licence_text=text_of(licence) or text_of(pub.find("tei:availability", T) if pub is not None else None),
        licence_uri=licence.get("target") if licence is not None else None,
        created=created,
        languages=tuple((lang.get("ident"), text_of(lang) or lang.get("ident")) for lang in pd.findall("tei:langUsage/tei:language", T)
                        if lang.get("ident")),
        original_language=_text_language(root, originals, pd),
        summary=text_of(pd.find("tei:abstract", T)),
        citation=citation,
        source_uri=source_uri,
        source_ids=tuple(source_ids),
        actions=tuple(actions),
        translators=tuple(dict.fromkeys(translators)),
        editors=tuple(agent(e) for e in fd.findall("tei:titleStmt/tei:editor", T) if text_of(e)),
        authors=tuple(agent(e) for e in fd.findall("tei:titleStmt/tei:author", T) if text_of(e)),
        repositories=tuple(dict.fromkeys(repositories)),
        archival_refs=tuple(dict.fromkeys(archival)),
        keywords=tuple((text_of(t), next((u for u in (t.get("ref") or "").split() if _URI.match(u)), None))
                       for t in pd.iterfind("tei:textClass/tei:keywords//tei:term", T) if text_of(t)),
        places=tuple(seen_places.values()),
    )


def _text_language(root: etree._Element, originals: list, pd: etree._Element) -> str | None:
    """The language of the text: the original's (cablegram's parallel versions), else the text's own, else the
    first declared in langUsage, else the document's."""
    candidates = [d.get(XML_LANG) for d in originals]
    candidates += [el.get(XML_LANG) for el in (root.find("tei:text", T), root.find("tei:text/tei:body", T)) if el is not None]
    candidates += [lang.get("ident") for lang in pd.findall("tei:langUsage/tei:language", T)[:1]]
    candidates.append(root.get(XML_LANG))
    return next((c for c in candidates if c), None)


def _dating(el: etree._Element | None) -> dict[str, str]:
    if el is None:
        return {}
    return {k: el.get(k) for k in ("when", "notBefore", "notAfter", "from", "to") if el.get(k)}
