"""Build: a folder of text exports in, an edition folder out (TEI and a report, then the later stages)."""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..ingest import InputError
from ..xmlio import write_atomic


@dataclass
class DocumentReport:
    source: str
    tei: str | None = None
    title: str | None = None
    date: str | None = None
    languages: list[str] = field(default_factory=list)
    coverage: float | None = None
    aligned_units: int = 0
    translation_units: int = 0
    warnings: list[dict] = field(default_factory=list)
    error: str | None = None
    milliseconds: dict[str, float] = field(default_factory=dict)


def build(inputs: list[Path], out_dir: Path) -> list[DocumentReport]:
    """Convert every input into `out_dir/tei/` and write `out_dir/report.json`."""
    from ..tei.convert import convert

    reports: list[DocumentReport] = []
    tei_dir = out_dir / "tei"
    for path in inputs:
        report = DocumentReport(source=str(path))
        start = time.perf_counter()
        try:
            conversion = convert(path)
        except InputError as exc:
            report.error = str(exc)
            reports.append(report)
            continue
        target = tei_dir / f"{conversion.stem}.xml"
        write_atomic(target, conversion.xml_bytes())
        report.milliseconds["convert"] = round((time.perf_counter() - start) * 1000, 2)
        report.tei = str(target.relative_to(out_dir))
        report.title, report.date, report.languages = conversion.title, conversion.date, conversion.languages
        report.coverage = round(conversion.coverage, 6)
        report.aligned_units, report.translation_units = conversion.aligned_units, conversion.translation_units
        report.warnings = [{"code": w.code, "message": w.message} for w in conversion.warnings]
        reports.append(report)
    payload = {"documents": [asdict(r) for r in reports]}
    write_atomic(out_dir / "report.json", json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return reports
