"""The Russian libraries load only for documents with Russian text (issue 11: conversion start-up).

pymorphy3 (case forms of the authority file's Cyrillic forms) and natasha (Russian candidates) cost start-up
time; a process that converts English documents only must not load them, and one that meets Russian text
must still find Russian names in every case form.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

RUSSIAN_LIBRARIES = ("pymorphy3", "natasha")


def loaded_after_finding(text: str) -> tuple[set[str], list[str]]:
    code = textwrap.dedent(f"""
        import sys
        from cablegram.analysis.names import learn
        finder = learn([{text!r}])
        found = [{text!r}[m.start:m.end] + '=' + str(m.ref) for m in finder.find({text!r})]
        print(' '.join(m for m in {RUSSIAN_LIBRARIES!r} if m in sys.modules))
        print('|'.join(found))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    return set(out[0].split()), out[1].split("|")


def test_english_text_loads_neither_pymorphy3_nor_natasha():
    loaded, found = loaded_after_finding("Shtykov reported to Comrade Stalin on the meeting with Kim Il Sung in Pyongyang.")
    assert not loaded
    assert "Shtykov=per-shtykov" in found and "Kim Il Sung=per-kim" in found


def test_russian_text_still_finds_inflected_forms():
    loaded, found = loaded_after_finding("Передайте товарищу Рощину и Ким Ир Сену телеграмму Штыкова.")
    assert "pymorphy3" in loaded
    assert {"Рощину=per-roshchin", "Ким Ир Сену=per-kim", "Штыкова=per-shtykov"} <= set(found)


def test_a_cyrillic_form_found_after_latin_text_in_the_same_process():
    """The Cyrillic forms are indexed on the first Cyrillic text; what was found before stays as it was."""
    from cablegram.analysis.authority import Authority

    auth = Authority()
    before = auth.find("Roshchin met Mao Zedong.")
    assert [m.ref for m in before] == ["per-roshchin", "per-mao"]
    assert [m.ref for m in auth.find("Рощин встретился с Мао Цзэдуном.")] == ["per-roshchin", "per-mao"]
    assert auth.find("Roshchin met Mao Zedong.") == before
