"""Validation an editor can act on: well-formedness, RELAX NG, Schematron, optionally XSD.

`Validator` compiles every schema it meets once and reuses it for every file. Which schemas apply to a
file: those given explicitly (`schemas=`), else the file's own `<?xml-model?>` processing instructions
(resolved relative to the file or through an XML catalog), else the project's customization
(schemas/cablegram.rng + schemas/cablegram.sch).
"""
from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..resources import resource
from ..xmlio import TEI_NS, XMLInputError, parse_xml
from .schematron import RESULT_NS, compile_schematron

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NSS = ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron")
XSD_NS = "http://www.w3.org/2001/XMLSchema"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    col: int
    severity: str  # 'error' | 'warning'
    message: str
    code: str
    xpath: str = ""

    def format(self) -> str:
        where = f" ({self.xpath})" if self.xpath else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}{where} [{self.code}]"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SchemaRef:
    kind: str  # 'rng' | 'sch' | 'xsd'
    path: Path


class SchemaError(ValueError):
    """A schema that cannot be read or compiled (a usage problem, exit status 2)."""


def default_schemas(xsd: bool = False) -> list[SchemaRef]:
    refs = [SchemaRef("rng", resource("schemas", "cablegram.rng")), SchemaRef("sch", resource("schemas", "cablegram.sch"))]
    if xsd:
        refs.append(SchemaRef("xsd", resource("schemas", "cablegram.xsd")))
    return refs


def schema_kind(path: Path) -> str:
    """'rng', 'sch' or 'xsd', by extension, else by the root element's namespace."""
    suffix = path.suffix.lower()
    if suffix in (".rng", ".sch", ".xsd"):
        return suffix[1:]
    try:
        ns = etree.QName(parse_xml(path).getroot()).namespace
    except XMLInputError as exc:
        raise SchemaError(str(exc)) from None
    kinds = {RNG_NS: "rng", XSD_NS: "xsd", **{n: "sch" for n in SCH_NSS}}
    if ns not in kinds:
        raise SchemaError(f"{path}: not a RELAX NG (XML syntax), Schematron or XSD schema")
    return kinds[ns]


class Catalog:
    """An OASIS XML catalog: `uri`, `system`, `rewriteURI` and `rewriteSystem` entries."""

    CAT = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

    def __init__(self, path: Path) -> None:
        root = parse_xml(path).getroot()
        base = path.resolve().parent
        self.exact: dict[str, Path] = {}
        self.prefixes: list[tuple[str, Path]] = []
        for el in root.iter():
            local = etree.QName(el).localname
            if local in ("uri", "system"):
                key = el.get("name") or el.get("systemId")
                if key and el.get("uri"):
                    self.exact[key] = base / el.get("uri")
            elif local in ("rewriteURI", "rewriteSystem"):
                start = el.get("uriStartString") or el.get("systemIdStartString")
                if start and el.get("rewritePrefix"):
                    self.prefixes.append((start, base / el.get("rewritePrefix")))
        self.prefixes.sort(key=lambda p: -len(p[0]))

    def resolve(self, href: str) -> Path | None:
        if href in self.exact:
            return self.exact[href]
        for start, target in self.prefixes:
            if href.startswith(start):
                return target / href[len(start):]
        return None


class Validator:
    """Validate TEI files; every schema is compiled once per Validator."""

    def __init__(self, schemas: list[str | Path] | None = None, *, xsd: bool = False, catalog: str | Path | None = None,
                 honour_xml_model: bool = True) -> None:
        self.explicit = [SchemaRef(schema_kind(Path(s)), Path(s)) for s in schemas] if schemas else None
        self.xsd = xsd
        self.catalog = Catalog(Path(catalog)) if catalog else None
        self.honour_xml_model = honour_xml_model
        self._compiled: dict[tuple[str, Path], object] = {}
        self._lock = threading.Lock()
        for ref in self.explicit or default_schemas(xsd):
            self._get(ref)  # compile up front: a broken schema is a usage problem, reported at once

    # ------------------------------------------------------------------ schemas
    def _get(self, ref: SchemaRef):
        key = (ref.kind, ref.path.resolve())
        with self._lock:
            if key not in self._compiled:
                self._compiled[key] = self._compile(ref)
            return self._compiled[key]

    @staticmethod
    def _compile(ref: SchemaRef):
        if not ref.path.exists():
            raise SchemaError(f"{ref.path}: schema file not found")
        try:
            if ref.kind == "rng":
                return _RelaxNG(ref.path)
            if ref.kind == "xsd":
                import xmlschema

                return xmlschema.XMLSchema(str(ref.path))
            from .. import saxon

            xslt = compile_schematron(ref.path)
            proc = saxon.processor().new_xslt30_processor()
            return proc.compile_stylesheet(stylesheet_text=xslt)
        except SchemaError:
            raise
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
                        notes.append(Diagnostic(str(path), line, 1, "warning",
                                                f"xml-model schema '{href}' is on the network and no catalog maps it; not fetched (give --catalog)",
                                                "CG-XMLMODEL"))
                        continue
                    target = (path.parent / unquote(parsed.path if parsed.scheme == "file" else href)).resolve()
                if not target.exists():
                    notes.append(Diagnostic(str(path), line, 1, "warning",
                                            f"xml-model schema '{href}' not found (looked for {target}); using the cablegram schemas instead",
                                            "CG-XMLMODEL"))
                    continue
                ns = pi.get("schematypens") or ""
                kind = {RNG_NS: "rng", XSD_NS: "xsd", **{n: "sch" for n in SCH_NSS}}.get(ns) or schema_kind(target)
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
            return [Diagnostic(name, 0, 0, "error", f"cannot read file ({exc.strerror})", "CG-READ")]
        return self.validate_bytes(data, name, base=path)

    def validate_bytes(self, data: bytes, name: str, *, base: Path | None = None, node=None) -> list[Diagnostic]:
        """`node`: the same bytes already parsed by Saxon (a build parses each TEI file once for every stage)."""
        base = base or Path(name)
        try:
            tree = parse_xml(data, name=name)
        except XMLInputError as exc:
            m = re.match(rf"{re.escape(name)}(?::(\d+))?: (.*)$", str(exc))
            line = int(m.group(1)) if m and m.group(1) else 0
            col = int(c.group(1)) if (c := re.search(r"column (\d+)", str(exc))) else 0
            return [Diagnostic(name, line, col, "error", m.group(2) if m else str(exc), "CG-WF")]
        refs, diagnostics = self._schemas_for(tree, base)
        for ref in refs:
            try:
                compiled = self._get(ref)
            except SchemaError as exc:
                diagnostics.append(Diagnostic(name, 0, 0, "error", str(exc), "CG-SCHEMA"))
                continue
            if ref.kind == "rng":
                diagnostics += compiled.check(tree, name)
            elif ref.kind == "xsd":
                diagnostics += _xsd_check(compiled, tree, name)
            else:
                diagnostics += _schematron_check(compiled, data, tree, name, node)
        return sorted(set(diagnostics))


# ---------------------------------------------------------------------- engines
def element_path(el: etree._Element) -> str:
    """'/TEI/text/body/div[2]/p[3]': local names, with a position where siblings share the name."""
    steps = []
    while el is not None and isinstance(el.tag, str):
        parent = el.getparent()
        name = etree.QName(el).localname
        if parent is not None:
            same = [c for c in parent if isinstance(c.tag, str) and c.tag == el.tag]
            if len(same) > 1:
                name += f"[{same.index(el) + 1}]"
        steps.append(name)
        el = parent
    return "/" + "/".join(reversed(steps))


def _column(el: etree._Element, source_lines: list[str] | None) -> int:
    if not source_lines or not el.sourceline or el.sourceline > len(source_lines):
        return 1
    col = source_lines[el.sourceline - 1].find("<" + etree.QName(el).localname)
    return col + 1 if col >= 0 else 1


class _RelaxNG:
    """lxml RELAX NG plus, for messages, which elements the grammar allows inside each element."""

    def __init__(self, path: Path) -> None:
        doc = parse_xml(path)
        self.schema = etree.RelaxNG(doc)
        self._grammar = doc.getroot()

    @cached_property
    def allowed(self) -> dict[str, set[str]]:
        # only messages about invalid files need it: computed then, not at start-up
        return _allowed_children(self._grammar)

    def check(self, tree: etree._ElementTree, name: str) -> list[Diagnostic]:
        if self.schema.validate(tree):
            return []
        out = []
        for entry in self.schema.error_log:
            message = entry.message
            xpath = ""
            nodes = tree.xpath(entry.path) if entry.path else []
            if nodes and isinstance(nodes[0], etree._Element):
                node = nodes[0]
                xpath = element_path(node)
                parent = node.getparent()
                if "expect element" in message and parent is not None:
                    expected = self.allowed.get(etree.QName(parent).localname)
                    if expected:
                        message += f"; inside <{etree.QName(parent).localname}> the schema allows: {', '.join(sorted(expected))}"
                elif "Expecting an element" in message or "got nothing" in message:
                    expected = self.allowed.get(etree.QName(node).localname)
                    if expected:
                        message = f"<{etree.QName(node).localname}> is missing required content; it may contain: {', '.join(sorted(expected))}"
            out.append(Diagnostic(name, entry.line or 0, (entry.column or 0) or 1, "error", message, "CG-RNG", xpath))
        return out


def _allowed_children(grammar: etree._Element) -> dict[str, set[str]]:
    ns = {"r": RNG_NS}
    defines = {d.get("name"): d for d in grammar.iter(f"{{{RNG_NS}}}define")}
    allowed: dict[str, set[str]] = {}

    def children(node, seen) -> set[str]:
        found: set[str] = set()
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "element":
                if child.get("name"):
                    found.add(child.get("name"))
            elif local == "ref" and child.get("name") not in seen:
                found |= children(defines[child.get("name")], seen | {child.get("name")})
            elif local not in ("attribute",):
                found |= children(child, seen)
        return found

    for element in grammar.iter(f"{{{RNG_NS}}}element"):
        if element.get("name"):
            allowed.setdefault(element.get("name"), set()).update(children(element, frozenset()))
    return allowed


def _xsd_check(schema, tree: etree._ElementTree, name: str) -> list[Diagnostic]:
    out = []
    for err in schema.iter_errors(tree):
        el = err.elem if isinstance(getattr(err, "elem", None), etree._Element) else None
        line = getattr(err, "sourceline", None) or (el.sourceline if el is not None else 0) or 0
        out.append(Diagnostic(name, line, 1, "error", err.reason or str(err.message), "CG-XSD", element_path(el) if el is not None else ""))
    return out


_QSTEP = re.compile(r"Q\{([^}]*)\}([\w.\-]+)")


def _schematron_check(executable, data: bytes, tree: etree._ElementTree, name: str, node=None) -> list[Diagnostic]:
    from .. import saxon

    node = node if node is not None else saxon.parse_document(data)
    with saxon._lock:
        result = executable.transform_to_string(xdm_node=node)
    report = etree.fromstring(result.encode("utf-8"))
    lines = data.decode("utf-8", errors="replace").split("\n")
    out = []
    for failure in report.iter(f"{{{RESULT_NS}}}failure"):
        xpath = _QSTEP.sub(lambda m: ("t:" if m.group(1) == TEI_NS else "") + m.group(2), failure.get("path"))
        try:
            found = tree.xpath(xpath, namespaces={"t": TEI_NS})
        except etree.XPathError:
            found = []
        el = found[0] if found and isinstance(found[0], etree._Element) else None
        severity = "warning" if failure.get("role") in ("warning", "warn", "info") else "error"
        out.append(Diagnostic(
            name,
            el.sourceline if el is not None else 0,
            _column(el, lines) if el is not None else 0,
            severity,
            " ".join("".join(failure.itertext()).split()),
            failure.get("code") or "CG-SCH",
            element_path(el) if el is not None else "",
        ))
    return out
