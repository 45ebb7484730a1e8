#!/usr/bin/env python3
"""The research site at scale (issue 15): corpus pass time, site and search-index size, and in Chromium the
index page's load time and the time to the first search result.

    python benchmarks/bench_site.py SITE_DIR [--tei TEI_DIR] [--query Mao] [--json out.json]

With --tei, the corpus pass (facts, index parts, browse, registers, chains, sitemap, Pagefind) is run again
over the TEI files and timed; the document pages must already be in SITE_DIR (`cablegram render html`).
Figures depend on the machine and its load: state both with them.
"""
from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path


def size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def browser_times(site: Path, query: str, rounds: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    from cablegram.render.serve import make_server

    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {"index_load_ms": [], "first_result_ms": [], "results": 0}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        for _ in range(rounds):
            context = browser.new_context()  # a cold cache each round
            page = context.new_page()
            page.goto(base + "index.html")
            out["index_load_ms"].append(page.evaluate(
                "(() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; })()"))
            start = time.perf_counter()
            page.goto(base + "search.html?q=" + query)
            page.wait_for_selector("#results li", timeout=120000)
            out["first_result_ms"].append((time.perf_counter() - start) * 1000)
            out["results"] = int(page.inner_text("#search-status").split()[0])
            context.close()
        browser.close()
    server.shutdown()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--tei", type=Path)
    parser.add_argument("--query", default="Mao")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result: dict = {"cpus": os.cpu_count(), "load": os.getloadavg()}
    if args.tei:
        from cablegram.render.html import HtmlRenderer

        paths = sorted(args.tei.glob("*.xml"))
        start = time.perf_counter()
        renderer = HtmlRenderer()
        renderer.copy_assets(args.site)
        renderer.render_index(paths, args.site)
        result["corpus_pass_s"] = round(time.perf_counter() - start, 1)
        result["documents"] = len(paths)
        result["summary"] = renderer.site_summary
    site_bytes, site_files = size(args.site)
    index_bytes, index_files = size(args.site / "pagefind")
    result.update(site_mb=round(site_bytes / 1e6, 1), site_files=site_files, pagefind_mb=round(index_bytes / 1e6, 1),
                  pagefind_files=index_files, index_html_kb=round((args.site / "index.html").stat().st_size / 1e3, 1))
    result.update(browser_times(args.site, args.query))
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
