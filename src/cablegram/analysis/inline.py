"""Inline spans: gaps, editorial brackets (supplements, descriptions, glosses, footnote references: by the
rules of ingest/data/brackets.toml), document numbers, cipher group counts, references to other
telegrams, dates, names and footnote anchors, recognised in each piece of text the TEI will hold.

Recognition only: the result is an `Inline` (the text as in the source, and its spans). A footnote
anchor ('*') is bound here, in document order, to the next footnote of its version; the TEI writer only
writes what it is given.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cache

from .authority import authority
from .names import NameFinder
from .cache import dates_in, references_in
from .model import Inline, Span
from .vocabulary import vocabulary

#: a time of day whose place the text does not tell: no offset, and a category that says so
UNKNOWN_ZONE_ID = "di-zone-unknown"
UNKNOWN_ZONE = ("", f"#{UNKNOWN_ZONE_ID}")
#: the Moscow category is declared in every TEI file (tei/writer.py DATE_INFERENCE); others where used
MOSCOW_ZONE_ID = "di-zone-moscow"
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


@dataclass(frozen=True)
class _ZoneRules:
    zones: tuple[tuple[str, str], ...]  # (offset, '#category') per [[zone]]
    named: tuple[re.Pattern[str], ...]  # per zone: its place named with the time
    sent_from: tuple[re.Pattern[str], ...]  # per zone: a line saying the version was sent from there
    archives: dict[str, tuple[str, str]]  # archive key -> zone of the office that keeps its copies
    stamps: tuple[tuple[re.Pattern[str], tuple[str, str]], ...]  # an office's own stamp -> its zone
    sent_stamp: re.Pattern[str]
    office_stamp: re.Pattern[str]
    descriptions: dict[str, str]  # '#category' -> description


@cache
def _zone_rules() -> _ZoneRules:
    """The zone tables of ingest/data/dates.toml, compiled once."""
    from ..ingest.rules import table

    t = table("dates")
    rules = t["zones"]

    def one(patterns: list[str], zone: dict) -> re.Pattern[str]:
        place = "(?:" + "|".join(re.escape(p) for p in sorted(zone["places"], key=len, reverse=True)) + ")"
        adjective = "(?:" + ("|".join(re.escape(a) for a in zone.get("adjectives", [])) or "(?!)") + ")"
        return re.compile("|".join(f"(?:{p})" for p in patterns).replace("{place}", place).replace("{adjective}", adjective))

    zones = tuple((z["offset"], f"#{z['id']}") for z in t["zone"])
    descriptions = {f"#{z['id']}": z["description"] for z in t["zone"]}
    descriptions[UNKNOWN_ZONE[1]] = rules["unknown"]["description"]
    return _ZoneRules(
        zones=zones,
        named=tuple(one(rules["named"], z) for z in t["zone"]),
        sent_from=tuple(one(rules["sent_from"], z) for z in t["zone"]),
        archives={key: zone for z, zone in zip(t["zone"], zones) for key in z.get("archives", [])},
        stamps=tuple((re.compile(z["stamps"]), zone) for z, zone in zip(t["zone"], zones) if z.get("stamps")),
        sent_stamp=re.compile(rules["sent_stamp"]),
        office_stamp=re.compile(rules["office_stamp"]),
        descriptions=descriptions,
    )


def zone_named_in(text: str) -> tuple[str, str] | None:
    """(offset, '#category') of a place named as where a time was written: 'in Moscow', 'Beijing time',
    'по пекинскому времени', a dateline beginning with its place."""
    rules = _zone_rules()
    for zone, named in zip(rules.zones, rules.named):
        if named.search(text):
            return zone
    return None


def sender_zone(lines: list[str]) -> tuple[str, str] | None:
    """The zone of the place a version was sent from: 'From PYONGYANG', 'Из ПЕКИНА', 'Pyongyang, No. 4040. …'."""
    rules = _zone_rules()
    for zone, pattern in zip(rules.zones, rules.sent_from):
        if any(pattern.search(text.strip()) for text in lines):
            return zone
    return None


def office_zone(archive_keys, lines=()) -> tuple[str, str] | None:
    """The zone of the office that keeps the copy: the seat of the first archive the citation names that has
    one, else the office whose own stamps are on the document's lines ('Получено 03.15.21.7')."""
    rules = _zone_rules()
    zone = next((rules.archives[k] for k in archive_keys if k in rules.archives), None)
    if zone is None:
        zone = next((z for pattern, z in rules.stamps for text in lines if pattern.match(text)), None)
    return zone


def sent_from_zone(lines: list[str], office: tuple[str, str] | None, incoming: bool) -> tuple[str, str] | None:
    """The zone of the place a version was sent from: the place it names ('From PYONGYANG'), else, when it
    carries a dispatch stamp ('Отправлена 21 час. 20 мин.') and was not received from elsewhere, the office
    that keeps the copy: its cipher office sent it, so the author wrote there."""
    zone = sender_zone(lines)
    if zone is None and office is not None and not incoming:
        rules = _zone_rules()
        if any(rules.sent_stamp.match(text.strip()) for text in lines):
            zone = office
    return zone


def received_elsewhere(lines: list[str]) -> bool:
    """Whether a version says it was received in a named place ('Received in Moscow on …'): then it was sent
    from another, and its dispatch stamp is not the keeping office's."""
    rules = _zone_rules()
    return any(rules.office_stamp.search(text) and zone_named_in(text) for text in lines)


def time_zone(text: str, *, whole_line: bool, sent_from: tuple[str, str] | None,
              office: tuple[str, str] | None, incoming: bool = False) -> tuple[str, str]:
    """The (offset, '#category') of a time of day on the line `text` (rules: ingest/data/dates.toml [zones]):
    the place named on the line; for a dispatch stamp the place the version was sent from, else the office
    that keeps the copy (its cipher office stamped it; not for a version `incoming` from elsewhere:
    received_elsewhere); for a receipt or processing stamp that office; for a dateline or a time in running
    text the place the version was sent from (the author wrote it there, and the office that keeps a copy may
    be the receiving end's); else no offset (UNKNOWN_ZONE)."""
    rules = _zone_rules()
    zone = zone_named_in(text)
    if zone is None:
        line = text.strip()
        if rules.sent_stamp.match(line):
            zone = sent_from or (None if incoming else office)
        elif rules.office_stamp.search(line):
            zone = office
        else:
            zone = sent_from
    return zone or UNKNOWN_ZONE


def zone_description(category: str) -> str:
    return _zone_rules().descriptions.get(category, "")


def date_attributes(match, *, zone: tuple[str, str] = UNKNOWN_ZONE) -> tuple[tuple[str, str], ...]:
    when = match.when
    ana = [_INFERENCE[i] for i in match.inferred if i in _INFERENCE]
    if match.has_time:
        when += zone[0]
        ana.append(zone[1])
    attrs = [("when", when)]
    if ana:
        attrs.append(("ana", " ".join(ana)))
    return tuple(attrs)


@dataclass(frozen=True)
class _BracketKind:
    name: str
    inner: re.Pattern[str] | None
    attached: bool | None
    footnote: bool | None
    foreign: bool | None


@cache
def _bracket_kinds() -> tuple[tuple[_BracketKind, ...], float]:
    from ..ingest.rules import table

    t = table("brackets")
    kinds = tuple(_BracketKind(k["name"], re.compile(k["inner"]) if k.get("inner") else None, k.get("attached"),
                               k.get("footnote"), k.get("foreign")) for k in t["kind"])
    return kinds, t["english_zipf_below"]


@cache
def _english_zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # imported late: only lower-case brackets ask

    return zipf_frequency(word, "en")


def is_foreign(text: str, below: float | None = None) -> bool:
    """Whether most of the letters of `text` are in words that are not English (a transliteration)."""
    below = _bracket_kinds()[1] if below is None else below
    words = re.findall(r"[^\W\d_]+", text.lower())
    letters = sum(len(w) for w in words)
    foreign = sum(len(w) for w in words if _english_zipf(w) < below)
    return bool(words) and foreign * 2 > letters


def bracket_kind(inner: str, *, attached: bool, footnote: bool) -> str:
    """The kind of a bracket '[inner]' (ingest/data/brackets.toml): 'footnote', 'reference', 'translator-note',
    'description', 'gloss' or 'supplement'. `attached`: the '[' touches the character before it; `footnote`:
    the version has a footnote with this bracket as its mark."""
    kinds, below = _bracket_kinds()
    for kind in kinds:
        if kind.attached is not None and kind.attached != attached:
            continue
        if kind.footnote is not None and kind.footnote != footnote:
            continue
        if kind.inner is not None and not kind.inner.search(inner):
            continue
        if kind.foreign is not None and kind.foreign != is_foreign(inner, below):
            continue
        return kind.name
    return "supplement"


@dataclass
class Footnotes:
    """The footnotes of one version, waiting for their anchors (consumed in document order)."""

    pending: list[tuple[str | None, str, int]] = field(default_factory=list)  # (n, body text, line)
    items: list = field(default_factory=list)  # the footnote items they came from

    def __bool__(self) -> bool:
        return bool(self.pending)

    def has(self, mark: str) -> bool:
        return any(n == mark for n, _, _ in self.pending)

    def take(self, mark: str) -> tuple[str | None, str, int] | None:
        """The footnote an anchor points to: the first one with the anchor's mark ('[1]', '**'), else for an
        asterisk the next one in document order (a typist's '*' may stand for any of them)."""
        for i, (n, _, _) in enumerate(self.pending):
            if n == mark:
                return self.pending.pop(i)
        if mark.startswith("*") and self.pending:
            return self.pending.pop(0)
        return None


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
                 names: NameFinder | None = None, sent_from: tuple[str, str] | None = None,
                 office: tuple[str, str] | None = None, incoming: bool = False) -> None:
        self.record_date = record_date
        self.supplied_resp = supplied_resp
        self.sent_from = sent_from  # the zone of the place the version was sent from, if it says
        self.office = office  # the zone of the office that keeps the copy, if the archive tells
        self.incoming = incoming  # the version says it was received in a named place (so sent from another)
        self.zones_used: set[str] = set()
        self.footnotes = footnotes or Footnotes()
        self.names = names or NameFinder()
        self._inline = vocabulary().inline

    def _child(self) -> "InlineReader":
        """A reader for text inside a span (a bracket, a footnote's body): same document, same zones."""
        child = InlineReader(self.record_date, self.supplied_resp, names=self.names, sent_from=self.sent_from,
                             office=self.office, incoming=self.incoming)
        child.zones_used = self.zones_used
        return child

    def _zone(self, text: str, c, context: str | None = None) -> tuple[str, str]:
        """A time's offset and category (time_zone); a date without a time has none. `context`: the first line
        of the item the text continues (a stamp, a dateline's place), read as the start of the same line."""
        if not c.data["match"].has_time:
            return UNKNOWN_ZONE
        whole_line = not context and c.start <= 1 and c.end >= len(text.rstrip(" .*")) - 1
        zone = time_zone(f"{context} {text}" if context else text, whole_line=whole_line, sent_from=self.sent_from,
                         office=self.office, incoming=self.incoming)
        self.zones_used.add(zone[1])
        return zone

    def read(self, text: str, line: int = 0, *, idno_type: str | None = None, groups: bool = False,
             names: bool = True, anchors: bool = True, references: bool = True,
             zone_context: str | None = None) -> Inline:
        """The spans of one line; `zone_context`: the first line of the item this line continues (see _zone)."""
        spans = []
        for c in self._candidates(text, idno_type=idno_type, groups=groups, names=names,
                                  anchors=anchors and bool(self.footnotes), references=references):
            spans.append(self._span(text, c, zone_context))
        return Inline(text, tuple(s for s in spans if s is not None), line)

    def _candidates(self, text: str, *, idno_type, groups, names, anchors, references=True) -> list[_Candidate]:
        found: list[_Candidate] = []
        bracketed = "[" in text  # gaps and brackets open with one
        for m in _GAP_IN_LINE.finditer(text) if bracketed else ():
            found.append(_Candidate(m.start(), m.end(), 0, "gap", {}))
        if anchors:
            for m in self._inline["footnote_anchor"].finditer(text):
                found.append(_Candidate(m.start(), m.end(), 1, "note", {}))
        for m in _BRACKETS.finditer(text) if bracketed else ():
            inner = m.group(1)
            attached = m.start() > 0 and not text[m.start() - 1].isspace()
            kind = bracket_kind(inner, attached=attached, footnote=anchors and self.footnotes.has(m.group(0)))
            if kind == "footnote":
                found.append(_Candidate(m.start(), m.end(), 1, "note", {}))
            elif kind == "reference":
                found.append(_Candidate(m.start(), m.end(), 2, "plain", {}))  # claims its span, marks nothing
            else:
                found.append(_Candidate(m.start(), m.end(), 2, kind, {"inner": inner}))
        if idno_type:
            for m in self._inline["idno"].finditer(text):
                found.append(_Candidate(m.start("v"), m.end("v"), 3, "idno", {"type": idno_type}))
        if groups:
            m = _GROUPS.match(text)
            if m:
                found.append(_Candidate(m.start("g"), m.end("g"), 3, "num", {}))
        if references:
            for ref in references_in(text):
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

    def _span(self, text: str, c: _Candidate, zone_context: str | None = None) -> Span | None:
        if c.kind == "gap":
            return Span(c.start, c.end, "gap", (("reason", "omitted"),))
        if c.kind == "note":
            taken = self.footnotes.take(text[c.start:c.end])
            if taken is None:
                return None  # more anchors than notes: the asterisk stays plain text
            n, body, line = taken
            mark = self._inline["footnote_mark"].match(body)
            inner = self._child().read(body[mark.end():] if mark else body, line)
            return Span(c.start, c.end, "note", (("n", n or "*"),), inner)
        if c.kind == "plain":
            return None
        if c.kind in ("description", "translator-note"):
            inner = self._child().read(c.data["inner"])
            note_type = "editorial" if c.kind == "description" else "translator"
            return Span(c.start + 1, c.end - 1, "editorial-note",
                        (("type", note_type), ("place", "inline"), ("resp", self.supplied_resp)), inner)
        if c.kind == "gloss":
            inner = self._child().read(c.data["inner"], names=False)
            return Span(c.start + 1, c.end - 1, "gloss", (("resp", self.supplied_resp),), inner)
        if c.kind == "supplement":
            inner_text = c.data["inner"]
            reason = "identification" if authority().lookup(inner_text, "person") else "editorial"
            inner = self._child().read(inner_text)
            # the brackets stay text: the span covers the inner text only
            return Span(c.start + 1, c.end - 1, "supplied", (("reason", reason), ("resp", self.supplied_resp)), inner)
        if c.kind == "idno":
            return Span(c.start, c.end, "idno", (("type", c.data["type"]),))
        if c.kind == "num":
            return Span(c.start, c.end, "num", (("type", "groups"),))
        if c.kind == "date":
            return Span(c.start, c.end, "date", date_attributes(c.data["match"], zone=self._zone(text, c, zone_context)))
        if c.kind == "ref":
            return self._reference(c.data["ref"])
        match = c.data["match"]
        if match.ref is None:  # a name the authority file lacks: marked, not linked (CW-NAME-CANDIDATE)
            return Span(c.start, c.end, "name", (("tag", _NAME_TAG[match.kind]),))
        return Span(c.start, c.end, "name", (("tag", _NAME_TAG[match.kind]), ("ref", match.ref)))

