"""`cablegram build`: a folder of text exports (default: the bundled examples) → a complete edition."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..resources import resource_dir

HELP = "build the whole edition: TEI, validation, HTML site, PDFs and reports"
DESCRIPTION = """\
Build the edition from a folder of .txt exports: convert → validate → HTML → PDF for every document, in
parallel, then the site index and the volume. Writes:
  edition/tei/        TEI files (edit them by hand: your edits are kept, see below)
  edition/site/       the reading edition (open site/index.html)
  edition/pdf/        one PDF per document, and volume.pdf
  edition/schemas/    the schemas the TEI files point to
  edition/report.json, edition/report.html   warnings, coverage, alignment, validation, timings

Incremental: a document whose source text, tool version and options are unchanged is not rebuilt
(--force rebuilds all). A TEI file you edited by hand is never overwritten by reconversion: it is
re-validated and re-rendered; if its source text changed as well, a warning says so (delete the TEI file
to reconvert it). Outputs are written atomically, so an interrupted build leaves no half-written file.

Executors: --executor serial (one process), process (a pool of --jobs local processes; the default
for more than one job) or dask (dask.distributed: the scheduler at --scheduler tcp://HOST:PORT, else a
local cluster of --jobs single-threaded workers). Dask workers need cablegram installed but no access to
the edition folder: sources go to them and outputs come back to this process, which writes them.

examples:
  cablegram build                       # the bundled examples -> ./edition
  cablegram build texts/ -o edition/    # any folder of .txt exports
  cablegram build texts/ --jobs 2 --force --quiet
  cablegram build texts/ --deposit deposit/   # then package the edition (see `cablegram deposit --help`)
  cablegram build texts/ --executor dask --scheduler tcp://10.0.0.5:8786

exit status: 0 all documents built, 1 some document failed, 2 usage problem (no folder, no .txt exports in it,
bad option, Dask scheduler unreachable)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input_dir", nargs="?", metavar="INPUT_DIR", help="folder of .txt exports (default: the bundled examples)")
    parser.add_argument("-o", "--output", default="edition", metavar="DIR", help="edition folder (default: ./edition)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes, or LocalCluster workers with --executor dask (default: CPU count)")
    parser.add_argument("--executor", choices=("serial", "process", "dask"),
                        help="where documents are built (default: serial for one job, else process; dask with --scheduler)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, e.g. tcp://HOST:8786 (implies --executor dask)")
    parser.add_argument("--force", action="store_true", help="rebuild every document (hand-edited TEI is still kept)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the print edition")
    parser.add_argument("--no-volume", action="store_true", help="skip the volume PDF")
    parser.add_argument("--title", default="Telegrams", help="title of the site index and the volume")
    parser.add_argument("--deposit", metavar="DEPOSIT_DIR",
                        help="after the build, make the deposit bag there (settings: cablegram.toml; see `cablegram deposit`)")
    level = parser.add_mutually_exclusive_group()
    level.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    level.add_argument("-v", "--verbose", action="store_true", help="a line per document, with its warnings")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from . import BuildOptions, build, cpu_summary, stage_summary
    from .executors import ExecutorError

    source = Path(args.input_dir) if args.input_dir else resource_dir("examples")
    if not source.is_dir():
        print(f"cablegram build: {source}: not a folder", file=sys.stderr)
        return 2
    inputs = sorted(source.glob("*.txt"))
    if not inputs:
        print(f"cablegram build: {source}: no .txt exports", file=sys.stderr)
        return 2
    if args.jobs < 1:
        print("cablegram build: --jobs must be at least 1", file=sys.stderr)
        return 2
    executor = args.executor or ("dask" if args.scheduler else None)
    if args.scheduler and executor != "dask":
        print(f"cablegram build: --scheduler needs --executor dask (not {executor})", file=sys.stderr)
        return 2
    if args.scheduler and "://" not in args.scheduler:
        print(f"cablegram build: --scheduler {args.scheduler}: give an address such as tcp://HOST:8786", file=sys.stderr)
        return 2
    out = Path(args.output)
    options = BuildOptions(pdf=not args.no_pdf, volume=not (args.no_pdf or args.no_volume), title=args.title)
    console = Console(stderr=False, highlight=False, width=max(Console().width, 100))

    def note(report) -> None:
        if report.status == "failed":
            print(f"error: {report.error}", file=sys.stderr)
        elif args.verbose:
            console.print(f"{report.status:9} {Path(report.source).name}", markup=False)
            for w in report.warnings:
                console.print(f"          warning: {w['message']} [{w['code']}]", markup=False)

    run_options = dict(jobs=args.jobs, force=args.force, options=options, executor=executor, scheduler=args.scheduler)
    try:
        if args.quiet or args.verbose or not console.is_terminal:
            result = build(inputs, out, progress=note, **run_options)
        else:  # the bar advances as each document's future (or process) finishes
            with Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=console, transient=True) as bar:
                task = bar.add_task("build", total=len(inputs))

                def advance(report) -> None:
                    note(report)
                    bar.advance(task)

                result = build(inputs, out, progress=advance, **run_options)
    except ExecutorError as exc:
        print(f"cablegram build: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        docs = result.documents
        counts = {s: sum(d.status == s for d in docs) for s in ("built", "rendered", "unchanged", "failed")}
        table = Table(title=f"cablegram build → {out}/")
        for col in ("stage", "documents", "median ms", "p95 ms", "total s"):
            table.add_column(col, justify="left" if col == "stage" else "right")
        for stage, v in stage_summary(docs).items():
            table.add_row(stage, str(v["documents"]), f"{v['median_ms']:.1f}", f"{v['p95_ms']:.1f}", f"{v['total_ms'] / 1000:.2f}")
        cpu = cpu_summary(docs)
        if cpu:
            table.add_row("CPU, all stages", str(cpu["documents"]), f"{cpu['median_ms']:.1f}", f"{cpu['p95_ms']:.1f}", f"{cpu['total_ms'] / 1000:.2f}")
        for name, ms in result.collection_ms.items():
            table.add_row(name, "all", "", "", f"{ms / 1000:.2f}")
        console.print(table)
        console.print(
            f"{len(docs)} documents: {counts['built']} built, {counts['rendered']} rendered from hand-edited TEI, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed; "
            f"{sum(len(d.warnings) + sum(v['severity'] == 'warning' for v in d.validation) for d in docs)} warnings, "
            f"{sum(d.errors for d in docs)} errors; {result.seconds:.1f} s ({_how(result, args.jobs)})", markup=False)
        # each warning named: its code, how many, and in which documents (not just "13 warnings")
        by_code: dict[str, list[str]] = {}
        for d in docs:
            codes = [w["code"] for w in d.warnings] + [v["code"] for v in d.validation if v["severity"] == "warning"]
            for code in codes:
                by_code.setdefault(code, []).append(Path(d.source).stem)
        if by_code:
            warnings = Table(title="warnings")
            for col in ("code", "count", "documents"):
                warnings.add_column(col, justify="right" if col == "count" else "left")
            for code, stems in sorted(by_code.items()):
                warnings.add_row(code, str(len(stems)), ", ".join(sorted(set(stems))))
            console.print(warnings)
        console.print(f"open {out / 'site' / 'index.html'}; report: {out / 'report.html'}", markup=False)
    if result.failed:
        return 1
    if args.deposit:
        return _deposit_after_build(out, Path(args.deposit), args)
    return 0


def _deposit_after_build(edition: Path, target: Path, args: argparse.Namespace) -> int:
    """`--deposit`: hand the finished edition to the deposit stage (its public function), nothing more."""
    from ..deposit import ConfigError, find_config, load_config
    from ..deposit.command import deposit_reporting

    try:  # cablegram.toml in the edition, else beside the source texts (found through report.json)
        config = load_config(find_config(edition))
    except ConfigError as exc:
        print(f"cablegram build --deposit: {exc}", file=sys.stderr)
        return 2
    status, result = deposit_reporting("cablegram build --deposit", edition, target, config=config,
                                       title=config.title or args.title)
    if result is None:
        return status
    if not args.quiet:
        print(f"deposit: {result.path}/ (BagIt, validated); report: {result.path / 'deposit-report.json'}")
    return 0


def _how(result, jobs: int) -> str:
    if result.executor == "none":
        return "nothing to rebuild"
    if result.executor == "serial":
        return "serial"
    return f"{result.executor} executor, {jobs} worker(s)" if result.executor == "process" else "dask executor"
