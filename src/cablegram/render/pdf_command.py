"""`cablegram render pdf`: TEI files → PDFs (one per document) or one volume."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..xmlio import XMLInputError
from .command_common import FAILED, OK, USAGE, UsageError, report_fidelity, tei_inputs

HELP = "render TEI files as a print edition (PDF/A-2b via Typst, in-process)"
DESCRIPTION = """\
Render TEI files (converted or edited by hand) as PDF: original and translation in two columns, aligned unit
by unit, footnotes on the page, the source's page and sheet breaks marked, a colophon with the citation.
Typst compiles in-process (no TeX, no Java); fonts are Typst's bundled ones, and a missing glyph fails the build.
Any TEI P5 document prints (other projects' TEI as the flow of its text); every PDF's extracted text is
checked to hold every word of the TEI text it prints, and a loss is reported (an error with --strict).

exit status: 0 all written, 1 some files failed (or lost words under --strict), 2 usage problem

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
    parser.add_argument("--strict", action="store_true", help="a word of the TEI text missing from a PDF is an error: the PDF is not written")


def run(args: argparse.Namespace) -> int:
    from .pdf import PdfError, PdfRenderer

    from .fidelity import FidelityError

    try:
        paths = tei_inputs(args.inputs)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE
    renderer = PdfRenderer()
    start = time.perf_counter()
    if args.volume:
        try:
            rendered = renderer.render_book(paths, Path(args.output), title=args.title, strict=args.strict)
        except (PdfError, XMLInputError, OSError, FidelityError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return FAILED
        report_fidelity(rendered.fidelity, args.output, strict=args.strict)
        print(f"volume of {len(paths)} documents written to {args.output} in {time.perf_counter() - start:.2f} s")
        return OK
    failed = 0
    for path in paths:
        try:
            rendered = renderer.render(path, Path(args.output) / f"{path.stem}.pdf", view=args.view, original=args.original,
                                       strict=args.strict)
            report_fidelity(rendered.fidelity, str(path), strict=args.strict)
        except (PdfError, XMLInputError, OSError, FidelityError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    print(f"{len(paths) - failed} of {len(paths)} PDFs written to {args.output}/ in {time.perf_counter() - start:.2f} s")
    return FAILED if failed else OK
