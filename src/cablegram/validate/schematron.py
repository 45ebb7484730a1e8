"""ISO Schematron → XSLT 3.0, compiled once and run through saxonche.

A small, complete-enough compiler for the Schematron we write: `ns`, `pattern`, `rule/@context`,
rule-level `let`, `assert` and `report` with `@id` (the rule code) and `@role`, messages with
`value-of` and `name`, and `xsl:key`. All patterns run in one traversal of the document; as in
Schematron, a node is handled by the first rule of each pattern whose context matches it. Each failure comes out with `path()` so that it can be mapped back
to a line of the source.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..xmlio import parse_xml, quoteattr

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
RESULT_NS = "urn:cablegram:schematron-results"


class SchematronError(ValueError):
    """The Schematron file cannot be compiled; the message names the file and the problem."""


def _message(node: etree._Element) -> str:
    parts = [f"<xsl:text>{_esc(node.text or '')}</xsl:text>"]
    for child in node:
        local = etree.QName(child).localname
        if local == "value-of":
            parts.append(f"<xsl:value-of select={quoteattr(child.get('select'))}/>")
        elif local == "name":
            parts.append(f"<xsl:value-of select={quoteattr('name(' + child.get('path', '.') + ')')}/>")
        else:
            parts.append(f"<xsl:text>{_esc(''.join(child.itertext()))}</xsl:text>")
        parts.append(f"<xsl:text>{_esc(child.tail or '')}</xsl:text>")
    return "".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def compile_schematron(path: str | Path) -> str:
    """The XSLT 3.0 text that runs every rule of a Schematron file."""
    try:
        root = parse_xml(path).getroot()
    except ValueError as exc:
        raise SchematronError(str(exc)) from None
    if root.tag != f"{{{SCH}}}schema":
        raise SchematronError(f"{path}: not an ISO Schematron schema (root element is {root.tag})")
    ns = {"sch": SCH}
    namespaces = {n.get("prefix"): n.get("uri") for n in root.findall("sch:ns", ns)}
    ns_decls = " ".join(f"xmlns:{p}={quoteattr(u)}" for p, u in namespaces.items())
    patterns = root.findall("sch:pattern", ns)
    out = [
        f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL}" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:r="{RESULT_NS}" {ns_decls} exclude-result-prefixes="#all">',
        '<xsl:output method="xml" encoding="UTF-8"/>',
        '<xsl:template match="/"><r:results><xsl:apply-templates select="*" mode="check"/></r:results></xsl:template>',
        # after every rule that matches an element has run (through next-match), go on to its children
        '<xsl:template match="*" mode="check" priority="-1000"><xsl:apply-templates select="*" mode="check">'
        '<xsl:with-param name="fired" tunnel="yes" select="()"/></xsl:apply-templates></xsl:template>',
    ]
    # xsl:key elements in the schema (allowed with queryBinding xslt2) are copied: indexes make
    # id and pointer checks linear instead of quadratic
    for key in root.findall(f"{{{XSL}}}key"):
        out.append(etree.tostring(key, encoding="unicode", with_tail=False))
    # One traversal for all patterns: each rule is a template; xsl:next-match lets every matching rule
    # run, and the tunnelled $fired keeps Schematron's first-matching-rule-per-pattern semantics.
    all_rules = [(i, rule) for i, pattern in enumerate(patterns) for rule in pattern.findall("sch:rule", ns)]
    for order, (i, rule) in enumerate(all_rules):
        context = rule.get("context")
        if not context:
            raise SchematronError(f"{path}: a rule in pattern {patterns[i].get('id') or i} has no @context")
        body = []
        for let in rule.findall("sch:let", ns):
            body.append(f'<xsl:variable name="{let.get("name")}" select={quoteattr(let.get("value"))}/>')
        for check in rule:
            local = etree.QName(check).localname
            if local not in ("assert", "report"):
                continue
            test = check.get("test")
            condition = f"not({test})" if local == "assert" else test
            code = check.get("id") or ""
            role = check.get("role") or "error"
            body.append(
                f"<xsl:if test={quoteattr(condition)}>"
                f'<r:failure code={quoteattr(code)} role={quoteattr(role)} path="{{path()}}">{_message(check)}</r:failure>'
                "</xsl:if>"
            )
        out.append(
            f"<xsl:template match={quoteattr(context)} mode=\"check\" priority=\"{len(all_rules) - order}\">"
            '<xsl:param name="fired" tunnel="yes" as="xs:integer*" select="()"/>'
            f'<xsl:choose><xsl:when test="{i} = $fired"><xsl:next-match/></xsl:when><xsl:otherwise>'
            + "".join(body)
            + f'<xsl:next-match><xsl:with-param name="fired" tunnel="yes" select="($fired, {i})"/></xsl:next-match>'
            "</xsl:otherwise></xsl:choose></xsl:template>"
        )
    out.append("</xsl:stylesheet>")
    return "\n".join(out)


def rule_codes(path: str | Path) -> dict[str, str]:
    """Code → role of every assert/report, e.g. {'CG-E001': 'error'}."""
    root = parse_xml(path).getroot()
    return {
        el.get("id"): el.get("role") or "error"
        for el in root.iter(f"{{{SCH}}}assert", f"{{{SCH}}}report")
        if el.get("id")
    }
