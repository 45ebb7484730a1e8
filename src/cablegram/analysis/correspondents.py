"""Sender and recipient (correspDesc) from the record title and the text's address lines.

Names stay as the record writes them ('Filippov [Stalin]', 'MID USSR'); an authority entry is linked
when one covers the name. Places and dates only where the text states them. Cipher-office handling
stamps ('Получена', 'Received') are not the recipient's receipt and are never used for it.
"""
from __future__ import annotations

import datetime as _dt
import re

from ..ingest.dates import find_dates
from ..ingest.rules import table
from .authority import authority
from .form import Form
from .inline import date_attributes
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


def _from_title(title: str) -> tuple[list[str], list[str]]:
    for pattern in table("layout")["title"]["correspondents"]:
        m = re.search(pattern, title)
        if m:
            recipients = re.split(r",\s*for\s+", m.group("recipient"))
            return [m.group("sender")], recipients
    return [], []


def _from_address_lines(forms: list[tuple[str, Form]]) -> tuple[list[Party], list[Party]]:
    """'From BEIJING From Kuznetsov', 'To MID USSR URGENT', 'To: Beijing, Soviet Ambassador'."""
    words = vocabulary().correspondents
    senders: list[Party] = []
    recipients: list[Party] = []
    for lang, form in forms:
        if lang != "en":
            continue
        for item in form.front:
            if item.kind != "address":
                continue
            for line in item.lines:
                text = words["trailing_precedence"].sub("", line.text)
                m = words["sender"].match(text)
                if m:
                    senders += [p for p in map(_party, words["sender_split"].split(m.group(1))) if p]
                m = words["recipient"].match(text)
                if m:
                    recipients += [p for p in map(_party, words["recipient_split"].split(m.group(1))) if p]
    return senders, recipients


def _handling_date(forms: list[tuple[str, Form]], record_date) -> ActionDate | None:
    dispatch = vocabulary().dispatch_words
    for _, form in forms:
        for item in form.front:
            if item.kind == "handling" and item.text.startswith(dispatch):
                for match in find_dates(item.text, record_date=record_date):
                    if match.has_time:
                        return ActionDate(None, date_attributes(match))
    return None


def correspondents(title: str | None, record_date: _dt.date | None, forms: list[tuple[str, Form]]) -> Correspondence:
    """`forms`: (language, form) of each version, in order."""
    title_senders, title_recipients = _from_title(title or "")
    text_senders, text_recipients = _from_address_lines(forms)
    # A name from the text's own address lines wins over the catalogue title's paraphrase.
    people = [p for p in text_senders if p.tag != "placeName"]
    sent = (people or [p for p in map(_party, title_senders) if p]) + [p for p in text_senders if p.tag == "placeName"]
    people = [p for p in text_recipients if p.tag != "placeName"]
    received = (people or [p for p in map(_party, title_recipients) if p]) + [p for p in text_recipients if p.tag == "placeName"]
    # 'Отправлена 21 час. 20 мин.' / 'Sent: 21:20 on 4 July 1953' is the dispatch of the telegram.
    sent_date = _handling_date(forms, record_date)
    if sent_date is None and record_date:
        sent_date = ActionDate(None, (("when", record_date.isoformat()), ("source", "#src-wcda")))
    return Correspondence(sent=tuple(sent), received=tuple(received), sent_date=sent_date)
