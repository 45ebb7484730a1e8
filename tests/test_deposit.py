"""`cablegram deposit`: the bag validates, its metadata validates against the targets' own schemas, the same
edition gives the same bytes, and a bad edition or a failure midway never leaves a half-written deposit.

External schemas come from ../shared/reference (DataCite 4.6 XSD, CMIF RELAX NG + Schematron) and from
metsrw's wheel (METS XSD); tests that need one skip with the reason when it is absent.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import bagit
import pytest
from lxml import etree

from cablegram.cli import main
from cablegram.deposit import DepositConfig, DepositError, DepositRefused, deposit, find_config, load_config
from cablegram.deposit.config import ConfigError

from conftest import EXAMPLES, REPO

SHARED = REPO.parent / "shared" / "reference"
DATACITE_XSD = SHARED / "datacite-4.6" / "metadata.xsd"
CMIF_RNG = SHARED / "cmif" / "cmi-customization.rng"
CMIF_SCH = SHARED / "cmif" / "cmif.sch"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
DC = "http://datacite.org/schema/kernel-4"
TEI = "http://www.tei-c.org/ns/1.0"
METS = "http://www.loc.gov/METS/"

CONFIG = """\
[deposit]
title = "Soviet telegrams on the Korean armistice, 1951-1953"
description = "Five ciphered telegrams between Moscow and Beijing, edited in TEI P5."
publisher = "Example University Library"
base_url = "https://example.org/telegrams/"
editors = [{ name = "Doe, Jane", orcid = "0000-0002-1825-0097", affiliation = "Example University" }, "Roe, Richard"]
subjects = ["Korean War", "diplomatic telegrams"]
source_organization = "Example University Library"
contact_name = "Doe, Jane"
contact_email = "jane.doe@example.org"
bag_group_identifier = "telegrams-2026"

[deposit.bag-info]
Internal-Sender-Identifier = "TG-1"
"""


@pytest.fixture(scope="session")
def edition(tmp_path_factory) -> Path:
    """The bundled examples built once (TEI, site, PDFs, report.json), with a cablegram.toml inside."""
    from cablegram.edition import BuildOptions, build

    out = tmp_path_factory.mktemp("edition") / "edition"
    result = build(EXAMPLES, out, jobs=1, options=BuildOptions(volume=False))
    assert not result.failed
    (out / "cablegram.toml").write_text(CONFIG, encoding="utf-8")
    return out


def _config(edition: Path, **overrides) -> DepositConfig:
    return load_config(find_config(edition)).merged(**overrides)


@pytest.fixture(scope="session")
def bag(edition, tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("deposit") / "deposit"
    deposit(edition, out, config=_config(edition, include_site=True, include_pdf=True))
    mp.undo()
    return out


def _copy_edition(edition: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "edition"
    shutil.copytree(edition, copy)
    return copy


# ---------------------------------------------------------------------- the bag
def test_the_bag_validates_with_bagit_and_has_sha256_and_sha512_manifests(bag):
    b = bagit.Bag(str(bag))
    b.validate()  # raises on any problem: manifests, tag manifests, Payload-Oxum, completeness
    assert set(b.algorithms) == {"sha256", "sha512"}
    for name in ("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"):
        assert (bag / name).stat().st_size > 0
    tagged = (bag / "tagmanifest-sha256.txt").read_text()
    assert "bag-info.txt" in tagged and "deposit-report.json" in tagged


def test_the_payload_holds_tei_schemas_validation_report_site_and_pdfs(bag):
    payload = {p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*") if p.is_file()}
    stems = [p.stem for p in EXAMPLES]
    for stem in stems:
        for expected in (f"tei/{stem}.xml", f"site/{stem}.html", f"pdf/{stem}.pdf", f"metadata/datacite/{stem}.xml",
                         f"metadata/oai_dc/{stem}.xml", f"metadata/mets/{stem}.xml"):
            assert expected in payload
    for expected in ("schemas/cablegram.rng", "schemas/cablegram.sch", "reports/validation.json",
                     "reports/build-report.json", "metadata/datacite/collection.xml", "metadata/cmif.xml",
                     "metadata/zenodo.json", "site/index.html"):
        assert expected in payload
    validation = json.loads((bag / "data/reports/validation.json").read_text())
    assert set(validation["documents"]) == {f"{s}.xml" for s in stems} and validation["problems"] == []


def test_bag_info_comes_from_the_config_file_and_the_date_from_source_date_epoch(bag):
    info = bagit.Bag(str(bag)).info
    assert info["Source-Organization"] == "Example University Library"
    assert info["Contact-Name"] == "Doe, Jane" and info["Contact-Email"] == "jane.doe@example.org"
    assert info["External-Description"].startswith("Five ciphered telegrams")
    assert info["Bag-Group-Identifier"] == "telegrams-2026"
    assert info["Internal-Sender-Identifier"] == "TG-1"
    assert info["Bagging-Date"] == "2026-01-01"
    assert info["External-Identifier"] == "https://example.org/telegrams/"
    files = [p for p in (bag / "data").rglob("*") if p.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in files)}.{len(files)}"
    assert "Cablegram-Allow-Invalid" not in info


@pytest.mark.parametrize("tamper", ["change a byte", "delete", "add a file", "edit bag-info"])
def test_a_tampered_bag_fails_validation(bag, tmp_path, tamper):
    copy = tmp_path / "bag"
    shutil.copytree(bag, copy)
    tei = sorted((copy / "data" / "tei").glob("*.xml"))[0]
    if tamper == "change a byte":
        data = bytearray(tei.read_bytes())
        data[-3] = ord("X") if data[-3] != ord("X") else ord("Y")
        tei.write_bytes(bytes(data))
    elif tamper == "delete":
        tei.unlink()
    elif tamper == "add a file":
        (copy / "data" / "tei" / "extra.xml").write_text("<x/>")
    else:
        with (copy / "bag-info.txt").open("a") as f:
            f.write("Contact-Phone: 000\n")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(copy)).validate()


def test_identical_input_gives_an_identical_deposit_and_the_date_follows_source_date_epoch(edition, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = _config(edition, include_site=True, include_pdf=True)
    a, b = tmp_path / "a", tmp_path / "b"
    deposit(edition, a, config=config)
    deposit(edition, b, config=config)
    files_a = {p.relative_to(a).as_posix(): p.read_bytes() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix(): p.read_bytes() for p in b.rglob("*") if p.is_file()}
    assert files_a.keys() == files_b.keys()
    assert [k for k in files_a if files_a[k] != files_b[k]] == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400 * 40))
    c = tmp_path / "c"
    deposit(edition, c, config=config)
    assert bagit.Bag(str(c)).info["Bagging-Date"] == "2026-02-10"
    assert b'CREATEDATE="2026-02-10T00:00:00Z"' in next((c / "data/metadata/mets").glob("*.xml")).read_bytes()


# ---------------------------------------------------------------------- DataCite
@pytest.fixture(scope="session")
def datacite_schema():
    if not DATACITE_XSD.exists():
        pytest.skip(f"DataCite 4.6 schema not found at {DATACITE_XSD} (../shared is absent in this checkout)")
    import xmlschema

    return xmlschema.XMLSchema(str(DATACITE_XSD))


def test_every_datacite_record_is_valid_against_the_datacite_4_6_schema(bag, datacite_schema):
    records = sorted((bag / "data/metadata/datacite").glob("*.xml"))
    assert len(records) == len(EXAMPLES) + 1
    for path in records:
        datacite_schema.validate(str(path))


def test_datacite_document_record_carries_the_header_facts(bag, datacite_schema):
    ns = {"d": DC}
    stem = "003_1913699800420464"  # Filippov [Stalin] to Krasovsky, for Mao, 3 July 1951
    root = etree.parse(str(bag / f"data/metadata/datacite/{stem}.xml")).getroot()
    assert root.findtext("d:identifier", namespaces=ns) == f"https://example.org/telegrams/tei/{stem}.xml"
    creator = root.find("d:creators/d:creator", ns)
    assert creator.findtext("d:creatorName", namespaces=ns) == "Stalin, Joseph"
    assert creator.findtext("d:familyName", namespaces=ns) == "Stalin"
    assert creator.find("d:nameIdentifier", ns).get("nameIdentifierScheme") == "Wikidata"
    assert root.find("d:resourceType", ns).get("resourceTypeGeneral") == "Text"
    assert root.findtext("d:resourceType", namespaces=ns) == "Telegram"
    assert root.find("d:dates/d:date[@dateType='Created']", ns).text == "1951-07-03"
    assert root.findtext("d:language", namespaces=ns) == "ru"
    assert root.find("d:relatedIdentifiers/d:relatedIdentifier[@relationType='IsPartOf']", ns).text == "https://example.org/telegrams/"
    assert root.find("d:rightsList/d:rights", ns).get("rightsIdentifier") == "CC-BY-4.0"
    assert root.find("d:descriptions/d:description[@descriptionType='Abstract']", ns).text
    assert [s.text for s in root.findall("d:subjects/d:subject", ns)] == ["Korean War", "diplomatic telegrams"]
    editors = root.findall("d:contributors/d:contributor[@contributorType='Editor']", ns)
    assert [e.findtext("d:contributorName", namespaces=ns) for e in editors] == ["Doe, Jane", "Roe, Richard"]
    # the translator of another document, and a place of sending
    other = etree.parse(str(bag / "data/metadata/datacite/001_09b0c0c286ebddc7.xml")).getroot()
    translator = other.find("d:contributors/d:contributor[@contributorType='Translator']", ns)
    assert translator.findtext("d:contributorName", namespaces=ns) == "Vladislav Zubok"
    assert other.findtext("d:geoLocations/d:geoLocation/d:geoLocationPlace", namespaces=ns) == "Beijing"


def test_datacite_collection_links_its_documents(bag):
    ns = {"d": DC}
    root = etree.parse(str(bag / "data/metadata/datacite/collection.xml")).getroot()
    assert root.find("d:resourceType", ns).get("resourceTypeGeneral") == "Collection"
    parts = [r.text for r in root.findall("d:relatedIdentifiers/d:relatedIdentifier[@relationType='HasPart']", ns)]
    assert parts == [f"https://example.org/telegrams/tei/{p.stem}.xml" for p in EXAMPLES]
    assert root.find("d:dates/d:date[@dateType='Coverage']", ns).text == "1951-07-03/1953-07-29"
    assert root.findtext("d:publisher", namespaces=ns) == "Example University Library"


def test_a_header_without_correspondents_gets_datacite_unknown_codes_not_invented_names(datacite_schema):
    from cablegram.deposit import datacite
    from cablegram.deposit.context import Collection, deposit_time
    from cablegram.deposit.records import read_record

    tei = etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>A note</title></titleStmt>'
        '<publicationStmt><p>unpublished</p></publicationStmt><sourceDesc><p>typed</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><p>x</p></body></text></TEI>'))
    record = read_record(tei, "note")
    xml = datacite.document_xml(record, Collection(DepositConfig(), (record,), deposit_time(), "Notes"))
    datacite_schema.validate(xml.decode())
    root = etree.fromstring(xml)
    assert root.findtext(f"{{{DC}}}creators/{{{DC}}}creator/{{{DC}}}creatorName") == "(:unkn)"
    assert root.findtext(f"{{{DC}}}publisher") == "(:unav)"
    assert root.find(f"{{{DC}}}dates") is None and root.find(f"{{{DC}}}geoLocations") is None


# ---------------------------------------------------------------------- CMIF
@pytest.fixture(scope="session")
def cmif_validator():
    if not (CMIF_RNG.exists() and CMIF_SCH.exists()):
        pytest.skip(f"CMIF schemas not found in {SHARED / 'cmif'} (../shared is absent in this checkout)")
    from cablegram.validate import Validator

    return Validator(schemas=[CMIF_RNG, CMIF_SCH])


def test_cmif_is_valid_against_the_cmif_relax_ng_and_schematron(bag, cmif_validator):
    diagnostics = cmif_validator.validate_file(bag / "data/metadata/cmif.xml")
    assert [d.format() for d in diagnostics] == []


def test_the_cmif_check_is_real_a_missing_received_action_is_reported(bag, cmif_validator, tmp_path):
    root = etree.parse(str(bag / "data/metadata/cmif.xml")).getroot()
    received = root.find(f".//{{{TEI}}}correspAction[@type='received']")
    received.getparent().remove(received)
    broken = tmp_path / "cmif.xml"
    broken.write_bytes(etree.tostring(root))
    messages = " ".join(d.message for d in cmif_validator.validate_file(broken))
    assert "E0002" in messages


def test_cmif_lists_every_letter_with_authority_uris_where_known(bag):
    root = etree.parse(str(bag / "data/metadata/cmif.xml")).getroot()
    ns = {"t": TEI}
    descs = root.findall(".//t:correspDesc", ns)
    assert len(descs) == len(EXAMPLES)
    assert root.findtext(".//t:publicationStmt/t:idno[@type='url']", namespaces=ns) == "https://example.org/telegrams/metadata/cmif.xml"
    stalin = root.findall(".//t:persName[@ref='http://www.wikidata.org/entity/Q855']", ns)
    assert stalin and all(p.text == "Stalin, Joseph" for p in stalin)
    assert descs[0].get("ref") == "https://example.org/telegrams/site/000_4fb6c50d695f872e.html"
    assert descs[0].find("t:correspAction[@type='sent']/t:date", ns).get("when") == "1953-07-29"


# ---------------------------------------------------------------------- METS
XLINK_BRIDGE = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xlink"
    xmlns:xlink="http://www.w3.org/1999/xlink">
  <xs:include schemaLocation="{w3c}"/>
  <xs:attributeGroup name="simpleLink"><xs:attributeGroup ref="xlink:simpleAttrs"/></xs:attributeGroup>
  <xs:attributeGroup name="extendedLink"><xs:attributeGroup ref="xlink:extendedAttrs"/></xs:attributeGroup>
  <xs:attributeGroup name="locatorLink"><xs:attributeGroup ref="xlink:locatorAttrs"/></xs:attributeGroup>
  <xs:attributeGroup name="arcLink"><xs:attributeGroup ref="xlink:arcAttrs"/></xs:attributeGroup>
</xs:schema>
"""


@pytest.fixture(scope="session")
def mets_schema(tmp_path_factory):
    """METS 1.x XSD as shipped in metsrw's wheel. Its xlink import (a URL on loc.gov) is pointed at the W3C
    xlink schema shipped in xmlschema, through a bridge that gives the LoC attribute-group names."""
    metsrw = pytest.importorskip("metsrw", reason="metsrw (test dependency) is not installed: no METS schema offline")
    import xmlschema

    mets_xsd = Path(metsrw.__file__).parent / "resources" / "mets.xsd"
    w3c_xlink = Path(xmlschema.__file__).parent / "schemas" / "XLINK" / "xlink.xsd"
    folder = tmp_path_factory.mktemp("mets-schema")
    (folder / "xlink.xsd").write_text(XLINK_BRIDGE.format(w3c=w3c_xlink.as_uri()), encoding="utf-8")
    text = mets_xsd.read_text(encoding="utf-8").replace(
        'schemaLocation="http://www.loc.gov/standards/xlink/xlink.xsd"', f'schemaLocation="{(folder / "xlink.xsd").as_uri()}"')
    (folder / "mets.xsd").write_text(text, encoding="utf-8")
    return xmlschema.XMLSchema(str(folder / "mets.xsd"))


def test_every_mets_file_is_valid_against_the_mets_schema_and_reads_back_with_metsrw(bag, mets_schema):
    import metsrw

    for path in sorted((bag / "data/metadata/mets").glob("*.xml")):
        mets_schema.validate(str(path))
        document = metsrw.METSDocument.fromfile(str(path))
        assert document.objid.startswith("https://example.org/telegrams/tei/")


def test_mets_wraps_the_tei_header_and_points_at_the_documents_files_with_their_checksums(bag):
    import hashlib

    stem = "002_1a6ead44c4c0e4a5"
    path = bag / f"data/metadata/mets/{stem}.xml"
    root = etree.parse(str(path)).getroot()
    ns = {"m": METS, "t": TEI, "x": "http://www.w3.org/1999/xlink"}
    wrap = root.find("m:dmdSec/m:mdWrap[@MDTYPE='TEIHDR']", ns)
    header = wrap.find("m:xmlData/t:teiHeader", ns)
    tei_root = etree.parse(str(bag / f"data/tei/{stem}.xml")).getroot()
    assert header.attrib.pop("{http://www.w3.org/XML/1998/namespace}lang") == tei_root.get("{http://www.w3.org/XML/1998/namespace}lang")
    original = tei_root.find("t:teiHeader", ns)
    assert etree.tostring(header, method="c14n", exclusive=True) == etree.tostring(original, method="c14n", exclusive=True)
    uses = []
    for file in root.findall("m:fileSec/m:fileGrp/m:file", ns):
        target = (path.parent / file.find("m:FLocat", ns).get(f"{{{ns['x']}}}href")).resolve()
        assert target.is_file()
        assert file.get("CHECKSUM") == hashlib.sha256(target.read_bytes()).hexdigest()
        uses.append(file.getparent().get("USE"))
    assert uses == ["TEI", "HTML", "PDF"]
    assert root.find("m:dmdSec/m:mdWrap[@MDTYPE='DC']", ns) is not None


# ---------------------------------------------------------------------- Dublin Core
# The official oai_dc.xsd is not obtainable offline (no installed package ships it). This schema states the
# same rules from the OAI-PMH 2.0 specification: a root oai_dc:dc holding, in any order and number, only the
# fifteen simple Dublin Core elements, each plain text with an optional xml:lang.
OAI_DC_RULES = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:dc="http://purl.org/dc/elements/1.1/"
    targetNamespace="http://www.openarchives.org/OAI/2.0/oai_dc/" elementFormDefault="qualified">
  <xs:import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="dc.xsd"/>
  <xs:element name="dc"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">{refs}</xs:choice></xs:complexType></xs:element>
</xs:schema>"""
DC_RULES = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://purl.org/dc/elements/1.1/"
    elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
  <xs:complexType name="text"><xs:simpleContent><xs:extension base="xs:string">
    <xs:attribute ref="xml:lang"/></xs:extension></xs:simpleContent></xs:complexType>
  {elements}
</xs:schema>"""


def test_every_oai_dc_record_follows_the_oai_dc_rules(bag, tmp_path):
    import xmlschema

    from cablegram.deposit.dublincore import ELEMENTS

    (tmp_path / "dc.xsd").write_text(DC_RULES.format(
        elements="".join(f'<xs:element name="{e}" type="dc:text" xmlns:dc="http://purl.org/dc/elements/1.1/"/>' for e in ELEMENTS)))
    (tmp_path / "oai_dc.xsd").write_text(OAI_DC_RULES.format(refs="".join(f'<xs:element ref="dc:{e}"/>' for e in ELEMENTS)))
    schema = xmlschema.XMLSchema(str(tmp_path / "oai_dc.xsd"))
    dc = "{http://purl.org/dc/elements/1.1/}"
    for path in sorted((bag / "data/metadata/oai_dc").glob("*.xml")):
        schema.validate(str(path))
        root = etree.parse(str(path)).getroot()
        for required in ("title", "creator", "date", "type", "format", "identifier", "language", "rights"):
            assert root.find(dc + required) is not None, (path.name, required)
    with pytest.raises(xmlschema.XMLSchemaValidationError):  # the rules bite: a foreign element is refused
        schema.validate('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
                        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:author>x</dc:author></oai_dc:dc>')


# ---------------------------------------------------------------------- the report and Zenodo
def test_the_deposit_report_lists_the_contents_and_judges_each_target_profile(bag):
    report = json.loads((bag / "deposit-report.json").read_text())
    paths = {c["path"] for c in report["contents"]}
    assert {"data/tei/000_4fb6c50d695f872e.xml", "bag-info.txt", "manifest-sha512.txt"} <= paths
    assert report["bag"]["valid"] is True
    assert set(report["profiles"]) == {"generic", "zenodo", "arche", "dariah-de", "correspsearch"}
    for profile in report["profiles"].values():
        assert profile["requirements"] and all({"id", "requirement", "level", "met", "details"} <= set(r) for r in profile["requirements"])
        assert profile["ready"] == all(r["met"] for r in profile["requirements"] if r["level"] == "required")
    arche = {r["id"]: r for r in report["profiles"]["arche"]["requirements"]}
    assert arche["safe-names"]["met"] and arche["no-bom"]["met"] and arche["no-empty-files"]["met"]
    assert arche["preferred-formats"]["met"] is False and "HTML" in arche["preferred-formats"]["details"]
    assert report["profiles"]["correspsearch"]["ready"] is True


def test_profile_checks_catch_non_ascii_names_boms_empty_files_and_unknown_formats(tmp_path):
    from cablegram.deposit.profiles import common_checks, file_facts

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "Пекин.xml").write_bytes(b"<x/>")
    (tmp_path / "data" / "with space.txt").write_bytes(b"x")
    (tmp_path / "data" / "bom.xml").write_bytes(b"\xef\xbb\xbf<x/>")
    (tmp_path / "data" / "empty.xml").write_bytes(b"")
    (tmp_path / "data" / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "data" / "tool.exe").write_bytes(b"MZ")
    checks = common_checks(file_facts(tmp_path))
    assert not checks["ascii"]["met"] and "Пекин.xml" in checks["ascii"]["details"]
    assert not checks["safe"]["met"] and "with space.txt" in checks["safe"]["details"]
    assert not checks["bom"]["met"] and "bom.xml" in checks["bom"]["details"]
    assert not checks["empty"]["met"] and "empty.xml" in checks["empty"]["details"]
    assert not checks["utf8"]["met"] and "latin1.txt" in checks["utf8"]["details"]
    assert not checks["formats"]["met"] and "tool.exe" in checks["formats"]["details"]


def test_zenodo_metadata_has_what_the_deposit_api_requires(bag):
    meta = json.loads((bag / "data/metadata/zenodo.json").read_text())
    assert meta["upload_type"] == "dataset" and meta["access_right"] == "open"
    assert meta["title"] == "Soviet telegrams on the Korean armistice, 1951-1953"
    assert meta["creators"][0] == {"name": "Doe, Jane", "orcid": "0000-0002-1825-0097", "affiliation": "Example University"}
    assert meta["license"] == "cc-by-4.0" and meta["publication_date"] == "2026-01-01"
    assert meta["language"] == "rus" and meta["keywords"] == ["Korean War", "diplomatic telegrams"]


# ---------------------------------------------------------------------- bad input
def _break_one_tei(edition: Path) -> Path:
    tei = sorted((edition / "tei").glob("*.xml"))[1]
    tei.write_text(tei.read_text(encoding="utf-8").replace("<teiHeader>", "<teiHeader><bogus/>", 1), encoding="utf-8")
    return tei


def test_an_edition_with_an_invalid_document_is_refused_with_the_list(edition, tmp_path, capsys):
    copy = _copy_edition(edition, tmp_path)
    broken = _break_one_tei(copy)
    with pytest.raises(DepositRefused) as refused:
        deposit(copy, tmp_path / "out", config=_config(copy))
    assert len(refused.value.problems) == 1 and f"tei/{broken.name}" in refused.value.problems[0]
    assert not (tmp_path / "out").exists()
    assert main(["deposit", str(copy), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"tei/{broken.name}" in err and "--allow-invalid" in err


def test_a_document_that_failed_in_the_build_is_refused(edition, tmp_path):
    copy = _copy_edition(edition, tmp_path)
    report = json.loads((copy / "report.json").read_text())
    report["documents"].append({"stem": "999_broken", "source": "/texts/999_broken.txt", "status": "failed",
                                "error": "/texts/999_broken.txt: file is empty"})
    (copy / "report.json").write_text(json.dumps(report))
    with pytest.raises(DepositRefused) as refused:
        deposit(copy, tmp_path / "out", config=_config(copy))
    assert refused.value.problems == ["999_broken.txt: failed in the build: /texts/999_broken.txt: file is empty"]


def test_allow_invalid_deposits_and_records_it_in_bag_info(edition, tmp_path):
    copy = _copy_edition(edition, tmp_path)
    _break_one_tei(copy)
    assert main(["deposit", str(copy), "-o", str(tmp_path / "out"), "--allow-invalid", "-q"]) == 0
    info = bagit.Bag(str(tmp_path / "out")).info
    assert info["Cablegram-Allow-Invalid"].startswith("yes: 1 document(s)")
    bagit.Bag(str(tmp_path / "out")).validate()


def test_a_failure_midway_leaves_the_earlier_deposit_whole_and_no_temporary_folder(edition, tmp_path, monkeypatch):
    out = tmp_path / "out"
    deposit(edition, out, config=_config(edition))
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("cablegram.deposit.cmif.cmif_xml", fail)
    with pytest.raises(RuntimeError):
        deposit(edition, out, config=_config(edition, include_pdf=True))
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    monkeypatch.undo()
    deposit(edition, out, config=_config(edition, include_pdf=True))  # a successful deposit replaces it whole
    assert (out / "data" / "pdf").is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    bagit.Bag(str(out)).validate()


def test_a_folder_that_is_not_a_deposit_is_never_replaced(edition, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["deposit", str(edition), "-o", str(out), "-q"]) == 2
    assert (out / "notes.txt").read_text() == "mine" and len(list(out.iterdir())) == 1


def test_usage_problems_exit_2(edition, tmp_path, capsys):
    assert main(["deposit", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "not an edition folder" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('[deposit]\ncontact = "x"\n')
    assert main(["deposit", str(edition), "-o", str(tmp_path / "out"), "--config", str(bad)]) == 2
    assert "unknown key(s) in [deposit]: contact" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["deposit", str(edition)])  # -o is required
    assert exit_.value.code == 2


def test_the_config_beside_the_source_texts_is_found(edition, tmp_path):
    copy = _copy_edition(edition, tmp_path)
    (copy / "cablegram.toml").unlink()
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "cablegram.toml").write_text('[deposit]\ncontact_name = "Roe, Richard"\n')
    report = json.loads((copy / "report.json").read_text())
    for d in report["documents"]:
        d["source"] = str(texts / Path(d["source"]).name)
    (copy / "report.json").write_text(json.dumps(report))
    assert find_config(copy) == texts / "cablegram.toml"
    assert load_config(find_config(copy)).contact_name == "Roe, Richard"
    with pytest.raises(ConfigError):
        load_config(_write(tmp_path / "x.toml", '[deposit]\neditors = "Doe"\n'))


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_deposit_refuses_an_output_inside_the_edition(edition):
    with pytest.raises(DepositError):
        deposit(edition, edition / "deposit")


def test_help_explains_the_command_with_examples(capsys):
    with pytest.raises(SystemExit):
        main(["deposit", "--help"])
    out = capsys.readouterr().out
    assert "BagIt" in out and "cablegram deposit edition -o deposit" in out and "--allow-invalid" in out


def test_build_with_deposit_makes_the_bag_after_the_edition(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    texts = tmp_path / "texts"
    texts.mkdir()
    for path in EXAMPLES[:2]:
        shutil.copy(path, texts / path.name)
    (texts / "cablegram.toml").write_text('[deposit]\ncontact_name = "Roe, Richard"\n')
    code = main(["build", str(texts), "-o", str(tmp_path / "edition"), "--no-pdf", "--jobs", "1", "--quiet",
                 "--deposit", str(tmp_path / "deposit")])
    assert code == 0
    bag = bagit.Bag(str(tmp_path / "deposit"))
    bag.validate()
    assert bag.info["Contact-Name"] == "Roe, Richard"
    assert sorted(p.name for p in (tmp_path / "deposit/data/tei").iterdir()) == [p.name.replace(".txt", ".xml") for p in EXAMPLES[:2]]


def test_no_local_folder_of_the_depositor_reaches_the_bag(bag, edition):
    local = str(REPO).encode()
    leaked = [p.relative_to(bag).as_posix() for p in bag.rglob("*") if p.is_file() and local in p.read_bytes()]
    assert leaked == []
    build_report = json.loads((bag / "data/reports/build-report.json").read_text())
    assert {d["source"] for d in build_report["documents"]} == {p.name for p in EXAMPLES}


def test_docs_list_every_setting():
    from cablegram.deposit.config import KEYS

    text = (REPO / "docs" / "deposit.md").read_text(encoding="utf-8")
    assert [k for k in KEYS if f"| `{k}` |" not in text] == []


FOREIGN_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Letter to a friend in Weimar</title><editor>Muster, Erika</editor></titleStmt>
      <publicationStmt><publisher>Another project</publisher>
        <availability><licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0</licence></availability>
      </publicationStmt>
      <sourceDesc><p>Autograph letter.</p></sourceDesc>
    </fileDesc>
    <profileDesc>
      <correspDesc>
        <correspAction type="sent"><persName ref="http://d-nb.info/gnd/118607626">Schiller, Friedrich</persName>
          <placeName ref="http://www.geonames.org/2895044">Jena</placeName><date notBefore="1795-06-01" notAfter="1795-06-30"/></correspAction>
        <correspAction type="received"><persName ref="http://d-nb.info/gnd/118540238">Goethe, Johann Wolfgang von</persName></correspAction>
      </correspDesc>
    </profileDesc>
  </teiHeader>
  <text xml:lang="de"><body><p>Lieber Freund.</p></body></text>
</TEI>
"""


def test_tei_written_by_another_project_gets_valid_metadata_from_its_own_header(tmp_path, datacite_schema, cmif_validator):
    edition = tmp_path / "other"
    (edition / "tei").mkdir(parents=True)
    (edition / "tei" / "letter.xml").write_text(FOREIGN_TEI, encoding="utf-8")
    config = DepositConfig(resource_type="Letter", cmif_url="https://example.org/cmif.xml").merged(editors=("Muster, Erika",))
    # not valid against the cablegram customization (no xml:id...): refused, unless allowed
    with pytest.raises(DepositRefused):
        deposit(edition, tmp_path / "out", config=config)
    deposit(edition, tmp_path / "out", config=config, allow_invalid=True)
    meta = tmp_path / "out" / "data" / "metadata"
    datacite_schema.validate(str(meta / "datacite" / "letter.xml"))
    datacite_schema.validate(str(meta / "datacite" / "collection.xml"))
    assert [d.format() for d in cmif_validator.validate_file(meta / "cmif.xml")] == []
    ns = {"d": DC}
    root = etree.parse(str(meta / "datacite" / "letter.xml")).getroot()
    assert root.findtext("d:resourceType", namespaces=ns) == "Letter"
    assert root.findtext("d:language", namespaces=ns) == "de"
    assert root.find("d:dates/d:date", ns).text == "1795-06-01/1795-06-30"
    assert root.find("d:creators/d:creator/d:nameIdentifier", ns).get("nameIdentifierScheme") == "GND"
    assert len(root.findall("d:contributors/d:contributor[@contributorType='Editor']", ns)) == 1  # TEI and config agree
    assert root.find("d:rightsList/d:rights", ns).get("rightsIdentifier") == "CC0-1.0"
    cmif = etree.parse(str(meta / "cmif.xml")).getroot()
    assert cmif.find(f".//{{{TEI}}}correspAction[@type='received']/{{{TEI}}}persName").get("ref") == "http://d-nb.info/gnd/118540238"


def test_a_bag_that_does_not_validate_after_writing_fails_with_exit_1_and_replaces_nothing(edition, tmp_path, monkeypatch):
    import cablegram.deposit as dep

    monkeypatch.setattr(dep, "_bag_is_valid", lambda path: False)
    assert main(["deposit", str(edition), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert list(tmp_path.iterdir()) == []
