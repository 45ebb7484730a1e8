"""Inline markup: wrap recognised spans of a text (gaps, brackets, numbers, dates, names, note anchors).

Markup wraps the text and never rewrites it: every character of the input string ends up in the
element's text content, except a footnote anchor ('*'), which the `note` element (with `@n`) replaces.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from lxml import etree

from ..ingest.cache import dates_in
from ..xmlio import TEI_NS
from .authority import authority

_GAP = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]")
_BRACKETS = re.compile(r"\[([^\[\]]+)\]")
_IDNO = re.compile(r"(?:№|Nº|No\.|#)\s*(?P<v>[\w/\-]*\d[\w/\-]*|_+|/)")
_GROUPS = re.compile(r"^(?P<g>\d{2,5}-\d{2,5})(?=\.)")
_ANCHOR = re.compile(r"(?<=\S)\*(?!\*)")

#: where a date with a time of day was stamped, and the UTC offset assumed for it
DEFAULT_ZONE = ("+03:00", "#di-zone-moscow")
_NAME_TAG = {"person": "persName", "place": "placeName", "org": "orgName"}
_INFERENCE = {
    "year-from-record": "#di-year-from-record",
    "century-from-record": "#di-century-from-record",
    "roman-month-ocr": "#di-roman-month-ocr",
}


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


@dataclass
class Context:
    record_date: _dt.date | None
    supplied_resp: str
    idno_type: str | None = None
    groups: bool = False
    footnotes: list = field(default_factory=list)  # pending footnote Items, consumed at '*' anchors
    refs: set = field(default_factory=set)  # authority ids used (collected for standOff)
    names: bool = True
    dates: bool = True
    fill_note: object = None  # callable(parent, text) for footnote bodies


@dataclass
class _Span:
    start: int
    end: int
    priority: int
    kind: str
    data: dict


def _spans(text: str, ctx: Context) -> list[_Span]:
    spans: list[_Span] = []
    for m in _GAP.finditer(text):
        spans.append(_Span(m.start(), m.end(), 0, "gap", {}))
    if ctx.footnotes:
        for m in _ANCHOR.finditer(text):
            spans.append(_Span(m.start(), m.end(), 1, "note", {}))
    for m in _BRACKETS.finditer(text):
        spans.append(_Span(m.start(), m.end(), 2, "supplied", {"inner": m.group(1)}))
    if ctx.idno_type:
        for m in _IDNO.finditer(text):
            spans.append(_Span(m.start("v"), m.end("v"), 3, "idno", {}))
    if ctx.groups:
        m = _GROUPS.match(text)
        if m:
            spans.append(_Span(m.start("g"), m.end("g"), 3, "num", {}))
    for d in (dates_in(text, ctx.record_date) if ctx.dates else ()):
        spans.append(_Span(d.start, d.end, 4, "date", {"match": d}))
    if ctx.names:
        for n in authority().find(text):
            spans.append(_Span(n.start, n.end, 5, "name", {"match": n}))
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.priority, s.start)):
        if span.end <= span.start and span.kind != "gap":
            continue
        if any(span.start < c.end and c.start < span.end for c in chosen):
            continue
        chosen.append(span)
    return sorted(chosen, key=lambda s: (s.start, s.priority))


def append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def date_attributes(match, *, zone: tuple[str, str] = DEFAULT_ZONE) -> dict[str, str]:
    when = match.when
    ana = [_INFERENCE[i] for i in match.inferred if i in _INFERENCE]
    if match.has_time:
        when += zone[0]
        ana.append(zone[1])
    attrs = {"when": when}
    if ana:
        attrs["ana"] = " ".join(ana)
    return attrs


def fill(parent: etree._Element, text: str, ctx: Context) -> None:
    """Append `text` to `parent` with inline markup."""
    pos = 0
    for span in _spans(text, ctx):
        append_text(parent, text[pos : span.start])
        pos = span.start
        if span.kind == "gap":
            etree.SubElement(parent, tei("gap"), reason="omitted")
            continue  # the literal '[...]' stays as text
        chunk = text[span.start : span.end]
        if span.kind == "note":
            item = ctx.footnotes.pop(0)
            note = etree.SubElement(parent, tei("note"), type="footnote", place="foot", n=item.n or "*")
            body = item.text
            m = re.match(r"^(\*{1,3}|\d{1,2}\))\s+", body)
            fill(note, body[m.end():] if m else body, Context(ctx.record_date, ctx.supplied_resp, refs=ctx.refs))
        elif span.kind == "supplied":
            inner = span.data["inner"]
            append_text(parent, "[")
            reason = "identification" if authority().lookup(inner, "person") else "editorial"
            sup = etree.SubElement(parent, tei("supplied"), reason=reason, resp=ctx.supplied_resp)
            fill(sup, inner, Context(ctx.record_date, ctx.supplied_resp, refs=ctx.refs))
            append_text(parent, "]")
        elif span.kind == "idno":
            el = etree.SubElement(parent, tei("idno"), type=ctx.idno_type)
            el.text = chunk
        elif span.kind == "num":
            el = etree.SubElement(parent, tei("num"), type="groups")
            el.text = chunk
        elif span.kind == "date":
            el = etree.SubElement(parent, tei("date"), **date_attributes(span.data["match"]))
            el.text = chunk
        elif span.kind == "name":
            match = span.data["match"]
            el = etree.SubElement(parent, tei(_NAME_TAG[match.kind]), ref=f"#{match.ref}")
            el.text = chunk
            ctx.refs.add(match.ref)
        pos = span.end
    append_text(parent, text[pos:])
