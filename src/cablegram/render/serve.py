"""`cablegram serve`: the reading edition over http on this machine only (127.0.0.1), for the search,
which browsers do not load from file:// pages. Any static host serves the same folder."""
from __future__ import annotations

import argparse
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HELP = "serve a built reading edition on http://127.0.0.1 (loopback only) for local viewing"
DESCRIPTION = """\
Serve the site folder of an edition on the loopback interface, so that the full-text search works in a
browser (it cannot load its index from file:// pages). Stop with Ctrl-C.

examples:
  cablegram serve edition/site
  cablegram serve site/ --port 8001
"""
LOOPBACK = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json", ".xml": "application/xml"}

    def log_message(self, format, *args):  # one line per request is noise for a reader
        pass


def make_server(site: Path, port: int = 0) -> ThreadingHTTPServer:
    """A server bound to the loopback interface only; port 0 picks a free one."""
    handler = functools.partial(QuietHandler, directory=str(site))
    return ThreadingHTTPServer((LOOPBACK, port), handler)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", default="edition/site", metavar="SITE", help="site folder (default: edition/site)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 = any free port)")


def run(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"error: {site}: no index.html here; build the edition first (cablegram build)", file=sys.stderr)
        return 2
    try:
        server = make_server(site, args.port)
    except OSError as exc:
        print(f"error: cannot listen on {LOOPBACK}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"Serving {site}/ at http://{LOOPBACK}:{server.server_address[1]}/ (loopback only; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
