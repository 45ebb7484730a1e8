#!/usr/bin/env python3
"""Validation throughput: cablegram validate vs jing, same files, same schema, same run.

    python benchmarks/bench_validate.py            # 1,000 documents, cablegram.rng (+ Schematron for ours)
    python benchmarks/bench_validate.py --n 200 --tei-all ../shared/reference/tei/tei_all.rng

Makes a synthetic corpus from the golden TEI files (ids, numbers and dates varied), installs jing
(Debian package) if it is missing, and prints documents/second for each engine. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from cablegram.validate import Validator, default_schemas  # noqa: E402


def make_corpus(n: int, out: Path) -> list[Path]:
    goldens = sorted((REPO / "tei").glob("*.xml"))
    if out.exists():
        shutil.rmtree(out)
    (out / "tei").mkdir(parents=True)
    shutil.copytree(REPO / "schemas", out / "schemas")  # so that the xml-model PIs resolve
    rng = random.Random(1953)
    paths = []
    for i in range(n):
        text = goldens[i % len(goldens)].read_text(encoding="utf-8")
        text = re.sub(r'<TEI([^>]*) xml:id="[^"]+"', rf'<TEI\1 xml:id="bench-{i:05d}"', text, count=1)
        text = text.replace("1951-07-", f"1951-0{rng.choice((1, 3, 5, 7, 8))}-").replace("1953-07-", f"1953-0{rng.choice((1, 3, 5, 7, 8))}-")  # months of 31 days: every day stays valid
        path = out / "tei" / f"bench-{i:05d}.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ensure_jing() -> str:
    jing = shutil.which("jing")
    if jing:
        return jing
    print("installing jing (Debian package) ...", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "jing"], check=True)
    return shutil.which("jing") or sys.exit("jing could not be installed")


def time_ours(paths: list[Path], schemas: list[Path] | None) -> tuple[float, float, int]:
    start = time.perf_counter()
    validator = Validator(schemas)
    compiled = time.perf_counter() - start
    errors = 0
    start = time.perf_counter()
    for p in paths:
        errors += sum(d.severity == "error" for d in validator.validate_file(p))
    return compiled, time.perf_counter() - start, errors


def time_jing(jing: str, rng: Path, paths: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([jing, str(rng), *map(str, paths)], capture_output=True, text=True)
    return time.perf_counter() - start, len([l for l in proc.stdout.splitlines() if ": error:" in l])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--tei-all", type=Path, help="also compare on the official tei_all.rng")
    args = parser.parse_args()
    paths = make_corpus(args.n, REPO / "benchmarks" / "_corpus" / "validate")
    jing = ensure_jing()
    rng, sch = (ref.path for ref in default_schemas())
    rows = []
    compiled, elapsed, errors = time_ours(paths, [rng])
    rows.append(("cablegram, RELAX NG only (lxml)", compiled, elapsed, errors))
    compiled, elapsed, errors = time_ours(paths, [rng, sch])
    rows.append(("cablegram, RELAX NG + Schematron (35 rules)", compiled, elapsed, errors))
    elapsed, errors = time_jing(jing, rng, paths)
    rows.append(("jing, RELAX NG (one JVM for all files)", None, elapsed, errors))
    if args.tei_all:
        compiled, elapsed, errors = time_ours(paths, [args.tei_all])
        rows.append(("cablegram, tei_all.rng (lxml)", compiled, elapsed, errors))
        elapsed, errors = time_jing(jing, args.tei_all, paths)
        rows.append(("jing, tei_all.rng", None, elapsed, errors))
    print(f"{args.n} documents, {sum(p.stat().st_size for p in paths) / args.n / 1024:.1f} kB each on average")
    print(f"{'engine':48} {'compile s':>10} {'validate s':>11} {'docs/s':>9} {'errors':>7}")
    for name, compiled, elapsed, errors in rows:
        c = f"{compiled:.2f}" if compiled is not None else "(incl.)"
        print(f"{name:48} {c:>10} {elapsed:11.2f} {args.n / elapsed:9.0f} {errors:7d}")
    ours = rows[0][2]
    theirs = rows[2][2]
    print(f"ratio, RELAX NG on cablegram.rng: cablegram is {theirs / ours:.1f}x jing's throughput")


if __name__ == "__main__":
    main()
