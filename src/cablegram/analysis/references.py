"""Archival references in a citation: repository, fond/opis/papka/delo, folios — all as written.

'…, APRF, Fond 3, Opis 65, Delo 830, Listy 187-189; and AVPRF, Fond 059a, …' names two archival copies.
Every value returned is a substring of the citation at its span: nothing is invented or normalised
(the TEI stage normalises only the *kind* of a part). Archive names, part labels and value shapes are
data (data/archives.toml).

A reference is a repository followed by a contiguous run of labelled parts ('Fond 3, Opis 65, …'):
the run ends at anything that is not a part, so a page number later in the citation ('… Translated
by …, p. 5') never joins an archival reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..ingest.rules import table


@dataclass(frozen=True)
class IdentifierPart:
    kind: str  # 'fond' | 'opis' | 'delo' | 'papka' | 'folio' | 'file' | 'pages' | 'folder' | 'issue'
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
    part = re.compile(rf"(?<!\w)(?P<label>{_alternation(t['labels'])})\s*(?P<value>{value})(?!\w)")
    words = _alternation(t["collection"]["words"])
    name = rf"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:{words})"
    single = v["single"]
    return _Tables(
        repositories=repositories,
        key_of=key_of,
        part=part,
        separator=re.compile(v["separator"]),
        collection_before=re.compile(rf"(?P<collection>{name})\s*,\s*$"),
        collection_after=re.compile(rf"\s*,\s*(?P<collection>{name})(?!\w)"),
        unknown_repository=re.compile(rf"(?<!\w)(?P<name>{t['unknown_repository']['pattern']})\s*[,.:]?\s*$"),
        folio_range=re.compile(rf"(?P<from>\d+[a-zа-я]?)(?:{v['range_dash']}(?P<to>\d+[a-zа-я]?))?"),
    )


@cache
def _shapes() -> dict[str, re.Pattern[str]]:
    return {repo["key"]: re.compile(repo["shape"]) for repo in table("archives")["repository"] if repo.get("shape")}


def repository_authority() -> dict[str, Repository]:
    """Archive key -> (abbreviation, English expansion, Russian name or None), for authority entries."""
    return {
        repo["key"]: Repository(repo["abbreviation"], repo["expansion"], repo.get("russian"))
        for repo in table("archives")["repository"]
    }


def archive_languages() -> dict[str, str]:
    """Archive key -> the language of the documents it holds, for archives that have one."""
    return {repo["key"]: repo["language"] for repo in table("archives")["repository"] if repo.get("language")}


def _parts_from(citation: str, pos: int, tables: _Tables) -> list[IdentifierPart]:
    """The contiguous run of labelled parts starting at `pos` (after separators)."""
    labels = table("archives")["labels"]
    parts: list[IdentifierPart] = []
    while True:
        gap = tables.separator.match(citation, pos)
        m = tables.part.match(citation, gap.end())
        if not m:
            return parts
        parts.append(IdentifierPart(labels[m.group("label")], m.group("value"), m.group("label"), m.start(), m.end()))
        pos = m.end()


def _folio_bounds(value: str, tables: _Tables) -> tuple[str | None, str | None]:
    m = tables.folio_range.fullmatch(value)
    if not m:
        return None, None  # a list ('7, 9') or a verso ('9 об.') is no plain range: the text keeps it
    return m.group("from"), m.group("to") or m.group("from")


def _reference(citation: str, repo_start: int, repo_end: int, key: str | None, tables: _Tables) -> ArchivalReference:
    clause_start = max(citation.rfind(";", 0, repo_start), citation.rfind(" and ", 0, repo_start), -1) + 1
    before = tables.collection_before.search(citation, clause_start, repo_start)
    after = None if before else tables.collection_after.match(citation, repo_end)
    named = before or after
    shape = _shapes().get(key or "")
    shaped = shape.match(citation[repo_end:]) if shape else None
    if shaped and any(shaped.groupdict().values()):
        parts = [IdentifierPart(kind, value, "", repo_end + shaped.start(kind), repo_end + shaped.end(kind))
                 for kind, value in shaped.groupdict().items() if value]
        parts.sort(key=lambda p: p.start)
    else:
        parts = _parts_from(citation, after.end() if after else repo_end, tables)
    folio = next((p for p in parts if p.kind in ("folio", "pages")), None)
    folio_from, folio_to = _folio_bounds(folio.value, tables) if folio else (None, None)
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
        end=max([repo_end] + [p.end for p in parts] + ([after.end("collection")] if after else [])),
    )


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
    labels = table("archives")["labels"]
    for m in tables.part.finditer(citation):
        if labels[m.group("label")] not in starts or any(r.start <= m.start() < r.end for r in refs):
            continue
        clause_start = max(citation.rfind(";", 0, m.start()), citation.rfind(",", 0, m.start() - 2), -1) + 1
        name = tables.unknown_repository.search(citation, clause_start, m.start())
        if name and name.group("name") not in tables.key_of:
            refs.append(_reference(citation, name.start("name"), name.end("name"), None, tables))
    refs.sort(key=lambda r: r.start)
    # 'Archive of the President of the Russian Federation, APRF, fond 45, …': the name, then the same
    # archive's abbreviation with the parts -- one archival copy, named twice
    return [r for i, r in enumerate(refs)
            if not (not r.parts and i + 1 < len(refs) and refs[i + 1].repository_key == r.repository_key
                    and r.repository_key is not None and not citation[r.end:refs[i + 1].start].strip(" ,;"))]
