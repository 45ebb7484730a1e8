"""`cablegram render pdf`: TEI files → PDFs (one per document) or one volume."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..paths import expand
from ..xmlio import XMLInputError

HELP = "render TEI files as a print edition (PDF/A-2b via Typst, in-process)"
DESCRIPTION = """\
Render TEI files (converted or edited by hand) as PDF: original and translation in two columns, aligned unit
by unit, footnotes on the page, the source's page and sheet breaks marked, a colophon with the citation.
Typst compiles in-process (no TeX, no Java); fonts are Typst's bundled ones, and a missing glyph fails the build.

examples:
  cablegram render pdf out/tei/*.xml -o pdf/                 # one PDF per document
  cablegram render pdf out/tei/*.xml --volume -o book.pdf    # the corpus as one book
  cablegram render pdf tei/003.xml -o pdf/ --view translation
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="TEI", help="TEI files or folders of them")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="folder for PDFs, or the volume's file name with --volume")
    parser.add_argument("--volume", action="store_true", help="one book: title page, contents, documents by date, index")
    parser.add_argument("--view", choices=("parallel", "original", "translation"), default="parallel")
    parser.add_argument("--original", default="", metavar="ID", help="the original to print beside the translation, by xml:id (e.g. ru-p for the published version) "
                        "in documents that have it; others print their default (the transcript the translation names)")
    parser.add_argument("--title", default="Telegrams", help="volume title")


def run(args: argparse.Namespace) -> int:
    from .pdf import PdfError, PdfRenderer

    paths = expand(args.inputs, "*.xml")
    if not paths:
        print(f"error: no TEI files (*.xml) in {', '.join(args.inputs)}", file=sys.stderr)
        return 1
    renderer = PdfRenderer()
    start = time.perf_counter()
    if args.volume:
        try:
            renderer.render_volume(paths, Path(args.output), title=args.title)
        except (PdfError, XMLInputError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"volume of {len(paths)} documents written to {args.output} in {time.perf_counter() - start:.2f} s")
        return 0
    failed = 0
    for path in paths:
        try:
            renderer.render_document(path, Path(args.output) / f"{path.stem}.pdf", view=args.view, original=args.original)
        except (PdfError, XMLInputError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    print(f"{len(paths) - failed} of {len(paths)} PDFs written to {args.output}/ in {time.perf_counter() - start:.2f} s")
    return 1 if failed else 0
