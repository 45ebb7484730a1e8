"""Archival references in citations: each archival copy with its repository, fond/opis/papka/delo and
folios, exactly as written — never invented."""
import re
from pathlib import Path

import pytest

from cablegram.analysis.references import parse_archival_references, repository_authority

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "texts"

WCDA_000 = (
    '"Telegram from Kuznetsov to Soviet Foreign Ministry regarding a Meeting with Mao Zedong", July 29, 1953, '
    "Wilson Center Digital Archive, APRF, Fond 3, Opis 65, Delo 830, Listy 187-189; and AVPRF, Fond 059a, "
    "Opis 5a, Delo 5, Papka 11, Listy 156-158 https://wilson-center-digital-archive.dvincitest.com/document/112125"
)
WCDA_001 = (
    '"Telegram from USSR Foreign Minister V.M. Molotov to Soviet Ambassador in Beijing", July 4, 1953, '
    "Wilson Center Digital Archive, Volkogonov Collections, Library of Congress; Archive of the President of "
    "the Russian Federation (APRF). Translated for CWIHP by Vladislav Zubok <https://digitalarchive.umd.edu/document/117315>"
)
WCDA_003 = (
    '"Ciphered Telegram No. 2950, Filippov [Stalin] to Krasovsky, for Cde. Mao Zedong", July 3, 1951, '
    "Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 339, l. 11."
)
WCDA_004 = '"Ciphered Telegram from Mao Zedong to Filippov [Stalin]", July 20, 1951, Wilson Center Digital Archive, CWHIP archive.'
DOCUMENT_INFORMATION_002 = "RGASPI, f. 558, op. 11, d. 340, ll. 0043-0045. Translated by Gary Goldberg."
SOURCE_LINE_001 = "Печ. по: АП РФ. Ф. 3. Оп. 65. Д. 830. Л. 148-150. Подлинник."

UNSEEN = [
    "AVP RF, Fond 06, Opis 9, Papka 71, Delo 1137, Listy 23-24",
    "RGANI, f. 17, op. 162, d. 38, l. 7, 9",
    "GARF, pp. 12-14",
    "TsAMO, f. 16, op. 3139, d. 16, ll. 122-125",
    "Archive of Foreign Policy of the Russian Federation, Fond 0100, Opis 46, Papka 362, Delo 12, Listy 1-3",
    "Wilson Center Digital Archive, TsKhSD, f. 89, op. 45, d. 1, l. 9 об.",
    "РГАСПИ. Ф. 558. Оп. 11. Д. 340. Лл. 43-45 об.",
    "Wilson Center Digital Archive, MNA, f. 4, op. 1, d. 2",
    "Library of Congress, Volkogonov Papers, Reel 5",
    "GARF, f. R-5446, op. 1, d. 12, l. 3",
    "AVPRF f. 07, op. 23a, p. 18, d. 235, ll. 37-38ob.",
]


def parts_of(ref):
    return [(p.kind, p.label, p.value) for p in ref.parts]


def only_reference(citation):
    refs = parse_archival_references(citation)
    assert len(refs) == 1, f"expected one archival reference in {citation!r}, found {refs}"
    return refs[0]


def test_two_archival_copies_in_one_citation_are_two_references():
    aprf, avprf = parse_archival_references(WCDA_000)
    assert (aprf.repository, aprf.repository_key) == ("APRF", "aprf")
    assert parts_of(aprf) == [("fond", "Fond", "3"), ("opis", "Opis", "65"), ("delo", "Delo", "830"), ("folio", "Listy", "187-189")]
    assert (aprf.folio_from, aprf.folio_to, aprf.folio_text) == ("187", "189", "Listy 187-189")
    assert (avprf.repository, avprf.repository_key) == ("AVPRF", "avprf")
    assert parts_of(avprf) == [
        ("fond", "Fond", "059a"),
        ("opis", "Opis", "5a"),
        ("delo", "Delo", "5"),
        ("papka", "Papka", "11"),
        ("folio", "Listy", "156-158"),
    ]
    assert (avprf.folio_from, avprf.folio_to) == ("156", "158")
    assert WCDA_000[aprf.start : aprf.end] == "APRF, Fond 3, Opis 65, Delo 830, Listy 187-189"
    assert WCDA_000[avprf.start : avprf.end] == "AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 156-158"


def test_a_named_collection_and_an_expanded_archive_name_without_numbers():
    loc, aprf = parse_archival_references(WCDA_001)
    assert (loc.repository, loc.repository_key, loc.collection) == ("Library of Congress", "loc", "Volkogonov Collections")
    assert WCDA_001[loc.start : loc.end] == "Volkogonov Collections, Library of Congress"
    assert (aprf.repository, aprf.repository_key) == ("Archive of the President of the Russian Federation (APRF)", "aprf")
    assert aprf.parts == loc.parts == ()
    assert aprf.folio_text is None


def test_the_non_archival_parts_of_a_wcda_citation_are_skipped():
    # the publisher ('Wilson Center Digital Archive') and the translator's 'CWIHP' are no archival copies
    for citation in (WCDA_000, WCDA_001, WCDA_003):
        assert all("Wilson" not in r.repository and "Translated" not in r.repository for r in parse_archival_references(citation))
    assert parse_archival_references('"Title", July 4, 1953, Wilson Center Digital Archive. Translated for CWIHP by Vladislav Zubok') == []


def test_abbreviated_labels_with_a_single_leaf():
    ref = only_reference(WCDA_003)
    assert ref.repository_key == "aprf"
    assert parts_of(ref) == [("fond", "f.", "45"), ("opis", "op.", "1"), ("delo", "d.", "339"), ("folio", "l.", "11")]
    assert (ref.folio_from, ref.folio_to, ref.folio_text) == ("11", "11", "l. 11")


def test_document_information_block_with_zero_padded_leaves():
    ref = only_reference(DOCUMENT_INFORMATION_002)
    assert (ref.repository, ref.repository_key) == ("RGASPI", "rgaspi")
    assert parts_of(ref)[:3] == [("fond", "f.", "558"), ("opis", "op.", "11"), ("delo", "d.", "340")]
    assert (ref.folio_from, ref.folio_to, ref.folio_text) == ("0043", "0045", "ll. 0043-0045")
    assert DOCUMENT_INFORMATION_002[ref.start : ref.end] == "RGASPI, f. 558, op. 11, d. 340, ll. 0043-0045"


def test_an_archive_named_without_numbers():
    ref = only_reference(WCDA_004)
    assert (ref.repository, ref.repository_key, ref.parts) == ("CWHIP archive", "cwihp", ())


def test_the_russian_published_source_line():
    ref = only_reference(SOURCE_LINE_001)
    assert (ref.repository, ref.repository_key) == ("АП РФ", "aprf")
    assert parts_of(ref) == [("fond", "Ф.", "3"), ("opis", "Оп.", "65"), ("delo", "Д.", "830"), ("folio", "Л.", "148-150")]
    assert (ref.folio_from, ref.folio_to) == ("148", "150")
    assert "Подлинник" not in SOURCE_LINE_001[ref.start : ref.end]


def test_papka_before_delo_is_read_in_citation_order():
    ref = only_reference(UNSEEN[0])
    assert ref.repository_key == "avprf"
    assert [p.kind for p in ref.parts] == ["fond", "opis", "papka", "delo", "folio"]
    assert [p.value for p in ref.parts] == ["06", "9", "71", "1137", "23-24"]


def test_a_list_of_leaves_is_kept_as_written_and_not_made_a_range():
    ref = only_reference(UNSEEN[1])
    assert ref.repository_key == "rgani"
    assert ref.folio_text == "l. 7, 9"
    assert (ref.folio_from, ref.folio_to) == (None, None)


def test_pages_count_as_folios():
    ref = only_reference(UNSEEN[2])
    assert (ref.repository_key, ref.folio_text, ref.folio_from, ref.folio_to) == ("garf", "pp. 12-14", "12", "14")


def test_an_expanded_foreign_policy_archive_name():
    ref = only_reference(UNSEEN[4])
    assert ref.repository == "Archive of Foreign Policy of the Russian Federation"
    assert ref.repository_key == "avprf"


def test_a_verso_leaf_is_kept_in_the_text_and_its_bound_says_verso():
    ref = only_reference(UNSEEN[6])
    assert ref.folio_text == "Лл. 43-45 об."
    assert (ref.folio_from, ref.folio_to) == ("43", "45v")
    ref = only_reference("RGASPI, f. 558, op. 11, d. 330, ll. 0031ob.")
    assert (ref.folio_text, ref.folio_from, ref.folio_to) == ("ll. 0031ob.", "0031v", "0031v")
    ref = only_reference("APRF, f. 3, op. 1, d. 2, l. 45v")
    assert (ref.folio_from, ref.folio_to) == ("45v", "45v")


@pytest.mark.parametrize("label", ["Ll.", "LL.", "ll.", "LISTY", "Listy"])
def test_a_label_is_read_in_any_case(label):
    ref = only_reference(f"APRF: F. 45, Op. 1, D. 330, {label} 10-11")
    assert ref.parts[-1].kind == "folio" and ref.parts[-1].label == label
    assert (ref.folio_from, ref.folio_to) == ("10", "11")


def test_an_archive_missing_from_the_table_is_still_read_without_a_key():
    ref = only_reference(UNSEEN[7])
    assert (ref.repository, ref.repository_key) == ("MNA", None)
    assert [p.kind for p in ref.parts] == ["fond", "opis", "delo"]


def test_a_fond_with_a_series_prefix_and_runs_without_commas():
    garf = only_reference(UNSEEN[9])
    assert [p.value for p in garf.parts] == ["R-5446", "1", "12", "3"]
    avprf = only_reference(UNSEEN[10])
    assert [(p.kind, p.value) for p in avprf.parts] == [
        ("fond", "07"),
        ("opis", "23a"),
        ("papka", "18"),
        ("delo", "235"),
        ("folio", "37-38ob."),
    ]


def test_a_collection_named_after_its_repository():
    ref = only_reference(UNSEEN[8])
    assert (ref.repository_key, ref.collection) == ("loc", "Volkogonov Papers")


def test_a_page_reference_later_in_the_citation_does_not_join_the_archival_reference():
    ref = only_reference("APRF, f. 3, op. 65, d. 830. Published in: Cold War History 3 (2003), p. 5, d. 7.")
    assert [p.value for p in ref.parts] == ["3", "65", "830"]


@pytest.mark.parametrize(
    "citation",
    [
        "",
        "Fond 3, Opis 65, Delo 830",  # no archive named: nothing to attach the numbers to
        '"Title", July 4, 1953, Wilson Center Digital Archive',
        "Cold War International History Project Bulletin, Issue 6/7, p. 5",
        "Translated for CWIHP by Vladislav Zubok",
    ],
)
def test_no_archive_no_reference(citation):
    assert parse_archival_references(citation) == []


def test_the_authority_table_gives_abbreviation_expansion_and_russian_name():
    authority = repository_authority()
    for key in ("aprf", "avprf", "rgaspi", "rgani", "garf", "tsamo", "loc", "cwihp"):
        assert key in authority, key
        assert authority[key].abbreviation and authority[key].expansion
    assert authority["aprf"] == ("APRF", "Archive of the President of the Russian Federation", "Архив Президента Российской Федерации")
    assert authority["rgaspi"].russian == "Российский государственный архив социально-политической истории"
    assert authority["loc"].russian is None


def test_every_authority_name_is_recognised_as_its_own_archive():
    for key, repo in repository_authority().items():
        for name in filter(None, (repo.expansion, repo.russian)):
            refs = parse_archival_references(f"{name}, f. 1, op. 2, d. 3")
            assert [r.repository_key for r in refs] == [key], name


def _all_citations():
    lines = [line for path in sorted(EXAMPLES.glob("*.txt")) for line in path.read_text(encoding="utf-8-sig").splitlines()]
    return [WCDA_000, WCDA_001, WCDA_003, WCDA_004, DOCUMENT_INFORMATION_002, SOURCE_LINE_001, *UNSEEN, *lines]


def test_nothing_is_invented_every_value_is_the_citation_text_at_its_span():
    checked = 0
    for citation in _all_citations():
        for ref in parse_archival_references(citation):
            checked += 1
            span = citation[ref.start : ref.end]
            assert ref.repository in span and ref.repository == ref.repository.strip()
            if ref.collection:
                assert ref.collection in span
            for part in ref.parts:
                assert citation[part.start : part.end].startswith(part.label)
                assert citation[part.start : part.end].endswith(part.value)
                assert ref.start <= part.start < part.end <= ref.end
            if ref.folio_text:
                folio = next(p for p in ref.parts if p.kind == "folio")
                assert ref.folio_text == citation[folio.start : folio.end]
                for bound in (ref.folio_from, ref.folio_to):
                    # a bound is the number as written; 'v' is added only for a written verso mark ('об.')
                    number = bound.removesuffix("v") if bound and re.search(r"(?:ob|об)\.", folio.value) else bound
                    assert bound is None or (number in folio.value and bound.isalnum())
    assert checked >= 15
