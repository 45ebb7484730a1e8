"""Line roles chosen for the whole sequence (issue 10).

Every line of a version gets a scored candidate in each state of the telegram form -- front (before the
message), message (its text, and what stands between its units: page breaks, stamps, tables, a repeated
salute), closer, back (endorsements) -- from the kind the vocabulary gives it in that state's zone and
from a few cues of its neighbourhood (a line a stamp absorbs, an item of a distribution list). The
transition costs between states are data too (form.toml [sequence]). The best sequence of states is
chosen by dynamic programming (Viterbi), so the form can return to the message after what looked like
its end: one unknown line costs one line, never the rest of the document.

`analysis.form` builds the Form from the chosen states; `--explain` shows each line's choice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..ingest.record import blocks_of
from ..model import Line
from .vocabulary import vocabulary

STATES = ("front", "message", "closer", "back")
ZONE_OF_STATE = {"front": "front", "message": "message", "closer": "back", "back": "back"}
_ZONES_OF_STATES = tuple(dict.fromkeys(ZONE_OF_STATE.values()))
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[-.–)]?\s*\S")
_NEG = float("-inf")
# a short line that is a whole sentence: two words (or three Han characters) before a full stop, footnote marks
# aside; an address ends with a colon, a stamp or heading seldom with a full stop after a lower-case word
_SENTENCE = re.compile(r"(?:[a-zа-яё]\w*[,;]?\s+\S*[a-zа-яё]\w*|(?:[\u4e00-\u9fff](?:\[\d+\])?){3,})"
                       r"(?:\[\d+\])?[.。!！?？]$")


@dataclass(frozen=True)
class Choice:
    """The decoder's decision for one line: its state, the cue it was scored as and that score, and the
    best other state for the line with its cue and what the whole sequence would lose with it (--explain)."""

    state: str
    cue: str
    score: float
    runner_up: tuple[str, str, float] | None

    def describe(self) -> str:
        text = f"{self.state} as {self.cue} {self.score:+.1f}"
        if self.runner_up is not None:
            state, cue, loss = self.runner_up
            text += f" (next best: {state} as {cue}, sequence {loss:+.1f})"
        return text


def is_numbered(kind: str) -> bool:
    """A numbered point, in any of the forms form.toml lists ('numbered', 'numbered-roman', …)."""
    return kind == "numbered" or kind.startswith("numbered-")


def is_signature(kind: str) -> bool:
    """A signature: the built-in test or any 'signature-…' entry of form.toml."""
    return kind == "signature" or kind.startswith("signature-")


_BRACKETED = re.compile(r"\[[^\]]*\]")


@lru_cache(maxsize=16384)
def is_uppercase_line(text: str) -> bool:
    """A line in capitals (a heading, a stamp, a surname), brackets aside."""
    letters, upper = _letters_and_capitals(_BRACKETED.sub("", text))
    return letters >= 3 and upper / letters >= 0.8


@lru_cache(maxsize=4)
def _letter_bytes(codec: str) -> tuple[bytes, bytes]:
    """The bytes of a one-byte encoding that stand for a capital letter, and for another letter."""
    capitals, others = bytearray(), bytearray()
    for byte in range(256):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
        if char.isalpha():
            (capitals if char.isupper() else others).append(byte)
    return bytes(capitals), bytes(others)


def _letters_and_capitals(text: str) -> tuple[int, int]:
    """How many letters a text has, and how many of them are capitals (str.isalpha, str.isupper): counted on
    its bytes in a one-byte encoding where it has one (deleting bytes runs in C; a paragraph is long)."""
    codec = "ascii" if text.isascii() else "cp1251"  # English; Russian
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:  # Chinese, Korean, …: letter by letter
        letters = "".join(filter(str.isalpha, text))
        return len(letters), sum(map(str.isupper, letters))
    capitals, others = _letter_bytes(codec)
    upper = len(data) - len(data.translate(None, capitals))
    return upper + len(data) - len(data.translate(None, others)), upper


def _cue(kind: str, text: str, state: str, features: set[str], signature_test) -> str:
    """The name a line is scored under in a state: its kind, or a cue that refines it."""
    cue = _base_cue(kind, text, state, features, signature_test)
    if "speaker" in features and state != "front" and cue in ("short", "signature"):
        return "speaker"  # a transcript's speaker or a record header's label after the text began: it never signs
    return cue


def _base_cue(kind: str, text: str, state: str, features: set[str], signature_test) -> str:
    if "bracketed" in features:
        return "editorial"  # a line of an editor's description spanning lines
    if "speaker" in features and (kind == "short" or is_signature(kind)):
        return "speaker"  # a transcript's speaker or a record's header label: it never signs
    if "lone-title" in features:
        kind = "short"  # an office title with no name beside it signs nothing
    if "anchored" in features:
        return "footnote"  # a footnote whose mark stands in the text above: a note below the text in any state
    if "listed" in features and state in ("back", "message", "closer"):
        return "listed"
    if "imprint" in features and state == "message":
        return "milestone"  # the printer's line at the foot of a form sheet, after its catchword
    if "absorbed" in features and kind in ("short", "prose") and state in ("front", "back"):
        return "absorbed"
    if "signed" in features and state == "back" and (kind == "prose" or (kind == "short" and text[:1].islower())):
        return "after-signature"  # a note after the signed message (an editor's or a reader's)
    if is_numbered(kind):
        return "numbered"
    if is_signature(kind):
        return "signature"
    if kind in vocabulary().milestones or kind == "gap":
        return "milestone"
    if kind == "prose":
        if state == "front" and is_uppercase_line(text):
            return "heading"
        if state == "front" and "after-number" in features:
            return "heading"
        return "prose"
    if kind == "short":
        if state == "closer" and signature_test(text):
            return "signature"
        if text[:1].islower() and "text-before" in features:
            return "lower"
        if state == "front" and is_uppercase_line(text):
            return "heading"
        if is_sentence(text):
            return "sentence"  # 'Your telegram of the 11th received.', '十月三日电悉。': the text has begun
        return "short"
    return kind


def is_sentence(text: str) -> bool:
    """A short line that is a whole sentence, not a heading in capitals."""
    return bool(_SENTENCE.search(text)) and not is_uppercase_line(text)


def _signs(kind: str, text: str, after_text: bool, lone_title: bool) -> bool:
    """A line that signs what stands above it: a signature kind (an office title only beside a name), or a
    surname alone in capitals right after running text (a word in capitals after a heading is another heading)."""
    if is_signature(kind):
        return not lone_title
    return after_text and bool(_SURNAME.fullmatch(_NOT_SIGNED.sub("", text).strip().rstrip(".")))


_NOT_SIGNED = re.compile(r"\s*\[[^\]]*\]|[\"'“”«»]")  # an editor's brackets and quotation marks around a name
_SURNAME = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ\-]{2,}(\s+[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+){0,2}")


_BRACKET_SPAN = 8  # an editor's bracket left open longer than this many lines is a typing slip, not a span


def _bracketed(lines: list[Line]) -> set[Line]:
    """Lines inside an editor's description that spans lines: '[faded stamp:' … '12 June 1958]',
    '[handwriting: "To Cde. …' … 'N. Torbenkov]'."""
    out: set[Line] = set()
    seq = [line for line in lines if line.text]
    i = 0
    while i < len(seq):
        text = seq[i].text
        if text.startswith("[") and text.count("[") > text.count("]"):
            depth = text.count("[") - text.count("]")
            for j in range(i + 1, min(i + 1 + _BRACKET_SPAN, len(seq))):
                depth += seq[j].text.count("[") - seq[j].text.count("]")
                if depth <= 0:
                    out.update(seq[i : j + 1])
                    i = j
                    break
        i += 1
    return out


def _lone_titles(seq: list[Line], classify, record_date, signature_test) -> set[Line]:
    """Office titles ('Minister of Light Industry') with no name on the line before or after them: a title
    signs only with the signer's name under or over it; alone it is a heading's wrapped line or an address."""
    out = set()
    kinds = [classify(line.text, "back", record_date)[0] for line in seq]
    for i, kind in enumerate(kinds):
        if kind != "signature-title":
            continue
        beside = [j for j in (i - 1, i + 1) if 0 <= j < len(seq)]
        if not any(kinds[j] != "signature-title" and (is_signature(kinds[j]) or signature_test(seq[j].text))
                   for j in beside):
            out.add(seq[i])
    return out


def _person(text: str) -> str:
    """A speaker's name as compared across labels: 'B. Dashdorj:' and 'B. DASHDORJ' are one person."""
    return " ".join(_NOT_A_NAME_CHAR.sub(" ", text).split()).casefold()


_NOT_A_NAME_CHAR = re.compile(r"\[[^\]]*\]|[^\w\s]")


def _speakers(seq: list[Line], classify, record_date, signature_test) -> set[Line]:
    """Lines that label a transcript's speech or a record's header ([[speaker_label]]), and a name alone on a
    line before speech when the same person speaks under a label elsewhere or stands alone before speech twice,
    or when another speaker's turn follows it."""
    labels = vocabulary().speaker_labels
    out: set[Line] = set()
    labelled: set[str] = set()
    alone: dict[str, list[tuple[int, Line]]] = {}
    for i, line in enumerate(seq):
        match = next(((entry, m) for entry in labels if (m := entry.pattern.match(line.text))), None)
        if match is not None:
            out.add(line)
            entry, m = match
            if entry.type == "dialogue":
                labelled.add(_person(m["speaker"]))
            continue
        kind = classify(line.text, "back", record_date)[0]
        if i + 1 < len(seq) and kind in _NAME_KINDS and (kind != "short" or signature_test(line.text)):
            following = seq[i + 1].text
            if classify(following, "message", record_date)[0] == "prose" or is_sentence(following):
                alone.setdefault(_person(line.text), []).append((i, line))
    for person, found in alone.items():
        if person and (person in labelled or (len(found) >= 2 and len(alone) >= 2)):  # a dialogue has two speakers
            out.update(line for _, line in found)
    # in a dialogue, another name alone before speech speaks too -- unless no speaker follows it (a signature
    # under the record, perhaps with a note after it)
    last_turn = max((i for i, line in enumerate(seq) if line in out and _is_turn(line, labels)), default=-1)
    for found in alone.values():
        out.update(line for i, line in found if i < last_turn)
    return out


_NAME_KINDS = {"short", "signature-name", "signature-spaced", "signature-han"}  # a bare name: no signature mark


def _is_turn(line: Line, labels) -> bool:
    """A speaker's turn: a dialogue label, or a name alone before speech (not a record header's label)."""
    return not any(entry.type == "record-header" and entry.pattern.match(line.text) for entry in labels)


def _features(lines: list[Line], blocks: list[list[Line]], classify, record_date, signature_test) -> dict[Line, set[str]]:
    """Cues that depend on a line's neighbours: 'absorbed' (a short line continuing the multi-line stamp or
    heading before it in the block), 'listed' (an entry of the distribution list above it), 'signed' (after a signature that
    follows text), 'imprint' (the line after a catchword),
    'after-number' (a published document's heading right after its number), 'lone-title' (an office title
    with no name beside it: no signature), 'speaker' (a speaker's or a record header's label: no signature), 'anchored' (a footnote '[n] …' whose mark stands in the text above)."""
    out: dict[Line, set[str]] = {}  # by line, not line number: the pieces of a cut PDF line share one number
    lone = _lone_titles([line for line in lines if line.text], classify, record_date, signature_test)
    speakers = _speakers([line for line in lines if line.text], classify, record_date, signature_test)
    previous_kind = previous = None
    text_seen = signed = False
    above = ""  # the text read so far (where a footnote's mark is looked for)
    for block in blocks:
        absorbing = False
        listing = False
        for line in block:
            kind, match, absorbs = classify(line.text, "back", record_date)
            features = out.setdefault(line, set())
            if kind == "footnote" and match is not None and match.group("n").startswith("[") and match.group("n") in above:
                features.add("anchored")  # '[1] The editors added …' after '… Chairman:[1] The grain …'
            above += line.text + "\n"
            if line in lone:
                features.add("lone-title")
            if line in speakers:
                features.add("speaker")
            if signed:
                features.add("signed")
            if text_seen:
                features.add("text-before")
            if (not text_seen and kind == "prose" and line.text[:1].islower() and previous is not None
                    and is_uppercase_line(previous)):
                features.add("absorbed")  # 'JOURNAL' / 'of the ambassador …': a heading goes on, no text begins
            elif kind == "prose" and not line.text.startswith("["):
                text_seen = True
            elif text_seen and line not in speakers and _signs(kind, line.text, previous_kind == "prose", line in lone):
                signed = True
            previous = line.text
            if absorbing and kind in ("short", "prose"):
                features.add("absorbed")
            else:
                # a line in capitals heads what follows it in the block ('JOURNAL' / 'of the ambassador …')
                absorbs = absorbs or (kind in ("short", "prose") and is_uppercase_line(line.text))
                absorbing = absorbs
            if kind in ("distribution", "dispatch"):
                listing = True
            elif listing and _LIST_ITEM.match(line.text):
                features.add("listed")
            else:
                listing = False
            if previous_kind == "number" and kind == "prose":
                features.add("after-number")
            if previous_kind == "fw-catch" and kind in ("short", "prose"):
                features.add("imprint")
            previous_kind = kind
    for line in _bracketed(lines):
        out.setdefault(line, set()).add("bracketed")
    # a distribution list's entries may stand in blocks of their own after its head
    listing = False
    for block in blocks:
        if listing and all(_LIST_ITEM.match(l.text) for l in block):
            for line in block:
                out[line].add("listed")
            continue
        listing = any(classify(l.text, "back", record_date)[0] in ("distribution", "dispatch") for l in block[-1:])
    return out


@lru_cache(maxsize=16384)
def _emissions(text: str, kinds: tuple[str, ...], features: frozenset, signature_test) -> tuple[tuple[float, str], ...]:
    """(score, cue) of a line in each state, in the order of STATES; `kinds`: its kind in each of the
    states' zones (_ZONES_OF_STATES)."""
    table = vocabulary().sequence
    kind_in = dict(zip(_ZONES_OF_STATES, kinds))
    out = []
    for state in STATES:
        cue = _cue(kind_in[ZONE_OF_STATE[state]], text, state, features, signature_test)
        out.append((table.score(state, cue), cue))
    return tuple(out)


@lru_cache(maxsize=4)
def _transitions(inside: bool) -> tuple[tuple[tuple[int, float], ...], ...]:
    """For each target state (index), the (source index, cost) pairs that may lead to it."""
    table = vocabulary().sequence
    out = []
    for s in STATES:
        pairs = []
        for j, p in enumerate(STATES):
            cost = table.transition.get(p, {}).get(s)
            if cost is None:
                continue
            if inside and p != s:
                cost += table.inside_block.get(f"{p}-{s}", table.inside_block_default)
            pairs.append((j, cost))
        out.append(tuple(pairs))
    return tuple(out)


def decode(lines: list[Line], classify, record_date, signature_test) -> dict[Line, Choice]:
    """The best state for every non-empty line (line -> Choice, in the order of the lines; by line, not number:
    the pieces of a cut PDF line share one number), chosen over the whole sequence.
    `classify` and `signature_test` are the form's line tests (analysis.form)."""
    table = vocabulary().sequence
    seq = [line for line in lines if line.text]
    if not seq:
        return {}
    blocks = blocks_of(lines)
    features = _features(lines, blocks, classify, record_date, signature_test)
    block_start = {block[0].number for block in blocks}
    emissions = [_emissions(line.text, tuple(classify(line.text, zone, record_date)[0] for zone in _ZONES_OF_STATES),
                            frozenset(features.get(line, ())), signature_test) for line in seq]
    transitions = [_transitions(seq[i].number not in block_start) for i in range(len(seq))]  # inside a block or not
    scores = [[score for score, _ in line_emissions] for line_emissions in emissions]
    n = len(STATES)
    best = [[table.start.get(s, _NEG) + scores[0][k] for k, s in enumerate(STATES)]]
    back: list[list[int]] = [[0] * n]
    for i in range(1, len(seq)):
        previous = best[-1]
        row, pointers = [], []
        for pairs, score in zip(transitions[i], scores[i]):
            top, arg = _NEG, -1
            for j, cost in pairs:
                value = previous[j] + cost
                if value > top:
                    top, arg = value, j
            row.append(top + score if arg >= 0 else _NEG)
            pointers.append(arg)
        best.append(row)
        back.append(pointers)
    k = max(range(n), key=lambda k: (best[-1][k], -k))
    path = [k]
    for i in range(len(seq) - 1, 0, -1):
        k = back[i][k]
        path.append(k)
    path.reverse()
    # the best score of the rest of the sequence from each state (for --explain: what another state would cost)
    after = [[_NEG] * n for _ in seq]
    after[-1] = [0.0] * n
    for i in range(len(seq) - 1, 0, -1):
        row = after[i - 1]
        for pairs, score, rest in zip(transitions[i], scores[i], after[i]):
            value = score + rest
            for j, cost in pairs:
                if cost + value > row[j]:
                    row[j] = cost + value
    out = {}
    for i, (line, k) in enumerate(zip(seq, path)):
        total = [best[i][m] + after[i][m] for m in range(n)]
        others = [(total[m] - total[k], m) for m in range(n) if m != k and total[m] > _NEG]
        runner = None
        if others:
            delta, m = max(others)
            runner = (STATES[m], emissions[i][m][1], delta)
        out[line] = Choice(STATES[k], emissions[i][k][1], emissions[i][k][0], runner)
    return out
