"""Where the project's data files live, in a wheel and in a source checkout.

`xslt/`, `schemas/`, `tei/authority/` and `examples/texts/` stay top-level in the repository (they are
the design, edited by people) and are force-included into the wheel under `cablegram/_resources/`.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE_DIR / "_resources"
_CHECKOUT = _PACKAGE_DIR.parent.parent  # src/cablegram -> repository root

# name in the wheel -> path in the checkout
_LAYOUT = {
    "xslt": Path("xslt"),
    "schemas": Path("schemas"),
    "authority": Path("tei/authority"),
    "examples": Path("examples/texts"),
}


@cache
def resource_dir(name: str) -> Path:
    """Directory of one resource kind: 'xslt', 'schemas', 'authority' or 'examples'."""
    installed = _INSTALLED / name
    if installed.is_dir():
        return installed
    checkout = _CHECKOUT / _LAYOUT[name]
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"cablegram resource folder {name!r} not found (looked in {installed} and {checkout})")


def resource(name: str, *parts: str) -> Path:
    return resource_dir(name).joinpath(*parts)
