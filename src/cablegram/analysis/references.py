"""Archival references in a citation: repository, fond/opis/papka/delo, folios — all as written.

'…, APRF, Fond 3, Opis 65, Delo 830, Listy 187-189; and AVPRF, Fond 059a, …' names two archival copies.
Every value returned is a substring of the citation at its span: nothing is invented or normalised
(the TEI stage normalises only the *kind* of a part). Archive names, part labels and value shapes are
data (data/archives.toml).

A reference is a repository followed by a contiguous run of labelled parts ('Fond 3, Opis 65, …'):
the run ends at anything that is not a part, so a page number later in the citation ('… Translated
by …, p. 5') never joins an archival reference. Archives that number otherwise (Hungarian boxes,
Polish signatures, East German file numbers…) have a `shape` in the table, read before the labels.

An archive the table does not list is read in two ways: an abbreviation before a run that starts with
a fond ('MNA, f. 4, …'), and a name written out in words around an archive word ('Archive of the
Ministry of Foreign Affairs, Republic of X, 12/3') when a country, nationality or capital in or right
after it says whose archive it is (the language of its documents, inferred) or parts follow it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from ..ingest.rules import table


@dataclass(frozen=True)
class IdentifierPart:
    kind: str  # 'fond' | 'opis' | 'delo' | 'papka' | 'folio' | 'file' | 'pages' | 'folder' | 'issue' | 'box' | … (table [kinds])
    value: str  # as written: '059a', '5a', '0043-0045', '7, 9'
    label: str  # as written: 'Fond', 'f.', 'Ф.', 'Listy', 'll.', 'Л.'
    start: int  # span of label + value in the citation
    end: int


@dataclass(frozen=True)
class ArchivalReference:
    repository: str  # as written: 'APRF', 'АП РФ', 'Archive of the President of the Russian Federation (APRF)'
    repository_key: str | None  # authority key from the table ('aprf'); None for an archive not in it
    collection: str | None  # a named collection: 'Volkogonov Collections'
    parts: tuple[IdentifierPart, ...]  # in citation order, folios included
    folio_from: str | None  # 'Listy 187-189' -> '187', '189'; None when not a plain range ('l. 7, 9')
    folio_to: str | None
    folio_text: str | None  # 'Listy 187-189' (label and value as written)
    folio_kind: str  # 'folio' (leaves) or 'pages' (an archive that counts pages: PRC FMA '…-01, 1-3')
    start: int  # span of the whole reference (collection, repository and parts) in the citation
    end: int
    # the language of the documents the archive holds: from the table, or for an archive the table does
    # not list from the country named in or after its name (an inference: the TEI marks it so)
    language: str | None = None
    # what msIdentifier holds, in the order it is written: (element, kind, value) with element 'collection'
    # (levels above the file, in the table's [kinds] order) or 'idno' (the file, in citation order)
    identifiers: tuple[tuple[str, str, str], ...] = ()


class Repository(NamedTuple):
    abbreviation: str
    expansion: str
    russian: str | None


class _Tables(NamedTuple):
    repositories: re.Pattern[str]
    key_of: dict[str, str | None]  # name as written -> key; None for names that are no archive
    part: re.Pattern[str]
    separator: re.Pattern[str]
    collection_before: re.Pattern[str]
    collection_after: re.Pattern[str]
    unknown_repository: re.Pattern[str]
    folio_range: re.Pattern[str]
    label_kind: dict[str, str]  # casefolded label -> kind
    descriptive: re.Pattern[str]  # an archive's name written out in words
    country: re.Pattern[str]  # a country, nationality or capital (whole words)
    country_after: re.Pattern[str]  # ', Republic of X' / ', Sofia' right after a name
    language_of: dict[str, str]  # country word -> language
    not_archives: tuple[str, ...]
    shelfmark: re.Pattern[str]
    bracketed_abbreviation: re.Pattern[str]


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))


@cache
def _tables() -> _Tables:
    t = table("archives")
    key_of: dict[str, str | None] = {}
    for repo in t["repository"]:
        written = list(repo.get("names", [])) + [repo["expansion"]]
        written += [repo["russian"]] if repo.get("russian") else []
        written += [repo["abbreviation"]] if repo.get("abbreviation_alone", True) else []
        key_of |= {name: repo["key"] for name in written}
    # matched too, so that the archive named inside them ('… Digital Archive') is not read; then dropped
    key_of |= {name: None for name in t["not_repository"]["names"]}
    repositories = re.compile(
        rf"(?<!\w)(?P<name>{_alternation(key_of)})"
        # an expansion may be followed by its abbreviation in brackets: '… Federation (APRF)'
        r"(?:\s*\((?P<abbr>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё ]{1,10})\))?(?!\w)"
    )
    v = t["value"]
    bound = rf"(?:{v['single']})(?:{v['range_dash']}(?:{v['single']}))?"
    value = rf"{bound}(?:{v['list_comma']}{bound})*"
    # labels in any case: 'Ll.', 'LL.' and 'll.' are one label
    part = re.compile(rf"(?<!\w)(?P<label>(?i:{_alternation(t['labels'])}))\s*(?P<value>{value})(?!\w)")
    words = _alternation(t["collection"]["words"])
    name = rf"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:{words})"
    d = t["descriptive_repository"]
    cap = r"[A-Z][\w'’.-]*"
    joiner = rf"(?:{_alternation(d['joiners'])})"
    descriptive = re.compile(
        rf"(?<![\w(])(?P<name>(?:{cap}\s+)*(?:{_alternation(d['archive_words'])})"
        rf"(?:\s+(?:{joiner}\s+)?{cap})*)(?![\w'’-])"
    )
    language_of = {name: lang for lang, names in t["countries"].items() for name in names}
    countries = _alternation(language_of)
    return _Tables(
        repositories=repositories,
        key_of=key_of,
        part=part,
        separator=re.compile(v["separator"]),
        collection_before=re.compile(rf"(?P<collection>{name})\s*,\s*$"),
        collection_after=re.compile(rf"\s*,\s*(?P<collection>{name})(?!\w)"),
        unknown_repository=re.compile(rf"(?<!\w)(?P<name>{t['unknown_repository']['pattern']})\s*[,.:]?\s*$"),
        folio_range=re.compile(
            rf"(?P<from>\d+[a-zа-я]?)(?P<from_verso>{v['verso']})?"
            rf"(?:{v['range_dash']}(?P<to>\d+[a-zа-я]?)(?P<to_verso>{v['verso']})?)?"
        ),
        label_kind={label.casefold(): kind for label, kind in t["labels"].items()},
        descriptive=descriptive,
        country=re.compile(rf"(?<!\w)(?:{countries})(?!\w)"),
        country_after=re.compile(rf"\s*[,(]\s*(?P<country>{countries}|{d['state']})\s*\)?(?=\s*[,.;(]|\s*$)"),
        language_of=language_of,
        not_archives=tuple(d["not_archives"]),
        shelfmark=re.compile(t["unknown_repository"]["shelfmark"]),
        bracketed_abbreviation=re.compile(r"(?:\s*\([A-ZА-ЯЁ][\w .-]{0,15}\))?"),
    )


@cache
def _shapes() -> dict[str, re.Pattern[str]]:
    return {repo["key"]: re.compile(repo["shape"]) for repo in table("archives")["repository"] if repo.get("shape")}


def _kind(group: str) -> str:
    """A shape's group name -> part kind: a trailing digit marks a second way to write it ('fond2')."""
    return group.rstrip("0123456789")


def repository_authority() -> dict[str, Repository]:
    """Archive key -> (abbreviation, English expansion, Russian name or None), for authority entries."""
    return {
        repo["key"]: Repository(repo["abbreviation"], repo["expansion"], repo.get("russian"))
        for repo in table("archives")["repository"]
    }


def archive_languages() -> dict[str, str]:
    """Archive key -> the language of the documents it holds, for archives that have one."""
    return {repo["key"]: repo["language"] for repo in table("archives")["repository"] if repo.get("language")}


def part_elements() -> dict[str, str]:
    """Part kind -> the msIdentifier element it is written as ('collection' or 'idno'), in table order."""
    kinds = table("archives")["kinds"]
    return {kind: "collection" for kind in kinds["collection"]} | {kind: "idno" for kind in kinds["idno"]}


def _parts_from(citation: str, pos: int, tables: _Tables) -> list[IdentifierPart]:
    """The contiguous run of labelled parts starting at `pos` (after separators)."""
    parts: list[IdentifierPart] = []
    while True:
        gap = tables.separator.match(citation, pos)
        m = tables.part.match(citation, gap.end())
        if not m:
            return parts
        kind = tables.label_kind[m.group("label").casefold()]
        parts.append(IdentifierPart(kind, m.group("value"), m.group("label"), m.start(), m.end()))
        pos = m.end()


def _folio_bounds(value: str, tables: _Tables) -> tuple[str | None, str | None]:
    m = tables.folio_range.fullmatch(value)
    if not m:
        return None, None  # a list ('7, 9') is no plain range: the text keeps it
    # a verso leaf ('45 об.', '0031ob.') is bound '45v' / '0031v', the usual way to write a leaf's side
    low = m.group("from") + ("v" if m.group("from_verso") else "")
    high = m.group("to") + ("v" if m.group("to_verso") else "") if m.group("to") else low
    return low, high


def _shaped_parts(citation: str, pos: int, shape: re.Pattern[str]) -> list[IdentifierPart]:
    shaped = shape.match(citation[pos:])
    if not shaped:
        return []
    parts = [IdentifierPart(_kind(group), value, "", pos + shaped.start(group), pos + shaped.end(group))
             for group, value in shaped.groupdict().items() if value]
    return sorted(parts, key=lambda p: p.start)


def _reference(citation: str, repo_start: int, repo_end: int, key: str | None, tables: _Tables,
               *, parts_at: int | None = None, language: str | None = None) -> ArchivalReference:
    clause_start = max(citation.rfind(";", 0, repo_start), citation.rfind(" and ", 0, repo_start), -1) + 1
    before = tables.collection_before.search(citation, clause_start, repo_start)
    after = None if before else tables.collection_after.match(citation, repo_end)
    named = before or after
    at = parts_at if parts_at is not None else repo_end
    shape = _shapes().get(key or "")
    parts = _shaped_parts(citation, at, shape) if shape else []
    if not parts:
        parts = _parts_from(citation, after.end() if after else at, tables)
    if not parts and key is None:
        # an archive the table does not list: one unlabelled shelfmark and its pages ('…, D-II-R-0-10-3-70, 12')
        parts = _shaped_parts(citation, at, tables.shelfmark)
    folio = next((p for p in parts if p.kind in ("folio", "pages")), None)
    folio_from, folio_to = _folio_bounds(folio.value, tables) if folio else (None, None)
    if language is None and key is not None:
        language = archive_languages().get(key)
    return ArchivalReference(
        repository=citation[repo_start:repo_end],
        repository_key=key,
        collection=named.group("collection") if named else None,
        parts=tuple(parts),
        folio_from=folio_from,
        folio_to=folio_to,
        folio_text=citation[folio.start : folio.end] if folio else None,
        folio_kind=folio.kind if folio else "folio",
        start=before.start("collection") if before else repo_start,
        end=max([repo_end, at] + [p.end for p in parts] + ([after.end("collection")] if after else [])),
        language=language,
        identifiers=_identifiers(parts),
    )


def _identifiers(parts: list[IdentifierPart]) -> tuple[tuple[str, str, str], ...]:
    elements = part_elements()
    order = list(elements)
    levels = sorted((p for p in parts if elements.get(p.kind) == "collection"), key=lambda p: order.index(p.kind))
    files = [p for p in parts if elements.get(p.kind) == "idno"]
    return tuple(("collection", p.kind, p.value) for p in levels) + tuple(("idno", p.kind, p.value) for p in files)


def _language_of(country: str | None, tables: _Tables) -> str | None:
    """'Republic of Poland' -> 'pl'; a state the table does not know ('Republic of Ruritania') -> None."""
    known = tables.country.search(country) if country else None
    return tables.language_of[known.group(0)] if known else None


def _inside_brackets(citation: str, pos: int) -> bool:
    return citation.rfind("(", 0, pos) > citation.rfind(")", 0, pos)


def _descriptive_references(citation: str, taken: list[ArchivalReference], tables: _Tables) -> list[ArchivalReference]:
    """Archives the table does not list, written out in words, with a sign that they are archives."""
    refs: list[ArchivalReference] = []
    for m in tables.descriptive.finditer(citation):
        start, end = m.span("name")
        name = m.group("name")
        if (any(r.start <= start < r.end or start <= r.start < end for r in taken)
                or any(word in name for word in tables.not_archives) or _inside_brackets(citation, start)):
            continue
        if tables.repositories.match(citation, start):
            continue  # a listed archive's name begins here ('Archive of the President of …')
        # a country, nationality or capital in the name or right after it: whose archive, which language
        inside = tables.country.search(name)
        country = inside.group(0) if inside else None
        pos = end
        while (following := tables.country_after.match(citation, pos)) and not tables.repositories.match(citation, following.start("country")):
            country = country or following.group("country")
            pos = following.end()
        # its abbreviation in brackets ('…, Berlin (PA AA), MfAA, …'), and a part of it named in words
        # ('National Archive, Prague, Archive of the CC CPCz, f. 02/1, …': the collection)
        pos = tables.bracketed_abbreviation.match(citation, pos).end()
        section = tables.descriptive.match(citation, tables.separator.match(citation, pos).end())
        if section and not tables.repositories.match(citation, section.start()):
            pos = section.end()
        ref = _reference(citation, start, end, None, tables, parts_at=pos,
                         language=_language_of(country, tables))
        if section and pos == section.end():
            ref = replace(ref, collection=section.group("name"))
        if tables.repositories.match(citation, tables.separator.match(citation, pos).end()):
            continue  # a description of the listed archive that follows ('…, Warsaw (AAN)')
        if country or ref.parts:
            refs.append(ref)
    return refs


def parse_archival_references(citation: str) -> list[ArchivalReference]:
    """Every archival copy the citation names, in citation order."""
    tables = _tables()
    refs: list[ArchivalReference] = []
    for mention in tables.repositories.finditer(citation):
        key = tables.key_of[mention.group("name")]
        if key is not None:
            refs.append(_reference(citation, mention.start(), mention.end(), key, tables))
    # an archive missing from the table, named before a run that starts with a fond: 'TsKhSD, f. 89, …'
    starts = set(table("archives")["runs"]["unknown_repository_starts_with"])
    for m in tables.part.finditer(citation):
        if tables.label_kind[m.group("label").casefold()] not in starts or any(r.start <= m.start() < r.end for r in refs):
            continue
        clause_start = max(citation.rfind(";", 0, m.start()), citation.rfind(",", 0, m.start() - 2), -1) + 1
        name = tables.unknown_repository.search(citation, clause_start, m.start())
        if name and name.group("name") not in tables.key_of:
            refs.append(_reference(citation, name.start("name"), name.end("name"), None, tables))
    # publishers ('… Digital Archive') are matched by the repositories pattern only to be skipped: their span
    # is no archival copy, but no descriptive name may be read inside it either
    publishers = [_reference(citation, m.start(), m.end(), None, tables) for m in tables.repositories.finditer(citation)
                  if tables.key_of[m.group("name")] is None]
    refs += _descriptive_references(citation, refs + publishers, tables)
    refs.sort(key=lambda r: r.start)
    # 'Archive of Modern Records, Warsaw (AAN), KC PZPR, …': a name read again inside a reference is no copy
    refs = [r for i, r in enumerate(refs) if not any(o.start < r.start < o.end for o in refs[:i])]
    # 'Archive of the President of the Russian Federation, APRF, fond 45, …': the name, then the same
    # archive's abbreviation with the parts -- one archival copy, named twice (perhaps with a translation
    # of the name in brackets between: 'Stiftung Archiv … (Archive of the Parties …; SAPMO-BArch), DY 30')
    return [r for i, r in enumerate(refs)
            if not (not r.parts and i + 1 < len(refs) and refs[i + 1].repository_key == r.repository_key
                    and r.repository_key is not None and _only_a_gloss(citation[r.end:refs[i + 1].start]))]


def _only_a_gloss(between: str) -> bool:
    between = between.strip(" ,;")
    return not between or between.startswith("(")
