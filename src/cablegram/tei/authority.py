"""The authority files (`tei/authority/*.xml`): entries to copy into standOff, and a name matcher."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache

from lxml import etree

from ..resources import resource
from ..xmlio import NSMAP, TEI_NS, parse_xml

_FILES = {"person": "persons.xml", "place": "places.xml", "org": "orgs.xml"}
_NAME_ELEMENT = {"person": "persName", "place": "placeName", "org": "orgName"}
# Russian case endings a name may carry in running text ('Филиппову', 'МАО ЦЗЕ-ДУНА').
_RU_ENDINGS = r"(?:а|у|ом|ым|е|ой|ого|ому|я|ю|ем)?"


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    kind: str  # 'person' | 'place' | 'org'
    ref: str  # xml:id in the authority file


def _form_pattern(form: str) -> str:
    """A surface form as a regex: letter-spaced writing ('П Е К И Н') and hyphen/space variants allowed."""
    parts = []
    for ch in form:
        if ch.isalpha():
            parts.append(re.escape(ch) + r"\s?")
        elif ch in " -":
            parts.append(r"[\s\-]?")
        else:
            parts.append(re.escape(ch))
    pattern = "".join(parts).rstrip("?").removesuffix(r"\s")
    if re.search(r"[\u0400-\u04ff]$", form):
        pattern += _RU_ENDINGS
    return pattern


class Authority:
    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, etree._Element]] = {}  # id -> (kind, element)
        self.place_offsets: dict[str, str] = {}
        forms: list[tuple[str, str, str]] = []  # (form, kind, id)
        for kind, name in _FILES.items():
            root = parse_xml(resource("authority", name)).getroot()
            for entry in root.iter(f"{{{TEI_NS}}}{kind}"):
                xml_id = entry.get("{http://www.w3.org/XML/1998/namespace}id")
                self.entries[xml_id] = (kind, entry)
                if kind == "place" and entry.get("n"):
                    self.place_offsets[xml_id] = entry.get("n")
                for name_el in entry.findall(f"tei:{_NAME_ELEMENT[kind]}", NSMAP):
                    text = " ".join("".join(name_el.itertext()).split())
                    if name_el.get("type") in ("variant", "pseudonym", "abbr") or "," not in text:
                        forms.append((text, kind, xml_id))
        # Longest forms first, so 'Мао Цзэдун' wins over 'Мао'.
        forms.sort(key=lambda f: -len(f[0]))
        self._forms = forms
        alternation = "|".join(f"(?P<g{i}>{_form_pattern(f[0])})" for i, f in enumerate(forms))
        self._matcher = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])", re.IGNORECASE)

    def find(self, text: str) -> list[NameMatch]:
        out = []
        for m in self._matcher.finditer(text):
            index = int(m.lastgroup[1:])
            _, kind, ref = self._forms[index]
            out.append(NameMatch(m.start(), m.end(), kind, ref))
        return out

    def lookup(self, text: str, kind: str | None = None) -> str | None:
        """The id of an entry whose form covers the whole text, or None."""
        for m in self.find(text.strip()):
            if m.start == 0 and m.end == len(text.strip()) and (kind is None or m.kind == kind):
                return m.ref
        return None

    def entry_copy(self, xml_id: str) -> etree._Element:
        entry = copy.deepcopy(self.entries[xml_id][1])
        for el in entry.iter():  # the file's indentation; the serialiser indents anew
            if el.text is not None and not el.text.strip() and len(el):
                el.text = None
            if el.tail is not None and not el.tail.strip():
                el.tail = None
        return entry

    def kind_of(self, xml_id: str) -> str | None:
        entry = self.entries.get(xml_id)
        return entry[0] if entry else None


@cache
def authority() -> Authority:
    return Authority()
