"""Facts that disagree between the versions of one document: reported as warnings, never harmonised."""
from __future__ import annotations

import re

from ..ingest.rules import table
from ..model import Document, Item

_TELEGRAM_NUMBER = re.compile(r"^(ШИФРТЕЛЕГРАММА|ШИФРОВАННАЯ ТЕЛЕГРАММА|CIPHERED TELEGRAM|Ciphered Telegram|CABLE|Cable|Telegram|TELEGRAM)\s*(?:№|Nº|No\.|#)\s*(?P<n>\d+)")
_TITLE_NUMBER = re.compile(r"\b(?:Telegram|Cable|Ciphered Telegram)\s+No\.\s*(?P<n>\d+)", re.IGNORECASE)


def category(kind: str, item: Item) -> tuple[str, str] | None:
    """(category id, description) of a marking or precedence line, e.g. ('mk-top-secret', 'top secret')."""
    text = re.sub(r"\s*\[[^\]]*\]|[.!]$", "", item.text).strip().lower()
    found = table("structure")["categories"][kind].get(text)
    return tuple(found) if found else None


def disagreements(doc: Document) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    numbers: list[tuple[str, str]] = []
    if doc.record.title:
        m = _TITLE_NUMBER.search(doc.record.title)
        if m:
            numbers.append(("record title", m.group("n")))
    for version in doc.versions:
        for item in version.front:
            m = _TELEGRAM_NUMBER.match(item.text)
            if m:
                numbers.append((version.xml_id, m.group("n")))
                break
    if len({n for _, n in numbers}) > 1:
        found.append(("CW-DISAGREE-NUMBER", "telegram number differs: " + ", ".join(f"{where} № {n}" for where, n in numbers)))
    markings = {}
    for version in doc.versions:
        cats = {category("marking", i) for i in version.front if i.kind == "marking"} - {None}
        if cats:
            markings[version.xml_id] = sorted(c[1] for c in cats)
    if len({tuple(m) for m in markings.values()}) > 1:
        found.append(("CW-DISAGREE-MARKING", "security marking differs: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in markings.items())))
    numbered = {v.xml_id: [u.n for u in v.units if u.n] for v in doc.versions if v.units}
    seqs = {tuple(s) for s in numbered.values() if s}
    if len(seqs) > 1:
        found.append(("CW-DISAGREE-POINTS", "numbered points differ: " + "; ".join(f"{k}: {','.join(v) or '-'}" for k, v in numbered.items())))
    return found
