"""The `cablegram` command: one sub-command per stage, each defined in its stage's `command` module.

A stage's command module provides `HELP` (one line), `DESCRIPTION` (with examples),
`add_arguments(parser)` and `run(args) -> int` (0 ok, 1 some input failed, 2 usage problem).
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
    "build": "cablegram.build.command",
    "names": "cablegram.names.command",
    "serve": "cablegram.render.serve",
}
_RENDER_COMMANDS = {
    "html": "cablegram.render.html_command",
    "pdf": "cablegram.render.pdf_command",
}

EXAMPLES = """\
examples:
  cablegram build                                  # the bundled examples -> ./edition
  cablegram convert examples/texts/*.txt -o out/tei
  cablegram validate out/tei                       # our customization + Schematron
  cablegram render html out/tei/*.xml -o site/
  cablegram render pdf out/tei/*.xml -o pdf/
  cablegram names out/tei --csv names.csv          # names, linked or not; export for reconciliation
"""


def _add(subparsers, name: str, module_name: str) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cablegram",
        description="Turn plain-text archival telegrams into scholarly TEI P5 editions.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cablegram {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, module_name in _COMMANDS.items():
        _add(subparsers, name, module_name)
    render = subparsers.add_parser(
        "render",
        help="make editions from TEI: a static HTML site or PDFs",
        description="Make editions from TEI files (converted or edited by hand).",
        epilog="examples:\n  cablegram render html out/tei/*.xml -o site/\n  cablegram render pdf out/tei/*.xml --volume -o book.pdf\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render_sub = render.add_subparsers(title="formats", metavar="FORMAT")
    for name, module_name in _RENDER_COMMANDS.items():
        _add(render_sub, name, module_name)
    render.set_defaults(_run=lambda args: (render.print_help(), 2)[1])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
