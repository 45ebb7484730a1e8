"""`cablegram names`: the names of TEI files (counts, linked or not), an export for reconciliation, and the
loading of reconciled identifiers into the authority file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..resources import resource_dir
from ..xmlio import write_atomic
from . import KINDS, NamesInputError, csv_bytes, names_in, plan_load, table, write_plan

HELP = "list the names of TEI files, export them for reconciliation, load reconciled identifiers"
DESCRIPTION = """\
List the persons, places, organisations and other names (persName, placeName, orgName, name) of TEI
files — converted, edited by hand or written by another project — with how often each occurs, whether it
is linked to an authority entry (@ref) and in which documents. Names inside authority entries
(standOff, listPerson …) are not mentions and are left out.

--csv writes one row per distinct name in the shape OpenRefine reconciliation expects: name, kind, count,
ref, reconcile_type (the Wikidata class to reconcile against), empty wikidata/viaf/geonames/gnd columns,
documents. Reconcile the 'name' column, fill the identifier columns (or 'ref' with an authority id such as
pl-lushun), export as CSV, and load it back with --load: each reconciled row adds its name as a variant
form and its identifiers (cited by their URL) to the entry, or a new entry when none has them. Rows
without any id are skipped; any problem row stops the load with nothing written. The updated authority
files are written atomically to -o DIR (all three), or in place with --authority DIR and no -o.

examples:
  cablegram names out/tei                          # a table of every name in a folder of TEI files
  cablegram names out/tei --unlinked --kind person # only persons not linked to the authority file
  cablegram names out/tei --csv names.csv          # export for OpenRefine
  cablegram names --load reconciled.csv -o authority-new/
  cablegram names --load reconciled.csv --authority tei/authority   # update a checkout's files in place

exit status: 0 ok, 1 some input failed (unreadable file, problem rows), 2 usage problem
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="FILE", help="TEI files or folders of them (*.xml)")
    parser.add_argument("--csv", metavar="FILE", help="write the names as CSV for reconciliation (OpenRefine)")
    parser.add_argument("--kind", action="append", choices=(*KINDS, "name"), help="only names of this kind (repeatable)")
    parser.add_argument("--unlinked", action="store_true", help="only names with mentions not linked to an entry")
    parser.add_argument("--load", metavar="CSV", help="load a reconciled CSV into the authority file")
    parser.add_argument("--authority", metavar="DIR", help="authority folder to read (default: the bundled tei/authority)")
    parser.add_argument("-o", "--output", metavar="DIR", help="with --load: where to write the updated authority files")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors and the summary only")


def _err(message: str) -> None:
    print(f"cablegram names: {message}", file=sys.stderr)


def _linked(row) -> str:
    if not row.linked:
        return "no"
    refs = ", ".join(row.refs)
    return refs if row.linked == row.count else f"partly ({row.linked}/{row.count}): {refs}"


def _documents(docs: tuple[str, ...], shown: int = 3) -> str:
    return ", ".join(docs[:shown]) + (f" +{len(docs) - shown}" if len(docs) > shown else "")


def _run_load(args: argparse.Namespace) -> int:
    if args.paths or args.csv or args.kind or args.unlinked:
        _err("--load takes only a CSV file (and --authority, -o); list names in a separate run")
        return 2
    authority = Path(args.authority) if args.authority else resource_dir("authority")
    if args.output is None and args.authority is None:
        _err("--load needs -o DIR for the updated files (or --authority DIR to update that folder in place)")
        return 2
    out_dir = Path(args.output) if args.output else authority
    csv_path = Path(args.load)
    if not csv_path.is_file():
        _err(f"{csv_path}: no such file")
        return 2
    if not authority.is_dir():
        _err(f"{authority}: no such folder")
        return 2
    try:
        plan = plan_load(csv_path, authority)
    except NamesInputError as exc:
        _err(str(exc))
        return 1
    if plan.problems:
        for problem in plan.problems:
            _err(problem)
        _err(f"{len(plan.problems)} problem row(s) in {csv_path}: nothing written")
        return 1
    try:
        written = write_plan(plan, authority, out_dir)
    except NamesInputError as exc:
        _err(str(exc))
        return 1
    except OSError as exc:
        _err(f"{out_dir}: cannot write ({exc.strerror or exc})")
        return 1
    print(f"{plan.forms} form(s), {plan.identifiers} identifier(s), {plan.entries} new entr{'y' if plan.entries == 1 else 'ies'} "
          f"from {csv_path}; {plan.skipped} row(s) without an id skipped; "
          f"written: {', '.join(str(p) for p in written) or 'nothing (no change)'}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.load:
        return _run_load(args)
    if args.authority or args.output:
        _err("--authority and -o go with --load")
        return 2
    if not args.paths:
        _err("give TEI files or folders (or --load CSV)")
        return 2
    files, missing = [], []
    for name in args.paths:
        p = Path(name)
        if p.is_dir():
            files.extend(sorted(q for q in p.glob("*.xml") if q.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            missing.append(name)
    for name in missing:
        _err(f"{name}: no such file or folder")
    if missing:
        return 2
    if not files:
        _err("no .xml files found")
        return 2
    mentions, failed = [], 0
    for path in files:
        try:
            mentions.extend(names_in(path))
        except NamesInputError as exc:
            _err(str(exc))  # one line naming the file; the other files go on
            failed += 1
    rows = table(mentions)
    if args.kind:
        rows = [r for r in rows if r.kind in args.kind]
    if args.unlinked:
        rows = [r for r in rows if r.linked < r.count]
    if not args.quiet:
        console = Console(highlight=False, width=max(Console().width, 120))
        view = Table(title="cablegram names", show_lines=False)
        for col, justify in (("name", "left"), ("kind", "left"), ("count", "right"), ("linked", "left"), ("documents", "left")):
            view.add_column(col, justify=justify, overflow="fold")
        for r in rows:
            view.add_row(r.name, r.kind, str(r.count), _linked(r), _documents(r.documents))
        console.print(view)
    by_kind = {k: sum(1 for r in rows if r.kind == k) for k in (*KINDS, "name")}
    linked = sum(1 for r in rows if r.linked == r.count)
    print(f"{len(rows)} distinct name(s) ({by_kind['person']} person, {by_kind['place']} place, {by_kind['org']} org, "
          f"{by_kind['name']} other) in {len(files) - failed} file(s); {linked} linked, {len(rows) - linked} not or partly linked"
          + (f"; {failed} file(s) failed" if failed else ""))
    if args.csv:
        try:
            write_atomic(args.csv, csv_bytes(rows))
        except OSError as exc:
            _err(f"{args.csv}: cannot write ({exc.strerror or exc})")
            return 1
    return 1 if failed else 0
