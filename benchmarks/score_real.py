#!/usr/bin/env python3
"""Score the converter on the real development corpus (issue 10): per-fact accuracy, validity, coverage,
alignment precision/recall against hand-checked links.

    python benchmarks/score_real.py --corpus /work/realcorpus/pages
    python benchmarks/score_real.py --corpus /work/realcorpus/pages --json > before.json
    python benchmarks/score_real.py --corpus DIR --facts benchmarks/real_corpus/facts.toml --details
    python benchmarks/score_real.py --corpus /work/realcorpus/pages --facts benchmarks/real_corpus/heldout.toml  # held out

The pages are third-party text and are NOT in the repository: --corpus names the folder that holds them
(file names as in facts.toml). The facts (benchmarks/real_corpus/facts.toml) were written down by a
person reading each page; its header says what each fact means. A page missing from --corpus is
reported and left out of the totals. A benchmark, not a test: it never fails, it measures.

Each page is converted with the public API ``cablegram.convert(path)``; the facts are read from the TEI
where docs/encoding.md puts them (any conversion failure counts every fact of that page as wrong, and
the page as invalid with coverage 0 -- the scorer never crashes on a page).

Matching rules (the same for every page):

- text normalisation (``norm``): Unicode NFKC, curly quotes and dashes to ASCII, whitespace collapsed,
  case folded; names of one letter per word written letter-spaced ("S H T Y K O V") are joined.
- title: the normalised record title (``titleStmt/title[@type='main']``) equals the fact, ignoring
  surrounding quotation marks and a final full stop.
- date: ``profileDesc/creation/date/@when`` (else ``@from``/``@notBefore``, else the record bibl's date)
  equals the ISO fact exactly: a month-and-year record date must not be given a day.
- sender / recipient: the names inside ``correspAction[@type='sent'|'received']`` (persName, orgName,
  name, roleName; placeName and date are not names). Words are compared after dropping honorifics and
  particles (cde, comrade, comr, tov, тов, товарищ(у), the, of, to, for, and, via ...). The fact is a
  list of alternatives; it is right when every word of one alternative is a word of the names (for
  Chinese, Japanese or Korean script: the alternative is a substring). "absent" is right only when the
  TEI names nobody.
- languages: the set of primary language subtags of the version divisions (``text/body/div[@xml:lang]``)
  equals the fact.
- roles: for each language of the fact, a version division in that language has that ``@type``.
- original language: the language of ``div[@type='original']``; else ``msItem/textLang/@mainLang``;
  else a ``langUsage`` language no version is written in; compared by primary subtag.
- archival references: every part of every reference of the fact is one fact. A reference is found by
  its archive: a ``msDesc`` whose repository (or the authority org it points to) matches after removing
  spaces and punctuation ("AP RF" = "APRF"). Parts: fond/opis/papka = ``collection[@type]``; delo =
  ``idno[@type='delo']``; listy = ``locus/@from``-``@to``; any other part = an element of that msDesc with
  ``@type`` equal to the part's name. Numbers compare without leading zeros. A page with no archival
  reference scores one fact: the TEI must not invent a ``msDesc``.
- record URL / record id: ``idno[@type='URI']`` / ``idno[@type='record']`` of the record bibl equal the
  fact (scheme and a trailing slash ignored); "absent" is right only when the TEI has none.
- translator: the set of normalised names under the record bibl's ``respStmt`` equals the fact's set.
- numbered points: per version, the number of ``p[@n]`` inside its ``div[@type='message']`` divisions.
- signatures: per version, every signature of the fact matches a distinct ``signed`` element of that
  version (words of the key among the words of the signed text), and there are no other ``signed``.
- validity: the TEI validates against tei_all.rng (../shared/reference/tei/tei_all.rng by default).
- word coverage (ours, independent of the converter's own figure): the share of the page's word tokens
  (``\\w+``, case folded, counted with multiplicity) found in the TEI's header and text (standOff
  excluded; element boundaries separate words). Source lines the TEI lists as dropped by a boilerplate
  rule (``list[@type='boilerplate-rules']/item``, "...: lines 5, 6") are left out of the count -- that
  is the "apart from listed boilerplate rules" of issue 10. The converter's own figure is kept in --json.
- alignment: for pages with ``align`` facts, the predicted links are the union of
  ``linkGrp[@type='alignment']/link/@target`` pairs and translation units' ``@corresp``, kept when they
  join the original's version and the translation's. A predicted link is correct when both its units
  contain the two keys of one hand-checked pair; precision = correct / predicted, recall = pairs found
  by at least one predicted link / pairs.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import cablegram  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
DEFAULT_FACTS = REPO / "benchmarks" / "real_corpus" / "facts.toml"
DEFAULT_TEI_ALL = REPO.parent / "shared" / "reference" / "tei" / "tei_all.rng"

FACT_TYPES = ("title", "date", "sender", "recipient", "languages", "roles", "original language",
              "archival refs", "record URL/id", "translator", "numbered points", "signatures")

STOPWORDS = {"cde", "comrade", "comr", "com", "tov", "тов", "товарищ", "товарищу", "товарищам", "the",
             "of", "to", "for", "and", "via", "mr", "a", "in", "from"}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_TRANS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                        "–": "-", "—": "-", "\u00a0": " "})


# --------------------------------------------------------------------------------------------- norms
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_TRANS)
    text = re.sub(r"\b(?:\w ){2,}\w\b", lambda m: m.group(0).replace(" ", ""), text)  # S H T Y K O V
    return re.sub(r"\s+", " ", text).strip().casefold()


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", norm(text)) if w not in STOPWORDS}


def matches_name(alternative: str, text: str) -> bool:
    if CJK.search(alternative):
        return norm(alternative).replace(" ", "") in norm(text).replace(" ", "")
    want = words(alternative)
    return bool(want) and want <= words(text)


def norm_title(text: str) -> str:
    return norm(text).strip(" \"'").rstrip(".").strip(" \"'")


def norm_value(value: str) -> str:
    value = norm(str(value)).replace(" ", "")
    return "-".join(part.lstrip("0") or "0" if part.isdigit() else part for part in value.split("-"))


def norm_url(url: str) -> str:
    return re.sub(r"^https?://", "", norm(url)).rstrip("/")


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", norm(text))


def text_of(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


def lang_of(value: str | None) -> str:
    return (value or "").split("-")[0].casefold()


# ------------------------------------------------------------------------------------ TEI extraction
class Extracted:
    """The facts as the TEI states them (paths from docs/encoding.md)."""

    def __init__(self, tei):
        self.root = tei.getroot() if hasattr(tei, "getroot") else tei
        r = self.root
        self.bibl = r.find(".//t:sourceDesc/t:bibl[@type='digital-record']", NS)
        self.versions = [d for d in r.findall("./t:text/t:body/t:div", NS) if d.get(XML_LANG)]

    def title(self) -> str:
        el = self.root.find(".//t:titleStmt/t:title[@type='main']", NS)
        if el is None:
            el = self.root.find(".//t:titleStmt/t:title", NS)
        return text_of(el)

    def date(self) -> str:
        el = self.root.find(".//t:profileDesc/t:creation/t:date", NS)
        if el is None and self.bibl is not None:
            el = self.bibl.find("t:date", NS)
        if el is None:
            return "absent"
        return el.get("when") or el.get("from") or el.get("notBefore") or "absent"

    def names(self, action: str) -> list[str]:
        out = []
        for act in self.root.findall(f".//t:correspDesc/t:correspAction[@type='{action}']", NS):
            for el in act:
                if el.tag in (T + "persName", T + "orgName", T + "name", T + "roleName"):
                    out.append(text_of(el))
        return [n for n in out if n.strip()]

    def version_langs(self) -> set[str]:
        return {lang_of(d.get(XML_LANG)) for d in self.versions}

    def versions_in(self, lang: str) -> list:
        return [d for d in self.versions if lang_of(d.get(XML_LANG)) == lang]

    def original_language(self) -> str:
        for d in self.versions:
            if d.get("type") == "original":
                return lang_of(d.get(XML_LANG))
        tl = self.root.find(".//t:msItem/t:textLang", NS)
        if tl is not None and tl.get("mainLang"):
            return lang_of(tl.get("mainLang"))
        used = self.version_langs()
        languages = self.root.findall(".//t:langUsage/t:language", NS)
        # an inferred original language is marked (@resp) in langUsage; a stated one without a manuscript
        # description is the first language no version is written in; a language only the names of the
        # authority entries use is declared with @usage='0' (docs/encoding.md) and is no original language
        for lang in sorted(languages, key=lambda el: el.get("resp") is None):
            if lang_of(lang.get("ident")) not in used and lang.get("usage") != "0":
                return lang_of(lang.get("ident"))
        return "absent"

    def ms_descs(self) -> list:
        return self.root.findall(".//t:sourceDesc/t:msDesc", NS)

    def repository_names(self, ms) -> list[str]:
        names = []
        repo = ms.find(".//t:msIdentifier/t:repository", NS)
        if repo is not None:
            names.append(text_of(repo))
            ref = (repo.get("ref") or "").lstrip("#")
            if ref:
                org = self.root.find(f".//t:standOff//t:org[@{XML_ID}='{ref}']", NS)
                if org is not None:
                    names += [text_of(n) for n in org.findall("t:orgName", NS)]
        return names

    def part(self, ms, name: str) -> str | None:
        if name in ("fond", "opis", "papka"):
            el = ms.find(f".//t:collection[@type='{name}']", NS)
            return text_of(el) if el is not None else None
        if name == "delo":
            el = ms.find(".//t:idno[@type='delo']", NS)
            if el is None:
                el = ms.find(".//t:collection[@type='delo']", NS)
            return text_of(el) if el is not None else None
        if name == "listy":
            el = ms.find(".//t:locus", NS)
            if el is None:
                return None
            lo, hi = el.get("from"), el.get("to")
            if lo and hi and lo != hi:
                return f"{lo}-{hi}"
            return lo or hi or text_of(el)
        for el in ms.iter():
            if el.get("type") == name:
                return text_of(el)
        return None

    def bibl_idno(self, kind: str) -> str:
        if self.bibl is None:
            return "absent"
        el = self.bibl.find(f"t:idno[@type='{kind}']", NS)
        return text_of(el).strip() if el is not None and text_of(el).strip() else "absent"

    def translators(self) -> set[str]:
        if self.bibl is None:
            return set()
        return {norm(text_of(p)) for rs in self.bibl.findall("t:respStmt", NS)
                for p in rs.findall("t:persName", NS) if text_of(p).strip()}

    def points(self, version) -> int:
        return sum(len(m.findall(".//t:p[@n]", NS)) for m in version.iter(T + "div")
                   if m.get("type") == "message" and not any(a.get("type") == "message" for a in m.iterancestors(T + "div")))

    def signed(self, version) -> list[str]:
        return [text_of(s) for s in version.iter(T + "signed")]


# ---------------------------------------------------------------------------------------- scoring
class Score:
    def __init__(self):
        self.right = Counter()
        self.total = Counter()
        self.wrong: dict[str, list[str]] = defaultdict(list)

    def add(self, doc: str, kind: str, ok: bool, what: str = "") -> None:
        self.total[kind] += 1
        if ok:
            self.right[kind] += 1
        else:
            self.wrong[doc].append(f"{kind}: {what}" if what else kind)


def count_facts(fact: dict) -> Counter:
    """How many facts of each type a page has (used to count a failed conversion as all wrong)."""
    n = Counter({"title": 1, "date": 1, "sender": 1, "recipient": 1, "languages": 1, "original language": 1,
                 "record URL/id": 2, "translator": 1})
    n["roles"] = len(fact["roles"])
    n["archival refs"] = sum(len(ref) for ref in fact["archives"]) or 1
    n["numbered points"] = len(fact["points"])
    n["signatures"] = len(fact["signatures"])
    return n


def score_page(doc: str, fact: dict, x: Extracted, score: Score) -> None:
    score.add(doc, "title", norm_title(x.title()) == norm_title(fact["title"]), f"got {x.title()!r}")
    score.add(doc, "date", x.date() == fact["date"], f"got {x.date()}, want {fact['date']}")
    for kind, action, key in (("sender", "sent", "sender"), ("recipient", "received", "recipient")):
        got = x.names(action)
        want = fact[key]
        if want == "absent":
            ok = not got
        else:
            ok = any(matches_name(alt, " ; ".join(got)) for alt in want)
        score.add(doc, kind, ok, f"got {got}, want {want}")
    score.add(doc, "languages", x.version_langs() == set(fact["languages"]),
              f"got {sorted(x.version_langs())}, want {fact['languages']}")
    for lang, role in fact["roles"].items():
        got = [v.get("type") for v in x.versions_in(lang)]
        score.add(doc, "roles", role in got, f"{lang}: got {got}, want {role}")
    score.add(doc, "original language", x.original_language() == fact["original_language"],
              f"got {x.original_language()}, want {fact['original_language']}")
    score_archives(doc, fact, x, score)
    for kind, key, idno in (("record URL/id", "record_url", "URI"), ("record URL/id", "record_id", "record")):
        got, want = x.bibl_idno(idno), fact[key]
        ok = got == want == "absent" or (got != "absent" and want != "absent" and
                                         (norm_url(got) == norm_url(want) if idno == "URI" else norm(got) == norm(want)))
        score.add(doc, kind, ok, f"{key}: got {got}, want {want}")
    want_tr = {norm(n) for n in fact["translator"]}
    score.add(doc, "translator", x.translators() == want_tr, f"got {sorted(x.translators())}, want {sorted(want_tr)}")
    for lang, n in fact["points"].items():
        versions = x.versions_in(lang)
        got = sum(x.points(v) for v in versions) if versions else None
        score.add(doc, "numbered points", got == n, f"{lang}: got {got}, want {n}")
    for lang, keys in fact["signatures"].items():
        versions = x.versions_in(lang)
        signed = [s for v in versions for s in x.signed(v)] if versions else None
        score.add(doc, "signatures", signed is not None and signatures_match(keys, signed),
                  f"{lang}: got {signed}, want {keys}")


def signatures_match(keys: list[str], signed: list[str]) -> bool:
    if len(keys) != len(signed):
        return False
    free = list(signed)
    for key in keys:
        hit = next((s for s in free if matches_name(key, s)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def score_archives(doc: str, fact: dict, x: Extracted, score: Score) -> None:
    ms_list = x.ms_descs()
    if not fact["archives"]:
        score.add(doc, "archival refs", not ms_list, f"invented msDesc: {[squash(text_of(m))[:40] for m in ms_list]}")
        return
    for ref in fact["archives"]:
        want_repo = squash(ref["archive"])
        ms = next((m for m in ms_list if any(want_repo and (want_repo in squash(n) or squash(n) in want_repo)
                                             for n in x.repository_names(m) if squash(n))), None)
        score.add(doc, "archival refs", ms is not None, f"archive {ref['archive']} not found")
        for part, value in ref.items():
            if part == "archive":
                continue
            got = x.part(ms, part) if ms is not None else None
            score.add(doc, "archival refs", got is not None and norm_value(got) == norm_value(value),
                      f"{ref['archive']} {part}: got {got}, want {value}")
    if ms_list and len(ms_list) > len(fact["archives"]):
        pass  # extra references are not scored: the citation may hold copies the facts do not list


# -------------------------------------------------------------------------------------- alignment
def predicted_links(x: Extracted, fact: dict) -> set[tuple]:
    by_id = {}
    owner = {}
    for v in x.versions:
        for el in v.iter():
            if isinstance(el.tag, str) and el.get(XML_ID):
                by_id[el.get(XML_ID)] = el
                owner[el.get(XML_ID)] = lang_of(v.get(XML_LANG))
    pairs = set()
    for link in x.root.iter(T + "link"):
        ids = [t.lstrip("#") for t in (link.get("target") or "").split()]
        if len(ids) == 2:
            pairs.add(frozenset(ids))
    for v in x.versions:
        if v.get("type") != "translation":
            continue
        for el in v.iter():
            if isinstance(el.tag, str) and el.get("corresp") and el.get(XML_ID) and el is not v:
                for target in el.get("corresp").split():
                    pairs.add(frozenset((el.get(XML_ID), target.lstrip("#"))))
    orig = next((lang for lang, role in fact["roles"].items() if role == "original"), None)
    trans = next((lang for lang, role in fact["roles"].items() if role == "translation"), None)
    out = set()
    for pair in pairs:
        ids = list(pair)
        if len(ids) != 2 or not all(i in by_id for i in ids):
            continue
        langs = {owner[i]: i for i in ids}
        if orig in langs and trans in langs and len(langs) == 2:
            out.add((text_of(by_id[langs[orig]]), text_of(by_id[langs[trans]])))
    return out


def contains(key: str, text: str) -> bool:
    return squash(key) in squash(text)


def score_alignment(x: Extracted | None, fact: dict) -> tuple[int, int, int, int]:
    """(correct predicted, predicted, gold found, gold) for one page."""
    gold = fact.get("align", [])
    if x is None:
        return 0, 0, 0, len(gold)
    links = predicted_links(x, fact)
    correct = sum(1 for o, t in links if any(contains(ko, o) and contains(kt, t) for ko, kt in gold))
    found = sum(1 for ko, kt in gold if any(contains(ko, o) and contains(kt, t) for o, t in links))
    return correct, len(links), found, len(gold)


# ------------------------------------------------------------------------------------- coverage
def boilerplate_lines(root) -> set[int]:
    """Source line numbers the TEI says it dropped by a listed boilerplate rule ('...: lines 5, 6-8')."""
    lines: set[int] = set()
    for item in root.iterfind(".//t:encodingDesc//t:list[@type='boilerplate-rules']/t:item", NS):
        m = re.search(r"lines?\s+([\d,\s\-–]+)$", text_of(item).strip())
        for part in (m.group(1).split(",") if m else []):
            lo, _, hi = part.strip().replace("–", "-").partition("-")
            if lo.isdigit():
                lines.update(range(int(lo), int(hi or lo) + 1))
    return lines


# a word; each character of a script written without spaces (and each Korean syllable) alone, so that markup
# inside a run of Chinese does not split one "word" into two new ones
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def coverage(source_text: str, tei) -> float:
    root = tei.getroot() if hasattr(tei, "getroot") else tei
    got = Counter()
    for part in (root.find("t:teiHeader", NS), root.find("t:text", NS)):
        if part is not None:
            # element boundaries separate words (<seg>TOP</seg><seg>SECRET</seg> is two words)
            got.update(WORD.findall(norm(" ".join(part.itertext()))))
    # a footnote's mark ('[1]', '*') is represented by note/@n, once for the anchor and once for the note's own
    # mark (docs/encoding.md): its words count twice
    for note in root.iterfind(".//t:text//t:note[@place='foot'][@n]", NS):
        got.update(2 * WORD.findall(norm(note.get("n"))))
    dropped = boilerplate_lines(root)
    kept = "\n".join(line for n, line in enumerate(source_text.splitlines(), 1) if n not in dropped)
    want = Counter(WORD.findall(norm(kept)))
    total = sum(want.values())
    return sum(min(n, got[w]) for w, n in want.items()) / total if total else 1.0


# ------------------------------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder holding the page texts (NNN.txt)")
    ap.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    ap.add_argument("--tei-all", type=Path, default=DEFAULT_TEI_ALL)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    ap.add_argument("--details", action="store_true", help="list every wrong fact per page")
    args = ap.parse_args(argv)

    facts = tomllib.loads(args.facts.read_text(encoding="utf-8"))["doc"]
    validator = None
    if args.tei_all.exists():
        from lxml import etree
        validator = etree.RelaxNG(etree.parse(str(args.tei_all)))

    score = Score()
    per_doc = {}
    missing = []
    align_tot = [0, 0, 0, 0]
    started = time.perf_counter()
    for fact in facts:
        path = args.corpus / fact["file"]
        if not path.exists():
            missing.append(fact["file"])
            continue
        doc = fact["file"]
        row = {"layout": fact["layout"], "error": None, "valid": False, "coverage": 0.0, "self_coverage": 0.0}
        x = None
        try:
            conv = cablegram.convert(path)
            x = Extracted(conv.tei)
            row["self_coverage"] = conv.coverage
            row["coverage"] = coverage(path.read_text(encoding="utf-8"), conv.tei)
            if validator is not None:
                row["valid"] = bool(validator.validate(conv.tei))
        except Exception as exc:  # a failed conversion scores as wrong; the run goes on
            row["error"] = f"{type(exc).__name__}: {exc}"
        if x is None:
            for kind, n in count_facts(fact).items():
                for _ in range(n):
                    score.add(doc, kind, False, "conversion failed")
        else:
            try:
                score_page(doc, fact, x, score)
            except Exception as exc:  # a TEI shape the scorer cannot read is the converter's fault
                row["error"] = f"scoring: {type(exc).__name__}: {exc}"
        if "align" in fact:
            for i, v in enumerate(score_alignment(x, fact)):
                align_tot[i] += v
        row["wrong"] = score.wrong.get(doc, [])
        per_doc[doc] = row
    elapsed = time.perf_counter() - started

    right, total = sum(score.right.values()), sum(score.total.values())
    ok_docs = [d for d, r in per_doc.items() if r["valid"]]
    covs = [r["coverage"] for r in per_doc.values()]
    prec = align_tot[0] / align_tot[1] if align_tot[1] else 0.0
    rec = align_tot[2] / align_tot[3] if align_tot[3] else 0.0
    result = {
        "pages": len(per_doc), "missing": missing, "seconds": round(elapsed, 2),
        "facts": {k: {"right": score.right[k], "total": score.total[k],
                      "accuracy": round(score.right[k] / score.total[k], 4) if score.total[k] else None}
                  for k in FACT_TYPES},
        "overall": {"right": right, "total": total, "accuracy": round(right / total, 4) if total else None},
        "tei_all_valid": {"valid": len(ok_docs), "pages": len(per_doc), "checked": validator is not None},
        "coverage": {"mean": round(sum(covs) / len(covs), 4) if covs else None, "min": round(min(covs), 4) if covs else None,
                     "pages_below_1": sum(1 for c in covs if c < 0.9999)},
        "alignment": {"correct": align_tot[0], "predicted": align_tot[1], "gold_found": align_tot[2],
                      "gold": align_tot[3], "precision": round(prec, 4), "recall": round(rec, 4),
                      "pages": sum(1 for f in facts if "align" in f and f["file"] in per_doc)},
        "failures": {d: r["error"] for d, r in per_doc.items() if r["error"]},
        "per_page": per_doc,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0

    print(f"Real corpus: {len(per_doc)} pages scored" + (f", {len(missing)} missing from {args.corpus}: {missing}" if missing else ""))
    print(f"{'fact type':<20}{'right':>7}{'total':>7}{'accuracy':>10}")
    for k in FACT_TYPES:
        f = result["facts"][k]
        acc = f"{100 * f['accuracy']:.1f} %" if f["accuracy"] is not None else "-"
        print(f"{k:<20}{f['right']:>7}{f['total']:>7}{acc:>10}")
    o = result["overall"]
    print(f"{'overall':<20}{o['right']:>7}{o['total']:>7}{100 * (o['accuracy'] or 0):>8.1f} %")
    v = result["tei_all_valid"]
    print(f"tei_all valid: {v['valid']}/{v['pages']}" + ("" if v["checked"] else " (tei_all.rng not found: not checked)"))
    c = result["coverage"]
    print(f"word coverage (scorer's count): mean {100 * (c['mean'] or 0):.1f} %, min {100 * (c['min'] or 0):.1f} %, "
          f"{c['pages_below_1']} pages below 100 %")
    a = result["alignment"]
    if a["gold"] or a["predicted"]:
        print(f"alignment on {a['pages']} bilingual pages: precision {a['correct']}/{a['predicted']} = {100 * a['precision']:.1f} %, "
              f"recall {a['gold_found']}/{a['gold']} = {100 * a['recall']:.1f} %")
    else:  # e.g. the held-out facts: no hand-checked links, nothing to report (not 0 %)
        print("alignment: no page with hand-checked links in these facts")
    if result["failures"]:
        print("conversion failures:", json.dumps(result["failures"], ensure_ascii=False))
    if args.details:
        for doc, row in per_doc.items():
            if row["wrong"]:
                print(f"\n{doc} [{row['layout']}] valid={row['valid']} coverage={row['coverage']:.3f}")
                for w in row["wrong"]:
                    print("   -", w[:200])
    print(f"({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
