"""Sender and recipient (correspDesc) from the record title and the text's address lines.

Names stay as the record writes them ('Filippov [Stalin]', 'MID USSR'); an authority entry is linked
when one covers the name. Places and dates only where the text states them. Cipher-office handling
stamps ('Получена', 'Received') are not the recipient's receipt and are never used for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.dates import find_dates
from ..ingest.rules import table
from ..model import Document
from .authority import authority
from .inline import date_attributes

_ORG_WORDS = re.compile(r"\b(Ministry|MID|MFA|Department|Committee|CC|Embassy|Government|Unit|Office|Politburo|МИД|ЦК|Отдел)\b")
_PRECEDENCE = re.compile(r"\s+(URGENT|IMMEDIATE|MOST URGENT|ВНЕ ОЧЕРЕДИ|СРОЧНО)\b.*$")


@dataclass
class Party:
    tag: str  # persName | orgName | placeName
    text: str
    ref: str | None


@dataclass
class ActionDate:
    text: str | None
    attributes: dict


@dataclass
class Correspondence:
    sent: list[Party] = field(default_factory=list)
    received: list[Party] = field(default_factory=list)
    sent_date: ActionDate | None = None
    received_date: ActionDate | None = None


def _party(text: str) -> Party | None:
    text = text.strip().strip(",.;").strip()
    if not re.search(r"\w", text):
        return None
    auth = authority()
    matches = auth.find(text)
    kinds = {m.kind for m in matches}
    ref = matches[0].ref if matches else None
    if "org" in kinds or _ORG_WORDS.search(text):
        return Party("orgName", text, next((m.ref for m in matches if m.kind == "org"), None))
    if kinds == {"place"} and len(matches) == 1 and matches[0].end - matches[0].start == len(text):
        return Party("placeName", text, ref)
    person = next((m.ref for m in matches if m.kind == "person"), None)
    return Party("persName", text, person)


def _from_title(title: str) -> tuple[list[str], list[str]]:
    for pattern in table("layout")["title"]["correspondents"]:
        m = re.search(pattern, title)
        if m:
            recipients = re.split(r",\s*for\s+", m.group("recipient"))
            return [m.group("sender")], recipients
    return [], []


def _from_address_lines(doc: Document) -> tuple[list[Party], list[Party]]:
    """'From BEIJING From Kuznetsov', 'To MID USSR URGENT', 'To: Beijing, Soviet Ambassador'."""
    senders: list[Party] = []
    recipients: list[Party] = []
    for version in doc.versions:
        if version.lang != "en":
            continue
        for item in version.front:
            if item.kind != "address":
                continue
            for line in item.lines:
                text = _PRECEDENCE.sub("", line.text)
                m = re.match(r"^From\s+(.+)$", text)
                if m:
                    senders += [p for p in map(_party, re.split(r"\s+From\s+", m.group(1))) if p]
                m = re.match(r"^To:?\s+(.+)$", text)
                if m:
                    recipients += [p for p in map(_party, re.split(r",\s+", m.group(1))) if p]
    return senders, recipients


def _handling_date(doc: Document, words: tuple[str, ...]) -> ActionDate | None:
    for version in doc.versions:
        for item in version.front:
            if item.kind == "handling" and item.text.startswith(words):
                for match in find_dates(item.text, record_date=doc.record.date):
                    if match.has_time:
                        return ActionDate(None, date_attributes(match))
    return None


def correspondents(doc: Document) -> Correspondence:
    rec = doc.record
    result = Correspondence()
    title_senders, title_recipients = _from_title(rec.title or "")
    text_senders, text_recipients = _from_address_lines(doc)
    # A name from the text's own address lines wins over the catalogue title's paraphrase.
    people = [p for p in text_senders if p.tag != "placeName"]
    result.sent = (people or [p for p in map(_party, title_senders) if p]) + [p for p in text_senders if p.tag == "placeName"]
    people = [p for p in text_recipients if p.tag != "placeName"]
    result.received = (people or [p for p in map(_party, title_recipients) if p]) + [p for p in text_recipients if p.tag == "placeName"]
    # 'Отправлена 21 час. 20 мин.' / 'Sent: 21:20 on 4 July 1953' is the dispatch of the telegram.
    result.sent_date = _handling_date(doc, ("Отправлена", "Отправлено", "Sent"))
    if result.sent_date is None and rec.date:
        result.sent_date = ActionDate(None, {"when": rec.date.isoformat(), "source": "#src-wcda"})
    return result
