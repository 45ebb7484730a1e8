"""The Validator: which schemas apply to a file, compiled once each, and every finding as a Diagnostic.

Which schemas apply to a file: those given explicitly (`schemas=`), else the file's own `<?xml-model?>`
processing instructions (resolved relative to the file or through an XML catalog), else the project's
customization (schemas/cablegram.rng + schemas/cablegram.sch).
"""
from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..resources import resource
from ..xmlio import XMLInputError, parse_xml
from .diagnostics import Diagnostic, diagnostic, report_order
from .engines import schematron_check, xsd_check
from .relaxng import RelaxNGGrammar
from .schemas import KIND_BY_NS, Catalog, SchemaError, SchemaRef, default_schemas, schema_kind
from .schematron import SchematronError, compile_schematron


# include/externalRef (RELAX NG), include/extends (Schematron), xs:include/import/redefine/override (XSD),
# document() and href/schemaLocation attributes: a schema that may read another file
_NAMES_OTHER_FILES = re.compile(rb"include|externalRef|extends|import|redefine|override|document\(|href\s*=|schemaLocation")


class Validator:
    """Validate TEI files; every schema is compiled once per Validator.

    `phase`: the Schematron phase to run (default: each schema's defaultPhase, else all patterns).
    `cache_dir`: where reduced RELAX NG grammars are kept between runs (None: the default folder,
    False: none)."""

    def __init__(self, schemas: list[str | Path] | None = None, *, xsd: bool = False, catalog: str | Path | None = None,
                 honour_xml_model: bool = True, phase: str | None = None, cache_dir: str | Path | None | bool = None) -> None:
        self.explicit = [SchemaRef(schema_kind(Path(s)), Path(s)) for s in schemas] if schemas else None
        self.xsd = xsd
        self.catalog = Catalog(Path(catalog)) if catalog else None
        self.honour_xml_model = honour_xml_model
        self.phase = phase
        self.cache_dir = Path(cache_dir) if isinstance(cache_dir, (str, Path)) else cache_dir
        self._compiled: dict[tuple, object] = {}
        self._keys: dict[tuple[str, Path], tuple] = {}
        self._lock = threading.Lock()
        for ref in self.explicit or default_schemas(xsd):
            self._get(ref)  # compile up front: a broken schema is a usage problem, reported at once

    # ------------------------------------------------------------------ schemas
    def _get(self, ref: SchemaRef):
        with self._lock:
            key = self._key(ref)
            if key not in self._compiled:
                self._compiled[key] = self._compile(ref, self.phase, self.cache_dir)
            return self._compiled[key]

    def _key(self, ref: SchemaRef) -> tuple:
        """What a compiled schema is shared by: a schema that names no other file is known by its bytes, so
        the edition's copy of our schemas (what its TEI's xml-model links name) reuses the packaged ones
        compiled up front instead of compiling them again (~100 ms for a one-file `validate`); a schema
        that includes others is known by its path, since the same bytes may include different files."""
        path = ref.path.resolve()
        if (ref.kind, path) not in self._keys:
            key: tuple = (ref.kind, path)
            try:
                data = path.read_bytes()
            except OSError:
                data = None
            if data is not None and not _NAMES_OTHER_FILES.search(data):
                key = (ref.kind, hashlib.sha256(data).digest())
            self._keys[(ref.kind, path)] = key
        return self._keys[(ref.kind, path)]

    @staticmethod
    def _compile(ref: SchemaRef, phase: str | None = None, cache_dir=None):
        if not ref.path.is_file():
            raise SchemaError(f"{ref.path}: schema file not found")
        try:
            if ref.kind == "rng":
                return RelaxNGGrammar(ref.path, cache_dir=cache_dir)
            if ref.kind == "xsd":
                import xmlschema

                return xmlschema.XMLSchema(str(ref.path))
            from .. import saxon

            xslt = compile_schematron(ref.path, phase=phase)
            proc = saxon.processor().new_xslt30_processor()
            return proc.compile_stylesheet(stylesheet_text=xslt)
        except SchemaError:
            raise
        except SchematronError as exc:
            raise SchemaError(str(exc)) from None
        except Exception as exc:
            raise SchemaError(f"{ref.path}: cannot compile {ref.kind.upper()} schema: {exc}") from None

    def _schemas_for(self, tree: etree._ElementTree, path: Path) -> tuple[list[SchemaRef], list[Diagnostic]]:
        if self.explicit is not None:
            return self.explicit, []
        notes: list[Diagnostic] = []
        refs: list[SchemaRef] = []
        if self.honour_xml_model:
            for pi in tree.xpath("/processing-instruction('xml-model')"):
                href = pi.get("href")
                if not href:
                    continue
                line = pi.sourceline or 1
                target = self.catalog.resolve(href) if self.catalog else None
                if target is None:
                    parsed = urlparse(href)
                    if parsed.scheme in ("http", "https"):
                        notes.append(diagnostic("CG-XMLMODEL", "warning",
                                                f"xml-model schema '{href}' is on the network and no catalog maps it; not fetched (give --catalog)",
                                                str(path), line, 1))
                        continue
                    target = (path.parent / unquote(parsed.path if parsed.scheme == "file" else href)).resolve()
                if not target.exists():
                    notes.append(diagnostic("CG-XMLMODEL", "warning",
                                            f"xml-model schema '{href}' not found (looked for {target}); using the cablegram schemas instead",
                                            str(path), line, 1))
                    continue
                ns = pi.get("schematypens") or ""
                try:
                    kind = KIND_BY_NS.get(ns) or schema_kind(target)
                except SchemaError as exc:
                    notes.append(diagnostic("CG-XMLMODEL", "warning", f"xml-model schema '{href}': {exc}", str(path), line, 1))
                    continue
                refs.append(SchemaRef(kind, target))
        if not refs:
            refs = default_schemas(self.xsd)
        elif self.xsd and not any(r.kind == "xsd" for r in refs):
            refs.append(SchemaRef("xsd", resource("schemas", "cablegram.xsd")))
        return refs, notes

    # ------------------------------------------------------------------ validation
    def validate_file(self, path: str | Path) -> list[Diagnostic]:
        path = Path(path)
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return [diagnostic("CG-READ", "error", f"cannot read file ({exc.strerror})", name)]
        return self.validate_bytes(data, name, base=path)

    def validate_bytes(self, data: bytes, name: str, *, base: Path | None = None, node=None, tree=None) -> list[Diagnostic]:
        """`node`, `tree`: the same bytes already parsed by Saxon, and by `xmlio.parse_xml` (a build parses
        each TEI file once for every stage)."""
        base = base or Path(name)
        try:
            tree = tree if tree is not None else parse_xml(data, name=name)
        except XMLInputError as exc:
            m = re.match(rf"{re.escape(name)}(?::(\d+))?: (.*)$", str(exc))
            line = int(m.group(1)) if m and m.group(1) else 0
            col = int(c.group(1)) if (c := re.search(r"column (\d+)", str(exc))) else 0
            return [diagnostic("CG-WF", "error", m.group(2) if m else str(exc), name, line, col)]
        refs, diagnostics = self._schemas_for(tree, base)
        for ref in refs:
            try:
                compiled = self._get(ref)
            except SchemaError as exc:
                diagnostics.append(diagnostic("CG-SCHEMA", "error", str(exc), name))
                continue
            try:
                if ref.kind == "rng":
                    diagnostics += compiled.check(tree, name)
                elif ref.kind == "xsd":
                    diagnostics += xsd_check(compiled, tree, name)
                else:
                    diagnostics += schematron_check(compiled, data, tree, name, node)
            except SchemaError as exc:
                diagnostics.append(diagnostic("CG-SCHEMA", "error", str(exc), name))
        return sorted(set(diagnostics), key=report_order)
