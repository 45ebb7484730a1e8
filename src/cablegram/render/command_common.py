"""What the two render commands share: their inputs, and how a fidelity check is reported."""
from __future__ import annotations

import sys
from pathlib import Path

from ..paths import expand
from .fidelity import Fidelity

# exit statuses, the same for every command: 0 done, 1 some input failed, 2 a usage problem
OK, FAILED, USAGE = 0, 1, 2


class UsageError(ValueError):
    """The command line names nothing to render (an empty folder, no TEI files at all)."""


def tei_inputs(names: list[str]) -> list[Path]:
    """Files as given, folders expanded to their *.xml files; a folder without any is a usage problem."""
    for name in names:
        folder = Path(name)
        if folder.is_dir() and not any(folder.glob("*.xml")):
            raise UsageError(f"{name}: no TEI files (*.xml) in this folder")
    paths = expand(names, "*.xml")
    if not paths:
        raise UsageError(f"no TEI files (*.xml) in {', '.join(names)}")
    return paths


def report_fidelity(fidelity: Fidelity, name: str, *, strict: bool) -> None:
    """A loss of words is a warning (an error under --strict, raised before anything was written)."""
    if not fidelity.ok and not strict:
        print(f"warning: {fidelity.message(name)}", file=sys.stderr)
