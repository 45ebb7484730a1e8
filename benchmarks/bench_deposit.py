#!/usr/bin/env python3
"""Benchmark `cablegram deposit`: seconds to package an edition of N documents (TEI only, and with the site),
split into validation and the rest. A benchmark script, not a test.

    python benchmarks/bench_deposit.py                # N = 100, 1000
    python benchmarks/bench_deposit.py --sizes 100

The editions are built once (without PDFs) from the synthetic corpus into benchmarks/_out/.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import machine  # noqa: E402
from generate_corpus import generate  # noqa: E402

from cablegram.edition import BuildOptions, build  # noqa: E402
from cablegram.deposit import DepositConfig, deposit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    work = REPO / "benchmarks" / "_out" / "deposit"
    print(machine())
    print(f"{'N':>6} {'site':>5} {'validate s':>11} {'deposit s':>10} {'ms/doc':>7} {'payload files':>14}")
    for n in args.sizes:
        texts = generate(n, work / f"texts-{n}")
        edition = work / f"edition-{n}"
        if not (edition / "report.json").exists():
            build(texts, edition, jobs=os.cpu_count() or 1, options=BuildOptions(pdf=False, volume=False))
        from cablegram.validate import Validator

        start = time.perf_counter()
        validator = Validator()
        for path in sorted((edition / "tei").glob("*.xml")):
            validator.validate_file(path)
        validate_s = time.perf_counter() - start
        for site in (False, True):
            out = work / f"deposit-{n}"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            result = deposit(edition, out, config=DepositConfig(include_site=site), allow_invalid=True)
            seconds = time.perf_counter() - start
            files = sum(1 for c in result.report["contents"] if c["path"].startswith("data/"))
            print(f"{n:>6} {str(site):>5} {validate_s:>11.2f} {seconds:>10.2f} {seconds / n * 1000:>7.1f} {files:>14}")


if __name__ == "__main__":
    main()
