"""Self-checks that speak up (issue 10): a conversion that put text in the wrong place or left the versions
misaligned says so, in the summary and in the TEI, instead of printing a clean result.

- message-like text in the endorsements: a numbered point, a long run of prose, a signature;
- unit counts that differ between an original and a translation;
- units left unlinked by the alignment.
"""
from __future__ import annotations

import re

from .form import Form, Unit, classify, is_numbered, is_signature

#: prose this long in the endorsements reads like message text (reader's notes and stamps are shorter)
LONG_PROSE_WORDS = 25
_WORD = re.compile(r"[^\W\d_]+")


def _message_like(item) -> str | None:
    """Why an endorsement item reads like the message ('a numbered point' …), or None."""
    if is_signature(item.kind):
        return "a signature"
    if item.kind != "note":
        return None
    kind, _, _ = classify(item.lines[0].text, "message")
    if is_numbered(kind):
        return "a numbered point"
    if kind == "prose" and len(_WORD.findall(item.text)) >= LONG_PROSE_WORDS:
        return "running text"
    return None


def text_in_endorsements(version_id: str, form: Form) -> tuple[str, int] | None:
    """(message, first line) when the endorsements hold message-like text."""
    found = []
    for item in form.endorsements:
        why = _message_like(item)
        if why:
            found.append((item.lines[0].number, why))
    if not found:
        return None
    listed = "; ".join(f"line {line}: {why}" for line, why in found)
    return f"{version_id}: the endorsements hold text that reads like the message ({listed})", found[0][0]


def units_in_order(form: Form) -> list[Unit]:
    """All units of a form in document order, those of its embedded messages included."""
    out: list[Unit] = []
    for index in range(len(form.units) + 1):
        for item in form.between.get(index, []):
            if item.form is not None:
                out += units_in_order(item.form)
        if index < len(form.units):
            out.append(form.units[index])
    return out


def unit_counts(versions: list[tuple[str, str, Form]]) -> str | None:
    """`versions`: (xml:id, role, form). A message when an original and a translation have different
    numbers of units (paragraphs and points)."""
    counts = [(vid, role, len(units_in_order(form))) for vid, role, form in versions]
    originals = {n for _, role, n in counts if role == "original" and n}
    translations = {n for _, role, n in counts if role == "translation" and n}
    if not originals or not translations or len(originals | translations) == 1:
        return None
    return "units per version differ: " + ", ".join(f"{vid} ({role}) {n}" for vid, role, n in counts)


def unlinked_units(versions: list[tuple[str, str, Form]], links) -> str | None:
    """A message naming the units of a bilingual document that no alignment link reaches."""
    roles = {role for _, role, form in versions if form.units}
    if not {"original", "translation"} <= roles:
        return None
    linked = {l.translation for l in links} | {l.original for l in links}
    missing = [u.xml_id for vid, role, form in versions if role in ("original", "translation")
               for u in units_in_order(form) if u.xml_id not in linked]
    if not missing:
        return None
    return f"{len(missing)} unit(s) without an alignment link: {', '.join(missing)}"
