"""`cablegram build`: the bundled examples (or a folder of exports) → an edition folder."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..resources import resource_dir

HELP = "build the edition from a folder of text exports (default: the bundled examples)"
DESCRIPTION = """\
Build the edition: every .txt export in INPUT_DIR is converted to TEI (edition/tei/), and a report
of warnings, word coverage, alignment and timings is written (edition/report.json).

examples:
  cablegram build                       # the bundled examples -> ./edition
  cablegram build texts/ -o edition/    # any folder of .txt exports

exit status: 0 all documents built, 1 some document failed, 2 usage problem
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input_dir", nargs="?", metavar="INPUT_DIR", help="folder of .txt exports (default: the bundled examples)")
    parser.add_argument("-o", "--output", default="edition", metavar="DIR", help="edition folder (default: ./edition)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    from . import build

    source = Path(args.input_dir) if args.input_dir else resource_dir("examples")
    if not source.is_dir():
        print(f"cablegram build: {source}: not a folder", file=sys.stderr)
        return 2
    inputs = sorted(source.glob("*.txt"))
    if not inputs:
        print(f"cablegram build: {source}: no .txt exports", file=sys.stderr)
        return 2
    out = Path(args.output)
    reports = build(inputs, out)
    failed = [r for r in reports if r.error]
    for r in failed:
        print(f"error: {r.error}", file=sys.stderr)
    if not args.quiet:
        console = Console(highlight=False, width=max(Console().width, 120))
        table = Table(title=f"cablegram build → {out}/")
        for col in ("document", "date", "coverage", "aligned", "warnings", "convert ms"):
            table.add_column(col, justify="left" if col in ("document", "date") else "right")
        for r in reports:
            if not r.error:
                table.add_row(Path(r.source).name, r.date or "—", f"{r.coverage:.1%}", f"{r.aligned_units}/{r.translation_units}",
                              str(len(r.warnings)), f"{r.milliseconds['convert']:.0f}")
        console.print(table)
        console.print(f"{len(reports) - len(failed)} of {len(reports)} documents built; report: {out / 'report.json'}", markup=False)
    return 1 if failed else 0
