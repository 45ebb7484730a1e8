"""One source of truth for archives: every archive the citation reader knows (ingest/data/archives.toml)
has its authority entry (tei/authority/orgs.xml) with the same names, so every recognised archive is linked."""
from __future__ import annotations

import pytest
from lxml import etree

from cablegram.analysis.references import repository_authority
from cablegram.tei.convert import convert_text
from conftest import REPO

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORGS = etree.parse(str(REPO / "tei" / "authority" / "orgs.xml"))


def _entry(key):
    found = ORGS.xpath(f"//t:org[@xml:id='org-{key}']", namespaces=TEI)
    return found[0] if found else None


def _names(org, *, type_=None, lang=None):
    return {n.text for n in org.findall("t:orgName", TEI) if n.get("type") == type_ and n.get(XML_LANG) == lang}


@pytest.mark.parametrize("key", sorted(repository_authority()))
def test_every_archive_in_the_table_has_an_authority_entry_with_its_names(key):
    repo = repository_authority()[key]
    org = _entry(key)
    assert org is not None, f"orgs.xml has no org-{key}: an archive recognised in citations could not be linked"
    assert _names(org, lang="en") == {repo.expansion}
    assert repo.abbreviation in _names(org, type_="abbr")
    if repo.russian:
        assert _names(org, lang="ru") == {repo.russian}


#: archives of the authority file (issue 11) that the citation reader's table does not know yet: their
#: citations are read but not linked. Adding one to archives.toml removes it from here.
ARCHIVES_NOT_IN_THE_TABLE = {"czech-mfa-archive", "nsarchive"}
_ARCHIVE_WORDS = ("archiv", "архив", "library", "center for the storage", "центр хранения")


def test_every_archive_of_the_authority_file_is_in_the_table_or_listed_as_not_yet():
    archives = set()
    for org in ORGS.xpath("//t:org", namespaces=TEI):
        names = " ".join(org.xpath("t:orgName/text()", namespaces=TEI)).lower()
        if any(word in names for word in _ARCHIVE_WORDS):
            archives.add(org.get("{http://www.w3.org/XML/1998/namespace}id").removeprefix("org-"))
    assert archives - ARCHIVES_NOT_IN_THE_TABLE == set(repository_authority())


EXPORT = """\
March 3, 1950
Telegram from Moscow to Beijing

#### Citation:
"Telegram," March 3, 1950, {archive}, f. 4, op. 5, d. 6, l. 7. https://digitalarchive.wilsoncenter.org/document/999001

Товарищу Мао Цзэдуну.

Мы получили вашу телеграмму и согласны с вашим предложением о переговорах.
"""


@pytest.mark.parametrize("archive,key", [("RGVA", "rgva"), ("RGAE", "rgae"), ("TsKhSD", "tskhsd"), ("RTsKhIDNI", "rtskhidni")])
def test_archives_once_recognised_but_unlinked_are_linked(archive, key):
    tei = convert_text(EXPORT.format(archive=archive), "x.txt").tei
    repository = tei.find(".//t:msIdentifier/t:repository", TEI)
    assert repository is not None and repository.text == archive
    assert repository.get("ref") == f"#org-{key}"
    assert tei.xpath(f"//t:standOff//t:org[@xml:id='org-{key}']", namespaces=TEI)
