"""CMIF 1.1 (Correspondence Metadata Interchange Format): one TEI file of correspDesc for the whole corpus.

This is what correspSearch harvests: publish it at a stable URL (`cmif_url`, or BASE_URL/metadata/cmif.xml)
under CC BY or CC0 and register that URL once. Names carry `@ref` with an authority URI where the document's
standOff or the authority files have one; a name without one is still listed (CMIF allows it, correspSearch
just cannot match it). A correspAction without a date carries none: CMIF wants unknown dates left out.
"""
from __future__ import annotations

from lxml import etree

from ..xmlio import TEI_NS
from .context import Collection
from .records import DocumentRecord

CMIF_RNG = "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng"


def _t(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def cmif_xml(collection: Collection) -> bytes:
    config = collection.config
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    header = _t(root, "teiHeader")
    fd = _t(header, "fileDesc")
    ts = _t(fd, "titleStmt")
    _t(ts, "title", f"{collection.title}: correspondence metadata (CMIF)")
    for editor in config.editors:
        ed = _t(ts, "editor", editor.name)
        if config.contact_email and editor.name == config.contact_name:
            _t(ed, "email", config.contact_email)
    if not config.editors:
        # CMIF requires an editor: the contact person, else the publisher (the deposit report asks for editors)
        ed = _t(ts, "editor", config.contact_name or collection.publisher)
        if config.contact_email:
            _t(ed, "email", config.contact_email)
    ps = _t(fd, "publicationStmt")
    publisher = _t(ps, "publisher")
    if collection.base_url:
        _t(publisher, "ref", collection.publisher, target=collection.base_url)
    else:
        publisher.text = collection.publisher
    # CMIF requires the file's own URL; until one is configured the deposit report marks correspSearch as not ready
    _t(ps, "idno", collection.cmif_url or "cmif.xml", type="url")
    _t(ps, "date", when=collection.when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    licence_uri = collection.licence_uri or "https://creativecommons.org/licenses/by/4.0/"
    _t(_t(ps, "availability"), "licence", f"This file is licensed under {collection.licence_name(licence_uri)}", target=licence_uri)
    sd = _t(fd, "sourceDesc")
    bibl_id = f"bibl-{collection.uuid}"  # an xml:id must not start with a digit, as a bare UUID may
    bibl = _t(sd, "bibl", type="online", **{"{http://www.w3.org/XML/1998/namespace}id": bibl_id})
    bibl.text = collection.title
    if collection.identifier.linkable:
        bibl.text += ", "
        target = collection.identifier.value if collection.identifier.type == "URL" else f"https://doi.org/{collection.identifier.value}"
        _t(bibl, "ref", target, target=target)
    pd = _t(header, "profileDesc")
    for record in collection.records:
        _corresp_desc(pd, record, collection, bibl_id)
    _t(_t(_t(root, "text"), "body"), "p")
    etree.indent(root, space="  ")
    pi = etree.ProcessingInstruction(
        "xml-model", f'href="{CMIF_RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"')
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(pi, encoding="UTF-8") + b"\n"
            + etree.tostring(root, encoding="UTF-8") + b"\n")


def _corresp_desc(parent, record: DocumentRecord, collection: Collection, bibl_id: str) -> None:
    sent = [a for a in record.actions if a.type == "sent"]
    received = [a for a in record.actions if a.type == "received"]
    cd = _t(parent, "correspDesc", ref=collection.document_page(record), source=f"#{bibl_id}")
    for kind, actions in (("sent", sent), ("received", received)):
        # CMIF needs exactly one sent and one received action; several in the TEI are merged, none stays empty
        action = _t(cd, "correspAction", type=kind)
        for act in actions:
            for agent in act.agents:
                _t(action, "orgName" if agent.kind == "org" else "persName", agent.display,
                   ref=agent.uris[0] if agent.uris else None)
        for act in actions:
            for place in act.places:
                _t(action, "placeName", place.display, ref=place.uris[0] if place.uris else None)
        dated = next((a.date for a in actions if a.date), None)
        if dated is None and kind == "sent" and record.created:
            dated = record.created
        if dated:
            _t(action, "date", **dated)
