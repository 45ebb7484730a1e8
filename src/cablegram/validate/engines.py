"""Running a compiled Schematron or XSD schema on a document, and turning its findings into Diagnostics."""
from __future__ import annotations

import re

from lxml import etree

from .diagnostics import Diagnostic, diagnostic, element_path, source_column
from .schematron import RESULT_NS

_QSTEP = re.compile(r"Q\{([^}]*)\}([\w.\-]+)")
_WARNING_ROLES = {"warning", "warn", "info", "information", "caution"}


def schematron_check(executable, data: bytes, tree: etree._ElementTree, name: str, node=None) -> list[Diagnostic]:
    from .. import saxon

    node = node if node is not None else saxon.parse_document(data)
    with saxon._lock:
        result = executable.transform_to_string(xdm_node=node)
    report = etree.fromstring(result.encode("utf-8"))
    out = []
    r = f"{{{RESULT_NS}}}"
    failures = list(report.iter(r + "failure"))
    lines = data.decode("utf-8", errors="replace").split("\n") if failures else None  # for columns; most files have none
    for failure in failures:
        el = _node_at(tree, failure.get("path") or "")
        message = " ".join("".join(failure.find(r + "text").itertext()).split())
        for extra in failure.iter(r + "diagnostic", r + "property"):
            text = " ".join("".join(extra.itertext()).split())
            if text:
                message += f" — {text}" if extra.tag == r + "diagnostic" else f" [{extra.get('id')}: {text}]"
        severity = "warning" if (failure.get("role") or "").lower() in _WARNING_ROLES else "error"
        out.append(diagnostic(
            failure.get("code") or "CG-SCH", severity, message, name,
            el.sourceline if el is not None else 0,
            source_column(el, lines) if el is not None else 0,
            element_path(el) if el is not None else failure.get("path") or "",
        ))
    return out


def _node_at(tree: etree._ElementTree, path: str):
    """The element a Saxon path() points to (an attribute's or text node's path gives its element)."""
    if not path:
        return None
    prefixes: dict[str, str] = {}

    def step(m: re.Match) -> str:
        if not m.group(1):
            return m.group(2)
        return prefixes.setdefault(m.group(1), f"n{len(prefixes)}") + ":" + m.group(2)

    xpath = _QSTEP.sub(step, path)
    xpath = re.sub(r"/(@[^/]*|text\(\)(\[\d+\])?|comment\(\)(\[\d+\])?|processing-instruction\([^)]*\)(\[\d+\])?)$", "", xpath) or "/*"
    try:
        found = tree.xpath(xpath, namespaces={p: uri for uri, p in prefixes.items()})
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


def xsd_check(schema, tree: etree._ElementTree, name: str) -> list[Diagnostic]:
    out = []
    for err in schema.iter_errors(tree):
        el = err.elem if isinstance(getattr(err, "elem", None), etree._Element) else None
        line = getattr(err, "sourceline", None) or (el.sourceline if el is not None else 0) or 0
        out.append(diagnostic("CG-XSD", "error", err.reason or str(err.message), name, line, 1,
                              element_path(el) if el is not None else ""))
    return out
