"""Simple Dublin Core as OAI-PMH `oai_dc`, one record per document (what DARIAH-DE and OAI harvesters read)."""
from __future__ import annotations

from lxml import etree

from .context import Collection
from .records import DocumentRecord

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
#: the fifteen elements of simple Dublin Core, in the order we write them
ELEMENTS = ("title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
            "identifier", "source", "language", "relation", "coverage", "rights")


def dc_element(record: DocumentRecord, collection: Collection) -> etree._Element:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)

    def add(name: str, value: str | None, lang: str | None = None) -> None:
        if value:
            el = etree.SubElement(root, f"{{{DC}}}{name}")
            el.text = value
            if lang:
                el.set(XML_LANG, lang)

    add("title", record.title, record.title_lang)
    for title, lang in record.other_titles:
        add("title", title, lang)
    for agent in record.senders or record.authors:
        add("creator", agent.display)
    for term in collection.config.subjects:
        add("subject", term)
    for term, _ in record.keywords:
        add("subject", term)
    add("description", record.summary)
    add("publisher", collection.publisher if collection.publisher != "(:unav)" else None)
    for agent in record.translators:
        add("contributor", f"{agent.display} (translator)")
    for agent in record.recipients:
        add("contributor", f"{agent.display} (addressee)")
    for editor in collection.config.editors:
        add("contributor", f"{editor.name} (editor)")
    add("date", record.date_text)
    add("type", "Text")
    add("type", (collection.config.resource_type or "Telegram").lower())
    add("format", "application/tei+xml")
    add("identifier", collection.document_identifier(record).value)
    add("source", record.citation or record.source_uri)
    for ident, _ in record.languages:
        add("language", ident)
    if collection.identifier.linkable:
        add("relation", collection.identifier.value)
    for place in record.places:
        add("coverage", place.display)
    add("rights", record.licence_text)
    add("rights", record.licence_uri or collection.licence_uri)
    return root


def oai_dc_xml(record: DocumentRecord, collection: Collection) -> bytes:
    root = dc_element(record, collection)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
