"""The language a document was written in, from evidence (`data/origins.toml`).

Stated facts first: the record's 'Original Language' (or 'Language') field; a version on the page in a
language other than English. Otherwise cues in the citation (the archive), the title and the English text
add weight to a language; the best with enough weight is inferred (and marked as inferred in the TEI).
A fact no cue supports stays absent.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass

from ..model import Record
from .rules import regex, table
from .titles import read_title, title_sender  # noqa: F401  (title_sender: the author part, for callers)


# 'in the DPRK', 'at Pyongyang', 'in North Korea': the seat of an embassy or a post (one or two capitalised words)
_SEAT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?!Ambassador|Embassy)[A-Z][\w’'\-]*)?(?=\s|,|$)")


@dataclass(frozen=True)
class Origin:
    code: str | None
    inferred: bool
    evidence: str
    translation_sign: bool  # a translator's hand is visible (a translator named, editorial brackets)


def author_heading(english_text: str, data: dict | None = None) -> str | None:
    """The author a heading at the head of the text names ('MEMORANDUM OF MPR MFA REPRESENTATIVES'), with an
    all-capitals heading also in capitalised words, so that the cues written in mixed case match it."""
    data = data or table("origins")
    m = regex(data["author_heading"]).search(english_text[: int(data["author_heading_chars"])])
    if not m:
        return None
    who = m.group("who").strip()
    return f"{who} ; {string.capwords(who.lower())}" if who.isupper() else who


def original_language(record: Record, version_langs: list[str], english_text: str) -> Origin:
    data = table("origins")
    found = [sign for sign in data["sign"]
             if any(regex(sign["pattern"]).search(s) for s in (record.citation or "", english_text[:20000]))]
    signs = bool(record.translator) or sum(float(sign["weight"]) for sign in found) >= float(data["min_sign_weight"])
    if record.original_language_code:
        return Origin(record.original_language_code, False, "the record's language field", signs)
    others = [lang for lang in dict.fromkeys(version_langs) if lang not in ("en", "und")]
    if len(others) == 1:
        return Origin(others[0], False, "the page's version in that language", signs)
    weights: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    # the title's author part, and the title without its interlocutors: a conversation's other party, or
    # the person met 'with', speaks for another country than the author's (parties.toml)
    title = read_title(record.title or "", english_text[:20000])
    # where the author sits is not the author's country: 'the Romanian Embassy in the DPRK' is Romanian
    author = _SEAT.sub(" ", title.author_part)
    # a heading of the text that names the author ('MEMORANDUM OF MPR MFA REPRESENTATIVES') says as much
    heading = author_heading(english_text, data)
    if heading:
        author = f"{author} ; {_SEAT.sub(' ', heading)}"
    for cue in data["cue"]:
        hay = {"citation": record.citation or "", "title": title.own_part, "text": english_text[:20000],
               "title-sender": author}[cue["where"]]
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
