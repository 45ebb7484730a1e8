"""Every stage after conversion works on TEI that a person edited, not only on the converter's output."""
from __future__ import annotations

import re
import shutil

import pytest
from lxml import etree

from cablegram.render.html import HtmlRenderer
from cablegram.render.pdf import PdfRenderer
from cablegram.validate import Validator
from conftest import GOLDEN_DIR

TEI_NS = "http://www.tei-c.org/ns/1.0"


def edited_versions(text: str) -> dict[str, str]:
    root = etree.fromstring(text.encode())
    ns = {"t": TEI_NS}
    no_alignment = etree.fromstring(text.encode())
    for el in no_alignment.xpath("//t:standOff/t:linkGrp", namespaces=ns):
        el.getparent().remove(el)
    for el in no_alignment.xpath("//*[@corresp or @cert]", namespaces=ns):
        el.attrib.pop("corresp", None)
        el.attrib.pop("cert", None)
    reformatted = etree.fromstring(text.encode(), etree.XMLParser(remove_blank_text=True))
    marked = etree.fromstring(text.encode())
    [p] = marked.xpath("(//t:body//t:p)[2]", namespaces=ns)[:1]
    hi = etree.SubElement(p, f"{{{TEI_NS}}}hi", rend="underline")
    hi.text = " (underlined by the editor)"
    unclear = etree.SubElement(p, f"{{{TEI_NS}}}unclear", reason="faded")
    unclear.text = " (unclear)"
    return {
        "alignment removed": etree.tostring(no_alignment, encoding="unicode"),
        "one line, attributes reordered": re.sub(r'<p xml:id="([^"]+)" n="([^"]+)"', r'<p n="\2" xml:id="\1"',
                                                 etree.tostring(reformatted, encoding="unicode")),
        "editor's markup added": etree.tostring(marked, encoding="unicode"),
    }


CASES = [(golden, label) for golden in sorted(GOLDEN_DIR.glob("*.xml"))[1:4] for label in edited_versions(golden.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def renderers():
    return HtmlRenderer(), PdfRenderer(), Validator()


@pytest.mark.parametrize("golden, label", CASES, ids=lambda v: v if isinstance(v, str) else v.stem[:3])
def test_edited_tei_validates_and_renders(renderers, golden, label, tmp_path):
    html_renderer, pdf_renderer, validator = renderers
    text = edited_versions(golden.read_text(encoding="utf-8"))[label]
    path = tmp_path / "tei" / golden.name
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    shutil.copytree(GOLDEN_DIR.parent / "schemas", tmp_path / "schemas")
    errors = [d for d in validator.validate_file(path) if d.severity == "error"]
    assert errors == [], [d.format() for d in errors]
    page = html_renderer.render_document(path, tmp_path / "site").read_text(encoding="utf-8")
    pdf = pdf_renderer.render_document(path, tmp_path / "x.pdf")
    assert pdf.stat().st_size > 1000
    if label == "editor's markup added":
        assert "(underlined by the editor)" in page and "(unclear)" in page
    first_unit = etree.fromstring(text.encode()).xpath("string((//*[local-name()='p'][@*[local-name()='id']])[1])")
    assert re.findall(r"[^\W\d_]{3,}", first_unit)[0] in page
