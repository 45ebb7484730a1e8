"""`cablegram validate`: well-formedness, RELAX NG, Schematron (and XSD) for TEI files or folders."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..xmlio import quoteattr
from . import Diagnostic, SchemaError, Validator
from .diagnostics import report_order

HELP = "validate TEI files against the cablegram customization (or other schemas)"
DESCRIPTION = """\
Validate TEI files (converted or edited by hand): well-formedness, then RELAX NG, then Schematron,
optionally XSD. By default the cablegram customization (schemas/cablegram.rng + .sch); a file's own
<?xml-model?> processing instructions are honoured (relative to the file, or through --catalog);
--schema replaces both (repeatable; .rng, .sch or .xsd). Schemas are compiled once per run.
Large grammars (tei_all.rng, ODD-generated schemas) are reduced per document to the names it uses (same
verdict, milliseconds instead of seconds); the reduced grammars are kept in a cache folder
($CABLEGRAM_CACHE_DIR, else $XDG_CACHE_HOME/cablegram, else ~/.cache/cablegram; --cache-dir, --no-cache).
Schematron is ISO Schematron: include, let, phase (--phase), abstract patterns and rules, diagnostics,
properties; a construct cablegram does not support is refused (exit status 2), never ignored.

Output: FILE:LINE:COL: error|warning: MESSAGE (ELEMENT PATH) [CODE], sorted by file and line.

examples:
  cablegram validate out/tei                      # a folder: every .xml in it
  cablegram validate tei/003.xml --xsd            # also against the XSD form
  cablegram validate edited.xml --schema ../shared/reference/tei/tei_all.rng
  cablegram validate out/tei --format junit > validation.xml
  cablegram validate edited.xml --schema project.sch --phase draft

exit status: 0 no errors (warnings allowed); 1 errors found in a file, or a file that cannot be read or
parsed; 2 usage problem (no files given or found, a missing path, an unreadable or unsupported schema,
an unknown phase)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="TEI files or folders")
    parser.add_argument("--schema", action="append", metavar="FILE", help="validate against this schema instead (repeatable)")
    parser.add_argument("--xsd", action="store_true", help="also validate against the XSD form of the customization")
    parser.add_argument("--catalog", metavar="FILE", help="XML catalog to resolve xml-model hrefs")
    parser.add_argument("--no-xml-model", action="store_true", help="ignore the files' xml-model processing instructions")
    parser.add_argument("--phase", metavar="ID", help="Schematron phase to run (default: the schema's defaultPhase, else #ALL)")
    parser.add_argument("--cache-dir", metavar="DIR", help="folder for reduced grammars of large schemas (default: the user cache folder)")
    parser.add_argument("--no-cache", action="store_true", help="keep reduced grammars in memory only")
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text")


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    files, missing = [], []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            found = sorted(q for q in p.glob("*.xml") if q.is_file())
            if not found:
                missing.append(f"{name}: folder holds no .xml files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            missing.append(name)
    return files, missing


def run(args: argparse.Namespace) -> int:
    files, missing = collect(args.paths)
    for name in missing:
        print(f"cablegram validate: {name}" + ("" if ": " in name else ": no such file or folder"), file=sys.stderr)
    if not files:
        if not missing:
            print("cablegram validate: no .xml files found", file=sys.stderr)
        return 2  # a path that is not there is a usage problem; the files that are there are still checked
    cache_dir = False if args.no_cache else args.cache_dir
    try:
        validator = Validator(args.schema, xsd=args.xsd, catalog=args.catalog, honour_xml_model=not args.no_xml_model,
                              phase=args.phase, cache_dir=cache_dir)
    except (SchemaError, ValueError) as exc:
        print(f"cablegram validate: {exc}", file=sys.stderr)
        return 2
    results = {str(f): validator.validate_file(f) for f in files}
    diagnostics = sorted((d for ds in results.values() for d in ds), key=report_order)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.format == "json":
        print(json.dumps({"files": len(files), "errors": errors, "warnings": warnings,
                          "diagnostics": [d.as_dict() for d in diagnostics]}, ensure_ascii=False, indent=2))
    elif args.format == "junit":
        print(junit(results))
    else:
        for d in diagnostics:
            print(d.format())
        bad = sum(1 for ds in results.values() if any(d.severity == "error" for d in ds))
        print(f"{len(files)} file(s) checked: {len(files) - bad} valid, {bad} invalid; {errors} error(s), {warnings} warning(s)")
    return 2 if missing else 1 if errors else 0


def junit(results: dict[str, list[Diagnostic]]) -> str:
    failures = sum(1 for ds in results.values() if any(d.severity == "error" for d in ds))
    out = [f'<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuite name="cablegram validate" tests="{len(results)}" failures="{failures}" errors="0">']
    for name, ds in results.items():
        out.append(f"  <testcase classname=\"cablegram.validate\" name={quoteattr(name)}>")
        errs = [d for d in ds if d.severity == "error"]
        if errs:
            body = "\n".join(d.format() for d in errs)
            out.append(f"    <failure message={quoteattr(f'{len(errs)} error(s)')}>{_esc(body)}</failure>")
        warns = [d for d in ds if d.severity == "warning"]
        if warns:
            out.append(f"    <system-out>{_esc(chr(10).join(d.format() for d in warns))}</system-out>")
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
