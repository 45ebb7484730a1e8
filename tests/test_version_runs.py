"""Where one language version ends and the next begins (ingest.versions): short stretches of another
script are absorbed into the text around them, unless they are a version of their own (issue 10)."""
from __future__ import annotations

from cablegram.ingest.versions import _runs
from cablegram.model import Line


def _blocks(*texts: str) -> list[list[Line]]:
    return [[Line(number, text)] for number, text in enumerate(texts, 1)]


def _scripts(*texts: str) -> list[str | None]:
    return [script for script, _ in _runs(_blocks(*texts))]


def test_a_one_sentence_chinese_original_before_its_english_translation_is_a_run_of_its_own():
    assert _scripts("请即将此件转交外交部。", "王平", "Please pass this on to the Foreign Ministry at once.", "Wang Ping") == ["han", "lat"]


def test_a_one_sentence_chinese_original_after_its_english_translation_is_a_run_of_its_own():
    assert _scripts("Please pass this on to the Foreign Ministry at once.", "Wang Ping", "请即将此件转交外交部。", "王平") == ["lat", "han"]


def test_a_name_in_another_script_inside_a_long_text_is_absorbed():
    long_english = " ".join(["The delegation arrived this morning and the talks began at noon."] * 4)
    assert _scripts(long_english, "王平", long_english) == ["lat"]


def test_a_short_sentence_much_smaller_than_the_text_around_it_is_absorbed():
    # a one-line Latin remark inside a long Russian text is not an English version
    long_russian = " ".join(["Делегация прибыла утром, переговоры начались в полдень и продолжались весь день."] * 4)
    assert _scripts(long_russian, "Copy to the archive, please.", long_russian) == ["cyr"]


def test_a_short_run_without_a_sentence_is_absorbed():
    # a garbled signature and a date are not a version, whatever their size
    assert _scripts("Please pass this on to the Foreign Ministry at once.", "王平 三月二日") == ["lat"]
