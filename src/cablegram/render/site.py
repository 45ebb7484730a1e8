"""The reading edition as a research tool (issue 15): the pages that need the whole corpus.

Given the facts of every document (`corpus.read_facts`), write: a paginated index (by the index stylesheet,
a part at a time), browsing pages (year and month, correspondent pair, archive and fond, language), register
pages per person, place and organisation with every mention, a thread page per cable chain, the search page,
a sitemap; fill each document page's sequence landmark (previous/next, chains) and link the references to
telegrams its TEI marks (`ref type="telegram"`) to the telegrams of the corpus they designate (their
@target, else decided here by the same rules as `cablegram convert` and `build`: cablegram.chains); then
index the site with Pagefind. Pages are written only when their bytes
change, so an unchanged corpus leaves the site untouched.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .. import chains as _chains_of
from ..xmlio import write_atomic
from .corpus import DocumentFacts, Entry, Reference

INDEX_PART = 100  # documents per index page: a page stays small at any corpus size
LIST_PART = 200
KIND_LABEL = {"person": ("Persons", "persons.html"), "place": ("Places", "places.html"), "org": ("Organisations", "organisations.html")}
IDNO_LINK = {"wikidata": "https://www.wikidata.org/wiki/{}", "viaf": "https://viaf.org/viaf/{}",
             "gnd": "https://d-nb.info/gnd/{}", "geonames": "https://www.geonames.org/{}"}
LANGUAGE = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean", "de": "German", "fr": "French", "ja": "Japanese"}
e = html.escape


def language_name(code: str) -> str:
    return LANGUAGE.get(code.split("-")[0].lower(), code)


def when(d) -> str:
    """A document's date as a <time>, or 'undated'."""
    return f'<time datetime="{e(d.date)}">{e(d.date)}</time>' if d.date else "undated"


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower(), flags=re.ASCII).strip("-") or "x"


# ---------------------------------------------------------------- chains
@dataclass(frozen=True)
class Link:
    source: str  # stem of the citing document
    unit: str
    phrase: str
    target: str  # stem of the document referred to, "" when the corpus lacks it
    index: int = 0  # the reference's place among its document's (the page's data-cable)


def resolve(docs: list[DocumentFacts]) -> list[Link]:
    """Each reference to a telegram the TEI marks, with the document of the corpus it designates: its @target
    where that names a document of the corpus, else the one telegram that fits (cablegram.chains.resolve)."""
    targets = _chains_of.resolve([d.cable for d in docs], keep_targets=True)
    return [Link(d.stem, r.unit, r.phrase, target, r.index)
            for d in docs for r, target in zip(d.references, targets[d.stem])]


def chains(links: list[Link]) -> list[list[str]]:
    """Documents joined by resolved references, each chain as its stems (connected components, sorted)."""
    return _chains_of.chains((link.source, link.target) for link in links)


# ---------------------------------------------------------------- page shell
def shell(title: str, body: str, *, description: str = "", extra_head: str = "", body_class: str = "site-page") -> str:
    meta = (f'<meta name="DC.title" content="{e(title)}">'
            f'<meta name="DC.type" content="Collection"><meta name="DC.format" content="text/html">'
            f'<meta name="description" content="{e(description or title)}">'
            f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "CollectionPage", '
            f'"name": {_json(title)}}}</script>')
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>{meta}'
            f'<link rel="stylesheet" href="assets/edition.css">{extra_head}</head>'
            f'<body class="{body_class}"><a class="skip" href="#content">Skip to the content</a>'
            f'<header class="site"><nav aria-label="Edition"><a href="index.html">All telegrams</a> · '
            f'<a href="search.html">Search</a> · <a href="browse.html">Browse</a> · <a href="registers.html">Registers</a>'
            f'</nav></header><main id="content"><h1>{e(title)}</h1>{body}</main></body></html>\n')


def _json(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False).replace("</", "<\\/")


def doc_table(docs: Iterable[DocumentFacts], extra: Callable[[DocumentFacts], str] | None = None, extra_head: str = "") -> str:
    rows = []
    for d in docs:
        parties = " → ".join(x for x in ("; ".join(p.label for p in d.senders), "; ".join(p.label for p in d.recipients)) if x)
        rows.append(f'<tr><td>{when(d)}</td><td><a href="{e(d.href)}">{e(d.title)}</a></td>'
                    f'<td>{e(parties)}</td>' + (f"<td>{extra(d)}</td>" if extra else "") + "</tr>")
    head = '<th scope="col">Date</th><th scope="col">Title</th><th scope="col">From → to</th>' + (f'<th scope="col">{extra_head}</th>' if extra else "")
    return f'<table class="documents"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def pager(name: str, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    href = lambda n: f"{name}.html" if n == 1 else f"{name}-{n}.html"
    items = []
    for n in range(1, pages + 1):
        if n == page:
            items.append(f'<li><a aria-current="page" href="{href(n)}">{n}</a></li>')
        elif n in (1, pages) or abs(n - page) <= 3:
            items.append(f'<li><a href="{href(n)}">{n}</a></li>')
        elif items[-1] != "<li>…</li>":
            items.append("<li>…</li>")
    return f'<nav class="pages" aria-label="Pages"><ul>{"".join(items)}</ul></nav>'


class SiteWriter:
    def __init__(self, out_dir: Path) -> None:
        self.out = Path(out_dir)
        self.pages: list[str] = []

    def write(self, name: str, text: str) -> None:
        target = self.out / name
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)
        self.pages.append(name)

    def list_pages(self, name: str, title: str, docs: list[DocumentFacts], intro: str = "") -> None:
        parts = [docs[i:i + LIST_PART] for i in range(0, len(docs), LIST_PART)] or [[]]
        for n, part in enumerate(parts, 1):
            nav = pager(name, n, len(parts))
            body = f'{intro}<p class="count">{len(docs)} documents, in chronological order.</p>{nav}{doc_table(part)}{nav}'
            self.write(f"{name}.html" if n == 1 else f"{name}-{n}.html", shell(title, body))


# ---------------------------------------------------------------- the site
def build_site(docs: list[DocumentFacts], out_dir: Path, *, title: str = "Telegrams",
               render_index_part: Callable[[list[DocumentFacts], int, int, str], str] | None = None,
               base_url: str = "", search: bool = True) -> dict:
    """Write the corpus pages into OUT (document pages already there) and index them. Returns counts."""
    out = Path(out_dir)
    docs = sorted(docs, key=lambda d: d.sort_key)
    site = SiteWriter(out)
    links = resolve(docs)
    threads = chains(links)
    chain_of = {stem: n for n, chain in enumerate(threads, 1) for stem in chain}
    by_stem = {d.stem: d for d in docs}

    # index, a part at a time
    parts = [docs[i:i + INDEX_PART] for i in range(0, len(docs), INDEX_PART)] or [[]]
    for n, part in enumerate(parts, 1):
        nav = pager("index", n, len(parts))
        page = render_index_part(part, n, len(parts), nav) if render_index_part else shell(title, nav + doc_table(part) + nav)
        site.write("index.html" if n == 1 else f"index-{n}.html", page)

    _document_pages(out, docs, links, chain_of)
    _browse(site, docs)
    _registers(site, docs)
    _chains(site, threads, links, by_stem)
    site.write("search.html", _search_page())
    site.pages.extend(d.href for d in docs)
    _sitemap(out, site.pages, base_url)
    indexed = run_pagefind(out, [d.href for d in docs]) if search and docs else ""
    return {"documents": len(docs), "pages": len(site.pages), "chains": len(threads),
            "references": len(links), "resolved": sum(1 for l in links if l.target), "pagefind": indexed}


_SEQUENCE = re.compile(r'<nav class="sequence" aria-label="Sequence" data-pagefind-ignore="all">.*?</nav>', re.S)


def _document_pages(out: Path, docs: list[DocumentFacts], links: list[Link], chain_of: dict[str, int]) -> None:
    by_source = defaultdict(list)
    for link in links:
        by_source[link.source].append(link)
    for i, d in enumerate(docs):
        path = out / d.href
        if not path.exists():
            continue
        page = path.read_text(encoding="utf-8")
        items = []
        if i > 0:
            items.append(f'<a rel="prev" href="{e(docs[i - 1].href)}">← Previous: {e(docs[i - 1].date)} {e(docs[i - 1].title)}</a>')
        if i + 1 < len(docs):
            items.append(f'<a rel="next" href="{e(docs[i + 1].href)}">Next: {e(docs[i + 1].date)} {e(docs[i + 1].title)} →</a>')
        if d.stem in chain_of:
            items.append(f'<a class="chain" href="chain-{chain_of[d.stem]}.html">Cable chain {chain_of[d.stem]}</a>')
        nav = ('<nav class="sequence" aria-label="Sequence" data-pagefind-ignore="all">'
               + "".join(f"<span>{x}</span>" for x in items) + "</nav>")
        new = _SEQUENCE.sub(lambda m: nav, page, count=1)
        if by_source.get(d.stem):
            new = _link_references(new, {link.index: link.target for link in by_source[d.stem]})
        if new != page:
            write_atomic(path, new.encode("utf-8"))


_CABLE_REF = re.compile(r'<a class="ref telegram cable-ref" data-cable="(\d+)"(?: href="[^"]*")?')


def _link_references(page: str, targets: dict[int, str]) -> str:
    """Each reference's link (the stylesheet's `a.cable-ref`, numbered by data-cable) points to the page of the
    telegram it designates in this corpus, or nowhere (a typed reference) when none or several fit."""
    def link(m):
        target = targets.get(int(m.group(1)), "")
        return f'<a class="ref telegram cable-ref" data-cable="{m.group(1)}"' + (f' href="{e(target)}.html"' if target else "")

    return _CABLE_REF.sub(link, page)


def _browse(site: SiteWriter, docs: list[DocumentFacts]) -> None:
    years, months, pairs, archives, fonds, languages = (defaultdict(list) for _ in range(6))
    pair_label: dict[tuple[str, str], tuple[str, str]] = {}
    for d in docs:
        years[d.year or "undated"].append(d)
        if d.month:
            months[d.month].append(d)
        # a pair is who wrote to whom: authority ids where the TEI gives them, so 'Filippov [Stalin]' and
        # 'Cde. Filippov [Stalin]' are one correspondent; shown by the first form met
        pair = (" / ".join(p.ref or p.label for p in d.senders) or "unknown", " / ".join(p.ref or p.label for p in d.recipients) or "unknown")
        pair_label.setdefault(pair, (" / ".join(p.label for p in d.senders) or "unknown", " / ".join(p.label for p in d.recipients) or "unknown"))
        pairs[pair].append(d)
        if d.archive:
            archives[d.archive].append(d)
            fonds[(d.archive, d.fond or "no fond")].append(d)
        for lang in d.languages:
            languages[language_name(lang)].append(d)
    sections = []
    year_items = []
    for year in sorted(years):
        month_links = " ".join(f'<a href="month-{m}.html">{m[5:]}</a> ({len(months[m])})' for m in sorted(months) if m.startswith(year))
        year_items.append(f'<li><a href="year-{slug(year)}.html">{e(year)}</a> ({len(years[year])})'
                          + (f' <span class="months">months: {month_links}</span>' if month_links else "") + "</li>")
        site.list_pages(f"year-{slug(year)}", f"Telegrams of {year}", years[year])
    for month in sorted(months):
        site.list_pages(f"month-{month}", f"Telegrams of {month}", months[month])
    sections.append(f'<section aria-labelledby="by-year"><h2 id="by-year">By year and month</h2><ul class="facet">{"".join(year_items)}</ul></section>')

    def facet(key_id: str, heading: str, groups: dict, label: Callable, prefix: str) -> str:
        items = []
        for key in sorted(groups, key=lambda k: (-len(groups[k]), str(k))):
            name = f"{prefix}-{slug(' '.join(key) if isinstance(key, tuple) else key)}"
            site.list_pages(name, f"{heading}: {label(key)}", groups[key])
            items.append(f'<li><a href="{e(name)}.html">{e(label(key))}</a> ({len(groups[key])})</li>')
        return f'<section aria-labelledby="{key_id}"><h2 id="{key_id}">{heading}</h2><ul class="facet">{"".join(items)}</ul></section>'

    sections.append(facet("by-pair", "By correspondents", pairs, lambda k: f"{pair_label[k][0]} → {pair_label[k][1]}", "pair"))
    sections.append(facet("by-archive", "By archive", archives, str, "archive"))
    sections.append(facet("by-fond", "By archive and fond", fonds, lambda k: f"{k[0]}, fond {k[1]}", "fond"))
    sections.append(facet("by-language", "By language", languages, str, "language"))
    site.write("browse.html", shell("Browse the telegrams", "".join(sections)))


def _registers(site: SiteWriter, docs: list[DocumentFacts]) -> None:
    entries: dict[tuple[str, str], Entry] = {}
    mentions = defaultdict(list)
    for d in docs:
        for entry in d.entries:
            entries.setdefault((entry.kind, entry.id), entry)
        for m in d.mentions:
            mentions[(m.kind, m.ref)].append((d, m))
    kinds_body = []
    for kind, (label, page) in KIND_LABEL.items():
        keys = sorted((k for k in set(entries) | set(mentions) if k[0] == kind and mentions.get(k)),
                      key=lambda k: _entry_name(entries.get(k), mentions[k]).lower())
        items = []
        for key in keys:
            name = _entry_name(entries.get(key), mentions[key])
            documents = len({d.stem for d, _ in mentions[key]})
            items.append(f'<li><a href="{kind}-{slug(key[1])}.html">{e(name)}</a> ({documents} documents)</li>')
            site.write(f"{kind}-{slug(key[1])}.html", _entry_page(kind, key[1], entries.get(key), mentions[key]))
        site.write(page, shell(f"Register of {label.lower()}", f'<p class="count">{len(keys)} entries.</p><ul class="register">{"".join(items)}</ul>'))
        kinds_body.append(f'<li><a href="{page}">{label}</a> ({len(keys)})</li>')
    site.write("registers.html", shell("Registers", f'<ul class="facet">{"".join(kinds_body)}</ul>'))


def _entry_name(entry: Entry | None, mentions: list) -> str:
    if entry:
        for name, kind, lang in entry.names:
            if lang == "en" and not kind:
                return name
        if entry.names:
            return entry.names[0][0]
    return mentions[0][1].text if mentions else "?"


def _entry_page(kind: str, ident: str, entry: Entry | None, mentions: list) -> str:
    name = _entry_name(entry, mentions)
    parts = []
    if entry:
        names = "".join(f'<li lang="{e(lang)}">{e(n)}' + (f' <span class="name-type">({e(t)})</span>' if t else "") + "</li>"
                        for n, t, lang in entry.names if lang) + "".join(
            f'<li>{e(n)}' + (f' <span class="name-type">({e(t)})</span>' if t else "") + "</li>" for n, t, lang in entry.names if not lang)
        parts.append(f'<section aria-labelledby="names-h"><h2 id="names-h">Names</h2><ul>{names}</ul></section>')
        if entry.idnos:
            ids = "".join(f'<li>{e(t)}: ' + (f'<a href="{e(IDNO_LINK[t].format(v))}">{e(v)}</a>' if t in IDNO_LINK else e(v)) + "</li>" for t, v in entry.idnos)
            parts.append(f'<section aria-labelledby="ids-h"><h2 id="ids-h">Identifiers</h2><ul>{ids}</ul></section>')
        if entry.facts:
            parts.append(f'<section aria-labelledby="facts-h"><h2 id="facts-h">Facts</h2><ul>{"".join(f"<li>{e(x)}</li>" for x in entry.facts)}</ul></section>')
    forms = sorted({m.text for _, m in mentions})
    parts.append(f'<section aria-labelledby="forms-h"><h2 id="forms-h">Forms in the documents</h2><p>{e(" · ".join(forms))}</p></section>')
    by_doc = defaultdict(list)
    for d, m in mentions:
        by_doc[d.stem].append((d, m))
    rows = []
    for stem in sorted(by_doc, key=lambda s: by_doc[s][0][0].sort_key):
        d = by_doc[stem][0][0]
        anchors = " ".join(f'<a href="{e(d.href)}#{e(m.unit)}">{e(m.unit)}</a>' for m in dict.fromkeys(m for _, m in by_doc[stem] if m.unit))
        where = " ".join(x for x in (
            anchors,
            "text (heading or signature)" if any(m.in_text and not m.unit for _, m in by_doc[stem]) else "",
            "header (correspondents)" if any(not m.in_text for _, m in by_doc[stem]) else "") if x)
        rows.append(f'<tr><td>{when(d)}</td><td><a href="{e(d.href)}">{e(d.title)}</a></td>'
                    f'<td>{where}</td></tr>')
    parts.append(f'<section aria-labelledby="mentions-h"><h2 id="mentions-h">Mentions ({len(by_doc)} documents)</h2>'
                 f'<table class="documents mentions"><thead><tr><th scope="col">Date</th><th scope="col">Document</th>'
                 f'<th scope="col">Paragraphs</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')
    return shell(name, "".join(parts), description=f"Register entry {ident}: {name}", body_class=f"site-page register-{kind}")


def _chains(site: SiteWriter, threads: list[list[str]], links: list[Link], by_stem: dict) -> None:
    for n, chain in enumerate(threads, 1):
        docs = sorted((by_stem[s] for s in chain), key=lambda d: d.sort_key)
        items = []
        for d in docs:
            refs = [l for l in links if l.source == d.stem and l.target in chain]
            said = "".join(f'<li>“{e(l.phrase)}” (<a href="{e(d.href)}#{e(l.unit)}">{e(l.unit)}</a>) → '
                           f'<a href="{e(l.target)}.html">{e(by_stem[l.target].title)}</a></li>' for l in refs)
            items.append(f'<li><a href="{e(d.href)}">{e(d.date)} {e(d.title)}</a>' + (f"<ul>{said}</ul>" if said else "") + "</li>")
        site.write(f"chain-{n}.html", shell(f"Cable chain {n}", f'<ol class="thread">{"".join(items)}</ol>'))


def _search_page() -> str:
    body = ('<form class="search" role="search" action="search.html" onsubmit="return false">'
            '<p><label for="q">Search the texts (Cyrillic or Latin letters)</label> <input type="search" id="q" name="q"></p>'
            '<div id="filters"></div></form>'
            '<p id="search-status" role="status" aria-live="polite">Search needs JavaScript and the site served over http '
            '(cablegram serve).</p><ol id="results"></ol>')
    return shell("Search", body, extra_head='<script type="module" src="assets/search.js"></script>')


def _sitemap(out: Path, pages: list[str], base_url: str) -> None:
    base = base_url.rstrip("/") + "/" if base_url else ""
    urls = "".join(f"<url><loc>{e(base + p)}</loc></url>" for p in sorted(set(pages)))
    data = (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n').encode()
    target = out / "sitemap.xml"
    if not target.exists() or target.read_bytes() != data:
        write_atomic(target, data)


#: documents per search index: Pagefind holds a whole index in memory while it builds it, and its peak grows
#: faster than the corpus (measured: 0.3 GB at 500 pages, 1.7 GB at 2,000, 7.3 GB at 10,000); a larger corpus
#: is indexed in parts of this size, which the search page merges (Pagefind's mergeIndex)
SEARCH_SHARD = 2000
SHARDS_FILE = "search-shards.json"


def run_pagefind(out: Path, pages: list[str] | None = None, shard: int | None = None) -> str:
    """Index the site with the Pagefind binary shipped in the pagefind-bin wheel (offline).

    `pages`: the document pages (every page is indexed when not given); more than `shard` of them are
    indexed in parts: `pagefind/` holds the first, `pagefind-2/`, `pagefind-3/`, … the others, listed in
    search-shards.json for the search page. Each part is made byte-stable (pagefind_canon.py)."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        print("warning: pagefind-bin not installed; the site has no search index", file=sys.stderr)
        return ""
    shard = shard or SEARCH_SHARD
    parts = [pages[i:i + shard] for i in range(0, len(pages), shard)] if pages and len(pages) > shard else [None]
    names = ["pagefind"] + [f"pagefind-{n}" for n in range(2, len(parts) + 1)]
    for name, part in zip(names, parts):
        _index_part(out, name, part, str(get_executable()))
    for stale in out.glob("pagefind-*"):  # parts an earlier, larger build left
        if stale.is_dir() and stale.name not in names:
            shutil.rmtree(stale, ignore_errors=True)
    listing = (json.dumps([f"{name}/" for name in names[1:]]) + "\n").encode()
    target = out / SHARDS_FILE
    if not target.exists() or target.read_bytes() != listing:
        write_atomic(target, listing)
    return str(out / "pagefind")


def _index_part(out: Path, name: str, pages: list[str] | None, executable: str) -> None:
    from .pagefind_canon import canonicalise

    # into a fresh folder, then swapped in: no stale index files from an earlier build remain
    fresh, final, old = out / f".{name}-new", out / name, out / f".{name}-old"
    view = out / f".{name}-pages"
    for folder in (fresh, old, view):
        shutil.rmtree(folder, ignore_errors=True)
    site = out
    if pages is not None:  # a part: Pagefind sees only its pages (hard links: nothing copied)
        view.mkdir()
        for page in pages:
            try:
                os.link(out / page, view / page)
            except OSError:
                shutil.copyfile(out / page, view / page)
        site = view
    try:
        proc = subprocess.run([executable, "--site", str(site), "--output-path", str(fresh), "--silent"],
                              capture_output=True, text=True, timeout=3600)
    finally:
        shutil.rmtree(view, ignore_errors=True)
    if proc.returncode:
        shutil.rmtree(fresh, ignore_errors=True)
        raise RuntimeError(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}")
    canonicalise(fresh)  # same site, same bytes (Pagefind writes its filters in hash-map order)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
