"""METS, one file per document: its files (TEI; HTML page and PDF when deposited) and its metadata.

The teiHeader is wrapped as it stands (`mdWrap MDTYPE="TEIHDR"`), the oai_dc record beside it, and the
DataCite record is referenced. Written with lxml: `metsrw` is AGPL-3.0 and cablegram is MIT, so metsrw is
a test dependency only (the tests read these files back with it and validate them against the METS schema
it ships). Paths are relative to the METS file, which sits in `data/metadata/mets/`.
"""
from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass

from lxml import etree

from .. import __version__
from ..xmlio import TEI_NS
from .context import Collection
from .dublincore import dc_element
from .records import DocumentRecord

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{METS} http://www.loc.gov/standards/mets/mets.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class DepositedFile:
    use: str  # TEI | HTML | PDF
    href: str  # relative to the METS file
    mimetype: str
    data: bytes


def _m(parent, tag: str, **attrs) -> etree._Element:
    return etree.SubElement(parent, f"{{{METS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})


def mets_xml(record: DocumentRecord, collection: Collection, tei: etree._ElementTree, files: list[DepositedFile]) -> bytes:
    root = etree.Element(f"{{{METS}}}mets", nsmap={"mets": METS, "xlink": XLINK, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("OBJID", collection.document_identifier(record).value)
    root.set("LABEL", record.title)
    root.set("TYPE", "telegram")

    header = _m(root, "metsHdr", CREATEDATE=collection.when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    agent = _m(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(agent, f"{{{METS}}}name").text = f"cablegram {__version__}"
    for editor in collection.config.editors:
        person = _m(header, "agent", ROLE="EDITOR", TYPE="INDIVIDUAL")
        etree.SubElement(person, f"{{{METS}}}name").text = editor.name
    if collection.config.source_organization:
        org = _m(header, "agent", ROLE="DISSEMINATOR", TYPE="ORGANIZATION")
        etree.SubElement(org, f"{{{METS}}}name").text = collection.config.source_organization

    tei_header = tei.getroot().find(f"{{{TEI_NS}}}teiHeader")
    dmd_ids = []
    header_slot = None
    if tei_header is not None:
        wrap = _m(_m(root, "dmdSec", ID="dmd-teiheader"), "mdWrap", MDTYPE="TEIHDR", MIMETYPE="text/xml", LABEL="TEI header")
        wrapped = copy.deepcopy(tei_header)
        lang = tei.getroot().get(XML_LANG)
        if lang and wrapped.get(XML_LANG) is None:
            wrapped.set(XML_LANG, lang)  # the header's language, inherited from TEI/@xml:lang, travels with it
        header_slot = (_m(wrap, "xmlData"), wrapped)
        dmd_ids.append("dmd-teiheader")
    wrap = _m(_m(root, "dmdSec", ID="dmd-dc"), "mdWrap", MDTYPE="DC", MIMETYPE="text/xml", LABEL="Dublin Core (oai_dc)")
    _m(wrap, "xmlData").append(dc_element(record, collection))
    dmd_ids.append("dmd-dc")
    ref = _m(_m(root, "dmdSec", ID="dmd-datacite"), "mdRef", LOCTYPE="URL", MDTYPE="OTHER", OTHERMDTYPE="DataCite",
             MIMETYPE="text/xml", LABEL="DataCite 4.6")
    ref.set(f"{{{XLINK}}}href", f"../datacite/{record.stem}.xml")
    dmd_ids.append("dmd-datacite")

    file_sec = _m(root, "fileSec")
    file_ids = []
    for use in ("TEI", "HTML", "PDF"):
        group = [f for f in files if f.use == use]
        if not group:
            continue
        grp = _m(file_sec, "fileGrp", USE=use)
        for n, f in enumerate(group, 1):
            file_id = f"file-{use.lower()}-{n}"
            el = _m(grp, "file", ID=file_id, MIMETYPE=f.mimetype, SIZE=str(len(f.data)),
                    CHECKSUM=hashlib.sha256(f.data).hexdigest(), CHECKSUMTYPE="SHA-256")
            loc = _m(el, "FLocat", LOCTYPE="URL")
            loc.set(f"{{{XLINK}}}href", f.href)
            file_ids.append(file_id)

    struct = _m(root, "structMap", TYPE="physical", LABEL="the telegram's files")
    div = _m(struct, "div", TYPE="telegram", LABEL=record.title, DMDID=" ".join(dmd_ids))
    for file_id in file_ids:
        _m(div, "fptr", FILEID=file_id)
    etree.indent(root, space="  ")
    if header_slot is not None:
        # wrapped after indenting: indentation would rewrite whitespace inside the TEI (mixed content)
        slot, wrapped = header_slot
        slot.text = None
        slot.append(wrapped)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"

