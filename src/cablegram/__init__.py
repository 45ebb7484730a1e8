"""cablegram: plain-text archival telegrams in, scholarly TEI P5 editions out."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "convert", "convert_text"]


def __getattr__(name: str):
    # Lazy: `import cablegram` stays cheap for the stages that do not convert.
    if name in ("convert", "convert_text"):
        from .tei import convert as _convert_module

        return getattr(_convert_module, name)
    raise AttributeError(name)
