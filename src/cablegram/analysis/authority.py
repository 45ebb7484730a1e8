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
#: labels for the scripts and romanisations of the authority files' name forms (declared in langUsage)
FORM_LANGUAGE_NAMES = {
    "hu": "Hungarian", "ja-Hani": "Japanese (kanji)", "ja-Latn": "Japanese (Latin script)",
    "ko-Hang": "Korean (Hangul)", "ko-Hani": "Korean (Hanja)", "ko-Latn": "Korean (Latin script)",
    "zh-Hani": "Chinese (characters)", "zh-Latn": "Chinese (Latin script)",
}
# Russian case endings a name may carry in running text ('Филиппову', 'МАО ЦЗЕ-ДУНА').
_WORD_START = re.compile(r"(?<![\w-])\w")
_RU_ENDINGS = r"(?:а|у|ом|ым|е|ой|ого|ому|я|ю|ем)?"
_RU_ADJECTIVE = r"(?:ий|ый|ого|ому|им|ым|ом)"
_RU_FEMININE = r"(?:а|я|ы|и|е|у|ю|ой|ей)"


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
    # Russian case endings: 'Вышинский' → 'Вышинскому', 'Филиппов' → 'Филиппову', 'Москва' → 'Москве'
    if re.search(r"[ий]й$", form):
        pattern = pattern[: pattern.rfind(re.escape(form[-2]))] + _RU_ADJECTIVE
    elif re.search(r"[аяАЯ]$", form):
        pattern = pattern[: pattern.rfind(re.escape(form[-1]))] + _RU_FEMININE
    elif re.search(r"[\u0400-\u04ff]$", form):
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
        forms.sort(key=lambda f: (-len(f[0]), f[0]))
        self._forms = forms
        # One small alternation per initial letter, tried only where a word starts: a single
        # alternation of every form, tried at every position, made conversion three times slower.
        by_initial: dict[str, list[int]] = {}
        for i, (form, _, _) in enumerate(forms):
            by_initial.setdefault(form[0].lower(), []).append(i)
        self._by_initial = {
            initial: re.compile(
                "(?:" + "|".join(f"(?P<g{i}>{_form_pattern(forms[i][0])})" for i in indexes) + r")(?![\w])",
                re.IGNORECASE,
            )
            for initial, indexes in by_initial.items()
        }

    def find(self, text: str) -> list[NameMatch]:
        out = []
        pos = 0
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < pos:
                continue
            matcher = self._by_initial.get(text[start].lower())
            m = matcher.match(text, start) if matcher else None
            if m:
                _, kind, ref = self._forms[int(m.lastgroup[1:])]
                out.append(NameMatch(m.start(), m.end(), kind, ref))
                pos = m.end()
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
