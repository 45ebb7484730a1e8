#!/usr/bin/env python3
"""Benchmark the whole build: per-stage milliseconds per document (median, p95), throughput with 1 and
2 jobs, and growth from N=100 to N=10,000. A benchmark script, not a test.

    python benchmarks/bench_build.py                 # N = 100, 1000, 10000; jobs 1 and 2
    python benchmarks/bench_build.py --sizes 100 1000 --jobs 2

The volume PDF is timed separately (--volume-max, default 1000 documents): a 10,000-document book is a
different product from a per-document edition and would dominate the end-to-end figure.
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_corpus import generate  # noqa: E402

from cablegram.edition import BuildOptions, build  # noqa: E402


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import os

    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def run(n: int, jobs: int, work: Path, volume: bool) -> dict:
    texts = work / f"texts-{n}"
    if not texts.exists() or len(list(texts.glob("*.txt"))) != n:
        generate(n, texts)
    out = work / f"edition-{n}-{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result = build(sorted(texts.glob("*.txt")), out, jobs=jobs, options=BuildOptions(volume=volume))
    seconds = time.perf_counter() - start
    summary = json.loads((out / "report.json").read_text())["summary"]
    return {"n": n, "jobs": jobs, "seconds": round(seconds, 2), "docs_per_s": round(n / seconds, 1),
            "failed": len(result.failed), "stages": summary["stages"], "collection_ms": summary["collection_ms"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--volume-max", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "_corpus")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    rows = []
    for n in args.sizes:
        for jobs in args.jobs:
            row = run(n, jobs, args.work, volume=n <= args.volume_max)
            rows.append(row)
            st = row["stages"]
            per_stage = ", ".join(f"{k} {v['median_ms']:.1f}/{v['p95_ms']:.1f}" for k, v in st.items())
            extra = ", ".join(f"{k} {v / 1000:.2f} s" for k, v in row["collection_ms"].items())
            print(f"N={n:>6} jobs={jobs}: {row['seconds']:8.2f} s  {row['docs_per_s']:7.1f} docs/s  failed {row['failed']}  "
                  f"[median/p95 ms: {per_stage}] [{extra}]", flush=True)
    base = {r["jobs"]: r for r in rows if r["n"] == min(args.sizes)}
    for r in rows:
        if r["n"] != min(args.sizes) and r["jobs"] in base:
            ratio = (r["seconds"] / base[r["jobs"]]["seconds"]) / (r["n"] / min(args.sizes))
            print(f"growth N={min(args.sizes)}→{r['n']} (jobs={r['jobs']}): time per document x{ratio:.2f} (1.00 = linear)")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
