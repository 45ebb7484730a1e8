"""The deposit's settings: a `[deposit]` table in `cablegram.toml`, overridden by command-line options.

Where the file is looked for, first found wins: the path given with `--config`; `EDITION/cablegram.toml`;
`cablegram.toml` beside the source texts (the folder named by the edition's report.json). Every key is
optional; `KEYS` documents them (docs/deposit.md shows the same table).
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

CONFIG_NAME = "cablegram.toml"

#: key -> (bag-info.txt field or "", meaning)
KEYS: dict[str, tuple[str, str]] = {
    "title": ("", "title of the collection (DataCite, CMIF, Zenodo); default: the build's site title or 'Telegrams'"),
    "description": ("External-Description", "what the collection is, one paragraph (also the DataCite/Zenodo description)"),
    "resource_type": ("", "what one document is (DataCite resourceType, Dublin Core type); default 'Telegram'"),
    "publisher": ("", "who publishes the edition (DataCite publisher); default: the TEI's publicationStmt/publisher"),
    "publication_year": ("", "DataCite publicationYear; default: the year of SOURCE_DATE_EPOCH or today"),
    "version": ("", "version of the edition (DataCite version, Zenodo version)"),
    "doi": ("External-Identifier", "DOI of the collection, once minted (10.xxxx/...)"),
    "base_url": ("", "URL where the edition is published; gives documents URL identifiers and the CMIF file its address"),
    "cmif_url": ("", "stable URL of the CMIF file for correspSearch; default: BASE_URL/metadata/cmif.xml"),
    "licence": ("", "licence URI of the edition; default: the TEI's licence/@target"),
    "editors": ("", "list of editors: strings 'Family, Given' or tables {name, orcid, affiliation}"),
    "subjects": ("", "list of keywords for the collection and every document"),
    "language": ("", "language of the collection (BCP 47); default: the documents' original language"),
    "source_organization": ("Source-Organization", "organisation sending the bag"),
    "organization_address": ("Organization-Address", "its postal address"),
    "contact_name": ("Contact-Name", "person to contact about the bag"),
    "contact_email": ("Contact-Email", "their e-mail"),
    "contact_phone": ("Contact-Phone", "their telephone"),
    "bag_group_identifier": ("Bag-Group-Identifier", "identifier of the group of bags this one belongs to"),
    "bag_count": ("Bag-Count", "'1 of 3' when the group has several bags"),
    "internal_sender_identifier": ("Internal-Sender-Identifier", "your own identifier of the bag"),
    "internal_sender_description": ("Internal-Sender-Description", "your own description of the bag"),
    "include_site": ("", "put the HTML reading edition into data/site (default false)"),
    "include_pdf": ("", "put the PDFs into data/pdf (default false)"),
}


class ConfigError(ValueError):
    """A config file that cannot be read or has a wrong key or value (a usage problem)."""


@dataclass(frozen=True)
class Editor:
    name: str
    orcid: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class DepositConfig:
    title: str | None = None
    description: str | None = None
    resource_type: str | None = None
    publisher: str | None = None
    publication_year: str | None = None
    version: str | None = None
    doi: str | None = None
    base_url: str | None = None
    cmif_url: str | None = None
    licence: str | None = None
    editors: tuple[Editor, ...] = ()
    subjects: tuple[str, ...] = ()
    language: str | None = None
    source_organization: str | None = None
    organization_address: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    bag_group_identifier: str | None = None
    bag_count: str | None = None
    internal_sender_identifier: str | None = None
    internal_sender_description: str | None = None
    include_site: bool = False
    include_pdf: bool = False
    source: str | None = None  # the file the settings came from (recorded in the deposit report)
    extra_bag_info: tuple[tuple[str, str], ...] = field(default=())  # [deposit.bag-info] literal fields

    def merged(self, **overrides) -> "DepositConfig":
        """These settings with every override that is not None (command-line options win)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in overrides.items():
            if value is not None and value != ():
                if key == "editors":
                    value = tuple(_editor(v, "--editor") for v in value)
                values[key] = value
        return DepositConfig(**values)

    def bag_info(self) -> dict[str, str]:
        info = {}
        for key, (bag_field, _) in KEYS.items():
            value = getattr(self, key)
            if bag_field and value:
                info[bag_field] = str(value)
        for name, value in self.extra_bag_info:
            info[name] = value
        return info


def _editor(value, where: str) -> Editor:
    if isinstance(value, Editor):
        return value
    if isinstance(value, str) and value.strip():
        return Editor(value.strip())
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        unknown = set(value) - {"name", "orcid", "affiliation"}
        if unknown:
            raise ConfigError(f"{where}: editor has unknown keys {sorted(unknown)} (allowed: name, orcid, affiliation)")
        return Editor(value["name"], value.get("orcid"), value.get("affiliation"))
    raise ConfigError(f"{where}: an editor is a string 'Family, Given' or a table with 'name'")


def find_config(edition: Path, explicit: Path | None = None) -> Path | None:
    if explicit is not None:
        return explicit
    candidates = [edition / CONFIG_NAME]
    try:
        report = json.loads((edition / "report.json").read_text(encoding="utf-8"))
        sources = sorted({str(Path(d["source"]).parent) for d in report.get("documents", []) if d.get("source", "").endswith(".txt")})
        candidates += [Path(s) / CONFIG_NAME for s in sources]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return next((c for c in candidates if c.is_file()), None)


def load_config(path: Path | None) -> DepositConfig:
    """The `[deposit]` table of a cablegram.toml (an empty config when there is no file)."""
    if path is None:
        return DepositConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("deposit", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [deposit] must be a table")
    table = dict(table)
    extra = table.pop("bag-info", {})
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [deposit]: {', '.join(unknown)} (known: {', '.join(KEYS)})")
    values: dict = {}
    for key, value in table.items():
        if key == "editors":
            if not isinstance(value, list):
                raise ConfigError(f"{path}: deposit.editors must be a list")
            values[key] = tuple(_editor(v, f"{path}: deposit.editors") for v in value)
        elif key == "subjects":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: deposit.subjects must be a list of strings")
            values[key] = tuple(value)
        elif key in ("include_site", "include_pdf"):
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: deposit.{key} must be true or false")
            values[key] = value
        else:
            if not isinstance(value, (str, int)):
                raise ConfigError(f"{path}: deposit.{key} must be a string")
            values[key] = str(value)
    if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
        raise ConfigError(f"{path}: [deposit.bag-info] holds bag-info fields as strings")
    return DepositConfig(**values, source=str(path), extra_bag_info=tuple(sorted(extra.items())))
