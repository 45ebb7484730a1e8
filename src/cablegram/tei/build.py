"""Model → TEI P5: the header from the record, standOff from the authority files, one div per version.

The encoding follows docs/encoding.md (itself the recommendation of shared/design/encoding-brief.md).
"""
from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from ..ingest.citation import parse_archival_references
from ..model import Document, Item, Unit, Version
from ..xmlio import TEI_NS, XML_NS
from .authority import authority
from .checks import category
from .correspondents import correspondents
from .inline import Context, append_text, fill, tei

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean", "de": "German", "fr": "French", "und": "Undetermined",
                  # the scripts and romanisations of authority-file name forms (tei/authority/*.xml)
                  "hu": "Hungarian", "ja-Hani": "Japanese (kanji)", "ja-Latn": "Japanese (Latin script)",
                  "ko-Hang": "Korean (Hangul)", "ko-Hani": "Korean (Hanja)", "ko-Latn": "Korean (Latin script)",
                  "zh-Hani": "Chinese (characters)", "zh-Latn": "Chinese (Latin script)"}

# opener item kind -> how it is encoded (element, @type)
_OPENER_SEG = {
    "marking": "marking", "precedence": "precedence", "copy-status": "copy-status", "copy-number": "copy-number",
    "doc-number": "doc-number", "number": "doc-number", "heading": "heading", "handling": "handling",
    "address": "address", "series": "series", "note-line": "note-line", "editorial": "editorial",
    "stamp": "stamp", "dispatch": "handling", "certification": "note-line", "source-line": "note-line",
    "signature": "note-line", "table-row": "note-line", "footnote": "note-line", "groups": "note-line",
    "numbered": "note-line", "prose": "note-line", "short": "note-line", "note": "note-line",
}
_FW = {"fw-archival": "archival-number", "fw-catch": "catch", "fw-header": "header", "fw-imprint": "imprint", "copy-number": "header"}
_PB = {"pb-page": ("page", "pageNum"), "pb-sheet": ("sheet", "sheet"), "pb-folio": ("folio", "folio")}
_ENDORSEMENT_AB = {
    "handling": "handling", "dispatch": "dispatch", "stamp": "stamp", "certification": "certification",
    "number": "registration", "doc-number": "registration", "dateline": "date", "gap": "gap",
}
_IDNO_TYPES = [
    (re.compile(r"^(Исход|Исх|Outgoing)", re.I), "outgoing"),
    (re.compile(r"^(Вх|Входящ|Incoming)", re.I), "incoming"),
    (re.compile(r"^Служ", re.I), "service"),
    (re.compile(r"^(Экз|Copy|Nº\s*\d+\s+to|№\s*\d+\s+to)", re.I), "copy"),
    (re.compile(r"^(ШИФР|Шифр|CIPHER|Cipher|CABLE|Cable|TELEGRAM|Telegram|ТЕЛЕГРАММА)"), "telegram"),
]
_STAMP_TYPE = [(re.compile(r"ВОЗВРАТ|return", re.I), "return"), (re.compile(r"копи|cop", re.I), "copies"), (re.compile(r"замет", re.I), "form")]


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    names = {"xml__id": XML_ID, "xml__lang": XML_LANG}
    el = etree.SubElement(parent, tei(tag), {names.get(k, k): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _gap(parent, item: Item) -> None:
    """'[...]' on a line of its own: the gap, and the characters as the source has them."""
    _el(parent, "gap", reason="omitted")
    append_text(parent, item.text)


def _idno_type(text: str, default: str) -> str:
    for pattern, kind in _IDNO_TYPES:
        if pattern.search(text):
            return kind
    return default


class _Encoder:
    def __init__(self, doc: Document, *, when: str | None) -> None:
        self.doc = doc
        self.when = when
        self.refs: set[str] = set()
        self.categories: dict[str, dict[str, str]] = {}  # taxonomy -> category id -> description
        self.translator_resp = "#tr-en" if doc.record.translator else "#src-wcda"

    # ------------------------------------------------------------------ header
    def header(self, root: etree._Element) -> None:
        doc, rec = self.doc, self.doc.record
        header = _el(root, "teiHeader")
        file_desc = _el(header, "fileDesc")
        title_stmt = _el(file_desc, "titleStmt")
        title = _el(title_stmt, "title", type="main")
        if rec.title:
            title.text = rec.title
        else:
            _el(title, "gap", reason="missing")
        resp = _el(title_stmt, "respStmt", xml__id="cablegram")
        _el(resp, "resp", "TEI encoding (automatic conversion)")
        _el(resp, "name", f"cablegram {__version__}")

        pub = _el(file_desc, "publicationStmt")
        _el(pub, "publisher", "cablegram")
        if self.when:
            _el(pub, "date", when=self.when)
        _el(pub, "idno", self.doc_id, type="local")
        avail = _el(pub, "availability")
        _el(avail, "licence", "TEI encoding: CC BY 4.0. The source text keeps the rights of its holders.",
            target="https://creativecommons.org/licenses/by/4.0/")
        if rec.rights:
            source_rights = _el(pub, "availability", xml__id="rights-source")
            for text in rec.rights:
                _el(source_rights, "p", text)

        if doc.warnings:
            notes = _el(file_desc, "notesStmt")
            for w in doc.warnings:
                _el(notes, "note", w.message, type="conversion-warning", n=w.code)

        source_desc = _el(file_desc, "sourceDesc")
        self._record_bibl(source_desc)
        self._archival_copies(source_desc)
        self._published_versions(source_desc)

    @property
    def doc_id(self) -> str:
        rec = self.doc.record
        return f"wcda-{rec.record_id}" if rec.record_id and rec.record_id.isdigit() else f"cg-{self.doc.stem}"

    def _record_bibl(self, parent) -> None:
        rec = self.doc.record
        bibl = _el(parent, "bibl", type="digital-record", xml__id="src-wcda")
        if rec.title:
            _el(bibl, "title", rec.title)
        if rec.date_text:
            _el(bibl, "date", rec.date_text, when=rec.date.isoformat() if rec.date else None)
        if rec.citation and "Wilson Center Digital Archive" in (rec.citation or "") or rec.layout == "scraped-page" or rec.url:
            _el(bibl, "publisher", "Wilson Center Digital Archive")
        if rec.translator:
            tr = _el(bibl, "respStmt", xml__id="tr-en")
            statement = rec.translator_statement or ""
            _el(tr, "resp", statement[: statement.rfind(rec.translator)].strip() or "Translated by", key="translation")
            _el(tr, "persName", rec.translator)
        for funder in rec.funders:
            _el(bibl, "funder", funder)
        if rec.url:
            _el(bibl, "idno", rec.url, type="URI")
        if rec.record_id:
            _el(bibl, "idno", rec.record_id, type="record")
        if rec.citation:
            _el(bibl, "note", rec.citation, type="citation",
                subtype="document-information" if rec.citation_field == "document_information" else None)
        if rec.credits:
            _el(bibl, "note", rec.credits, type="credits")
        if rec.contents:
            contents = _el(bibl, "note", type="contents")
            lst = _el(contents, "list")
            for item in rec.contents:
                _el(lst, "item", item)
        for label, value in rec.extra:
            note = _el(bibl, "note", type="record-field")
            if label:
                _el(note, "label", label)
                _el(note, "seg", value)
            else:
                note.text = value

    def _archival_copies(self, parent) -> None:
        rec = self.doc.record
        if not rec.citation:
            return
        auth = authority()
        for index, ref in enumerate(parse_archival_references(rec.citation), start=1):
            ms = _el(parent, "msDesc", xml__id=f"ms-{index}")
            ident = _el(ms, "msIdentifier")
            org_id = f"org-{ref.repository_key}" if ref.repository_key else None
            if org_id and auth.kind_of(org_id) == "org":
                self.refs.add(org_id)
            else:
                org_id = None
            _el(ident, "repository", ref.repository, ref=f"#{org_id}" if org_id else None)
            if ref.collection:
                _el(ident, "collection", ref.collection, type="named")
            for kind in ("fond", "opis", "papka"):
                for part in ref.parts:
                    if part.kind == kind:
                        _el(ident, "collection", part.value, type=kind)
            for part in ref.parts:
                if part.kind == "delo":
                    _el(ident, "idno", part.value, type="delo")
            if ref.folio_text:
                contents = _el(ms, "msContents")
                item = _el(contents, "msItem")
                _el(item, "locus", ref.folio_text, **{"from": ref.folio_from, "to": ref.folio_to or ref.folio_from})
                lang = rec.original_language_code or next((v.lang for v in self.doc.versions if v.role == "original"), None)
                if lang:
                    _el(item, "textLang", mainLang=lang)
                elif rec.title:
                    _el(item, "title", rec.title)

    def _published_versions(self, parent) -> None:
        for version in self.doc.versions:
            if version.subtype != "published" and not any(i.kind == "source-line" for i in version.endorsements):
                continue
            bibl = _el(parent, "bibl", type="published-version", xml__id=f"pub-{version.xml_id}")
            numbers = [i for i in version.front if i.kind == "number"]
            if numbers:
                m = re.search(r"\d+", numbers[0].text)
                if m:
                    _el(bibl, "biblScope", numbers[0].text, unit="document", n=m.group(0))
            pages = [i.n for i in self._all_items(version) if i.kind == "pb-page" and i.n]
            if pages:
                label = pages[0] if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"
                _el(bibl, "biblScope", label, unit="page", **{"from": pages[0], "to": pages[-1]})
            source_lines = [item for item in version.endorsements if item.kind == "source-line"]
            if not len(bibl):
                _el(bibl, "note", "A second Russian version of the text, as given in the export; its published source is not stated.", type="description")
            for index, item in enumerate(source_lines, start=1):
                # 'Печ. по: АП РФ. Ф. 3. …': where the published version was printed from, an entry of its own
                _el(parent, "bibl", item.text, type="print-source", corresp=f"#pub-{version.xml_id}",
                    xml__id=f"print-source-{version.xml_id}" + (f"-{index}" if index > 1 else ""))

    @staticmethod
    def _all_items(version: Version) -> list[Item]:
        items = list(version.front)
        for k in sorted(version.between):
            items.extend(version.between[k])
        for unit in version.units:
            items.extend(p for p in unit.parts if p.kind != "prose")
        return items + version.closer + version.endorsements

    def encoding_desc(self, header) -> None:
        enc = _el(header, "encodingDesc")
        app = _el(_el(enc, "appInfo"), "application", ident="cablegram", version=__version__)
        _el(app, "label", "cablegram")
        ed = _el(enc, "editorialDecl")
        _el(ed, "p", "Text as exported by the Wilson Center Digital Archive; markup wraps the text and never rewrites it. "
            "Square brackets, ellipses and asterisks are the source's characters; '[...]' is marked as a gap, bracketed "
            "insertions as supplied text, with the brackets kept as text.")
        _el(ed, "p", "Normalised: line endings; markdown syntax of the export (heading marks, emphasis, escapes, table "
            "pipes, autolink brackets) removed; lines of a paragraph joined with a space; the anchor of a footnote "
            "is represented by the note's @n. Dates carry @when in ISO 8601; parts that were inferred are named by @ana "
            "(see the date-inference taxonomy).")
        if self.doc.dropped:
            by_rule: dict[str, list] = {}
            for d in self.doc.dropped:
                by_rule.setdefault(d.rule, []).append(d)
            lst_p = _el(ed, "p", "Lines dropped by boilerplate rules: ")
            lst = _el(lst_p, "list", type="boilerplate-rules")
            for rule, drops in by_rule.items():
                item = _el(lst, "item", n=rule)
                item.text = f"{drops[0].description}: line{'s' if len(drops) > 1 else ''} " + ", ".join(str(d.line) for d in drops)
        cls = _el(enc, "classDecl")
        for taxonomy, categories in sorted(self.categories.items()):
            tax = _el(cls, "taxonomy", xml__id=taxonomy)
            for cat_id, desc in sorted(categories.items()):
                _el(_el(tax, "category", xml__id=cat_id), "catDesc", desc)
        tax = _el(cls, "taxonomy", xml__id="date-inference")
        for cat_id, desc in (
            ("di-year-from-record", "year not written; taken from the record date"),
            ("di-century-from-record", "two-digit year; century taken from the record date"),
            ("di-roman-month-ocr", "month written in Roman numerals, read through OCR confusions (У = V, П = II)"),
            ("di-zone-moscow", "time of day from a Soviet (Moscow) office stamp; zone offset +03:00 assumed"),
        ):
            cat = _el(tax, "category", xml__id=cat_id)
            _el(cat, "catDesc", desc)

    def profile_desc(self, header) -> None:
        rec = self.doc.record
        prof = _el(header, "profileDesc")
        if rec.date:
            creation = _el(prof, "creation")
            _el(creation, "date", rec.date_text, when=rec.date.isoformat())
        if rec.summary:
            abstract = _el(prof, "abstract", source="#src-wcda")
            _el(abstract, "p", rec.summary)
        lang_usage = _el(prof, "langUsage")
        codes = ["en"] + [v.lang for v in self.doc.versions]
        if rec.original_language_code:
            codes.append(rec.original_language_code)
        for code in dict.fromkeys(codes):
            label = rec.original_language if code == rec.original_language_code and rec.original_language else LANGUAGE_NAMES.get(code, code)
            _el(lang_usage, "language", label, ident=code)
        corresp = correspondents(self.doc)
        if corresp.sent or corresp.received:
            desc = _el(prof, "correspDesc", ref=rec.url)
            for action_type, parties in (("sent", corresp.sent), ("received", corresp.received)):
                date = corresp.sent_date if action_type == "sent" else corresp.received_date
                if not parties and not date:
                    continue  # said nowhere: left out, not invented
                action = _el(desc, "correspAction", type=action_type)
                for party in parties:
                    if party.ref:
                        self.refs.add(party.ref)
                    _el(action, party.tag, party.text, ref=f"#{party.ref}" if party.ref else None)
                if date:
                    _el(action, "date", date.text, **date.attributes)

    def revision_desc(self, header) -> None:
        rev = _el(header, "revisionDesc")
        _el(rev, "change", f"Converted from {self.doc.source_name} ({self.doc.encoding}) by cablegram {__version__}.",
            who="#cablegram", when=self.when[:10] if self.when else None)

    # ------------------------------------------------------------------ text
    def _ctx(self, version: Version, **kw) -> Context:
        resp = self.translator_resp if version.role == "translation" else "#src-wcda"
        kw.setdefault("footnotes", version.footnotes)  # anchors may stand anywhere in the version
        return Context(self.doc.record.date, resp, refs=self.refs, **kw)

    def _lines_into(self, parent, item: Item, ctx: Context) -> None:
        for index, line in enumerate(item.lines):
            if index:
                _el(parent, "lb")
            fill(parent, line.text, ctx)

    def _milestone(self, parent, item: Item, version: Version) -> None:
        if item.kind in _PB:
            pb_type, fw_type = _PB[item.kind]
            ed_ref = f"#pub-{version.xml_id}" if pb_type == "page" and version.subtype == "published" else None
            _el(parent, "pb", type=pb_type, n=item.n, edRef=ed_ref)
            _el(parent, "fw", item.text, type=fw_type)
        elif item.kind == "gap":
            _gap(parent, item)
        else:
            fw = _el(parent, "fw", type=_FW.get(item.kind, "header"))
            self._lines_into(fw, item, self._ctx(version, names=False))

    def _opener_item(self, opener, item: Item, version: Version) -> None:
        if item.kind in _PB or item.kind.startswith("fw-"):
            self._milestone(opener, item, version)
            return
        if item.kind == "gap":
            _gap(opener, item)
            return
        if item.kind == "salute":
            self._lines_into(_el(opener, "salute"), item, self._ctx(version))
            return
        if item.kind == "dateline":
            self._lines_into(_el(opener, "dateline"), item, self._ctx(version))
            return
        if item.kind in ("distribution", "table"):
            seg = _el(opener, "seg", type="distribution")
            self._distribution(seg, item, version)
            return
        cat = category(item.kind, item) if item.kind in ("marking", "precedence") else None
        if cat:
            self.categories.setdefault(item.kind, {})[cat[0]] = cat[1]
        seg = _el(opener, "seg", type=_OPENER_SEG.get(item.kind, "note-line"), ana=f"#{cat[0]}" if cat else None)
        idno = None
        if item.kind in ("doc-number", "number", "copy-number"):
            idno = _idno_type(item.text, "telegram" if item.kind == "doc-number" else "number")
        if item.kind == "stamp":
            seg = _el(seg, "stamp", type=next((t for p, t in _STAMP_TYPE if p.search(item.text)), "office"))
        self._lines_into(seg, item, self._ctx(version, idno_type=idno))

    def _distribution(self, parent, item: Item, version: Version) -> None:
        ctx = self._ctx(version)
        if item.cells is not None and not any(c for row in item.cells for c in row):
            # a table of empty cells (a blank form): no text to keep but its heading, if any
            if item.kind == "distribution":
                holder = parent if etree.QName(parent).localname == "seg" else _el(parent, "ab", type="distribution")
                fill(holder, item.lines[0].text, ctx)
            return
        if item.cells is not None:
            table = _el(parent, "table", type="distribution")
            if item.kind == "distribution":
                head = _el(table, "head")
                fill(head, item.lines[0].text, ctx)
            for row_cells in item.cells:
                if not any(c for c in row_cells):
                    continue  # an empty markdown header row
                row = _el(table, "row")
                for cell_text in row_cells:
                    cell = _el(row, "cell")
                    fill(cell, cell_text, ctx)
            return
        first = item.lines[0].text
        m = re.match(r"^(?P<head>[^:]+:)\s*(?P<rest>.*)$", first)
        if len(item.lines) == 1 and not (m and m.group("rest")):
            # a 'Копии:' heading with no list after it (the form left blank, or the list lost)
            holder = parent if etree.QName(parent).localname == "seg" else _el(parent, "ab", type="distribution")
            fill(holder, first, ctx)
            return
        lst = _el(parent, "list", type="distribution")
        head = _el(lst, "head")
        fill(head, m.group("head") if m else first, ctx)
        entries: list[str] = []
        rest = m.group("rest") if m else ""
        if rest:
            if re.match(r"^\d", rest):
                entries.append(rest)
            else:
                entries.extend(p for p in re.split(r"(?<=,)\s+", rest) if p)
        entries.extend(line.text for line in item.lines[1:])
        for entry in entries:
            n = re.match(r"^(\d{1,2})", entry)
            li = _el(lst, "item", n=n.group(1) if n else None)
            fill(li, entry, ctx)

    def _unit(self, parent, unit: Unit, version: Version, index: int) -> None:
        p = _el(parent, "p", xml__id=unit.xml_id, n=unit.n,
                corresp=" ".join(f"#{c}" for c in unit.corresp) or None, cert=unit.cert)
        prose_seen = False
        for part in unit.parts:
            if part.kind == "prose":
                if prose_seen:
                    append_text(p, " ")
                text = " ".join(line.text for line in part.lines)
                fill(p, text, self._ctx(version, groups=not prose_seen))
                prose_seen = True
            else:
                self._milestone(p, part, version)

    def _closer_item(self, closer, item: Item, version: Version) -> None:
        ctx = self._ctx(version)
        if item.kind == "salute":
            self._lines_into(_el(closer, "salute"), item, ctx)
        elif item.kind == "signature":
            self._lines_into(_el(closer, "signed"), item, ctx)
        elif item.kind in ("number", "doc-number"):
            self._lines_into(_el(closer, "dateline"), item, self._ctx(version, idno_type=_idno_type(item.text, "outgoing")))
        else:
            self._lines_into(_el(closer, "dateline"), item, self._ctx(version))

    def _endorsement(self, parent, item: Item, version: Version) -> None:
        if item.kind in _PB or item.kind.startswith("fw-"):
            self._milestone(parent, item, version)
            return
        if item.kind in ("distribution", "table"):
            self._distribution(parent, item, version)
            return
        if item.kind == "source-line":
            note = _el(parent, "note", type="source")
            self._lines_into(note, item, self._ctx(version, names=False))
            return
        ab_type = _ENDORSEMENT_AB.get(item.kind, "note")
        ab = _el(parent, "ab", type=ab_type)
        if item.kind == "gap":
            _gap(ab, item)
            return
        idno = _idno_type(item.text, "registration") if item.kind in ("number", "doc-number") else None
        target = ab
        if item.kind == "stamp":
            target = _el(ab, "stamp", type=next((t for p, t in _STAMP_TYPE if p.search(item.text)), "office"))
        self._lines_into(target, item, self._ctx(version, idno_type=idno))

    def version_div(self, body, version: Version) -> etree._Element:
        attrs = {"type": version.role, "subtype": version.subtype, XML_LANG: version.lang, XML_ID: version.xml_id}
        if version.role == "original":
            if version.subtype == "published":
                attrs["source"] = f"#pub-{version.xml_id}"
            elif self.doc.record.citation and parse_archival_references(self.doc.record.citation):
                attrs["source"] = "#ms-1"
        else:
            originals = [v for v in self.doc.versions if v.role == "original"]
            if originals:
                attrs["corresp"] = f"#{originals[0].xml_id}"
            if self.doc.record.translator:
                attrs["resp"] = "#tr-en"
        div = etree.SubElement(body, tei("div"), {k: v for k, v in attrs.items() if v})
        message = _el(div, "div", type="message")
        if version.front:
            opener = _el(message, "opener")
            for item in version.front:
                self._opener_item(opener, item, version)
        for index, unit in enumerate(version.units, start=1):
            for item in version.between.get(index - 1, []):
                self._between(message, item, version)
            self._unit(message, unit, version, index)
        for item in version.between.get(len(version.units), []):
            self._between(message, item, version)
        if version.closer:
            closer = _el(message, "closer")
            for item in version.closer:
                self._closer_item(closer, item, version)
        if version.endorsements:
            endorsements = _el(div, "div", type="endorsements")
            for item in version.endorsements:
                self._endorsement(endorsements, item, version)
        # footnotes whose anchor was not found: kept, at the end of the version
        if version.footnotes:
            holder = div.find(tei("div") + "[@type='endorsements']")
            if holder is None:
                holder = _el(div, "div", type="endorsements")
            for item in list(version.footnotes):
                note = _el(holder, "note", type="footnote", place="foot", n=item.n)
                fill(note, re.sub(r"^(\*{1,3}|\d{1,2}\))\s+", "", item.text), self._ctx(version))
            self.doc.warn("CW-UNANCHORED-NOTE", f"{version.xml_id}: {len(version.footnotes)} footnote(s) without an anchor in the text")
            version.footnotes.clear()
        for hollow in div.xpath(".//t:div[@type='endorsements'][not(*)] | .//t:seg[not(node())] | .//t:opener[not(node())]",
                                namespaces={"t": TEI_NS}):
            hollow.getparent().remove(hollow)  # e.g. a blank form table: nothing to keep
        if not len(message):
            div.remove(message)
        return div

    def _between(self, parent, item: Item, version: Version) -> None:
        if item.kind in _PB or item.kind.startswith("fw-") or item.kind == "copy-number":
            self._milestone(parent, item, version)
        else:
            ab = _el(parent, "ab", type="gap" if item.kind == "gap" else "note")
            if item.kind == "gap":
                _gap(ab, item)
            else:
                self._lines_into(ab, item, self._ctx(version))

    def stand_off(self, root, header_index: int) -> None:
        auth = authority()
        used = sorted(self.refs)
        links = self.doc_links
        if not used and not links:
            return
        stand_off = etree.Element(tei("standOff"))
        root.insert(header_index + 1, stand_off)
        for kind, list_tag in (("person", "listPerson"), ("place", "listPlace"), ("org", "listOrg")):
            ids = [i for i in used if auth.kind_of(i) == kind]
            if ids:
                lst = _el(stand_off, list_tag)
                for xml_id in ids:
                    lst.append(auth.entry_copy(xml_id))
        if links:
            grp = _el(stand_off, "linkGrp", type="alignment", resp="#cablegram")
            for link in links:
                _el(grp, "link", type=link.method, cert=link.cert, target=f"#{link.translation} #{link.original}")


def build_tei(doc: Document, *, when: str | None = None, links=None) -> etree._ElementTree:
    """The TEI document for a segmented export. `links` is the alignment (see tei.align)."""
    enc = _Encoder(doc, when=when)
    enc.doc_links = links or []
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, enc.doc_id)
    root.set(XML_LANG, "en")
    # The body first (it collects authority references), then the header that reports on it.
    text = etree.Element(tei("text"))
    body = _el(text, "body")
    for version in doc.versions:
        enc.version_div(body, version)
    if not len(body):
        _el(_el(body, "div", type="original"), "gap", reason="missing")
    enc.header(root)
    header = root[0]
    enc.encoding_desc(header)
    enc.profile_desc(header)
    enc.revision_desc(header)
    enc.stand_off(root, 0)
    root.append(text)
    _declare_languages(root)
    return root.getroottree()


def _declare_languages(root: etree._Element) -> None:
    """Every xml:lang used (authority entries bring their own) is declared in langUsage."""
    lang_usage = root.find(f".//{tei('langUsage')}")
    declared = {el.get("ident") for el in lang_usage}
    for code in sorted({el.get(XML_LANG) for el in root.iter() if el.get(XML_LANG)} - declared):
        _el(lang_usage, "language", LANGUAGE_NAMES.get(code, code), ident=code)
