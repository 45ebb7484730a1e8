"""Names in TEI files: list them, export them for reconciliation, load reconciled identifiers back.

Public surface:
    names_in(path) -> list[Mention]                 one TEI file (ours or anyone's); raises NamesInputError
    table(mentions) -> list[NameRow]                one row per distinct (kind, name), sorted
    csv_bytes(rows) -> bytes                        the OpenRefine-shaped export
    plan_load(csv_path, authority_dir) -> LoadPlan  reconciled rows applied to copies of the authority files
    write_plan(plan, out_dir)                       the updated copies, written atomically
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..xmlio import XMLInputError, parse_xml, write_atomic

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KINDS = ("person", "place", "org")
KIND_ORDER = {"person": 0, "place": 1, "org": 2, "name": 3}
_NAME_KIND = {"persName": "person", "placeName": "place", "orgName": "org"}
# authority entries (their names are not mentions) and the software that made the file
_ENTRY_TAGS = {"person", "personGrp", "place", "org", "event", "object", "appInfo", "application"}
_SKIP_TEXT = {"note", "sic", "orig", "abbr", "del"}  # the reading text of a name: corrections, expansions
_ROOTS = {"TEI", "teiCorpus", "TEI.2"}
# The identifier columns of the export, empty for reconciliation, and how each is written and cited.
ID_COLUMNS = {
    "wikidata": (re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)$"), "https://www.wikidata.org/wiki/{}"),
    "viaf": (re.compile(r"^(?:https?://viaf\.org/viaf/)?([1-9][0-9]*)/?$"), "https://viaf.org/viaf/{}"),
    "geonames": (re.compile(r"^(?:https?://(?:www\.)?geonames\.org/)?([1-9][0-9]*)(?:/.*)?$"), "https://www.geonames.org/{}"),
    "gnd": (re.compile(r"^(?:https?://d-nb\.info/gnd/)?([0-9X-]{6,12})$"), "https://d-nb.info/gnd/{}"),
}
# The Wikidata class a reconciliation service is asked to match each kind against.
RECONCILE_TYPE = {"person": "Q5", "place": "Q2221906", "org": "Q43229", "name": ""}
CSV_COLUMNS = ["name", "kind", "count", "ref", "reconcile_type", *ID_COLUMNS, "documents"]
# how reconciled columns are often named after an OpenRefine session
_COLUMN_ALIASES = {"qid": "wikidata", "wikidata id": "wikidata", "wikidata_id": "wikidata", "wikidata qid": "wikidata",
                   "viaf id": "viaf", "viaf_id": "viaf", "geonames id": "geonames", "geonames_id": "geonames",
                   "gnd id": "gnd", "gnd_id": "gnd", "authority": "ref", "authority id": "ref", "authority_id": "ref"}
_FILES = {"person": ("persons.xml", "listPerson", "persName", "per-"),
          "place": ("places.xml", "listPlace", "placeName", "pl-"),
          "org": ("orgs.xml", "listOrg", "orgName", "org-")}


class NamesInputError(ValueError):
    """A file that cannot be read as TEI or as a reconciled CSV; the message names the file and the problem."""


@dataclass(frozen=True)
class Mention:
    name: str
    kind: str  # person | place | org | name
    ref: str  # as written, without a leading '#'; '' when not linked
    document: str


@dataclass(frozen=True)
class NameRow:
    name: str
    kind: str
    count: int
    linked: int  # mentions with a ref
    refs: tuple[str, ...]
    documents: tuple[str, ...]


def _local(tag) -> str | None:
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1]


def _is_tei(el) -> bool:
    return isinstance(el.tag, str) and (el.tag.startswith(f"{{{TEI_NS}}}") or not el.tag.startswith("{"))


def _reading_text(el) -> str:
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            name = _local(child.tag)
            if name is not None and name not in _SKIP_TEXT:
                if name == "choice":
                    preferred = [c for c in child if _local(c.tag) in ("corr", "reg", "expan")]
                    for c in preferred or list(child):
                        walk(c)
                else:
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return normalise("".join(parts))


def normalise(text: str) -> str:
    """Whitespace collapsed; letter-spaced writing ('П Е К И Н') closed up."""
    tokens = text.split()
    if len(tokens) >= 3 and all(len(t) == 1 and t.isalpha() for t in tokens):
        return "".join(tokens)
    return " ".join(tokens)


def names_in(path: str | Path) -> list[Mention]:
    """Every persName/placeName/orgName/name of a TEI file, except the names inside authority entries."""
    path = Path(path)
    try:
        root = parse_xml(path).getroot()
    except XMLInputError as exc:
        raise NamesInputError(str(exc)) from None
    if _local(root.tag) not in _ROOTS or not _is_tei(root):
        raise NamesInputError(f"{path}: not a TEI document (root element <{_local(root.tag)}>)")
    out = []
    for el in root.iter():
        local = _local(el.tag)
        if local not in ("persName", "placeName", "orgName", "name") or not _is_tei(el):
            continue
        ancestors = {_local(a.tag) for a in el.iterancestors()}
        if ancestors & _ENTRY_TAGS or ancestors & {"persName", "placeName", "orgName", "name"}:
            continue
        kind = _NAME_KIND.get(local) or (el.get("type") if el.get("type") in KINDS else "name")
        text = _reading_text(el)
        if not text:
            continue
        ref = " ".join(r[1:] if r.startswith("#") else r for r in (el.get("ref") or el.get("key") or "").split())
        out.append(Mention(text, kind, ref, path.name))
    return out


def table(mentions: list[Mention]) -> list[NameRow]:
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.kind, m.name)].append(m)
    rows = []
    for (kind, name), ms in groups.items():
        refs = tuple(sorted({m.ref for m in ms if m.ref}))
        documents = tuple(sorted({m.document for m in ms}))
        rows.append(NameRow(name, kind, len(ms), sum(1 for m in ms if m.ref), refs, documents))
    return sorted(rows, key=lambda r: (KIND_ORDER[r.kind], -r.count, r.name.casefold(), r.name))


def csv_bytes(rows: list[NameRow]) -> bytes:
    """One row per distinct name, the identifier columns empty for a reconciliation service to fill."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.name, r.kind, r.count, " ".join(r.refs), RECONCILE_TYPE[r.kind], *([""] * len(ID_COLUMNS)),
                         "; ".join(r.documents)])
    return buf.getvalue().encode("utf-8")


# ----------------------------------------------------------------------------- loading reconciled names
@dataclass
class LoadPlan:
    trees: dict[str, etree._ElementTree]  # file name -> updated tree
    changed: set[str] = field(default_factory=set)
    forms: int = 0
    identifiers: int = 0
    entries: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)  # 'FILE:LINE: problem'


def _tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _entries(tree) -> dict[str, etree._Element]:
    return {el.get(XML_ID): el for el in tree.getroot().iter(*(_tei(k) for k in KINDS)) if el.get(XML_ID)}


def _forms(entry, name_tag) -> list[str]:
    return [normalise("".join(n.itertext())) for n in entry.findall(_tei(name_tag))]


def _insert_after_last(entry: etree._Element, new: etree._Element, after: tuple[str, ...]) -> None:
    """Put `new` after the last child named in `after` (else first), indented like its siblings."""
    children = list(entry)
    position = max((i for i, c in enumerate(children) if _local(c.tag) in after), default=-1)
    if position >= 0:
        prev = children[position]
        new.tail = prev.tail
        prev.addnext(new)
        # addnext moves prev's tail onto new; prev needs the sibling indentation again
        prev.tail = entry.text
    else:
        new.tail = entry.text
        entry.insert(0, new)


def _cite(tree, entry: etree._Element, url: str) -> None:
    """An identifier's page becomes a source of its entry and is listed in the file's header (if it lists)."""
    sources = (entry.get("source") or "").split()
    if url not in sources:
        entry.set("source", " ".join([*sources, url]))
    listing = tree.getroot().find(f"{_tei('teiHeader')}/{_tei('fileDesc')}/{_tei('sourceDesc')}/{_tei('listBibl')}")
    if listing is None or any(r.get("target") == url for r in listing.iter(_tei("ref"))):
        return
    bibl = etree.Element(_tei("bibl"))
    etree.SubElement(bibl, _tei("ref"), target=url)
    later = [b for b in listing if _local(b.tag) == "bibl" and b.find(_tei("ref")) is not None
             and b.find(_tei("ref")).get("target", "") > url]
    if later:
        later[0].addprevious(bibl)
        bibl.tail = listing.text
    else:
        _append_indented(listing, bibl)


def _append_indented(parent: etree._Element, child: etree._Element) -> None:
    if len(parent):
        last = parent[-1]
        child.tail = last.tail
        last.tail = parent.text
    parent.append(child)


def _script_lang(text: str) -> tuple[str, str | None]:
    """xml:lang and form type of a name from its script (a new entry's first form)."""
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            return "ru", None
        if name.startswith("HANGUL"):
            return "ko-Hang", "hangul"
        if name.startswith("CJK"):
            return "zh-Hani", "characters"
        return "en", None
    return "en", None


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def _new_entry(kind: str, name: str, ids: dict[str, str], taken: set[str], indent: str) -> etree._Element:
    _, _, name_tag, prefix = _FILES[kind]
    base = prefix + (_slug(name) or (ids.get("wikidata") or next(iter(ids.values()), "entry")).lower())
    xml_id, n = base, 2
    while xml_id in taken:
        xml_id, n = f"{base}-{n}", n + 1
    taken.add(xml_id)
    entry = etree.Element(_tei(kind), nsmap={None: TEI_NS})
    entry.set(XML_ID, xml_id)
    entry.set("source", " ".join(ID_COLUMNS[col][1].format(value) for col, value in ids.items()))
    lang, form_type = _script_lang(name)
    form = etree.SubElement(entry, _tei(name_tag))
    if form_type:
        form.set("type", form_type)
    form.set(XML_LANG, lang)
    form.text = name
    for col, value in ids.items():
        idno = etree.SubElement(entry, _tei("idno"), type=col, source=ID_COLUMNS[col][1].format(value))
        idno.text = value
    etree.indent(entry, space="  ", level=indent.count("  "))
    return entry


def _read_csv(csv_path: Path) -> list[dict[str, str]]:
    try:
        data = csv_path.read_bytes()
    except OSError as exc:
        raise NamesInputError(f"{csv_path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise NamesInputError(f"{csv_path}: empty file")
    if b"\x00" in data:
        raise NamesInputError(f"{csv_path}: binary data, not a CSV file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NamesInputError(f"{csv_path}: not UTF-8 (byte {exc.start}); export the CSV as UTF-8") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if reader.fieldnames:
        reader.fieldnames = [_COLUMN_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in reader.fieldnames]
    columns = {c for c in (reader.fieldnames or []) if c}
    if not {"name", "kind"} <= columns:
        raise NamesInputError(f"{csv_path}: no 'name' and 'kind' columns (found: {', '.join(sorted(columns)) or 'none'}); "
                              "export with `cablegram names --csv` and keep its header")
    if not ({"ref"} | set(ID_COLUMNS)) & columns:
        raise NamesInputError(f"{csv_path}: no 'ref' or identifier column ({', '.join(ID_COLUMNS)}) to load")
    try:
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    except csv.Error as exc:
        raise NamesInputError(f"{csv_path}: malformed CSV ({exc})") from None


def plan_load(csv_path: str | Path, authority_dir: str | Path) -> LoadPlan:
    """Apply the reconciled rows of a CSV to copies of the authority files. Nothing is written here.

    A row with an authority id in 'ref' adds its name (and identifiers) to that entry; a row with only an
    identifier adds them to the entry that already has that identifier, or makes a new entry cited by it.
    Rows without any id are skipped (not reconciled). Any problem is collected as 'FILE:LINE: problem'.
    """
    csv_path, authority_dir = Path(csv_path), Path(authority_dir)
    rows = _read_csv(csv_path)
    trees = {}
    for kind, (file_name, *_rest) in _FILES.items():
        try:
            trees[file_name] = parse_xml(authority_dir / file_name)
        except XMLInputError as exc:
            raise NamesInputError(str(exc)) from None
    plan = LoadPlan(trees)
    entries = {file_name: _entries(tree) for file_name, tree in trees.items()}
    taken = {i for es in entries.values() for i in es}
    owner: dict[str, str] = {}  # casefolded form -> entry id, across all files
    by_id: dict[tuple[str, str], str] = {}  # (column, value) -> entry id
    for kind, (file_name, _, name_tag, _) in _FILES.items():
        for xml_id, entry in entries[file_name].items():
            for form in _forms(entry, name_tag):
                owner.setdefault(form.casefold(), xml_id)
            for idno in entry.findall(_tei("idno")):
                if idno.get("type") in ID_COLUMNS and idno.text:
                    by_id[(idno.get("type"), idno.text.strip())] = xml_id
    for line, row in enumerate(rows, start=2):
        where = f"{csv_path}:{line}"
        name, kind = normalise(row.get("name", "")), row.get("kind", "")
        ids, bad = {}, False
        for col, (pattern, _) in ID_COLUMNS.items():
            value = row.get(col, "")
            if value:
                m = pattern.match(value)
                if not m:
                    plan.problems.append(f"{where}: '{value}' is not a {col} identifier")
                    bad = True
                else:
                    ids[col] = m.group(1)
        ref = row.get("ref", "").removeprefix("#")
        if " " in ref:
            plan.problems.append(f"{where}: several refs ('{ref}'): keep the one the name belongs to")
            continue
        if bad:
            continue
        if not ref and not ids:
            plan.skipped += 1
            continue
        if not name:
            plan.problems.append(f"{where}: the name is empty")
            continue
        if kind not in KINDS:
            plan.problems.append(f"{where}: kind '{kind}' is not person, place or org")
            continue
        file_name, list_tag, name_tag, _ = _FILES[kind]
        es = entries[file_name]
        target = ref or next((by_id[(c, v)] for c, v in ids.items() if (c, v) in by_id), None)
        if target and target not in es:
            other = next((k for k, (f, *_r) in _FILES.items() if target in entries[f]), None)
            plan.problems.append(f"{where}: '{target}' is " + (f"a {other} entry, not a {kind}" if other else "not in the authority file"))
            continue
        if target is None:
            form_owner = owner.get(name.casefold())
            if form_owner:
                plan.problems.append(f"{where}: '{name}' is already a form of '{form_owner}': put that id in 'ref'")
                continue
            parent = trees[file_name].getroot().find(f".//{_tei(list_tag)}")
            if parent is None:
                plan.problems.append(f"{where}: {file_name} has no <{list_tag}>")
                continue
            indent = (parent.text or "\n").rsplit("\n", 1)[-1]
            entry = _new_entry(kind, name, ids, taken, indent)
            _append_indented(parent, entry)
            for col, value in ids.items():
                _cite(trees[file_name], entry, ID_COLUMNS[col][1].format(value))
            es[entry.get(XML_ID)] = entry
            owner[name.casefold()] = entry.get(XML_ID)
            for col, value in ids.items():
                by_id[(col, value)] = entry.get(XML_ID)
            plan.entries += 1
            plan.identifiers += len(ids)
            plan.changed.add(file_name)
            continue
        entry = es[target]
        conflict = False
        for col, value in ids.items():
            holder = by_id.get((col, value))
            present = [i.text.strip() for i in entry.findall(_tei("idno")) if i.get("type") == col and i.text]
            if holder and holder != target:
                plan.problems.append(f"{where}: {col} {value} already identifies '{holder}', not '{target}'")
                conflict = True
            elif present and value not in present:
                plan.problems.append(f"{where}: '{target}' already has {col} {present[0]}, not {value}")
                conflict = True
        form_owner = owner.get(name.casefold())
        if form_owner and form_owner != target:
            plan.problems.append(f"{where}: '{name}' is already a form of '{form_owner}', not of '{target}'")
            conflict = True
        if conflict:
            continue
        if form_owner is None:
            form = etree.Element(_tei(name_tag), type="variant")
            form.text = name
            _insert_after_last(entry, form, (name_tag,))
            owner[name.casefold()] = target
            plan.forms += 1
            plan.changed.add(file_name)
        for col, value in ids.items():
            if by_id.get((col, value)) == target:
                continue
            idno = etree.Element(_tei("idno"), type=col, source=ID_COLUMNS[col][1].format(value))
            idno.text = value
            _insert_after_last(entry, idno, (name_tag, "location", "idno"))
            _cite(trees[file_name], entry, idno.get("source"))
            by_id[(col, value)] = target
            plan.identifiers += 1
            plan.changed.add(file_name)
    return plan


def _inventory(tree) -> set[tuple[str, str]]:
    """(entry id, form or identifier) pairs: what an update must keep."""
    out = set()
    for xml_id, entry in _entries(tree).items():
        for child in entry:
            if isinstance(child.tag, str):
                out.add((xml_id, _local(child.tag) + ":" + normalise("".join(child.itertext()))))
        out.add((xml_id, ""))
    return out


def write_plan(plan: LoadPlan, authority_dir: str | Path, out_dir: str | Path) -> list[Path]:
    """Write the updated authority files (all three when out_dir is another folder), each atomically.

    Before writing, each updated file is checked to keep every entry, form and identifier of the original.
    """
    authority_dir, out_dir = Path(authority_dir), Path(out_dir)
    same = out_dir.resolve() == authority_dir.resolve()
    written = []
    for file_name, tree in plan.trees.items():
        if same and file_name not in plan.changed:
            continue
        original = parse_xml(authority_dir / file_name)
        lost = _inventory(original) - _inventory(tree)
        if lost:
            raise NamesInputError(f"{authority_dir / file_name}: the update would lose {sorted(lost)[:3]}; nothing written")
        if file_name in plan.changed:
            data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
            data = data.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1)
        else:
            data = (authority_dir / file_name).read_bytes()
        write_atomic(out_dir / file_name, data)
        written.append(out_dir / file_name)
    return written
