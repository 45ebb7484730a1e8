"""Zenodo deposit metadata (the `metadata` object of Zenodo's deposit API, also usable as `.zenodo.json`)."""
from __future__ import annotations

from .context import Collection, spdx_licence

#: BCP 47 primary language -> ISO 639-3, which Zenodo's `language` takes
ISO639_3 = {"ru": "rus", "en": "eng", "zh": "zho", "ko": "kor", "de": "deu", "fr": "fra", "uk": "ukr", "ja": "jpn",
            "pl": "pol", "cs": "ces", "hu": "hun", "ro": "ron", "bg": "bul", "sr": "srp", "mn": "mon", "vi": "vie"}


def zenodo_metadata(collection: Collection) -> dict:
    config = collection.config
    records = collection.records
    description = config.description or (
        f"Edition of {len(records)} telegram{'s' if len(records) != 1 else ''}"
        + (f" dated {collection.date_range.replace('/', ' to ')}" if collection.date_range else "")
        + ", encoded in TEI P5 with cablegram, deposited as a BagIt bag with DataCite, Dublin Core, METS and CMIF metadata.")
    meta: dict = {
        "upload_type": "dataset",
        "title": collection.title,
        "creators": [{k: v for k, v in (("name", e.name), ("affiliation", e.affiliation), ("orcid", e.orcid)) if v}
                     for e in config.editors],
        "description": description,
        "access_right": "open",
        "publication_date": collection.when.strftime("%Y-%m-%d"),
        "notes": "Contents: " + "; ".join(r.title for r in records),
    }
    licence = spdx_licence(collection.licence_uri)
    if licence:
        meta["license"] = licence.lower()
    if config.doi:
        meta["doi"] = config.doi
    if config.version:
        meta["version"] = config.version
    if config.subjects:
        meta["keywords"] = list(config.subjects)
    language = ISO639_3.get((collection.language or "").split("-")[0])
    if language:
        meta["language"] = language
    contributors = [{"name": a.display, "type": "Other"} for a in dict.fromkeys(a for r in records for a in r.translators)]
    if config.contact_name:
        contributors.append({"name": config.contact_name, "type": "ContactPerson"})
    if contributors:
        meta["contributors"] = contributors
    related = [{"identifier": r.source_uri, "relation": "isDerivedFrom", "resource_type": "publication-other"}
               for r in records if r.source_uri]
    for r in records:
        ident = collection.document_identifier(r)
        if ident.type == "URL":
            related.append({"identifier": ident.value, "relation": "hasPart"})
    if related:
        meta["related_identifiers"] = related
    places = {p.display: p for r in records for p in r.places}
    if places:
        meta["locations"] = [{"place": name, **({"lat": p.point[0], "lon": p.point[1]} if p.point else {})}
                             for name, p in sorted(places.items())]
    return meta
