#!/usr/bin/env python3
"""Benchmark the editions alone: milliseconds per document for HTML and PDF on the golden TEI files (and any
further TEI files or folders given), median of several rounds, stylesheets compiled once beforehand.
A benchmark script, not a test.

    python benchmarks/bench_render.py                    # the five goldens, 5 rounds
    python benchmarks/bench_render.py tests/test_render_any --rounds 3
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from cablegram.render.html import HtmlRenderer  # noqa: E402
from cablegram.render.pdf import PdfRenderer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="TEI files or folders (default: tei/*.xml)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths: list[Path] = []
    for name in args.inputs or [str(REPO / "tei")]:
        p = Path(name)
        paths.extend(sorted(p.glob("*.xml")) if p.is_dir() else [p])
    html, pdf = HtmlRenderer(), PdfRenderer()
    timings: dict[str, list[float]] = {"html": [], "pdf": []}
    first: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # first pass: each document's first render (Typst lays it out; later rounds reuse Typst's memoised
        # layout of an identical source, so they measure everything but the layout)
        for kind, render in (("html", lambda p: html.render_document(p, out / "site")),
                             ("pdf", lambda p: pdf.render_document(p, out / f"{p.stem}.pdf"))):
            start = time.perf_counter()
            for path in paths:
                render(path)
            first[kind] = (time.perf_counter() - start) * 1000 / len(paths)
        for _ in range(args.rounds):
            for kind, render in (("html", lambda p: html.render_document(p, out / "site")),
                                 ("pdf", lambda p: pdf.render_document(p, out / f"{p.stem}.pdf"))):
                start = time.perf_counter()
                for path in paths:
                    render(path)
                timings[kind].append((time.perf_counter() - start) * 1000 / len(paths))
    print(f"{len(paths)} documents, {args.rounds} rounds: ms per document: first pass; then median (min) of the rounds")
    for kind, values in timings.items():
        print(f"  {kind:4}  {first[kind]:8.1f}   {statistics.median(values):8.1f}  ({min(values):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
