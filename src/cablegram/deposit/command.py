"""`cablegram deposit`: an edition folder → a BagIt bag with DataCite, Dublin Core, METS and CMIF metadata."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "package an edition for repositories: BagIt bag with DataCite, Dublin Core, METS, CMIF and a deposit report"
DESCRIPTION = """\
Package an edition folder (made by `cablegram build`, TEI possibly edited by hand) as one RFC 8493 BagIt bag:
the TEI, its schemas and a fresh validation report in data/ (the HTML site and PDFs with --site/--pdf),
DataCite 4.6 XML for the collection and every document, Dublin Core (oai_dc) and METS per document, one
CMIF 1.1 file for correspSearch, Zenodo metadata, and deposit-report.json: what is in the bag and what
Zenodo, ARCHE, DARIAH-DE, correspSearch and a generic repository require, met or not.

Settings come from the [deposit] table of cablegram.toml (in the edition folder, or beside the source texts,
or --config FILE); options override them. An edition with failed or invalid documents is refused unless
--allow-invalid (recorded in bag-info.txt). The bag is validated after writing; an earlier deposit at
DEPOSIT_DIR is replaced only by a complete, valid bag. Same edition and settings, same bytes
(the date is SOURCE_DATE_EPOCH when set).

examples:
  cablegram build && cablegram deposit edition -o deposit
  cablegram deposit edition -o deposit --site --pdf --editor "Doe, Jane" --contact-email jane@example.org
  SOURCE_DATE_EPOCH=1767225600 cablegram deposit edition -o deposit --base-url https://example.org/telegrams/

exit status: 0 deposited, 1 refused (failed or invalid documents) or the bag failed, 2 usage problem
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("edition", metavar="EDITION_DIR", help="edition folder (with tei/; made by `cablegram build`)")
    parser.add_argument("-o", "--output", required=True, metavar="DEPOSIT_DIR", help="folder for the bag (an earlier deposit there is replaced)")
    parser.add_argument("--config", metavar="FILE", help="cablegram.toml to read the [deposit] settings from")
    parser.add_argument("--site", action="store_true", default=None, help="include the HTML reading edition (data/site)")
    parser.add_argument("--pdf", action="store_true", default=None, help="include the PDFs (data/pdf)")
    parser.add_argument("--allow-invalid", action="store_true", help="deposit even with failed or invalid documents (recorded in bag-info.txt)")
    parser.add_argument("--title", help="title of the collection")
    parser.add_argument("--description", help="description of the collection (External-Description)")
    parser.add_argument("--editor", action="append", metavar="'FAMILY, GIVEN'", help="an editor of the edition (repeatable)")
    parser.add_argument("--publisher", help="publisher of the edition (DataCite)")
    parser.add_argument("--licence", metavar="URI", help="licence of the edition, e.g. https://creativecommons.org/licenses/by/4.0/")
    parser.add_argument("--doi", help="DOI of the collection, once minted")
    parser.add_argument("--base-url", metavar="URL", help="where the edition folder is published (document URLs, CMIF address)")
    parser.add_argument("--cmif-url", metavar="URL", help="stable URL of the CMIF file for correspSearch")
    parser.add_argument("--source-organization", help="bag-info Source-Organization")
    parser.add_argument("--contact-name", help="bag-info Contact-Name")
    parser.add_argument("--contact-email", help="bag-info Contact-Email")
    parser.add_argument("--group-identifier", help="bag-info Bag-Group-Identifier")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def deposit_reporting(prog: str, edition: Path, target: Path, **options):
    """Run the deposit; a failure is printed as `prog: …` with the refused documents listed.
    Returns (exit status, result): 2 a usage problem, 1 refused or failed (result None), 0 done."""
    from . import ConfigError, DepositError, DepositFailed, DepositRefused, deposit

    try:
        return 0, deposit(edition, target, **options)
    except (ConfigError, DepositError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2, None
    except DepositFailed as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1, None
    except DepositRefused as exc:
        print(f"{prog}: {edition}: {exc}", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return 1, None


def run(args: argparse.Namespace) -> int:
    from . import ConfigError, find_config, load_config

    edition = Path(args.edition)
    if not edition.is_dir():
        print(f"cablegram deposit: {edition}: not a folder", file=sys.stderr)
        return 2
    try:
        config = load_config(find_config(edition, Path(args.config) if args.config else None))
        config = config.merged(
            include_site=args.site, include_pdf=args.pdf, title=args.title, description=args.description,
            editors=tuple(args.editor or ()), publisher=args.publisher, licence=args.licence, doi=args.doi,
            base_url=args.base_url, cmif_url=args.cmif_url, source_organization=args.source_organization,
            contact_name=args.contact_name, contact_email=args.contact_email, bag_group_identifier=args.group_identifier)
    except ConfigError as exc:
        print(f"cablegram deposit: {exc}", file=sys.stderr)
        return 2
    status, result = deposit_reporting("cablegram deposit", edition, Path(args.output), config=config,
                                       allow_invalid=args.allow_invalid)
    if result is None:
        return status
    if not args.quiet:
        _summary(result)
    return 0


def _summary(result) -> None:
    from rich.console import Console
    from rich.table import Table

    report = result.report
    console = Console(highlight=False)
    payload = [c for c in report["contents"] if c["path"].startswith("data/")]
    console.print(f"deposited {report['collection']['documents']} documents → {result.path}/ "
                  f"(BagIt, {len(payload)} payload files, {sum(c['bytes'] for c in payload):,} bytes, "
                  f"validated: {'yes' if report['bag']['valid'] else 'NO'})", markup=False)
    if result.problems:
        console.print(f"deposited with {len(result.problems)} failed or invalid document(s) (--allow-invalid):", markup=False)
        for line in result.problems:
            console.print(f"  {line}", markup=False)
    table = Table(title="target profiles")
    for col in ("profile", "ready", "requirements not met"):
        table.add_column(col)
    for name, profile in report["profiles"].items():
        unmet = [f"{r['requirement']} ({r['level']}){': ' + r['details'] if r['details'] else ''}"
                 for r in profile["requirements"] if not r["met"]]
        table.add_row(name, "yes" if profile["ready"] else "no", "\n".join(unmet) or "—")
    console.print(table)
    console.print(f"report: {result.path / 'deposit-report.json'}", markup=False)
