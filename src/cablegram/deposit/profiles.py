"""What each target repository asks of a deposit, checked against the files of the bag.

A requirement is `required` (the repository refuses or must repair the deposit without it) or `recommended`.
The rules are our reading of each repository's published guidance (docs/deposit.md cites it); they are data
here so that a new profile is a new entry, not new code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: extension -> (format name, class): 'preferred' for long-term preservation, 'accepted' (kept, may be
#: converted), 'other' (neither). XML covers TEI, schemas and the metadata files.
FORMATS: dict[str, tuple[str, str]] = {
    ".xml": ("XML", "preferred"),
    ".rng": ("RELAX NG (XML)", "preferred"),
    ".sch": ("Schematron (XML)", "preferred"),
    ".xsd": ("XML Schema", "preferred"),
    ".rnc": ("RELAX NG compact (text)", "preferred"),
    ".txt": ("plain text", "preferred"),
    ".md": ("Markdown (plain text)", "preferred"),
    ".json": ("JSON", "preferred"),
    ".csv": ("CSV", "preferred"),
    ".html": ("HTML", "accepted"),
    ".css": ("CSS", "accepted"),
    ".js": ("JavaScript", "accepted"),
    ".svg": ("SVG", "accepted"),
    ".png": ("PNG", "preferred"),
    ".jpg": ("JPEG", "accepted"),
    ".woff2": ("WOFF2 font", "accepted"),
    ".woff": ("WOFF font", "accepted"),
    ".ttf": ("TrueType font", "accepted"),
    ".otf": ("OpenType font", "accepted"),
    ".pdf": ("PDF", "accepted"),  # PDF/A is preferred; see pdf_is_pdfa
}
TEXT_SUFFIXES = {".xml", ".rng", ".sch", ".xsd", ".rnc", ".txt", ".md", ".json", ".csv", ".html", ".css", ".js", ".svg"}
SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
ZENODO_MAX_FILES = 100
ZENODO_MAX_BYTES = 50 * 10**9


@dataclass(frozen=True)
class FileFacts:
    path: str  # relative to the bag, '/' separated
    size: int
    format: str
    format_class: str  # preferred | accepted | other
    utf8: bool | None  # None for binary formats
    bom: bool


def file_facts(bag: Path) -> list[FileFacts]:
    facts = []
    for path in sorted(p for p in bag.rglob("*") if p.is_file()):
        rel = path.relative_to(bag).as_posix()
        data = path.read_bytes()
        suffix = path.suffix.lower()
        name, cls = FORMATS.get(suffix, (suffix.lstrip(".") or "no extension", "other"))
        if suffix == ".pdf" and pdf_is_pdfa(data):
            name, cls = "PDF/A", "preferred"
        utf8 = None
        if suffix in TEXT_SUFFIXES or rel.endswith(".txt"):
            try:
                data.decode("utf-8")
                utf8 = True
            except UnicodeDecodeError:
                utf8 = False
        facts.append(FileFacts(rel, len(data), name, cls, utf8, data.startswith(b"\xef\xbb\xbf")))
    return facts


def pdf_is_pdfa(data: bytes) -> bool:
    """A PDF that declares PDF/A conformance in its XMP metadata (pdfaid:part)."""
    return b"pdfaid:part" in data or b"pdfaid:conformance" in data


def _req(rid: str, text: str, met: bool, details: str = "", level: str = "required") -> dict:
    return {"id": rid, "requirement": text, "level": level, "met": bool(met), "details": details}


def _list(paths: list[str], limit: int = 5) -> str:
    return ", ".join(paths[:limit]) + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def common_checks(facts: list[FileFacts]) -> dict[str, dict]:
    bad_names = [f.path for f in facts if not all(SAFE_NAME.match(part) for part in f.path.split("/"))]
    non_ascii = [f.path for f in facts if not f.path.isascii()]
    not_utf8 = [f.path for f in facts if f.utf8 is False]
    boms = [f.path for f in facts if f.bom]
    empty = [f.path for f in facts if f.size == 0]
    other = [f"{f.path} ({f.format})" for f in facts if f.format_class == "other"]
    accepted = sorted({f.format for f in facts if f.format_class == "accepted"})
    return {
        "ascii": _req("ascii-names", "file and folder names in ASCII", not non_ascii, _list(non_ascii)),
        "safe": _req("safe-names", "names use only letters, digits, '_', '-' and '.' (no spaces, no diacritics)",
                     not bad_names, _list(bad_names)),
        "utf8": _req("utf8", "text files are UTF-8", not not_utf8, _list(not_utf8)),
        "bom": _req("no-bom", "text files have no byte order mark (BOM)", not boms, _list(boms)),
        "empty": _req("no-empty-files", "no empty files", not empty, _list(empty)),
        "formats": _req("formats", "every file in a preferred or accepted format", not other,
                        _list(other) or (f"accepted, not preferred: {', '.join(accepted)}" if accepted else "all preferred")),
        "preferred": _req("preferred-formats", "every file in a preferred (long-term) format",
                          not accepted and not other, f"accepted only: {', '.join(accepted)}" if accepted else "",
                          level="recommended"),
    }


def evaluate(facts: list[FileFacts], *, bag_valid: bool, bag_info: dict[str, str], zenodo: dict, documents: list[dict],
             cmif: dict) -> dict[str, dict]:
    """Requirements per target profile, each with `met`, and `ready` when every required one is met."""
    c = common_checks(facts)
    payload = [f for f in facts if f.path.startswith("data/")]
    total = sum(f.size for f in payload)
    tei_headers = [d["stem"] for d in documents if not d.get("full_header")]
    missing_zenodo = [k for k in ("title", "creators", "description", "license", "upload_type", "publication_date")
                      if not zenodo.get(k)]
    dc_missing = [d["stem"] for d in documents if d.get("dc_missing")]
    profiles = {
        "generic": [
            _req("bagit", "an RFC 8493 BagIt bag that validates (bagit)", bag_valid),
            _req("manifests", "sha256 and sha512 payload and tag manifests", True, "manifest-sha256/512, tagmanifest-sha256/512"),
            _req("bag-info", "bag-info.txt names Source-Organization, Contact-Name, Contact-Email and External-Description",
                 all(bag_info.get(k) for k in ("Source-Organization", "Contact-Name", "Contact-Email", "External-Description")),
                 "missing: " + ", ".join(k for k in ("Source-Organization", "Contact-Name", "Contact-Email", "External-Description")
                                         if not bag_info.get(k)), level="recommended"),
            c["ascii"], c["utf8"], c["empty"],
        ],
        "zenodo": [
            _req("metadata", "Zenodo metadata has title, creators, description, license, upload_type, publication_date",
                 not missing_zenodo, "missing: " + ", ".join(missing_zenodo) if missing_zenodo else "metadata/zenodo.json"),
            _req("file-count", f"at most {ZENODO_MAX_FILES} files per record",
                 len(payload) <= ZENODO_MAX_FILES,
                 f"{len(payload)} payload files" + ("; upload the bag as one zip file" if len(payload) > ZENODO_MAX_FILES else ""),
                 level="recommended"),
            _req("size", "at most 50 GB per record", total <= ZENODO_MAX_BYTES, f"{total:,} bytes"),
            _req("licence", "an open licence named (SPDX)", bool(zenodo.get("license")), zenodo.get("license", "")),
            c["empty"],
        ],
        "arche": [
            c["safe"], c["bom"], c["utf8"], c["empty"],
            _req("tei-header", "TEI/XML with a full teiHeader (title, publication and source statements)", not tei_headers,
                 _list(tei_headers)),
            c["formats"], c["preferred"],
        ],
        "dariah-de": [
            _req("dublin-core", "Dublin Core (title, creator, format, rights) for every object", not dc_missing, _list(dc_missing)),
            _req("datacite", "DataCite metadata for every object (the repository mints the DOI)", True,
                 "metadata/datacite/*.xml"),
            _req("bagit", "a valid BagIt bag", bag_valid),
            c["ascii"], c["utf8"], c["empty"],
        ],
        "correspsearch": [
            _req("cmif", "one CMIF 1.1 file listing every letter", True, "metadata/cmif.xml"),
            _req("cmif-url", "the CMIF file's stable public URL is set (deposit.cmif_url or base_url)", cmif["url"],
                 cmif["url"] or "not set"),
            _req("cmif-licence", "the CMIF file is under CC BY or CC0", cmif["open_licence"], cmif["licence"] or ""),
            _req("cmif-editor", "an editor of the CMIF file is named (deposit.editors)", cmif["editor"]),
            _req("authority", "correspondents carry authority URIs (GND, VIAF, Wikidata, GeoNames...)",
                 cmif["names_with_uri"] == cmif["names"], f"{cmif['names_with_uri']} of {cmif['names']} names",
                 level="recommended"),
        ],
    }
    return {name: {"ready": all(r["met"] for r in reqs if r["level"] == "required"), "requirements": reqs}
            for name, reqs in profiles.items()}
