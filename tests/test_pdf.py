"""Print edition (issue 5): escaping, parallel reading order, metadata, PDF/A, fonts, volume."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from cablegram.cli import main
from cablegram.render.pdf import PdfError, PdfRenderer
from conftest import GOLDEN_DIR

GOLDENS = sorted(GOLDEN_DIR.glob("*.xml"))
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
WORD = re.compile(r"\w+")

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def renderer():
    return PdfRenderer()


@pytest.fixture(scope="module")
def pdfs(renderer, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    return {g.stem: renderer.render_document(g, out / f"{g.stem}.pdf") for g in GOLDENS}


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line) | {}


def columns(pdf: Path) -> tuple[list[str], list[str]]:
    """Words of the left and right half of every page, in reading order, hyphenation undone."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = etree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).encode())
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    left, right = [], []  # lines, across pages: a word hyphenated at a page foot continues overleaf
    for page in root.iterfind(".//h:page", ns):
        middle, height = float(page.get("width")) / 2, float(page.get("height"))
        lines = [(float(l.get("yMin")), float(l.get("xMin")), " ".join(w.text for w in l.iterfind("h:word", ns)))
                 for l in page.iterfind(".//h:line", ns)
                 if 60 < float(l.get("yMin")) < height - 50]  # running head and page number aside
        left += [t for y, x, t in sorted(lines) if x < middle - 5]
        right += [t for y, x, t in sorted(lines) if x >= middle - 5]
    return WORD.findall(dehyphenate("\n".join(rejoin(left)))), WORD.findall(dehyphenate("\n".join(rejoin(right))))


def rejoin(lines: list[str]) -> list[str]:
    """A word Typst hyphenated (soft hyphen) at a page foot continues overleaf, after that page's footnotes and
    the next page's margin marker: join it to the next line, or else the first following one in lower case."""
    lines = list(lines)
    for i, line in enumerate(lines):
        if line.endswith("\u00ad"):
            for k in range(i + 1, min(i + 8, len(lines))):
                if lines[k][:1].islower() or (k == i + 1 and lines[k][:1].isalpha()):
                    head, _, rest = lines[k].partition(" ")
                    lines[i], lines[k] = line[:-1] + head, rest
                    break
    return lines


def dehyphenate(text: str) -> str:
    # Typst hyphenates with soft hyphens (U+00AD); a hard hyphen at a line end is joined too
    return re.sub(r"[\u00ad-]\n(?=\w)", "", text).replace("\u00ad", "")


def same_word(found: str, expected: str) -> bool:
    # a footnote number set right after a word reads as part of it in pdftotext ('21.20' + note 1 → '201')
    return found == expected or (found.startswith(expected) and found[len(expected):].isdigit())


def in_order(expected: list[str], found: list[str]) -> tuple[bool, str]:
    """Is `expected` a subsequence of `found` (a hyphen-joined pair may stand as one word)?"""
    i = j = 0
    while i < len(expected):
        while j < len(found) and not same_word(found[j], expected[i]) and not (i + 1 < len(expected) and found[j] == expected[i] + expected[i + 1]):
            j += 1
        if j == len(found):
            return False, f"lost at word {i}: {expected[i]!r} (after {expected[max(0, i - 5):i]})"
        i += 1 if same_word(found[j], expected[i]) else 2
        j += 1
    return True, ""


def version_words(golden: Path, xpath: str) -> list[str]:
    root = etree.parse(str(golden)).getroot()
    [div] = root.xpath(xpath, namespaces=TEI)
    for note in div.xpath(".//t:note[@place='foot']", namespaces=TEI):
        note.getparent().remove(note) if note.tail is None else None
    texts = [t for t in div.xpath(".//text()[not(ancestor::t:note[@place='foot'])]", namespaces=TEI)]
    return WORD.findall(" ".join(texts))


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_every_word_in_reading_order_within_each_column(pdfs, golden):
    pdf = pdfs[golden.stem]
    left, right = columns(pdf)
    tei = etree.parse(str(golden)).getroot()
    versions = tei.xpath("/t:TEI/t:text/t:body/t:div", namespaces=TEI)
    has_translation = any(v.get("type") == "translation" for v in versions)
    original_id = tei.xpath("string(/t:TEI/t:text/t:body/t:div[@type='translation']/@corresp)", namespaces=TEI)[1:]
    originals = [v for v in versions if v.get("type") == "original"]
    chosen = next((v for v in originals if v.get("{http://www.w3.org/XML/1998/namespace}id") == original_id), originals[0] if originals else None)
    if chosen is not None and has_translation:
        ok, why = in_order(version_words(golden, f"//t:div[@xml:id='{chosen.get('{http://www.w3.org/XML/1998/namespace}id')}']"), left)
        assert ok, f"original column: {why}"
        ok, why = in_order(version_words(golden, "//t:body/t:div[@type='translation']"), right)
        assert ok, f"translation column: {why}"
    else:  # a single version prints full width: read the whole page
        only = "//t:body/t:div[1]"
        all_words = WORD.findall(dehyphenate(pdftotext(pdf)))
        ok, why = in_order(version_words(golden, only), all_words)
        assert ok, why


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_metadata_page_count_and_pdfa(pdfs, golden):
    pdf = pdfs[golden.stem]
    info = pdfinfo(pdf)
    title = etree.parse(str(golden)).getroot().xpath("string(//t:titleStmt/t:title[@type='main'])", namespaces=TEI)
    assert info["Title"].strip() == title
    assert info["Author"].strip()
    summary = " ".join(etree.parse(str(golden)).getroot().xpath("string(//t:profileDesc/t:abstract)", namespaces=TEI).split())
    assert info.get("Subject", "").strip() == summary
    assert 1 <= int(info["Pages"]) <= 8
    data = pdf.read_bytes()
    assert b"pdfaid:part" in data and (b"<pdfaid:part>2</pdfaid:part>" in data or b'pdfaid:part="2"' in data)
    assert b"/Lang" in data


def test_hostile_text_prints_literally(renderer, datadir, tmp_path):
    pdf = renderer.render_document(datadir / "hostile.xml", tmp_path / "h.pdf")
    text = " ".join(pdftotext(pdf).split())
    for literal in ("#pagebreak()", "$a+b$", "*star*", "_under_", "@ref", "<label>", "[bracket]", "\\backslash",
                    "`raw`", "= heading", "// comment", '#"string"', "= Not a heading", "- not a list item", "1. not an enumeration"):
        assert literal in text, literal
    assert pdfinfo(pdf)["Pages"].strip() == "1"  # '#pagebreak()' did not run
    assert pdfinfo(pdf)["Title"].strip() == 'Typst #set page(width: 1cm) $x^2$ *bold* _it_ "quoted" \\ back'


def test_a_missing_glyph_fails_the_build(renderer, datadir, tmp_path):
    with pytest.raises(PdfError, match="could not be displayed"):
        renderer.render_document(datadir / "glyphs.xml", tmp_path / "g.pdf")
    assert not (tmp_path / "g.pdf").exists()


def test_single_column_views_and_russian_hyphenation(renderer, tmp_path):
    golden = GOLDENS[2]
    source = renderer.typst_source(golden)
    assert '#text(lang: "ru")' in source and '#text(lang: "en")' in source
    translation = pdftotext(renderer.render_document(golden, tmp_path / "t.pdf", view="translation"))
    original = pdftotext(renderer.render_document(golden, tmp_path / "o.pdf", view="original"))
    assert "Regarding the ceasefire" in translation and "Что касается переговоров" not in translation
    assert "Что касается переговоров" in original and "Regarding the ceasefire" not in original


def test_same_input_same_pdf(renderer, tmp_path):
    a = renderer.render_document(GOLDENS[3], tmp_path / "a.pdf").read_bytes()
    b = renderer.render_document(GOLDENS[3], tmp_path / "b.pdf").read_bytes()
    assert a == b


MONTHS = "January February March April May June July August September October November December".split()


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    book = tmp_path_factory.mktemp("volume") / "book.pdf"
    assert main(["render", "pdf", *map(str, reversed(GOLDENS)), "--volume", "-o", str(book), "--title", "Korean War cables"]) == 0
    return book


def test_volume_has_title_contents_chronology_and_register(volume):
    book = volume
    pages = pdftotext(book).split("\f")
    assert "Korean War cables" in pages[0] and "5 documents" in pages[0]
    contents = " ".join(pages[1].split())
    dates = re.findall(r"(January|February|March|April|May|June|July|August|September|October|November|December) (\d+), (\d{4}):", contents)
    assert len(dates) == 5
    # chronological although the files were given newest first
    as_tuples = [(int(y), MONTHS.index(m), int(d)) for m, d, y in dates]
    assert as_tuples == sorted(as_tuples)
    assert "Index of persons and places" in contents
    assert "Index of persons and places" in pages[-2] + pages[-1]
    # each document starts on a new page: its heading is the first line of some page
    tops = ["\n".join(p.strip().split("\n")[:3]) for p in pages[2:] if p.strip()]  # after title and contents
    assert sum(1 for top in tops if re.search(r"^(July) \d+, \d{4}: ", top, re.M)) == 5


def test_render_pdf_command_per_document(tmp_path, capsys):
    assert main(["render", "pdf", str(GOLDEN_DIR), "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(g.stem + ".pdf" for g in GOLDENS)


def normalized(text: str) -> str:
    return " ".join(dehyphenate(text).split())


def test_volume_running_heads_name_the_document_of_their_page(volume):
    pages = pdftotext(volume).split("\f")
    current = None
    for page in pages[2:]:
        lines = [line for line in page.splitlines() if line.strip()]
        if not lines:
            continue
        heading = re.match(r"(July \d+, \d{4}): (.*)", lines[0]) or re.match(r"(July \d+, \d{4}): (.*)", lines[1] if len(lines) > 1 else "")
        if heading:
            current = heading
        if "Index of persons and places" in page:
            break
        assert current is not None
        head = lines[0]
        date, title = current.group(1), current.group(2)
        assert head.endswith(date), (head, date)
        assert title[:40] in head or head.startswith(title[:40]), (head, title)


def test_volume_index_pages_are_where_the_entity_is_named(volume):
    """Every entity named (with @ref) in the texts is in the index, and each page it lists names it."""
    pages = [normalized(p) for p in pdftotext(volume).split("\f")]
    start = next(i for i, p in enumerate(pages) if p.startswith("Index of persons and places"))
    index = " ".join(pages[start:])
    names: dict[str, str] = {}
    mentions: dict[str, set[str]] = {}
    for golden in GOLDENS:
        tei = etree.parse(str(golden)).getroot()
        # the volume prints the first translation and the original it is read against (else the first original)
        translation = tei.xpath("t:text/t:body/t:div[@type='translation'][1]", namespaces=TEI)
        originals = tei.xpath("t:text/t:body/t:div[@type='original']", namespaces=TEI)
        paired = [o for o in originals if translation and "#" + o.get("{http://www.w3.org/XML/1998/namespace}id", "") == translation[0].get("corresp")]
        unprinted = [o for o in originals if o not in (paired or originals)[:1]]
        for mention in tei.xpath("//t:text//t:persName[@ref] | //t:text//t:placeName[@ref]", namespaces=TEI):
            if any(o in mention.iterancestors() for o in unprinted):
                continue
            ref = mention.get("ref")
            [entity] = tei.xpath(f"//t:standOff//*[@xml:id='{ref[1:]}']", namespaces=TEI)
            names[ref] = " ".join(entity.xpath("string(*[not(@type)][lang('en')])", namespaces=TEI).split())
            mentions.setdefault(ref, set()).add(" ".join("".join(mention.itertext()).split()))
    checked = 0
    for ref, name in names.items():
        listed = re.search(re.escape(name) + r"(?: \([^)]*\))? ((?:\d+, )*\d+)", index)
        assert listed, f"{name} is not in the index"
        for number in map(int, listed.group(1).split(", ")):
            assert any(m in pages[number - 1] for m in mentions[ref]), f"{name}: page {number} does not name it ({mentions[ref]})"
            checked += 1
    assert checked > 20


def test_the_published_original_can_be_chosen(renderer, tmp_path):
    golden = next(g for g in GOLDENS if etree.parse(str(g)).xpath("//t:div[@xml:id='ru-p']", namespaces=TEI))
    default_left, _ = columns(renderer.render_document(golden, tmp_path / "t.pdf"))
    published_left, right = columns(renderer.render_document(golden, tmp_path / "p.pdf", original="ru-p"))
    for chosen, left in (("ru-t", default_left), ("ru-p", published_left)):
        ok, why = in_order(version_words(golden, f"//t:div[@xml:id='{chosen}']"), left)
        assert ok, f"{chosen}: {why}"
    assert "transcript" in default_left and "published" in published_left  # the column says which original it is
    assert default_left != published_left
    ok, why = in_order(version_words(golden, "//t:body/t:div[@type='translation']"), right)
    assert ok, why


def test_hand_written_language_tags_and_entities_without_authority(renderer, datadir, tmp_path):
    """xml:lang 'ru-Cyrl'/'en-GB' reach Typst as lang + region; the index names entities from their mentions."""
    source = renderer.typst_source(datadir / "entities.xml")
    assert '#text(lang: "ru")[' in source and '#text(lang: "en", region: "gb")[' in source
    left, right = columns(renderer.render_document(datadir / "entities.xml", tmp_path / "e.pdf"))
    assert in_order(WORD.findall("Товарищ Вышинский прибыл в Москву"), left)[0] and "Comrade" not in left
    assert in_order(WORD.findall("Comrade Vyshinsky arrived in Moscow segodnya"), right)[0] and "Товарищ" not in right
    book = renderer.render_volume([datadir / "entities.xml", datadir / "hostile.xml"], tmp_path / "v.pdf")
    pages = [normalized(p) for p in pdftotext(book).split("\f")]
    index = next(p for p in pages if p.startswith("Index of persons and places"))
    document_page = next(i + 1 for i, p in enumerate(pages) if "Comrade Vyshinsky" in p)
    for name in ("Vyshinsky", "Moscow"):
        assert f"{name} {document_page}" in index
    assert "Hostile Person" in index


def test_hostile_attribute_values_do_not_run_in_a_volume(renderer, datadir, tmp_path):
    book = renderer.render_volume([datadir / "hostile.xml"], tmp_path / "v.pdf")
    text = normalized(pdftotext(book))
    assert "Hostile Person" in text and "Attributes too" in text
    assert int(pdfinfo(book)["Pages"]) == 4  # title, contents, the document, the index: no extra page breaks


@pytest.mark.parametrize("inputs, message, status", [
    (["not-tei.xml"], "not a TEI document", 1),
    (["empty-folder"], "no TEI files", 2),  # a usage problem, as in every command
    (["missing.xml"], "cannot read file", 1),
])
def test_bad_input_one_line_message_and_no_output(tmp_path, capsys, inputs, message, status):
    (tmp_path / "not-tei.xml").write_text("<foo>#pagebreak()</foo>", encoding="utf-8")
    (tmp_path / "empty-folder").mkdir()
    paths = [str(tmp_path / name) for name in inputs]
    assert main(["render", "pdf", *paths, "--volume", "-o", str(tmp_path / "book.pdf")]) == status
    assert main(["render", "pdf", *paths, "-o", str(tmp_path / "pdf")]) == status
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert errors and all(message in line for line in errors)
    assert not (tmp_path / "book.pdf").exists() and not list(tmp_path.glob("pdf/*"))


def positioned_lines(pdf: Path) -> list[tuple[int, float, float, list[str], str]]:
    """(page, y, x, words, text) of every text line."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = etree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).encode())
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    found = []
    for n, page in enumerate(root.iterfind(".//h:page", ns)):
        for line in page.iterfind(".//h:line", ns):
            text = " ".join(w.text for w in line.iterfind("h:word", ns))
            found.append((n, float(line.get("yMin")), float(line.get("xMin")), WORD.findall(text), text))
    return found


@pytest.mark.parametrize("golden", [g for g in GOLDENS if len(etree.parse(str(g)).xpath("//t:body/t:div", namespaces=TEI)) > 1],
                         ids=lambda p: p.stem[:3])
def test_an_aligned_pair_starts_on_the_same_line(pdfs, golden):
    """For each original unit, the first translation unit whose @corresp points to it first starts level with it."""
    tei = etree.parse(str(golden)).getroot()
    [translation] = tei.xpath("//t:body/t:div[@type='translation']", namespaces=TEI)
    original_id = translation.get("corresp", "")[1:]
    units = {u.get("{http://www.w3.org/XML/1998/namespace}id"): u
             for u in tei.xpath(f"//t:body/t:div[@xml:id='{original_id}']/t:div[@type='message']/t:p", namespaces=TEI)}
    lines = positioned_lines(pdfs[golden.stem])
    middle = 297.6  # half an A4 page width in points

    def start(unit, left: bool, after: tuple[int, float]) -> tuple[int, float]:
        words = WORD.findall(" ".join(unit.xpath(".//text()[not(ancestor::t:note)]", namespaces=TEI)))[:3]
        for page, y, x, found, _ in lines:
            if (x < middle) == left and (page, y) > after and found[:len(words)] == words:
                return page, y
        raise AssertionError(f"{' '.join(words)!r} not found at the start of a line")

    seen: set[str] = set()
    checked = 0
    last = (-1, 0.0)
    for unit in translation.xpath("t:div[@type='message']/t:p", namespaces=TEI):
        targets = [c[1:] for c in unit.get("corresp", "").split() if c[1:] in units]
        if not targets or targets[0] in seen:
            continue
        seen.add(targets[0])
        left = start(units[targets[0]], True, last)
        right = start(unit, False, last)
        assert left[0] == right[0] and abs(left[1] - right[1]) < 4, (targets[0], left, right)
        last = (left[0], left[1] + 1)
        checked += 1
    assert checked >= 2


def test_footnotes_at_the_page_foot_and_breaks_in_the_margin(renderer, tmp_path):
    golden = next(g for g in GOLDENS if etree.parse(str(g)).xpath("//t:div[@xml:id='ru-p']//t:note[@place='foot']", namespaces=TEI))
    tei = etree.parse(str(golden)).getroot()
    pdf = renderer.render_document(golden, tmp_path / "p.pdf", original="ru-p")
    lines = positioned_lines(pdf)
    for note in tei.xpath("//t:div[@xml:id='ru-p']//t:note[@place='foot']", namespaces=TEI):
        note_text = " ".join("".join(note.itertext()).split())
        mark_follows = WORD.findall(" ".join(note.xpath("preceding::text()", namespaces=TEI)[-3:]))[-1]  # the word the mark follows
        [(page, y)] = [(p, y) for p, y, x, words, text in lines if note_text in text]
        assert page in {p for p, _, x, words, text in lines if any(same_word(w, mark_follows) for w in words)}, \
            "the note is on the page of its mark"
        below = [text for p, ly, x, words, text in lines if p == page and ly > y and text.strip() != str(page + 1)]
        assert below == [], f"text below the footnote: {below}"
    for pb in tei.xpath("//t:div[@xml:id='ru-p']//t:pb[@n]", namespaces=TEI):
        in_margin = [x for p, y, x, words, _ in lines if words == [pb.get("n")] and (x < 56 or x > 539)]  # 2 cm margins
        assert in_margin, f"page break {pb.get('n')} is not marked in the margin"


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem[:3])
def test_stamps_forme_work_gaps_and_supplied_text_each_have_their_own_style(renderer, golden):
    """Each such element of the printed versions becomes its own Typst style (boxed, small mono, grey mark, italic).
    The parallel view prints every version: the chosen original beside the translation, further originals after."""
    tei = etree.parse(str(golden)).getroot()
    printed = "//t:body/t:div"
    source = renderer.typst_source(golden)
    for element, call in (("stamp", "#stampbox["), ("fw", "#fw["), ("gap", "#gapmark()"), ("supplied", "#supplied[")):
        assert source.count(call) == int(tei.xpath(f"count({printed}//t:{element})", namespaces=TEI)), element
    assert source.count("#footnote[") == int(tei.xpath(f"count({printed}//t:note[@place='foot'])", namespaces=TEI))


@pytest.mark.parametrize("view", ["original", "translation"])
def test_a_view_the_record_lacks_prints_the_version_it_has(renderer, tmp_path, view):
    for golden in GOLDENS:
        kinds = set(etree.parse(str(golden)).xpath("//t:body/t:div/@type", namespaces=TEI))
        if kinds == {"original", "translation"} - {view}:  # only the other kind
            only = "//t:body/t:div[1]"
            words = WORD.findall(dehyphenate(pdftotext(renderer.render_document(golden, tmp_path / "v.pdf", view=view))))
            ok, why = in_order(version_words(golden, only), words)
            assert ok, f"{golden.stem}: {why}"
            break
    else:
        pytest.skip(f"no example lacks a {view}")
