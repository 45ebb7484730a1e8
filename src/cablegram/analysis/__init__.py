"""Analysis: the ingested `Document` → a complete, immutable `Analysis` (between ingest and the TEI writer).

An ordered list of small steps (`STEPS`), each a function of the working state that adds one kind of
knowledge and can be tested alone: record facts with their source lines, archival references (parsed
once), version roles and languages, the telegram form of each version, unit ids, alignment,
correspondents, disagreements, the block tree with inline spans, published versions, languages.
The Document is never changed; the TEI writer (`cablegram.tei.writer`) only translates the result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.layouts import is_site_page
from ..model import Document
from ..problems import Problem, problem
from .authority import FORM_LANGUAGE_NAMES
from .align import align
from .checks import text_in_endorsements, unit_counts, units_in_order, unlinked_units
from .correspondents import correspondents
from .disagreements import disagreements
from .form import Form, read_form
from .inline import (MOSCOW_ZONE_ID, InlineReader, office_zone, received_elsewhere, sender_zone, sent_from_zone,
                     zone_description)
from .names import NameFinder, candidate_report, learn, unlinked_names
from .model import Analysis, Block, Correspondence, Fact, LineDecision, Link, PublishedVersion, VersionAnalysis
from .references import parse_archival_references
from .tree import TreeBuilder, footnotes_of
from .vocabulary import vocabulary

__all__ = ["analyse", "Analysis", "STEPS"]


@dataclass
class State:
    """The working state the steps fill in; frozen into an `Analysis` at the end."""

    doc: Document
    problems: list[Problem] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    references: tuple = ()
    version_attrs: list[dict] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    per_unit: dict = field(default_factory=dict)
    correspondence: Correspondence = field(default_factory=Correspondence)
    trees: list[Block] = field(default_factory=list)
    categories: dict[str, dict[str, str]] = field(default_factory=dict)
    published: list[PublishedVersion] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)
    translator_resp: str | None = None
    publisher: str | None = None
    names: NameFinder = field(default_factory=NameFinder)
    name_candidates: list[tuple[str, str, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # each version's role, as the analysis decided it
    original_language: str | None = None  # inferred (the record does not name it)

    def warn(self, code: str, message: str, line: int = 0) -> None:
        self.problems.append(problem(code, message, file=self.doc.source_name, line=line))


# ---------------------------------------------------------------------------------------------- steps
def record_facts(state: State) -> None:
    """Each record fact with the line it came from and the rule that found it."""
    rec = state.doc.record
    values = [
        ("title", rec.title), ("date", rec.date_when), ("citation", rec.citation),
        ("url", rec.url), ("record_id", rec.record_id), ("translator", rec.translator),
        ("summary", rec.summary), ("credits", rec.credits), ("original_language", rec.original_language),
    ] + [("funder", f) for f in rec.funders] + [("rights", r) for r in rec.rights] + [("contents", c) for c in rec.contents]
    source = state.doc.source_text.split("\n")
    for name, value in values:
        if value:
            state.facts.append(Fact(name, value, _locate(source, value, rec.lines.get(name, 0)), rec.rules.get(name, "")))
    if rec.original_language_inferred and rec.original_language_code:
        state.facts.append(Fact("original_language", rec.original_language_code, 0,
                                f"inferred (origins.toml), marked @cert: {rec.original_language_evidence}"))
    if rec.translator:
        statement = rec.translator_statement or ""
        state.translator_resp = statement[: statement.rfind(rec.translator)].strip() or "Translated by"
    if rec.citation and "Wilson Center Digital Archive" in rec.citation or is_site_page(rec.layout) or rec.url:
        state.publisher = "Wilson Center Digital Archive"


def _locate(source: list[str], value: str, line: int) -> int:
    """The line of a field's value that holds the fact (a URL or id may stand on a later line of the value)."""
    if not line:
        return 0
    probe = value if _is_token(value) else value.split()[0]
    for number in range(line, min(line + 10, len(source)) + 1):
        if probe in source[number - 1]:
            return number
        if number > line and not source[number - 1].strip():
            break
    return line


def _is_token(value: str) -> bool:
    return len(value) <= 80 and " " not in value


def archival_references(state: State) -> None:
    """The archival copies the citation names, parsed once."""
    citation = state.doc.record.citation
    state.references = tuple(parse_archival_references(citation)) if citation else ()


def version_roles(state: State) -> None:
    """Role, language and pointers of each version (the split into versions is ingest's).

    An English-only export whose record names no original language is a translation when the record
    says so indirectly: a translator is named, or the document is held by an archive of another language
    (its original language is then inferred from the archive, and said to be inferred).
    """
    rec = state.doc.record
    versions = state.doc.versions
    roles = [v.role for v in versions]
    undetermined = False
    if not rec.original_language_code and versions and all(v.lang == "en" and v.role == "original" for v in versions):
        # the archive's language: the table's, or the one of the country an unlisted archive is named after
        archive_lang = next((r.language for r in state.references if r.language not in (None, "en")), None)
        if rec.translator or archive_lang:
            roles = ["translation"] * len(versions)
            evidence = []
            if rec.translator:
                evidence.append(f"a translator is named ({rec.translator})")
            if archive_lang:
                state.original_language = archive_lang
                evidence.append(f"the archive holds {_language_names().get(archive_lang, archive_lang)} documents")
            state.warn("CW-INFERRED-ROLE", "English-only text encoded as a translation: " + " and ".join(evidence)
                       + (f"; original language inferred: {archive_lang}" if archive_lang else "; original language unknown"),
                       rec.lines.get("translator", rec.lines.get("citation", 0)))
        else:
            undetermined = True  # no evidence either way: 'original' with @cert='unknown' (docs/encoding.md)
    elif not rec.original_language_code and versions and all(v.lang == "en" and v.role == "translation" for v in versions):
        # a translation whose original language nothing else gave: the archive's language, inferred
        archive_lang = next((r.language for r in state.references if r.language not in (None, "en")), None)
        if archive_lang:
            state.original_language = archive_lang
            state.warn("CW-INFERRED-ROLE", f"original language inferred: {archive_lang} (the archive holds "
                       f"{_language_names().get(archive_lang, archive_lang)} documents)", rec.lines.get("citation", 0))
    state.roles = roles
    originals = [v for v, role in zip(versions, roles) if role == "original"]
    for v, role in zip(versions, roles):
        attrs = {"source": None, "corresp": None, "resp": None, "cert": "unknown" if undetermined else None}
        if role == "original":
            if v.subtype == "published":
                attrs["source"] = f"#pub-{v.xml_id}"
            elif state.references:
                attrs["source"] = "#ms-1"
        else:
            if originals:
                attrs["corresp"] = f"#{originals[0].xml_id}"
            if rec.translator:
                attrs["resp"] = "#tr-en"
        state.version_attrs.append(attrs)


def telegram_form(state: State) -> None:
    """Line kinds and their grouping (opener, units, closer, endorsements, footnotes) per version."""
    for version in state.doc.versions:
        form = read_form(version.lines, state.doc.record.date)
        state.forms.append(form)
        if form.joined_breaks:
            state.warn("CW-JOINED-PARAGRAPH", f"{version.xml_id}: {form.joined_breaks} paragraph(s) split mid-sentence by a blank line were joined")
        if not form.units:
            state.warn("CW-NO-TEXT", f"{version.xml_id}: no message text recognised; all lines kept as apparatus")


def missing_facts(state: State) -> None:
    """Record facts the export lacks: said, not invented."""
    rec = state.doc.record
    for value, code, label in (
        (rec.title, "CW-NO-TITLE", "record title"),
        (rec.date, "CW-NO-DATE", "record date"),
        (rec.citation, "CW-NO-CITATION", "citation"),
        (rec.url, "CW-NO-URL", "record URL"),
        (rec.summary, "CW-NO-SUMMARY", "summary"),
    ):
        if not value:
            state.warn(code, f"no {label} in the export; left absent")
    if rec.summary_by_position:
        state.warn("CW-SUMMARY-BY-POSITION", "the summary was recognised by its position before 'Document Information' (no label)",
                   rec.lines.get("summary", 0))
    for label in rec.empty_fields:
        state.warn("CW-EMPTY-FIELD", f"record field '{label}' is present but empty")


def unit_ids(state: State) -> None:
    """'{version}-u{k}'; the units of the j-th embedded message: '{version}-m{j}-u{k}'."""
    def number(form: Form, version_id: str, prefix: str, messages: list[int]) -> None:
        for index, unit in enumerate(form.units, start=1):
            unit.xml_id = f"{prefix}-u{index}"
        for k in sorted(form.between):
            for item in form.between[k]:
                if item.form is not None:
                    messages[0] += 1
                    number(item.form, version_id, f"{version_id}-m{messages[0]}", messages)

    for version, form in zip(state.doc.versions, state.forms):
        number(form, version.xml_id, version.xml_id, [0])


def _embedded_forms(form: Form) -> list[Form]:
    """The messages embedded in a form, in document order (depth first)."""
    out = []
    for k in sorted(form.between):
        for item in form.between[k]:
            if item.form is not None:
                out += [item.form] + _embedded_forms(item.form)
    return out


def alignment(state: State) -> None:
    """Units of each translation linked to units of each original; the j-th embedded message of a
    translation is aligned with the j-th embedded message of the original, never with the outer text.
    Where the versions do not embed the same number of messages (one version's signed text with a comment
    below it, read as two messages, the other's as one), the units are aligned in document order."""
    pairs = list(zip(state.roles, state.forms))
    # a version followed by its signature, dateline or endorsements ends on the page: not cut short
    complete = [bool(f.closer or f.endorsements) for _, f in pairs]
    embedded = [(role, _embedded_forms(f)) for role, f in pairs]
    if len({len(forms) for _, forms in embedded}) > 1:
        links, per_unit = align([(role, units_in_order(f)) for role, f in pairs], state.doc.record.date, complete,
                                state.doc.record.title)
        state.links, state.per_unit = links, per_unit
        return
    links, per_unit = align([(role, f.units) for role, f in pairs], state.doc.record.date, complete,
                            state.doc.record.title)
    for j in range(max((len(forms) for _, forms in embedded), default=0)):
        inner = [(role, forms[j].units if j < len(forms) else []) for role, forms in embedded]
        more_links, more_units = align(inner, state.doc.record.date)
        links += more_links
        per_unit |= more_units
    state.links, state.per_unit = links, per_unit


def _office(state: State) -> tuple[str, str] | None:
    """The zone of the office that keeps the copy (for its stamps' times): from the archive, else its stamps."""
    return office_zone([r.repository_key for r in state.references],
                       (line.text for version in state.doc.versions for line in version.lines))


def correspondence(state: State) -> None:
    state.correspondence = correspondents(state.doc.record.title, state.doc.record.date,
                                          [(v.lang, f) for v, f in zip(state.doc.versions, state.forms)],
                                          office=_office(state), record_when=state.doc.record.date_when)


def version_disagreements(state: State) -> None:
    for code, message in disagreements(state.doc.record.title, [(v.xml_id, f) for v, f in zip(state.doc.versions, state.forms)]):
        state.warn(code, message)


def block_trees(state: State) -> None:
    """One ordered block tree per version, its texts read for inline spans; footnotes bound to anchors."""
    rec = state.doc.record
    translator = "#tr-en" if rec.translator else "#src-wcda"
    office = _office(state)
    fronts = [line.text for form in state.forms for item in form.front for line in item.lines]
    for version, role, form in zip(state.doc.versions, state.roles, state.forms):
        front = [line.text for item in form.front for line in item.lines]
        incoming = received_elsewhere(front)
        # the versions are one telegram: a dispatch stamp on any of them tells where all were sent from
        reader = InlineReader(rec.date, translator if role == "translation" else "#src-wcda", footnotes_of(form),
                              names=state.names, sent_from=sender_zone(front) or sent_from_zone(fronts, office, incoming),
                              office=office, incoming=incoming)
        builder = TreeBuilder(form, reader, state.per_unit)
        tree, unanchored = builder.build(version.xml_id)
        state.trees.append(tree)
        for kind, cats in builder.categories.items():
            state.categories.setdefault(kind, {}).update(cats)
        for category in sorted(reader.zones_used - {f"#{MOSCOW_ZONE_ID}"}):
            # the zones of other places are declared only where used (Moscow's is always declared)
            state.categories.setdefault("date-zone", {})[category.lstrip("#")] = zone_description(category)
        if unanchored:
            state.warn("CW-UNANCHORED-NOTE", f"{version.xml_id}: {unanchored} footnote(s) without an anchor in the text")


def self_checks(state: State) -> None:
    """Say so when text may be in the wrong place: message-like text in the endorsements, versions with
    different numbers of units, units no alignment link reaches (analysis/checks.py)."""
    for version, form in zip(state.doc.versions, state.forms):
        found = text_in_endorsements(version.xml_id, form)
        if found:
            state.warn("CW-TEXT-IN-ENDORSEMENTS", *found)
    versions = [(v.xml_id, role, form) for v, role, form in zip(state.doc.versions, state.roles, state.forms)]
    message = unit_counts(versions)
    if message:
        state.warn("CW-UNIT-COUNT", message)
    message = unlinked_units(versions, state.links)
    if message:
        state.warn("CW-UNLINKED-UNITS", message)


def document_names(state: State) -> None:
    """The names of the document the authority file lacks, learned from all its lines and from the record's
    title and summary, which often give a name with its title ('Comrade Nowak reports ...') that the text
    gives without ('/-/ Nowak') (analysis/names.py)."""
    rec = state.doc.record
    record_texts = [t for t in (rec.title, rec.summary) if t]
    state.names = learn([line.text for version in state.doc.versions for line in version.lines] + record_texts)


def name_candidates(state: State) -> None:
    """Names marked without @ref, reported once per document (CW-NAME-CANDIDATE)."""
    state.name_candidates = unlinked_names(state.trees)
    message = candidate_report(state.name_candidates)
    if message:
        state.warn("CW-NAME-CANDIDATE", message, state.name_candidates[0][2])


def published_versions(state: State) -> None:
    """Versions that are a printed edition's text: their number, pages and 'printed from' lines."""
    for version, form, tree in zip(state.doc.versions, state.forms, state.trees):
        source_lines = [i for i in form.endorsements if i.kind == "source-line"]
        if version.subtype != "published" and not source_lines:
            continue
        numbers = [i for i in form.front if i.kind == "number"]
        number = number_n = None
        if numbers:
            m = re.search(r"\d+", numbers[0].text)
            if m:
                number, number_n = numbers[0].text, m.group(0)
        pages = tuple(b.n for b in tree.walk() if b.kind == "pb-page" and b.n)
        state.published.append(PublishedVersion(version.xml_id, number, number_n, pages,
                                                tuple(i.text for i in source_lines)))


def languages(state: State) -> None:
    """The languages declared in langUsage: English (the header's), each version's, the record's original."""
    rec = state.doc.record
    names = _language_names()
    codes = ["en"] + [v.lang for v in state.doc.versions]
    if rec.original_language_code:
        codes.append(rec.original_language_code)
    elif state.original_language:
        codes.append(state.original_language)
    for code in dict.fromkeys(codes):
        label = rec.original_language if code == rec.original_language_code and rec.original_language else names.get(code, code)
        if code == state.original_language and not rec.original_language_code:
            label += " (original language, inferred from the archive)"
        elif code == rec.original_language_code and rec.original_language_inferred:
            label += " (original language, inferred)"
        state.languages.append((code, label))


def _language_names() -> dict[str, str]:
    from ..ingest.rules import table

    names = {code: name.capitalize() for name, code in table("layout")["languages"].items()}
    names["und"] = "Undetermined"
    names.update(FORM_LANGUAGE_NAMES)
    return names


#: the analysis, in order: (name, step). Each step reads what the steps before it found.
STEPS = (
    ("record facts", record_facts),
    ("archival references", archival_references),
    ("version roles", version_roles),
    ("telegram form", telegram_form),
    ("missing facts", missing_facts),
    ("unit ids", unit_ids),
    ("alignment", alignment),
    ("correspondents", correspondence),
    ("disagreements", version_disagreements),
    ("self-checks", self_checks),
    ("names in the document", document_names),
    ("block trees", block_trees),
    ("name candidates", name_candidates),
    ("published versions", published_versions),
    ("languages", languages),
)


def analyse(doc: Document) -> Analysis:
    """Run every step on a fresh working state; the Document is read, never changed."""
    state = State(doc)
    for _, step in STEPS:
        step(state)
    return _freeze(state)


def _footnote_lines(state: State) -> tuple[LineDecision, ...]:
    """The footnotes' own lines (their bodies become notes at their anchors), for --explain."""
    out = []
    for version, form in zip(state.doc.versions, state.forms):
        for item in footnotes_of(form).items:
            for line in item.lines:
                out.append(LineDecision(line.number, line.text, version.xml_id, "footnote", "footnotes", item.rule))
    return tuple(out)


def _freeze(state: State) -> Analysis:
    doc, rec = state.doc, state.doc.record
    versions = tuple(
        VersionAnalysis(v.xml_id, role, v.lang, v.subtype, tree, **attrs)
        for v, role, tree, attrs in zip(doc.versions, state.roles, state.trees, state.version_attrs)
    )
    return Analysis(
        document_id=f"wcda-{rec.record_id}" if rec.record_id and rec.record_id.isdigit() else f"cg-{doc.stem}",
        facts=tuple(state.facts),
        references=state.references,
        versions=versions,
        correspondence=state.correspondence,
        links=tuple(state.links),
        published=tuple(state.published),
        languages=tuple(state.languages),
        language_names=tuple(sorted(_language_names().items())),
        categories=tuple((k, tuple(sorted(v.items()))) for k, v in sorted(state.categories.items())),
        problems=tuple(doc.warnings) + tuple(state.problems),
        footnote_lines=_footnote_lines(state),
        line_roles=tuple((v.xml_id, line.number, choice) for v, form in zip(doc.versions, state.forms)
                         for line, choice in form.choices.items()),  # in the order of the lines
        record_date=rec.date,
        publisher=state.publisher,
        name_candidates=tuple(state.name_candidates),
        translator_resp=state.translator_resp,
        original_language=rec.original_language_code or state.original_language,
        # inferred by ingest from the citation, title or text (origins.toml), or here from the archive
        original_language_inferred=bool(rec.original_language_inferred or (state.original_language and not rec.original_language_code)),
    )
