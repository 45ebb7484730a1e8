#!/usr/bin/env python3
"""Conversion time and the authority file: how long loading the name matcher takes and what it adds per
document. A benchmark script, not a test.

    python benchmarks/bench_names.py                       # the bundled examples, 5 rounds
    python benchmarks/bench_names.py texts/ --rounds 3     # any folder of exports

The source imported is the one on PYTHONPATH (or this checkout's src/), so the same script measures two
checkouts: PYTHONPATH=../other/src python benchmarks/bench_names.py. Prints the authority size, the time to
build the matcher, the median time to convert each round of files, and the median time of the name search
alone (Authority.find over the document's text).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if not any(Path(p).resolve() == (REPO / "src").resolve() for p in sys.path if p):
    sys.path.append(str(REPO / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="text exports or folders (default: the bundled examples)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import cablegram
    from cablegram.ingest import InputError
    from cablegram.paths import expand
    from cablegram.resources import resource_dir
    from cablegram.tei import authority as authority_module

    files = expand(args.inputs or [str(resource_dir("examples"))], "*.txt")
    start = time.perf_counter()
    auth = authority_module.Authority()
    build_ms = (time.perf_counter() - start) * 1000
    authority_module.authority.cache_clear()
    authority_module.authority()  # the cached matcher the converter uses, built once per run

    texts, ok = [], []
    for path in files:
        try:
            cablegram.convert(path)  # warm-up, and which files convert
            ok.append(path)
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        except InputError:
            pass
    convert_ms, find_ms = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for path in ok:
            cablegram.convert(path)
        convert_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        for text in texts:
            auth.find(text)
        find_ms.append((time.perf_counter() - start) * 1000)
    print(f"source: {Path(cablegram.__file__).parent}")
    print(f"authority: {len(auth.entries)} entries, {len(auth._forms)} forms; matcher built in {build_ms:.0f} ms")
    print(f"{len(ok)} document(s), {args.rounds} round(s): convert median {statistics.median(convert_ms):.0f} ms "
          f"({statistics.median(convert_ms) / max(len(ok), 1):.1f} ms/doc); name search alone median "
          f"{statistics.median(find_ms):.1f} ms ({statistics.median(find_ms) / max(len(ok), 1):.2f} ms/doc)")


if __name__ == "__main__":
    main()
