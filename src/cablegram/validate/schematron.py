"""ISO Schematron (ISO/IEC 19757-3) → XSLT 3.0, compiled once and run through saxonche.

Supported, with tests in tests/test_schematron_iso.py:

- `include` (anywhere; `href` with an optional `#id`) and `extends` (`@rule` for abstract rules,
  `@href` for an external rule), resolved recursively, cycles refused;
- `ns`; `let` at schema, phase, pattern and rule level (`@value`, or content as the value);
- `phase` with `active`, selected by `phase=` (`--phase`), else `@defaultPhase`, else `#ALL`;
- `pattern` (first matching rule per node), abstract patterns (`@abstract`, `@is-a`, `param`),
  `group` (every matching rule fires), abstract rules (`rule/@abstract`, `extends`) also in `rules`;
- `assert`, `report` with `@id` (the code), `@role`, `@flag`, `@subject` (rule or assertion),
  `@diagnostics` (`diagnostics/diagnostic`), `@properties` (`properties/property`);
- messages with `value-of`, `name`, `emph`, `dir`, `span`;
- `xsl:key` and `xsl:function` at schema level (query binding xslt2/xslt3);
- `title`, `p`, `@see`, `@fpi`, `@icon`, `@schemaVersion`, `@xml:lang`: documentation, no effect.

Everything else in the Schematron namespace, and every XSLT element other than those two, is refused with
a SchematronError naming the construct: an unknown construct is never ignored. Query bindings xslt,
xslt2, xslt3, xpath2, xpath3 and xpath31 all run as XPath 3.1 (XPath 1.0 expressions keep their meaning
except in rare corner cases of comparisons on node-sets).

All patterns run in one traversal: every rule is a template; xsl:next-match lets every matching rule run,
and a tunnelled list of the patterns that have fired keeps the first-rule-per-pattern semantics. Each
failure carries `path()` of its subject so that it can be mapped back to a line of the source.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from ..xmlio import XMLInputError, parse_xml, quoteattr

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
RESULT_NS = "urn:cablegram:schematron-results"
_S = f"{{{SCH}}}"
_QUERY_BINDINGS = {"xslt", "xslt2", "xslt3", "xpath2", "xpath3", "xpath31"}
_XSL_ALLOWED = {"key", "function"}
_DOC_ATTRS = {"id", "see", "fpi", "icon", "role"}

# the attributes each Schematron element may carry (no namespace); anything else is refused
_ATTRS = {
    "schema": {"id", "see", "fpi", "icon", "queryBinding", "defaultPhase", "schemaVersion"},
    "include": {"href"},
    "extends": {"rule", "href"},
    "ns": {"prefix", "uri"},
    "let": {"name", "value", "as"},
    "phase": {"id", "see", "fpi", "icon"},
    "active": {"pattern"},
    "pattern": {"id", "see", "fpi", "icon", "abstract", "is-a"},
    "group": {"id", "see", "fpi", "icon"},
    "rules": set(),
    "param": {"name", "value"},
    "rule": {"id", "see", "fpi", "icon", "context", "abstract", "role", "flag", "subject"},
    "assert": {"id", "see", "fpi", "icon", "test", "role", "flag", "subject", "diagnostics", "properties"},
    "report": {"id", "see", "fpi", "icon", "test", "role", "flag", "subject", "diagnostics", "properties"},
    "diagnostics": set(),
    "diagnostic": {"id", "see", "fpi", "icon", "role"},
    "properties": set(),
    "property": {"id", "role", "scheme"},
    "value-of": {"select"},
    "name": {"path"},
    "emph": set(),
    "dir": {"value"},
    "span": {"class"},
    "title": set(),
    "p": {"id", "class", "icon"},
}
# where each element may stand (its parent's local name)
_PLACES = {
    "include": None,  # anywhere: resolved before anything else
    "extends": {"rule"},
    "ns": {"schema"},
    "let": {"schema", "phase", "pattern", "rule"},
    "phase": {"schema"},
    "active": {"phase"},
    "pattern": {"schema"},
    "group": {"schema"},
    "rules": {"schema"},
    "param": {"pattern"},
    "rule": {"pattern", "group", "rules"},
    "assert": {"rule"},
    "report": {"rule"},
    "diagnostics": {"schema"},
    "diagnostic": {"diagnostics"},
    "properties": {"schema"},
    "property": {"properties"},
    "value-of": {"assert", "report", "diagnostic", "property"},
    "name": {"assert", "report", "diagnostic", "property"},
    "emph": {"assert", "report", "diagnostic", "property", "p", "active"},
    "dir": {"assert", "report", "diagnostic", "property", "p", "active"},
    "span": {"assert", "report", "diagnostic", "property", "p", "active"},
    "title": {"schema", "phase", "pattern", "group", "rule"},
    "p": {"schema", "phase", "pattern", "group", "rule", "diagnostics", "properties"},
}


class SchematronError(ValueError):
    """The Schematron file cannot be compiled; the message names the file and the problem."""


# ------------------------------------------------------------------------------------------- loading
def load_schema(path: str | Path) -> etree._Element:
    """The schema with every `include` and `extends/@href` resolved, checked for unsupported constructs."""
    path = Path(path)
    root = _parse(path)
    if root.tag != _S + "schema":
        raise SchematronError(f"{path}: not an ISO Schematron schema (root element is {root.tag})")
    _resolve_includes(root, path, (path.resolve(),))
    _check_constructs(root, path)
    return root


def _parse(path: Path) -> etree._Element:
    try:
        return parse_xml(path).getroot()
    except (XMLInputError, OSError) as exc:
        raise SchematronError(str(exc)) from None


def _external(href: str, base: Path, where: str) -> tuple[etree._Element, Path]:
    file, _, fragment = href.partition("#")
    target = (base.parent / file).resolve() if file else base.resolve()
    if not target.is_file():
        raise SchematronError(f"{base}: {where} href '{href}' not found (looked for {target})")
    root = _parse(target)
    if fragment:
        found = root.xpath("//*[@id = $i or @xml:id = $i]", i=fragment)
        if not found:
            raise SchematronError(f"{base}: {where} href '{href}': no element with id '{fragment}' in {target}")
        root = found[0]
    return copy.deepcopy(root), target


def _resolve_includes(node: etree._Element, path: Path, chain: tuple[Path, ...]) -> None:
    for inc in list(node.iter(_S + "include", _S + "extends")):
        if inc.tag == _S + "extends" and inc.get("href") is None:
            continue  # extends/@rule: resolved when rules are expanded
        href = inc.get("href")
        if not href:
            raise SchematronError(f"{path}: <{etree.QName(inc).localname}> without @href")
        element, target = _external(href, path, etree.QName(inc).localname)
        if target in chain and "#" not in href:
            raise SchematronError(f"{path}: include cycle through {target}")
        _resolve_includes(element, target, chain + (target,))
        parent = inc.getparent()
        if inc.tag == _S + "include":
            if element.tag == _S + "schema":
                raise SchematronError(f"{path}: include href '{href}' names a whole schema; include its patterns or phases instead")
            element.tail = inc.tail
            parent.replace(inc, element)
        else:  # extends/@href: the children of an external rule stand in its place
            if element.tag != _S + "rule":
                raise SchematronError(f"{path}: extends href '{href}' does not name a rule")
            index = parent.index(inc)
            parent.remove(inc)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)


def _check_constructs(root: etree._Element, path: Path) -> None:
    binding = root.get("queryBinding", "xslt")
    if binding.lower() not in _QUERY_BINDINGS:
        raise SchematronError(f"{path}: queryBinding '{binding}' is not supported (use xslt, xslt2, xslt3 or xpath2/3/31)")
    for el in root.iter(etree.Element):
        qname = etree.QName(el)
        line = f"{path}:{el.sourceline or 0}"
        if qname.namespace == XSL:
            if etree.QName(el.getparent()).namespace == XSL:
                continue  # the body of an xsl:function
            if el.getparent() is not root or qname.localname not in _XSL_ALLOWED:
                raise SchematronError(f"{line}: <xsl:{qname.localname}> is not supported here (only xsl:key and xsl:function, "
                                      "as children of the schema)")
            continue
        if qname.namespace != SCH:
            continue  # foreign elements: documentation (inside messages their text is kept)
        local = qname.localname
        if local not in _ATTRS and local != "schema":
            raise SchematronError(f"{line}: <sch:{local}> is not supported by cablegram's Schematron compiler")
        parent = el.getparent()
        parent_local = etree.QName(parent).localname if parent is not None and etree.QName(parent).namespace == SCH else None
        places = _PLACES.get(local)
        if local != "schema" and places is not None and parent_local not in places:
            if not (parent_local is None and parent is not None and local in ("value-of", "name", "emph", "dir", "span")):
                raise SchematronError(f"{line}: <sch:{local}> is not allowed inside <{parent_local or etree.QName(parent).localname}>")
        for attr in el.attrib:
            if attr.startswith("{"):
                continue  # foreign attributes, xml:lang, xml:space: no effect on validation
            if attr not in _ATTRS[local]:
                raise SchematronError(f"{line}: @{attr} on <sch:{local}> is not supported by cablegram's Schematron compiler")


# ------------------------------------------------------------------------------------------- expanding
def _instantiate_abstract_patterns(root: etree._Element, path: Path) -> None:
    abstract = {p.get("id"): p for p in root.findall(_S + "pattern") if p.get("abstract") == "true"}
    for pattern in root.findall(_S + "pattern"):
        base_id = pattern.get("is-a")
        if base_id is None:
            if pattern.findall(_S + "param"):
                raise SchematronError(f"{path}: pattern '{pattern.get('id')}' has params but no @is-a")
            continue
        if base_id not in abstract:
            raise SchematronError(f"{path}: pattern '{pattern.get('id')}' is-a '{base_id}', but no abstract pattern has that id")
        if pattern.findall(_S + "rule"):
            raise SchematronError(f"{path}: pattern '{pattern.get('id')}' has @is-a and rules of its own")
        params = {p.get("name"): p.get("value") for p in pattern.findall(_S + "param")}
        if None in params or None in params.values():
            raise SchematronError(f"{path}: a param of pattern '{pattern.get('id')}' lacks @name or @value")
        body = copy.deepcopy(abstract[base_id])
        used = _param_refs(body)
        missing = used - set(params)
        if missing:
            raise SchematronError(f"{path}: pattern '{pattern.get('id')}' gives no value for ${', $'.join(sorted(missing))} "
                                  f"(used by abstract pattern '{base_id}')")
        for p in pattern.findall(_S + "param"):
            pattern.remove(p)
        for child in body:
            if etree.QName(child).localname in ("rule", "let"):
                _substitute(child, params)
                pattern.append(child)
    for pattern in abstract.values():
        pattern.getparent().remove(pattern)


_QUERY_ATTRS = ("context", "test", "select", "value", "path", "subject")


def _param_refs(node: etree._Element) -> set[str]:
    names: set[str] = set()
    for el in node.iter(etree.Element):
        for attr in _QUERY_ATTRS:
            if el.get(attr):
                names |= set(re.findall(r"\$([\w.\-]+)", el.get(attr)))
    lets = {el.get("name") for el in node.iter(_S + "let")}
    return names - lets


def _substitute(node: etree._Element, params: dict[str, str]) -> None:
    names = sorted(params, key=len, reverse=True)
    pattern = re.compile(r"\$(" + "|".join(map(re.escape, names)) + r")(?![\w.\-])") if names else None
    for el in node.iter(etree.Element):
        for attr in _QUERY_ATTRS:
            if pattern and el.get(attr):
                el.set(attr, pattern.sub(lambda m: params[m.group(1)], el.get(attr)))


def _expand_rules(root: etree._Element, path: Path) -> None:
    """Replace each `extends/@rule` by the referenced abstract rule's content; drop abstract rules."""
    abstract = {}
    for rule in root.iter(_S + "rule"):
        if rule.get("abstract") == "true":
            if not rule.get("id"):
                raise SchematronError(f"{path}: an abstract rule has no @id")
            if rule.get("context"):
                raise SchematronError(f"{path}: abstract rule '{rule.get('id')}' has a @context")
            abstract[rule.get("id")] = rule

    def expand(rule: etree._Element, chain: tuple[str, ...]) -> None:
        for ext in rule.findall(_S + "extends"):
            target = ext.get("rule")
            if target not in abstract:
                raise SchematronError(f"{path}: extends rule='{target}', but no abstract rule has that id")
            if target in chain:
                raise SchematronError(f"{path}: abstract rule '{target}' extends itself")
            body = copy.deepcopy(abstract[target])
            expand(body, chain + (target,))
            index = rule.index(ext)
            rule.remove(ext)
            for offset, child in enumerate(c for c in body if isinstance(c.tag, str)):
                rule.insert(index + offset, child)

    for rule in list(root.iter(_S + "rule")):
        if rule.get("abstract") != "true":
            expand(rule, ())
    for rule in abstract.values():
        rule.getparent().remove(rule)
    for rules in root.findall(_S + "rules"):
        root.remove(rules)


def phases(path: str | Path) -> list[str]:
    """The ids of the phases a schema declares."""
    return [p.get("id") for p in load_schema(path).findall(_S + "phase")]


def _active_patterns(root: etree._Element, phase: str | None, path: Path) -> tuple[list[etree._Element], list[etree._Element]]:
    """The patterns (and groups) to run, and the lets of the active phase."""
    units = [u for u in root if u.tag in (_S + "pattern", _S + "group")]
    chosen = phase or root.get("defaultPhase") or "#ALL"
    if chosen == "#DEFAULT":
        chosen = root.get("defaultPhase") or "#ALL"
    if chosen == "#ALL":
        return units, []
    declared = {p.get("id"): p for p in root.findall(_S + "phase")}
    if chosen not in declared:
        known = ", ".join(sorted(declared)) or "none"
        raise SchematronError(f"{path}: no phase '{chosen}' (phases: {known}, #ALL, #DEFAULT)")
    by_id = {u.get("id"): u for u in units if u.get("id")}
    active = []
    for a in declared[chosen].findall(_S + "active"):
        if a.get("pattern") not in by_id:
            raise SchematronError(f"{path}: phase '{chosen}' activates '{a.get('pattern')}', but no pattern has that id")
        active.append(a.get("pattern"))
    return [u for u in units if u.get("id") in active], declared[chosen].findall(_S + "let")


# ------------------------------------------------------------------------------------------- compiling
def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _message(node: etree._Element) -> str:
    """XSLT that writes the text of an assertion, diagnostic or property (value-of, name, emph/dir/span)."""
    parts = [f"<xsl:text>{_esc(node.text or '')}</xsl:text>"]
    for child in node:
        if not isinstance(child.tag, str):
            parts.append(f"<xsl:text>{_esc(child.tail or '')}</xsl:text>")
            continue
        local = etree.QName(child).localname
        if etree.QName(child).namespace == SCH and local == "value-of":
            parts.append(f"<xsl:value-of select={quoteattr(child.get('select'))} separator=' '/>")
        elif etree.QName(child).namespace == SCH and local == "name":
            parts.append(f"<xsl:value-of select={quoteattr('name(' + child.get('path', '.') + ')')}/>")
        elif etree.QName(child).namespace == SCH:
            parts.append(_message(child))  # emph, dir, span: their text (and any value-of inside)
        else:
            parts.append(f"<xsl:text>{_esc(''.join(child.itertext()))}</xsl:text>")
        parts.append(f"<xsl:text>{_esc(child.tail or '')}</xsl:text>")
    return "".join(parts)


def _variable(let: etree._Element, context_root: bool = False) -> str:
    name = let.get("name")
    if not name:
        raise SchematronError(f"a <let> has no @name (line {let.sourceline})")
    as_attr = f" as={quoteattr(let.get('as'))}" if let.get("as") else ""
    value = let.get("value")
    if value is None:  # ISO 2016: the content is the value (a fragment of XML)
        content = "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in let)
        return f'<xsl:variable name="{name}"{as_attr}>{_esc(let.text or "")}{content}</xsl:variable>'
    if context_root:  # pattern-level lets are evaluated with the document root as context
        as_attr = as_attr or ' as="item()*"'
        return (f'<xsl:variable name="{name}"{as_attr}><xsl:for-each select="/">'
                f"<xsl:sequence select={quoteattr(value)}/></xsl:for-each></xsl:variable>")
    return f"<xsl:variable name=\"{name}\"{as_attr} select={quoteattr(value)}/>"


def compile_schematron(path: str | Path, phase: str | None = None) -> str:
    """The XSLT 3.0 text that runs the rules of a Schematron file (of `phase`, else the default phase)."""
    path = Path(path)
    root = load_schema(path)
    _instantiate_abstract_patterns(root, path)
    _expand_rules(root, path)
    units, phase_lets = _active_patterns(root, phase, path)

    namespaces = {}
    for n in root.findall(_S + "ns"):
        if not n.get("prefix") or n.get("uri") is None:
            raise SchematronError(f"{path}: <ns> needs @prefix and @uri (line {n.sourceline})")
        namespaces[n.get("prefix")] = n.get("uri")
    # the stylesheet declares xsl, xs and r itself; a schema's own <ns prefix="xs"> (common, e.g. CMIF) must
    # not repeat it, and must not bind one of them to another namespace
    own = {"xsl": XSL, "xs": "http://www.w3.org/2001/XMLSchema", "r": RESULT_NS}
    for p, u in namespaces.items():
        if p in own and u != own[p]:
            raise SchematronError(f"{path}: <ns prefix={p!r}> binds a prefix the compiled stylesheet needs for {own[p]}")
    ns_decls = " ".join(f"xmlns:{p}={quoteattr(u)}" for p, u in namespaces.items() if p not in own)
    diagnostics = {d.get("id"): d for d in root.iter(_S + "diagnostic")}
    properties = {p.get("id"): p for p in root.iter(_S + "property")}

    # which nodes the traversal visits: elements always; attributes, text, comments and processing
    # instructions only when some rule context can match them (visiting every text node costs ~10%)
    contexts = " ".join(rule.get("context") or "" for unit in units for rule in unit.findall(_S + "rule"))
    visit = ["*"]
    if "@" in contexts or "attribute::" in contexts:
        visit.insert(0, "@*")
    if re.search(r"\b(node|text|comment|processing-instruction)\s*\(", contexts):
        visit = ["@*", "node()"]
    out = [
        f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL}" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:r="{RESULT_NS}" {ns_decls} exclude-result-prefixes="#all">',
        '<xsl:output method="xml" encoding="UTF-8"/>',
        '<xsl:template match="/"><r:results><xsl:apply-templates select="." mode="check"/></r:results></xsl:template>',
        # after every rule that matches a node has run (through next-match), go on to what it holds
        f'<xsl:template match="node() | document-node()" mode="check" priority="-1000"><xsl:apply-templates select="{" | ".join(visit)}" mode="check">'
        '<xsl:with-param name="fired" tunnel="yes" select="()"/></xsl:apply-templates></xsl:template>',
        '<xsl:template match="@*" mode="check" priority="-1000"/>',
    ]
    # xsl:key and xsl:function (allowed with the xslt2/3 query bindings) are copied: indexes make id and
    # pointer checks linear instead of quadratic
    for el in root:
        if isinstance(el.tag, str) and etree.QName(el).namespace == XSL:
            out.append(etree.tostring(el, encoding="unicode", with_tail=False))
    for let in root.findall(_S + "let") + phase_lets:
        out.append(_variable(let))

    # (unit index, first-match semantics?, pattern lets, rule)
    all_rules = []
    for i, unit in enumerate(units):
        first_match = unit.tag == _S + "pattern"
        lets = unit.findall(_S + "let")
        for j, rule in enumerate(unit.findall(_S + "rule")):
            all_rules.append((i if first_match else f"{i}.{j}", lets, rule))
    unit_ids = {}
    for order, (unit, pattern_lets, rule) in enumerate(all_rules):
        unit_key = unit_ids.setdefault(unit, len(unit_ids))
        context = rule.get("context")
        if not context:
            raise SchematronError(f"{path}: a rule (line {rule.sourceline}) has no @context")
        body = [_variable(let, context_root=True) for let in pattern_lets]
        body += [_variable(let) for let in rule.findall(_S + "let")]
        for check in rule:
            if not isinstance(check.tag, str) or check.tag not in (_S + "assert", _S + "report"):
                continue
            test = check.get("test")
            if not test:
                raise SchematronError(f"{path}: an {etree.QName(check).localname} (line {check.sourceline}) has no @test")
            condition = f"not({test})" if check.tag == _S + "assert" else test
            code = check.get("id") or ""
            role = check.get("role") or rule.get("role") or "error"
            subject = check.get("subject") or rule.get("subject")
            where = f"{{path(({subject})[1])}}" if subject else "{path()}"
            extras = []
            for ref in (check.get("diagnostics") or "").split():
                if ref not in diagnostics:
                    raise SchematronError(f"{path}: diagnostics='{ref}' (line {check.sourceline}), but no diagnostic has that id")
                extras.append(f'<r:diagnostic id={quoteattr(ref)}>{_message(diagnostics[ref])}</r:diagnostic>')
            for ref in (check.get("properties") or "").split():
                if ref not in properties:
                    raise SchematronError(f"{path}: properties='{ref}' (line {check.sourceline}), but no property has that id")
                prop = properties[ref]
                extras.append(f'<r:property id={quoteattr(ref)} role={quoteattr(prop.get("role") or "")}>{_message(prop)}</r:property>')
            flag = check.get("flag") or rule.get("flag") or ""
            body.append(
                f"<xsl:if test={quoteattr(condition)}>"
                f'<r:failure code={quoteattr(code)} role={quoteattr(role)} flag={quoteattr(flag)} path="{where}">'
                f"<r:text>{_message(check)}</r:text>{''.join(extras)}</r:failure>"
                "</xsl:if>"
            )
        out.append(
            f"<xsl:template match={quoteattr(context)} mode=\"check\" priority=\"{len(all_rules) - order}\">"
            '<xsl:param name="fired" tunnel="yes" as="xs:integer*" select="()"/>'
            f'<xsl:choose><xsl:when test="{unit_key} = $fired"><xsl:next-match/></xsl:when><xsl:otherwise>'
            + "".join(body)
            + f'<xsl:next-match><xsl:with-param name="fired" tunnel="yes" select="($fired, {unit_key})"/></xsl:next-match>'
            "</xsl:otherwise></xsl:choose></xsl:template>"
        )
    out.append("</xsl:stylesheet>")
    return "\n".join(out)


def rule_codes(path: str | Path) -> dict[str, str]:
    """Code → role of every assert/report, e.g. {'CG-E001': 'error'}."""
    root = load_schema(path)
    return {
        el.get("id"): el.get("role") or "error"
        for el in root.iter(_S + "assert", _S + "report")
        if el.get("id")
    }
