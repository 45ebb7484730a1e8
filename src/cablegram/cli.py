"""The `cablegram` command: one sub-command per stage, each defined in its stage's `command` module.

A stage's command module provides `HELP` (one line), `DESCRIPTION` (with examples),
`add_arguments(parser)` and `run(args) -> int` (0 ok, 1 some input failed, 2 usage problem).

Start-up time matters (`cablegram validate ONE.xml` should feel instant), so only the command that runs
is imported: the others appear in the top-level help through the one-line summaries below, which a test
keeps equal to each module's `HELP`.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

# sub-command -> module path; `render` has its own sub-commands
_COMMANDS = {
    "convert": "cablegram.tei.command",
    "validate": "cablegram.validate.command",
    "build": "cablegram.edition.command",
    "deposit": "cablegram.deposit.command",
    "names": "cablegram.names.command",
    "serve": "cablegram.render.serve",
}
_RENDER_COMMANDS = {
    "html": "cablegram.render.html_command",
    "pdf": "cablegram.render.pdf_command",
}
# one-line summaries for the help of the commands not imported (must equal each module's HELP)
SUMMARIES = {
    "convert": "convert plain-text telegram exports into TEI P5",
    "validate": "validate TEI files against the cablegram customization (or other schemas)",
    "build": "build the whole edition: TEI, validation, HTML site, PDFs and reports",
    "deposit": "package an edition for repositories: BagIt bag with DataCite, Dublin Core, METS, CMIF and a deposit report",
    "names": "list the names of TEI files, export them for reconciliation, load reconciled identifiers",
    "serve": "serve a built reading edition on http://127.0.0.1 (loopback only) for local viewing",
    "html": "render TEI files as a static HTML reading edition with a parallel view",
    "pdf": "render TEI files as a print edition (PDF/A-2b via Typst, in-process)",
}

EXAMPLES = """\
examples:
  cablegram build                                  # the bundled examples -> ./edition
  cablegram convert examples/texts/*.txt -o out/tei
  cablegram validate out/tei                       # our customization + Schematron
  cablegram render html out/tei/*.xml -o site/
  cablegram render pdf out/tei/*.xml -o pdf/
  cablegram deposit edition -o deposit             # BagIt bag + DataCite, DC, METS, CMIF
  cablegram names out/tei --csv names.csv          # names, linked or not; export for reconciliation
"""


def _add(subparsers, name: str, module_name: str, load: bool = True) -> None:
    if not load:  # listed in the help, imported only when chosen
        subparsers.add_parser(name, help=SUMMARIES.get(name, ""))
        return
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return  # stage not built yet
        raise
    parser = subparsers.add_parser(
        name,
        help=module.HELP,
        description=module.DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.add_arguments(parser)
    parser.set_defaults(_run=module.run)


def _chosen(argv: list[str] | None) -> tuple[str | None, str | None] | None:
    """The command (and render format) named in `argv`, whose module alone is imported (none for
    `--help`, `--version` or an unknown command); None (no argv) means: import every command."""
    if argv is None:
        return None
    words = [a for a in argv if not a.startswith("-")]
    command = words[0] if words else None
    return command, (words[1] if command == "render" and len(words) > 1 else None)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; given `argv`, only the command it names is imported."""
    chosen = _chosen(argv)
    parser = argparse.ArgumentParser(
        prog="cablegram",
        description="Turn plain-text archival telegrams into scholarly TEI P5 editions.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cablegram {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, module_name in _COMMANDS.items():
        _add(subparsers, name, module_name, load=chosen is None or chosen[0] == name)
    render = subparsers.add_parser(
        "render",
        help="make editions from TEI: a static HTML site or PDFs",
        description="Make editions from TEI files (converted or edited by hand).",
        epilog="examples:\n  cablegram render html out/tei/*.xml -o site/\n  cablegram render pdf out/tei/*.xml --volume -o book.pdf\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render_sub = render.add_subparsers(title="formats", metavar="FORMAT")
    for name, module_name in _RENDER_COMMANDS.items():
        _add(render_sub, name, module_name, load=chosen is None or (chosen[0] == "render" and chosen[1] in (None, name)))
    render.set_defaults(_run=lambda args: (render.print_help(), 2)[1])
    return parser


def _import_lxml_without_rnc2rng() -> None:
    """lxml 6 imports rnc2rng at its own import when rnc2rng is installed (for RelaxNG.from_rnc_string,
    which cablegram never calls), and rnc2rng generates its parser on import: 60-100 ms added to every
    command. Import lxml with rnc2rng hidden; an explicit `import rnc2rng` later still works."""
    if "lxml.etree" in sys.modules or "rnc2rng" in sys.modules:
        return
    sys.modules["rnc2rng"] = None  # type: ignore[assignment]  # makes lxml's optional import fail fast
    try:
        import lxml.etree  # noqa: F401
    except ImportError:
        pass
    finally:
        del sys.modules["rnc2rng"]


def main(argv: list[str] | None = None) -> int:
    _import_lxml_without_rnc2rng()
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    run = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        print("cablegram: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
