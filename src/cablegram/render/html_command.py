"""`cablegram render html`: TEI files → a static reading edition."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..xmlio import XMLInputError, one_flush
from .command_common import FAILED, OK, USAGE, UsageError, report_fidelity, tei_inputs

HELP = "render TEI files as a static HTML reading edition with a parallel view"
DESCRIPTION = """\
Render TEI files (converted or edited by hand) as a static site: one page per document with the
original and the translation side by side, an index page, and local assets (no network resources).
Open OUT/index.html from disk or any static host. Any TEI P5 document renders (our telegrams in their
parallel view, other projects' TEI as the flow of its text); every page is checked to hold every word of
its TEI text, and a loss is reported (an error with --strict).

exit status: 0 all rendered, 1 some files failed (or lost words under --strict), 2 usage problem

examples:
  cablegram render html out/tei/*.xml -o site/
  cablegram render html tei/ -o site/ --title "Korean War telegrams"
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="TEI", help="TEI files or folders of them")
    parser.add_argument("-o", "--output", default="site", metavar="DIR", help="site folder (default: ./site)")
    parser.add_argument("--title", default="Telegrams", help="title of the index page")
    parser.add_argument("--pdf-dir", metavar="REL", help="link each page to REL/<stem>.pdf (relative to the site)")
    parser.add_argument("--strict", action="store_true", help="a word of the TEI text missing from a page is an error: the page is not written")


def run(args: argparse.Namespace) -> int:
    from .html import HtmlRenderer

    try:
        paths = tei_inputs(args.inputs)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE
    renderer = HtmlRenderer()
    start = time.perf_counter()
    with one_flush():  # pages renamed into place one by one, flushed to disk together at the end
        ok = _render_all(renderer, paths, args)
    elapsed = time.perf_counter() - start
    print(f"{len(ok)} of {len(paths)} pages rendered into {args.output}/ in {elapsed:.2f} s")
    return OK if len(ok) == len(paths) else FAILED


def _render_all(renderer, paths: list[Path], args: argparse.Namespace) -> list[Path]:
    from .fidelity import FidelityError

    ok: list[Path] = []
    for path in paths:
        try:
            rendered = renderer.render(path, Path(args.output), pdf_href=f"{args.pdf_dir}/{path.stem}.pdf" if args.pdf_dir else "",
                                       strict=args.strict)
            report_fidelity(rendered.fidelity, str(path), strict=args.strict)
            ok.append(path)
        except (XMLInputError, OSError, FidelityError) as exc:
            print(f"error: {exc}", file=sys.stderr)
        except Exception as exc:  # a stylesheet failure on one file must not stop the others
            print(f"error: {path}: cannot render ({exc})", file=sys.stderr)
    if ok:
        renderer.render_index(ok, Path(args.output), title=args.title)
        renderer.copy_assets(Path(args.output))
    return ok
