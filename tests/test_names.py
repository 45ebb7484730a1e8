"""`cablegram names`: names of any TEI with counts and links, the OpenRefine export, and loading reconciled ids."""
from __future__ import annotations

import csv
import io
import shutil

import pytest
from lxml import etree

from cablegram.cli import main
from cablegram.names import CSV_COLUMNS, Mention, names_in, table
from conftest import GOLDEN_DIR, REPO

AUTHORITY = REPO / "tei" / "authority"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def rows_of(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def authority_copy(tmp_path):
    target = tmp_path / "authority"
    shutil.copytree(AUTHORITY, target)
    return target


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" for c in CSV_COLUMNS} | row)
    return path


# ------------------------------------------------------------------------------------------- reading names
def test_names_of_our_tei_are_mentions_not_authority_entries(datadir):
    mentions = names_in(datadir / "ours.xml")
    got = [(m.name, m.kind, m.ref) for m in mentions]
    assert ("Filippov", "person", "per-stalin") in got  # the correspondent in the header is a mention
    assert ("FILIPPOV", "person", "per-stalin") in got  # letter-spaced writing closed up
    assert ("Port Arthur", "place", "pl-lushun") in got and ("Port Arthur", "place", "") in got  # line break collapsed
    assert ("Nam Il", "person", "") in got  # the correction, not the error, and not the note
    assert ("Peng Dehuai", "person", "") in got  # the name, not its parts
    assert ("Military Armistice Commission", "org", "") in got
    assert not [m for m in mentions if m.name in ("Stalin, Joseph", "Lüshun", "cablegram 0")]  # entries and software
    assert all(m.document == "ours.xml" for m in mentions)


def test_names_of_tei_from_other_projects(datadir):
    got = {(m.name, m.kind, m.ref) for m in names_in(datadir / "foreign.xml")}
    assert got == {
        ("Comrade Roshchin", "person", "http://www.wikidata.org/entity/Q1000001"),
        ("Dairen", "place", ""),
        ("the Northeast", "name", ""),
        ("Trade Mission", "org", "https://example.org/org/1"),
    }
    assert {(m.name, m.kind) for m in names_in(datadir / "p4.xml")} == {("Dairen", "place"), ("Roshchin", "person")}


def test_one_row_per_distinct_name_with_counts_links_and_documents():
    mentions = [Mention("Dairen", "place", "", "a.xml"), Mention("Dairen", "place", "pl-dalian", "b.xml"),
                Mention("Dairen", "place", "", "b.xml"), Mention("Mao", "person", "per-mao", "a.xml")]
    rows = table(mentions)
    assert [(r.name, r.kind) for r in rows] == [("Mao", "person"), ("Dairen", "place")]  # persons, places, orgs
    dairen = rows[1]
    assert (dairen.count, dairen.linked, dairen.refs, dairen.documents) == (3, 1, ("pl-dalian",), ("a.xml", "b.xml"))


# ------------------------------------------------------------------------------------------- the command
def test_the_table_lists_names_with_count_kind_link_and_documents(datadir, capsys):
    assert main(["names", str(datadir / "ours.xml"), str(datadir / "foreign.xml")]) == 0
    out = capsys.readouterr().out
    lines = [l for l in out.splitlines() if "Dairen" in l]
    assert lines and "place" in lines[0] and "2" in lines[0] and "no" in lines[0] and "foreign.xml" in lines[0]
    assert "partly (1/2): pl-lushun" in out  # Port Arthur: linked once, unlinked once
    assert "in 2 file(s)" in out


def test_filters_by_kind_and_unlinked(datadir, capsys):
    good = [str(datadir / name) for name in ("ours.xml", "foreign.xml", "p4.xml")]
    assert main(["names", *good, "--kind", "person", "--unlinked"]) == 0
    out = capsys.readouterr().out
    assert "Nam Il" in out and "Roshchin" in out
    assert "FILIPPOV" not in out and "Dairen" not in out


def test_csv_has_the_reconciliation_shape_and_is_deterministic(datadir, tmp_path, capsys):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["names", str(datadir / "ours.xml"), str(datadir / "foreign.xml"), "--csv", str(first), "-q"]) == 0
    assert main(["names", str(datadir / "ours.xml"), str(datadir / "foreign.xml"), "--csv", str(second), "-q"]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)
    rows = {(r["name"], r["kind"]): r for r in rows_of(first)}
    dairen = rows[("Dairen", "place")]
    assert dairen["count"] == "2" and dairen["ref"] == "" and dairen["reconcile_type"] == "Q2221906"
    assert dairen["documents"] == "foreign.xml; ours.xml"
    assert all(dairen[c] == "" for c in ("wikidata", "viaf", "geonames", "gnd"))
    assert rows[("Port Arthur", "place")]["ref"] == "pl-lushun"
    assert rows[("Nam Il", "person")]["reconcile_type"] == "Q5"
    assert len(rows) == len(rows_of(first))  # one row per distinct name


def test_the_goldens_export_every_linked_name(tmp_path, capsys):
    out = tmp_path / "names.csv"
    assert main(["names", str(GOLDEN_DIR), "--csv", str(out), "-q"]) == 0
    rows = rows_of(out)
    assert {"Korea", "Корее", "ООН", "ВКП(б)"} <= {r["name"] for r in rows}
    korea = next(r for r in rows if r["name"] == "Korea")
    assert korea["ref"] == "pl-korea" and korea["kind"] == "place"


@pytest.mark.parametrize("bad,problem", [
    ("not_tei.xml", "not a TEI document (root element <html>)"),
    ("malformed.xml", "malformed.xml"),
])
def test_a_bad_file_gets_one_line_and_exit_1_and_the_others_go_on(datadir, tmp_path, capsys, bad, problem):
    out = tmp_path / "names.csv"
    assert main(["names", str(datadir / bad), str(datadir / "foreign.xml"), "--csv", str(out)]) == 1
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1 and bad in errors[0] and problem in errors[0]
    assert "Dairen" in captured.out and "1 file(s) failed" in captured.out
    assert "Dairen" in out.read_text(encoding="utf-8")


def test_empty_and_binary_files_are_failed_inputs(tmp_path, datadir, capsys):
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "binary.xml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["names", str(tmp_path / "empty.xml"), str(tmp_path / "binary.xml"), str(datadir / "p4.xml")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "empty.xml" in err[0] and "binary.xml" in err[1]


@pytest.mark.parametrize("argv", [
    ["names"],
    ["names", "does-not-exist.xml"],
    ["names", "--load", "x.csv", "tei"],
    ["names", "--load", "reconciled.csv"],  # no -o and no --authority
    ["names", "tei", "-o", "out"],
])
def test_usage_problems_exit_2(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("cablegram names:")


# ------------------------------------------------------------------------------------------- loading back
def test_a_reconciled_row_adds_its_form_and_identifier_to_the_entry(tmp_path, authority_copy, tei_all, capsys):
    reconciled = write_csv(tmp_path / "r.csv", [
        {"name": "Lü-shun-k'ou", "kind": "place", "ref": "pl-lushun", "wikidata": "http://www.wikidata.org/entity/Q1000002"},
        {"name": "Dairen", "kind": "place"},  # not reconciled: skipped
    ])
    out = tmp_path / "new"
    assert main(["names", "--load", str(reconciled), "--authority", str(authority_copy), "-o", str(out)]) == 0
    assert "1 form(s), 1 identifier(s), 0 new entries" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["orgs.xml", "persons.xml", "places.xml"]
    assert (out / "persons.xml").read_bytes() == (authority_copy / "persons.xml").read_bytes()
    doc = etree.parse(str(out / "places.xml"))
    [entry] = doc.xpath("//t:place[@xml:id='pl-lushun']", namespaces=NS)
    assert entry.xpath("t:placeName[@type='variant'][. = \"Lü-shun-k'ou\"]", namespaces=NS)
    [idno] = entry.xpath("t:idno[@type='wikidata']", namespaces=NS)
    assert idno.text == "Q1000002" and idno.get("source") == "https://www.wikidata.org/wiki/Q1000002"
    assert entry.index(idno) > max(entry.index(n) for n in entry.findall("t:placeName", NS))
    before = etree.parse(str(authority_copy / "places.xml"))
    assert len(doc.xpath("//t:place", namespaces=NS)) == len(before.xpath("//t:place", namespaces=NS))
    assert tei_all.validate(doc), tei_all.error_log.last_error
    # the identifier's page is a source of the entry and listed in the header, like every source of the file
    assert "https://www.wikidata.org/wiki/Q1000002" in entry.get("source").split()
    listed = [r.get("target") for r in doc.findall(".//t:sourceDesc/t:listBibl//t:ref", NS)]
    assert "https://www.wikidata.org/wiki/Q1000002" in listed and listed == sorted(listed)


def test_a_row_with_only_an_identifier_makes_a_new_cited_entry(tmp_path, authority_copy, capsys):
    reconciled = write_csv(tmp_path / "r.csv", [
        {"name": "Tonghua", "kind": "place", "wikidata": "Q1000003", "geonames": "1000004"},
        {"name": "Trade Mission", "kind": "org", "viaf": "1000005"},
    ])
    assert main(["names", "--load", str(reconciled), "--authority", str(authority_copy)]) == 0  # in place
    assert "0 form(s), 3 identifier(s), 2 new entries" in capsys.readouterr().out
    places = etree.parse(str(authority_copy / "places.xml"))
    [entry] = places.xpath("//t:place[@xml:id='pl-tonghua']", namespaces=NS)
    assert entry.get("source").split() == ["https://www.wikidata.org/wiki/Q1000003", "https://www.geonames.org/1000004"]
    assert entry.xpath("string(t:placeName[@xml:lang='en'])", namespaces=NS) == "Tonghua"
    assert [i.get("type") for i in entry.findall("t:idno", NS)] == ["wikidata", "geonames"]
    assert etree.parse(str(authority_copy / "orgs.xml")).xpath("//t:org[@xml:id='org-trade-mission']", namespaces=NS)


def test_loading_twice_changes_nothing_the_second_time(tmp_path, authority_copy, capsys):
    reconciled = write_csv(tmp_path / "r.csv", [{"name": "Lü-shun-k'ou", "kind": "place", "ref": "#pl-lushun", "wikidata": "Q1000002"}])
    assert main(["names", "--load", str(reconciled), "--authority", str(authority_copy)]) == 0
    once = (authority_copy / "places.xml").read_bytes()
    capsys.readouterr()
    assert main(["names", "--load", str(reconciled), "--authority", str(authority_copy)]) == 0
    assert "0 form(s), 0 identifier(s)" in capsys.readouterr().out
    assert (authority_copy / "places.xml").read_bytes() == once


def test_problem_rows_are_named_and_nothing_is_written(tmp_path, authority_copy, capsys):
    reconciled = write_csv(tmp_path / "r.csv", [
        {"name": "Lü-shun-k'ou", "kind": "place", "ref": "pl-lushun", "wikidata": "Q1000002"},  # fine alone
        {"name": "Somewhere", "kind": "place", "wikidata": "X12"},  # not an identifier
        {"name": "Nobody", "kind": "person", "ref": "per-nobody"},  # no such entry
        {"name": "Seoul", "kind": "org", "ref": "pl-seoul"},  # a place, not an org
        {"name": "Dairen", "kind": "place", "ref": "pl-lushun"},  # a form of Dalian, not of Lüshun
        {"name": "Tientsin", "kind": "place", "ref": "pl-tianjin", "wikidata": "Q1000002"},  # id given to Lüshun above
    ])
    before = {p.name: p.read_bytes() for p in authority_copy.iterdir()}
    out = tmp_path / "new"
    assert main(["names", "--load", str(reconciled), "--authority", str(authority_copy), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert [l.split(": ")[1].rsplit(":", 1)[1] for l in err[:-1]] == ["3", "4", "5", "6", "7"]
    assert all(str(reconciled) in l for l in err)
    assert "'X12' is not a wikidata identifier" in err[0] and "not in the authority file" in err[1]
    assert "a place entry, not a org" in err[2] and "already a form of 'pl-dalian'" in err[3]
    assert "already identifies 'pl-lushun'" in err[4] and "nothing written" in err[-1]
    assert not out.exists()
    assert {p.name: p.read_bytes() for p in authority_copy.iterdir()} == before


@pytest.mark.parametrize("content,problem", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary data"),
    ("name,kind,wikidata\nДайрен,place,Q1\n".encode("cp1251"), "not UTF-8"),
    (b"label,type\nDairen,place\n", "no 'name' and 'kind' columns"),
    (b"name,kind,count\nDairen,place,2\n", "no 'ref' or identifier column"),
])
def test_a_bad_csv_gets_one_line_and_exit_1(tmp_path, authority_copy, capsys, content, problem):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    assert main(["names", "--load", str(bad), "--authority", str(authority_copy), "-o", str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.csv" in err[0] and problem in err[0]
    assert not (tmp_path / "new").exists()


def test_export_then_load_round_trip_keeps_every_entry(tmp_path, authority_copy, capsys):
    exported = tmp_path / "names.csv"
    assert main(["names", str(GOLDEN_DIR), "--csv", str(exported), "-q"]) == 0
    rows = rows_of(exported)
    for row in rows:  # an editor confirms every linked name as its entry's form (already there: nothing to add)
        if row["ref"] and " " not in row["ref"]:
            row["wikidata"] = ""
    write_csv(exported, rows)
    before = {el.get(XML_ID) for f in authority_copy.iterdir() for el in etree.parse(str(f)).iter() if el.get(XML_ID)}
    assert main(["names", "--load", str(exported), "--authority", str(authority_copy), "-o", str(tmp_path / "new")]) == 0
    after = {el.get(XML_ID) for f in (tmp_path / "new").iterdir() for el in etree.parse(str(f)).iter() if el.get(XML_ID)}
    assert before <= after


def test_reconciled_columns_may_carry_openrefine_style_names(tmp_path, authority_copy, capsys):
    reconciled = tmp_path / "r.csv"
    reconciled.write_text("Name;Kind;QID;Authority ID\nLü-shun-k'ou;place;Q1000002;pl-lushun\n", encoding="utf-8")
    assert main(["names", "--load", str(reconciled), "--authority", str(authority_copy)]) == 0
    assert "1 form(s), 1 identifier(s)" in capsys.readouterr().out
