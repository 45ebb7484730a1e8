"""The edition's own facts, from the editor's config file: `cablegram.toml`, table [edition].

    [edition]
    title = "Soviet telegrams on the Korean armistice, 1951–1953"
    editor = "A. N. Editor"
    publisher = "Example University Press"
    place = "Washington, DC"
    date = "2026-11-29"
    url = "https://example.org/telegrams/"      # the reading edition's own address
    introduction = "introduction.txt"            # plain text, paragraphs apart by blank lines

Every key is optional. Without an introduction the volume says what the converter did (DEFAULT_INTRODUCTION).
The list of abbreviations comes from the archive table the converter reads (ingest/data/archives.toml).
"""
from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "cablegram.toml"
ARCHIVES = Path(__file__).resolve().parent.parent / "ingest" / "data" / "archives.toml"

DEFAULT_INTRODUCTION = """\
This volume prints the documents of the edition in the order of their dates. Each was converted by cablegram \
from a plain-text export of its archive's record into TEI P5, and printed from that TEI; a TEI file an editor \
corrected by hand is printed as corrected.

Editorial principles. The text is given as the export gives it: markup wraps the text and never rewrites it. \
Square brackets, ellipses and asterisks are the source's own characters. Where a record has the document in \
more than one language, the original is printed beside the translation, paragraph facing paragraph as the \
converter aligned them; where one version lacks a paragraph, its column says "not in this version". A second original (a transcript \
beside a published version) is printed after the first. Page and sheet breaks of the source are printed where \
they fall, labelled in brackets ("[Лист 2]") with their number in the margin; catch-words, running heads and \
archival numbers of the form are printed small, stamps in a frame. Dates carry their ISO value in the TEI; \
parts the converter inferred (a year from the record, the time zone of a place) are named there. Where the versions \
disagree (a marking, the numbered points), the converter says so in the TEI and the reading edition shows it; \
nothing is harmonised."""


@dataclass(frozen=True)
class Abbreviation:
    short: str
    expansion: str
    russian: str = ""


@dataclass(frozen=True)
class Edition:
    title: str = "Telegrams"
    editor: str = ""
    publisher: str = ""
    place: str = ""
    date: str = ""  # ISO 8601 date of the edition
    url: str = ""  # the reading edition's address, ending in '/'
    introduction: str = DEFAULT_INTRODUCTION

    @classmethod
    def load(cls, path: Path) -> "Edition":
        """The [edition] table of a cablegram.toml; a missing file or table gives the defaults."""
        path = Path(path)
        if not path.is_file():
            return cls()
        with path.open("rb") as f:
            try:
                table = tomllib.load(f).get("edition", {})
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"{path}: not valid TOML: {exc}") from None
        known = {k: str(v) for k, v in table.items() if k in cls.__dataclass_fields__}
        intro = known.pop("introduction", "")
        if intro:
            intro_path = (path.parent / intro)
            known["introduction"] = intro_path.read_text(encoding="utf-8") if intro_path.is_file() else intro
        url = known.get("url", "")
        if url and not url.endswith("/"):
            known["url"] = url + "/"
        return cls(**known)

    @classmethod
    def discover(cls, start: Path | None = None) -> "Edition":
        """cablegram.toml in `start` (default: the working directory), else the defaults."""
        return cls.load(Path(start or Path.cwd()) / CONFIG_NAME)

    def imprint(self) -> str:
        """'Washington, DC: Example Press' (the date stands apart on the title page)"""
        return ": ".join(p for p in (self.place, self.publisher) if p)

    def year(self) -> str:
        return self.date[:4] if self.date[:4].isdigit() else ""


def pdf_date(edition: Edition | None = None) -> str:
    """The date a PDF carries (YYYY-MM-DD): SOURCE_DATE_EPOCH when set, else the edition's date, else ''
    (the stylesheet then takes a date from the TEI)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    if edition and edition.date[:10].count("-") == 2:
        return edition.date[:10]
    return ""


def abbreviations() -> list[Abbreviation]:
    """The archives' abbreviations, from the table the converter reads."""
    with ARCHIVES.open("rb") as f:
        table = tomllib.load(f)
    found = [Abbreviation(r["abbreviation"], r.get("expansion", ""), r.get("russian", ""))
             for r in table.get("repository", []) if r.get("abbreviation") and r.get("expansion")]
    return sorted(found, key=lambda a: a.short.lower())
