#!/usr/bin/env python3
"""Score name marking (issue 11) on the hand-annotated sample of the real development corpus: precision
and recall of persName / placeName / orgName per kind, and how many marked persons are linked (@ref) and
linked to the right authority entry.

    python benchmarks/score_names.py --corpus /work/realcorpus/pages
    python benchmarks/score_names.py --corpus /work/realcorpus/pages --details     # every miss and false mark
    python benchmarks/score_names.py --corpus /work/realcorpus/pages --json        # for before/after diffs
    PYTHONPATH=other/src python benchmarks/score_names.py ...                      # score another checkout

The pages are third-party text and are NOT in the repository; benchmarks/real_corpus/names.toml holds the
names a person found on each page (its header gives the guidelines). A benchmark, not a test: it measures.

Method (the same for every page):

- each page is converted with ``cablegram.convert(path)``; the text of ``text/body`` is read in document
  order (a line break, a block or a note boundary is a space), and every persName, placeName and orgName
  in it is a *mark* with its character span, kind and @ref;
- gold mentions: every form of every name of the page found in that body text -- as a whole word (for
  Latin and Cyrillic), any run of white space matching any other, Han/Hangul forms as substrings --
  longest form first, without overlaps;
- a mark is right when it overlaps a gold mention of its kind; a gold mention is found when a mark of its
  kind overlaps it (so "Comrade Mao" or "Mao" for "Mao Zedong" both count; the exact-span figure is given
  beside); precision = right marks / marks, recall = found mentions / mentions, per kind;
- linking: the share of marked persons (all persName marks) that carry @ref; of right person marks whose
  gold name has a ``ref``, the share whose @ref is that entry;
- a page that fails to convert has no body: it is listed, and its names are left out of the figures.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
try:  # PYTHONPATH chooses the checkout to score; else this one
    import cablegram  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(REPO / "src"))
import cablegram  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"
KIND_OF_TAG = {f"{T}persName": "person", f"{T}placeName": "place", f"{T}orgName": "org"}
KINDS = ("person", "place", "org")
_BREAKS = {f"{T}{n}" for n in ("lb", "p", "ab", "seg", "item", "cell", "row", "note", "head", "opener", "closer",
                                "signed", "salute", "dateline", "div", "floatingText", "fw", "stamp")}
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def body_text(tei) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    """The body's text, and its marks (start, end, kind, ref)."""
    parts: list[str] = []
    marks: list[tuple[int, int, str, str | None]] = []
    length = 0

    def add(s: str | None) -> None:
        nonlocal length
        if s:
            parts.append(s)
            length += len(s)

    def walk(el) -> None:
        if not isinstance(el.tag, str):  # comments, PIs
            add(el.tail)
            return
        if el.tag in _BREAKS:
            add(" ")
        start = length
        add(el.text)
        for child in el:
            walk(child)
        if el.tag in KIND_OF_TAG:
            marks.append((start, length, KIND_OF_TAG[el.tag], (el.get("ref") or "").removeprefix("#") or None))
        if el.tag in _BREAKS:
            add(" ")
        add(el.tail)

    body = tei.getroot().find(f"{T}text/{T}body")
    if body is not None:
        for child in body:
            walk(child)
    return "".join(parts), marks


def form_pattern(form: str) -> re.Pattern:
    pattern = r"\s+".join(re.escape(w) for w in form.split())
    if _HAN.search(form):
        return re.compile(pattern)
    return re.compile(r"(?<!\w)" + pattern + r"(?!\w)")


def gold_mentions(text: str, names: list[dict]) -> list[tuple[int, int, str, int]]:
    """Non-overlapping occurrences of the page's forms, longest first: (start, end, kind, name index)."""
    found = []
    for index, name in enumerate(names):
        for form in name["forms"]:
            for m in form_pattern(form).finditer(text):
                found.append((m.start(), m.end(), name["kind"], index))
    chosen: list[tuple[int, int, str, int]] = []
    for occ in sorted(found, key=lambda o: (-(o[1] - o[0]), o[0])):
        if not any(occ[0] < c[1] and c[0] < occ[1] for c in chosen):
            chosen.append(occ)
    return sorted(chosen)


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(corpus: Path, names_file: Path, details: bool) -> dict:
    pages = tomllib.loads(names_file.read_text(encoding="utf-8"))["page"]
    counts = {k: Counter() for k in KINDS}
    link = Counter()
    failed, missing, lines = [], [], []
    started = time.perf_counter()
    for page in pages:
        path = corpus / page["file"]
        if not path.exists():
            missing.append(page["file"])
            continue
        try:
            conv = cablegram.convert(path)
        except Exception as exc:  # a benchmark never crashes on a page
            failed.append(f"{page['file']}: {exc}")
            continue
        text, marks = body_text(conv.tei)
        gold = gold_mentions(text, page["names"])
        for kind in KINDS:
            g = [o for o in gold if o[2] == kind]
            p = [m for m in marks if m[2] == kind]
            counts[kind]["gold"] += len(g)
            counts[kind]["marks"] += len(p)
            for m in p:
                hit = [o for o in g if overlaps(m, o)]
                if hit:
                    counts[kind]["right"] += 1
                    counts[kind]["exact"] += any(o[0] == m[0] and o[1] == m[1] for o in hit)
                    if kind == "person":
                        expected = page["names"][hit[0][3]].get("ref")
                        if m[3] and expected:
                            link["checked"] += 1
                            link["correct"] += m[3] == expected
                            if m[3] != expected and details:
                                lines.append(f"{page['file']}  wrong link  {text[m[0]:m[1]]!r} -> {m[3]} (gold {expected})")
                elif details:
                    other = [o for o in gold if overlaps(m, o)]
                    why = f"gold is {other[0][2]}" if other else "not a name"
                    lines.append(f"{page['file']}  false {kind:<6} {text[m[0]:m[1]]!r} ({why})")
            for o in g:
                if any(overlaps(m, o) for m in p):
                    counts[kind]["found"] += 1
                elif details:
                    lines.append(f"{page['file']}  missed {kind:<6} {text[o[0]:o[1]]!r}")
            if kind == "person":
                link["marked"] += len(p)
                link["with_ref"] += sum(1 for m in p if m[3])
    result = {"pages": len(pages) - len(missing) - len(failed), "failed": failed, "missing": missing,
              "seconds": round(time.perf_counter() - started, 2), "kinds": {}, "linking": dict(link)}
    for kind in KINDS:
        c = counts[kind]
        result["kinds"][kind] = {**dict(c),
                                 "precision": c["right"] / c["marks"] if c["marks"] else None,
                                 "recall": c["found"] / c["gold"] if c["gold"] else None}
    result["details"] = lines
    return result


def pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("/work/realcorpus/pages"))
    parser.add_argument("--names", type=Path, default=REPO / "benchmarks" / "real_corpus" / "names.toml")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = score(args.corpus, args.names, args.details)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"cablegram {cablegram.__file__}")
    print(f"pages scored: {result['pages']}  ({result['seconds']} s)")
    for f in result["failed"]:
        print(f"  failed to convert (left out): {f}")
    for f in result["missing"]:
        print(f"  missing from --corpus: {f}")
    print("\n| kind | marks | right | gold mentions | found | precision | recall | exact spans |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, c in result["kinds"].items():
        print(f"| {kind} | {c.get('marks', 0)} | {c.get('right', 0)} | {c.get('gold', 0)} | {c.get('found', 0)} | "
              f"{pct(c['precision'])} | {pct(c['recall'])} | {c.get('exact', 0)} |")
    lk = result["linking"]
    marked, with_ref = lk.get("marked", 0), lk.get("with_ref", 0)
    print(f"\npersons linked: {with_ref}/{marked} = {pct(with_ref / marked if marked else None)} of marked persons; "
          f"right entry: {lk.get('correct', 0)}/{lk.get('checked', 0)} of those with a gold ref")
    if args.details:
        print()
        print("\n".join(result["details"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
