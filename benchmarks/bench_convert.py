#!/usr/bin/env python3
"""Benchmark conversion alone (text export → TEI bytes), in one process: milliseconds per document.

    python benchmarks/bench_convert.py                  # 200 generated documents + the 5 examples, 3 rounds
    python benchmarks/bench_convert.py --n 500 --rounds 5
    PYTHONPATH=/other/checkout/src python benchmarks/bench_convert.py   # compare two checkouts

The first round includes compiling the tables (once per run); later rounds show the steady state.
Prints a JSON line with median and p95 per document and the total for each round. A script, not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
if not any(p.endswith("/src") for p in sys.path[:3]):
    sys.path.insert(0, str(REPO / "src"))

from generate_corpus import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1951)
    args = parser.parse_args()

    import cablegram
    from cablegram.tei.convert import convert_text

    with tempfile.TemporaryDirectory() as tmp:
        generate(args.n, Path(tmp), seed=args.seed)
        inputs = [(p.name, p.read_bytes()) for p in sorted(Path(tmp).glob("*.txt"))]
    inputs += [(p.name, p.read_bytes()) for p in sorted((REPO / "examples" / "texts").glob("*.txt"))]
    rounds = []
    for r in range(args.rounds):
        per_doc = []
        start = time.perf_counter()
        for name, data in inputs:
            t = time.perf_counter()
            convert_text(data, name, when="2024-01-01T00:00:00+00:00").xml_bytes()
            per_doc.append((time.perf_counter() - t) * 1000)
        total = time.perf_counter() - start
        per_doc.sort()
        rounds.append({"round": r + 1, "docs": len(inputs), "total_s": round(total, 2),
                       "median_ms": round(statistics.median(per_doc), 2),
                       "p95_ms": round(per_doc[int(0.95 * (len(per_doc) - 1))], 2)})
    print(json.dumps({"cablegram": cablegram.__file__, "rounds": rounds}))


if __name__ == "__main__":
    main()
