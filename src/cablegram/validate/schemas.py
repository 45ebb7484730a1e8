"""Which schemas apply, what kind each is, and how hrefs resolve (XML catalogs)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..resources import resource
from ..xmlio import XMLInputError, parse_xml

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NSS = ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron")
XSD_NS = "http://www.w3.org/2001/XMLSchema"
KIND_BY_NS = {RNG_NS: "rng", XSD_NS: "xsd", **{n: "sch" for n in SCH_NSS}}


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
    if not path.is_file():
        raise SchemaError(f"{path}: schema file not found")
    try:
        ns = etree.QName(parse_xml(path).getroot()).namespace
    except XMLInputError as exc:
        raise SchemaError(str(exc)) from None
    if ns not in KIND_BY_NS:
        raise SchemaError(f"{path}: not a RELAX NG (XML syntax), Schematron or XSD schema")
    return KIND_BY_NS[ns]


class Catalog:
    """An OASIS XML catalog: `uri`, `system`, `rewriteURI` and `rewriteSystem` entries."""

    CAT = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

    def __init__(self, path: Path) -> None:
        try:
            root = parse_xml(path).getroot()
        except (XMLInputError, OSError) as exc:
            raise SchemaError(f"catalog {exc}") from None
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
