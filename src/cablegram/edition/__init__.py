"""Build the whole edition: text exports → TEI → validation → HTML site → PDFs (+ volume) → reports.

Orchestration is kept apart from execution:
- `plan`: the survey reads and hashes the inputs and the edition; the pure planner decides, per document,
  keep / convert / render (hand-edited TEI) / fail (the incremental rules are in its docstring);
- `worker`: one document's stages, from bytes to bytes, with schemas and stylesheets compiled once per
  worker process;
- `executors`: where the workers run: serial, a local process pool, or dask.distributed (a LocalCluster
  or a scheduler's address), all behind one small interface;
- `reports`: the manifest and report.json / report.html.

Only this client process writes into the edition folder (docs/scaling.md says why); every output is
written atomically (temporary file, then rename), so an interrupted build leaves no half-written file,
and the next build finishes the job. The site index and the volume are made at the end from all TEI.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..resources import resource_dir
from ..xmlio import one_flush, write_atomic
from .model import MANIFEST, STAGES, BuildOptions, DocumentReport, Outcome, Task, sha  # noqa: F401 (public)
from .plan import CONVERT, FAIL, KEEP, StatCache, plan, survey, unique_inputs
from .reports import cpu_summary, read_manifest, stage_summary, write_manifest, write_reports  # noqa: F401 (public)

__all__ = ["BuildOptions", "BuildResult", "DocumentReport", "build", "stage_summary", "cpu_summary"]


@dataclass
class BuildResult:
    documents: list[DocumentReport]
    seconds: float
    collection_ms: dict[str, float]
    executor: str = "serial"

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]


def default_executor(jobs: int) -> str:
    return "serial" if jobs <= 1 else "process"


def build(inputs: list[Path], out_dir: Path, *, jobs: int | None = None, force: bool = False,
          options: BuildOptions = BuildOptions(), progress: Callable[[DocumentReport], None] | None = None,
          executor: str | None = None, scheduler: str | None = None) -> BuildResult:
    """Build (or bring up to date) the edition in `out_dir` from `inputs`.

    executor: 'serial', 'process' (a pool of `jobs` processes) or 'dask' (the cluster at `scheduler`,
    else a LocalCluster of `jobs` single-threaded workers); default: serial for one job, else process.
    Raises executors.ExecutorError when the executor cannot start."""
    from .executors import make_executor

    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    schemas = _copy_schemas(out_dir)  # so that the TEI's xml-model PIs resolve
    manifest = read_manifest(out_dir)
    jobs = max(1, jobs or os.cpu_count() or 1)
    kind = executor or default_executor(jobs)

    stat_cache = StatCache(out_dir)
    steps = plan(survey(unique_inputs(inputs), out_dir, options, stat_cache), manifest, options, force)
    reports: list[DocumentReport] = []

    def finish(report: DocumentReport) -> None:
        reports.append(report)
        if progress:
            progress(report)

    tasks = []
    for step in steps:
        if step.action == KEEP:
            kept = DocumentReport.from_manifest(step.previous)
            kept.status = "unchanged"
            finish(kept)
        elif step.action == FAIL:
            finish(DocumentReport(source=step.source, stem=step.stem, key=options.key(), status="failed", error=step.error))
        else:
            tasks.append(step)
    if tasks:
        if kind != "dask" and len(tasks) == 1:
            kind = "serial"  # not worth starting a pool
        with make_executor(kind, options, schemas, jobs, scheduler, expected=len(tasks)) as runner:
            for outcome in runner.run(_tasks(tasks, out_dir, options, finish)):
                _write_outputs(out_dir, outcome)
                tei = outcome.files.get(f"tei/{outcome.report.stem}.xml")
                if tei is not None:
                    stat_cache.record_tei(outcome.report.stem, out_dir / "tei" / f"{outcome.report.stem}.xml", tei)
                finish(outcome.report)
    reports.sort(key=lambda r: r.stem)

    collection_ms: dict[str, float] = {}
    # a document built, or one gone from the inputs: the pages of the whole corpus are made again
    changed = any(r.status != "unchanged" for r in reports) or force or set(manifest) != {r.stem for r in reports}
    if changed and any(r.status != "failed" and r.tei for r in reports):
        start = time.perf_counter()
        _link_references(out_dir, reports, options, stat_cache)
        collection_ms["references"] = _ms(start)
    needed = (options.html and (changed or not (out_dir / "site" / "index.html").exists())) or (
        options.pdf and options.volume and (changed or not (out_dir / "pdf" / "volume.pdf").exists()))
    good = [out_dir / r.tei for r in reports if r.status != "failed" and r.tei] if needed else []  # 10,000 paths: only when used
    with one_flush():  # the site pass rewrites every page: flushed to disk once, not page by page
        if good and options.html and (changed or not (out_dir / "site" / "index.html").exists()):
            from ..render.html import HtmlRenderer

            start = time.perf_counter()
            renderer = HtmlRenderer()
            renderer.render_index(good, out_dir / "site", title=options.title)
            renderer.copy_assets(out_dir / "site")
            collection_ms["index"] = _ms(start)
        if good and options.pdf and options.volume and (changed or not (out_dir / "pdf" / "volume.pdf").exists()):
            from ..render.pdf import PdfRenderer

            start = time.perf_counter()
            try:
                PdfRenderer().render_volume(good, out_dir / "pdf" / "volume.pdf", title=options.title)
            except Exception as exc:
                reports.append(DocumentReport(source="(volume)", stem="volume", status="failed", error=str(exc)))
            collection_ms["volume"] = _ms(start)

    if tasks and hasattr(os, "sync"):
        os.sync()  # every output on disk before the manifest says it was built
    write_manifest(out_dir, reports, manifest)
    result = BuildResult(reports, round(time.perf_counter() - started, 3), collection_ms, kind if tasks else "none")
    # An unchanged rebuild of the documents and options the reports describe leaves them as they are: they
    # tell how the edition was built (timings, warnings); rewriting 10,000 records is half a no-op's time.
    described = sha(("\n".join(r.stem for r in reports) + "\n" + options.key()).encode())
    if changed or described != stat_cache.reports_of or not all((out_dir / f).exists() for f in ("report.json", "report.html")):
        write_reports(out_dir, result)
        stat_cache.fresh_reports_of = described
    stat_cache.save()
    return result


def _link_references(out_dir: Path, reports: list[DocumentReport], options: BuildOptions, stat_cache: StatCache) -> None:
    """References between the telegrams of the edition (cablegram.chains): each converted TEI whose
    references now designate another telegram (or no longer do) gets its @target, and its page is made
    again. TEI a person edited is never rewritten (the site still links its references). The manifest
    records the linked TEI as written by the build, so the next build keeps it. The PDF shows no link, so
    it is not made again."""
    from ..chains import link_files
    from .model import sha

    by_tei = {out_dir / r.tei: r for r in reports if r.status != "failed" and r.tei}

    def converter_written(path: Path) -> bool:
        report = by_tei[path]
        return bool(report.tei_written_sha) and sha(path.read_bytes()) == report.tei_written_sha

    linked = link_files(sorted(by_tei), writable=converter_written)
    renderer = None
    for path, data in sorted(linked.items()):
        report = by_tei[path]
        write_atomic(path, data)
        report.tei_written_sha = report.rendered_sha = sha(data)
        stat_cache.record_tei(report.stem, path, data)
        if options.html:
            if renderer is None:
                from ..render.html import HtmlRenderer

                renderer = HtmlRenderer()
            renderer.render(path, out_dir / "site", pdf_href=f"../pdf/{report.stem}.pdf" if options.pdf else "", data=data)


def _tasks(steps, out_dir: Path, options: BuildOptions, finish: Callable[[DocumentReport], None]):
    """The tasks, read lazily: only the documents in flight are held in memory."""
    for step in steps:
        tei_path = out_dir / "tei" / f"{step.stem}.xml"
        read = Path(step.source) if step.action == CONVERT else tei_path
        try:
            data = read.read_bytes()
        except OSError as exc:  # gone since the survey
            finish(DocumentReport(source=step.source, stem=step.stem, key=options.key(), status="failed",
                                  error=f"{read}: cannot read ({exc.strerror})"))
            continue
        yield Task(stem=step.stem, source=step.source, action=step.action, data=data, options=options,
                   tei_name=str(tei_path), previous=step.previous, source_sha=step.source_sha)


def _write_outputs(out_dir: Path, outcome: Outcome) -> None:
    """Each file atomically (temporary file, rename) but without a flush to disk per file: one `os.sync()`
    before the manifest is written makes the whole batch durable first (a flush per file cost more than
    the rendering of the file on a busy disk)."""
    for relative, data in outcome.files.items():
        target = out_dir / relative
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue  # an unchanged output keeps its timestamp
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed build left behind (never the outputs themselves, which are renamed whole)."""
    for folder in (out_dir, *(p for p in out_dir.iterdir() if p.is_dir())):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
    for tmp in (out_dir / "site" / "tei").glob(".*.tmp") if (out_dir / "site" / "tei").is_dir() else ():
        tmp.unlink(missing_ok=True)


def _copy_schemas(out_dir: Path) -> dict[str, bytes]:
    """Copy the bundled schemas into the edition; return them (the workers lay out the same folder)."""
    source = resource_dir("schemas")
    schemas = {}
    for path in sorted(source.rglob("*")):
        if path.is_file():
            relative = path.relative_to(source).as_posix()
            data = schemas[relative] = path.read_bytes()
            dest = out_dir / "schemas" / relative
            if not dest.exists() or dest.read_bytes() != data:
                write_atomic(dest, data)
    return schemas


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)
