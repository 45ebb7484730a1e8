"""Command-line inputs: files as given, folders expanded to their files of one kind, in name order."""
from __future__ import annotations

from pathlib import Path


def expand(names: list[str], pattern: str) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        p = Path(name)
        paths.extend(sorted(p.glob(pattern)) if p.is_dir() else [p])
    return paths
