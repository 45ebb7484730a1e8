"""Reduce a RELAX NG grammar (XML syntax) to what one document can use, without changing its verdict.

libxml2 compiles tei_all.rng in ~13 s, but a document uses a few dozen of its ~600 elements. An `element`
or `attribute` pattern whose name is a plain name can only match a node with that name; if the document has
no such node, the pattern can never match anything in it, so replacing it by `notAllowed` cannot change
whether the document is valid. After that, `notAllowed` is propagated as in RELAX NG simplification
(spec section 4.19) — a group, interleave, oneOrMore, list, mixed or attribute holding it is notAllowed; a
choice drops it; optional and zeroOrMore of it become empty; a ref to a define that is notAllowed is
notAllowed — but never across an element boundary (an element whose content becomes notAllowed stays an
element, so that libxml2 reports the error where the full grammar reports it). Then every define the start
no longer reaches is dropped, with annotations (foreign elements and attributes, comments).

The same holds for any superset of the document's names: a grammar reduced for names S serves every
document whose names are a subset of S.

Grammars this module does not rewrite (include, externalRef, parentRef, nested grammars, define/@combine)
are reported by `reducible()`; they are compiled whole.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = f"{{{RNG_NS}}}"

Name = tuple[str, str]  # (namespace URI, local name)


def document_names(tree: etree._ElementTree | etree._Element) -> tuple[frozenset[Name], frozenset[Name]]:
    """The expanded names of the elements and of the attributes that occur in a document."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    elements: set[Name] = set()
    attributes: set[Name] = set()
    for el in root.iter(etree.Element):
        q = etree.QName(el)
        elements.add((q.namespace or "", q.localname))
        for key in el.attrib:
            a = etree.QName(key)
            attributes.add((a.namespace or "", a.localname))
    return frozenset(elements), frozenset(attributes)


def names_key(elements: Iterable[Name], attributes: Iterable[Name]) -> str:
    """A stable hash of a set of names (the cache key of a reduced grammar)."""
    text = "\n".join(["E"] + sorted(f"{{{n}}}{l}" for n, l in elements) + ["A"] + sorted(f"{{{n}}}{l}" for n, l in attributes))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def reducible(grammar: etree._Element) -> str | None:
    """None if `reduce_grammar` can rewrite this grammar, else why not."""
    if grammar.tag != _R + "grammar":
        return "the root is not a RELAX NG grammar"
    for el in grammar.iter(_R + "include", _R + "externalRef", _R + "parentRef", _R + "grammar"):
        if el is not grammar:
            return f"it uses <{etree.QName(el).localname}>"
    for el in grammar.iter(_R + "define", _R + "start"):
        if el.get("combine"):
            return "it combines definitions (@combine)"
    if len(grammar.findall(_R + "start")) != 1:
        return "it has no single <start>"
    return None


def _inherited_ns(el: etree._Element) -> str:
    while el is not None:
        ns = el.get("ns")
        if ns is not None:
            return ns
        el = el.getparent()
    return ""


def _pattern_name(pattern: etree._Element) -> Name | None:
    """The one expanded name an element/attribute pattern matches, or None for a wider name class."""
    is_attribute = pattern.tag == _R + "attribute"
    holder = pattern
    name = pattern.get("name")
    if name is None:
        first = next((c for c in pattern if isinstance(c.tag, str) and c.tag.startswith(_R)), None)
        if first is None or first.tag != _R + "name":
            return None
        holder, name = first, (first.text or "").strip()
        is_attribute = False  # a <name> child inherits ns like any name element
    if ":" in name:
        prefix, local = name.split(":", 1)
        uri = XML_NS if prefix == "xml" else holder.nsmap.get(prefix)
        return (uri, local) if uri is not None else None
    if is_attribute:
        return (pattern.get("ns") or "", name)
    return (_inherited_ns(holder), name)


_NOT_ALLOWED = object()


def reduce_grammar(grammar: etree._Element, elements: frozenset[Name], attributes: frozenset[Name]) -> etree._Element:
    """A reduced copy of `grammar` (see the module docstring); the input is not changed."""
    root = etree.fromstring(etree.tostring(grammar))
    for ann in [el for el in root.iter() if not isinstance(el.tag, str) or not el.tag.startswith(_R)]:
        ann.getparent().remove(ann)  # annotations; RELAX NG allows them only where text is whitespace
    for el in root.iter():
        for key in [k for k in el.attrib if k.startswith("{")]:
            del el.attrib[key]
    defines = {d.get("name"): d for d in root.iter(_R + "define")}
    status: dict[str, bool] = {}  # define name -> notAllowed?

    def dead_name(pattern: etree._Element) -> bool:
        name = _pattern_name(pattern)
        if name is None:
            return False
        return name not in (attributes if pattern.tag == _R + "attribute" else elements)

    def define_dead(name: str) -> bool:
        if name not in status:
            status[name] = False  # a ref cycle outside elements is not allowed in RELAX NG; stay safe
            status[name] = dead_group(defines[name]) if name in defines else False
        return status[name]

    def dead_group(parent: etree._Element) -> bool:
        return any(dead(c) for c in _patterns(parent))

    def dead(p: etree._Element) -> bool:
        tag = p.tag[len(_R):]
        if tag == "notAllowed":
            return True
        if tag == "ref":
            return define_dead(p.get("name"))
        if tag == "element":
            return dead_name(p)
        if tag == "attribute":
            return dead_name(p) or dead_group(p)
        if tag == "choice":
            return all(dead(c) for c in _patterns(p))
        if tag in ("group", "interleave", "oneOrMore", "list", "mixed"):
            return dead_group(p)
        return False  # empty, text, data, value, optional, zeroOrMore

    def rewrite(parent: etree._Element) -> None:
        """Rewrite the patterns under `parent` in place (element content is rewritten, not propagated)."""
        for child in _patterns(parent):
            tag = child.tag[len(_R):]
            if tag in ("ref", "notAllowed", "empty", "text", "data", "value"):
                if tag == "ref" and define_dead(child.get("name")):
                    _replace(child, "notAllowed")
                continue
            if tag in ("element", "attribute") and dead_name(child):
                _replace(child, "notAllowed")
                continue
            if tag in ("optional", "zeroOrMore") and dead_group(child):
                _replace(child, "empty")
                continue
            if tag != "element" and tag != "define" and tag != "start" and dead(child):
                _replace(child, "notAllowed")
                continue
            if tag == "choice":
                for alt in _patterns(child):
                    if dead(alt):
                        child.remove(alt)
            rewrite(child)

    for d in defines.values():
        rewrite(d)
    start = root.find(_R + "start")
    rewrite(start)

    for d in defines.values():
        _tidy(d)
    _tidy(start)

    # keep only what the start reaches
    reached: set[str] = set()
    todo = [start]
    while todo:
        for ref in todo.pop().iter(_R + "ref"):
            name = ref.get("name")
            if name not in reached and name in defines:
                reached.add(name)
                todo.append(defines[name])
    for name, d in defines.items():
        if name not in reached:
            d.getparent().remove(d)
    return root


def _patterns(parent: etree._Element) -> list[etree._Element]:
    """The child patterns of `parent`: not its name class, params or except."""
    kids = [c for c in parent if isinstance(c.tag, str) and c.tag.startswith(_R)]
    if parent.tag in (_R + "element", _R + "attribute") and parent.get("name") is None and kids:
        kids = kids[1:]  # the name class
    return [c for c in kids if c.tag not in (_R + "param", _R + "except")]


_CONTAINERS = ("group", "interleave", "choice", "optional", "zeroOrMore", "oneOrMore", "define", "start", "element", "mixed", "list")


def _tidy(parent: etree._Element) -> None:
    """Drop the `empty` patterns the rewrite left (group(p, empty) = p, etc.), bottom-up.

    libxml2 mis-validates some content models that hold empty beside other patterns (a listPerson whose
    person children it then rejects), and simplification drops them anyway (spec 4.20)."""
    for child in _patterns(parent):
        if child.tag[len(_R):] in _CONTAINERS and child.tag != _R + "element":
            _tidy(child)
        elif child.tag == _R + "element":
            _tidy(child)
    tag = parent.tag[len(_R):]
    kids = _patterns(parent)
    if tag in ("group", "interleave", "define", "start", "element", "mixed", "list", "optional", "zeroOrMore", "oneOrMore"):
        empties = [c for c in kids if c.tag == _R + "empty"]
        if empties and len(empties) < len(kids) or (tag in ("group", "interleave") and len(kids) > 1 and len(empties) == len(kids)):
            for c in empties[: len(empties) if len(empties) < len(kids) else len(empties) - 1]:
                parent.remove(c)
    elif tag == "choice":
        empties = [c for c in kids if c.tag == _R + "empty"]
        for c in empties[1:]:
            parent.remove(c)
    kids = _patterns(parent)
    if tag in ("group", "interleave", "choice", "optional", "zeroOrMore", "oneOrMore") and len(kids) == 1 and kids[0].tag == _R + "empty":
        _replace(parent, "empty")
    elif tag in ("group", "choice") and len(kids) == 1 and parent.getparent() is not None:
        kids[0].tail = parent.tail
        parent.getparent().replace(parent, kids[0])


def _replace(old: etree._Element, tag: str) -> None:
    new = etree.Element(_R + tag)
    new.tail = old.tail
    old.getparent().replace(old, new)
