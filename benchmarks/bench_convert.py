#!/usr/bin/env python3
"""Benchmark conversion alone (text export → TEI bytes), in one process: milliseconds per document.

    python benchmarks/bench_convert.py                  # 5 rounds of 100 fresh generated documents
    python benchmarks/bench_convert.py --n 200 --rounds 3
    PYTHONPATH=/other/checkout/src python benchmarks/bench_convert.py   # the same inputs, another checkout

A warm-up round (its own documents) compiles the tables; each measured round then converts documents the
process has not seen, so no cache of an earlier round helps. CPU time is the steadier figure on a shared
machine; wall time is what a user waits. Prints one JSON object. A script, not a test.
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
    parser.add_argument("--n", type=int, default=100, help="documents per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1951)
    args = parser.parse_args()

    import cablegram
    from cablegram.tei.convert import convert_text

    with tempfile.TemporaryDirectory() as tmp:
        generate(args.n * (args.rounds + 1), Path(tmp), seed=args.seed)
        inputs = [(p.name, p.read_bytes()) for p in sorted(Path(tmp).glob("*.txt"))]
    warm_up, rest = inputs[: args.n], inputs[args.n :]
    for name, data in warm_up:
        convert_text(data, name).xml_bytes()
    rounds = []
    for r in range(args.rounds):
        chunk = rest[r * args.n : (r + 1) * args.n]
        wall, cpu = [], []
        for name, data in chunk:
            t, c = time.perf_counter(), time.process_time()
            convert_text(data, name, when="2024-01-01T00:00:00+00:00").xml_bytes()
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        rounds.append({"docs": len(chunk), "cpu_ms_per_doc": round(sum(cpu) / len(cpu), 2),
                       "cpu_median_ms": round(statistics.median(cpu), 2),
                       "wall_median_ms": round(statistics.median(wall), 2)})
    best = min(rounds, key=lambda r: r["cpu_ms_per_doc"])
    print(json.dumps({"cablegram": cablegram.__file__, "best_cpu_ms_per_doc": best["cpu_ms_per_doc"],
                      "median_cpu_ms_per_doc": statistics.median(r["cpu_ms_per_doc"] for r in rounds),
                      "rounds": rounds}))


if __name__ == "__main__":
    main()
