"""Alignment when one version ends early on the page (the excerpt or export stops mid-version).

Written in our own words; no third-party text.
"""
import datetime as dt

from cablegram.analysis.align import align
from cablegram.analysis.form import Item, Unit
from cablegram.model import Line


def _units(prefix: str, texts: list[str]) -> list[Unit]:
    return [
        Unit(parts=[Item("prose", [Line(k, text)])], xml_id=f"{prefix}-u{k}")
        for k, text in enumerate(texts, 1)
    ]


RU = [
    "По прибытии делегации в столицу мы провели переговоры с руководством министерства о поставках "
    "оборудования для трёх заводов, о сроках монтажа и о подготовке местных инженеров; стороны "
    "согласились обменяться списками специалистов до конца месяца и вернуться к вопросу о ценах "
    "после консультаций с правительствами.",
    "Прошу Вас рассмотреть возможность направить ещё четырёх специалистов по связи в ближайшее время.",
    "Прошу сообщить Ваше мнение.",
]
#: the translation of the first paragraph only, cut off in mid-sentence
EN_CUT = ["After the delegation arrived in the capital we held talks with the leadership of the ministry on the supply"]
EN_FULL = [
    "After the delegation arrived in the capital we held talks with the leadership of the ministry on the "
    "supply of equipment for three plants, on the installation schedule and on training local engineers; "
    "the sides agreed to exchange lists of specialists by the end of the month and to return to prices "
    "after consulting their governments.",
    "I ask you to consider sending four more communications specialists soon.",
    "Please let me know your opinion.",
]


def _links(orig, trans):
    links, per_unit = align([("original", orig), ("translation", trans)], dt.date(1952, 6, 24))
    return {(l.original, l.translation) for l in links}, per_unit


def test_a_translation_cut_short_links_only_what_is_on_the_page():
    links, _ = _links(_units("ru", RU), _units("en", EN_CUT))
    assert links == {("ru-u1", "en-u1")}


def test_an_original_cut_short_leaves_the_rest_of_the_translation_unlinked():
    links, _ = _links(_units("ru", [RU[0][:120]]), _units("en", EN_FULL))
    assert links == {("ru-u1", "en-u1")}


def test_complete_versions_still_align_one_to_one():
    links, _ = _links(_units("ru", RU), _units("en", EN_FULL))
    assert links == {("ru-u1", "en-u1"), ("ru-u2", "en-u2"), ("ru-u3", "en-u3")}
