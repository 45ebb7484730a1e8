"""Dates in telegram text: what is read, what is inferred (and said so), what is refused."""
import datetime
from pathlib import Path

import pytest

from cablegram.ingest.dates import find_dates

RECORD_1953 = datetime.date(1953, 7, 4)
RECORD_1951 = datetime.date(1951, 7, 20)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "texts"


def only_date(text, record_date=None):
    found = find_dates(text, record_date=record_date)
    assert len(found) == 1, f"expected one date in {text!r}, found {found}"
    return found[0]


# (text, record date, written date expression, when, inferred)
FORMS = [
    # Russian month names
    ("4 июля 1953 г.", None, "4 июля 1953 г.", "1953-07-04", ()),
    ("от 3 июля получили", RECORD_1951, "3 июля", "1951-07-03", ("year-from-record",)),
    ('" 3 " июля 1951 г.', None, '" 3 " июля 1951 г.', "1951-07-03", ()),
    ("4 июля 1953 года", None, "4 июля 1953 года", "1953-07-04", ()),
    ("4 ИЮЛЯ 1953 Г.", None, "4 ИЮЛЯ 1953 Г.", "1953-07-04", ()),
    ("4 июля 1953 г. 21.20*", None, "4 июля 1953 г. 21.20", "1953-07-04T21:20:00", ()),
    # Roman and OCR-damaged months
    ("4. УП 1953 г.", None, "4. УП 1953 г.", "1953-07-04", ("roman-month-ocr",)),
    ("4.VII.1953", None, "4.VII.1953", "1953-07-04", ()),
    ("12. Х 1952 г.", None, "12. Х 1952 г.", "1952-10-12", ("roman-month-ocr",)),
    ("1. XI 1950 г.", None, "1. XI 1950 г.", "1950-11-01", ()),
    ("4.VII.53 г.", RECORD_1953, "4.VII.53 г.", "1953-07-04", ("century-from-record",)),
    ("Получена 19 час. 20 мин. 4. УП 1953 г.", None, "19 час. 20 мин. 4. УП 1953 г.", "1953-07-04T19:20:00", ("roman-month-ocr",)),
    ("Отправлена 21 час. 20 мин. 4. УП 1953 г.", None, "21 час. 20 мин. 4. УП 1953 г.", "1953-07-04T21:20:00", ("roman-month-ocr",)),
    ("19 час. 20 мин. 4 июля 1953 г.", None, "19 час. 20 мин. 4 июля 1953 г.", "1953-07-04T19:20:00", ()),
    ("19 часов 20 минут 4 июля 1953 г.", None, "19 часов 20 минут 4 июля 1953 г.", "1953-07-04T19:20:00", ()),
    ("4 июля 1953 г. в 19 час. 20 мин.", None, "4 июля 1953 г. в 19 час. 20 мин.", "1953-07-04T19:20:00", ()),
    ("Получена 4.VII.53 г. в 19 ч. 20 м.", RECORD_1953, "4.VII.53 г. в 19 ч. 20 м.", "1953-07-04T19:20:00", ("century-from-record",)),
    ("4. УП 1953 г. 21.20", None, "4. УП 1953 г. 21.20", "1953-07-04T21:20:00", ("roman-month-ocr",)),
    # numeric dates and cipher-office stamps
    ("20.7.51 г.", RECORD_1951, "20.7.51 г.", "1951-07-20", ("century-from-record",)),
    ("3.7.51", RECORD_1951, "3.7.51", "1951-07-03", ("century-from-record",)),
    ("04.07.1953", None, "04.07.1953", "1953-07-04", ()),
    ("отп. Чеснокова 23.10 3.7.51", RECORD_1951, "23.10 3.7.51", "1951-07-03T23:10:00", ("century-from-record",)),
    ("Получено 03.15.21.7", RECORD_1951, "03.15.21.7", "1951-07-21T03:15:00", ("year-from-record",)),
    ("05.45 21.7.", RECORD_1951, "05.45 21.7.", "1951-07-21T05:45:00", ("year-from-record",)),
    ("07.00 21.7.", RECORD_1951, "07.00 21.7.", "1951-07-21T07:00:00", ("year-from-record",)),
    # English
    ("July 29, 1953", None, "July 29, 1953", "1953-07-29", ()),
    ("[reporting a meeting of July 28]", RECORD_1953, "July 28", "1953-07-28", ("year-from-record",)),
    ("consult on 10 August.", RECORD_1953, "10 August", "1953-08-10", ("year-from-record",)),
    ("with Mao on 28 July 1953, during", None, "28 July 1953", "1953-07-28", ()),
    ("4 July 1953", None, "4 July 1953", "1953-07-04", ()),
    ("13 July", RECORD_1951, "13 July", "1951-07-13", ("year-from-record",)),
    ("Incoming Nº 545/2384/shs 13 July 1951]", None, "13 July 1951", "1951-07-13", ()),
    ("from [BEIJING] received 1500 13 July 1951", None, "1500 13 July 1951", "1951-07-13T15:00:00", ()),
    ("Deciphered by Sudev 1615 13 July", RECORD_1951, "1615 13 July", "1951-07-13T16:15:00", ("year-from-record",)),
    ("Received; 19:20 on 4 July 1953", None, "19:20 on 4 July 1953", "1953-07-04T19:20:00", ()),
    ("Sent: 21:20 on 4 July 1953.", None, "21:20 on 4 July 1953", "1953-07-04T21:20:00", ()),
    ("the 4th of July 1953", None, "4th of July 1953", "1953-07-04", ()),
    ("Aug. 10, 1953", None, "Aug. 10, 1953", "1953-08-10", ()),
    # times in English forms (issue 10): a.m./p.m. read as 24-hour, US month/day/year, time before a numeric date
    ("Received: 12/3/53 4:15 p.m.", RECORD_1953, "12/3/53 4:15 p.m.", "1953-12-03T16:15:00", ("century-from-record",)),
    ("Sent by wire on 10/14/50 at 03:15 a.m.", RECORD_1951, "10/14/50 at 03:15 a.m.", "1950-10-14T03:15:00", ("century-from-record",)),
    ("Typed on 10/14/50 at 13:30 p.m.", RECORD_1951, "10/14/50 at 13:30 p.m.", "1950-10-14T13:30:00", ("century-from-record",)),
    ("NO: 611, December 3, 2 p.m.", RECORD_1953, "December 3, 2 p.m.", "1953-12-03T14:00:00", ("year-from-record",)),
    ("Foreign Ministry, 17 June 1955, 9:00 p.m.", None, "17 June 1955, 9:00 p.m.", "1955-06-17T21:00:00", ()),
    ("Received on 4:10 am, 14 May 1950", None, "4:10 am, 14 May 1950", "1950-05-14T04:10:00", ()),
    ("Mao Zedong 12:00 p.m., 7 January", RECORD_1953, "12:00 p.m., 7 January", "1953-01-07T12:00:00", ("year-from-record",)),
    ("at 12:30 a.m. on 5 July", RECORD_1953, "12:30 a.m. on 5 July", "1953-07-05T00:30:00", ("year-from-record",)),
    ("At 21:00 Beijing time on 13.6.51 I", RECORD_1951, "21:00 Beijing time on 13.6.51", "1951-06-13T21:00:00", ("century-from-record",)),
    ("В 21.00 по пекинскому времени 13.6.51 получил", RECORD_1951, "21.00 по пекинскому времени 13.6.51", "1951-06-13T21:00:00", ("century-from-record",)),
    ("13.6.51 at 22:00 Beijing time I", RECORD_1951, "13.6.51 at 22:00 Beijing time", "1951-06-13T22:00:00", ("century-from-record",)),
    ("Received 19:55 13.VI.1951", None, "19:55 13.VI.1951", "1951-06-13T19:55:00", ()),
    # month and year only
    ("in July 1953 the talks", None, "July 1953", "1953-07", ()),
    ("в июле 1953 г. переговоры", None, "июле 1953 г.", "1953-07", ()),
]


@pytest.mark.parametrize("text, record_date, written, when, inferred", FORMS, ids=[f[0] for f in FORMS])
def test_each_written_form_is_read_with_its_exact_span(text, record_date, written, when, inferred):
    date = only_date(text, record_date)
    assert text[date.start : date.end] == written
    assert date.when == when
    assert date.inferred == inferred
    assert date.has_time == ("T" in when)


@pytest.mark.parametrize(
    "text",
    ["3 июля", "July 28", "10 August", "20.7.51 г.", "03.15.21.7", "05.45 21.7.", "1615 13 July", "4.VII.53"],
)
def test_without_a_record_date_a_date_lacking_year_or_century_is_not_read(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "1211-1220",
        "№ 1041-1043",
        "12 120 700-12",
        "38 параллели",
        "6-8 месяцев",
        "195-1",
        "No. 340/III",
        "Listy 187-189",
        "пункты 3.4. и 5.6.",  # point numbers, not dates without a year
        "1.2.3.4",
        "version 10.15.3.7.1",
        "May I ask",
        "в 1953 году",
        "3-4 июля",  # a range of days: neither end is read alone
        "4. У 12",  # a Roman month needs a year
        "795.00/12-353",  # a US decimal file number, no date
        "pages 3/4/5",  # a one-digit year is no year
        "the 2 amendments",  # 'am' inside a word is no a.m.
        "at 5 o'clock",  # an hour alone is a time only with a.m./p.m. (and a date)
    ],
)
def test_numbers_that_are_not_dates_are_not_read(text):
    assert find_dates(text, record_date=RECORD_1953) == []


@pytest.mark.parametrize(
    "text",
    [
        "32.13.51",  # no day 32, no month 13
        "31.6.1953",  # June has 30 days
        "29 февраля 1951 г.",  # not a leap year
        "4. XIV 1953 г.",  # no fourteenth month
        "31 June 1953",
    ],
)
def test_impossible_dates_are_refused_rather_than_repaired(text):
    assert find_dates(text, record_date=RECORD_1953) == []


def test_an_impossible_time_is_not_attached_to_its_date():
    # 25.10 is no time of day: the date stands alone, without an invented time
    date = only_date("25.10 3.7.51", RECORD_1951)
    assert (date.when, date.has_time) == ("1951-07-03", False)


def test_a_numeral_of_digits_only_is_no_damaged_roman_month():
    date = only_date("20.11.1953")
    assert date.when == "1953-11-20"
    assert date.inferred == ()


def test_the_year_is_taken_from_the_record_date_only_when_missing():
    assert only_date("3 июля 1951 г.", RECORD_1953).when == "1951-07-03"
    assert only_date("3 июля", RECORD_1953).when == "1953-07-03"


def test_several_dates_in_one_line_come_out_in_order_without_overlap():
    text = "Получена 19 час. 20 мин. 4. УП 1953 г. Отправлена 21 час. 20 мин. 4. УП 1953 г."
    found = find_dates(text)
    assert [d.when for d in found] == ["1953-07-04T19:20:00", "1953-07-04T21:20:00"]
    assert found[0].end <= found[1].start


def test_spans_end_before_the_following_word():
    text = "telegram of 3 July. With regard"
    date = only_date(text, RECORD_1951)
    assert text[date.start : date.end] == "3 July"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_in_every_example_each_date_is_a_valid_iso_value_over_its_written_span(path):
    text = path.read_text(encoding="utf-8-sig")
    found = find_dates(text, record_date=RECORD_1951)
    assert found, f"{path.name} has dates"
    for date in found:
        written = text[date.start : date.end]
        assert written == written.strip() and any(c.isdigit() for c in written)
        iso = date.when
        if len(iso) == 7:
            datetime.date.fromisoformat(iso + "-01")
        elif date.has_time:
            datetime.datetime.fromisoformat(iso)
        else:
            datetime.date.fromisoformat(iso)


def _table_examples():
    from cablegram.ingest.rules import table

    return [(fmt["name"], example) for fmt in table("dates")["format"] for example in fmt["examples"]]


@pytest.mark.parametrize("name, example", _table_examples(), ids=lambda v: str(v))
def test_every_example_listed_in_the_format_table_is_read_whole(name, example):
    date = only_date(example, RECORD_1953)
    assert (date.start, date.end) == (0, len(example)), name


def test_a_year_less_date_takes_the_year_nearest_the_record_date():
    from cablegram.ingest.dates import find_dates

    (december,) = find_dates("your telegram of December 29", record_date=datetime.date(1952, 1, 3))
    assert december.when == "1951-12-29" and "year-from-record" in december.inferred
    (january,) = find_dates("the meeting on January 5", record_date=datetime.date(1951, 12, 28))
    assert january.when == "1952-01-05"
    (july,) = find_dates("on July 20", record_date=datetime.date(1951, 7, 3))
    assert july.when == "1951-07-20"


# The cheap tests that skip a format must only skip what the format could never match.
@pytest.mark.parametrize("template, mandatory", [
    ("{a}", True), ("(?P<m>{a}),?", True), ("(?:x{a}){1,2}", True), ("[(]{a}", True), ("\\({a}", True),
    ("(?:\\s+{a})?", False), ("x|{a}", False), ("({a}|b)", False), ("(?:x{a}){0,2}", False), ("(?:{a})*", False),
])
def test_a_piece_is_mandatory_only_when_no_branch_or_optional_group_can_skip_it(template, mandatory):
    from cablegram.ingest.dates import _mandatory

    assert _mandatory(template, template.index("{a}")) is mandatory


def test_the_skip_tests_of_the_formats_are_the_expected_ones():
    from cablegram.ingest.dates import _formats

    needs = {f.name: f.needs for f in _formats()}
    assert needs["ru-month-year"] == ("non-ascii",)
    assert needs["ru-hours-day-month"] == ("ch", "non-ascii")
    assert needs["en-month-day"] == ("en_month",)
    assert needs["numeric"] == ()


@pytest.mark.parametrize("text, when", [
    ("19 ЧАС. 20 МИН. 4 ИЮЛЯ 1953 Г.", "1953-07-04T19:20:00"),  # capital Ч passes the 'ч' test
    ("MAY 5, 1953", "1953-05-05"),
    ("on 5 JULY 1953", "1953-07-05"),
])
def test_skipping_keeps_upper_case_forms(text, when):
    assert [d.when for d in find_dates(text)] == [when]
