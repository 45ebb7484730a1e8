"""Alignment failure classes found on real bilingual documents (issue 10), as synthetic fixtures.

Each test names a class of failure, not a document: the texts are written in our own words.
"""
import datetime as dt

import pytest

from cablegram.analysis.align import align, point_key
from cablegram.analysis.form import Item, Unit
from cablegram.model import Line

DAY = dt.date(1951, 3, 14)


def _units(prefix: str, texts: list[str | tuple[str, str]]) -> list[Unit]:
    """Units from texts; a (number, text) pair is a numbered point."""
    out = []
    for k, entry in enumerate(texts, 1):
        n, text = entry if isinstance(entry, tuple) else (None, entry)
        out.append(Unit(parts=[Item("prose", [Line(k, text)])], n=n, xml_id=f"{prefix}-u{k}"))
    return out


def _links(orig, trans, complete=None, title=None) -> set[tuple[str, str]]:
    links, _ = align([("original", orig), ("translation", trans)], DAY, complete, title)
    return {(l.original, l.translation) for l in links}


@pytest.mark.parametrize("a, b", [("一", "1"), ("（三）", "3"), ("十二", "12"), ("IV", "4"), ("а", "a"),
                                  ("в", "c"), ("２", "2"), ("(ii)", "2"), ("iv", "IV")])
def test_point_numbers_are_the_same_in_every_numeral_system(a, b):
    assert point_key(a) == point_key(b)


def test_a_sub_point_letter_is_not_a_point_number():
    assert point_key("a") != point_key("1")
    assert point_key("i") == ("l", 9)  # one letter alone: the sub-point 'i)', not the numeral
    assert point_key("Telegram") is None


ZH_POINTS = [
    ("一", "请你们立即查明边境铁路桥的修复进度,并于三日内电告。"),
    ("二", "所需枕木和钢轨由东北方面先行调拨,账目以后再行结算。"),
]
EN_POINTS = [
    ("1", "Please find out at once how far the repair of the border railway bridge has progressed and report "
          "by telegram within three days."),
    ("2", "The sleepers and rails needed are to be supplied first by the Northeast; the accounts will be settled later."),
]


def test_chinese_numerals_pair_with_arabic_ones():
    assert _links(_units("zh", ZH_POINTS), _units("en", EN_POINTS)) == {("zh-u1", "en-u1"), ("zh-u2", "en-u2")}


def test_points_numbered_in_one_version_and_bulleted_in_the_other_still_align():
    bullets = [text for _, text in EN_POINTS]
    zh = [("一", ZH_POINTS[0][1]), ("二", ZH_POINTS[1][1]), ("三", "其余事项待面谈时再定。")]
    en = ["- " + bullets[0], "- " + bullets[1], "- The other matters will be settled when we meet."]
    assert _links(_units("zh", zh), _units("en", en), complete=[True, True]) == {
        ("zh-u1", "en-u1"), ("zh-u2", "en-u2"), ("zh-u3", "en-u3")}


RU_FORWARD = [
    "Передаю Вам полученную сегодня телеграмму председателя правительства с просьбой дать ответ.",
    ("1", "Просим ускорить отправку двух эшелонов с зерном, задержанных на границе из-за нехватки вагонов."),
    ("2", "Просим разрешить нашим специалистам осмотреть склады в порту до начала навигации."),
    "Текст пересылаемой телеграммы командующего округом следует ниже.",
    ("1", "Вагоны для первого эшелона будут поданы не позднее двадцатого числа."),
    ("2", "Осмотр складов возможен после согласования с портовым управлением."),
]
EN_FORWARD = [
    "I am forwarding the telegram received today from the chairman of the government, who asks for a reply.",
    ("1", "We ask you to speed up the dispatch of two trains of grain held at the border for lack of wagons."),
    ("2", "We ask permission for our specialists to inspect the port warehouses before navigation opens."),
    "The text of the forwarded telegram of the district commander follows.",
    ("1", "Wagons for the first train will be provided no later than the twentieth."),
    ("2", "Inspection of the warehouses is possible after agreement with the port administration."),
]


def test_a_point_number_repeated_in_a_forwarded_text_pairs_occurrence_with_occurrence():
    links = _links(_units("ru", RU_FORWARD), _units("en", EN_FORWARD))
    assert links == {(f"ru-u{k}", f"en-u{k}") for k in range(1, 7)}


def test_a_forwarded_text_missing_its_first_point_in_one_version_does_not_shift_the_rest():
    # the translation lost the forwarded text's point 1 (taken for an endorsement, say)
    en = EN_FORWARD[:4] + EN_FORWARD[5:]
    links = _links(_units("ru", RU_FORWARD), _units("en", en))
    assert ("ru-u6", "en-u5") in links and ("ru-u5", "en-u5") not in links and ("ru-u2", "en-u2") in links


RU_PLAIN = [
    "Ваше письмо от десятого марта получил и внимательно прочитал вместе с приложенными расчётами.",
    "С предложением о строительстве второй линии электропередачи согласны, но сроки придётся сдвинуть на осень.",
    "Прошу прислать уточнённую смету к концу месяца.",
]
EN_PLAIN = [
    "I have received your letter of the tenth of March and read it carefully together with the calculations attached.",
    "We agree with the proposal to build a second power line, but the dates will have to be moved to the autumn.",
    "Please send the revised estimate by the end of the month.",
]


def test_a_closing_formula_left_in_one_version_stays_unlinked():
    en = EN_PLAIN + ["With comradely greetings,"]
    assert _links(_units("ru", RU_PLAIN), _units("en", en)) == {(f"ru-u{k}", f"en-u{k}") for k in (1, 2, 3)}


def test_an_address_line_left_in_one_version_stays_unlinked():
    en = ["To the chairman of the planning committee; copy to the minister:"] + EN_PLAIN
    assert _links(_units("ru", RU_PLAIN), _units("en", en)) == {(f"ru-u{k}", f"en-u{k + 1}") for k in (1, 2, 3)}


def test_the_record_title_repeated_as_a_heading_stands_alone():
    en = ["Reply on the Second Power Line and the Revised Estimate"] + EN_PLAIN
    links = _links(_units("ru", RU_PLAIN), _units("en", en), title="Letter, Reply on the Second Power Line and the Revised Estimate")
    assert links == {(f"ru-u{k}", f"en-u{k + 1}") for k in (1, 2, 3)}


def test_a_unit_lost_from_one_version_in_the_middle_does_not_shift_the_others():
    en = [EN_PLAIN[0], EN_PLAIN[2]]
    assert _links(_units("ru", RU_PLAIN), _units("en", en), complete=[True, True]) == {("ru-u1", "en-u1"), ("ru-u3", "en-u2")}


def test_paragraphs_the_translator_merged_still_join_one_link():
    en = [EN_PLAIN[0] + " " + EN_PLAIN[1], EN_PLAIN[2]]
    assert _links(_units("ru", RU_PLAIN), _units("en", en)) == {("ru-u1", "en-u1"), ("ru-u2", "en-u1"), ("ru-u3", "en-u2")}


def test_a_terse_original_with_a_wordy_translation_is_not_taken_for_one_cut_short():
    # Chinese cables are short; the English adds bracketed words: five times the length, both complete
    zh = ["十月三日电悉。", "请密切注意敌军北进及我军后撤的情况。", "收集该师作战经验,及时电告。", "朴已返回,一切已面谈。"]
    en = ["The telegram of [October] 3 was received.",
          "Please pay close attention to the situation of the enemy's [army] advancing north and our [army] "
          "withdrawing [to the north], and of [our] activities behind enemy lines.",
          "Collect the combat experience of that division and report [it] by telegram in good time, "
          "[including] the situation of [its] attack and occupation.",
          "Pak has returned [to Korea]; [we] have talked everything over with him face to face."]
    assert _links(_units("zh", zh), _units("en", en), complete=[True, True]) == {(f"zh-u{k}", f"en-u{k}") for k in (1, 2, 3, 4)}


def test_editorial_notes_left_in_one_version_stay_unlinked():
    # the editors' notes of the Chinese edition were read as a paragraph: long, sharing the note number
    zh = ["请即查明此事[2],并予处理。",
          "[1] 张三,当时任东北军区参谋长。 [2] 指张三一九五二年二月十八日给军委的报告中所述的铁路桥被炸一事。"
          "报告说,已派工兵前往现场抢修,预计十日内可以通车,所需钢材由鞍山调拨,请军委批准。"]
    en = ["Have this matter looked into at once and take care of it.[2]"]
    assert _links(_units("zh", zh), _units("en", en), complete=[False, True]) == {("zh-u1", "en-u1")}


# One long original paragraph that the translator cut into four (the agenda of a visit), then a second one.
ZH_VISIT = [
    "今日上午外交部司长奉部长之命来问我代表团的日程,我答以先拜会部长,简述我们要谈的问题,然后请他指定几位同志"
    "与我们商谈具体问题。如可能,当天先谈边境贸易和铁路运输,另定一天专谈今后三年的技术合作。会谈期间,代表团拟参观"
    "两个工厂和一所农业学校。会后,代表团拟访问港口城市。最后,并请见对方计划委员会几位同志一谈编制计划的方法问题。",
    "下午四时,我偕大使往访部长,他说我所提的日程甚合理,即可决定,并发公报。关于贸易问题,他说明年的数量还可增加,"
    "但运输能力是个难题,两国铁路部门应尽早会商。",
]
EN_VISIT = [
    "This morning the head of a department of the Foreign Ministry came on the minister's instructions to ask about "
    "the schedule of our delegation. I answered that we would first call on the minister, describe briefly the "
    "questions we wish to discuss, and then ask him to name several comrades to discuss the concrete questions with us.",
    "If possible, on that day we would first discuss border trade and railway transport, and set another day aside "
    "for technical cooperation over the next three years.",
    "During the talks the delegation plans to visit two factories and an agricultural school. After the talks the "
    "delegation plans to visit the port city.",
    "Finally, we would like to meet several comrades of their planning committee to discuss the methods of drawing up plans.",
]
EN_AFTERNOON = ("At 4 p.m. I went with the ambassador to call on the minister. He said that the schedule I had "
                "proposed was very reasonable, could be decided at once, and a communique issued. On trade, he said")


def test_a_paragraph_the_translator_cut_into_several_joins_one_link():
    en = EN_VISIT + [EN_AFTERNOON + " that next year's quantities could still grow, but transport capacity is a "
                     "problem that the two railway administrations should discuss as early as possible."]
    links = _links(_units("zh", ZH_VISIT), _units("en", en), complete=[True, True])
    assert links == {("zh-u1", f"en-u{k}") for k in (1, 2, 3, 4)} | {("zh-u2", "en-u5")}


def test_a_translation_the_page_cuts_in_mid_sentence_keeps_the_split_paragraphs_together():
    # the excerpt of the translation ends inside its last paragraph: that paragraph is only a beginning,
    # so its length says nothing against pairing it with the whole last original paragraph
    en = EN_VISIT + [EN_AFTERNOON]
    links = _links(_units("zh", ZH_VISIT), _units("en", en), complete=[True, False])
    assert links == {("zh-u1", f"en-u{k}") for k in (1, 2, 3, 4)} | {("zh-u2", "en-u5")}


# One long first paragraph of a report, as (Chinese sentence, its English) pairs; the translator puts the
# pairs into five paragraphs (the numbers say which), the page cuts the translation inside the fifth.
MEETING = [
    ("昨天双方代表团第一次会谈,对方有大使列席,会商一小时半,谈了三个问题。",
     "The two delegations met for the first time yesterday, with their ambassador present; we talked for an "
     "hour and a half and discussed three questions.", 1),
    ("关于港口的换文,对方原则同意我方所准备的草案,研究后再给我们正式答复。",
     "On the exchange of letters about the port, their side agreed in principle to the draft we had prepared "
     "and will give us a formal answer after studying it.", 2),
    ("关于新铁路的修筑,对方认为由三国出面签订协定较好,施工则委托两国铁道部门分别在各自境内进行。",
     "On building the new railway, they think it would be better for the three countries to sign an agreement, "
     "with the construction entrusted to the railway administrations of the two countries, each on its own "
     "territory.", 3),
    ("轨距问题经我提出后,对方并无此设想,如我方货车直开到对方边境城市,看对方亦有困难。",
     "When I raised the question of the gauge, their side had not thought of it; if our freight cars were to "
     "run straight through to their border city, they too would have difficulties.", 3),
    ("将来是否全改轨距,关系太大,现在很难确定,故代表团均主张慎重。",
     "Whether to change the whole gauge in future touches too many other questions to be settled now, so both "
     "delegations favour caution.", 4),
    ("对方要我方将意见写给他们,我们仍根据原定草稿改写成意见,并将改轨一事只作附注写上,说明困难所在。",
     "They asked us to give them our views in writing; we will rewrite the original draft as our views and put "
     "the change of gauge only into a note that explains the difficulties.", 4),
    ("关于棉花技术合作,商定此项文件毋须发表,内容经我们说明后,他们要我们将草案给他们研究。",
     "On technical cooperation in cotton, it was agreed that the document need not be published; after our "
     "explanation they asked us to give them the draft to study.", 5),
    ("在商谈中,他们问及棉花种植计划、需要的器材及将来的产量和年限,并提到国际市场价格常有起落。",
     "During the talks they asked about our cotton planting plan, the equipment needed and the", 5),
]


def test_original_paragraphs_after_the_point_where_the_page_cuts_the_translation_stay_unlinked():
    # the page cuts the translation inside its rendering of the first original paragraph: the original's
    # later paragraphs have no counterpart on the page and must not be glued onto the cut unit
    zh = ["".join(z for z, _, _ in MEETING),
          "关于五年计划、国防和贷款等问题,拟候向对方首长报告国内情况后再行会商,他们同意。",
          "今日下午拜会主席,后天全团参观博物馆。"]
    en = [" ".join(e for _, e, k in MEETING if k == n) for n in (1, 2, 3, 4, 5)]
    links = _links(_units("zh", zh), _units("en", en), complete=[True, False])
    assert links == {("zh-u1", f"en-u{k}") for k in (1, 2, 3, 4, 5)}


# A telegram of thanks whose two versions are both excerpts: the original's page gives its address and
# three paragraphs (and ends there, on a full stop), the translation's page renders them in two paragraphs
# (the translator joined the last two) and goes on with a fourth, cut in mid-sentence.
THANKS_ZH = [
    "苏维埃社会主义共和国联盟部长会议主席团秘书长同志:",
    "中国人民和中国政府以十分感激的心情收到了苏联人民送来的农业机器和良种,这对我国东北和华北今年的春耕生产有很大的帮助。"
    "我谨代表中国人民、中国政府并以我个人的名义,向您和苏联人民、苏联政府表示衷心的感谢。",
    "两国农业专家在田间并肩工作,结下了深厚的友谊,他们的合作必将继续发展下去。",
    "东北和全国的中国农民将永远怀着感激的心情记住这份珍贵的礼物。",
]
THANKS_EN = [
    "It was with deep gratitude that the Chinese people and the Chinese government received the farm "
    "machinery and the seed grain sent by the Soviet people, which have been of great help to this year's "
    "spring ploughing in our Northeast. On behalf of the Chinese government I convey to you and to the "
    "Soviet government our heartfelt thanks.",
    "The agricultural experts of our two countries, working side by side in the fields and at the machine "
    "stations, formed a deep and lasting friendship in the course of this work, and their cooperation will "
    "certainly go on growing from year to year. The Chinese peasants of the Northeast and of the whole "
    "country will always remember this precious gift with gratitude.",
    "Comrade Secretary, the fraternal help of the Soviet Union to the Chinese people is a model for the "
    "relations between the peoples of the whole peace camp, and the Chinese government is firmly resolved "
    "to answer it by strengthening the friendship and the cooperation between the",
]


def test_an_address_opening_one_version_stays_out_of_the_length_ratio():
    # the original's address line is a unit of its own (the translation has none): counted as text it
    # makes the original look longer than it is, hides that its page ends before the translation's
    # last paragraph, and shifts every link by one
    links = _links(_units("zh", THANKS_ZH), _units("en", THANKS_EN))
    assert links == {("zh-u2", "en-u1"), ("zh-u3", "en-u2"), ("zh-u4", "en-u2")}
