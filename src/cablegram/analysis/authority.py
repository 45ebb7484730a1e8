"""The authority files (`tei/authority/*.xml`): entries to copy into standOff, and a name matcher."""
from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from lxml import etree

from ..resources import resource
from ..xmlio import NSMAP, TEI_NS, parse_xml
from . import morphology

_FILES = {"person": "persons.xml", "place": "places.xml", "org": "orgs.xml"}
_NAME_ELEMENT = {"person": "persName", "place": "placeName", "org": "orgName"}
#: labels for the scripts and romanisations of the authority files' name forms (declared in langUsage)
FORM_LANGUAGE_NAMES = {
    "hu": "Hungarian", "ja-Hani": "Japanese (kanji)", "ja-Latn": "Japanese (Latin script)",
    "ko-Hang": "Korean (Hangul)", "ko-Hani": "Korean (Hanja)", "ko-Latn": "Korean (Latin script)",
    "zh-Hani": "Chinese (characters)", "zh-Latn": "Chinese (Latin script)",
}
_HAN_OR_HANGUL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# a word (a hyphenated compound is one word: 'ЦЗЭ-ДУНУ' is 'Цзэдун', 'Heon-yeong' 'Heonyeong'); a run of single letters with single spaces between them is one letter-spaced word ('S H T Y K O V')
_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
_HYPHEN = re.compile(r"[-‐]")
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W\d_] ){2,}[^\W\d_](?![^\W_])")
# what may stand between the words of one name ('Pak Heon-yeong', 'N.V. Roshchin', 'ВКП(б)', 'M A O  Z E D O N G',
# 'Peng [Dehuai]': an editor's completion in brackets)
_JOINER = re.compile(r"[\s\-‐–.'’()\[\]]{1,4}")
# a hyphenated compound of capitalised words that is no name as a whole ('Lanzhou-Xi’an', 'URUMCHI-LANZHOU')
_CAPITALISED_COMPOUND = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)+")
#: spelling variants (rapidfuzz ratio, 0-100): 'Roschin'/'Roshchin' score 93, 'Shtytkov'/'Shtykov' 93
FUZZY_MIN = 90
FUZZY_MIN_LENGTH = 6  # shorter words are too often other words
#: words that look like names but are the titles around them ('Marshal' is one letter from 'Marshall')
_NOT_FUZZY = frozenset({"Marshal", "General", "Comrade", "Minister", "Ministry", "Premier", "Chairman", "Ambassador",
                        "Colonel", "Captain", "Admiral", "Embassy", "Secretary", "Council", "Committee", "Korean",
                        "Koreans", "Chinese", "Soviet", "Soviets", "American", "Americans", "Russian", "Russians"})


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    kind: str  # 'person' | 'place' | 'org'
    ref: str | None  # xml:id in the authority file; None: a name recognised but not in the file
    how: str = "form"  # 'form' | 'fuzzy' | 'transliteration' | 'ner' | 'pattern'


@dataclass(frozen=True)
class _Word:
    """One word of a surface form: its text, the case forms it may take in text, and whether it is capitalised."""

    text: str
    forms: frozenset[str]  # Cyrillic: every case form, lower case; Latin: the word itself
    cyrillic: bool
    capital: bool

    def matches(self, token: str) -> bool:
        if self.cyrillic:
            if token.lower() not in self.forms:
                return False
            upper = token[0].isupper()
            return upper if self.capital else (not upper or token.isupper())
        # Latin and other scripts: as written, or the whole word in capitals ('MAO ZEDONG'); never in lower
        # case ('he long' in prose is not He Long)
        return token == self.text or (len(token) > 1 and token.isupper() and token == self.text.upper())


@dataclass(frozen=True)
class _Form:
    words: tuple[_Word, ...]
    kind: str
    ref: str
    text: str
    trailing: str  # punctuation the form ends with (')' of 'ВКП(б)'), taken into the match when the text has it


def _form_order(form: _Form) -> tuple[int, int, str, str, str]:
    """Longer forms first (in words, then letters), then a fixed order: the index does not depend on when a
    form was added."""
    return (-len(form.words), -len(form.text), form.text, form.kind, form.ref)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a text (start, end, word); a letter-spaced run is one word without its spaces."""
    out = []
    pos = 0
    for run in _SPACED.finditer(text):
        out.extend((m.start(), m.end(), _HYPHEN.sub("", m.group())) for m in _WORD.finditer(text, pos, run.start()))
        out.append((run.start(), run.end(), run.group().replace(" ", "")))
        pos = run.end()
    out.extend((m.start(), m.end(), _HYPHEN.sub("", m.group())) for m in _WORD.finditer(text, pos))
    return out


def _word(text: str) -> _Word:
    cyrillic = morphology.is_cyrillic(text)
    forms = morphology.case_forms(text) if cyrillic else frozenset({text})
    return _Word(text, forms, cyrillic, text[:1].isupper())


class Authority:
    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, etree._Element]] = {}  # id -> (kind, element)
        self._standoff_entries: dict[str, etree._Element] = {}  # id -> the entry as entry_copy gives it
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
                    if text and (name_el.get("type") in ("variant", "pseudonym", "abbr") or "," not in text):
                        forms.append((text, kind, xml_id))
        forms = sorted(set(forms), key=lambda f: (-len(f[0]), f))
        self._forms = forms
        # Words: every form is indexed under each way its first word may be written in text (a Cyrillic
        # word under each case form, a Latin word as written and in capitals); a letter-spaced word may
        # also spell a whole form ('M A O Z E D O N G'). Cyrillic forms need the Russian dictionary for their
        # case forms: they are indexed on the first text with Cyrillic letters, so that a process converting
        # English documents only never loads pymorphy3.
        self._index: dict[str, list[_Form]] = {}
        self._squashed: dict[str, _Form] = {}
        self._cyrillic_pending: list[tuple[str, str, str]] = []
        self._lock = threading.Lock()
        han: list[tuple[str, str, str]] = []
        fuzzy: dict[str, set[str]] = {}
        for text, kind, xml_id in forms:
            if _HAN_OR_HANGUL.search(text):
                if len(text) >= 2:  # one character is too often another word
                    han.append((text, kind, xml_id))
                continue
            if morphology.is_cyrillic(text):
                self._cyrillic_pending.append((text, kind, xml_id))
                continue
            words = self._add_form(text, kind, xml_id)
            if words and kind == "person" and len(words) == 1 and len(text) >= FUZZY_MIN_LENGTH - 1:
                fuzzy.setdefault(text, set()).add(xml_id)
        for key in self._index:
            self._index[key].sort(key=_form_order)
        # a Han or Hangul form is found inside a run of characters (no spaces between words)
        han.sort(key=lambda f: (-len(f[0]), f[0]))
        self._han = {t: (k, i) for t, k, i in han}
        self._han_pattern = re.compile("|".join(re.escape(t) for t, _, _ in han)) if han else None
        # spelling variants: one-word person forms that belong to one person only
        self._fuzzy_choices = sorted(t for t, ids in fuzzy.items() if len(ids) == 1)
        self._fuzzy_ref = {t: next(iter(fuzzy[t])) for t in self._fuzzy_choices}
        self._fuzzy_lower = {t.lower(): t for t in self._fuzzy_choices}
        self.find = lru_cache(maxsize=32768)(self._find)

    def _add_form(self, text: str, kind: str, xml_id: str) -> tuple[_Word, ...]:
        words = tuple(_word(_HYPHEN.sub("", w)) for w in _WORD.findall(text))
        if not words:
            return words
        trailing = re.search(r"[^\w\s]*$", text).group()
        form = _Form(words, kind, xml_id, text, trailing)
        keys = set(words[0].forms) if words[0].cyrillic else {words[0].text, words[0].text.upper()}
        for key in keys:
            self._index.setdefault(key, []).append(form)
        if len(words) > 1:
            self._squashed.setdefault("".join(w.text for w in words).upper(), form)
        return words

    def _index_cyrillic(self) -> None:
        """Index the Cyrillic forms in every case form (once, on the first text with Cyrillic letters)."""
        with self._lock:  # texts found before held no Cyrillic letter: what they matched stays right
            for text, kind, xml_id in self._cyrillic_pending:
                self._add_form(text, kind, xml_id)
            for forms in self._index.values():
                forms.sort(key=_form_order)
            self._cyrillic_pending = []

    # ------------------------------------------------------------------ matching
    def _find(self, text: str) -> tuple[NameMatch, ...]:
        if self._cyrillic_pending and morphology.is_cyrillic(text):
            self._index_cyrillic()
        tokens = _tokens(text)
        out: list[NameMatch] = []
        free = 0
        unmatched: list[tuple[int, int, str]] = []
        for i, (start, end, token) in enumerate(tokens):
            if i < free:
                continue
            best = self._match_at(text, tokens, i)
            if best:
                n, form = best
                stop = tokens[i + n - 1][1]
                if form.trailing and text.startswith(form.trailing, stop):
                    stop += len(form.trailing)
                elif text.count("[", start, stop) > text.count("]", start, stop) and text.startswith("]", stop):
                    stop += 1  # 'Peng [Dehuai]': the bracket closes inside the name
                out.append(NameMatch(start, stop, form.kind, form.ref))
                free = i + n
            else:
                unmatched.append((start, end, token))
        out.extend(self._compound_parts(text, unmatched, out))
        taken_spans = [(m.start, m.end) for m in out]
        out.extend(self._fuzzy([u for u in unmatched if not any(s < u[1] and u[0] < e for s, e in taken_spans)]))
        if self._han_pattern is not None and _HAN_OR_HANGUL.search(text):
            taken = [(m.start, m.end) for m in out]
            for m in self._han_pattern.finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    kind, ref = self._han[m.group()]
                    out.append(NameMatch(m.start(), m.end(), kind, ref))
        return tuple(sorted(out, key=lambda m: m.start))

    def _compound_parts(self, text: str, unmatched, found) -> list[NameMatch]:
        """Names inside hyphenated compounds that are no name as a whole: a route 'Lanzhou-Xi’an' or
        'URUMCHI-LANZHOU' is two places. Each part must be capitalised; the text is read again with those
        hyphens as spaces (same offsets)."""
        spans = [(s, e) for s, e, _ in unmatched if _CAPITALISED_COMPOUND.fullmatch(text, s, e)
                 and all(p[:1].isupper() for p in _HYPHEN.split(text[s:e]))]
        if not spans:
            return []
        chars = list(text)
        for s, e in spans:
            for k in range(s, e):
                if _HYPHEN.match(chars[k]):
                    chars[k] = " "
        out = []
        for m in self.find("".join(chars)):
            inside = any(s <= m.start < e for s, e in spans)
            if inside and m.how == "form" and not any(f.start < m.end and m.start < f.end for f in found):
                out.append(m)
        return out

    def _match_at(self, text: str, tokens, i: int) -> tuple[int, _Form] | None:
        token = tokens[i][2]
        key = token.lower() if morphology.is_cyrillic(token) else token
        for form in self._index.get(key, ()):
            n = len(form.words)
            if i + n > len(tokens):
                continue
            if all(form.words[k].matches(tokens[i + k][2]) for k in range(n)) and all(
                _JOINER.fullmatch(text, tokens[i + k - 1][1], tokens[i + k][0]) for k in range(1, n)
            ):
                return n, form
        squashed = self._squashed.get(token.upper()) if " " in text[tokens[i][0]:tokens[i][1]] else None
        if squashed:
            return 1, squashed
        return None

    def _fuzzy(self, unmatched) -> list[NameMatch]:
        """Spelling variants of one-word person forms ('Roschin', 'Shtytkov') and Cyrillic spellings of
        persons the file has in Latin script only ('Захарову' -> Zakharov), conservatively."""
        out = []
        if not self._fuzzy_choices:
            return out
        from rapidfuzz import fuzz, process

        for start, end, token in unmatched:
            if not token[:1].isupper() or not token.isalpha() or token in _NOT_FUZZY:
                continue
            if morphology.is_cyrillic(token):
                # a signature in capitals ('ШТЫКОВ') is read by the dictionary as a common word ('штык')
                if len(token) < FUZZY_MIN_LENGTH - 1 or not (token.isupper() or morphology.is_name_like(token)):
                    continue
                how, choice, best = "transliteration", None, 0.0
                for key in {morphology.latin_key(morphology.lemma(token)), morphology.latin_key(token)}:
                    found = process.extractOne(key, list(self._fuzzy_lower), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
                    if found and found[1] > best and found[0][0] == key[0]:
                        choice, best = self._fuzzy_lower[found[0]], found[1]
            else:
                if len(token) < FUZZY_MIN_LENGTH or not (token.istitle() or token.isupper()):
                    continue
                word, how = token if token.istitle() else token.capitalize(), "fuzzy"
                found = process.extractOne(word, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
                choice = found[0] if found else None
            if choice and choice[0].lower() == (choice[0].lower() if how == "transliteration" else word[0].lower()):
                out.append(NameMatch(start, end, "person", self._fuzzy_ref[choice], how))
        return out

    def lookup(self, text: str, kind: str | None = None) -> str | None:
        """The id of an entry whose form covers the whole text, or None."""
        for m in self.find(text.strip()):
            if m.start == 0 and m.end == len(text.strip()) and (kind is None or m.kind == kind) and m.how == "form":
                return m.ref
        return None

    def entry_copy(self, xml_id: str) -> etree._Element:
        """A copy of the entry as a document's standOff holds it (made once per entry, copied per use)."""
        if xml_id not in self._standoff_entries:
            self._standoff_entries[xml_id] = self._standoff_entry(xml_id)
        return copy.deepcopy(self._standoff_entries[xml_id])

    def _standoff_entry(self, xml_id: str) -> etree._Element:
        entry = copy.deepcopy(self.entries[xml_id][1])
        for el in entry.iter():
            # a derived form points at the rule's respStmt in the authority file's header; in a document the
            # responsibility is the converter's (its respStmt xml:id="cablegram"), still with @cert="medium"
            if (el.get("resp") or "").startswith("#derived-"):
                el.set("resp", "#cablegram")
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
