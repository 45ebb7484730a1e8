"""Score the aligner against hand-checked links on real bilingual documents (issue 10, "Must show" 3).

Two kinds of gold documents, both read by a person who wrote down the links:

- **pages**: a real page holding both versions (``align`` facts of ``real_corpus/facts.toml``);
- **composed**: a real original from one stored page and its real translation from another stored page
  (``real_corpus/alignment.toml``). The scorer composes them at run time into the classic page layout
  that real bilingual pages have (record date and title, the original's text, the translation's text,
  summary, Document Information): the original's lines (between two line keys) are inserted after the
  translation page's title line (and, where the translation page goes on with other text, its lines
  after the key ``translation_to`` are left out). Nothing is rewritten, both texts stay as the pages give them; only
  when the original's page puts one paragraph on a line with no blank lines between (the mirror's flat
  page text) are its lines separated by blank lines, as paragraphs are in the classic layout (and so are the
  translation's when its page is flat).

Each document is converted with the public API ``cablegram.convert``; the predicted links are read from
the TEI exactly as ``score_real.py`` reads them (``linkGrp`` links and ``@corresp`` of translation units).
A gold link is ``[key in original, key in translation]``: the original unit holding the first key and
the translation unit holding the second. A predicted link is *correct* when some gold link matches it;
a gold link is *found* when some predicted link matches it. Precision = correct / predicted, recall =
found / gold. Links to units whose counterpart the page does not hold (the excerpt ends) are not gold,
and a predicted link touching such a unit counts as a wrong link (nothing forced is right).

    python benchmarks/score_alignment.py --corpus /work/realcorpus/pages            # tables
    python benchmarks/score_alignment.py --corpus /work/realcorpus/pages --details  # every wrong/missed link
    python benchmarks/score_alignment.py --corpus /work/realcorpus/pages --json
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score_real  # noqa: E402
from score_real import Extracted, contains, predicted_links  # noqa: E402

import cablegram  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FACTS = REPO / "benchmarks" / "real_corpus" / "facts.toml"
DEFAULT_ALIGNMENT = REPO / "benchmarks" / "real_corpus" / "alignment.toml"


def _line_index(lines: list[str], key: str, start: int = 0) -> int:
    """First line at or after `start` that is `key` or begins with it (after stripping)."""
    for k in range(start, len(lines)):
        if lines[k].strip() == key or lines[k].strip().startswith(key):
            return k
    raise ValueError(f"line key not found: {key!r}")


def compose(corpus: Path, doc: dict) -> str:
    """The classic bilingual page layout from a translation page and the original's lines of another page."""
    trans = (corpus / doc["translation_page"]).read_text(encoding="utf-8").splitlines()
    orig = (corpus / doc["original_page"]).read_text(encoding="utf-8").splitlines()
    first = _line_index(orig, doc["original_from"])
    last = _line_index(orig, doc["original_to"], first)
    at = _line_index(trans, doc["insert_after"]) + 1
    if "translation_to" in doc:
        # the translation's page goes on with other text (e.g. the original itself, which the
        # composition puts first, as the classic layout does): the translation ends at this line key
        trans = trans[: _line_index(trans, doc["translation_to"], at) + 1]
    lines, rest = orig[first : last + 1], trans[at:]
    # a page that puts one paragraph on a line (no blank lines): the classic layout separates paragraphs
    # by blank lines, so each of its lines becomes a block of its own (the original's lines, and the
    # translation's when its page is flat too)
    if _flat(lines):
        lines = _blocks(lines)
    if _flat(rest):
        rest = _blocks(rest)
    return "\n".join(trans[:at] + [""] + lines + [""] + rest) + "\n"


def _flat(lines: list[str]) -> bool:
    return len(lines) > 1 and all(line.strip() for line in lines)


def _blocks(lines: list[str]) -> list[str]:
    return [part for line in lines for part in (line, "")][:-1]


def score_doc(x: Extracted | None, fact: dict) -> dict:
    gold = [tuple(pair) for pair in fact.get("align", [])]
    links = predicted_links(x, fact) if x is not None else set()
    wrong = sorted((o, t) for o, t in links if not any(contains(ko, o) and contains(kt, t) for ko, kt in gold))
    missed = [(ko, kt) for ko, kt in gold if not any(contains(ko, o) and contains(kt, t) for o, t in links)]
    return {"gold": len(gold), "predicted": len(links), "correct": len(links) - len(wrong),
            "found": len(gold) - len(missed), "wrong": wrong, "missed": missed}


def run(corpus: Path, facts_path: Path, alignment_path: Path) -> list[dict]:
    rows = []
    for fact in tomllib.loads(facts_path.read_text(encoding="utf-8"))["doc"]:
        if "align" not in fact or not (corpus / fact["file"]).exists():
            continue
        rows.append(_convert_and_score(fact["file"], "page", corpus / fact["file"], fact))
    if alignment_path.exists():
        with tempfile.TemporaryDirectory() as tmp:
            for doc in tomllib.loads(alignment_path.read_text(encoding="utf-8")).get("composed", []):
                pages = (doc["translation_page"], doc["original_page"])
                if not all((corpus / p).exists() for p in pages):
                    continue
                path = Path(tmp) / f"{doc['id']}.txt"
                path.write_text(compose(corpus, doc), encoding="utf-8")
                rows.append(_convert_and_score(doc["id"], "composed " + "+".join(pages), path, doc))
    return rows


def _convert_and_score(name: str, kind: str, path: Path, fact: dict) -> dict:
    try:
        x = Extracted(cablegram.convert(path).tei)
        error = None
    except Exception as exc:  # a failed conversion finds nothing; the run goes on
        x, error = None, f"{type(exc).__name__}: {exc}"
    return {"doc": name, "kind": kind, "error": error, **score_doc(x, fact)}


def totals(rows: list[dict]) -> dict:
    t = {k: sum(r[k] for r in rows) for k in ("gold", "predicted", "correct", "found")}
    t["precision"] = round(t["correct"] / t["predicted"], 4) if t["predicted"] else 0.0
    t["recall"] = round(t["found"] / t["gold"], 4) if t["gold"] else 0.0
    t["documents"] = len(rows)
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder holding the page texts (NNN.txt)")
    ap.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    ap.add_argument("--alignment", type=Path, default=DEFAULT_ALIGNMENT)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="list every wrong and every missed link")
    args = ap.parse_args(argv)
    rows = run(args.corpus, args.facts, args.alignment)
    t = totals(rows)
    if args.json:
        print(json.dumps({"totals": t, "documents": [{k: v for k, v in r.items() if k not in ("wrong", "missed")}
                                                      for r in rows]}, ensure_ascii=False, indent=1))
        return 0
    print(f"{'document':<28} {'kind':<22} {'gold':>4} {'pred':>4} {'ok':>4} {'found':>5}")
    for r in rows:
        print(f"{r['doc']:<28} {r['kind'][:22]:<22} {r['gold']:>4} {r['predicted']:>4} {r['correct']:>4} {r['found']:>5}"
              + (f"  ERROR {r['error']}" if r["error"] else ""))
        if args.details:
            for o, tr in r["wrong"]:
                print(f"    wrong:  {o[:50]!r} <-> {tr[:50]!r}")
            for ko, kt in r["missed"]:
                print(f"    missed: {ko!r} <-> {kt!r}")
    print(f"{t['documents']} documents, {t['gold']} gold links: precision {t['correct']}/{t['predicted']} = "
          f"{100 * t['precision']:.1f} %, recall {t['found']}/{t['gold']} = {100 * t['recall']:.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
