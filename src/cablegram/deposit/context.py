"""What every metadata writer shares: the deposit's time, the collection, identifiers and licences."""
from __future__ import annotations

import os
import re
import time
import uuid
from urllib.parse import quote
from dataclasses import dataclass
from datetime import datetime, timezone

from .config import DepositConfig
from .records import AUTHORITY_URIS, DocumentRecord

#: host of an authority URI -> (DataCite nameIdentifierScheme, schemeURI)
AUTHORITY_SCHEMES: dict[str, tuple[str, str]] = {
    prefix.split("://", 1)[1].split("/", 1)[0]: (scheme, scheme_uri) for prefix, scheme, scheme_uri in AUTHORITY_URIS.values()
}

_CC = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", re.I)
_CC0 = re.compile(r"creativecommons\.org/publicdomain/zero/1\.0", re.I)
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)$", re.I)
#: namespace for the deterministic UUIDs of the deposit (CMIF bibl/@xml:id, METS OBJIDs)
DEPOSIT_NS = uuid.UUID("4a3e1c52-3f0e-5c57-9d1a-6b1f0e1f6d2a")


def deposit_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when it is set (reproducible deposits), in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970") from None
    return datetime.fromtimestamp(int(time.time()), tz=timezone.utc)


def spdx_licence(uri: str | None) -> str | None:
    """The SPDX identifier of a Creative Commons licence URI (CC-BY-4.0, CC0-1.0), else None."""
    if not uri:
        return None
    if _CC0.search(uri):
        return "CC0-1.0"
    m = _CC.search(uri)
    return f"CC-{m.group(1).upper()}-{m.group(2)}" if m else None


def doi(value: str | None) -> str | None:
    m = _DOI.match((value or "").strip())
    return m.group(1) if m else None


@dataclass(frozen=True)
class Identifier:
    value: str
    type: str  # DOI | URL | Local

    @property
    def linkable(self) -> bool:
        """Can be a DataCite relatedIdentifier (a Local identifier cannot)."""
        return self.type in ("DOI", "URL")


@dataclass(frozen=True)
class Collection:
    """The collection as a whole, with everything derived once from the config and the records."""

    config: DepositConfig
    records: tuple[DocumentRecord, ...]
    when: datetime
    title: str
    has_site: bool = False
    has_pdf: bool = False

    @property
    def base_url(self) -> str | None:
        url = self.config.base_url
        return url if not url or url.endswith("/") else url + "/"

    @property
    def identifier(self) -> Identifier:
        if doi(self.config.doi):
            return Identifier(doi(self.config.doi), "DOI")
        if self.base_url:
            return Identifier(self.base_url, "URL")
        return Identifier(f"cablegram-collection-{self.uuid}", "Local")

    @property
    def uuid(self) -> str:
        key = self.config.doi or self.config.base_url or self.title + "\n" + "\n".join(r.identifier for r in self.records)
        return str(uuid.uuid5(DEPOSIT_NS, key))

    def document_identifier(self, record: DocumentRecord) -> Identifier:
        if self.base_url:
            return Identifier(f"{self.base_url}tei/{quote(record.stem)}.xml", "URL")
        return Identifier(record.identifier, "Local")

    def document_page(self, record: DocumentRecord) -> str | None:
        """Where a reader finds the document: its page of the published site, else its source record."""
        if self.base_url and self.has_site:
            return f"{self.base_url}site/{quote(record.stem)}.html"
        if self.base_url:
            return self.document_identifier(record).value
        return record.source_uri

    @property
    def cmif_url(self) -> str | None:
        if self.config.cmif_url:
            return self.config.cmif_url
        return f"{self.base_url}metadata/cmif.xml" if self.base_url else None

    @property
    def publisher(self) -> str:
        return self.config.publisher or next((r.publisher for r in self.records if r.publisher), None) or "(:unav)"

    @property
    def publication_year(self) -> str:
        return self.config.publication_year or str(self.when.year)

    @property
    def licence_uri(self) -> str | None:
        return self.config.licence or next((r.licence_uri for r in self.records if r.licence_uri), None)

    @property
    def language(self) -> str | None:
        if self.config.language:
            return self.config.language
        langs = [r.original_language for r in self.records if r.original_language]
        return max(sorted(set(langs)), key=langs.count) if langs else None

    @property
    def date_range(self) -> str | None:
        """Earliest/latest document date (day precision), as an RKMS-ISO8601 range."""
        days = sorted(d[:10] for r in self.records for d in (r.date_text or "").split("/") if d)
        if not days:
            return None
        return days[0] if days[0] == days[-1] else f"{days[0]}/{days[-1]}"

    def licence_name(self, uri: str | None) -> str:
        spdx = spdx_licence(uri)
        if spdx == "CC0-1.0":
            return "Creative Commons Zero v1.0 Universal"
        if spdx:
            kind, version = spdx[3:].rsplit("-", 1)
            return f"Creative Commons {kind} {version} ({spdx})"
        return uri or "(:unav)"


def split_name(name: str) -> tuple[str | None, str | None]:
    """(family, given) of an inverted personal name 'Family, Given'; (None, None) when not inverted."""
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        if family and given:
            return family, given
    return None, None
