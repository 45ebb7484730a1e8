"""The build planner (issue 16): what happens to each document is decided from hashes alone, before and
without running any stage."""
from __future__ import annotations

from cablegram.edition.model import BuildOptions
from cablegram.edition.plan import CONVERT, FAIL, KEEP, RENDER, Observed, plan

OPTIONS = BuildOptions()


def built(source_sha="s1", tei_sha="t1", key=None) -> dict:
    """A manifest entry for a document converted from `source_sha` into `tei_sha` and rendered from it."""
    return {"source_sha": source_sha, "tei_written_sha": tei_sha, "converted_from_sha": source_sha,
            "rendered_sha": tei_sha, "key": key or OPTIONS.key()}


def seen(stem="a", source_sha="s1", tei_sha="t1", outputs=True, error=None) -> Observed:
    return Observed(stem, f"texts/{stem}.txt", source_sha, tei_sha, outputs, error)


def action(observed: Observed, previous: dict | None, force=False, options=OPTIONS) -> str:
    (step,) = plan([observed], {observed.stem: previous} if previous else {}, options, force)
    return step.action


def test_a_new_document_is_converted():
    assert action(seen(tei_sha=None, outputs=False), None) == CONVERT


def test_nothing_changed_and_outputs_present_is_kept():
    assert action(seen(), built()) == KEEP


def test_force_reconverts_an_unchanged_document():
    assert action(seen(), built(), force=True) == CONVERT


def test_a_missing_output_is_rebuilt():
    assert action(seen(outputs=False), built()) == CONVERT


def test_a_changed_source_is_reconverted():
    assert action(seen(source_sha="s2"), built()) == CONVERT


def test_changed_options_or_tool_version_reconvert():
    assert action(seen(), built(), options=BuildOptions(pdf=False)) == CONVERT
    assert action(seen(), built(key="from-an-older-version")) == CONVERT


def test_hand_edited_tei_is_rendered_never_reconverted_even_with_force_or_a_new_source():
    edited = seen(tei_sha="t-edited")
    assert action(edited, built()) == RENDER
    assert action(edited, built(), force=True) == RENDER
    assert action(seen(source_sha="s2", tei_sha="t-edited"), built()) == RENDER


def test_hand_edited_tei_already_rendered_is_kept():
    previous = built() | {"rendered_sha": "t-edited"}
    assert action(seen(tei_sha="t-edited"), previous) == KEEP


def test_a_deleted_tei_file_is_reconverted():
    assert action(seen(tei_sha=None), built()) == CONVERT


def test_an_unreadable_source_fails_with_its_message():
    (step,) = plan([seen(source_sha=None, error="texts/a.txt: cannot read (Permission denied)")], {}, OPTIONS)
    assert step.action == FAIL and step.error == "texts/a.txt: cannot read (Permission denied)"


def test_steps_come_in_document_order_with_their_manifest_entry():
    steps = plan([seen("b"), seen("a", tei_sha=None, outputs=False)], {"b": built()}, OPTIONS)
    assert [(s.stem, s.action) for s in steps] == [("a", CONVERT), ("b", KEEP)]
    assert steps[1].previous == built() and steps[0].previous == {}
    assert steps[0].source_sha == "s1"


def test_the_survey_rehashes_a_file_whose_size_or_time_changed(tmp_path):
    import os

    from cablegram.edition.plan import StatCache, survey

    source = tmp_path / "a.txt"
    source.write_text("first")
    old = 1_000_000_000_000_000_000  # long before the cache is written: trusted by the next survey
    os.utime(source, ns=(old, old))
    cache = StatCache(tmp_path)
    (first,) = survey({"a": str(source)}, tmp_path, BuildOptions(pdf=False), cache)
    cache.save()
    source.write_text("other")  # same size
    os.utime(source, ns=(old, old))  # and the same time: a cache hit, the recorded hash is used
    (cached,) = survey({"a": str(source)}, tmp_path, BuildOptions(pdf=False))
    assert cached.source_sha == first.source_sha
    os.utime(source, ns=(old + 1, old + 1))  # the time moved: read and hashed again
    (second,) = survey({"a": str(source)}, tmp_path, BuildOptions(pdf=False))
    assert second.source_sha != first.source_sha
