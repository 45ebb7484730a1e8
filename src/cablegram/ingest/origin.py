"""The language a document was written in, from evidence (`data/origins.toml`).

Stated facts first: the record's 'Original Language' (or 'Language') field; a version on the page in a
language other than English. Otherwise cues in the citation (the archive), the title and the English text
add weight to a language; the best with enough weight is inferred (and marked as inferred in the TEI).
A fact no cue supports stays absent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Record
from .rules import regex, table


# What a record title says about others than its author: a quoted subject, an embedded message ("...,
# containing a Message from X"), the subject ("concerning ..."), the addressee or interlocutor ("to X",
# "for X", "with X", up to a "from" or a comma). The rest names the author: "Cable, Stalin to Mao Zedong"
# is Stalin's, "Telegram to Mao Zedong from Nie Rongzhen" is Nie Rongzhen's.
_QUOTED = re.compile(r"[‘'\"“][^’'\"”]*[’'\"”]")
_EMBEDDED = re.compile(r",?\s*\b(?:containing|transmitting|conveying|forwarding|enclosing)\b.*$", re.I)
_SUBJECT = re.compile(r"\b(?:concerning|regarding|about|on the)\b.*$", re.I)
_OTHER_PARTY = re.compile(r"\b(?:to|for|with)\s+(?:(?!\bfrom\b)[^,])*", re.I)


def title_sender(title: str) -> str:
    """The part of a record title that names the document's author (see above)."""
    title = _EMBEDDED.sub("", _QUOTED.sub(" ", title))
    return _OTHER_PARTY.sub(" ", _SUBJECT.sub("", title))


@dataclass(frozen=True)
class Origin:
    code: str | None
    inferred: bool
    evidence: str
    translation_sign: bool  # a translator's hand is visible (a translator named, editorial brackets)


def original_language(record: Record, version_langs: list[str], english_text: str) -> Origin:
    data = table("origins")
    signs = any(regex(p).search(s) for p in data["translation_signs"]
                for s in (record.citation or "", english_text[:20000]))
    signs = signs or bool(record.translator)
    if record.original_language_code:
        return Origin(record.original_language_code, False, "the record's language field", signs)
    others = [lang for lang in dict.fromkeys(version_langs) if lang not in ("en", "und")]
    if len(others) == 1:
        return Origin(others[0], False, "the page's version in that language", signs)
    weights: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    for cue in data["cue"]:
        hay = {"citation": record.citation or "", "title": record.title or "", "text": english_text[:20000],
               "title-sender": title_sender(record.title or "")}[cue["where"]]
        m = regex(cue["pattern"]).search(hay) if hay else None
        if m:
            weights[cue["language"]] = weights.get(cue["language"], 0.0) + float(cue["weight"])
            reasons.setdefault(cue["language"], []).append(f"{cue['where']}: '{m.group(0)}'")
    if not weights:
        return Origin(None, False, "", signs)
    ranked = sorted(weights, key=lambda k: (-weights[k], k))
    best = ranked[0]
    if weights[best] < float(data["min_weight"]):
        return Origin(None, False, "", signs)
    if len(ranked) > 1 and weights[ranked[1]] >= float(data["max_rival_share"]) * weights[best]:
        return Origin(None, False, "", signs)  # the cues disagree: no fact rather than a guess
    if best == "en" and "en" in version_langs:
        return Origin("en", True, "; ".join(reasons[best]), False)
    return Origin(best, True, "; ".join(reasons[best]), True)
