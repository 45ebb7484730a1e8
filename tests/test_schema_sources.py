"""The customization's compact source (cablegram.rnc) and its generated XML form (cablegram.rng) are the
same grammar: every define compared pattern by pattern, after normalising what trang and rnc2rng write
differently (name attributes vs name elements, annotations, grouping, the order of choices)."""
from __future__ import annotations

import pytest
from lxml import etree

from conftest import REPO

rnc2rng = pytest.importorskip("rnc2rng", reason="rnc2rng (test dependency) is needed to read the .rnc")

RNG = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMAS = REPO / "schemas"
UNORDERED = {"choice", "interleave"}


def _name(el: etree._Element, ns: str, is_attribute: bool) -> str:
    name = el.get("name")
    if name is None:
        name_el = next(c for c in el if etree.QName(c).localname in ("name", "anyName", "nsName", "choice"))
        if etree.QName(name_el).localname != "name":
            return _canon(name_el, ns)
        name, ns = name_el.text.strip(), name_el.get("ns", "" if is_attribute else ns)
    elif is_attribute:
        ns = el.get("ns", "")
    prefix, _, local = name.rpartition(":")
    if prefix:
        ns = el.nsmap.get(prefix) or (XML_NS if prefix == "xml" else prefix)
        name = local
    return f"{{{ns}}}{name}"


def _canon(el: etree._Element, ns: str) -> str:
    """A canonical text for one pattern."""
    ns = el.get("ns", ns)
    tag = etree.QName(el).localname
    kids = [c for c in el if isinstance(c.tag, str) and etree.QName(c).namespace == RNG]
    if tag in ("element", "attribute"):
        label = _name(el, ns, tag == "attribute")
        if el.get("name") is None:
            kids = kids[1:]  # the name class
        body = [_canon(c, ns) for c in kids] or (["text"] if tag == "attribute" else [])
        return f"{tag} {label}(" + _seq(body) + ")"
    if tag in ("ref", "parentRef"):
        return f"{tag}:{el.get('name')}"
    if tag == "data":
        params = sorted(f"{p.get('name')}={p.text}" for p in kids if etree.QName(p).localname == "param")
        return f"data:{el.get('type')}" + (f"[{','.join(params)}]" if params else "")
    if tag == "value":
        return f"value:{el.get('type', 'token')}:{(el.text or '').strip()}"
    if tag in ("text", "empty", "notAllowed", "anyName"):
        return tag
    if tag == "name":
        return f"name:{{{el.get('ns', ns)}}}{el.text.strip()}"
    parts = [_canon(c, ns) for c in kids]
    if tag == "group":
        return _seq(parts)
    if tag in UNORDERED:
        flat = []
        for part in parts:
            flat += part[len(tag) + 1 : -1].split(" | ") if part.startswith(f"{tag}[") else [part]
        return f"{tag}[" + " | ".join(sorted(set(flat))) + "]"
    return f"{tag}(" + _seq(parts) + ")"


def _seq(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "group<" + ", ".join(parts) + ">"


def grammar(root: etree._Element) -> dict[str, str]:
    ns = root.get("ns", "")
    out = {}
    for el in root.iter(f"{{{RNG}}}define", f"{{{RNG}}}start"):
        key = "start" if etree.QName(el).localname == "start" else el.get("name")
        body = [_canon(c, ns) for c in el if isinstance(c.tag, str) and etree.QName(c).namespace == RNG]
        combine = el.get("combine")
        out[key + (f"@{combine}" if combine else "")] = _seq(body)
    return out


@pytest.fixture(scope="module")
def grammars():
    from rnc2rng import parser, serializer

    compact = serializer.XMLSerializer().toxml(parser.parse((SCHEMAS / "cablegram.rnc").read_text(encoding="utf-8")))
    from_rnc = grammar(etree.fromstring(compact.encode("utf-8")))
    from_rng = grammar(etree.parse(str(SCHEMAS / "cablegram.rng")).getroot())
    return from_rnc, from_rng


def test_rnc_and_rng_define_the_same_names(grammars):
    from_rnc, from_rng = grammars
    assert len(from_rng) > 50
    assert sorted(from_rnc) == sorted(from_rng)


def test_rnc_and_rng_define_the_same_patterns(grammars):
    from_rnc, from_rng = grammars
    differing = {name: (from_rnc[name], from_rng[name]) for name in from_rng if from_rnc.get(name) != from_rng[name]}
    assert not differing, "cablegram.rng is stale (regenerate it with trang from cablegram.rnc): " + "\n".join(
        f"{name}:\n  rnc: {a}\n  rng: {b}" for name, (a, b) in list(differing.items())[:5])


def test_the_comparison_sees_a_changed_value_list():
    rng = etree.parse(str(SCHEMAS / "cablegram.rng")).getroot()
    before = grammar(rng)
    value = next(rng.iter(f"{{{RNG}}}value"))
    value.text = value.text + "-changed"
    after = grammar(rng)
    assert [name for name in before if before[name] != after[name]]
