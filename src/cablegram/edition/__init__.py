"""Build the whole edition: text exports → TEI → validation → HTML site → PDFs (+ volume) → reports.

Documents are independent, so they are spread over worker processes (each compiles schemas and
stylesheets once, in its initializer); the index page and the volume are made at the end from all TEI.

Incremental builds. `edition/.cablegram-manifest.json` records, per document, the hash of its source text,
the build key (tool version + options), the hash of the TEI as the converter wrote it, and the hash of the
TEI the editions were last rendered from. A document is:
- skipped when none of these changed and its outputs exist (unless --force);
- re-rendered, not reconverted, when its TEI was edited by hand (the TEI hash differs from what the
  converter wrote): hand edits are never overwritten; if its source text changed too, a warning says so
  (delete the TEI file to reconvert it);
- reconverted when its source text or the build key changed (or --force) and its TEI was not edited.
Every output is written atomically (temporary file, then rename): an interrupted build leaves no
half-written file, and the next build finishes the job.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from .. import __version__
from ..resources import resource_dir
from ..xmlio import write_atomic

MANIFEST = ".cablegram-manifest.json"
STAGES = ("convert", "validate", "html", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    pdf: bool = True
    volume: bool = True
    html: bool = True
    title: str = "Telegrams"

    def key(self) -> str:
        return hashlib.sha256(json.dumps([__version__, asdict(self)], sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class DocumentReport:
    source: str
    stem: str
    status: str = "built"  # built | rendered (hand-edited TEI) | unchanged | failed
    tei: str | None = None
    title: str | None = None
    date: str | None = None
    languages: list[str] = field(default_factory=list)
    coverage: float | None = None
    aligned_units: int = 0
    translation_units: int = 0
    warnings: list[dict] = field(default_factory=list)
    validation: list[dict] = field(default_factory=list)
    error: str | None = None
    milliseconds: dict[str, float] = field(default_factory=dict)
    # manifest fields
    source_sha: str = ""
    tei_written_sha: str = ""
    converted_from_sha: str = ""  # the source text's hash when the converter last wrote the TEI
    rendered_sha: str = ""
    key: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.validation if d["severity"] == "error") + (1 if self.error else 0)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------- worker side
_worker: dict = {}


def init_worker(options: BuildOptions) -> None:
    """Compile schemas and stylesheets once per process."""
    from ..render.html import HtmlRenderer
    from ..validate import Validator

    _worker["validator"] = Validator()
    if options.html:
        _worker["html"] = HtmlRenderer()
    if options.pdf:
        from ..render.pdf import PdfRenderer

        _worker["pdf"] = PdfRenderer()


def build_document(source: str, out: str, options: BuildOptions, previous: dict | None, force: bool) -> DocumentReport:
    """All stages for one document. Never raises: a failure is reported in the result."""
    from ..ingest import InputError
    from ..tei.convert import convert

    if not _worker:
        init_worker(options)
    out_dir, source_path = Path(out), Path(source)
    stem = source_path.stem
    report = DocumentReport(source=source, stem=stem, key=options.key())
    tei_path = out_dir / "tei" / f"{stem}.xml"
    try:
        source_bytes = source_path.read_bytes()
    except OSError as exc:
        report.status, report.error = "failed", f"{source}: cannot read ({exc.strerror})"
        return report
    report.source_sha = sha(source_bytes)
    previous = previous or {}
    tei_now = tei_path.read_bytes() if tei_path.exists() else None
    tei_now_sha = sha(tei_now) if tei_now is not None else ""
    hand_edited = tei_now is not None and previous.get("tei_written_sha") not in (None, "", tei_now_sha)
    outputs_exist = tei_now is not None and (not options.html or (out_dir / "site" / f"{stem}.html").exists()) and (
        not options.pdf or (out_dir / "pdf" / f"{stem}.pdf").exists())
    unchanged = (not force and outputs_exist and previous.get("source_sha") == report.source_sha
                 and previous.get("key") == report.key and previous.get("rendered_sha") == tei_now_sha)
    if unchanged:
        kept = DocumentReport(**{k: v for k, v in previous.items() if k in DocumentReport.__dataclass_fields__})
        kept.status, kept.milliseconds = "unchanged", {}
        return kept

    start = time.perf_counter()
    if hand_edited:
        report.status = "rendered"
        report.tei_written_sha = previous.get("tei_written_sha", "")
        report.converted_from_sha = previous.get("converted_from_sha", "")
        report.warnings = [{"code": "CB-HAND-EDITED", "message": "TEI edited by hand: rendered from it, not reconverted"}]
        if report.converted_from_sha not in ("", report.source_sha):
            report.warnings.append({"code": "CB-SOURCE-CHANGED",
                                    "message": "the source text changed since conversion, but the TEI was edited by hand and is kept; delete the TEI file to reconvert"})
        for k in ("title", "date", "languages", "coverage", "aligned_units", "translation_units"):
            setattr(report, k, previous.get(k, getattr(report, k)))
    else:
        try:
            conversion = convert(source_path)
        except InputError as exc:
            report.status, report.error = "failed", str(exc)
            return report
        except Exception as exc:  # a converter bug must not stop the build
            report.status, report.error = "failed", f"{source}: internal error in conversion ({type(exc).__name__}: {exc})"
            return report
        data = conversion.xml_bytes()
        write_atomic(tei_path, data)
        tei_now, tei_now_sha = data, sha(data)
        report.tei_written_sha = tei_now_sha
        report.converted_from_sha = report.source_sha
        report.title, report.date, report.languages = conversion.title, conversion.date, conversion.languages
        report.coverage = round(conversion.coverage, 6)
        report.aligned_units, report.translation_units = conversion.aligned_units, conversion.translation_units
        report.warnings = [{"code": w.code, "message": w.message} for w in conversion.warnings]
    report.tei = f"tei/{stem}.xml"
    report.milliseconds["convert"] = _ms(start)

    from .. import saxon
    from ..xmlio import XMLInputError, parse_xml

    start = time.perf_counter()
    try:  # one hardened parse and one Saxon tree for validation and both editions
        parse_xml(tei_now, name=str(tei_path))
        node = saxon.parse_document(tei_now)
    except XMLInputError:
        node = None
    diagnostics = _worker["validator"].validate_bytes(tei_now, str(tei_path), base=tei_path, node=node)
    report.validation = [d.as_dict() | {"file": report.tei} for d in diagnostics]
    report.milliseconds["validate"] = _ms(start)
    if any(d.code == "CG-WF" for d in diagnostics):
        report.status, report.error = "failed", f"{tei_path}: not well-formed; not rendered"
        return report

    try:
        if options.html:
            start = time.perf_counter()
            _worker["html"].render_document(tei_path, out_dir / "site", pdf_href=f"../pdf/{stem}.pdf" if options.pdf else "",
                                            data=tei_now, node=node)
            report.milliseconds["html"] = _ms(start)
        if options.pdf:
            start = time.perf_counter()
            _worker["pdf"].render_document(tei_path, out_dir / "pdf" / f"{stem}.pdf", node=node)
            report.milliseconds["pdf"] = _ms(start)
    except Exception as exc:
        report.status, report.error = "failed", f"{tei_path}: {exc}"
        return report
    report.rendered_sha = tei_now_sha
    return report


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


# ---------------------------------------------------------------------- the build
@dataclass
class BuildResult:
    documents: list[DocumentReport]
    seconds: float
    collection_ms: dict[str, float]

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]


def build(inputs: list[Path], out_dir: Path, *, jobs: int | None = None, force: bool = False,
          options: BuildOptions = BuildOptions(), progress: Callable[[DocumentReport], None] | None = None) -> BuildResult:
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    _copy_tree(resource_dir("schemas"), out_dir / "schemas")  # so that the TEI's xml-model PIs resolve
    manifest = _read_manifest(out_dir)
    stems = {}
    for path in inputs:
        stems.setdefault(Path(path).stem, str(path))  # first of two same-named inputs wins, predictably
    jobs = max(1, jobs or os.cpu_count() or 1)
    reports: list[DocumentReport] = []
    tasks = [(src, str(out_dir), options, manifest.get(stem), force) for stem, src in sorted(stems.items())]
    if jobs == 1 or len(tasks) <= 1:
        for task in tasks:
            reports.append(build_document(*task))
            progress and progress(reports[-1])
    else:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"),
                                 initializer=init_worker, initargs=(options,)) as pool:
            futures = [pool.submit(build_document, *task) for task in tasks]
            for future in as_completed(futures):
                reports.append(future.result())
                progress and progress(reports[-1])
    reports.sort(key=lambda r: r.stem)

    collection_ms: dict[str, float] = {}
    good = [out_dir / r.tei for r in reports if r.status != "failed" and r.tei]
    changed = any(r.status != "unchanged" for r in reports) or force
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

    result = BuildResult(reports, round(time.perf_counter() - started, 3), collection_ms)
    _write_manifest(out_dir, reports, manifest)
    write_reports(out_dir, result)
    return result


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed build left behind (never the outputs themselves, which are renamed whole)."""
    for tmp in out_dir.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def _copy_tree(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file():
            dest = target / path.relative_to(source)
            if not dest.exists() or dest.read_bytes() != path.read_bytes():
                write_atomic(dest, path.read_bytes())


def _read_manifest(out_dir: Path) -> dict:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("documents", {}) if data.get("version") == 1 else {}


def _write_manifest(out_dir: Path, reports: list[DocumentReport], old: dict) -> None:
    docs = dict(old)
    for r in reports:
        if r.stem == "volume":
            continue
        if r.status == "failed":
            docs.pop(r.stem, None)
        else:
            docs[r.stem] = asdict(r)
    write_atomic(out_dir / MANIFEST, json.dumps({"version": 1, "documents": docs}, ensure_ascii=False, indent=1, sort_keys=True))


# ---------------------------------------------------------------------- reports
def stage_summary(reports: list[DocumentReport]) -> dict[str, dict[str, float]]:
    summary = {}
    for stage in STAGES:
        values = sorted(r.milliseconds[stage] for r in reports if stage in r.milliseconds)
        if values:
            summary[stage] = {
                "documents": len(values),
                "median_ms": round(statistics.median(values), 2),
                "p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))], 2),
                "total_ms": round(sum(values), 2),
            }
    return summary


def write_reports(out_dir: Path, result: BuildResult) -> None:
    docs = [asdict(r) for r in result.documents]
    for d in docs:
        for k in ("source_sha", "tei_written_sha", "converted_from_sha", "rendered_sha", "key"):
            d.pop(k, None)
    payload = {
        "tool": f"cablegram {__version__}",
        "documents": docs,
        "summary": {
            "documents": len(result.documents),
            "built": sum(r.status == "built" for r in result.documents),
            "rendered_from_edited_tei": sum(r.status == "rendered" for r in result.documents),
            "unchanged": sum(r.status == "unchanged" for r in result.documents),
            "failed": len(result.failed),
            "warnings": sum(len(r.warnings) + sum(1 for v in r.validation if v["severity"] == "warning") for r in result.documents),
            "errors": sum(r.errors for r in result.documents),
            "stages": stage_summary(result.documents),
            "collection_ms": result.collection_ms,
            "seconds": result.seconds,
        },
    }
    write_atomic(out_dir / "report.json", json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    write_atomic(out_dir / "report.html", _report_html(payload))


def _report_html(payload: dict) -> str:
    from html import escape as e

    s = payload["summary"]
    rows = []
    for d in payload["documents"]:
        issues = [f"{w['code']}: {w['message']}" for w in d["warnings"]]
        issues += [f"{v['severity']} {v['line']}:{v['col']} {v['message']} [{v['code']}]" for v in d["validation"]]
        if d["error"]:
            issues.insert(0, f"error: {d['error']}")
        link = f'<a href="site/{e(d["stem"])}.html">{e(d["title"] or d["stem"])}</a>' if d["status"] != "failed" else e(d["stem"])
        cov = f"{d['coverage']:.1%}" if d["coverage"] is not None else "—"
        times = ", ".join(f"{k} {v:.0f} ms" for k, v in d["milliseconds"].items())
        rows.append(
            f"<tr class=\"{e(d['status'])}\"><td>{link}</td><td>{e(d['date'] or '—')}</td><td>{e(d['status'])}</td>"
            f"<td>{cov}</td><td>{d['aligned_units']}/{d['translation_units']}</td><td>{e(times)}</td>"
            f"<td><ul>{''.join(f'<li>{e(i)}</li>' for i in issues)}</ul></td></tr>"
        )
    stages = "".join(
        f"<tr><td>{e(k)}</td><td>{v['documents']}</td><td>{v['median_ms']}</td><td>{v['p95_ms']}</td></tr>"
        for k, v in s["stages"].items()
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build report</title>
<style>body{{font-family:sans-serif;margin:2rem}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}}tr.failed{{background:#fde}}ul{{margin:0;padding-left:1rem}}</style>
</head><body><main>
<h1>Build report</h1>
<p>{s['documents']} documents: {s['built']} built, {s['rendered_from_edited_tei']} rendered from edited TEI, {s['unchanged']} unchanged, {s['failed']} failed; {s['errors']} errors, {s['warnings']} warnings; {s['seconds']} s.</p>
<h2>Stages</h2>
<table><thead><tr><th>stage</th><th>documents</th><th>median ms</th><th>p95 ms</th></tr></thead><tbody>{stages}</tbody></table>
<h2>Documents</h2>
<table><thead><tr><th>document</th><th>date</th><th>status</th><th>coverage</th><th>aligned</th><th>timings</th><th>warnings and errors</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
</main></body></html>
"""
