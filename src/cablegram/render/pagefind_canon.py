"""Make Pagefind's index byte-stable: same site, same bytes.

Pagefind (1.5) writes its fragments and word index the same way every run, but its filter files and its
metadata file list their entries in hash-map order, which changes between runs (upstream issue #638: "other
files will still change, such as the filter/metadata indexes"). Their names are hashes of their content, so
the names change too, and with them the entry file that names the metadata file.

This pass rewrites what varies, and nothing else: each filter file with its values sorted (each value keeps
its pages), the metadata file with its filters sorted by name and pointing to the new filter names, and the
entry file pointing to the new metadata name. New names are hashes of the new content, in Pagefind's form
(`en_` + 7 hex digits for a filter, 10 for the metadata), so the search client loads them as it loaded the
old ones. The files are gzip-compressed CBOR after the signature `pagefind_dcd`; the layout read here is
Pagefind's: a filter is [name, [[value, [page, …]], …]], the metadata [version, pages, index chunks,
[[filter name, file hash], …], sorts, …]. A layout this module does not recognise is left untouched (a
warning says so), so a new Pagefind version can make the index unstable again but never breaks it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


class UnknownLayout(ValueError):
    pass


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnknownLayout(f"{path.name}: no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE):])


def _encode(value) -> bytes:
    return SIGNATURE + cbor2.dumps(value)


def _write(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


def _name(language: str, payload: bytes, digits: int) -> str:
    return f"{language}_{hashlib.sha256(payload).hexdigest()[:digits]}"


def _canonical_filter(content):
    if not (isinstance(content, list) and len(content) == 2 and isinstance(content[0], str) and isinstance(content[1], list)):
        raise UnknownLayout("filter file: not [name, values]")
    values = []
    for entry in content[1]:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and isinstance(entry[1], list)):
            raise UnknownLayout("filter file: a value is not [value, pages]")
        values.append([entry[0], sorted(entry[1])])
    return [content[0], sorted(values, key=lambda v: v[0])]


def canonicalise(bundle: Path) -> bool:
    """Rewrite the filter, metadata and entry files of the Pagefind index in `bundle` in a stable order.
    Returns False (and leaves the index as Pagefind wrote it) when the layout is not the one known here."""
    bundle = Path(bundle)
    try:
        _canonicalise(bundle)
        return True
    except (UnknownLayout, OSError, ValueError, KeyError, cbor2.CBORDecodeError) as exc:
        print(f"warning: Pagefind index left as written (its files may differ between runs): {exc}", file=sys.stderr)
        return False


def _canonicalise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    plans = []  # decide everything first; write only when every file was understood
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
            raise UnknownLayout(f"{meta_path.name}: no filter list where expected")
        prefix = info["hash"].split("_")[0]
        filters = []
        for item in meta[3]:
            if not (isinstance(item, list) and len(item) == 2):
                raise UnknownLayout(f"{meta_path.name}: a filter is not [name, hash]")
            name, old_hash = item
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            payload = _encode(_canonical_filter(_read(old)))
            filters.append((name, old, _name(prefix, payload, 7), payload))
        filters.sort(key=lambda f: f[0])
        meta = list(meta)
        meta[3] = [[name, new] for name, _, new, _ in filters]
        meta_payload = _encode(meta)
        plans.append((language, meta_path, _name(prefix, meta_payload, 10), meta_payload, filters))
    for language, meta_path, meta_hash, meta_payload, filters in plans:
        for _, old, new, payload in filters:
            old.unlink(missing_ok=True)
        for _, old, new, payload in filters:
            _write(bundle / "filter" / f"{new}.pf_filter", payload)
        meta_path.unlink()
        _write(bundle / f"pagefind.{meta_hash}.pf_meta", meta_payload)
        entry["languages"][language]["hash"] = meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
