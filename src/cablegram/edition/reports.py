"""The edition's records: the manifest the planner reads, and the build reports (report.json, report.html).

The manifest holds, per document, what the planner compares and what the report shows, never timings:
the same edition gives the same manifest bytes whichever executor built it.
"""
from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..xmlio import write_atomic
from .model import MANIFEST, MANIFEST_FIELDS, STAGES, DocumentReport

if TYPE_CHECKING:
    from . import BuildResult

MANIFEST_VERSION = 2  # 2: no timings (version 1 manifests are read as well)


def read_manifest(out_dir: Path) -> dict[str, dict]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("documents", {}) if data.get("version") in (1, MANIFEST_VERSION) else {}


def write_manifest(out_dir: Path, reports: list[DocumentReport], old: dict[str, dict]) -> None:
    docs = dict(old)
    for r in reports:
        if r.stem == "volume" and r.source == "(volume)":
            continue
        if r.status == "failed":
            docs.pop(r.stem, None)
        elif r.status != "unchanged":
            docs[r.stem] = r.manifest_entry()
    if docs == old and (out_dir / MANIFEST).exists():
        return  # nothing changed: an unchanged rebuild of a large edition writes nothing here
    write_atomic(out_dir / MANIFEST, records_json({"version": MANIFEST_VERSION}, "documents", docs))


def records_json(head: dict, key: str, records: dict | list) -> str:
    """JSON with one record per line: readable and diffable, and written by the C encoder (an indented dump
    goes through the pure-Python one: seconds for 10,000 documents). Keys sorted: the same bytes each time."""
    dump = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # noqa: E731
    if isinstance(records, dict):
        body = ",\n".join(f"{dump(k)}:{dump(records[k])}" for k in sorted(records))
        opened, closed = "{", "}"
    else:
        body = ",\n".join(dump(r) for r in records)
        opened, closed = "[", "]"
    fields = "".join(f"{dump(k)}:{dump(v)},\n" for k, v in sorted(head.items()))
    return "{\n" + fields + f"{dump(key)}:{opened}\n{body}\n{closed}}}\n"


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


def cpu_summary(reports: list[DocumentReport]) -> dict[str, float]:
    """CPU time per document built in this run (the worker thread's, all stages together)."""
    values = sorted(r.cpu_ms for r in reports if r.cpu_ms is not None and r.status != "unchanged")
    if not values:
        return {}
    return {"documents": len(values), "median_ms": round(statistics.median(values), 2),
            "p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))], 2), "total_ms": round(sum(values), 2)}


def write_reports(out_dir: Path, result: BuildResult) -> None:
    docs = [r.as_dict() for r in result.documents]
    for d in docs:
        for k in MANIFEST_FIELDS:
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
            "cpu_ms_per_document": cpu_summary(result.documents),
            "executor": result.executor,
            "collection_ms": result.collection_ms,
            "seconds": result.seconds,
        },
    }
    write_atomic(out_dir / "report.json", records_json({k: v for k, v in payload.items() if k != "documents"}, "documents", docs))
    write_atomic(out_dir / "report.html", _report_html(payload))


def _report_html(payload: dict) -> str:
    from html import escape as e

    s = payload["summary"]
    rows = []
    for d in payload["documents"]:
        issues = [f"{w['code']}: {w['message']}" for w in d["warnings"]]
        issues += [f"{v['severity']} {v['line']}:{v['column']} {v['message']} [{v['code']}]" for v in d["validation"]]
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
<style>@font-face{{font-family:"Edition Serif";src:url("site/assets/fonts/DejaVuSerif.ttf") format("truetype")}}body{{font-family:"Edition Serif","DejaVu Serif",Georgia,serif;margin:2rem}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}}tr.failed{{background:#fde}}ul{{margin:0;padding-left:1rem}}</style>
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
