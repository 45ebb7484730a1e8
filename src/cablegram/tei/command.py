"""`cablegram convert`: text exports → TEI files, with a summary table."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..ingest import InputError
from ..paths import expand
from ..xmlio import write_atomic

HELP = "convert plain-text telegram exports into TEI P5"
DESCRIPTION = """\
Convert plain-text exports (Wilson Center Digital Archive layouts) into one TEI P5 file each.
Writes OUT/<stem>.xml for every input that yields a document and prints a summary table
(file, detected layout and its score, date, title, languages, word coverage, aligned units, warnings). A file that cannot be
converted gets a one-line message naming it and the problem, and no output file; the others go on.

examples:
  cablegram convert examples/texts/*.txt -o out/tei
  cablegram convert telegram.txt -o out/tei --warnings
  SOURCE_DATE_EPOCH=1700000000 cablegram convert texts/ -o tei   # stamp a fixed build date
  cablegram convert --explain telegram.txt                     # why each line became what it is
  cablegram convert --explain telegram.txt --format json       # the same as JSON (docs/explain.md)

References to other telegrams ('your telegram of 3 July', 'Ваш № 48') are marked in every file; when
several files are converted in one run, a reference gets @target (the other file) where exactly one of
them is the telegram it designates (docs/encoding.md, "References to other telegrams").

--explain writes no TEI: for every input line it prints the kind and field the line was given and the
table entry that decided it, and every record fact with the line it came from.

exit status: 0 all converted, 1 some input failed, 2 usage problem (e.g. no input files)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="text exports (.txt) or folders of them")
    parser.add_argument("-o", "--output", default="out/tei", metavar="DIR", help="output folder (default: out/tei)")
    parser.add_argument("--warnings", action="store_true", help="list every warning under the table")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("--explain", action="store_true", help="explain each line's kind and each record fact; write no TEI")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="--explain output format (default: text)")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _layout_cell(record) -> str:
    """The detected layout and its score ('classic-page 1.00'); '?' marks a best-effort read."""
    return f"{record.layout} {record.layout_score:.2f}" + ("" if record.layout_known else " ?")


def run(args: argparse.Namespace) -> int:
    from .convert import convert

    out_dir = Path(args.output)
    console = Console(stderr=False, highlight=False, width=max(Console().width, 150))
    table = Table(title="cablegram convert", show_lines=False)
    for col in ("file", "layout", "date", "title", "languages", "coverage", "aligned", "warnings", "ms"):
        table.add_column(col, overflow="fold", justify="right" if col in ("coverage", "aligned", "warnings", "ms") else "left")
    failed = 0
    written: list[Path] = []
    all_warnings: list[tuple[str, str, str]] = []
    paths = expand(args.inputs, "*.txt")
    if not paths:
        print("cablegram convert: no input files (" + ", ".join(args.inputs) + ")", file=sys.stderr)
        return 2
    if args.explain:
        return _explain(paths, args.format)
    for path in paths:
        start = time.perf_counter()
        try:
            conversion = convert(path)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)  # one line, never wrapped
            failed += 1
            continue
        except Exception as exc:  # a converter bug must not stop the other files
            print(f"error: {path}: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
            failed += 1
            continue
        target = out_dir / f"{conversion.stem}.xml"
        write_atomic(target, conversion.xml_bytes())
        written.append(target)
        ms = (time.perf_counter() - start) * 1000
        table.add_row(
            path.name, _layout_cell(conversion.document.record), conversion.date or "—", _short(conversion.title or "—", 48), " ".join(conversion.languages),
            f"{conversion.coverage:.1%}", f"{conversion.aligned_units}/{conversion.translation_units}",
            str(len(conversion.warnings)), f"{ms:.0f}",
        )
        all_warnings += [(path.name, w.code, w.message) for w in conversion.warnings]
    linked = _link(written)
    if not args.quiet:
        console.print(table)
        if args.warnings:
            for name, code, message in all_warnings:
                print(f"{name}: warning: {message} [{code}]")
        console.print(f"{len(paths) - failed} of {len(paths)} converted into {out_dir}/", markup=False)
        if linked:
            console.print(f"{linked} of them refer to another converted telegram (ref/@target)", markup=False)
    return 1 if failed else 0


def _link(written: list[Path]) -> int:
    """The references between the files of this run: @target where exactly one file fits (chains.py)."""
    from ..chains import link_files

    if len(set(written)) < 2:
        return 0
    changed = link_files(sorted(set(written)))
    for path, data in changed.items():
        write_atomic(path, data)
    return len(changed)


def _explain(paths: list[Path], fmt: str) -> int:
    import json

    from ..analysis import analyse
    from ..analysis.explain import explain, explain_text
    from ..ingest import read_document

    failed = 0
    reports = []
    for path in paths:
        try:
            doc = read_document(path)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        report = explain(doc, analyse(doc))
        if fmt == "json":
            reports.append(report)
        else:
            sys.stdout.write(explain_text(report))
    if fmt == "json":
        sys.stdout.write(json.dumps(reports, ensure_ascii=False, indent=1) + "\n")
    return 1 if failed else 0
