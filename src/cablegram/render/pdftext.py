"""The text layer of the PDFs our print edition writes, read in-process in a few milliseconds.

The render-time fidelity check needs a PDF's text: poppler's `pdftotext` costs a process and ~25 ms of CPU
per document, pypdf ~90 ms; the PDF itself took ~23 ms to make. This reader handles the one shape of PDF
that Typst writes — plain objects (no object streams), a page tree, content streams (Flate or none) that
show text with `Tj`/`TJ` in composite fonts (Type0, Identity-H, two-byte codes) whose `ToUnicode` CMap
gives each code its characters, and `/ActualText` spans (Typst's hyphens) — and gives the same text as
`pdftotext -raw` for the check's purpose: the characters of every shown string in content order, a line
break where the baseline moves, a space where a text run on the same line starts after another (unless it
starts with punctuation).

It reads what the PDF holds (the codes in its content streams and the font's own ToUnicode map), not what
the stylesheet meant to print. Anything outside that shape (another producer, a simple or Type 3 font, an
image or form, an encrypted or damaged file, bytes of a content stream its operations do not account for)
returns None, and the caller uses a general extractor. The fidelity check also confirms any word this reader does not find with the general extractor
before it reports the word lost (`fidelity.check_pdf`), so this reader can only make the check faster; the
test suite compares its text with pdftotext's and pypdf's on the print editions of the test corpus.
"""
from __future__ import annotations

import codecs
import re
import zlib

_OBJECT = re.compile(rb"(?:^|[\r\n])(\d+) 0 obj\s*")
_REF = rb"(\d+) 0 R"
_LENGTH = re.compile(rb"/Length (\d+)(?: 0 R)?(?=[/>\s])")


def _literal(depth: int) -> bytes:
    """A literal string with balanced parentheses nested up to `depth` (they need no escape in PDF);
    possessive runs, so that the scan stays linear."""
    inner = rb"(?:[^\\()]++|\\.)*+"
    for _ in range(depth):
        inner = rb"(?:[^\\()]++|\\.|\(" + inner + rb"\))*+"
    return rb"\(" + inner + rb"\)"


_STRING = _literal(3) + rb"|<[0-9A-Fa-f\s]*>"
_STRINGS = re.compile(_STRING, re.S)
# one match per operator, with its operands as written before it: strings, arrays, names and dictionary
# brackets are matched whole, so that their bytes are never read as operators
_OPERATION = re.compile(rb"((?:" + _STRING + rb"|\[(?:" + _STRING + rb"|[^\]()<]++)*+\]|/[^\s/\[\]()<>{}]*|<<|>>"
                        rb"|[^A-Za-z'\"*(\[</]++)*+)([A-Za-z'\"*]+)", re.S)
_HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_NO_SPACE_BEFORE = set(",.;:!?)]}»”’\u00ad-\u2010\u2011")


class _Unsupported(Exception):
    """Not the shape of PDF this reader knows."""


def typst_pdf_text(pdf: bytes) -> str | None:
    """The PDF's text, or None when the file is not of the shape described above."""
    try:
        return _Reader(pdf).text()
    except (_Unsupported, zlib.error, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        return None


class _Reader:
    def __init__(self, pdf: bytes) -> None:
        if not pdf.startswith(b"%PDF-") or b"/ObjStm" in pdf or b"/Encrypt" in pdf:
            raise _Unsupported
        self.pdf = pdf
        self.offsets = self._xref() or {int(m.group(1)): m.end() for m in _OBJECT.finditer(pdf)}
        self.cmaps: dict[int, dict[int, str]] = {}

    # ------------------------------------------------------------------ objects
    def _xref(self) -> dict[int, int] | None:
        """Object number → where its body starts, from the cross-reference table (None: scan instead)."""
        pdf = self.pdf
        m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-64:])
        if m is None or not pdf.startswith(b"xref", int(m.group(1))):
            return None
        out: dict[int, int] = {}
        pos = int(m.group(1)) + 4
        while True:
            head = re.match(rb"\s*(\d+) (\d+)\s*?\r?\n", pdf[pos:pos + 40])
            if head is None:
                break
            first, count = int(head.group(1)), int(head.group(2))
            pos += head.end()
            table = pdf[pos:pos + 20 * count]
            for i in range(count):
                entry = table[20 * i:20 * i + 18]
                if entry[17:18] == b"n":
                    offset = int(entry[:10])
                    obj = re.match(rb"(\d+) 0 obj\s*", pdf[offset:offset + 32])
                    if obj is None or int(obj.group(1)) != first + i:
                        return None
                    out[first + i] = offset + obj.end()
            pos += 20 * count
        return out or None

    def dictionary(self, number: int) -> bytes:
        start = self.offsets[number]
        end = self.pdf.find(b"endobj", start)
        body = self.pdf[start:end]
        stream = body.find(b"stream")
        return body[:stream] if stream >= 0 else body

    def stream(self, number: int) -> bytes:
        start = self.offsets[number]
        head_end = self.pdf.find(b"stream", start)
        head = self.pdf[start:head_end]
        data_start = head_end + 6
        if self.pdf[data_start:data_start + 2] == b"\r\n":
            data_start += 2
        elif self.pdf[data_start:data_start + 1] in (b"\n", b"\r"):
            data_start += 1
        length = _LENGTH.search(head)
        if length is None or b" 0 R" in head[length.start():length.end() + 4]:
            end = self.pdf.find(b"endstream", data_start)
            data = self.pdf[data_start:end].rstrip(b"\r\n")
        else:
            data = self.pdf[data_start:data_start + int(length.group(1))]
        single = re.search(rb"/Filter\s*/(\w+)", head)
        array = re.search(rb"/Filter\s*\[([^\]]*)\]", head)
        names = [single.group(1)] if single else re.findall(rb"/(\w+)", array.group(1)) if array else []
        if names == [b"FlateDecode"]:
            return zlib.decompress(data)
        if names:
            raise _Unsupported
        return data

    def value(self, dictionary: bytes, key: bytes) -> bytes | None:
        m = re.search(re.escape(key) + rb"(?![A-Za-z])\s*", dictionary)
        return None if m is None else dictionary[m.end():]

    def ref(self, dictionary: bytes, key: bytes) -> int | None:
        rest = self.value(dictionary, key)
        m = re.match(_REF, rest) if rest is not None else None
        return int(m.group(1)) if m else None

    def inline_or_ref(self, dictionary: bytes, key: bytes) -> bytes:
        """A dictionary value given inline (`<<…>>`) or by reference."""
        rest = self.value(dictionary, key)
        if rest is None:
            return b""
        m = re.match(_REF, rest)
        if m:
            return self.dictionary(int(m.group(1)))
        if rest.startswith(b"<<"):
            depth, i = 0, 0
            while i < len(rest):
                if rest.startswith(b"<<", i):
                    depth, i = depth + 1, i + 2
                elif rest.startswith(b">>", i):
                    depth, i = depth - 1, i + 2
                    if depth == 0:
                        return rest[:i]
                else:
                    i += 1
        raise _Unsupported

    # ------------------------------------------------------------------ structure
    def pages(self, number: int, seen: set[int] | None = None) -> list[int]:
        seen = seen if seen is not None else set()
        if number in seen:
            raise _Unsupported
        seen.add(number)
        d = self.dictionary(number)
        if re.search(rb"/Type\s*/Page(?![s\w])", d):
            return [number]
        kids = self.value(d, b"/Kids")
        if kids is None:
            raise _Unsupported
        kids = kids[:kids.index(b"]")]
        return [p for kid in re.findall(_REF, kids) for p in self.pages(int(kid), seen)]

    def fonts(self, page: bytes) -> dict[bytes, dict[int, str]]:
        resources = self.inline_or_ref(page, b"/Resources")
        fonts = self.inline_or_ref(resources, b"/Font") if b"/Font" in resources else b"<<>>"
        out = {}
        for name, number in re.findall(rb"/([^\s/\[\]()<>{}]+)\s*" + _REF, fonts):
            font = self.dictionary(int(number))
            if b"/Type0" not in font or b"/Identity-H" not in font:
                raise _Unsupported
            cmap = self.ref(font, b"/ToUnicode")
            if cmap is None:
                raise _Unsupported
            if cmap not in self.cmaps:
                self.cmaps[cmap] = _parse_cmap(self.stream(cmap))
            out[name] = self.cmaps[cmap]
        return out

    def text(self) -> str:
        trailer = self.pdf[self.pdf.rfind(b"trailer"):] if b"trailer" in self.pdf else b""
        root = self.ref(trailer, b"/Root")
        if root is None:
            raise _Unsupported
        catalog = self.dictionary(root)
        pages = self.ref(catalog, b"/Pages")
        if pages is None:
            raise _Unsupported
        return "\n".join(self.page_text(number) for number in self.pages(pages))

    def page_text(self, number: int) -> str:
        page = self.dictionary(number)
        fonts = self.fonts(page)
        contents = self.value(page, b"/Contents")
        if contents is None:
            return ""
        if contents.startswith(b"["):
            refs = re.findall(_REF, contents[:contents.index(b"]")])
        else:
            refs = re.findall(_REF, contents[:contents.index(b"R") + 1])
        data = b"\n".join(self.stream(int(r)) for r in refs)
        return _show(data, fonts)


def _parse_cmap(data: bytes) -> "_CMap":
    mapping = _CMap()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in _HEX_PAIR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            low_i, high_i = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for i, t in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", target)):
                    mapping[low_i + i] = bytes.fromhex(t.decode()).decode("utf-16-be", "replace")
            else:
                start = bytes.fromhex(target[1:-1].decode())
                base = int.from_bytes(start, "big")
                for i in range(high_i - low_i + 1):
                    mapping[low_i + i] = (base + i).to_bytes(len(start), "big").decode("utf-16-be", "replace")
    return mapping


def _string_bytes(token: bytes) -> bytes:
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    # PDF escapes are Python's bytes escapes (octal, \n \r \t \b \f, line continuation) plus \( and \);
    # an escaped backslash first becomes its octal form, so that what follows it is read as written
    body = token[1:-1]
    if b"\\" not in body:
        return body
    body = body.replace(b"\\\\", b"\\134").replace(b"\\(", b"(").replace(b"\\)", b")")
    return codecs.escape_decode(body)[0]


def _shown_bytes(strings: list[bytes]) -> bytes:
    """The bytes of a TJ array's strings, unescaped at once (no escape spans two strings)."""
    if any(t[:1] == b"<" for t in strings):
        return b"".join(_string_bytes(t) for t in strings)
    return _string_bytes(b"(" + b"".join(t[1:-1] for t in strings) + b")")


class _CMap(dict):
    """Code → characters; a code the map lacks reads as U+FFFD (as a general extractor would not read it)."""

    def __missing__(self, code: int) -> str:
        return "\ufffd"


def _decode(raw: bytes, cmap: "_CMap") -> str:
    """Two-byte codes through the font's ToUnicode map, in C: the codes read as UTF-16 code units."""
    units = raw[:len(raw) - len(raw) % 2].decode("utf-16-be", "surrogatepass")
    if units and max(units) >= "\ud800":  # a surrogate pair would read as one unit
        return "".join(cmap[int.from_bytes(raw[i:i + 2], "big")] for i in range(0, len(raw) - 1, 2))
    return units.translate(cmap)


def _text_string(raw: bytes) -> str:
    """A PDF text string (UTF-16BE with its byte-order mark, else PDFDocEncoding ~ Latin-1)."""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


def _show(data: bytes, fonts: dict[bytes, "_CMap"]) -> str:
    """The characters the content stream shows, as `pdftotext -raw` reads them: a new line where the
    baseline moves; between two text runs on one line, a space unless the second begins with punctuation
    (a run boundary is a change of font, a jump of the text position or the edge of a marked span, which
    the check reads as a place where a word may be set apart or joined); a marked span's /ActualText
    (Typst's hyphens) instead of the glyphs it covers."""
    out: list[str] = []
    cmap: _CMap | None = None
    stack: list[float] = []
    marked: list[str | None] = []  # open marked-content spans: their /ActualText, if any
    replaced = 0  # open spans with an /ActualText: their glyphs are not read
    y_cm = 0.0  # the baseline: translation of the current matrix (cm) plus that of the text matrix (Tm/Td)
    y_text = 0.0
    last_y: float | None = None
    pending_run = False  # a new run began: separate it from what came before

    def emit(text: str) -> None:
        nonlocal last_y, pending_run
        y = round(y_cm + y_text, 1)
        if last_y is not None and y != last_y:
            out.append("\n")
        elif pending_run and out and text[:1] not in _NO_SPACE_BEFORE:
            out.append(" ")
        last_y, pending_run = y, False
        out.append(text)

    operations = _OPERATION.findall(data)
    if sum(len(a) + len(b) for a, b in operations) != len(data.rstrip()):
        raise _Unsupported  # bytes no operation accounts for (a string nested deeper than we read): not guessed at
    for operands, op in operations:
        if op == b"TJ" or op == b"Tj" or op == b"'" or op == b'"':
            if cmap is None:
                raise _Unsupported
            if op != b"TJ" and op != b"Tj":
                y_text += 1.0  # ' and " move to the next line first
            if not replaced:
                emit(_decode(_shown_bytes(_STRINGS.findall(operands)), cmap))
        elif op == b"cm":
            y_cm += float(operands.split()[-1])
        elif op == b"Tm":
            y_text = float(operands.split()[-1])
            pending_run = True  # a jump within a text object: a new run
        elif op == b"Td" or op == b"TD":
            y_text += float(operands.split()[-1])
            pending_run = True
        elif op == b"Tf":
            cmap = fonts.get(operands.split()[-2][1:])
            if cmap is None:
                raise _Unsupported
        elif op == b"q":
            stack.append(y_cm)
        elif op == b"Q":
            y_cm = stack.pop() if stack else 0.0
        elif op == b"BT":
            y_text = 0.0
            pending_run = True
        elif op == b"T*":
            y_text += 1.0  # a new line, whatever its leading
        elif op == b"BDC" or op == b"BMC":
            actual = None
            if b"/ActualText" in operands:
                found = _STRINGS.findall(operands[operands.index(b"/ActualText"):])
                if not found:
                    raise _Unsupported
                actual = _text_string(_string_bytes(found[0]))
                replaced += 1
            marked.append(actual)
        elif op == b"EMC":
            text = marked.pop() if marked else None
            if text is not None:
                replaced -= 1
                if not replaced:
                    emit(text)
        elif op == b"BI" or op == b"Do":
            raise _Unsupported  # an image or a form: inline data, or text of its own
    return "".join(out)
