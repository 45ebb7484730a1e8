"""The TEI writer: (document, analysis) → TEI P5. It translates; it recognises nothing.

The header comes from the record and the analysis' facts, standOff from the authority files, and one div
per version from the version's block tree. Every element and attribute below is decided by the analysis
(kinds, encodings from the vocabulary, spans, links); writing never changes its inputs, so writing twice
gives the same bytes. The encoding follows docs/encoding.md.
"""
from __future__ import annotations

from lxml import etree

from .. import __version__
from ..analysis.authority import authority
from ..analysis.model import Analysis, Block, Inline, VersionAnalysis
from ..model import Document
from ..xmlio import TEI_NS, XML_NS

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

#: the date-inference taxonomy that date/@ana points to
DATE_INFERENCE = (
    ("di-year-from-record", "year not written; taken from the record date"),
    ("di-century-from-record", "two-digit year; century taken from the record date"),
    ("di-roman-month-ocr", "month written in Roman numerals, read through OCR confusions (У = V, П = II)"),
    ("di-zone-moscow", "time of day from a Soviet (Moscow) office stamp; zone offset +03:00 assumed"),
)


#: span kinds written as an element around their inner Inline (the bracket kinds of analysis/inline.py, and
#: a reference to another telegram: @n its number, a date child its date)
_WRAPPING = {"supplied": "supplied", "gloss": "gloss", "editorial-note": "note", "ref": "ref"}


#: elements a version's tree can leave empty, with nothing to keep (compiled once: XPath strings compile per call)
_HOLLOW = etree.XPath(".//t:div[@type='endorsements'][not(*)] | .//t:seg[not(node())] | .//t:opener[not(node())]",
                      namespaces={"t": TEI_NS})


_LANGUAGES_USED = etree.XPath("//@xml:lang")


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    names = {"xml__id": XML_ID, "xml__lang": XML_LANG}
    el = etree.SubElement(parent, tei(tag), {names.get(k, k): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class _Writer:
    def __init__(self, doc: Document, analysis: Analysis, *, when: str | None) -> None:
        self.doc = doc
        self.a = analysis
        self.when = when
        self.refs: set[str] = set()  # authority entries pointed to (copied into standOff)

    # ------------------------------------------------------------------ inline
    def inline(self, parent: etree._Element, inline: Inline) -> None:
        text, pos = inline.text, 0
        for span in inline.spans:
            append_text(parent, text[pos : span.start])
            pos = span.start
            attrs = dict(span.attrs)
            if span.kind == "gap":
                etree.SubElement(parent, tei("gap"), attrs)
                continue  # the literal '[...]' stays as text
            if span.kind == "note":
                note = etree.SubElement(parent, tei("note"), type="footnote", place="foot", n=attrs["n"])
                self.inline(note, span.inner)
            elif span.kind in _WRAPPING:  # an element around a bracket's inner text, itself read for spans
                el = etree.SubElement(parent, tei(_WRAPPING[span.kind]), attrs)
                self.inline(el, span.inner)
            elif span.kind == "name":
                el = etree.SubElement(parent, tei(attrs["tag"]))
                if attrs.get("ref"):  # a name without an authority entry is marked but not linked
                    el.set("ref", f"#{attrs['ref']}")
                    self.refs.add(attrs["ref"])
                el.text = text[span.start : span.end]
            else:  # idno, num, date
                el = etree.SubElement(parent, tei(span.kind), attrs)
                el.text = text[span.start : span.end]
            pos = span.end
        append_text(parent, text[pos:])

    def lines(self, parent: etree._Element, lines: tuple[Inline, ...]) -> None:
        for index, line in enumerate(lines):
            if index:
                # a line break is also white space: text read without the markup (a search index, itertext)
                # must not glue the last word of a line to the first of the next
                _el(parent, "lb").tail = "\n"
            self.inline(parent, line)

    # ------------------------------------------------------------------ header
    def header(self, root: etree._Element) -> None:
        rec = self.doc.record
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
        _el(pub, "idno", self.a.document_id, type="local")
        avail = _el(pub, "availability")
        _el(avail, "licence", "TEI encoding: CC BY 4.0. The source text keeps the rights of its holders.",
            target="https://creativecommons.org/licenses/by/4.0/")
        if rec.rights:
            source_rights = _el(pub, "availability", xml__id="rights-source")
            for text in rec.rights:
                _el(source_rights, "p", text)

        if self.a.problems:
            notes = _el(file_desc, "notesStmt")
            for w in self.a.problems:
                _el(notes, "note", w.message, type="conversion-warning", n=w.code)

        source_desc = _el(file_desc, "sourceDesc")
        self._record_bibl(source_desc)
        self._archival_copies(source_desc)
        self._published_versions(source_desc)

    def _record_bibl(self, parent) -> None:
        rec = self.doc.record
        bibl = _el(parent, "bibl", type="digital-record", xml__id="src-wcda")
        if rec.title:
            _el(bibl, "title", rec.title)
        if rec.date_text:
            _el(bibl, "date", rec.date_text, when=rec.date_when)
        if self.a.publisher:
            _el(bibl, "publisher", self.a.publisher)
        if rec.translator:
            tr = _el(bibl, "respStmt", xml__id="tr-en")
            _el(tr, "resp", self.a.translator_resp, key="translation")
            for name in rec.translators or [rec.translator]:
                _el(tr, "persName", name)
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
        auth = authority()
        for index, ref in enumerate(self.a.references, start=1):
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
            # the levels (collection) and the file (idno), as the analysis ordered them from the archive table
            for element, kind, value in ref.identifiers:
                _el(ident, element, value, type=kind)
            if ref.folio_text:
                contents = _el(ms, "msContents")
                item = _el(contents, "msItem")
                _el(item, "locus", ref.folio_text, type="pages" if ref.folio_kind == "pages" else None,
                    **{"from": ref.folio_from, "to": ref.folio_to or ref.folio_from})
                lang = self.a.original_language or next((v.lang for v in self.a.versions if v.role == "original"), None)
                if lang:
                    inferred = self.a.original_language_inferred and lang == self.a.original_language
                    _el(item, "textLang", mainLang=lang, cert="medium" if inferred else None, resp="#cablegram" if inferred else None)
                elif rec.title:
                    _el(item, "title", rec.title)

    def _published_versions(self, parent) -> None:
        for pub in self.a.published:
            bibl = _el(parent, "bibl", type="published-version", xml__id=f"pub-{pub.version}")
            if pub.number_n:
                _el(bibl, "biblScope", pub.number, unit="document", n=pub.number_n)
            if pub.pages:
                pages = pub.pages
                label = pages[0] if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"
                _el(bibl, "biblScope", label, unit="page", **{"from": pages[0], "to": pages[-1]})
            if not len(bibl):
                _el(bibl, "note", "A second Russian version of the text, as given in the export; its published source is not stated.", type="description")
            for index, text in enumerate(pub.print_sources, start=1):
                # 'Печ. по: АП РФ. Ф. 3. …': where the published version was printed from, an entry of its own
                _el(parent, "bibl", text, type="print-source", corresp=f"#pub-{pub.version}",
                    xml__id=f"print-source-{pub.version}" + (f"-{index}" if index > 1 else ""))

    def encoding_desc(self, header) -> None:
        enc = _el(header, "encodingDesc")
        app = _el(_el(enc, "appInfo"), "application", ident="cablegram", version=__version__)
        _el(app, "label", "cablegram")
        ed = _el(enc, "editorialDecl")
        _el(ed, "p", "Text as exported by the Wilson Center Digital Archive; markup wraps the text and never rewrites it. "
            "Square brackets, ellipses and asterisks are the source's characters; '[...]' is marked as a gap; what other "
            "brackets hold is marked by its kind, with the brackets kept as text: an insertion as supplied text, a "
            "description of the document ('[signature]', '[illegible]') or a comment ('[sic]') as an editorial note in "
            "place, a transliterated word of the original as a gloss, a numbered reference ('[1]') as the footnote it "
            "points to.")
        _el(ed, "p", "Normalised: line endings; markdown syntax of the export (heading marks, emphasis, escapes, table "
            "pipes, autolink brackets) removed, a double asterisk that pairs with no other being a footnote mark; lines of a "
            "paragraph joined with a space; the anchor of a footnote is represented by the note's @n. Dates carry "
            "@when in ISO 8601; parts that were inferred are named by @ana (see the date-inference taxonomy); a time "
            "of day has the offset of the place it was written, or none where the text does not tell that place.")
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
        for taxonomy, categories in self.a.categories:
            tax = _el(cls, "taxonomy", xml__id=taxonomy)
            for cat_id, desc in categories:
                _el(_el(tax, "category", xml__id=cat_id), "catDesc", desc)
        tax = _el(cls, "taxonomy", xml__id="date-inference")
        for cat_id, desc in DATE_INFERENCE:
            cat = _el(tax, "category", xml__id=cat_id)
            _el(cat, "catDesc", desc)

    def profile_desc(self, header) -> None:
        rec = self.doc.record
        prof = _el(header, "profileDesc")
        if rec.date:
            creation = _el(prof, "creation")
            _el(creation, "date", rec.date_text, when=rec.date_when)
        if rec.summary:
            abstract = _el(prof, "abstract", source="#src-wcda")
            _el(abstract, "p", rec.summary)
        lang_usage = _el(prof, "langUsage")
        for code, label in self.a.languages:
            inferred = self.a.original_language_inferred and code == self.a.original_language
            # an original language the record does not state: inferred from the citation, title or text
            _el(lang_usage, "language", label, ident=code, cert="medium" if inferred else None,
                resp="#cablegram" if inferred else None)
        corresp = self.a.correspondence
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
                    # a party the text only implies (docs/encoding.md): marked inferred
                    _el(action, party.tag, party.text, ref=f"#{party.ref}" if party.ref else None,
                        cert=party.cert, resp="#cablegram" if party.cert else None)
                if date:
                    _el(action, "date", date.text, **dict(date.attributes))

    def revision_desc(self, header) -> None:
        rev = _el(header, "revisionDesc")
        _el(rev, "change", f"Converted from {self.doc.source_name} ({self.doc.encoding}) by cablegram {__version__}.",
            who="#cablegram", when=self.when[:10] if self.when else None)

    # ------------------------------------------------------------------ text
    @staticmethod
    def _target(block: Block) -> tuple[str, str | None]:
        element, _, type_ = block.tei.partition(":")
        return element, type_ or None

    def block(self, parent, block: Block, version: VersionAnalysis) -> None:
        """One block of a version's tree (recursively)."""
        element, type_ = self._target(block)
        if block.kind == "gap":
            holder = parent if element == "gap" else _el(parent, element, type=type_)
            _el(holder, "gap", reason="omitted")
            append_text(holder, " ".join(l.text for l in block.lines))
        elif element == "milestone":
            pb_type, fw_type = block.pb
            ed_ref = f"#pub-{version.xml_id}" if pb_type == "page" and version.subtype == "published" else None
            _el(parent, "pb", type=pb_type, n=block.n, edRef=ed_ref)
            _el(parent, "fw", " ".join(l.text for l in block.lines), type=fw_type)
        elif element in ("distribution", "table") or type_ == "distribution":
            self.distribution(parent, block, element == "seg", "distribution" if element != "table" else None)
        elif block.kind == "unit":
            p = _el(parent, "p", xml__id=block.xml_id, n=block.n,
                    corresp=" ".join(f"#{c}" for c in block.corresp) or None, cert=block.cert)
            prose_seen = False
            for part in block.children:
                if part.kind == "prose":
                    if prose_seen:
                        append_text(p, " ")
                    self.inline(p, part.lines[0])
                    prose_seen = True
                else:
                    self.block(p, part, version)
        elif element in ("opener", "closer"):
            holder = _el(parent, element)
            for child in block.children:
                self.block(holder, child, version)
        elif element == "div":
            holder = _el(parent, "div", type=type_)
            for child in block.children:
                self.block(holder, child, version)
        elif element == "floatingText":
            # a message inside the message: a forwarded or quoted telegram, an enclosure, an attachment
            body = _el(_el(parent, "floatingText", type=type_), "body")
            for child in block.children:
                self.block(body, child, version)
        else:
            target = _el(parent, element, type=type_, place="foot" if type_ == "footnote" else None,
                         n=block.n if element == "note" else None,
                         ana=f"#{block.category[0]}" if block.category else None)
            if block.stamp_type:
                target = _el(target, "stamp", type=block.stamp_type)
            self.lines(target, block.lines)

    def distribution(self, parent, block: Block, in_seg: bool, table_type: str | None = "distribution") -> None:
        holder = _el(parent, "seg", type="distribution") if in_seg else parent
        if block.rows is not None:
            table = _el(holder, "table", type=table_type)
            if block.head is not None:
                self.inline(_el(table, "head"), block.head)
            for cells in block.rows:
                row = _el(table, "row")
                for cell in cells:
                    self.inline(_el(row, "cell"), cell)
        elif block.entries:
            lst = _el(holder, "list", type="distribution")
            self.inline(_el(lst, "head"), block.head)
            for entry in block.entries:
                self.inline(_el(lst, "item", n=entry.n), entry.text)
        elif block.lines:
            target = holder if in_seg else _el(holder, "ab", type="distribution")
            self.inline(target, block.lines[0])

    def version_div(self, body, version: VersionAnalysis) -> None:
        attrs = {"type": version.role, "subtype": version.subtype, XML_LANG: version.lang, XML_ID: version.xml_id,
                 "source": version.source, "corresp": version.corresp, "resp": version.resp, "cert": version.cert}
        div = etree.SubElement(body, tei("div"), {k: v for k, v in attrs.items() if v})
        for child in version.tree.children:
            self.block(div, child, version)
        for hollow in _HOLLOW(div):
            hollow.getparent().remove(hollow)  # e.g. a blank form table: nothing to keep
        message = div.find(tei("div") + "[@type='message']")
        if message is not None and not len(message):
            div.remove(message)

    def stand_off(self, root, header_index: int) -> None:
        auth = authority()
        used = sorted(self.refs)
        links = self.a.links
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


def write_tei(doc: Document, analysis: Analysis, *, when: str | None = None) -> etree._ElementTree:
    """The TEI document for an analysed export. Reads its inputs only."""
    writer = _Writer(doc, analysis, when=when)
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, analysis.document_id)
    root.set(XML_LANG, "en")
    # The body first (it collects authority references), then the header that reports on it.
    text = etree.Element(tei("text"))
    body = _el(text, "body")
    for version in analysis.versions:
        writer.version_div(body, version)
    if not len(body):
        _el(_el(body, "div", type="original"), "gap", reason="missing")
    writer.header(root)
    header = root[0]
    writer.encoding_desc(header)
    writer.profile_desc(header)
    writer.revision_desc(header)
    writer.stand_off(root, 0)
    root.append(text)
    _declare_languages(root, dict(analysis.language_names))
    return root.getroottree()


def _declare_languages(root: etree._Element, names: dict[str, str]) -> None:
    """Every xml:lang used (authority entries bring their own) is declared in langUsage.

    A language only the authority entries' name forms use (standOff) is declared with @usage='0' (none
    of the text is in it) and says so: a reader never takes it for the text's original language, which
    is the version's, the record's or the inferred one (marked @cert/@resp) -- or, when none is known,
    no declared language at all."""
    lang_usage = root.find(f".//{tei('langUsage')}")
    declared = {el.get("ident") for el in lang_usage}
    in_text = {code for node in (root.find(tei("teiHeader")), root.find(tei("text"))) if node is not None
               for code in node.xpath(".//@xml:lang")}
    for code in sorted({code for code in _LANGUAGES_USED(root) if code} - declared):
        if code in in_text:
            _el(lang_usage, "language", names.get(code, code), ident=code)
        else:
            label = names.get(code, code)
            label = f"{label[:-1]}; names only)" if label.endswith(")") else f"{label} (names only)"
            _el(lang_usage, "language", label, ident=code, usage="0")
