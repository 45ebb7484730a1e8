"""Validation an editor can act on: well-formedness, RELAX NG, Schematron, optionally XSD.

The surface other stages use:

    from cablegram.validate import Validator, Diagnostic, SchemaError

`Validator(schemas=None, xsd=False, catalog=None, honour_xml_model=True, phase=None, cache_dir=None)`
compiles every schema it meets once; `validate_file(path)` / `validate_bytes(data, name)` give a sorted
list of `Diagnostic` (the project's `Problem`: code, severity, message, file, line, column, path).

Modules: `validator` (which schemas apply; the Validator), `schemas` (kinds, defaults, catalogs),
`relaxng` + `rng_reduce` (RELAX NG, fast for large grammars), `schematron` (ISO Schematron → XSLT 3.0),
`engines` (running Schematron and XSD), `diagnostics`, `command` (`cablegram validate`).
"""
from __future__ import annotations

from .diagnostics import Diagnostic, element_path
from .schemas import Catalog, SchemaError, SchemaRef, default_schemas, schema_kind
from .schematron import SchematronError
from .validator import Validator

__all__ = ["Validator", "Diagnostic", "SchemaError", "SchematronError", "SchemaRef", "Catalog", "default_schemas",
           "schema_kind", "element_path"]
