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

from ..xmlio import quoteattr

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = f"{{{RNG_NS}}}"

Name = tuple[str, str]  # (namespace URI, local name)


def document_names(tree: etree._ElementTree | etree._Element) -> tuple[frozenset[Name], frozenset[Name]]:
    """The expanded names of the elements and of the attributes that occur in a document."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    tags: set[str] = set()
    keys: set[str] = set()
    for el in root.iter(etree.Element):  # Clark names as lxml gives them: cheap; split once per distinct name
        tags.add(el.tag)
        keys.update(el.attrib.keys())
    return frozenset(map(_split, tags)), frozenset(map(_split, keys))


def _split(clark: str) -> Name:
    if clark[0] == "{":
        ns, _, local = clark[1:].partition("}")
        return ns, local
    return "", clark


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
    if sum(1 for _ in grammar.iter(_R + "start")) != 1:
        return "it has no single <start>"
    return None


def inherited_ns(el: etree._Element) -> str:
    while el is not None:
        ns = el.get("ns")
        if ns is not None:
            return ns
        el = el.getparent()
    return ""


def pattern_name(pattern: etree._Element) -> Name | None:
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
    return (inherited_ns(holder), name)


_EMPTY = "<empty/>"


def reduce_grammar_text(grammar: etree._Element, elements: frozenset[Name], attributes: frozenset[Name]) -> str:
    """The reduced grammar as XML text (see the module docstring). `grammar` is only read.

    One read-only pass that writes text: copying and editing a 1 MB lxml tree costs more than the
    reduction itself. Inherited `ns` and `datatypeLibrary` are written out on every element, attribute,
    name, nsName, data and value, since wrappers around them may disappear."""
    defines: dict[str, list[etree._Element]] = {}
    for d in grammar.iter(_R + "define"):
        defines.setdefault(d.get("name"), []).append(d)
    status: dict[str, bool] = {}  # define name -> notAllowed?
    start = next(grammar.iter(_R + "start"))
    # the possible root elements are always kept (a superset of names is as safe), so that a document
    # with the wrong root is told which roots the grammar expects
    elements = elements | _root_names(start, defines)

    def dead_name(pattern: etree._Element) -> bool:
        name = pattern_name(pattern)
        if name is None:
            return False
        return name not in (attributes if pattern.tag == _R + "attribute" else elements)

    def define_dead(name: str) -> bool:
        if name not in status:
            status[name] = False  # a ref cycle outside elements is not allowed in RELAX NG; stay safe
            status[name] = any(dead(c) for d in defines.get(name, ()) for c in _patterns(d))
        return status[name]

    def dead(p: etree._Element) -> bool:
        tag = p.tag
        if tag == _R + "notAllowed":
            return True
        if tag == _R + "ref":
            return define_dead(p.get("name"))
        if tag == _R + "element":
            return dead_name(p)
        if tag == _R + "attribute":
            return dead_name(p) or any(dead(c) for c in _patterns(p))
        if tag == _R + "choice":
            return all(dead(c) for c in _patterns(p))
        if tag in _ALL_OF:
            return any(dead(c) for c in _patterns(p))
        return False  # empty, text, data, value, optional, zeroOrMore

    reached: list[str] = []
    seen: set[str] = set()

    def seq(parent: etree._Element) -> str | None:
        """The children of `parent` as a group: None if notAllowed, _EMPTY if empty."""
        parts = []
        for c in _patterns(parent):
            text = emit(c)
            if text is None:
                return None
            if text != _EMPTY:
                parts.append(text)
        if not parts:
            return _EMPTY
        return parts[0] if len(parts) == 1 else "<group>" + "".join(parts) + "</group>"

    def emit(p: etree._Element) -> str | None:
        tag = p.tag[len(_R):]
        if tag == "notAllowed":
            return None
        if tag == "ref":
            name = p.get("name")
            if define_dead(name):
                return None
            if name not in seen:
                seen.add(name)
                reached.append(name)
            return f"<ref name={quoteattr(name)}/>"
        if tag == "empty":
            return _EMPTY
        if tag == "text":
            return "<text/>"
        if tag in ("data", "value"):
            return _raw(p)
        if tag in ("element", "attribute"):
            if dead_name(p):
                return None
            content = seq(p)
            if content is None:
                if tag == "attribute":
                    return None
                content = "<notAllowed/>"  # an element boundary: the error stays at this element
            elif content == _EMPTY and tag == "attribute":
                content = "<text/>"  # an attribute's content defaults to text; empty matches only ""
                if any(True for _ in _patterns(p)):
                    content = _EMPTY
            return f"<{tag}{_name_attrs(p)}>{_name_class_text(p)}{content}</{tag}>"
        if tag in ("optional", "zeroOrMore"):
            content = seq(p)
            return _EMPTY if content in (None, _EMPTY) else f"<{tag}>{content}</{tag}>"
        if tag == "oneOrMore":
            content = seq(p)
            return content if content in (None, _EMPTY) else f"<oneOrMore>{content}</oneOrMore>"
        if tag == "group":
            return seq(p)
        if tag in ("interleave", "mixed", "list"):
            parts = []
            for c in _patterns(p):
                text = emit(c)
                if text is None:
                    return None
                if text != _EMPTY:
                    parts.append(text)
            if tag == "interleave":
                if not parts:
                    return _EMPTY
                return parts[0] if len(parts) == 1 else "<interleave>" + "".join(parts) + "</interleave>"
            return f"<{tag}>" + ("".join(parts) or _EMPTY) + f"</{tag}>"
        if tag == "choice":
            parts = []
            for c in _patterns(p):
                text = emit(c)
                if text is not None and text not in parts:
                    parts.append(text)
            if not parts:
                return None
            return parts[0] if len(parts) == 1 else "<choice>" + "".join(parts) + "</choice>"
        raise ValueError(f"unexpected RELAX NG pattern <{tag}>")

    body = seq(start)
    out = [f"<start>{'<notAllowed/>' if body is None else body}</start>"]
    i = 0
    while i < len(reached):  # emitting a define may reach more
        name = reached[i]
        i += 1
        if len(defines.get(name, ())) != 1:
            raise ValueError(f"define '{name}' is {'missing' if name not in defines else 'given more than once'}")
        content = seq(defines[name][0])
        out.append(f"<define name={quoteattr(name)}>{_EMPTY if content is None else content}</define>")
    root_attrs = f' datatypeLibrary={quoteattr(_inherited(grammar, "datatypeLibrary"))}' if _inherited(grammar, "datatypeLibrary") else ""
    return f'<grammar xmlns="{RNG_NS}"{root_attrs}>' + "".join(out) + "</grammar>"


def reduce_grammar(grammar: etree._Element, elements: frozenset[Name], attributes: frozenset[Name]) -> etree._Element:
    """The reduced grammar as a tree (see `reduce_grammar_text`)."""
    return etree.fromstring(reduce_grammar_text(grammar, elements, attributes))


def _root_names(start: etree._Element, defines: dict[str, list[etree._Element]]) -> set[Name]:
    names: set[Name] = set()
    todo, seen = [start], set()
    while todo:
        for child in _patterns(todo.pop()):
            if child.tag == _R + "element":
                name = pattern_name(child)
                if name is not None:
                    names.add(name)
            elif child.tag == _R + "ref":
                if child.get("name") not in seen:
                    seen.add(child.get("name"))
                    todo.extend(defines.get(child.get("name"), ()))
            elif child.tag != _R + "attribute":
                todo.append(child)
    return names


_ALL_OF = frozenset(_R + t for t in ("group", "interleave", "oneOrMore", "list", "mixed"))


def _inherited(el: etree._Element, attr: str) -> str:
    while el is not None:
        value = el.get(attr)
        if value is not None:
            return value
        el = el.getparent()
    return ""


def _name_attrs(p: etree._Element) -> str:
    """The name of an element or attribute pattern with its namespace made explicit."""
    name = p.get("name")
    if name is None:
        return ""
    resolved = pattern_name(p)
    if resolved is None:
        raise ValueError(f"unresolvable name '{name}'")
    return f" name={quoteattr(resolved[1])} ns={quoteattr(resolved[0])}"


def _name_class_text(p: etree._Element) -> str:
    if p.get("name") is not None:
        return ""
    first = next(c for c in p if isinstance(c.tag, str) and c.tag.startswith(_R))
    return _raw(first)


def _raw(el: etree._Element) -> str:
    """A name class, data or value pattern as text, annotations left out, inheritance made explicit."""
    tag = el.tag[len(_R):]
    attrs = {k: v for k, v in el.attrib.items() if not k.startswith("{")}
    if tag in ("name", "nsName", "value"):
        attrs.setdefault("ns", _inherited(el, "ns"))
    if tag in ("data", "value"):
        # as inherited, also for a value without @type: the engine then reads it exactly as in the whole grammar
        attrs.setdefault("datatypeLibrary", _inherited(el, "datatypeLibrary"))
    if tag == "name" and ":" in (el.text or ""):
        prefix, local = el.text.strip().split(":", 1)
        attrs["ns"] = XML_NS if prefix == "xml" else el.nsmap.get(prefix, "")
        text = local
    else:
        text = el.text or ""
    inner = "".join(_raw(c) for c in el if isinstance(c.tag, str) and c.tag.startswith(_R))
    if tag not in ("name", "value", "param"):
        text = ""
    attr_text = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
    return f"<{tag}{attr_text}>{_esc(text)}{inner}</{tag}>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_PATTERN_TAGS = frozenset(_R + t for t in (
    "element", "attribute", "group", "interleave", "choice", "optional", "zeroOrMore", "oneOrMore", "list", "mixed",
    "ref", "empty", "text", "value", "data", "notAllowed"))
_NAMED = frozenset((_R + "element", _R + "attribute"))


def _patterns(parent: etree._Element) -> list[etree._Element]:
    """The child patterns of `parent`: not its name class, params or except (the hot loop: kept lean)."""
    kids = [c for c in parent if c.tag in _PATTERN_TAGS]
    if kids and parent.tag in _NAMED and kids[0].tag == _R + "choice" and parent.get("name") is None:
        first = next(c for c in parent if isinstance(c.tag, str))
        if first is kids[0]:
            kids = kids[1:]  # a choice of names: the name class
    return kids
