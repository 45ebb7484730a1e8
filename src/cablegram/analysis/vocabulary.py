"""The telegram-form vocabulary (ingest/data/form.toml), loaded once and checked strictly.

Every line kind with its pattern, role, TEI mapping, examples and counter-examples; the kinds of
document numbers and stamps; marking and precedence categories; the patterns for words inside lines.
An unknown key anywhere is an error (a typo must not silently disable a rule).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..ingest.rules import table

ZONES = ("opener", "between", "unit", "closer", "endorsements")
_KIND_KEYS = {"name", "role", "pattern", "zone", "long", "absorbs", "ignorecase", "tei", "examples", "counter_examples"}
_BUILTIN_KEYS = {"name", "role", "tei"}
_TOP_KEYS = {"default_tei", "kind", "builtin", "milestone", "split", "idno", "idno_default", "stamp", "inline",
             "correspondents", "categories", "embedded", "trailing_signature", "attached_point", "speaker_label", "sequence"}
_EMBEDDED_KEYS = {"type", "pattern", "intro", "quote_follows", "examples", "counter_examples"}
_SPLIT_KEYS = {"pattern", "kinds", "examples"}
_TRAILING_KEYS = {"pattern", "examples", "counter_examples"}
_SPEAKER_KEYS = {"type", "pattern", "examples", "counter_examples"}
SPEAKER_LABEL_TYPES = ("dialogue", "record-header")
_TYPED_KEYS = {"type", "pattern", "ignorecase", "examples"}
_INLINE_KEYS = {"idno", "footnote_anchor", "footnote_mark", "distribution_head", "distribution_entry_number",
                "distribution_entry_split", "telegram_number", "title_number"}
_CORRESP_KEYS = {"trailing_precedence", "org_words", "sender", "sender_split", "recipient", "recipient_split",
                 "dispatch_words"}


SEQUENCE_STATES = ("front", "message", "closer", "back")
# cues the sequence decoder scores besides the kind names (analysis/sequence.py)
SEQUENCE_CUES = {"other", "prose", "lower", "short", "heading", "numbered", "signature", "milestone", "absorbed",
                 "listed", "dateline", "after-signature", "sentence", "speaker"}


class VocabularyError(ValueError):
    """form.toml is malformed: a defect of the package, found by the tests."""


@dataclass(frozen=True)
class Kind:
    name: str
    role: str
    pattern: re.Pattern[str] | None  # None for built-in kinds
    zone: str  # 'any' | 'front' | 'message' | 'back'
    long: bool
    absorbs: bool
    tei: dict[str, str]  # zone -> 'element' or 'element:type'
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Typed:
    type: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Embedded:
    type: str  # 'forwarded' | 'quoted' | 'enclosure' | 'attachment'
    pattern: re.Pattern[str]
    intro: str  # 'unit': the line is text of the outer message; 'heading': it heads the embedded one
    quote_follows: bool  # the line introduces a message only when the next block opens a quotation
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class SpeakerLabel:
    """A label of a transcript or a record of conversation: who speaks ('TODOR ZHIVKOV:'; group 'speaker')
    or a field of the record's header ('Recorder:', 'Present:'). Such a line never signs."""

    type: str  # 'dialogue' | 'record-header'
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    pattern: re.Pattern[str]
    kinds: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Sequence:
    """The whole-sequence decoder's data: start and transition scores, and each state's score per cue."""

    start: dict[str, float]
    transition: dict[str, dict[str, float]]
    inside_block: dict[str, float]
    inside_block_default: float
    scores: dict[str, dict[str, float]]

    def score(self, state: str, cue: str) -> float:
        table = self.scores[state]
        return table.get(cue, table["other"])


def _check(where: str, entry: dict, allowed: set[str]) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise VocabularyError(f"form.toml: {where} has unknown key(s) {sorted(unknown)}")


def _tei(where: str, tei: dict) -> dict[str, str]:
    _check(f"{where}.tei", tei, set(ZONES))
    return dict(tei)


class Vocabulary:
    def __init__(self, data: dict) -> None:
        _check("the table", data, _TOP_KEYS)
        self.default_tei = _tei("default_tei", data["default_tei"])
        self.kinds: list[Kind] = []
        for entry in data["kind"]:
            name = entry.get("name", "?")
            _check(f"[[kind]] {name}", entry, _KIND_KEYS)
            flags = re.IGNORECASE if entry.get("ignorecase") else 0
            zone = entry.get("zone", "any")
            if zone not in ("any", "front", "message", "back"):
                raise VocabularyError(f"form.toml: [[kind]] {name}: zone must be any, front, message or back")
            self.kinds.append(Kind(name, entry["role"], re.compile(entry["pattern"], flags), zone,
                                   bool(entry.get("long")), bool(entry.get("absorbs")),
                                   _tei(name, entry.get("tei", {})), tuple(entry.get("examples", ())),
                                   tuple(entry.get("counter_examples", ()))))
        self.builtins: list[Kind] = []
        for entry in data["builtin"]:
            _check(f"[[builtin]] {entry.get('name')}", entry, _BUILTIN_KEYS)
            self.builtins.append(Kind(entry["name"], entry["role"], None, "any", False, False,
                                      _tei(entry["name"], entry.get("tei", {})), (), ()))
        self.by_name = {k.name: k for k in self.kinds + self.builtins}
        self.pattern_names = frozenset(k.name for k in self.kinds)
        self.milestones: dict[str, dict[str, str]] = {}
        for name, m in data["milestone"].items():
            _check(f"[milestone] {name}", m, {"pb", "fw"})
            self.milestones[name] = dict(m)
        self.splits = []
        for entry in data.get("split", []):
            _check("[[split]]", entry, _SPLIT_KEYS)
            self.splits.append(Split(re.compile(entry["pattern"]), tuple(entry["kinds"]), tuple(entry.get("examples", ()))))
        self.embedded = []
        for entry in data.get("embedded", []):
            _check(f"[[embedded]] {entry.get('type')}", entry, _EMBEDDED_KEYS)
            if entry["intro"] not in ("unit", "heading"):
                raise VocabularyError("form.toml: [[embedded]] intro must be 'unit' or 'heading'")
            self.embedded.append(Embedded(entry["type"], re.compile(entry["pattern"]), entry["intro"],
                                          bool(entry.get("quote_follows")),
                                          tuple(entry.get("examples", ())), tuple(entry.get("counter_examples", ()))))
        self.trailing_signatures: list[Embedded] = []
        for entry in data.get("trailing_signature", []):
            _check("[[trailing_signature]]", entry, _TRAILING_KEYS)
            pattern = re.compile(entry["pattern"])
            if not {"text", "signature"} <= set(pattern.groupindex) <= {"text", "signature", "date"}:
                raise VocabularyError("form.toml: [[trailing_signature]] needs the groups 'text' and 'signature' (and may have 'date')")
            self.trailing_signatures.append(Embedded("signature", pattern, "unit", False, tuple(entry.get("examples", ())),
                                                     tuple(entry.get("counter_examples", ()))))
        self.attached_points: list[Embedded] = []
        for entry in data.get("attached_point", []):
            _check("[[attached_point]]", entry, _TRAILING_KEYS)
            pattern = re.compile(entry["pattern"])
            if set(pattern.groupindex) != {"text", "point", "n"}:
                raise VocabularyError("form.toml: [[attached_point]] needs the groups 'text', 'point' and 'n'")
            self.attached_points.append(Embedded("point", pattern, "unit", False, tuple(entry.get("examples", ())),
                                                 tuple(entry.get("counter_examples", ()))))
        self.speaker_labels: list[SpeakerLabel] = []
        for entry in data.get("speaker_label", []):
            _check(f"[[speaker_label]] {entry.get('type')}", entry, _SPEAKER_KEYS)
            pattern = re.compile(entry["pattern"])
            if entry["type"] not in SPEAKER_LABEL_TYPES:
                raise VocabularyError(f"form.toml: [[speaker_label]] unknown type {entry['type']!r}")
            if entry["type"] == "dialogue" and "speaker" not in pattern.groupindex:
                raise VocabularyError("form.toml: a [[speaker_label]] of type 'dialogue' needs the group 'speaker'")
            self.speaker_labels.append(SpeakerLabel(entry["type"], pattern, tuple(entry.get("examples", ())),
                                                    tuple(entry.get("counter_examples", ()))))
        self.sequence = self._sequence(data["sequence"])
        self.idno = [self._typed("idno", e) for e in data["idno"]]
        self.idno_default = {}
        for zone, defaults in data["idno_default"].items():
            if zone not in ZONES:
                raise VocabularyError(f"form.toml: [idno_default] unknown zone {zone!r}")
            self.idno_default[zone] = dict(defaults)
        self.stamps = [self._typed("stamp", e) for e in data["stamp"]]
        _check("[inline]", data["inline"], _INLINE_KEYS)
        self.inline = {k: re.compile(v) for k, v in data["inline"].items()}
        corr = data["correspondents"]
        _check("[correspondents]", corr, _CORRESP_KEYS)
        self.dispatch_words = tuple(corr["dispatch_words"])
        self.correspondents = {k: re.compile(v) for k, v in corr.items() if k != "dispatch_words"}
        _check("[categories]", data["categories"], {"marking", "precedence"})
        self.categories = {kind: {text: tuple(v) for text, v in cats.items()} for kind, cats in data["categories"].items()}

    def _sequence(self, data: dict) -> Sequence:
        _check("[sequence]", data, {"start", "transition", "inside_block", "inside_block_default", "score"})
        states = set(SEQUENCE_STATES)
        known = SEQUENCE_CUES | set(self.by_name)
        for where, table in (("start", data["start"]), ("transition", data["transition"]), ("score", data["score"])):
            _check(f"[sequence] {where}", table, states)
        for source, targets in data["transition"].items():
            _check(f"[sequence.transition] {source}", targets, states)
        for pair in data["inside_block"]:
            source, _, target = pair.partition("-")
            if source not in states or target not in states:
                raise VocabularyError(f"form.toml: [sequence] inside_block: {pair!r} is no 'state-state' pair")
        scores = {}
        for state in SEQUENCE_STATES:
            table = data["score"].get(state, {})
            unknown = set(table) - known
            if unknown or "other" not in table:
                raise VocabularyError(f"form.toml: [sequence.score.{state}] needs 'other'; unknown cue(s) {sorted(unknown)}")
            scores[state] = {k: float(v) for k, v in table.items()}
        return Sequence({k: float(v) for k, v in data["start"].items()},
                        {k: {t: float(c) for t, c in v.items()} for k, v in data["transition"].items()},
                        {k: float(v) for k, v in data["inside_block"].items()}, float(data["inside_block_default"]), scores)

    @staticmethod
    def _typed(where: str, entry: dict) -> Typed:
        _check(f"[[{where}]] {entry.get('type')}", entry, _TYPED_KEYS)
        flags = re.IGNORECASE if entry.get("ignorecase") else 0
        return Typed(entry["type"], re.compile(entry["pattern"], flags), tuple(entry.get("examples", ())))

    # ------------------------------------------------------------------ questions the analysis asks
    def tei_target(self, kind: str, zone: str) -> tuple[str, str | None]:
        """(element, @type) encoding a block of `kind` in `zone`; 'milestone', 'gap', 'distribution' are shapes."""
        entry = self.by_name.get(kind)
        target = (entry.tei.get(zone) if entry else None) or self.default_tei[zone]
        if zone in ("between", "unit") and kind in self.milestones:
            target = "milestone"
        element, _, type_ = target.partition(":")
        return element, type_ or None

    def idno_type(self, text, kind: str, zone: str) -> str | None:
        """The type of a document number; `text` may be a callable giving it (read only when needed)."""
        default = self.idno_default.get(zone, {}).get(kind)
        if default is None:
            return None
        text = text() if callable(text) else text
        return next((t.type for t in self.idno if t.pattern.search(text)), default)

    def stamp_type(self, text: str) -> str:
        return next((t.type for t in self.stamps if t.pattern.search(text)), "office")

    def category(self, kind: str, text: str) -> tuple[str, str] | None:
        """(category id, description) of a marking or precedence line, e.g. ('mk-top-secret', 'top secret')."""
        if kind not in self.categories:
            return None
        key = re.sub(r"\s*\[[^\]]*\]|[.!]$", "", text).strip().lower()
        return self.categories[kind].get(key)


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(table("form"))
