"""Split the document body into its language versions.

A body holds one or more versions: a Russian archival transcript, sometimes a second Russian (published)
version, and an English translation. Versions are told apart by script (runs of Cyrillic or Latin
text; a short stretch in the other script, such as an OCR-garbled signature, does not start a version)
and, inside one language, by repetition: a second version begins where the text starts over.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..model import Line, Record, Version
from .record import blocks_of
from .languages import detect_language, script_of
from .origin import original_language
from .rules import regex, table

_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z]")
_WORDISH = re.compile(r"[^\W\d_]{2,}")
# a word (as _WORDISH) that is not a Roman numeral ('XII', 'IV'); the lookahead refuses a word made only of
# I, V and X at its start, and so every part of it
_WORD_NOT_ROMAN = re.compile(r"(?![IVX]+(?![^\W\d_]))[^\W\d_]{2,}")

#: a run of another script shorter than this many letters is absorbed into its neighbours
MIN_RUN_LETTERS = 120
#: ... unless it holds a sentence and is at least this share of the run it would join: a one-sentence
#: original beside its one-sentence translation is a version, a garbled signature in a long text is not
MIN_SHORT_VERSION_SHARE = 0.3
_SENTENCE_END = re.compile(r"[.!?。！？]\W*$")
#: paragraphs at least this long are compared to find a second version of the same text
MIN_REPEAT_CHARS = 60
REPEAT_SIMILARITY = 0.75
#: how many header lines a second version may have before its first repeated paragraph
MAX_VERSION_HEADER_BLOCKS = 6


def _script(block: list[Line]) -> tuple[str | None, int]:
    """The block's script (cyr, lat, han, hangul) and its weight; the language is decided per run."""
    text = " ".join(l.text for l in block)
    words = " ".join(_WORD_NOT_ROMAN.findall(text))
    return script_of(words)


def _runs(blocks: list[list[Line]]) -> list[tuple[str, list[list[Line]]]]:
    runs: list[list] = []  # [lang, blocks, letters]
    pending: list[list[Line]] = []  # neutral blocks before the first run
    for block in blocks:
        lang, letters = _script(block)
        if lang is None:
            if runs:
                runs[-1][1].append(block)
            else:
                pending.append(block)
            continue
        if runs and runs[-1][0] == lang:
            runs[-1][1].append(block)
            runs[-1][2] += letters
        else:
            runs.append([lang, pending + [block], letters])
        pending = []
    if pending:
        if runs:
            runs[-1][1].extend(pending)
        else:
            runs.append([None, pending, 0])
    # Absorb short runs (a garbled signature, a Latin abbreviation) into the run before them.
    changed = True
    while changed and len(runs) > 1:
        changed = False
        for i, run in enumerate(runs):
            target = i - 1 if i > 0 else i + 1
            if run[2] < MIN_RUN_LETTERS and not _short_version(run, runs[target]):
                if target < i:
                    runs[target][1].extend(run[1])
                    runs[target][2] += run[2]
                else:
                    runs[target][1][:0] = run[1]
                    runs[target][2] += run[2]
                del runs[i]
                # merge neighbours that now share a language
                j = 0
                while j < len(runs) - 1:
                    if runs[j][0] == runs[j + 1][0]:
                        runs[j][1].extend(runs[j + 1][1])
                        runs[j][2] += runs[j + 1][2]
                        del runs[j + 1]
                    else:
                        j += 1
                changed = True
                break
    return [(r[0], r[1]) for r in runs]


def _holds_sentence(blocks: list[list[Line]], script: str | None) -> bool:
    """Some block of the run is a sentence of its own script: it ends like one and has a few words."""
    for block in blocks:
        text = " ".join(l.text for l in block).strip()
        if not _SENTENCE_END.search(text) or _script(block)[0] != script:
            continue
        if script in ("han", "hangul") and _script(block)[1] >= 3 * 6:  # six characters or more
            return True
        if len(_WORDISH.findall(text)) >= 4:
            return True
    return False


def _short_version(run: list, neighbour: list) -> bool:
    """A short run that is a version of its own: a sentence, of a size comparable to its neighbour's."""
    return run[0] is not None and run[2] >= MIN_SHORT_VERSION_SHARE * neighbour[2] and _holds_sentence(run[1], run[0])


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower().replace("ё", "е")).strip()


def _is_header_like(block: list[Line]) -> bool:
    text = " ".join(l.text for l in block)
    return len(text) <= 200 and not text.startswith("|") and "\t" not in text


def _second_version_start(blocks: list[list[Line]]) -> int | None:
    """Index of the block where the text starts over (a second version), or None."""
    texts = [_norm(" ".join(l.text for l in b)) for b in blocks]
    words = [set(t.split()) for t in texts]
    for j in range(1, len(blocks)):
        if len(texts[j]) < MIN_REPEAT_CHARS:
            continue
        for i in range(j):
            if len(texts[i]) < MIN_REPEAT_CHARS:
                continue
            # cheap word-overlap filter first; the character comparison only for real candidates
            if len(words[i] & words[j]) < 0.5 * min(len(words[i]), len(words[j])):
                continue
            # the characters in common (an exact longest common subsequence; difflib's heuristic was 10x slower)
            if fuzz.ratio(texts[i], texts[j], score_cutoff=100 * REPEAT_SIMILARITY):
                return _walk_back(blocks, i, j)
    return None


def _walk_back(blocks: list[list[Line]], first_copy: int, start: int) -> int:
    """Include the second version's own header lines (publication number, heading, date, page number)."""
    kinds = {k["name"]: k for k in table("form")["kind"]}
    gap = regex(kinds["gap"]["pattern"])
    page = regex(kinds["pb-page"]["pattern"])
    k = start
    steps = 0
    while k - 1 > first_copy and steps < MAX_VERSION_HEADER_BLOCKS:
        prev = blocks[k - 1]
        text = " ".join(l.text for l in prev)
        if gap.match(text):
            break
        if page.match(text):
            k -= 1
            break
        if not _is_header_like(prev):
            break
        k -= 1
        steps += 1
    return k


def _runs_by_heading(body: list[Line], heads: list[tuple[int, str, str]]) -> list[tuple[str, str, list[list[Line]]]]:
    """Versions cut at their headings ('English HTML'): (language, kind, blocks)."""
    out = []
    starts = {number: (lang, kind) for number, lang, kind in heads}
    current = None
    lines: list[Line] = []
    for line in body:
        if line.number in starts and not line.text:
            if current is not None:
                out.append((current[0], current[1], blocks_of(lines)))
            current, lines = starts.pop(line.number), []
            continue
        lines.append(line)
    if current is not None:
        out.append((current[0], current[1], blocks_of(lines)))
    return [r for r in out if r[2]]


def split_versions(body: list[Line], record: Record) -> tuple[list[Version], list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    blocks = blocks_of(body)
    if not blocks:
        return [], notes
    if record.version_heads:
        runs = _runs_by_heading(body, record.version_heads)
        if not runs:
            return [], notes
    else:
        runs = []
        for _, run_blocks in _runs(blocks):
            text = " ".join(l.text for b in run_blocks for l in b)
            runs.append((detect_language(text), "", run_blocks))
    langs = [lang for lang, _, _ in runs]
    text_of = " ".join(l.text for lang, _, bs in runs if lang == "en" for b in bs for l in b)
    origin = original_language(record, langs, text_of)
    if origin.code and not record.original_language_code:
        record.original_language_code = origin.code
        record.original_language_inferred = origin.inferred
        record.original_language_evidence = origin.evidence

    original = record.original_language_code
    if any(lang == "en" for lang in langs) and (origin.inferred and origin.code != "en" or (not original and origin.translation_sign)):
        said = f"original language inferred: {origin.code} ({origin.evidence})" if original else "original language unknown"
        notes.append(("CW-INFERRED-ROLE", f"English text encoded as a translation from the evidence; {said}"))
    versions: list[Version] = []
    for lang, kind, run_blocks in runs:
        if lang == "und":
            lang = original or "und"
        if original:
            role = "original" if lang == original else "translation"
        else:
            role = "translation" if (origin.translation_sign and lang == "en") else "original"
        parts = [run_blocks]
        if role == "original" and not kind:
            start = _second_version_start(run_blocks)
            if start:
                parts = [run_blocks[:start], run_blocks[start:]]
        for index, part in enumerate(parts):
            subtype = None
            if len(parts) == 2:
                subtype = "transcript" if index == 0 else "published"
            lines = [l for b in part for l in b + [Line(b[-1].number, "")]]
            versions.append(Version(role=role, lang=lang, subtype=subtype, lines=lines))
    # ids: ru-t / ru-p for two originals of one language, else the language code
    seen: dict[str, int] = {}
    for v in versions:
        base = v.lang if v.subtype is None else f"{v.lang}-{v.subtype[0]}"
        seen[base] = seen.get(base, 0) + 1
        v.xml_id = base if seen[base] == 1 else f"{base}{seen[base]}"
    if original and not any(v.role == "original" for v in versions) and not record.original_language_inferred:
        notes.append(("CW-NO-ORIGINAL", f"no text in the original language ({record.original_language or original}) found; only a translation"))
    langs = [v.lang for v in versions]
    if len(set(langs)) < len(langs) and not any(v.subtype for v in versions):
        notes.append(("CW-REPEATED-LANGUAGE", "two separate stretches of text in the same language; encoded as separate versions"))
    return versions, notes
