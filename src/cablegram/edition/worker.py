"""The per-document worker: a task (source text or hand-edited TEI, as bytes) → report + output files.

A worker never touches the edition folder: it renders into a private scratch folder laid out like an
edition (`tei/`, `site/`, `pdf/`, and `schemas/` so that the TEI's `<?xml-model?>` links resolve) and
returns the files as bytes; the client writes them. So the same function runs in the client (serial),
in a local process pool and on Dask workers on other machines, and gives the same bytes everywhere.

Schemas and stylesheets are compiled once per worker process (`WorkerState`), never per document.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from pathlib import Path

from .model import BuildOptions, DocumentReport, Outcome, Task, sha


class WorkerState:
    """What a worker compiles once: the validator and the renderers the options ask for."""

    created = 0  # in this process (a test checks: once per worker and build, not per document)

    def __init__(self, options: BuildOptions, schemas: dict[str, bytes]) -> None:
        from ..validate import Validator

        WorkerState.created += 1
        self.options = options
        # in memory where the system offers it: the renderers write (and fsync) files; the bytes are what we want
        shm = Path("/dev/shm")
        where = shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())
        _remove_orphans(where)
        self.scratch = Path(tempfile.mkdtemp(prefix=f"cablegram-worker-{os.getpid()}-", dir=where))
        atexit.register(shutil.rmtree, self.scratch, True)  # pool workers end without a teardown
        for name, data in schemas.items():  # the edition's schemas/ folder, for the xml-model links
            target = self.scratch / "schemas" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (self.scratch / "tei").mkdir()
        self.validator = Validator()
        self.html = self.pdf = None
        if options.html:
            from ..render.html import HtmlRenderer

            self.html = HtmlRenderer()
        if options.pdf:
            from ..render.pdf import PdfRenderer

            self.pdf = PdfRenderer()

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


_state: WorkerState | None = None


def _remove_orphans(folder: Path) -> None:
    """Scratch folders of worker processes that died without cleaning up (killed, crashed)."""
    for path in folder.glob("cablegram-worker-*-*"):
        pid = path.name.split("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, not ours
    return True


def init_worker(options: BuildOptions, schemas: dict[str, bytes]) -> WorkerState:
    """Set up this process's worker state (a process-pool initializer; the Dask worker plugin's setup)."""
    global _state
    if _state is None or _state.options != options:
        if _state is not None:
            _state.close()
        _state = WorkerState(options, schemas)
    return _state


def close_worker() -> None:
    global _state
    if _state is not None:
        _state.close()
        _state = None


def run_task(task: Task, schemas: dict[str, bytes] | None = None) -> Outcome:
    """Build one document. Never raises for a document's own problem: a failure is in the report."""
    state = _state if _state is not None and _state.options == task.options else init_worker(task.options, schemas or {})
    started = time.thread_time()
    try:
        outcome = _build(task, state)
    except Exception as exc:  # a bug in a stage must not stop the build, nor lose the other documents
        report = DocumentReport(source=task.source, stem=task.stem, key=task.options.key(), status="failed",
                                error=f"{task.source}: internal error ({type(exc).__name__}: {exc})")
        outcome = Outcome(report)
    finally:
        _clean(state.scratch)
    outcome.report.cpu_ms = round((time.thread_time() - started) * 1000, 2)
    return outcome


def run_batch(tasks: list[Task]) -> list[Outcome]:
    """Several documents in one (Dask) task: the per-task overhead is paid once."""
    return [run_task(task) for task in tasks]


def _build(task: Task, state: WorkerState) -> Outcome:
    from ..ingest import InputError
    from ..tei.convert import convert_text

    options, stem = task.options, task.stem
    report = DocumentReport(source=task.source, stem=stem, key=options.key())
    outcome = Outcome(report)
    start, cpu = time.perf_counter(), time.thread_time()
    if task.action == "render":
        tei = task.data
        previous = task.previous
        report.status = "rendered"
        report.source_sha = task.source_sha
        report.tei_written_sha = previous.get("tei_written_sha", "")
        report.converted_from_sha = previous.get("converted_from_sha", "")
        report.warnings = [{"code": "CB-HAND-EDITED", "message": "TEI edited by hand: rendered from it, not reconverted"}]
        if report.converted_from_sha not in ("", report.source_sha):
            report.warnings.append({"code": "CB-SOURCE-CHANGED",
                                    "message": "the source text changed since conversion, but the TEI was edited by hand and is kept; delete the TEI file to reconvert"})
        for k in ("title", "date", "languages", "coverage", "aligned_units", "translation_units"):
            setattr(report, k, previous.get(k, getattr(report, k)))
    else:
        report.source_sha = sha(task.data)
        try:
            conversion = convert_text(task.data, task.source)
        except InputError as exc:
            report.status, report.error = "failed", str(exc)
            return outcome
        except Exception as exc:  # a converter bug must not stop the build
            report.status, report.error = "failed", f"{task.source}: internal error in conversion ({type(exc).__name__}: {exc})"
            return outcome
        tei = conversion.xml_bytes()
        outcome.files[f"tei/{stem}.xml"] = tei
        report.tei_written_sha = sha(tei)
        report.converted_from_sha = report.source_sha
        report.title, report.date, report.languages = conversion.title, conversion.date, conversion.languages
        report.coverage = round(conversion.coverage, 6)
        report.aligned_units, report.translation_units = conversion.aligned_units, conversion.translation_units
        report.warnings = [{"code": w.code, "message": w.message} for w in conversion.warnings]
    report.tei = f"tei/{stem}.xml"
    _timed(report, "convert", start, cpu)

    from .. import saxon
    from ..xmlio import XMLInputError, parse_xml

    start, cpu = time.perf_counter(), time.thread_time()
    scratch_tei = state.scratch / "tei" / f"{stem}.xml"
    scratch_tei.write_bytes(tei)  # validation resolves the xml-model links from here
    node = tree = None
    try:  # one hardened parse and one Saxon tree for validation and both editions
        tree = parse_xml(tei, name=task.tei_name)  # first: the hardened parser sees the text before Saxon does
        node = saxon.parse_document(tei)
    except XMLInputError:
        tree = None
    diagnostics = state.validator.validate_bytes(tei, task.tei_name, base=scratch_tei, node=node, tree=tree)
    report.validation = [d.as_dict() | {"file": report.tei} for d in diagnostics]
    _timed(report, "validate", start, cpu)
    if node is None or any(d.code == "CG-WF" for d in diagnostics):
        report.status, report.error = "failed", f"{task.tei_name}: not well-formed; not rendered"
        return outcome

    try:  # the renderers return bytes: nothing is written (nor flushed) in the scratch folder
        if state.html is not None:
            start, cpu = time.perf_counter(), time.thread_time()
            page, fidelity = state.html.page(Path(task.tei_name), pdf_href=f"../pdf/{stem}.pdf" if options.pdf else "",
                                             data=tei, node=node, tree=tree)
            _timed(report, "html", start, cpu)
            _record_fidelity(report, "html", fidelity)
            outcome.files[f"site/{stem}.html"] = page
            outcome.files[f"site/tei/{stem}.xml"] = tei  # the page's source link
        if state.pdf is not None:
            start, cpu = time.perf_counter(), time.thread_time()
            pdf, fidelity = state.pdf.document(Path(task.tei_name), node=node, data=tei, tree=tree)
            _timed(report, "pdf", start, cpu)
            _record_fidelity(report, "pdf", fidelity)
            outcome.files[f"pdf/{stem}.pdf"] = pdf
    except Exception as exc:
        for name in [n for n in outcome.files if not n.startswith("tei/")]:
            del outcome.files[name]
        report.status, report.error = "failed", f"{task.tei_name}: {exc}"
        return outcome  # the converted TEI is still written: the editor can see what failed to render
    if task.action == "convert":
        report.status = "built"
    report.rendered_sha = sha(tei)
    return outcome


def _record_fidelity(report, edition: str, fidelity) -> None:
    """The render-time check that every word of the TEI text is in the edition, and a warning for a loss."""
    report.fidelity[edition] = fidelity.as_dict()
    if not fidelity.ok:
        report.warnings.append({"code": "CB-WORDS-LOST", "message": fidelity.message(f"{report.stem} ({edition})")})


def _clean(scratch: Path) -> None:
    """Remove this document's files (the folders stay for the next one)."""
    for folder in ("tei", "site", "pdf"):
        for path in (scratch / folder).rglob("*"):
            if not path.is_dir():
                path.unlink(missing_ok=True)


def _timed(report: DocumentReport, stage: str, start: float, cpu: float) -> None:
    report.milliseconds[stage] = _ms(start)
    report.cpu_stage_ms[stage] = round((time.thread_time() - cpu) * 1000, 2)


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)
