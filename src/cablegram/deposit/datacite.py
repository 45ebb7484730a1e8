"""DataCite Metadata Schema 4.6 XML: one record for the collection, one per document.

Written with lxml rather than the `datacite` package: that package writes kernel 4.5 at most, and 4.6 is
needed for contributorType "Translator". Values DataCite requires but the sources do not give use DataCite's
standard codes for missing values, `(:unkn)` and `(:unav)`, never invented names.
"""
from __future__ import annotations

from lxml import etree

from .context import AUTHORITY_SCHEMES, Collection, Identifier, spdx_licence, split_name
from .records import Agent, DocumentRecord

NS = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} http://schema.datacite.org/meta/kernel-4.6/metadata.xsd"


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, f"{{{NS}}}{tag}", {k.replace("__", ":"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _root() -> etree._Element:
    root = etree.Element(f"{{{NS}}}resource", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root


def _name(parent, tag: str, agent_name: str, kind: str, uris=(), affiliation: str | None = None, orcid: str | None = None,
          **attrs) -> None:
    wrapper = _el(parent, tag, **attrs)
    name_type = "Organizational" if kind == "org" else "Personal"
    _el(wrapper, f"{tag}Name", agent_name, nameType=name_type)
    if name_type == "Personal":
        family, given = split_name(agent_name)
        if family:
            _el(wrapper, "givenName", given)
            _el(wrapper, "familyName", family)
    if orcid:
        _el(wrapper, "nameIdentifier", orcid.rsplit("/", 1)[-1], nameIdentifierScheme="ORCID", schemeURI="https://orcid.org/")
    for uri in uris:
        scheme = AUTHORITY_SCHEMES.get(uri.split("://", 1)[-1].split("/", 1)[0])
        if scheme:
            _el(wrapper, "nameIdentifier", uri, nameIdentifierScheme=scheme[0], schemeURI=scheme[1])
    if affiliation:
        _el(wrapper, "affiliation", affiliation)


def _agent(parent, tag: str, agent: Agent, **attrs) -> None:
    _name(parent, tag, agent.display, agent.kind, agent.uris, **attrs)


def _identifier(root, ident: Identifier) -> None:
    _el(root, "identifier", ident.value, identifierType=ident.type)


def _rights(root, collection: Collection, uri: str | None, text: str | None) -> None:
    if not (uri or text):
        return
    rights = _el(etree.SubElement(root, f"{{{NS}}}rightsList"), "rights", text or collection.licence_name(uri), rightsURI=uri)
    spdx = spdx_licence(uri)
    if spdx:
        rights.set("rightsIdentifier", spdx)
        rights.set("rightsIdentifierScheme", "SPDX")
        rights.set("schemeURI", "https://spdx.org/licenses/")
    rights.set(XML_LANG, "en")


def _editors(contributors, collection: Collection) -> None:
    for editor in collection.config.editors:
        _name(contributors, "contributor", editor.name, "person", affiliation=editor.affiliation, orcid=editor.orcid,
              contributorType="Editor")


def document_xml(record: DocumentRecord, collection: Collection) -> bytes:
    root = _root()
    _identifier(root, collection.document_identifier(record))
    creators = _el(root, "creators")
    authors = record.senders or record.authors
    for agent in authors:
        _agent(creators, "creator", agent)
    if not authors:
        _name(creators, "creator", "(:unkn)", "person")
    titles = _el(root, "titles")
    _el(titles, "title", record.title, **({"{http://www.w3.org/XML/1998/namespace}lang": record.title_lang} if record.title_lang else {}))
    for title, lang in record.other_titles:
        t = _el(titles, "title", title, titleType="AlternativeTitle")
        if lang:
            t.set(XML_LANG, lang)
    _el(root, "publisher", collection.publisher)
    _el(root, "publicationYear", collection.publication_year)
    _el(root, "resourceType", collection.config.resource_type or "Telegram", resourceTypeGeneral="Text")
    subjects = list(collection.config.subjects) + [k for k, _ in record.keywords]
    if subjects:
        sub = _el(root, "subjects")
        for term in collection.config.subjects:
            _el(sub, "subject", term)
        for term, uri in record.keywords:
            _el(sub, "subject", term, valueURI=uri)
    contributors = etree.Element(f"{{{NS}}}contributors")
    for agent in record.translators:
        _agent(contributors, "contributor", agent, contributorType="Translator")
    configured = {e.name for e in collection.config.editors}
    for agent in record.editors:
        if agent.display not in configured:
            _agent(contributors, "contributor", agent, contributorType="Editor")
    _editors(contributors, collection)
    if collection.config.contact_name:
        _name(contributors, "contributor", collection.config.contact_name, "person", contributorType="ContactPerson")
    if len(contributors):
        root.append(contributors)
    if record.date_text:
        dates = _el(root, "dates")
        _el(dates, "date", record.date_text, dateType="Created", dateInformation="date of the telegram")
    if record.original_language:
        _el(root, "language", record.original_language)
    alternates = [(record.identifier, "Local")] if collection.document_identifier(record).type != "Local" else []
    alternates += [(value, f"source record ({kind})") for kind, value in record.source_ids]
    if alternates:
        alt = _el(root, "alternateIdentifiers")
        for value, kind in alternates:
            _el(alt, "alternateIdentifier", value, alternateIdentifierType=kind)
    related = etree.Element(f"{{{NS}}}relatedIdentifiers")
    if collection.identifier.linkable:
        _el(related, "relatedIdentifier", collection.identifier.value, relatedIdentifierType=collection.identifier.type,
            relationType="IsPartOf", resourceTypeGeneral="Collection")
    if record.source_uri:
        _el(related, "relatedIdentifier", record.source_uri, relatedIdentifierType="URL", relationType="IsDerivedFrom")
    if len(related):
        root.append(related)
    formats = _el(root, "formats")
    _el(formats, "format", "application/tei+xml")
    if collection.config.version:
        _el(root, "version", collection.config.version)
    _rights(root, collection, record.licence_uri or collection.licence_uri, record.licence_text)
    descriptions = etree.Element(f"{{{NS}}}descriptions")
    if record.summary:
        _el(descriptions, "description", record.summary, descriptionType="Abstract")
    if record.citation:
        _el(descriptions, "description", record.citation, descriptionType="Other")
    for ref in record.archival_refs:
        _el(descriptions, "description", f"Archival reference: {ref}", descriptionType="Other")
    if len(descriptions):
        root.append(descriptions)
    if record.places:
        geo = _el(root, "geoLocations")
        for place in record.places:
            loc = _el(geo, "geoLocation")
            _el(loc, "geoLocationPlace", place.display)
            if place.point:
                point = _el(loc, "geoLocationPoint")
                _el(point, "pointLongitude", f"{place.point[1]:g}")
                _el(point, "pointLatitude", f"{place.point[0]:g}")
    return _serialise(root)


def collection_xml(collection: Collection) -> bytes:
    config = collection.config
    root = _root()
    _identifier(root, collection.identifier)
    creators = _el(root, "creators")
    for editor in config.editors:
        _name(creators, "creator", editor.name, "person", affiliation=editor.affiliation, orcid=editor.orcid)
    if not config.editors:
        if config.publisher:
            _name(creators, "creator", config.publisher, "org")
        else:
            _name(creators, "creator", "(:unkn)", "person")
    titles = _el(root, "titles")
    _el(titles, "title", collection.title)
    _el(root, "publisher", collection.publisher)
    _el(root, "publicationYear", collection.publication_year)
    _el(root, "resourceType", "Digital scholarly edition (TEI P5)", resourceTypeGeneral="Collection")
    if config.subjects:
        sub = _el(root, "subjects")
        for term in config.subjects:
            _el(sub, "subject", term)
    contributors = etree.Element(f"{{{NS}}}contributors")
    translators = dict.fromkeys(a for r in collection.records for a in r.translators)
    for agent in translators:
        _agent(contributors, "contributor", agent, contributorType="Translator")
    if config.contact_name:
        _name(contributors, "contributor", config.contact_name, "person", contributorType="ContactPerson")
    if len(contributors):
        root.append(contributors)
    dates = etree.Element(f"{{{NS}}}dates")
    if collection.date_range:
        _el(dates, "date", collection.date_range, dateType="Coverage", dateInformation="dates of the telegrams")
    if len(dates):
        root.append(dates)
    if collection.language:
        _el(root, "language", collection.language)
    related = etree.Element(f"{{{NS}}}relatedIdentifiers")
    for record in collection.records:
        ident = collection.document_identifier(record)
        if ident.linkable:
            _el(related, "relatedIdentifier", ident.value, relatedIdentifierType=ident.type, relationType="HasPart",
                resourceTypeGeneral="Text")
    if collection.cmif_url:
        _el(related, "relatedIdentifier", collection.cmif_url, relatedIdentifierType="URL", relationType="HasMetadata",
            relatedMetadataScheme="CMIF", schemeURI="https://github.com/TEI-Correspondence-SIG/CMIF")
    if len(related):
        root.append(related)
    sizes = _el(root, "sizes")
    _el(sizes, "size", f"{len(collection.records)} documents")
    formats = _el(root, "formats")
    for fmt in ("application/tei+xml",) + (("text/html",) if collection.has_site else ()) + (("application/pdf",) if collection.has_pdf else ()):
        _el(formats, "format", fmt)
    if config.version:
        _el(root, "version", config.version)
    _rights(root, collection, collection.licence_uri, None)
    descriptions = etree.Element(f"{{{NS}}}descriptions")
    if config.description:
        _el(descriptions, "description", config.description, descriptionType="Abstract")
    _el(descriptions, "description", "Contents: " + "; ".join(r.title for r in collection.records), descriptionType="TableOfContents")
    root.append(descriptions)
    places = {p.display: p for r in collection.records for p in r.places}
    if places:
        geo = _el(root, "geoLocations")
        for name in sorted(places):
            loc = _el(geo, "geoLocation")
            _el(loc, "geoLocationPlace", name)
            if places[name].point:
                point = _el(loc, "geoLocationPoint")
                _el(point, "pointLongitude", f"{places[name].point[1]:g}")
                _el(point, "pointLatitude", f"{places[name].point[0]:g}")
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
