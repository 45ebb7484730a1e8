"""Valid TEI and deliberately broken variants of it, for proving that a reduced grammar judges as the whole one.

`mutants(text, seed)` yields (label, xml bytes): fixed breakages every grammar must see (an unknown
element, a missing required child, an element out of place, an unknown attribute, a bad attribute value,
header and text swapped, an element outside the TEI namespace, text where only elements may stand, a
repeated header) and random edits (delete, unwrap, rename to another TEI element, duplicate, drop or add
an attribute) drawn with a seeded generator from the grammar's own names.
"""
from __future__ import annotations

import copy
import random
from collections.abc import Iterator

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI}}}"
RNG = "{http://relaxng.org/ns/structure/1.0}"


def grammar_names(grammar_path) -> tuple[list[str], list[str]]:
    """The element and (no-namespace) attribute names a grammar declares, sorted."""
    root = etree.parse(str(grammar_path)).getroot()
    elements = sorted({e.get("name") for e in root.iter(RNG + "element") if e.get("name") and ":" not in e.get("name")})
    attributes = sorted({a.get("name") for a in root.iter(RNG + "attribute") if a.get("name") and ":" not in a.get("name")})
    return elements, attributes


def _first(root, *names):
    for name in names:
        found = root.find(f".//{T}{name}")
        if found is not None:
            return found
    return None


def _fixed(root) -> Iterator[tuple[str, etree._Element]]:
    def variant(label, edit):
        r = copy.deepcopy(root)
        if edit(r) is not False:
            yield label, r

    def unknown_element(r):
        target = _first(r, "p", "ab", "l", "item")
        if target is None:
            return False
        target.insert(0, etree.Element(T + "foo"))

    def missing_required(r):
        title = _first(r, "titleStmt")
        if title is None:
            return False
        for child in list(title):
            title.remove(child)

    def out_of_place(r):
        p = _first(r, "p", "ab")
        if p is None:
            return False
        r.insert(0, p)

    def unknown_attribute(r):
        target = _first(r, "p", "ab", "l", "head")
        if target is None:
            return False
        target.set("bogus", "1")

    def bad_value(r):
        target = next((e for e in r.iter() if e.get("when")), None)
        target = target if target is not None else _first(r, "date")
        if target is None:
            return False
        target.set("when", "yesterday")

    def swapped(r):
        header, text = r.find(T + "teiHeader"), r.find(T + "text")
        if header is None or text is None:
            return False
        r.remove(header)
        text.addnext(header)

    def no_namespace(r):
        target = _first(r, "p", "ab", "l")
        if target is None:
            return False
        target.tag = "p"

    def stray_text(r):
        header = r.find(T + "teiHeader")
        if header is None:
            return False
        header.text = "stray words"

    def repeated_header(r):
        header = r.find(T + "teiHeader")
        if header is None:
            return False
        header.addnext(_without_ids(copy.deepcopy(header)))

    for label, edit in [("unknown element", unknown_element), ("missing required child", missing_required),
                        ("element out of place", out_of_place), ("unknown attribute", unknown_attribute),
                        ("bad attribute value", bad_value), ("header after text", swapped),
                        ("element outside the TEI namespace", no_namespace), ("text in element-only content", stray_text),
                        ("repeated header", repeated_header)]:
        yield from variant(label, edit)


def _random(root, rng: random.Random, elements: list[str], attributes: list[str], n: int) -> Iterator[tuple[str, etree._Element]]:
    for i in range(n):
        r = copy.deepcopy(root)
        nodes = [e for e in r.iter(etree.Element) if e is not r]
        if not nodes:
            return
        el = rng.choice(nodes)
        action = rng.choice(["delete", "unwrap", "rename", "duplicate", "drop attribute", "add attribute"])
        parent = el.getparent()
        if action == "delete":
            parent.remove(el)
        elif action == "unwrap":
            index = parent.index(el)
            for offset, child in enumerate(list(el)):
                parent.insert(index + offset, child)
            parent.remove(el)
        elif action == "rename":
            el.tag = T + rng.choice(elements)
        elif action == "duplicate":
            el.addnext(_without_ids(copy.deepcopy(el)))
        elif action == "drop attribute":
            if not el.attrib:
                continue
            del el.attrib[rng.choice(sorted(el.attrib))]
        else:
            el.set(rng.choice(attributes), rng.choice(["x", "1", "#p1", "1950-01-01", "true"]))
        yield f"random {i}: {action} <{etree.QName(el).localname}>", r


def _without_ids(el):
    for e in el.iter(etree.Element):
        e.attrib.pop("{http://www.w3.org/XML/1998/namespace}id", None)
    return el


def mutants(data: bytes, seed: str, elements: list[str], attributes: list[str], n_random: int = 6) -> Iterator[tuple[str, bytes]]:
    root = etree.fromstring(data)
    yield "as given", data
    rng = random.Random(seed)
    for label, r in [*_fixed(root), *_random(root, rng, elements, attributes, n_random)]:
        yield label, etree.tostring(r, xml_declaration=True, encoding="UTF-8")
