"""The original language and the version roles from evidence (ingest/origin.py, data/origins.toml), and
the language of each version by lingua-language-detector (ingest/languages.py)."""
from __future__ import annotations

import re

import pytest

from cablegram.ingest.languages import detect_language
from cablegram.ingest.origin import original_language
from cablegram.ingest.rules import table
from cablegram.model import Record

CUES = table("origins")["cue"]


@pytest.mark.parametrize("cue", CUES, ids=lambda c: f"{c['language']}-{c['where']}-{c['pattern'][:20]}")
def test_every_cue_matches_its_examples(cue):
    assert cue["examples"], "every cue has examples"
    for example in cue["examples"]:
        assert re.search(cue["pattern"], example), example


def test_a_stated_language_wins_over_every_cue():
    record = Record(title="Ciphered Telegram, Filippov to Mao", citation="APRF, f. 45", original_language_code="zh")
    origin = original_language(record, ["en"], "")
    assert (origin.code, origin.inferred) == ("zh", False)


def test_a_version_in_another_language_is_the_original_language():
    origin = original_language(Record(title="A note"), ["zh", "en"], "")
    assert (origin.code, origin.inferred) == ("zh", False)


def test_the_archive_and_the_title_infer_the_language_and_say_so():
    origin = original_language(Record(title="Report, Embassy of Hungary in Pyongyang", citation="MOL, XIX-J-1-j"), ["en"], "")
    assert (origin.code, origin.inferred, origin.translation_sign) == ("hu", True, True)
    assert "citation" in origin.evidence and "title" in origin.evidence


def test_disagreeing_cues_leave_the_language_absent():
    # a Russian archive holding a Chinese commander's telegram: no guess
    record = Record(title="Telegram to Mao Zedong from Nie Rongzhen", citation="APRF, fond 45, opis 1")
    assert original_language(record, ["en"], "").code is None


def test_no_cue_no_fact_but_a_translator_still_makes_a_translation():
    record = Record(title="A letter", citation="Some library", translator="Jane Roe")
    origin = original_language(record, ["en"], "The text.")
    assert origin.code is None and origin.translation_sign


@pytest.mark.parametrize("text, code", [
    ("Товарищу Мао Цзэдуну. Вашу телеграмму получили, согласны с вашими предложениями.", "ru"),
    ("毛泽东同志：你的电报收到了，同意你的意见。", "zh"),
    ("김일성 동지에게 보내는 전보입니다.", "ko"),
    ("Wir haben Ihr Telegramm erhalten und stimmen Ihren Vorschlägen über die Grenze zu.", "de"),
    ("Megkaptuk a táviratot, és egyetértünk a javaslataikkal a határ ügyében.", "hu"),
    ("Otrzymaliśmy telegram i zgadzamy się z propozycjami w sprawie granicy.", "pl"),
    ("Am primit telegrama și suntem de acord cu propunerile privind frontiera.", "ro"),
    ("We met Kádas István and Sándor today at the ministry and discussed the railway question.", "en"),
])
def test_version_languages_are_told_apart(text, code):
    assert detect_language(text) == code


# --- the title's author part (issue 10): a name weighs only where it names the author ---------------------
from cablegram.ingest.origin import title_sender  # noqa: E402


@pytest.mark.parametrize("title, author, not_author", [
    ("Cable, Stalin to Mao Zedong, Peace Proposal", "Stalin", "Mao Zedong"),
    ("Telegram to Mao Zedong from Nie Rongzhen concerning the Return of Soldiers", "Nie Rongzhen", "Mao Zedong"),
    ("Ciphered Telegram No. 1, Roshchin to Filippov, containing a Message from Mao Zedong", "Roshchin", "Mao Zedong"),
    ("Record of Conversation of Ambassador Yudin with Liu Shaoqi", "Yudin", "Liu Shaoqi"),
    ("Cable from Mao Zedong to Zhou Enlai, 'Comments on a Report by Gao Gang'", "Mao Zedong", "Gao Gang"),
])
def test_the_author_part_of_a_title_leaves_out_addressees_subjects_and_embedded_messages(title, author, not_author):
    part = title_sender(title)
    assert author in part and not_author not in part


@pytest.mark.parametrize("title, code", [
    ("Cable, Stalin to Mao Zedong", "ru"),
    ("Ciphered Telegram No. 20, Roshchin to Filippov [Stalin], containing a Message from Mao Zedong", "ru"),
    ("Telegram from Zhou Enlai to Ni Zhiliang", "zh"),
    ("Report from Kovács István, 'Information from the Korean Foreign Ministry'", "hu"),
])
def test_the_author_named_by_the_title_infers_the_language(title, code):
    origin = original_language(Record(title=title), ["en"], "")
    assert (origin.code, origin.inferred) == (code, True)


def test_an_addressee_alone_is_no_evidence():
    assert original_language(Record(title="Letter to Zhou Enlai"), ["en"], "").code is None


def test_a_citation_saying_what_was_translated_from_is_enough():
    record = Record(title="A cable", citation="Some collection. Translated for CWIHP from Russian by J. Roe.")
    assert original_language(record, ["en"], "").code == "ru"


# --- signs of a translator's hand (origins.toml [[sign]]) ------------------------------------------------
SIGNS = table("origins")["sign"]


@pytest.mark.parametrize("sign", SIGNS, ids=lambda s: s["pattern"][:30])
def test_every_translation_sign_matches_its_examples(sign):
    assert sign["examples"] and sign["weight"] in (1, 2)
    for example in sign["examples"]:
        assert re.search(sign["pattern"], example), example


@pytest.mark.parametrize("text", [
    "Copy Nº 2. The minister asked whether the agreement could be signed.",  # the numero sign
    "Spets. NºNº 410 411. The minister asked.",  # a Soviet cipher office's special numbers
    "He gave instructions [to] the ambassador; the delay [?] was not explained.",  # two weak signs together
])
def test_a_cipher_apparatus_or_two_weak_signs_make_a_translation(text):
    assert original_language(Record(title="A cable"), ["en"], text).translation_sign


@pytest.mark.parametrize("text", [
    "The delay [?] was not explained.",  # one weak sign: an English editor writes it too
    "The agreement [sic] was signed. No. 5 was sent to the file.",
])
def test_a_single_weak_sign_is_not_enough(text):
    assert not original_language(Record(title="A cable"), ["en"], text).translation_sign


# --- the institutions the text speaks for, and the interlocutor who is not its author --------------------
def test_the_institutions_a_letter_speaks_for_infer_its_language():
    text = ("I was told that further credits for the GDR depend on the SED agreeing to talks. "
            "With socialist greetings, Anna Roe")
    origin = original_language(Record(title="Letter from Anna Roe to Karl Doe"), ["en"], text)
    assert (origin.code, origin.inferred) == ("de", True)


def test_an_institution_only_mentioned_is_not_enough():
    origin = original_language(Record(title="A cable"), ["en"], "The delegation of the GDR arrived on Monday.")
    assert origin.code is None


def test_the_interlocutor_of_a_conversation_gives_no_language():
    record = Record(title="Record of a Conversation between Ivan Petrov and Counsellor of the Chinese Embassy Wang Li")
    origin = original_language(record, ["en"], "Wang Li said that the embassy agreed.")
    assert origin.code != "zh"


def test_the_recorder_of_a_conversation_weighs_as_its_author():
    record = Record(title="Record of a Conversation between Soviet Ambassador Ivan Petrov and Deputy Premier Jan Kowal")
    origin = original_language(record, ["en"], "I received Kowal. Kowal said that the herds had wintered well.")
    assert (origin.code, origin.inferred) == ("ru", True)


def test_a_surname_shape_needs_a_second_cue():
    # 'Belov' looks Russian, but a shape alone is no fact; with a Soviet term in the text it is enough
    assert original_language(Record(title="Telegram Belov to Zorin"), ["en"], "The talks began.").code is None
    origin = original_language(Record(title="Telegram Belov to Zorin"), ["en"], "I informed the CC CPSU.")
    assert (origin.code, origin.inferred) == ("ru", True)


# --- cues the held-out-2 pages showed missing (issue 10): lower case, both orders, Korean documents -------
@pytest.mark.parametrize("title, text, code", [
    # a transliterated surname with a soft sign, and the Central Committee written 'CPSU CC'
    ("From the Journal of S.I. Ivan'kov", "I informed him of the decision of the CPSU CC.", "ru"),
    # the office in lower case
    ("Telegram from Anna Petrova", "As the Soviet ambassador I said that the talks would go on.", "ru"),
    # a Chinese leader named by office and surname
    ("Premier Zhou's Remarks to the Delegation", "", "zh"),
    # South Korean documents: the country in the author's part, or the ministry's telegram form
    ("Telegram from the South Korean Embassy in Japan to the Minister of Foreign Affairs", "", "ko"),
    ("Telegram from the Minister of Foreign Affairs to the Ambassador in Italy",
     "Ministry of Foreign Affairs\nSending Telegram\nThe ROK government will not attend.", "ko"),
    # the author's country in the author's part of the title
    ("Telegram from the Bulgarian Ambassador to Cuba Regarding the Harvest", "", "bg"),
    ("Letter from the Mongolian Foreign Ministry to the Soviet Embassy", "", "mn"),
    ("Report from the Albanian Embassy in Beijing", "", "sq"),
])
def test_cues_of_an_author_without_an_archive_infer_the_language_marked_inferred(title, text, code):
    origin = original_language(Record(title=title), ["en"], text)
    assert (origin.code, origin.inferred, origin.translation_sign) == (code, True, True)


@pytest.mark.parametrize("title, code", [
    ("Telegram from the Romanian Embassy in the DPRK to Bucharest", "ro"),
    ("Report from the Hungarian Embassy in the Republic of Korea", "hu"),
])
def test_where_an_embassy_sits_is_not_its_country(title, code):
    assert original_language(Record(title=title), ["en"], "").code == code


def test_a_korean_name_only_mentioned_in_the_title_is_no_evidence():
    # the addressee and the subject are no author
    origin = original_language(Record(title="Letter from Anna Roe to Kim Il Sung regarding the DPRK"), ["en"], "")
    assert origin.code != "ko"


def test_an_addressee_country_is_no_evidence_of_the_language():
    assert original_language(Record(title="Letter from Anna Roe to the Bulgarian Ambassador"), ["en"], "").code is None


@pytest.mark.parametrize("example", table("origins")["author_heading_examples"], ids=lambda e: e["text"][:30])
def test_an_author_heading_of_the_text_is_read(example):
    from cablegram.ingest.origin import author_heading
    got = author_heading(example["text"])
    assert (got.split(" ; ")[0] if got else None) == example.get("who")


def test_an_author_heading_in_the_text_infers_the_language_and_the_subject_of_the_title_does_not():
    # the title names the subject (another country); the text's heading names the author
    record = Record(title="Minutes of the Reception of the Prime Minister of the Mongolian People's Republic")
    assert original_language(record, ["en"], "The visit lasted three days.").code is None
    origin = original_language(record, ["en"], "MEMORANDUM OF THE MONGOLIAN MFA REPRESENTATIVES\nThe visit lasted three days.")
    assert (origin.code, origin.inferred) == ("mn", True)
    report = Record(title="Report of the Soviet Embassy on Mongolian Herders")
    assert original_language(report, ["en"], "").code == "ru"
