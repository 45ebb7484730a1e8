"""A one-file command imports only its own stage (issue 16: start-up time)."""
from __future__ import annotations

import importlib
import subprocess
import sys

from cablegram import cli


def test_the_help_summaries_are_the_commands_own():
    for name, module in {**cli._COMMANDS, **cli._RENDER_COMMANDS}.items():
        assert cli.SUMMARIES[name] == importlib.import_module(module).HELP


def imported_after(argv: list[str]) -> set[str]:
    code = ("import sys; from cablegram import cli; cli._import_lxml_without_rnc2rng(); cli.build_parser(sys.argv[1:]); "
            "print(' '.join(m for m in sys.modules if m.startswith('cablegram') or m.split('.')[0] in "
            "('saxonche', 'rich', 'distributed', 'dask', 'typst', 'urllib')))")
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_validate_imports_neither_the_converter_nor_the_renderers_nor_dask():
    loaded = imported_after(["validate", "x.xml"])
    assert "cablegram.validate.command" in loaded
    assert not loaded & {"cablegram.tei.command", "cablegram.edition.command", "cablegram.render.html_command",
                         "typst", "rich", "distributed", "dask", "urllib.request"}


def test_render_html_imports_only_its_own_command():
    loaded = imported_after(["render", "html", "x.xml"])
    assert "cablegram.render.html_command" in loaded
    assert not loaded & {"cablegram.render.pdf_command", "cablegram.validate.command", "cablegram.tei.command", "typst"}


def test_the_top_level_help_still_lists_every_command(capsys):
    parser = cli.build_parser(["--help"])
    text = parser.format_help()
    for name in ("convert", "validate", "build", "render"):
        assert name in text


def test_quoteattr_escapes_as_the_standard_library_does():
    from xml.sax.saxutils import quoteattr as standard

    from cablegram.xmlio import quoteattr

    for value in ("", "plain", 'say "x"', "it's", "both \" and '", "a<b&c>\n\t\r"):
        assert quoteattr(value) == standard(value)


def test_version_and_top_level_help_import_no_command():
    for argv in (["--version"], ["--help"], ["no-such-command"]):
        loaded = imported_after(argv)
        assert not any(m.endswith("command") or m.endswith("_command") for m in loaded), argv
