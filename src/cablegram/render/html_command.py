"""`cablegram render html`: TEI files → a static reading edition."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..paths import expand
from ..xmlio import XMLInputError

HELP = "render TEI files as a static HTML reading edition with a parallel view"
DESCRIPTION = """\
Render TEI files (converted or edited by hand) as a static site: one page per document with the
original and the translation side by side, an index page, and local assets (no network resources).
Open OUT/index.html from disk or any static host.

examples:
  cablegram render html out/tei/*.xml -o site/
  cablegram render html tei/ -o site/ --title "Korean War telegrams"
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="TEI", help="TEI files or folders of them")
    parser.add_argument("-o", "--output", default="site", metavar="DIR", help="site folder (default: ./site)")
    parser.add_argument("--title", default="Telegrams", help="title of the index page")
    parser.add_argument("--pdf-dir", metavar="REL", help="link each page to REL/<stem>.pdf (relative to the site)")


def run(args: argparse.Namespace) -> int:
    from .html import HtmlRenderer

    paths = expand(args.inputs, "*.xml")
    renderer = HtmlRenderer()
    start = time.perf_counter()
    ok: list[Path] = []
    for path in paths:
        try:
            renderer.render_document(path, Path(args.output), pdf_href=f"{args.pdf_dir}/{path.stem}.pdf" if args.pdf_dir else "")
            ok.append(path)
        except (XMLInputError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
        except Exception as exc:  # a stylesheet failure on one file must not stop the others
            print(f"error: {path}: cannot render ({exc})", file=sys.stderr)
    if ok:
        renderer.render_index(ok, Path(args.output), title=args.title)
        renderer.copy_assets(Path(args.output))
    elapsed = time.perf_counter() - start
    print(f"{len(ok)} of {len(paths)} pages rendered into {args.output}/ in {elapsed:.2f} s")
    return 0 if len(ok) == len(paths) else 1
