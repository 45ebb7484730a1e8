"""Inline spans: gaps, editorial brackets, document numbers, cipher group counts, references to other
telegrams, dates, names and footnote anchors, recognised in each piece of text the TEI will hold.

Recognition only: the result is an `Inline` (the text as in the source, and its spans). A footnote
anchor ('*') is bound here, in document order, to the next footnote of its version; the TEI writer only
writes what it is given.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .authority import authority
from .cables import find_references
from .names import NameFinder
from .cache import dates_in
from .model import Inline, Span
from .vocabulary import vocabulary

#: where a date with a time of day was stamped, and the UTC offset assumed for it
DEFAULT_ZONE = ("+03:00", "#di-zone-moscow")
_NAME_TAG = {"person": "persName", "place": "placeName", "org": "orgName"}
_INFERENCE = {
    "year-from-record": "#di-year-from-record",
    "century-from-record": "#di-century-from-record",
    "roman-month-ocr": "#di-roman-month-ocr",
}
# editorial conventions, not telegram vocabulary: '[...]' inside a line, '[…]' brackets, '1211-1220.' groups
_GAP_IN_LINE = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]")
_BRACKETS = re.compile(r"\[([^\[\]]+)\]")
_GROUPS = re.compile(r"^(?P<g>\d{2,5}-\d{2,5})(?=\.)")


def _zones() -> list[dict]:
    from ..ingest.rules import table

    return table("dates")["zone"]


def zone_named_in(text: str) -> tuple[str, str] | None:
    """(offset, '#category') of a place named as where a time was written: 'in Moscow', 'Beijing time'."""
    for zone in _zones():
        names = "|".join(re.escape(p) for p in zone["places"])
        if re.search(rf"(?:\b(?:in|at|в)\s+(?:{names})\b|\b(?:{names})\s+time\b)", text):
            return zone["offset"], f"#{zone['id']}"
    return None


def sender_zone(lines: list[str]) -> tuple[str, str] | None:
    """The zone of the place a version was sent from: 'From PYONGYANG', 'Pyongyang, No. 4040. …'."""
    for zone in _zones():
        names = "|".join(re.escape(p) for p in zone["places"])
        for text in lines:
            if re.match(rf"^(?:From|Откуда|Из)\s+(?:{names})\b|^(?:{names})\s*[,.]\s*(?:No\.|№)", text.strip()):
                return zone["offset"], f"#{zone['id']}"
    return None


def zone_description(category: str) -> str:
    return next((z["description"] for z in _zones() if f"#{z['id']}" == category), "")


def date_attributes(match, *, zone: tuple[str, str] = DEFAULT_ZONE) -> tuple[tuple[str, str], ...]:
    when = match.when
    ana = [_INFERENCE[i] for i in match.inferred if i in _INFERENCE]
    if match.has_time:
        when += zone[0]
        ana.append(zone[1])
    attrs = [("when", when)]
    if ana:
        attrs.append(("ana", " ".join(ana)))
    return tuple(attrs)


@dataclass
class Footnotes:
    """The footnotes of one version, waiting for their anchors (consumed in document order)."""

    pending: list[tuple[str | None, str, int]] = field(default_factory=list)  # (n, body text, line)
    items: list = field(default_factory=list)  # the footnote items they came from

    def __bool__(self) -> bool:
        return bool(self.pending)


@dataclass
class _Candidate:
    start: int
    end: int
    priority: int
    kind: str
    data: dict


class InlineReader:
    """Reads the inline spans of a version's texts with the document's record date and resp."""

    def __init__(self, record_date: _dt.date | None, supplied_resp: str, footnotes: Footnotes | None = None,
                 names: NameFinder | None = None, sent_from: tuple[str, str] | None = None) -> None:
        self.record_date = record_date
        self.supplied_resp = supplied_resp
        self.sent_from = sent_from  # the zone of the place the version was sent from, if it says
        self.zones_used: set[str] = set()
        self.footnotes = footnotes or Footnotes()
        self.names = names or NameFinder()
        self._inline = vocabulary().inline

    def _zone(self, text: str, c) -> tuple[str, str]:
        """A time's offset: the place named on its line; for a dispatch line or a dateline, the place the
        version was sent from; else the Moscow office-stamp assumption (said by its category)."""
        if not c.data["match"].has_time:
            return DEFAULT_ZONE
        zone = zone_named_in(text)
        whole_line = c.start <= 1 and c.end >= len(text.rstrip(" .*")) - 1
        if zone is None and self.sent_from and (text.startswith(vocabulary().dispatch_words) or whole_line):
            zone = self.sent_from
        zone = zone or DEFAULT_ZONE
        self.zones_used.add(zone[1])
        return zone

    def read(self, text: str, line: int = 0, *, idno_type: str | None = None, groups: bool = False,
             names: bool = True, anchors: bool = True, references: bool = True) -> Inline:
        spans = []
        for c in self._candidates(text, idno_type=idno_type, groups=groups, names=names,
                                  anchors=anchors and bool(self.footnotes), references=references):
            spans.append(self._span(text, c))
        return Inline(text, tuple(s for s in spans if s is not None), line)

    def _candidates(self, text: str, *, idno_type, groups, names, anchors, references=True) -> list[_Candidate]:
        found: list[_Candidate] = []
        for m in _GAP_IN_LINE.finditer(text):
            found.append(_Candidate(m.start(), m.end(), 0, "gap", {}))
        if anchors:
            for m in self._inline["footnote_anchor"].finditer(text):
                found.append(_Candidate(m.start(), m.end(), 1, "note", {}))
        for m in _BRACKETS.finditer(text):
            found.append(_Candidate(m.start(), m.end(), 2, "supplied", {"inner": m.group(1)}))
        if idno_type:
            for m in self._inline["idno"].finditer(text):
                found.append(_Candidate(m.start("v"), m.end("v"), 3, "idno", {"type": idno_type}))
        if groups:
            m = _GROUPS.match(text)
            if m:
                found.append(_Candidate(m.start("g"), m.end("g"), 3, "num", {}))
        if references:
            for ref in find_references(text):
                # a reference names a number or a date (read by the date recognizer, or a telegraph code)
                if ref.number or ref.code_day or dates_in(ref.phrase, self.record_date):
                    found.append(_Candidate(ref.start, ref.end, 3, "ref", {"ref": ref}))
        for d in dates_in(text, self.record_date):
            found.append(_Candidate(d.start, d.end, 4, "date", {"match": d}))
        if names:
            for n in self.names.find(text):
                found.append(_Candidate(n.start, n.end, 5, "name", {"match": n}))
        chosen: list[_Candidate] = []
        for c in sorted(found, key=lambda s: (s.priority, s.start)):
            if c.end <= c.start and c.kind != "gap":
                continue
            if any(c.start < o.end and o.start < c.end for o in chosen):
                continue
            chosen.append(c)
        return sorted(chosen, key=lambda s: (s.start, s.priority))

    def _reference(self, ref) -> Span:
        """A reference to a telegram: its words read again for dates and names inside it; a telegraph date
        code ('酉冬') becomes the date the reference names."""
        inner = InlineReader(self.record_date, self.supplied_resp, names=self.names).read(ref.phrase, references=False)
        if ref.code_day and not any(s.kind == "date" for s in inner.spans):
            when, inferred = ref.code_when(self.record_date)
            attrs = (("when", when),) + ((("ana", _INFERENCE["year-from-record"]),) if inferred else ()) if when else ()
            start, end = ref.code_start - ref.start, ref.code_end - ref.start
            spans = [s for s in inner.spans if s.end <= start or s.start >= end]
            inner = Inline(inner.text, tuple(sorted(spans + [Span(start, end, "date", attrs)], key=lambda s: s.start)))
        attrs = [("type", "telegram"), ("subtype", ref.whose)]
        if ref.number:
            attrs.append(("n", ref.number))
        return Span(ref.start, ref.end, "ref", tuple(attrs), inner)

    def _span(self, text: str, c: _Candidate) -> Span | None:
        if c.kind == "gap":
            return Span(c.start, c.end, "gap", (("reason", "omitted"),))
        if c.kind == "note":
            if not self.footnotes.pending:
                return None  # more anchors than notes: the asterisk stays plain text
            n, body, line = self.footnotes.pending.pop(0)
            mark = self._inline["footnote_mark"].match(body)
            inner = InlineReader(self.record_date, self.supplied_resp, names=self.names).read(body[mark.end():] if mark else body, line)
            return Span(c.start, c.end, "note", (("n", n or "*"),), inner)
        if c.kind == "supplied":
            inner_text = c.data["inner"]
            reason = "identification" if authority().lookup(inner_text, "person") else "editorial"
            inner = InlineReader(self.record_date, self.supplied_resp, names=self.names).read(inner_text)
            # the brackets stay text: the span covers the inner text only
            return Span(c.start + 1, c.end - 1, "supplied", (("reason", reason), ("resp", self.supplied_resp)), inner)
        if c.kind == "idno":
            return Span(c.start, c.end, "idno", (("type", c.data["type"]),))
        if c.kind == "num":
            return Span(c.start, c.end, "num", (("type", "groups"),))
        if c.kind == "date":
            return Span(c.start, c.end, "date", date_attributes(c.data["match"], zone=self._zone(text, c)))
        if c.kind == "ref":
            return self._reference(c.data["ref"])
        match = c.data["match"]
        if match.ref is None:  # a name the authority file lacks: marked, not linked (CW-NAME-CANDIDATE)
            return Span(c.start, c.end, "name", (("tag", _NAME_TAG[match.kind]),))
        return Span(c.start, c.end, "name", (("tag", _NAME_TAG[match.kind]), ("ref", match.ref)))

