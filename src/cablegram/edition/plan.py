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
    for path in sorted(inputs, key=str):
        stems.setdefault(Path(path).stem, str(path))
    return stems


def survey(stems: dict[str, str], out_dir: Path, options: BuildOptions) -> list[Observed]:
    """Read and hash every source and TEI file; look for the outputs."""
    observed = []
    for stem, source in stems.items():
        try:
            source_sha = sha(Path(source).read_bytes())
            error = None
        except OSError as exc:
            source_sha, error = None, f"{source}: cannot read ({exc.strerror})"
        tei = out_dir / "tei" / f"{stem}.xml"
        try:
            tei_sha = sha(tei.read_bytes())
        except OSError:
            tei_sha = None
        exists = tei_sha is not None and (not options.html or (out_dir / "site" / f"{stem}.html").exists()) and (
            not options.pdf or (out_dir / "pdf" / f"{stem}.pdf").exists())
        observed.append(Observed(stem, source, source_sha, tei_sha, exists, error))
    return observed
