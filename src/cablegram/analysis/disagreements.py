"""Facts that disagree between the versions of one document: reported as warnings, never harmonised."""
from __future__ import annotations

from .form import Form
from .vocabulary import vocabulary


def disagreements(title: str | None, versions: list[tuple[str, Form]]) -> list[tuple[str, str]]:
    """`versions`: (xml:id, form) of each version, in order. Returns (code, message) pairs."""
    vocab = vocabulary()
    found: list[tuple[str, str]] = []
    numbers: list[tuple[str, str]] = []
    if title:
        m = vocab.inline["title_number"].search(title)
        if m:
            numbers.append(("record title", m.group("n")))
    for xml_id, form in versions:
        for item in form.front:
            m = vocab.inline["telegram_number"].match(item.text)
            if m:
                numbers.append((xml_id, m.group("n")))
                break
    if len({n for _, n in numbers}) > 1:
        found.append(("CW-DISAGREE-NUMBER", "telegram number differs: " + ", ".join(f"{where} № {n}" for where, n in numbers)))
    markings = {}
    for xml_id, form in versions:
        cats = {vocab.category("marking", i.text) for i in form.front if i.kind == "marking"} - {None}
        if cats:
            markings[xml_id] = sorted(c[1] for c in cats)
    if len({tuple(m) for m in markings.values()}) > 1:
        found.append(("CW-DISAGREE-MARKING", "security marking differs: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in markings.items())))
    numbered = {xml_id: [u.n for u in form.units if u.n] for xml_id, form in versions if form.units}
    seqs = {tuple(s) for s in numbered.values() if s}
    if len(seqs) > 1:
        found.append(("CW-DISAGREE-POINTS", "numbered points differ: " + "; ".join(f"{k}: {','.join(v) or '-'}" for k, v in numbered.items())))
    return found
