"""Damaged and unexpected input: never a crash, never invalid TEI, never a lost word."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cablegram
from cablegram.ingest import InputError
from conftest import EXAMPLES

SOURCES = [p.read_text(encoding="utf-8") for p in EXAMPLES]


def _damaged(text: str, seed: int, how: str) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    if how == "drop-lines":
        lines = [l for l in lines if rng.random() > 0.2]
    elif how == "shuffle-blocks":
        blocks = "\n".join(lines).split("\n\n")
        rng.shuffle(blocks)
        return "\n\n".join(blocks)
    elif how == "truncate":
        return text[: rng.randrange(1, len(text))]
    elif how == "join-lines":
        return text.replace("\n\n", "\n")
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(range(len(SOURCES))),
    seed=st.integers(0, 10_000),
    how=st.sampled_from(["drop-lines", "shuffle-blocks", "truncate", "join-lines"]),
)
# damaged exports that once left a closer with no text before it (invalid TEI): always tried
@example(source=3, seed=21, how="truncate")
@example(source=1, seed=297, how="shuffle-blocks")
@example(source=4, seed=32, how="truncate")
def test_damaged_exports_convert_completely_or_fail_clearly(source, seed, how, tei_all):
    text = _damaged(SOURCES[source], seed, how)
    try:
        conversion = cablegram.convert_text(text, "damaged.txt")
    except InputError as exc:
        assert str(exc).startswith("damaged.txt: ")
        return
    assert conversion.coverage == 1.0, dict(conversion.missing_words)
    assert tei_all.validate(conversion.tei), str(tei_all.error_log)


@pytest.mark.parametrize("text", ["   ", "\n\n\n", "Skip to content\n", "###\n"])
def test_nothing_but_blanks_or_boilerplate_is_refused(text):
    with pytest.raises(InputError, match="x.txt: "):
        cablegram.convert_text(text, "x.txt")
