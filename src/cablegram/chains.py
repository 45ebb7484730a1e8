"""Cable chains: which telegram of a corpus each reference to a telegram designates.

The converter marks the references (analysis/cables.py; TEI `<ref type="telegram">` with the number in @n,
the date in a `date` child, whose telegram it is in @subtype). A single document cannot say which file a
reference designates; a corpus can. This module reads what it needs from TEI (so it works on hand-edited
TEI and on TEI another project wrote), decides, and sets `@target` to the designated telegram's TEI file
("STEM.xml") where exactly one telegram of the corpus fits:

- the right party sent it: a reference to "your" telegram designates one sent by the citing telegram's
  addressee, "my" telegram one sent by its sender (compared by authority @ref; a side without @ref is
  not compared);
- its number is the one written (a telegram's numbers: its document-number idno and a number in its title);
- its date is the one written (the creation date of the designated telegram);
- a number alone or a date alone suffices when only one telegram fits; two or more: no guess.

Used by `cablegram convert` (several files in one run), `cablegram build` and the reading edition's site.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

from .xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
NUMBER_TYPES = ("telegram", "outgoing", "number", "incoming")
_TITLE_NUMBER = re.compile(r"\b(?:No\.|Nº|№|#)\s*(\d{1,6})\b")
_FILE_TARGET = re.compile(r"^(?:\./)?([^/#:?\s]+)\.xml(?:#.*)?$")


@dataclass(frozen=True)
class CitedTelegram:
    """One `<ref type="telegram">` as the TEI gives it."""

    whose: str  # addressee | sender | other | ""
    number: str  # @n, "" when not given
    date: str  # the date child's @when (yyyy-mm-dd), "" when not given
    target: str  # the stem @target points to ("STEM.xml"), "" when none


@dataclass(frozen=True)
class CableFacts:
    """What resolution needs of one telegram."""

    stem: str
    date: str
    senders: frozenset[str]  # authority ids of the correspondents
    recipients: frozenset[str]
    numbers: frozenset[str]
    references: tuple[CitedTelegram, ...]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def target_stem(target: str | None) -> str:
    """The stem of a TEI file a @target points to ('mao-1951-07-03.xml' → 'mao-1951-07-03'), else ''."""
    m = _FILE_TARGET.match((target or "").split(" ")[0])
    return m.group(1) if m else ""


def telegram_refs(tei: etree._Element) -> list[etree._Element]:
    """The references to telegrams in the text, in document order."""
    return list(tei.iterfind(f"{T}text//{T}ref[@type='telegram']"))


def document_date(tei: etree._Element) -> str:
    for path in (f"{T}teiHeader/{T}profileDesc/{T}creation/{T}date", f"{T}teiHeader//{T}correspAction[@type='sent']/{T}date",
                 f"{T}teiHeader/{T}fileDesc/{T}sourceDesc//{T}date"):
        for date in tei.iterfind(path):
            value = date.get("when") or date.get("notBefore") or date.get("from") or ""
            if re.match(r"\d{4}(-\d\d){0,2}", value):
                return value[:10]
    return ""


def _party(header, kind: str) -> frozenset[str]:
    refs = set()
    for action in header.iterfind(f".//{T}correspAction[@type='{kind}']"):
        for name in action:
            if etree.QName(name).localname in ("persName", "orgName") and name.get("ref"):
                refs.add(name.get("ref").split()[0].lstrip("#"))
    return frozenset(refs)


def document_numbers(tei: etree._Element, title: str) -> frozenset[str]:
    numbers = {_text(i) for i in tei.iterfind(f"{T}text/{T}body//{T}idno") if i.get("type") in NUMBER_TYPES}
    numbers |= set(_TITLE_NUMBER.findall(title))
    return frozenset(n for n in numbers if n)


def cited(ref: etree._Element) -> CitedTelegram:
    date = ref.find(f".//{T}date[@when]")
    return CitedTelegram(ref.get("subtype") or "", (ref.get("n") or "").strip(),
                         (date.get("when") or "")[:10] if date is not None else "", target_stem(ref.get("target")))


def cable_facts(tei: etree._Element, stem: str) -> CableFacts:
    header = tei.find(f"{T}teiHeader")
    header = header if header is not None else etree.Element("none")
    title = _text(header.find(f"{T}fileDesc/{T}titleStmt/{T}title"))
    return CableFacts(stem, document_date(tei), _party(header, "sent"), _party(header, "received"),
                      document_numbers(tei, title), tuple(cited(r) for r in telegram_refs(tei)))


def resolve(corpus: Iterable[CableFacts], *, keep_targets: bool = True) -> dict[str, tuple[str, ...]]:
    """stem → the stem each of its references designates ('' where none or several fit), in order.

    keep_targets: a @target the TEI already has (an editor's, or an earlier run's) is kept when it names a
    telegram of the corpus; else every reference is decided afresh."""
    docs = list(corpus)
    stems = {d.stem for d in docs}
    by_number, by_date = defaultdict(list), defaultdict(list)  # looked up, not scanned: 10,000 documents
    for d in docs:
        for number in d.numbers:
            by_number[number].append(d)
        if d.date:
            by_date[d.date].append(d)
    out = {}
    for doc in docs:
        targets = []
        for ref in doc.references:
            if keep_targets and ref.target in stems:
                targets.append(ref.target)
                continue
            party = doc.recipients if ref.whose == "addressee" else doc.senders if ref.whose == "sender" else frozenset()
            if not (ref.number or ref.date):
                targets.append("")
                continue
            candidates = by_number.get(ref.number, []) if ref.number else by_date.get(ref.date, [])
            fits = [d for d in candidates if d.stem != doc.stem
                    and (not party or not d.senders or party & d.senders)
                    and (not ref.number or ref.number in d.numbers)
                    and (not ref.date or d.date == ref.date)]
            targets.append(fits[0].stem if len(fits) == 1 else "")
        out[doc.stem] = tuple(targets)
    return out


def chains(links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Documents joined by resolved references ((source, target) stems): each chain as its stems, sorted."""
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for source, target in links:
        if target:
            parent[find(source)] = find(target)
    groups = defaultdict(list)
    for stem in parent:
        groups[find(stem)].append(stem)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def set_targets(tei: etree._Element, targets: tuple[str, ...]) -> bool:
    """Give each reference the @target decided (a file beside this one: 'STEM.xml'), or none; True when
    anything changed."""
    changed = False
    for ref, stem in zip(telegram_refs(tei), targets):
        value = f"{stem}.xml" if stem else None
        if ref.get("target") != value:
            changed = True
            if value:
                ref.set("target", value)
            else:
                del ref.attrib["target"]
    return changed


def link_files(paths: Iterable[Path], *, writable=lambda path: True) -> dict[Path, bytes]:
    """Resolve the references of a corpus of TEI files (converted by cablegram): {path: new bytes} for each
    file whose targets change and that `writable(path)` allows. The files are read twice (facts, then
    only the ones that change), so memory holds the small facts, never the corpus."""
    from .tei.convert import serialise
    from .xmlio import parse_xml

    paths = [Path(p) for p in paths]
    facts, by_stem = [], {}
    for path in paths:
        tei = parse_xml(path).getroot()
        facts.append(cable_facts(tei, path.stem))
        by_stem[path.stem] = path
    targets = resolve(facts, keep_targets=False)
    out = {}
    for fact in facts:
        current = tuple(r.target for r in fact.references)
        if current == targets[fact.stem] or not writable(by_stem[fact.stem]):
            continue
        tree = parse_xml(by_stem[fact.stem])
        if set_targets(tree.getroot(), targets[fact.stem]):
            out[by_stem[fact.stem]] = serialise(tree)
    return out
