"""What validation reports: `Diagnostic` is the project's one problem type (`cablegram.problems.Problem`),
located by file, line, column and element path."""
from __future__ import annotations

from lxml import etree

from ..problems import Problem

Diagnostic = Problem  # validation findings are Problems like every other stage's (code, severity, message, where)


def diagnostic(code: str, severity: str, message: str, file: str, line: int = 0, column: int = 0, path: str = "") -> Problem:
    return Problem(code=code, severity=severity, message=message, file=file, line=line, column=column, path=path)


def report_order(d: Problem) -> tuple:
    """File, then line, then column: the order an editor walks through a file."""
    return (d.file, d.line, d.column, d.severity, d.code, d.message, d.path)


def element_path(el: etree._Element) -> str:
    """'/TEI/text/body/div[2]/p[3]': local names, with a position where siblings share the name."""
    steps = []
    while el is not None and isinstance(el.tag, str):
        parent = el.getparent()
        name = etree.QName(el).localname
        if parent is not None:
            same = [c for c in parent if isinstance(c.tag, str) and c.tag == el.tag]
            if len(same) > 1:
                name += f"[{same.index(el) + 1}]"
        steps.append(name)
        el = parent
    return "/" + "/".join(reversed(steps))


def source_column(el: etree._Element, source_lines: list[str] | None) -> int:
    """The column of the element's start tag on its line (lxml gives only the line)."""
    if not source_lines or not el.sourceline or el.sourceline > len(source_lines):
        return 1
    col = source_lines[el.sourceline - 1].find("<" + etree.QName(el).localname)
    return col + 1 if col >= 0 else 1
