"""Deposit: an edition folder → one BagIt bag that repositories accept, with its metadata.

    result = deposit(Path("edition"), Path("deposit"), config=DepositConfig(...))

The bag (RFC 8493, made and validated with `bagit`):

    bagit.txt  bag-info.txt  manifest-sha256.txt  manifest-sha512.txt  tagmanifest-sha256.txt  tagmanifest-sha512.txt
    deposit-report.json                  what is in the bag; per target profile, what it requires and whether met
    data/tei/*.xml                       the TEI documents, as edited
    data/schemas/                        the schemas the TEI files point to
    data/reports/validation.json         validation of every TEI file, made by this deposit
    data/reports/build-report.json|html  the build's report, when the edition has one
    data/site/, data/pdf/                the reading and print editions, by option
    data/metadata/datacite/collection.xml and <stem>.xml   DataCite 4.6
    data/metadata/oai_dc/<stem>.xml      Dublin Core
    data/metadata/mets/<stem>.xml        METS wrapping the document's files and its teiHeader
    data/metadata/cmif.xml               CMIF 1.1 for correspSearch
    data/metadata/zenodo.json            Zenodo deposit metadata

An edition with failed or invalid documents is refused (`DepositRefused`, listing them) unless
`allow_invalid`, which bag-info.txt then records. The bag is made in a temporary folder beside the output
and renamed into place only when it validates: an existing deposit is replaced whole or not at all.
Deterministic: the same edition and settings give the same bytes; the time is SOURCE_DATE_EPOCH when set.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .config import ConfigError, DepositConfig, find_config, load_config  # noqa: F401  (public surface)

__all__ = ["deposit", "DepositResult", "DepositRefused", "DepositError", "DepositFailed", "DepositConfig", "ConfigError",
           "find_config", "load_config"]

CHECKSUMS = ["sha256", "sha512"]
REPORT = "deposit-report.json"


class DepositError(ValueError):
    """A usage problem: no edition there, an output folder that is not a bag, a bad setting (exit 2)."""


class DepositRefused(Exception):
    """The edition has failed or invalid documents (exit 1); `problems` lists them, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} document(s) failed or invalid; not deposited (use --allow-invalid to deposit anyway)")


class DepositFailed(Exception):
    """The bag did not validate after writing (exit 1); nothing was replaced."""


@dataclass
class DepositResult:
    path: Path
    report: dict
    problems: list[str] = field(default_factory=list)  # the invalid documents deposited with allow_invalid


def deposit(edition: Path, out: Path, *, config: DepositConfig | None = None, allow_invalid: bool = False,
            title: str | None = None) -> DepositResult:
    """Make the bag for `edition` at `out` (replacing an earlier deposit there). See the module docstring."""
    edition, out = Path(edition), Path(out)
    config = config or DepositConfig()
    tei_dir = edition / "tei"
    tei_paths = sorted(tei_dir.glob("*.xml")) if tei_dir.is_dir() else []
    if not tei_paths:
        raise DepositError(f"{edition}: not an edition folder (no tei/*.xml; make one with `cablegram build`)")
    if out.resolve() == edition.resolve() or edition.resolve() in out.resolve().parents:
        raise DepositError(f"{out}: the deposit folder must be outside the edition folder")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "bagit.txt").is_file())):
        raise DepositError(f"{out}: exists and is not an earlier deposit (no bagit.txt); not replacing it")

    from .context import deposit_time

    try:
        when = deposit_time()
    except ValueError as exc:
        raise DepositError(str(exc)) from None
    build_report = _read_build_report(edition)
    validation, problems = _validate(tei_paths, build_report)
    if problems and not allow_invalid:
        raise DepositRefused(problems)

    stage = out.parent / f".{out.name}.deposit-tmp"
    if stage.exists():
        shutil.rmtree(stage)  # left by an interrupted deposit
    stage.mkdir(parents=True)
    try:
        report = _make_bag(edition, tei_paths, stage, config, when, validation, problems, build_report, title)
        _swap_into_place(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return DepositResult(out, report, problems)


# ---------------------------------------------------------------------- input
def _read_build_report(edition: Path) -> dict:
    try:
        data = json.loads((edition / "report.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _validate(tei_paths: list[Path], build_report: dict) -> tuple[dict[str, list[dict]], list[str]]:
    """Validate every TEI file now (it may have been edited since the build); list failures and errors."""
    from ..validate import Validator

    validator = Validator()
    validation, problems = {}, []
    for path in tei_paths:
        diags = validator.validate_file(path)
        validation[path.name] = [d.as_dict() | {"file": f"tei/{path.name}"} for d in diags]
        errors = [d for d in diags if d.severity == "error"]
        if errors:
            first = errors[0]
            problems.append(f"tei/{path.name}: {len(errors)} error(s), first at line {first.line}: {first.message}")
    present = {p.stem for p in tei_paths}
    for doc in build_report.get("documents", []) if isinstance(build_report.get("documents"), list) else []:
        if isinstance(doc, dict) and doc.get("status") == "failed" and doc.get("stem") != "volume":
            if doc.get("stem") not in present:
                problems.append(f"{Path(str(doc.get('source', doc.get('stem')))).name}: failed in the build: {doc.get('error')}")
    return validation, problems


# ---------------------------------------------------------------------- the bag
def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes())  # bytes only: no timestamps or modes carried over


def _copy_tree(src: Path, dst: Path) -> None:
    for path in sorted(src.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            _copy(path, dst / path.relative_to(src))


def _make_bag(edition: Path, tei_paths: list[Path], stage: Path, config: DepositConfig, when, validation: dict,
              problems: list[str], build_report: dict, title: str | None) -> dict:
    import bagit

    from ..xmlio import XMLInputError, parse_xml
    from . import cmif, datacite, dublincore, mets, profiles, zenodo
    from .context import Collection
    from .records import Authority, read_record

    include_site = config.include_site and (edition / "site").is_dir()
    include_pdf = config.include_pdf and (edition / "pdf").is_dir()
    authority = Authority.bundled()
    trees, records = {}, []
    for path in tei_paths:
        try:
            trees[path.stem] = parse_xml(path)
        except XMLInputError:
            continue  # only possible with allow_invalid; the validation report lists it
        records.append(read_record(trees[path.stem], path.stem, authority))
    collection = Collection(config, tuple(records), when, title or config.title or _build_title(edition) or "Telegrams",
                            has_site=include_site, has_pdf=include_pdf)

    # payload, written at the top of the stage: make_bag moves it into data/
    for path in tei_paths:
        _copy(path, stage / "tei" / path.name)
    if (edition / "schemas").is_dir():
        _copy_tree(edition / "schemas", stage / "schemas")
    reports = stage / "reports"
    reports.mkdir()
    (reports / "validation.json").write_text(json.dumps(
        {"tool": f"cablegram {__version__}", "documents": validation, "problems": problems},
        ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if build_report:
        (reports / "build-report.json").write_text(json.dumps(_without_local_paths(build_report), ensure_ascii=False,
                                                              indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if (edition / "report.html").is_file():
        _copy(edition / "report.html", reports / "build-report.html")
    if include_site:
        _copy_tree(edition / "site", stage / "site")
    if include_pdf:
        _copy_tree(edition / "pdf", stage / "pdf")

    meta = stage / "metadata"
    (meta / "datacite").mkdir(parents=True)
    (meta / "oai_dc").mkdir()
    (meta / "mets").mkdir()
    (meta / "datacite" / "collection.xml").write_bytes(datacite.collection_xml(collection))
    documents = []
    for record in records:
        stem = record.stem
        (meta / "datacite" / f"{stem}.xml").write_bytes(datacite.document_xml(record, collection))
        (meta / "oai_dc" / f"{stem}.xml").write_bytes(dublincore.oai_dc_xml(record, collection))
        files = [mets.DepositedFile("TEI", f"../../tei/{stem}.xml", "application/tei+xml", (stage / "tei" / f"{stem}.xml").read_bytes())]
        if include_site and (stage / "site" / f"{stem}.html").is_file():
            files.append(mets.DepositedFile("HTML", f"../../site/{stem}.html", "text/html", (stage / "site" / f"{stem}.html").read_bytes()))
        if include_pdf and (stage / "pdf" / f"{stem}.pdf").is_file():
            files.append(mets.DepositedFile("PDF", f"../../pdf/{stem}.pdf", "application/pdf", (stage / "pdf" / f"{stem}.pdf").read_bytes()))
        (meta / "mets" / f"{stem}.xml").write_bytes(mets.mets_xml(record, collection, trees[stem], files))
        root = trees[stem].getroot()
        documents.append({
            "stem": stem,
            "identifier": collection.document_identifier(record).value,
            "title": record.title,
            "date": record.date_text,
            "files": [f"data/{f.href[len('../../'):]}" for f in files],
            "errors": sum(1 for d in validation.get(f"{stem}.xml", []) if d["severity"] == "error"),
            "warnings": sum(1 for d in validation.get(f"{stem}.xml", []) if d["severity"] == "warning"),
            "full_header": all(root.find(p) is not None for p in _FULL_HEADER),
            "dc_missing": not (record.title and (record.senders or record.authors) and (record.licence_text or record.licence_uri)),
        })
    cmif_bytes = cmif.cmif_xml(collection)
    (meta / "cmif.xml").write_bytes(cmif_bytes)
    zenodo_meta = zenodo.zenodo_metadata(collection)
    (meta / "zenodo.json").write_text(json.dumps(zenodo_meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    bag_info = {
        "Bagging-Date": when.strftime("%Y-%m-%d"),
        "Bag-Software-Agent": f"cablegram {__version__} (bagit.py {bagit.VERSION})",
        "External-Identifier": collection.identifier.value,
        "Bag-Size": _human_size(sum(p.stat().st_size for p in stage.rglob("*") if p.is_file())),
        **config.bag_info(),
    }
    bag_info.setdefault("External-Description", f"{collection.title}: {len(records)} TEI documents with DataCite, "
                                                "Dublin Core, METS and CMIF metadata, made by cablegram")
    if problems:
        bag_info["Cablegram-Allow-Invalid"] = f"yes: {len(problems)} document(s) failed or invalid, see data/reports/validation.json"
    bag = bagit.make_bag(str(stage), bag_info, processes=1, checksums=CHECKSUMS)
    _sort_tag_manifests(stage)

    # The bag is validated once, complete with this report, before it replaces anything; a bag that fails is never
    # published, so the report can state the validity that the final check below guarantees.
    bag_valid = True
    facts = profiles.file_facts(stage)
    cmif_facts = _cmif_facts(collection, cmif_bytes)
    report = {
        "tool": f"cablegram {__version__}",
        "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "edition": edition.resolve().name,
        "config": Path(config.source).name if config.source else None,
        "allow_invalid": bool(problems),
        "problems": problems,
        "bag": {"valid": bag_valid, "profile": "RFC 8493 (BagIt 1.0)", "algorithms": CHECKSUMS,
                "payload_oxum": bag.info.get("Payload-Oxum"), "bag_info": dict(sorted(bag.info.items()))},
        "collection": {"identifier": collection.identifier.value, "identifier_type": collection.identifier.type,
                       "title": collection.title, "documents": len(records), "dates": collection.date_range,
                       "cmif_url": collection.cmif_url},
        "documents": [{k: v for k, v in d.items() if k not in ("full_header", "dc_missing")} for d in documents],
        "contents": [{"path": f.path, "bytes": f.size, "format": f.format, "class": f.format_class} for f in facts],
        "profiles": profiles.evaluate(facts, bag_valid=bag_valid, bag_info=bag_info, zenodo=zenodo_meta,
                                      documents=documents, cmif=cmif_facts),
    }
    (stage / REPORT).write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    bag.save()  # the report is a tag file: rewrite the tag manifests to cover it
    _sort_tag_manifests(stage)
    if not _bag_is_valid(stage):
        raise DepositFailed("the bag did not validate after writing (see `python -m bagit --validate`); nothing was replaced")
    return report


def _without_local_paths(report: dict) -> dict:
    """The build report with each source reduced to its file name: the depositor's folders stay private."""
    docs = report.get("documents")
    if not isinstance(docs, list):
        return report
    return {**report, "documents": [{**d, "source": Path(str(d["source"])).name} if isinstance(d, dict) and d.get("source")
                                    else d for d in docs]}


_FULL_HEADER = ("{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc/{http://www.tei-c.org/ns/1.0}titleStmt/{http://www.tei-c.org/ns/1.0}title",
                "{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc/{http://www.tei-c.org/ns/1.0}publicationStmt",
                "{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc/{http://www.tei-c.org/ns/1.0}sourceDesc")


def _build_title(edition: Path) -> str | None:
    """The site title the build used (the index page's <title>), if there is one."""
    index = edition / "site" / "index.html"
    if not index.is_file():
        return None
    import re

    m = re.search(r"<title>([^<]+)</title>", index.read_text(encoding="utf-8", errors="replace"))
    return " ".join(m.group(1).split()) if m else None


def _sort_tag_manifests(bag: Path) -> None:
    # bagit lists tag files in directory order, which differs between file systems: sort for identical bytes
    for manifest in sorted(bag.glob("tagmanifest-*.txt")):
        lines = manifest.read_text(encoding="utf-8").splitlines()
        manifest.write_text("".join(f"{line}\n" for line in sorted(lines, key=lambda l: l.split(" ", 1)[-1])), encoding="utf-8")


def _bag_is_valid(path: Path) -> bool:
    import bagit

    try:
        bagit.Bag(str(path)).validate(processes=1)
        return True
    except bagit.BagError:
        return False


def _cmif_facts(collection, cmif_bytes: bytes) -> dict:
    from lxml import etree

    from ..xmlio import TEI_NS

    root = etree.fromstring(cmif_bytes)
    names = root.findall(f".//{{{TEI_NS}}}correspAction/*")
    names = [n for n in names if etree.QName(n).localname in ("persName", "orgName", "placeName")]
    licence = collection.licence_uri or "https://creativecommons.org/licenses/by/4.0/"
    from .context import spdx_licence

    return {
        "url": bool(collection.cmif_url and collection.cmif_url.startswith(("http://", "https://"))),
        "licence": licence,
        "open_licence": spdx_licence(licence) in ("CC-BY-4.0", "CC0-1.0", "CC-BY-3.0"),
        "editor": bool(collection.config.editors),
        "names": len(names),
        "names_with_uri": sum(1 for n in names if n.get("ref")),
    }


def _human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} bytes"


def _swap_into_place(stage: Path, out: Path) -> None:
    """Rename the finished bag to `out`; an earlier deposit there is moved aside first and removed after."""
    old = out.parent / f".{out.name}.deposit-old"
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(stage, out)
    except OSError:
        if old.exists() and not out.exists():
            os.replace(old, out)  # put the earlier deposit back
        raise
    if old.exists():
        shutil.rmtree(old)
