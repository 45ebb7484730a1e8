"""Reading the facts of a converted fixture where docs/encoding.md puts them (the same paths as
benchmarks/score_real.py): shared by the held-out failure-class tests (tests/test_heldout*_classes.py).

    facts = FixtureFacts(Path(__file__).parent / "test_heldout_classes")
    facts.names("some_fixture.txt", "sent")
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import cablegram

NS = {"t": "http://www.tei-c.org/ns/1.0"}
T = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def text(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "")).strip().casefold()


def typed_values(ms) -> list[str]:
    """Every value the msDesc gives a part of the reference (typed elements and folio numbers)."""
    if ms is None:
        return []
    out = [norm(text(el)) for el in ms.iter() if isinstance(el.tag, str) and el.get("type")]
    out += [norm(el.get(a)) for el in ms.iter(T + "locus") for a in ("from", "to") if el.get(a)]
    return out


def typed(ms, kind: str) -> list[str]:
    """The values of the msDesc's parts of one type ('file', 'folder' …)."""
    return [norm(text(el)) for el in ms.iter() if isinstance(el.tag, str) and el.get("type") == kind]


class FixtureFacts:
    """The facts of the fixtures in one folder, each converted once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = lru_cache(maxsize=None)(self._convert)

    def _convert(self, name: str):
        return cablegram.convert(self.folder / name).tei.getroot()

    def names(self, name: str, action: str) -> list[str]:
        """The names of the sender ('sent') or the recipient ('received')."""
        acts = self.root(name).findall(f".//t:correspDesc/t:correspAction[@type='{action}']", NS)
        return [text(e) for a in acts for e in a
                if e.tag in (T + "persName", T + "orgName", T + "name", T + "roleName") and text(e).strip()]

    def versions(self, name: str, lang: str = "en") -> list:
        return [d for d in self.root(name).findall("./t:text/t:body/t:div", NS)
                if (d.get(XML_LANG) or "").split("-")[0] == lang]

    def signed(self, name: str, lang: str = "en") -> list[str]:
        return [norm(text(s)) for v in self.versions(name, lang) for s in v.iter(T + "signed")]

    def numbered_points(self, name: str, lang: str = "en") -> int:
        return sum(1 for v in self.versions(name, lang) for d in v.iter(T + "div") if d.get("type") == "message"
                   for p in d.iter(T + "p") if p.get("n"))

    def record_idno(self, name: str, kind: str) -> str | None:
        el = self.root(name).find(f".//t:sourceDesc/t:bibl[@type='digital-record']/t:idno[@type='{kind}']", NS)
        return text(el).strip() if el is not None else None

    def ms_desc(self, name: str, archive: str):
        """The msDesc whose repository (or the authority org it points to) is the archive."""
        want = re.sub(r"\W", "", archive).casefold()
        for ms in self.root(name).findall(".//t:sourceDesc/t:msDesc", NS):
            repo = ms.find(".//t:repository", NS)
            got = [text(repo)]
            ref = (repo.get("ref") or "").lstrip("#") if repo is not None else ""
            if ref:
                org = self.root(name).find(f".//t:standOff//t:org[@{XML_ID}='{ref}']", NS)
                got += [text(n) for n in org.findall("t:orgName", NS)] if org is not None else []
            if any(re.sub(r"\W", "", g).casefold() == want for g in got):
                return ms
        return None

    def inferred_or_stated_original(self, name: str) -> str | None:
        r = self.root(name)
        tl = r.find(".//t:msItem/t:textLang", NS)
        if tl is not None and tl.get("mainLang"):
            return tl.get("mainLang").split("-")[0]
        for lang in r.findall(".//t:langUsage/t:language[@resp]", NS):
            return lang.get("ident").split("-")[0]
        return None
