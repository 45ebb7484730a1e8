"""Why the converter did what it did: every input line with the kind and field it was given and the table
entry that decided it, and every record fact with the line it came from (`cablegram convert --explain`).

The JSON form is documented in docs/explain.md; its "format" key changes when the form does.
"""
from __future__ import annotations

from ..model import Document
from .model import Analysis, LineDecision

FORMAT = "cablegram-explain/1"


def decisions(doc: Document, analysis: Analysis) -> list[LineDecision]:
    """What each input line became: record facts, dropped lines, and every block of every version tree."""
    out: list[LineDecision] = []
    text_of = dict(enumerate(doc.source_text.split("\n"), start=1))
    for field, line in sorted(doc.record.lines.items(), key=lambda kv: kv[1]):
        if line:
            out.append(LineDecision(line, text_of.get(line, ""), "", f"record:{field}", "record", doc.record.rules.get(field, "")))
    for d in doc.dropped:
        out.append(LineDecision(d.line, text_of.get(d.line, ""), "", "dropped", "record", f"boilerplate:{d.rule}"))
    out += analysis.footnote_lines
    for version in analysis.versions:
        seen: set[int] = set()
        for block in version.tree.walk():
            for line in block.source_lines:
                if line in seen or block.kind == "unit":
                    continue
                seen.add(line)
                kind = "unit" if block.kind == "prose" else block.kind
                out.append(LineDecision(line, text_of.get(line, ""), version.xml_id, kind, block.zone, block.rule))
    return sorted(out, key=lambda d: (d.line, d.version))


def explain(doc: Document, analysis: Analysis) -> dict:
    """A plain dict (JSON-ready) explaining one conversion."""
    roles = {(version, line): choice.describe() for version, line, choice in analysis.line_roles}
    decided: dict[int, list] = {}
    for d in decisions(doc, analysis):
        decided.setdefault(d.line, []).append(d)
    body = {line.number for v in doc.versions for line in v.lines if line.text}
    lines = []
    for number, text in enumerate(doc.source_text.split("\n"), start=1):
        for d in decided.get(number, []):
            lines.append({"line": number, "text": text, "version": d.version, "kind": d.kind, "zone": d.zone, "rule": d.rule,
                          "sequence": roles.get((d.version, number), "")})
        if number in decided:
            continue
        if not text.strip():
            kind, zone = "blank", ""
        elif number in body:
            kind, zone = "unexplained", ""  # a defect: every line of the text is given a kind
        else:
            kind, zone = "record", "record"  # more of a record field's value (the fact names its first line)
        lines.append({"line": number, "text": text, "version": "", "kind": kind, "zone": zone, "rule": "", "sequence": ""})
    return {
        "format": FORMAT,
        "file": doc.source_name,
        "encoding": doc.encoding,
        "layout": doc.record.layout,
        "layout_score": doc.record.layout_score,
        "layout_known": doc.record.layout_known,
        "layout_cues": list(doc.record.layout_cues),
        "document_id": analysis.document_id,
        "correspondents": [
            {"action": action, "names": [{"tag": p.tag, "text": p.text, "ref": p.ref} for p in parties], "rule": rule}
            for action, parties, rule in (("sent", analysis.correspondence.sent, analysis.correspondence.sent_rule),
                                          ("received", analysis.correspondence.received, analysis.correspondence.received_rule))
        ],
        "facts": [{"name": f.name, "value": f.value, "line": f.line, "rule": f.rule} for f in analysis.facts],
        "references": [
            {"repository": r.repository, "authority": f"org-{r.repository_key}" if r.repository_key else None,
             "collection": r.collection, "parts": [{"kind": p.kind, "label": p.label, "value": p.value} for p in r.parts]}
            for r in analysis.references
        ],
        "versions": [
            {"id": v.xml_id, "role": v.role, "lang": v.lang, "subtype": v.subtype, "units": len(v.units)}
            for v in analysis.versions
        ],
        "lines": lines,
        "links": [{"translation": l.translation, "original": l.original, "method": l.method, "cert": l.cert}
                  for l in analysis.links],
        "problems": [{"code": p.code, "severity": p.severity, "message": p.message, "line": p.line}
                     for p in analysis.problems],
    }


def explain_text(report: dict, *, width: int = 60) -> str:
    """The explanation for a person reading a terminal."""
    def short(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    out = [f"{report['file']}  (layout: {report['layout']} {report['layout_score']:.2f}"
           f"{'' if report['layout_known'] else ', unknown layout: closest'}; id: {report['document_id']}; {report['encoding']})",
           "  layout cues found: " + "; ".join(report["layout_cues"]), "", "record facts:"]
    for f in report["facts"]:
        out.append(f"  {f['name']:<18} line {f['line']:>4}  {short(f['value'])!r}  ← {f['rule'] or '—'}")
    out += ["", "correspondents:"]
    for c in report["correspondents"]:
        names = ", ".join(f"{n['tag']} {n['text']!r}" for n in c["names"]) or "—"
        out.append(f"  {c['action']:<9} {names}  ← {c['rule']}")
    if report["references"]:
        out += ["", "archival references:"]
        for r in report["references"]:
            parts = ", ".join(f"{p['kind']} {p['value']}" for p in r["parts"])
            out.append(f"  {r['repository']} [{r['authority'] or 'not in the archive table'}] {parts}")
    out += ["", "versions:"]
    for v in report["versions"]:
        out.append(f"  {v['id']:<6} {v['role']:<12} {v['lang']:<4} {v['subtype'] or '':<11} {v['units']} unit(s)")
    out += ["", "lines:  line  version  kind              zone          rule                                text"]
    for l in report["lines"]:
        if l["kind"] == "blank":
            continue
        out.append(f"  {l['line']:>10}  {l['version'] or '·':<7}  {l['kind']:<16}  {l['zone'] or '·':<12}  "
                   f"{l['rule'] or '·':<34}  {short(l['text'].strip())}")
        if l.get("sequence"):
            out.append(f"  {'':>10}  {'':<7}  ↳ line role: {l['sequence']}")
    if report["problems"]:
        out += ["", "warnings:"]
        out += [f"  {p['code']}: {p['message']}" + (f" (line {p['line']})" if p["line"] else "") for p in report["problems"]]
    return "\n".join(out) + "\n"
