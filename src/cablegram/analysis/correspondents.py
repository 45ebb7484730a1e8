"""Sender and recipient (correspDesc) from the record title and the text's address lines.

Names stay as the record writes them ('Filippov [Stalin]', 'MID USSR'); an authority entry is linked
when one covers the name. Places and dates only where the text states them. Cipher-office handling
stamps ('Получена', 'Received') are not the recipient's receipt and are never used for it.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace

from ..ingest.dates import find_dates
from ..ingest.rules import regex, table
from ..ingest.titles import read_title
from .authority import authority
from .form import Form
from .inline import date_attributes, received_elsewhere, sender_zone, time_zone
from .model import ActionDate, Correspondence, Party
from .vocabulary import vocabulary


def _party(text: str) -> Party | None:
    text = text.strip().strip(",.;").strip()
    if not re.search(r"\w", text):
        return None
    matches = authority().find(text)
    kinds = {m.kind for m in matches}
    ref = matches[0].ref if matches else None
    if "org" in kinds or vocabulary().correspondents["org_words"].search(text):
        return Party("orgName", text, next((m.ref for m in matches if m.kind == "org"), None))
    if kinds == {"place"} and len(matches) == 1 and matches[0].end - matches[0].start == len(text):
        return Party("placeName", text, ref)
    person = next((m.ref for m in matches if m.kind == "person"), None)
    return Party("persName", text, person)


_DISPATCH = re.compile(r"\d")
_SUPPLIED_TO = re.compile(r"^\[(To)(?: the)?\]\s*")


def _place(text: str) -> Party:
    """A place the title names as where the document came from or went to: a place, whatever the
    authority knows of it (a city it lacks is still no person)."""
    ref = next((m.ref for m in authority().find(text) if m.kind == "place"), None)
    return Party("placeName", text, ref)


def _is_place(text: str) -> bool:
    party = _party(text)
    return party is not None and party.tag == "placeName"


def _version_evidence(forms: list[tuple[str, Form]]) -> tuple[str, tuple[str, ...]]:
    """The English text (front and units) and the signatures of every version: the evidence that tells
    which party of a conversation wrote the record."""
    text, signatures = [], []
    for lang, form in forms:
        if lang == "en":
            text += [line.text for item in form.front for line in item.lines]
            text += [unit.text for unit in form.units]
        signatures += [item.text for item in form.closer if item.kind == "signature" or item.kind.startswith("signature-")]
    return "\n".join(text), tuple(signatures)


# 'from TEHRAN', 'From: Tehran', 'Sender: New York' (a cable office's form names the sending post by its
# city), or a dateline 'Tehran, 5 May 1946'
# ('Sender:' may name a city of several words, 'New York', 'Washington, DC'; never one with an office word)
_DISPATCH_LINE = re.compile(r"^(?:[Ff]rom|FROM):?\s+([A-Z][\w\-]+)\.?\s*$|^([A-Z][\w\-]+),\s+\d{1,2}\s+\w+\s+\d{4}"
                            r"|^(?:Sender|SENDER):\s+([A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2}(?:, [A-Z]{2})?)\.?\s*$")


def _dispatch_places(forms: list[tuple[str, Form]]) -> set[str]:
    """The places the text's head gives as where it was sent from: a line 'from TEHRAN' / 'From: Tehran' /
    'Sender: New York' or a dateline 'Tehran, 5 May 1946' (case folded)."""
    places = set()
    office = table("parties")["conversation"]["office_words"]
    for _, form in forms:
        for item in form.front:
            for line in item.lines:
                m = _DISPATCH_LINE.match(line.text.strip())
                if m and not (m.group(3) and any(regex(office).match(w) and not _is_place(w)
                                                  for w in m.group(3).replace(",", "").split())):
                    places.add((m.group(1) or m.group(2) or m.group(3)).casefold())
    return places


def _signer(forms: list[tuple[str, Form]]) -> Party | None:
    """The one signature of the English version (else of the first version that has one): who signed the
    telegram sent it. A name of a few words only ('/-/ Nowak', 'B. ZOTOV'), marked inferred."""
    ordered = sorted(forms, key=lambda lf: lf[0] != "en")
    for _, form in ordered:
        signed = [item.text for item in form.closer if item.kind == "signature" or item.kind.startswith("signature-")]
        if len(signed) != 1:
            continue
        name = re.sub(r"\s+", " ", re.sub(r"\[[^\]]*\]|/-/|[/()]", " ", signed[0])).strip(" ,.;:")
        if name and len(name.split()) <= 4 and not _DISPATCH.search(name):
            party = _party(name)
            return replace(party, cert="medium") if party and party.tag != "placeName" else None
        return None
    return None


def _relayed_sender(forms: list[tuple[str, Form]]) -> tuple[Party | None, str]:
    """'Comrade X relays the following:' at the head of the message (parties.toml [relaying])."""
    rules = table("parties")["relaying"]
    for lang, form in forms:
        if lang != "en":
            continue
        # the formula stands at the head of the message: in the opener (often read as its salute) or
        # among its first units
        heads = [line.text for item in form.front for line in item.lines]
        heads += [unit.text for unit in form.units[: int(rules["lines"])]]
        for head in heads:
            m = regex(rules["pattern"]).match(head.strip())
            if m:
                party = _party(m.group("sender"))
                if party and party.tag != "placeName":
                    return replace(party, cert="medium"), f"parties.toml [relaying]: {m.group(0)!r}"
    return None, ""


def _words(text: str) -> set[str]:
    """The words by which an address line and the title agree ('the' and 'Comrade' are no agreement)."""
    common = set(table("parties")["agreement_stopwords"])
    return {w.casefold() for w in re.findall(r"\w{3,}", text)} - common


def _accept_text_party(party: Party, title_names: list[str]) -> bool:
    """A name from an address line is taken when the evidence supports it: never a dispatch line (a place
    with a number and a time), never a bare place; a person or office that agrees with the title, or
    an office or a known person, or anyone when the title names nobody. Never a document: 'From
    Kowalczyk's conversation with …' says where the text comes from, not who sent it."""
    rules = table("parties")
    if _DISPATCH.search(party.text) or regex(rules["source_words"]).search(party.text):
        return False
    if regex(rules["routing"]).search(party.text):
        return False  # 'From the Pyongyang Desk': the desk that received the cable, no correspondent
    if party.tag == "placeName":
        return True  # kept as the place, never as the sender's name
    if not title_names:
        return True
    # agreement through a person's or office's words, not through the place the title says it was written in
    if any(_words(party.text) & _words(re.sub(r"\b(?:in|at) [A-Z][\w-]+", "", t)) for t in title_names):
        return True
    if party.tag == "orgName" or party.ref:
        return True
    return False


def _journal_owner(text: str) -> str:
    m = regex(table("parties")["journal_line"]).match(text.strip())
    return m.group("who") if m else text


def _from_address_lines(forms: list[tuple[str, Form]]) -> tuple[list[Party], list[Party]]:
    """'From BEIJING From Kuznetsov', 'To MID USSR URGENT', 'To: Beijing, Soviet Ambassador'."""
    words = vocabulary().correspondents
    senders: list[Party] = []
    recipients: list[Party] = []
    for lang, form in forms:
        if lang != "en":
            continue
        for item in form.front:
            if item.kind != "address" and not _SUPPLIED_TO.match(item.text):
                continue
            for line in item.lines:
                # '[To] Ambassador Wang Bingnan:': the translator supplied the 'To' the original leaves out
                text = words["trailing_precedence"].sub("", _SUPPLIED_TO.sub(r"\1 ", line.text)).rstrip(" :")
                m = words["sender"].match(text)
                if m:
                    # 'From the Journal of A. K. Morozov': the journal's owner wrote it
                    names = [_journal_owner(n) for n in words["sender_split"].split(m.group(1))]
                    senders += [p for p in map(_party, names) if p]
                m = words["recipient"].match(text)
                if m:
                    recipients += [p for p in map(_party, words["recipient_split"].split(m.group(1))) if p]
    return senders, recipients


def _handling_date(forms: list[tuple[str, Form]], record_date, office) -> ActionDate | None:
    dispatch = vocabulary().dispatch_words
    for _, form in forms:
        front = [line.text for item in form.front for line in item.lines]
        sent_from, incoming = sender_zone(front), received_elsewhere(front)
        for item in form.front:
            if item.kind == "handling" and item.text.startswith(dispatch):
                for match in find_dates(item.text, record_date=record_date):
                    if match.has_time:
                        zone = time_zone(item.text, whole_line=False, sent_from=sent_from, office=office,
                                         incoming=incoming)
                        return ActionDate(None, date_attributes(match, zone=zone))
    return None


def correspondents(title: str | None, record_date: _dt.date | None, forms: list[tuple[str, Form]],
                   office: tuple[str, str] | None = None, record_when: str | None = None) -> Correspondence:
    """`forms`: (language, form) of each version, in order; `office`: the zone of the office that keeps the
    copy (analysis/inline.py office_zone), for the dispatch time of a telegram that does not say where from;
    `record_when`: the record date as precisely as the record gives it ('1953-03' for 'March 1953').

    Candidates from the title ('X to Y', read by ingest/titles.py from parties.toml) and from the text's
    address lines are weighed: an address-line name wins where it agrees with the title or is an office
    or a known person; dispatch lines and bare place lines never give a name, a dispatch place in the
    title is a place. Weaker cues, marked inferred, only where nothing stronger names the sender: the
    recorder of a conversation 'between A and B' (by evidence), a relaying formula, the one signature.
    A party no cue supports stays absent.
    """
    text, signatures = _version_evidence(forms)
    parsed = read_title(title or "", text, signatures)
    dispatched = _dispatch_places(forms)
    if any(s.casefold() in dispatched for s in parsed.senders):
        # 'Cable from Tehran' whose text heads 'from TEHRAN' (or 'Tehran, 5 May'): a place, whatever the
        # authority knows of it
        parsed = replace(parsed, senders=tuple(s for s in parsed.senders if s.casefold() not in dispatched),
                         places=parsed.places + tuple(s for s in parsed.senders if s.casefold() in dispatched))
    # 'Telegram from Hanoi to Bucharest': a party of the title that is wholly a place is where the cable was
    # sent from or to, never a person, and no rival to the name an address line gives
    title_places = [s for s in parsed.senders if _is_place(s)], [r for r in parsed.recipients if _is_place(r)]
    if title_places[0] or title_places[1]:
        parsed = replace(parsed, senders=tuple(s for s in parsed.senders if s not in title_places[0]),
                         recipients=tuple(r for r in parsed.recipients if r not in title_places[1]),
                         places=parsed.places + tuple(title_places[0]),
                         to_places=parsed.to_places + tuple(title_places[1]))
    text_senders, text_recipients = _from_address_lines(forms)
    sent, sent_rule = _choose(list(parsed.senders), text_senders, parsed.rule)
    received, received_rule = _choose(list(parsed.recipients), text_recipients, parsed.rule)
    if parsed.conversation and parsed.senders and sent and sent[0].text == parsed.senders[0]:
        # the recorder of a conversation 'between A and B' is inferred from the text, not stated
        sent[0] = replace(sent[0], cert="medium")
    if not any(p.tag != "placeName" for p in sent):
        relayed, rule = _relayed_sender(forms)
        if relayed:
            sent, sent_rule = [relayed] + sent, rule
    if not any(p.tag != "placeName" for p in sent):
        signer = _signer(forms)
        if signer:
            sent, sent_rule = [signer] + sent, f"the signature {signer.text!r} (no title or address line names a sender)"
    # the places the title says the document came from and went to ('Cable Nº 4410 from Ankara')
    sent += [_place(p) for p in parsed.places if not any(q.text.casefold() == p.casefold() for q in sent)]
    received += [_place(p) for p in parsed.to_places if not any(q.text.casefold() == p.casefold() for q in received)]
    # 'Отправлена 21 час. 20 мин.' / 'Sent: 21:20 on 4 July 1953' is the dispatch of the telegram.
    sent_date = _handling_date(forms, record_date, office)
    if sent_date is None and record_date:
        sent_date = ActionDate(None, (("when", record_when or record_date.isoformat()), ("source", "#src-wcda")))
    return Correspondence(sent=tuple(sent), received=tuple(received), sent_date=sent_date,
                          sent_rule=sent_rule, received_rule=received_rule)


def _choose(title_names: list[str], text_parties: list[Party], pattern: str) -> tuple[list[Party], str]:
    accepted = [p for p in text_parties if _accept_text_party(p, title_names)]
    people = [p for p in accepted if p.tag != "placeName"]
    places = [p for p in accepted if p.tag == "placeName"]
    from_title = [p for p in map(_party, title_names) if p]
    rejected = [p.text for p in text_parties if p not in accepted]
    if people:
        rule = "address line (form.toml [correspondents])" + (" agreeing with the title" if title_names else "")
    elif from_title:
        rule = f"record title, parties.toml {pattern!r}"
    else:
        rule = "no cue: left absent"
    if rejected:
        rule += f"; address line(s) not taken as a name (dispatch line, bare place or no agreement): {rejected}"
    return (people or from_title) + places, rule
