"""Load the recognition tables (TOML data files next to this module) once."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def table(name: str) -> dict:
    with open(DATA_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@cache
def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)
