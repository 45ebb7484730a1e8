"""Decide what to do with each document: the survey reads the edition folder, the planner only decides.

`plan` is a pure function (what the survey observed + the manifest + the options → one step per
document), so the incremental rules are tested without running any stage:

- keep ('unchanged'): the source text, the build key and the TEI the editions were rendered from are
  those the manifest records, and the outputs exist (never under --force);
- render: the TEI differs from what the converter wrote, so a person edited it: hand edits are never
  overwritten, the editions are made from it (also under --force);
- convert: anything else (new document, changed source or options, --force, TEI file deleted);
- fail: the source cannot be read.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .model import BuildOptions, sha

KEEP, RENDER, CONVERT, FAIL = "keep", "render", "convert", "fail"


@dataclass(frozen=True)
class Observed:
    """What the survey found for one document."""
    stem: str
    source: str
    source_sha: str | None  # None: the source could not be read (see `error`)
    tei_sha: str | None  # None: there is no TEI file
    outputs_exist: bool
    error: str | None = None


@dataclass(frozen=True)
class Step:
    stem: str
    source: str
    action: str  # keep | render | convert | fail
    previous: dict = field(default_factory=dict)
    error: str | None = None
    source_sha: str = ""


def plan(observed: list[Observed], manifest: dict[str, dict], options: BuildOptions, force: bool = False) -> list[Step]:
    key = options.key()
    steps = []
    for seen in sorted(observed, key=lambda o: o.stem):
        previous = manifest.get(seen.stem) or {}
        if seen.source_sha is None:
            steps.append(Step(seen.stem, seen.source, FAIL, previous, seen.error))
            continue
        hand_edited = seen.tei_sha is not None and previous.get("tei_written_sha") not in (None, "", seen.tei_sha)
        unchanged = (not force and seen.outputs_exist and seen.tei_sha is not None
                     and previous.get("source_sha") == seen.source_sha and previous.get("key") == key
                     and previous.get("rendered_sha") == seen.tei_sha)
        action = KEEP if unchanged else RENDER if hand_edited else CONVERT
        steps.append(Step(seen.stem, seen.source, action, previous, source_sha=seen.source_sha))
    return steps


def unique_inputs(inputs: list[Path]) -> dict[str, str]:
    """stem → source; of two inputs with the same name, the first in sorted order wins, predictably."""
    stems: dict[str, str] = {}
    for path in sorted(map(os.fspath, inputs)):  # os.path, not pathlib: 10,000 inputs on every rebuild
        stems.setdefault(os.path.splitext(os.path.basename(path))[0], path)
    return stems


STAT_CACHE = ".cablegram-stat-cache.json"
_RACY_NS = 2_000_000_000  # a file changed this close to the cache's writing may have changed unseen: re-hash it


class StatCache:
    """Size, modification time and hash of each source and TEI file, from the last build: a file whose size
    and time are unchanged is not read again (as git's index does). Local and disposable: not the manifest,
    since its times differ between machines and runs."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.old, self.reports_of = _read_stat_cache(out_dir)  # reports_of: the documents and options the reports describe
        self.fresh: dict[str, dict] = {}
        self.fresh_reports_of = self.reports_of

    def record_tei(self, stem: str, path: Path, data: bytes) -> None:
        """The build wrote this TEI: remember its hash for the next survey."""
        try:
            st = os.stat(path)
        except OSError:
            return
        self.fresh.setdefault(stem, {})["tei"] = [st.st_size, st.st_mtime_ns, sha(data)]

    def save(self) -> None:
        _write_stat_cache(self.out_dir, self.old, self.fresh, self.reports_of, self.fresh_reports_of)


def survey(stems: dict[str, str], out_dir: Path, options: BuildOptions, stat_cache: StatCache | None = None) -> list[Observed]:
    """Hash every source and TEI file (through the stat cache); look for the outputs."""
    stat_cache = stat_cache or StatCache(out_dir)
    cache, fresh = stat_cache.old, stat_cache.fresh
    tei_dir, site_dir, pdf_dir = out_dir / "tei", out_dir / "site", out_dir / "pdf"
    pages = _names(site_dir) if options.html else set()
    pdfs = _names(pdf_dir) if options.pdf else set()
    observed = []
    for stem, source in stems.items():
        old = cache.get(stem, {})
        entry = fresh[stem] = {}
        error = None
        try:
            source_sha = _hash(source, old.get("source"), entry, "source")
        except OSError as exc:
            source_sha, error = None, f"{source}: cannot read ({exc.strerror})"
        try:
            tei_sha = _hash(os.path.join(tei_dir, f"{stem}.xml"), old.get("tei"), entry, "tei")
        except OSError:
            tei_sha = None
        exists = tei_sha is not None and (not options.html or f"{stem}.html" in pages) and (
            not options.pdf or f"{stem}.pdf" in pdfs)
        observed.append(Observed(stem, source, source_sha, tei_sha, exists, error))
    return observed


def _names(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(folder)}
    except OSError:
        return set()


def _hash(path: str, cached: list | None, entry: dict, name: str) -> str:
    st = os.stat(path)
    if cached and cached[0] == st.st_size and cached[1] == st.st_mtime_ns:
        digest = cached[2]
    else:
        with open(path, "rb") as fh:
            digest = sha(fh.read())
    entry[name] = [st.st_size, st.st_mtime_ns, digest]
    return digest


def _read_stat_cache(out_dir: Path) -> tuple[dict, str | None]:
    try:
        data = json.loads((out_dir / STAT_CACHE).read_text(encoding="utf-8"))
        written = data["written_ns"]
        return ({stem: {k: v for k, v in entry.items() if v[1] < written - _RACY_NS} for stem, entry in data["files"].items()},
                data.get("reports_of"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return {}, None


def _write_stat_cache(out_dir: Path, old: dict, fresh: dict, reports_of=None, fresh_reports_of=None) -> None:
    """A local, disposable cache (not the manifest: its times differ between machines and runs)."""
    if (fresh == old and fresh_reports_of == reports_of) or not out_dir.is_dir():
        return
    try:
        tmp = out_dir / f".{STAT_CACHE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"written_ns": time.time_ns(), "files": fresh, "reports_of": fresh_reports_of},
                                  separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, out_dir / STAT_CACHE)
    except OSError:
        pass  # only a cache
