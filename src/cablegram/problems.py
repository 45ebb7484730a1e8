"""The one problem type of every stage, and the registry of problem codes.

A `Problem` is what a stage tells the editor: a conversion warning (`CW-…`), a validation finding
(`CG-…`, from the Schematron rules in `schemas/cablegram.sch` and the validator) or a build finding
(`CB-…`). Every code is registered once, in `data/problems.toml`, with its severity and advice to the
editor; `tests/test_problems.py` checks that every code used in `src/` and `schemas/` is registered.
docs/problems.md lists them.
"""
from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

SEVERITIES = ("error", "warning", "info")
_REGISTRY = Path(__file__).resolve().parent / "data" / "problems.toml"
_ENTRY_KEYS = {"severity", "summary", "advice", "stage"}
_STAGES = {"convert", "validate", "build"}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located as precisely as the stage can: a source line for conversion, an element for TEI."""

    code: str
    severity: str  # 'error' | 'warning' | 'info'
    message: str
    file: str = ""
    line: int = 0  # 1-based; 0 when the problem has no single line
    column: int = 0
    path: str = ""  # element path in the TEI (validation) or field path in the model (conversion)

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        at = f" ({self.path})" if self.path else ""
        return f"{where}{self.severity}: {self.message}{at} [{self.code}]"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CodeEntry:
    code: str
    severity: str
    stage: str
    summary: str
    advice: str


class RegistryError(ValueError):
    """The problem registry is malformed (an unknown key, a bad severity): a defect of the package."""


def _load(path: Path) -> dict[str, CodeEntry]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, CodeEntry] = {}
    for code, entry in data.items():
        if not isinstance(entry, dict):
            raise RegistryError(f"{path.name}: '{code}' is not a table")
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise RegistryError(f"{path.name}: [{code}] has unknown key(s) {sorted(unknown)}")
        missing = _ENTRY_KEYS - set(entry)
        if missing:
            raise RegistryError(f"{path.name}: [{code}] lacks {sorted(missing)}")
        if entry["severity"] not in SEVERITIES:
            raise RegistryError(f"{path.name}: [{code}] severity must be one of {SEVERITIES}")
        if entry["stage"] not in _STAGES:
            raise RegistryError(f"{path.name}: [{code}] stage must be one of {sorted(_STAGES)}")
        out[code] = CodeEntry(code, entry["severity"], entry["stage"], entry["summary"], entry["advice"])
    return out


@cache
def registry() -> dict[str, CodeEntry]:
    """Every registered code → its entry (loaded once)."""
    return _load(_REGISTRY)


def entry(code: str) -> CodeEntry:
    try:
        return registry()[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not registered in data/problems.toml") from None


def problem(code: str, message: str, **where) -> Problem:
    """A Problem with the registered severity of `code` (an unregistered code is a programming error)."""
    return Problem(code, entry(code).severity, message, **where)


_STAGE_TITLES = {
    "convert": "Conversion warnings (`cablegram convert`)",
    "validate": "Validation findings (`cablegram validate`)",
    "build": "Build findings (`cablegram build`)",
}


def markdown() -> str:
    """docs/problems.md: every registered code, by stage (generated; a test keeps the file in step)."""
    lines = [
        "# Problem codes",
        "",
        "Every stage reports problems in one form: code, severity, message, file, line, column and, for TEI,",
        "the element path (`cablegram.problems.Problem`). Codes are stable and registered once, in",
        "`src/cablegram/data/problems.toml`; this page is generated from it",
        "(`python -m cablegram.problems > docs/problems.md`). Severities: `error` (the file is wrong or unusable),",
        "`warning` (probably wrong; check it), `info` (a decision the converter made that you may want to review).",
        "",
    ]
    for stage, title in _STAGE_TITLES.items():
        lines += [f"## {title}", "", "| code | severity | what | what to do |", "|---|---|---|---|"]
        for e in registry().values():
            if e.stage == stage:
                cell = lambda s: s.replace("|", "\\|").replace("<", "&lt;")  # noqa: E731
                lines.append(f"| `{e.code}` | {e.severity} | {cell(e.summary)} | {cell(e.advice)} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
