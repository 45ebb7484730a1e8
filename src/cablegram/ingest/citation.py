"""Archival references in a citation: repository, fond/opis/papka/delo, folios — all as written.

'…, APRF, Fond 3, Opis 65, Delo 830, Listy 187-189; and AVPRF, Fond 059a, …' names two archival copies.
Every value returned is a substring of the citation at its span: nothing is invented or normalised
(the TEI stage normalises only the *kind* of a part, through data/archives.toml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rules import table


@dataclass(frozen=True)
class IdentifierPart:
    kind: str  # 'fond' | 'opis' | 'delo' | 'papka' | 'folio'
    value: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class ArchivalReference:
    repository: str
    repository_key: str | None
    collection: str | None
    parts: tuple[IdentifierPart, ...]
    folio_from: str | None
    folio_to: str | None
    folio_text: str | None
    start: int
    end: int


_VALUE = r"\d+[a-zа-я]?(?:\s*[-–]\s*\d+[a-zа-я]?)?(?:\s*,\s*\d+[a-zа-я]?(?:\s*[-–]\s*\d+[a-zа-я]?)?)*"


@cache
def _repository_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    keys = {name: repo["key"] for repo in table("archives")["repository"] for name in repo["names"]}
    names = sorted(keys, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    # an expansion may be followed by its abbreviation in brackets: '… Federation (APRF)'
    return re.compile(rf"(?<![\w])(?P<name>{alternation})(?:\s*\((?P<abbr>[A-ZА-Я][A-Za-zА-Яа-я ]{{1,10}})\))?(?![\w])"), keys


@cache
def _part_pattern() -> re.Pattern[str]:
    labels = sorted(table("archives")["labels"], key=len, reverse=True)
    alternation = "|".join(re.escape(l) for l in labels)
    return re.compile(rf"(?<![\w])(?P<label>{alternation})\s*(?P<value>{_VALUE})(?![\w])")


def repository_authority() -> dict[str, list[str]]:
    """Archive key -> the names it is recognised by."""
    return {repo["key"]: list(repo["names"]) for repo in table("archives")["repository"]}


def _folio_range(value: str) -> tuple[str | None, str | None]:
    if "," in value:
        return None, None  # a list of leaves is no range: the text keeps it
    bounds = [v.strip() for v in re.split(r"[-–]", value)]
    return (bounds[0], bounds[-1]) if bounds[0] else (None, None)


def parse_archival_references(citation: str) -> list[ArchivalReference]:
    pattern, keys = _repository_pattern()
    labels = table("archives")["labels"]
    mentions = list(pattern.finditer(citation))
    refs: list[ArchivalReference] = []
    for index, mention in enumerate(mentions):
        seg_end = mentions[index + 1].start() if index + 1 < len(mentions) else len(citation)
        # the reference ends at a ';' or at the next repository
        semicolon = citation.find(";", mention.end(), seg_end)
        seg_end = semicolon if semicolon != -1 else seg_end
        parts: list[IdentifierPart] = []
        for m in _part_pattern().finditer(citation, mention.end(), seg_end):
            parts.append(IdentifierPart(labels[m.group("label")], m.group("value"), m.group("label"), m.start(), m.end()))
        # 'Volkogonov Collections, Library of Congress': a named collection before the repository
        clause_start = max(citation.rfind(";", 0, mention.start()), citation.rfind(" and ", 0, mention.start()), -1) + 1
        before = citation[clause_start : mention.start()]
        named = re.search(r"([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s+Collections?)\s*,\s*$", before)
        folio = next((p for p in parts if p.kind == "folio"), None)
        folio_from, folio_to = _folio_range(folio.value) if folio else (None, None)
        end = parts[-1].end if parts else mention.end()
        refs.append(
            ArchivalReference(
                repository=mention.group(0),
                repository_key=keys[mention.group("name")],
                collection=named.group(1) if named else None,
                parts=tuple(p for p in parts if p.kind != "folio"),
                folio_from=folio_from,
                folio_to=folio_to,
                folio_text=citation[folio.start : folio.end] if folio else None,
                start=mention.start(),
                end=end,
            )
        )
    return refs
