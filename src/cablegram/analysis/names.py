"""Names in a document: the authority file's forms (`authority.py`) and names it does not have.

A name the authority file has is marked with its @ref. A name it does not have but that is recognisably a
name -- after a title or office in English ('Comrade Puja', 'Ambassador Dumitru Popa'), a Korean name in
its usual romanisations ('Ri Ju-yeon'), a named body ('World Peace Council'), or a PER/LOC/ORG span of
natasha's tagger in Russian text -- is a *candidate*: marked without @ref and reported once per document
(CW-NAME-CANDIDATE) so that an editor can link it or add it to the authority file. The rules are data
(`analysis/data/names.toml`, with examples the tests run).

Steps: `document_names` (before the block trees) reads every line of the document once and learns the
candidates, so that a later mention of the same name without its title is marked too ('Ambassador Pak
Gyeong-sun' ... 'I received Pak Gyeong-sun'); `report_candidates` (after the block trees) reports what
was marked without @ref.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from . import morphology
from .authority import NameMatch, authority

_DATA = Path(__file__).with_name("data") / "names.toml"
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{4,}")
_CAPITALISED_CYRILLIC = re.compile(r"(?<![\w-])[А-ЯЁ][а-яёА-ЯЁ]+")
_NER_KIND = {"PER": "person", "LOC": "place", "ORG": "org"}
_KEYS = {"person": {"titles", "between", "not_names", "surname_endings", "examples", "counter_examples"},
         "han": {"titles", "examples", "counter_examples"},
         "place": {"republic_heads", "examples", "counter_examples"},
         "korean": {"surnames", "examples", "counter_examples"},
         "org": {"heads", "joiners", "not_names", "examples", "counter_examples"},
         "russian": {"titles", "examples", "counter_examples"}}


@cache
def rules() -> dict:
    with _DATA.open("rb") as fh:
        table = tomllib.load(fh)
    for section, keys in _KEYS.items():
        unknown = set(table.get(section, {})) - keys
        if unknown or section not in table:
            raise ValueError(f"{_DATA}: [{section}] unknown keys {sorted(unknown)}" if unknown else f"{_DATA}: no [{section}]")
    return table


# ---------------------------------------------------------------------------------------------- English
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*(?:[-‐][^\W\d_]+)*"


@cache
def _english() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset, frozenset, frozenset, frozenset]:
    t = rules()
    titles = sorted(t["person"]["titles"], key=len, reverse=True)
    between = "|".join(re.escape(b) for b in t["person"]["between"])
    title = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(x) for x in titles) + r")\s+(?:(?:" + between + r")\s+)?"
                       + r"(?P<name>" + _NAME_WORD + r"(?:\s" + _NAME_WORD + r"){0,2})")
    surnames = "|".join(sorted(map(re.escape, t["korean"]["surnames"]), key=len, reverse=True))
    korean = re.compile(r"(?<![\w-])(?:" + surnames + r")\s(?:[A-Z][a-z]{1,5}-[a-z]{2,6}|[A-Z][a-z]{1,4}\s[A-Z][a-z]{1,4})(?![\w-])")
    word = re.compile(r"[^\W_](?:[^\W_]|['’](?=[^\W_]))*(?:[-‐][^\W_]+)*")
    return (title, korean, word, frozenset(w.capitalize() for w in t["person"]["not_names"]), frozenset(t["org"]["heads"]),
            frozenset(t["org"]["joiners"]), frozenset(t["org"]["not_names"]))


@cache
def _title_words() -> frozenset[str]:
    """Every word of every title, capitalised ('Lieutenant', 'Colonel', 'Major'): never part of a name."""
    return frozenset(w.capitalize() for t in rules()["person"]["titles"] for w in t.split() if w[:1].isupper())


@cache
def _republic_pattern() -> re.Pattern:
    heads = sorted(rules()["place"]["republic_heads"], key=len, reverse=True)
    head = "|".join(re.escape(h).replace("'", "['’]") for h in heads)
    return re.compile(r"(?<![\w'’-])(?P<adj>[A-Z][a-z]+)(?:\s[A-Z][a-z]+)?\s(?:" + head + r")(?:\sof\s[A-Z][a-z]+)?(?![\w'’-])")


@cache
def _russian_surname_pattern() -> re.Pattern:
    endings = sorted(rules()["person"]["surname_endings"], key=len, reverse=True)
    lower = "|".join(map(re.escape, endings))
    upper = "|".join(re.escape(e.upper()) for e in endings)
    return re.compile(r"(?<![\w'’-])(?:[A-Z][a-z]{2,}(?:" + lower + r")|[A-Z]{3,}(?:" + upper + r"))(?![\w'’-])")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() and bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))


def english_candidates(text: str) -> list[NameMatch]:
    title, korean, word_re, not_names, heads, joiners, org_not_names = _english()
    title_words = _title_words()
    out: list[NameMatch] = []
    for m in title.finditer(text):
        words = list(re.finditer(_NAME_WORD, m.group("name")))
        while words and words[0].group().capitalize() in title_words:
            words.pop(0)  # 'Comrade Lieutenant Colonel Schmidt': the rest of the title
        kept = []
        for w in words:
            if not w.group()[:1].isupper() or w.group().capitalize() in not_names or w.group().capitalize() in title_words:
                break
            kept.append(w)
        if kept:
            start = m.start("name") + kept[0].start()
            out.append(NameMatch(start, m.start("name") + kept[-1].end(), "person", None, "pattern"))
    for m in _republic_pattern().finditer(text):
        if m.group("adj") not in org_not_names:  # 'The People's Republic' is no name
            out.append(NameMatch(m.start(), m.end(), "place", None, "pattern"))
    for m in _russian_surname_pattern().finditer(text):
        if m.group().capitalize() not in not_names and m.group().capitalize() not in title_words:
            out.append(NameMatch(m.start(), m.end(), "person", None, "pattern"))
    for m in korean.finditer(text):
        if not any(w in not_names for w in m.group().split()[1:]):
            out.append(NameMatch(m.start(), m.end(), "person", None, "pattern"))
    words = list(word_re.finditer(text))
    upper_heads = {h.upper() for h in heads}
    for i, w in enumerate(words):
        if not (w.group() in heads or w.group() in upper_heads):
            continue
        caps = w.group().isupper()
        first = i
        while first > 0 and _capitalised(words[first - 1].group()) and _adjacent(text, words[first - 1], words[first]) \
                and words[first - 1].group() not in org_not_names:
            first -= 1
        last, j = i, i + 1

        def continues(word: str) -> bool:  # a capitalised word of the name, not a title or a surname after it
            return (_capitalised(word) and word not in org_not_names and word.capitalize() not in one_word_titles
                    and not surname.fullmatch(word))

        surname = _russian_surname_pattern()
        one_word_titles = {t.capitalize() for t in rules()["person"]["titles"] if " " not in t}
        while True:  # what follows the head, joined by 'of', 'for', 'to' ...
            k = j
            while k < len(words) and words[k].group().lower() in joiners and _adjacent(text, words[k - 1], words[k]):
                k += 1
            if (k > j and k < len(words) and _adjacent(text, words[k - 1], words[k]) and continues(words[k].group())
                    and words[k].group().lower() not in joiners):
                last, j = k, k + 1
            elif k == j and j < len(words) and _adjacent(text, words[j - 1], words[j]) and continues(words[j].group()) \
                    and last > i:
                last, j = j, j + 1  # 'of Bacteriological Warfare': the capitalised words after a joiner
            else:
                break
        if last == i and first == i:
            continue  # a head noun alone is not a name
        out.append(NameMatch(words[first].start(), words[last].end(), "org", None, "pattern"))
    return out


def _adjacent(text: str, a, b) -> bool:
    return re.fullmatch(r"[ \t]+", text[a.end():b.start()]) is not None


# ---------------------------------------------------------------------------------------------- Russian
@cache
def _tagger():
    from natasha import NewsEmbedding, NewsNERTagger  # the models ship inside the package

    return None, NewsNERTagger(NewsEmbedding())


def _prepared(text: str) -> str:
    """Signatures and addresses in capitals ('ФИЛИППОВ') as capitalised words, offsets unchanged: the tagger
    was trained on news text and takes words in capitals for organisations."""
    def fix(m: re.Match) -> str:
        word = m.group()
        return word.capitalize() if word.isupper() and morphology.is_name_like(word) else word
    return _CYRILLIC_WORD.sub(fix, text)


def worth_tagging(text: str) -> bool:
    """Whether a Russian text has a capitalised word that may be a name the authority file lacks: the tagger
    is costly, and most lines hold only common words and the file's names."""
    taken = None
    for m in _CAPITALISED_CYRILLIC.finditer(text):
        word = m.group()
        if len(word) < 3 or text[m.end():m.end() + 1] == "." and len(word) <= 5:
            continue  # 'Тов.', 'Отп.', 'Вх.': abbreviations
        if not morphology.is_probably_name(word):
            continue
        taken = authority().find(text) if taken is None else taken
        if not any(t.start <= m.start() < t.end for t in taken):
            return True
    return False


def russian_candidates(texts: list[str]) -> dict[str, list[NameMatch]]:
    """natasha's PER/LOC/ORG spans of Russian texts, tagged in one batch, as candidates."""
    texts = [t for t in dict.fromkeys(texts) if t.strip()]
    todo = [t for t in texts if t not in _TAGGED]
    if todo:
        _, tagger = _tagger()
        if len(_TAGGED) > 50000:  # a memo, not a store
            _TAGGED.clear()
        for text, markup in zip(todo, tagger.map([_prepared(t) for t in todo])):
            _TAGGED[text] = _russian_spans(text, markup.spans)
    return {t: _TAGGED[t] for t in texts}


_TAGGED: dict[str, list[NameMatch]] = {}  # text -> its candidates: a corpus repeats its lines


def _russian_spans(text: str, spans) -> list[NameMatch]:
    titles = set(rules()["russian"]["titles"])
    out: list[NameMatch] = []
    for span in spans:
        kind = _NER_KIND.get(span.type)
        words = list(re.finditer(r"[^\W_][^\W_.]*\.?", text[span.start:span.stop]))
        while words and (morphology.lemma(words[0].group().rstrip(".")) in titles or not words[0].group()[:1].isupper()):
            words.pop(0)
        if not kind or not words:
            continue
        if len(words) == 1 and len(words[0].group().rstrip(".")) <= 4 and text[span.stop:span.stop + 1] == ".":
            continue  # an abbreviation ('Вх.', 'Отд.', 'Служ.'), not a name
        if kind == "person":
            if not all(w.group()[:1].isupper() and morphology.is_name_like(w.group().rstrip(".")) for w in words):
                continue  # 'Шифрованная телеграмма', a heading in capitals
            if len(words) == 1 and morphology.is_place_only(words[0].group()):
                kind = "place"  # 'с Тайвана'
        if kind == "org" and len(words) == 1 and morphology.is_common_noun(words[0].group().rstrip(".")):
            continue  # 'Советское Правительство': a capitalised common noun, not the name of a body
        if kind == "place" and not any(morphology.is_place_like(w.group().rstrip(".")) for w in words):
            continue  # 'Корейского и Китайского правительств': adjectives of nationality, not places
        out.append(NameMatch(span.start + words[0].start(), span.stop, kind, None, "ner"))
    return out


# ---------------------------------------------------------------------------------------------- together
def candidates_in(text: str, russian: tuple[NameMatch, ...] = ()) -> tuple[NameMatch, ...]:
    """Names in a text that the authority file does not have (ref None), never overlapping its names:
    the English rules, and the tagger's spans of this text when given (`russian_candidates`)."""
    return _candidates(text, tuple(russian))


@lru_cache(maxsize=16384)
def _candidates(text: str, russian: tuple[NameMatch, ...]) -> tuple[NameMatch, ...]:
    taken = authority().find(text)
    found = english_candidates(text) + list(russian)
    out: list[NameMatch] = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        end = c.end
        for t in taken:  # cut before a name the file has, but a place is part of an organisation's name
            if t.start < end and c.start < t.end and not _holds(c, t):  # ('Cabinet of Ministers of the DPRK')
                end = t.start
        stripped = text[c.start:end].rstrip(" ,.;:-–(")
        stripped = re.sub(r"(?:\s+(?:of|for|to|the|and|on))+$", "", stripped, flags=re.IGNORECASE)  # an English pattern's tail
        end = c.start + len(stripped)
        if end - c.start < 2 or any(o.start < end and c.start < o.end for o in out):
            continue
        if c.kind == "org" and c.how == "pattern" and not any(w in rules()["org"]["heads"] or w.upper() in {h.upper() for h in rules()["org"]["heads"]}
                                       for w in stripped.split()):
            continue
        out.append(NameMatch(c.start, end, c.kind, None, c.how))
    return tuple(out)


@dataclass(frozen=True)
class NameFinder:
    """The names of one document: the authority file's, and the candidates learned from the document."""

    learned: tuple[tuple[str, str], ...] = ()  # (form as written, kind)
    aliases: tuple[tuple[str, str], ...] = ()  # (surname as written, person id): 'Kim' after 'Kim Il Sung'
    han_aliases: tuple[tuple[str, str], ...] = ()  # (Han surname, person id): '金' before a title after '金日成'

    def find(self, text: str) -> tuple[NameMatch, ...]:
        return _find(text, self.learned, self.aliases, self.han_aliases)


@lru_cache(maxsize=16384)
def _find(text: str, learned: tuple[tuple[str, str], ...], aliases: tuple[tuple[str, str], ...] = (),
          han_aliases: tuple[tuple[str, str], ...] = ()) -> tuple[NameMatch, ...]:
    found = list(authority().find(text))
    # a surname alone for the one person of the document who has it comes before the candidates: 'Kim' is
    # Kim Il Sung in a report that names him, not a Korean name the file lacks
    found += [m for m in _alias_matches(text, aliases, han_aliases) if not any(o.start < m.end and m.start < o.end for o in found)]
    candidates = list(candidates_in(text))
    pattern, kinds = _learned_pattern(learned)
    if pattern is not None:
        candidates += [NameMatch(m.start(), m.end(), kinds[m.group()], None, "document") for m in pattern.finditer(text)]
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        overlapping = [o for o in found if o.start < c.end and c.start < o.end]
        if all(_holds(c, o) and o.ref is not None for o in overlapping):  # an organisation takes its place in
            found = [o for o in found if o not in overlapping] + [c]
    return tuple(sorted((_outside_brackets(text, n) for n in _with_trailing_places(text, found)), key=lambda n: n.start))


def _holds(org: NameMatch, place: NameMatch) -> bool:
    """An organisation's name holds a place name ('Communist Party of China', 'USSR Academy of Sciences'): the
    place belongs to it and is not marked on its own (benchmarks/real_corpus/names.toml, guidelines)."""
    return org.kind == "org" and org.ref is None and place.kind == "place" and org.start <= place.start and place.end <= org.end


def _with_trailing_places(text: str, found: list[NameMatch]) -> list[NameMatch]:
    """'Академии наук СССР': a Russian organisation's name ends in the abbreviation of its state, which the
    tagger reads as a place of its own; the abbreviation belongs to the organisation."""
    ordered = sorted(found, key=lambda n: n.start)
    out: list[NameMatch] = []
    skip = set()
    for i, n in enumerate(ordered):
        if i in skip:
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if (n.kind == "org" and n.ref is None and nxt is not None and nxt.kind == "place" and text[n.end:nxt.start] == " "
                and text[nxt.start:nxt.end].isupper() and 2 <= nxt.end - nxt.start <= 5 and morphology.is_cyrillic(text[n.start:n.end])):
            out.append(NameMatch(n.start, nxt.end, "org", None, n.how))
            skip.add(i + 1)
        else:
            out.append(n)
    return out


def _outside_brackets(text: str, match: NameMatch) -> NameMatch:
    """A name an editor completed in brackets ('Peng [Dehuai]', '[N.V.] Roshchin') is marked by its part
    outside them: the bracketed text is the editor's (a supplied span), and a name element may not cross it."""
    if "[" not in text[match.start:match.end] and "]" not in text[match.start:match.end]:
        return match
    depth = text.count("[", 0, match.start) - text.count("]", 0, match.start)
    runs, start = [], None
    for k in range(match.start, match.end + 1):
        ch = text[k] if k < match.end else "["
        if ch in "[]":
            if start is not None and depth <= 0:
                runs.append((start, k))
            start = None
            depth += 1 if ch == "[" else -1
        elif start is None:
            start = k
    pieces = []
    for a, b in runs:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip(" ,.;:"))
        b -= len(piece) - len(piece.rstrip(" ,.;:"))
        if b - a >= 2:
            pieces.append((b - a, a, b))
    if not pieces:
        return match
    _, a, b = max(pieces)
    return NameMatch(a, b, match.kind, match.ref, match.how)


def _alias_matches(text: str, aliases, han_aliases) -> list[NameMatch]:
    out = []
    if aliases:
        refs = dict(aliases)
        pattern = _alias_pattern(tuple(sorted(refs, key=len, reverse=True)))
        out += [NameMatch(m.start(), m.end(), "person", refs[m.group()], "document") for m in pattern.finditer(text)]
    if han_aliases and _HAN_CHAR.search(text):
        refs = dict(han_aliases)
        for m in _han_title_pattern(tuple(sorted(refs))).finditer(text):
            out.append(NameMatch(m.start(), m.start() + 1, "person", refs[m.group(1)], "document"))
    return out


@lru_cache(maxsize=256)
def _alias_pattern(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


@lru_cache(maxsize=256)
def _han_title_pattern(surnames: tuple[str, ...]) -> re.Pattern:
    titles = sorted(rules()["han"]["titles"], key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, surnames)) + ")(?=" + "|".join(map(re.escape, titles)) + ")")


@lru_cache(maxsize=256)
def _learned_pattern(learned: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    if not learned:
        return None, {}
    forms = sorted({f for f, _ in learned}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])"), dict(learned)


_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")


@cache
def _surname_first(ref: str) -> bool:
    """Whether a person's name is written surname first (Chinese, Korean, Vietnamese): the entry has Chinese
    or Korean forms, or its English form has two or more words and no comma ('Kim Il Sung'; a Western or
    Russian name is written 'Surname, Given names' where the given names are known)."""
    entry = authority().entries.get(ref)
    if entry is None:
        return False
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    names = [n for n in entry[1] if isinstance(n.tag, str) and n.tag.endswith("persName")]
    if any((n.get(lang) or "").startswith(("zh", "ko")) for n in names):
        return True
    english = [" ".join("".join(n.itertext()).split()) for n in names if n.get(lang) == "en"]
    return bool(english) and "," not in english[0] and len(english[0].split()) >= 2


def _document_aliases(texts: list[str], learned: set[tuple[str, str]]) -> tuple[tuple, tuple]:
    """Surnames that stand for one person in this document: the first word of a surname-first name the
    document gives in full ('Kim' after 'Kim Il Sung', 'Peng' after 'Peng Dehuai'), and the first character
    of a Han form ('金' after '金日成'); never a surname two persons of the document share, nor one the
    authority file has as a form of its own, nor the first word of a candidate ('Kim Dal-seon')."""
    auth = authority()
    latin: dict[str, set[str]] = {}
    han: dict[str, set[str]] = {}
    for text in texts:
        for m in auth.find(text):
            if m.kind != "person" or m.how != "form":
                continue
            surface = text[m.start:m.end]
            if _HAN_CHAR.match(surface):
                han.setdefault(surface[0], set()).add(m.ref)
                continue
            words = re.split(r"[\s\[\]]+", surface)
            if len(words) >= 2 and _surname_first(m.ref) and re.fullmatch(r"[A-Z][a-z]+|[A-Z]{2,}", words[0]):
                latin.setdefault(words[0].capitalize(), set()).add(m.ref)
    for form, kind in learned:
        first = form.split()[0] if form.split() else ""
        if kind == "person" and first.capitalize() in latin:
            latin[first.capitalize()].add(None)
    aliases = []
    for word, refs in sorted(latin.items()):
        if len(refs) == 1 and auth.lookup(word) is None and auth.lookup(word.upper()) is None:
            ref = next(iter(refs))
            aliases += [(word, ref), (word.upper(), ref)]
    han_aliases = [(char, next(iter(refs))) for char, refs in sorted(han.items()) if len(refs) == 1]
    return tuple(aliases), tuple(han_aliases)


def learn(texts) -> NameFinder:
    """The candidates of a document's texts (each read once), as forms to find wherever they recur, and the
    surnames that stand for one person of the document. Russian texts that may hold a name the file lacks are
    tagged by natasha, all in one batch."""
    texts = list(texts)
    tagged = russian_candidates([t for t in texts if morphology.is_cyrillic(t) and worth_tagging(t)])
    learned: set[tuple[str, str]] = set()
    for text in texts:
        for c in candidates_in(text, tuple(tagged.get(text, ()))):
            form = text[c.start:c.end]
            if len(form) >= 4 or c.how == "ner" and len(form) >= 3:  # long enough to be unambiguous
                learned.add((form, c.kind))
    aliases, han_aliases = _document_aliases(texts, learned)
    alias_forms = {a for a, _ in aliases}
    return NameFinder(tuple(sorted(l for l in learned if l[0] not in alias_forms)), aliases, han_aliases)


def unlinked_names(trees) -> list[tuple[str, str, int]]:
    """(text, tag, line) of every name marked without @ref in the block trees, in document order."""
    out = []

    def visit(inline) -> None:
        if inline is None:
            return
        for span in inline.spans:
            if span.kind == "name" and not span.attr("ref"):
                out.append((" ".join(inline.text[span.start:span.end].split()), span.attr("tag"), inline.line))
            visit(span.inner)

    for tree in trees:
        for block in tree.walk():
            for inline in block.lines:
                visit(inline)
            visit(block.head)
            for entry in block.entries:
                visit(entry.text)
            for row in block.rows or ():
                for cell in row:
                    visit(cell)
    return out


def candidate_report(names: list[tuple[str, str, int]]) -> str | None:
    """One line for the conversion report: each name once, with its element, count and first line."""
    if not names:
        return None
    counts = Counter((text, tag) for text, tag, _ in names)
    first = {}
    for text, tag, line in names:
        first.setdefault((text, tag), line)
    parts = [f"{text} ({tag}{f' ×{n}' if n > 1 else ''}, line {first[(text, tag)]})" for (text, tag), n in counts.items()]
    return "names not in the authority file, marked without @ref: " + "; ".join(parts)
