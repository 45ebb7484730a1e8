"""Split an export into record metadata, the document body, and trailing record information.

Works line by line on the decoded text. The layouts (markdown headings, markdown bold labels, scraped web
page, plain 'Label:' text) differ only in how labels are marked, so one walk over blocks handles them all,
guided by the tables in `data/layout.toml`.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

from ..model import Dropped, Line, Record
from .layouts import LayoutMatch, detect_layout, interface_patterns
from .rules import regex, table

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_STRONG = re.compile(r"(?<!\*)\*\*(?!\*)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_LIST_TABLE = re.compile(r"^- (?=\|)")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z ]*?)\s*(:\s*(.*)|$)")  # 'Summary:', 'Original Language: Russian'
_TAIL_LABEL = re.compile(r"^([A-Za-z][A-Za-z ()&]*?)\s*(?::\s*(.*))?$")  # 'Associated People & Organizations'


def _punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _strong_pairs(lines: list[str]) -> list[list[int]]:
    """Per line, the offsets of the '**' that open or close strong emphasis ('**Summary:**', a bold title that
    runs over two lines of one paragraph), paired by CommonMark's flanking rules. A '**' that pairs with none
    -- after a word before punctuation ('sides**.'), alone before a footnote's body ('** The agreement …') --
    is a footnote mark and is not listed."""
    marks: list[list[int]] = [[] for _ in lines]
    opener: tuple[int, int] | None = None
    for n, text in enumerate(lines):
        if not text.strip():
            opener = None  # emphasis never spans paragraphs
            continue
        if "**" not in text:
            continue
        for m in _STRONG.finditer(text):
            i = m.start()
            before = text[i - 1] if i else " "
            after = text[i + 2] if i + 2 < len(text) else " "
            left = not after.isspace() and (not _punctuation(after) or before.isspace() or _punctuation(before))
            right = not before.isspace() and (not _punctuation(before) or after.isspace() or _punctuation(after))
            if right and opener is not None:
                marks[opener[0]].append(opener[1])
                marks[n].append(i)
                opener = None
            elif left:
                opener = (n, i)
    return marks


def strip_markdown_lines(raws: list[str]) -> list[str]:
    """Each line without markdown syntax (strip_markdown); strong emphasis may open on one line of a paragraph
    and close on the next."""
    out = []
    for raw, marks in zip(raws, _strong_pairs(raws)):
        for i in sorted(marks, reverse=True):
            raw = raw[:i] + raw[i + 2:]
        out.append(_strip_other_markdown(raw))
    return out


def strip_markdown(raw: str) -> str:
    """A line without markdown syntax: heading marks, strong emphasis (a '**' that pairs with none is a footnote
    mark, kept), escapes, autolink brackets, hard breaks."""
    return strip_markdown_lines([raw])[0]


def _strip_other_markdown(text: str) -> str:
    # each pattern only where its mark stands: most lines have none, and a substitution costs a search
    if "#" in text:
        text = _HEADING.sub("", text)
    if text.startswith("- |"):
        text = _LIST_TABLE.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()


@dataclass
class Split:
    record: Record
    body: list[Line]
    dropped: list[Dropped]
    notes: list[tuple[str, str]]  # (warning code, message)


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-empty lines (paragraph blocks), as separated by blank lines."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _label_of(text: str) -> tuple[str, str, str] | None:
    """('field', 'Label as written', 'value on the same line') when the line starts with a known label."""
    labels = table("layout")["labels"]
    m = _LABEL.match(text)
    if not m:
        return None
    key = m.group(1).strip().lower()
    if key in labels and (m.group(2) is not None):
        value = (m.group(3) or "").strip() if m.group(2).startswith(":") else ""
        # A bare label without colon only counts when alone on the line (e.g. 'Document Information').
        if not m.group(2).startswith(":") and text.strip() != m.group(1).strip():
            return None
        return labels[key], m.group(1).strip(), value
    return None


def _is_date_line(text: str) -> bool:
    """A record date line: a listed date form, or a short line with a year and a month name (an unlisted form)."""
    return _parse_date(text) is not None or bool(regex(table("layout")["record"]["date_like"]).match(text))


def _parse_date(text: str) -> _dt.date | None:
    listed = _listed_date(text)
    return listed[0] if listed else _parse_date_any_order(re.sub(r"\s+", " ", text.strip()))


def _listed_date(text: str) -> tuple[_dt.date, str] | None:
    """The date and the listed form (layout.toml [record] date_formats) that reads it, or None."""
    text = re.sub(r"\s+", " ", text.strip())
    for fmt in table("layout")["record"]["date_formats"]:
        try:
            return _dt.datetime.strptime(text, fmt).date(), fmt
        except ValueError:
            continue
    return None


def _date_has_day(text: str) -> bool:
    """Whether a record date as written names its day: the listed form it is read by has one ('%B %Y' has none);
    _parse_date_any_order needs a day."""
    listed = _listed_date(text)
    return listed is None or "%d" in listed[1]


_MONTHS = {name: number for number in range(1, 13)
           for name in (_dt.date(2000, number, 1).strftime("%B").lower(), _dt.date(2000, number, 1).strftime("%b").lower())}


def _parse_date_any_order(text: str) -> _dt.date | None:
    """A day, a month name and a four-digit year in an order the formats do not list ('1950 May 12'):
    exactly one of each and nothing else; a month and year alone are not given a day."""
    tokens = re.findall(r"[A-Za-z]+|\d+", text)
    if not tokens or len(tokens) > 3 or re.search(r"[^\w ,.]", text):
        return None
    months = [_MONTHS[t.lower()] for t in tokens if t.lower() in _MONTHS]
    years = [int(t) for t in tokens if t.isdigit() and len(t) == 4]
    days = [int(t) for t in tokens if t.isdigit() and len(t) <= 2]
    if len(months) != 1 or len(years) != 1 or len(days) != 1 or len(tokens) != 3:
        return None  # 'May 1950' is the listed month-and-year form; anything else stays unread
    try:
        return _dt.date(years[0], months[0], days[0])
    except ValueError:
        return None


def _clean_lines(text: str) -> tuple[list[Line], list[Dropped]]:
    # the raw rules and their patterns once, not looked up again for every line
    rules = [(rule, regex(rule["pattern"]).match) for rule in table("layout")["boilerplate"] if rule.get("raw")]
    lines: list[Line] = []
    dropped: list[Dropped] = []
    raws = text.split("\n")
    for number, (raw, plain) in enumerate(zip(raws, strip_markdown_lines(raws)), start=1):
        stripped_raw = raw.strip()
        hit = None
        if stripped_raw:
            hit = next((rule for rule, match in rules if match(stripped_raw)), None)
        if hit:
            # removed without leaving a blank line: a table keeps its rows together across its rule
            dropped.append(Dropped(hit["name"], hit["description"], number, stripped_raw))
            continue
        lines.append(Line(number, plain))
    return lines, dropped


def _drop_zone_boilerplate(lines: list[Line], dropped: list[Dropped], zone_end: int) -> list[Line]:
    """Drop non-raw boilerplate lines (navigation, branding) before line index `zone_end`."""
    rules = [(r, regex(r["pattern"]).match) for r in table("layout")["boilerplate"] if not r.get("raw")]
    out = []
    for i, line in enumerate(lines):
        rule = next((r for r, match in rules if match(line.text)), None) if line.text else None
        if rule and (rule.get("zone") != "header" or i < zone_end):
            dropped.append(Dropped(rule["name"], rule["description"], line.number, line.text))
            out.append(Line(line.number, ""))
        else:
            out.append(line)
    return out


def split_export(text: str) -> Split:
    rec_rules = table("layout")["record"]
    match = detect_layout(text)
    lines, dropped = _clean_lines(text)
    lines = _drop_interface(lines, dropped, match)
    if match.name == "pdf-text":
        lines = _cut_inline_labels(lines, match, dropped)
    record = Record()
    notes: list[tuple[str, str]] = []
    record.layout, record.layout_score, record.layout_known, record.layout_cues = match.name, match.score, match.known, match.cues
    if not match.known:
        notes.append(("CW-UNKNOWN-LAYOUT", f"no known export layout recognised (closest: {match.name}, score {match.score:.2f}); read best-effort"))
    if match.reader == "current":
        body_lines = _read_current(lines, record, dropped, notes)
        _derive(record, notes)
        dropped.extend(record.dropped_labels)
        return Split(record=record, body=body_lines, dropped=sorted(dropped, key=lambda d: d.line), notes=notes)
    if match.reader == "flat":
        # one block per line: the export lost its blank lines, and each of its lines is a paragraph
        lines = [piece for line in lines for piece in (line, Line(line.number, ""))]
    # Branding is only boilerplate in the page header, before the record date.
    date_index = next((i for i, l in enumerate(lines) if regex(rec_rules["date_line"]).match(l.text)), len(lines))
    lines = _drop_zone_boilerplate(lines, dropped, date_index)
    blocks = _separate_fields(blocks_of(lines))

    # --- trailing record information (scraped page): from a 'Document Information' label (or the
    # Author(s)/Associated headings that precede it) to the end
    tail_start = len(blocks)
    tail_blocks: list[list[Line]] = []
    for i, block in enumerate(blocks):
        lab = _tail_label_of(block[0].text)
        if i > 0 and lab and len(block) == 1 and lab[0] in _TAIL_HEADINGS:
            tail_start = i
            break
    else:
        if len(blocks) > 1 and len(blocks[-1]) == 1 and _cut_tail_heading(blocks[-1][0].text):
            tail_start = len(blocks) - 1  # the export ends inside the heading of the trailing record information
    body_blocks_end = tail_start
    if tail_start < len(blocks):
        # In a scraped page the summary stands just before 'Document Information', unlabelled.
        prev = blocks[tail_start - 1] if tail_start > 0 else None
        if prev and not _label_of(prev[0].text) and len(_join(prev)) >= 40 and tail_start > 2:
            if record.summary is None:
                record.summary = _join(prev)
                record.summary_by_position = True
                _source(record, "summary", prev[0], "position before 'Document Information'")
            else:
                record.extra.append(("", _join(prev)))
            body_blocks_end = tail_start - 1
        tail_blocks = blocks[tail_start:]
    else:
        tail_blocks = []

    # --- leading record metadata
    i = 0
    head_blocks = blocks[:body_blocks_end]
    while i < len(head_blocks):
        block = head_blocks[i]
        first = block[0].text
        if (record.date is None and record.title is None and i == 0 and len(block) == 1
                and len(first.split()) >= 4 and i + 1 < len(head_blocks) and _is_date_line(head_blocks[i + 1][0].text)):
            if record.summary:  # a second unlabelled summary at the foot of the page: kept as a note
                record.extra.append(("", record.summary))
            record.summary = first  # one-block page text that opens with the summary, before the record date
            record.summary_by_position = True
            record.lines["summary"] = block[0].number
            _source(record, "summary", block[0], "position before the record date")
            i += 1
            continue
        if record.date_text is None and record.title is None and _is_date_line(first):
            record.date_text = first
            record.date = _parse_date(first)
            _source(record, "date", block[0], "layout.toml [record] date_formats" if record.date else "a line with a year and a month (date_like)")
            if record.date is None:
                notes.append(("CW-UNKNOWN-DATE-FORM", f"record date {first!r} is in a form the tables do not list; the date is left absent, the rest of the record is read"))
            if len(block) > 1:
                record.title = _join(block[1:])
                _source(record, "title", block[1], "the line after the record date")
            i += 1
            continue
        lead = regex(rec_rules["date_then_title"]).match(first)
        if record.date_text is None and record.title is None and lead and _parse_date(lead.group("date")):
            record.date_text = lead.group("date")
            record.date = _parse_date(lead.group("date"))
            record.title = " ".join([lead.group("title")] + [l.text for l in block[1:]]).strip()
            _source(record, "date", block[0], "layout.toml [record] date_then_title")
            _source(record, "title", block[0], "layout.toml [record] date_then_title (after the date on its line)")
            i += 1
            continue
        if record.title and (_join(block) in (record.title, f"{record.date_text} {record.title}")
                             or _shortened_header(_join(block), record)):
            dropped.append(Dropped("repeated-header", "the record date and title repeated by the page", block[0].number, _join(block)))
            i += 1
            continue
        if (record.date_text is None and record.title is None and len(block) == 1 and not _label_of(first)
                and any(_is_date_line(b[0].text) or regex(rec_rules["date_then_title"]).match(b[0].text)
                        for b in head_blocks[i + 1 : i + 1 + _HEADER_LOOKAHEAD])):
            # a line of a viewer's or mirror's page before the record date: one unknown line costs one line,
            # the record below it is still read
            record.extra.append(("", first))
            notes.append(("CW-UNKNOWN-FIELD", f"unrecognised line before the record date kept as a note: {first[:60]!r}"))
            i += 1
            continue
        longer = _longer_title(_join(block), record)
        if longer:
            # the page's first line was cut off (PDF text ends it mid-word); the repetition gives the title whole
            first_read = [l for l in lines if l.number == record.lines.get("title")]
            if len(first_read) == 1 and first_read[0].text in (record.title, f"{record.date_text} {record.title}"):
                dropped.append(Dropped("repeated-header", "the record date and title cut off at the end of the line, "
                                       "repeated whole below", first_read[0].number, first_read[0].text))
            record.title = longer
            record.rules["title"] = "the page's repetition of a cut-off date and title line"
            i += 1
            continue
        if (record.title is None and not _label_of(first) and record.date_text is not None
                and not regex(rec_rules["credits"]).match(first)):
            record.title = _join(block)
            _source(record, "title", block[0], "the first block after the record date")
            i += 1
            continue
        credits = regex(rec_rules["credits"]).match(_join(block))
        if credits and record.credits is None:
            record.credits = _join(block)
            record.funders.append(credits.group("funder").strip())
            _source(record, "credits", block[0], "layout.toml [record] credits")
            _source(record, "funder", block[0], "layout.toml [record] credits")
            i += 1
            continue
        lab = _label_of(first)
        if lab:
            consumed = _parse_labelled(head_blocks, i, record, notes)
            i += consumed
            continue
        if regex(rec_rules["url"]).match(_join(block)) and record.url is None and record.citation:
            record.url = regex(rec_rules["url"]).match(_join(block)).group("url")
            _source(record, "url", block[0], "layout.toml [record] url")
            i += 1
            continue
        break
    body_lines = [line for block in head_blocks[i:] for line in block + [Line(block[-1].number + 0, "")]]
    # Keep the blank-line structure of the body: rebuild from the original lines between the first and last body line.
    if i < len(head_blocks):
        # by position, not by number: a cut line (PDF text) gives several pieces the same number
        first_at = next(k for k, l in enumerate(lines) if l is head_blocks[i][0])
        last_at = next(k for k, l in enumerate(lines) if l is head_blocks[-1][-1])
        body_lines = lines[first_at:last_at + 1]
    else:
        body_lines = []
    _parse_fields(tail_blocks, record, notes)  # after the head: it needs the funders named there
    _derive(record, notes)
    dropped.extend(record.dropped_labels)
    return Split(record=record, body=body_lines, dropped=sorted(dropped, key=lambda d: d.line), notes=notes)


_TAIL_HEADINGS = ("document_information", "authors", "associated")  # the sub-labels that open the trailer


def _cut_tail_heading(text: str) -> str | None:
    """The trailer heading a line is the beginning of ('Author(' -> 'author(s)'), when an export ends inside it:
    at least [record] cut_heading_min characters, never the whole label (that is the label itself)."""
    text = text.strip().lower()
    if len(text) < table("layout")["record"]["cut_heading_min"]:
        return None
    labels = table("layout")["tail_labels"]
    return next((key for key, field in labels.items()
                 if field in _TAIL_HEADINGS and key.startswith(text) and key != text), None)


def _tail_label_of(text: str) -> tuple[str, str, str] | None:
    """('field', 'Label as written', 'value') for a sub-label of the trailing record information."""
    labels = table("layout")["tail_labels"]
    m = _TAIL_LABEL.match(text.strip())
    if not m:
        return None
    key = m.group(1).strip().lower()
    if key in labels:
        return labels[key], m.group(1).strip(), (m.group(2) or "").strip()
    return None


def _drop_interface(lines: list[Line], dropped: list[Dropped], match: LayoutMatch) -> list[Line]:
    """The layout's interface words (buttons, site header) dropped wherever they stand; listed in the TEI."""
    patterns = interface_patterns(match.name)
    if not patterns:
        return lines
    out = []
    for line in lines:
        if line.text and any(p.match(line.text) for p in patterns):
            dropped.append(Dropped("interface", f"interface words of the {match.name} layout (layout.toml)", line.number, line.text))
            out.append(Line(line.number, ""))
        else:
            out.append(line)
    return out


_HEADER_LOOKAHEAD = 3  # blocks: how far below an unknown page-header line the record date may stand


def _after_record_date(text: str, record: Record) -> str | None:
    """What follows the record date at the start of a repeated page header, or None when it does not start so."""
    if record.date_text and text.startswith(record.date_text + " "):
        return text[len(record.date_text) + 1 :]
    return None


def _shortened_header(text: str, record: Record) -> bool:
    """The record date and title repeated by a page header with words left out ('March 02, 1951 Telegram, to
    Li Kenong' for '… Telegram, Zhou Enlai to Li Kenong'): the date first, then only words of the title."""
    rest = _after_record_date(text, record)
    if not (record.title and rest):
        return False
    words = rest.split()
    return len(words) >= 2 and set(words) <= set(record.title.split())


def _longer_title(text: str, record: Record) -> str | None:
    """The whole title, when `text` repeats the record's date and title and the title read first is a cut-off
    start of it (at least half of it: a short title that merely begins the same way is not one)."""
    if not record.title or len(text) <= len(record.title):
        return None
    text = _after_record_date(text, record) or text
    if text.startswith(record.title) and len(record.title) >= len(text) / 2 and len(record.title.split()) >= 4:
        return text
    return None


def _cut_inline_labels(lines: list[Line], match: LayoutMatch, dropped: list[Dropped]) -> list[Line]:
    """PDF text that runs the record labels together on one line: cut the line before each label."""
    entry = next(e for e in table("layout")["layout"] if e["name"] == match.name)
    labels = entry.get("inline_labels", ())
    if not labels:
        return lines
    # (not between the PDF's page number and the site line: '1 Digital Archive …' stays one piece)
    cut = regex(r"(?<!^\d)(?<!^\d\d)(?<!^\d\d\d)\s+(?=(?:" + "|".join(labels) + r")(?:\s|$))")
    site = regex(r"^(?:" + labels[0] + r")$")
    site_lead = regex(r"^(" + labels[0] + r")\s+(?=\S)")  # the site line, then date and title
    lead_items = regex(table("layout")["record"]["contents_lead"])
    out: list[Line] = []
    previous = ""
    for line in lines:
        after_contents, previous = previous == "Contents:", (line.text or previous)
        lead = lead_items.match(line.text) if after_contents else None
        if lead and lead.end() < len(line.text):
            # 'Contents:' alone, then 'English Translation Scan of Original Document To ...' on the next line
            items = regex(r"[A-Z][a-z]+ (?:Translation|Transcription)|Scan of Original Document|Original Scan").findall(lead.group(0))
            out += [Line(line.number, i) for i in items]
            out += [Line(line.number, "")] + _run_on_text(line.number, line.text[lead.end():].strip())
            continue
        if len(line.text) < 200 or not (cut.search(line.text) or site_lead.match(line.text)):
            out.append(line)
            continue
        pieces = []
        for piece in cut.split(line.text):
            lead = site_lead.match(piece)
            pieces += [lead.group(1), piece[lead.end():]] if lead else [piece]
        for piece in pieces:
            if site.match(piece):
                # the site line inside a run-together line: its words are the site's name
                dropped.append(Dropped("interface", f"interface words of the {match.name} layout (layout.toml)",
                                       line.number, piece, part=True))
                continue
            label = _label_of(piece)
            lead = regex(table("layout")["record"]["contents_lead"]).match(label[2]) if label and label[0] == "contents" else None
            if lead:
                # 'Contents: English Translation Scan of Original Document To ...': the items, then the text
                items = regex(r"[A-Z][a-z]+ (?:Translation|Transcription)|Scan of Original Document|Original Scan").findall(lead.group(0))
                out += [Line(line.number, ""), Line(line.number, "Contents:")] + [Line(line.number, i) for i in items]
                out += [Line(line.number, "")] + _run_on_text(line.number, label[2][lead.end():].strip()) + [Line(line.number, "")]
            elif label and label[2]:
                # 'Label: value' -> the label alone, then the value, as in the layout's own line form
                out += [Line(line.number, ""), Line(line.number, piece[: len(piece) - len(label[2])].strip()),
                        Line(line.number, label[2]), Line(line.number, "")]
            else:
                out += [Line(line.number, piece), Line(line.number, "")]
    return out


_FOOTNOTE_MARK = re.compile(r"\[(\d{1,3})\]")


def _run_on_text(number: int, text: str) -> list[Line]:
    """A version's text run on one line (PDF text): cut before each footnote whose mark came earlier in the
    line ('… instructions. [1] The editors added …' after '…Chairman:[1] …'), so that the notes stand as the
    layout's line form would give them. Nothing else is cut: the paragraphs are not known."""
    cuts, seen = [], set()
    for m in _FOOTNOTE_MARK.finditer(text):
        if m.group(1) in seen and m.start() > 0 and text[m.start() - 1].isspace():
            cuts.append(m.start())
        seen.add(m.group(1))
    pieces = [text[a:b].strip() for a, b in zip([0] + cuts, cuts + [len(text)])]
    out: list[Line] = []
    for piece in pieces:
        out += [Line(number, piece), Line(number, "")]
    return out[:-1]


def _read_current(lines: list[Line], record: Record, dropped: list[Dropped], notes) -> list[Line]:
    """Current site page text: the header up to the first version heading, then one version per heading."""
    rec_rules = table("layout")["record"]
    heading = regex(table("layout")["version_heading"]["pattern"])
    languages = table("layout")["languages"]
    first = next((i for i, l in enumerate(lines) if (m := heading.match(l.text)) and m.group("language").lower() in languages), len(lines))
    caps_title: Line | None = None
    for line in lines[:first]:
        text = line.text.lstrip("•").strip()
        if not text:
            continue
        split = regex(rec_rules["citation_split"]).search(text)
        if split and record.citation is None:
            summary = text[: split.start()].strip()
            citation = text[split.start():].strip()
            tail = regex(r"\s+-\s+Share$").search(citation)
            if tail:
                citation = citation[: tail.start()]
                dropped.append(Dropped("interface", "interface word 'Share' after the citation", line.number, "- Share"))
            if summary and record.summary is None:
                record.summary = summary
                _source(record, "summary", line, "current layout: the text before the quoted citation")
            _assign("citation", "Citation", citation, record, notes, line)
            record.rules["citation"] = "current layout: the quoted citation ('\"Title,\" date, ... Digital Archive')"
            continue
        if record.date_text is None and _is_date_line(text):
            record.date_text = text
            record.date = _parse_date(text)
            _source(record, "date", line, "current layout: the record date line")
            continue
        credits = regex(rec_rules["credits"]).match(text)
        if credits and record.credits is None:
            record.credits = text
            record.funders.append(credits.group("funder").strip())
            _source(record, "credits", line, "layout.toml [record] credits")
            _source(record, "funder", line, "layout.toml [record] credits")
            continue
        url = regex(rec_rules["url"]).match(text)
        if url and record.url is None:
            record.url = url.group("url")
            _source(record, "url", line, "layout.toml [record] url")
            continue
        if caps_title is None and record.citation is None and not regex(r"[a-z]").search(text) and len(text) >= 8:
            caps_title = line
            continue
        if record.summary is None and record.citation is None:
            record.summary = text
            _source(record, "summary", line, "current layout: the line after 'get citation'")
            continue
        record.extra.append(("", text))
        notes.append(("CW-UNKNOWN-FIELD", f"unrecognised record information kept as a note: {text[:60]!r}"))
    if caps_title is not None:
        quoted = _citation_title(record.citation)
        if quoted and _squash(quoted) == _squash(caps_title.text):
            # the title line in capitals agrees with the citation's title: the title is spelled as the citation
            # spells it, and the capitals line (the same words) is listed as a repeat
            record.title = quoted
            _source(record, "title", caps_title, "current layout: the capitals title line, spelled as the citation's quoted title")
            dropped.append(Dropped("title-in-capitals", "the page's title line in capitals, repeated with its spelling in the citation",
                                   caps_title.number, caps_title.text))
        else:
            record.title = caps_title.text
            _source(record, "title", caps_title, "current layout: the first line, in capitals")
    body: list[Line] = []
    for line in lines[first:]:
        m = heading.match(line.text)
        if m and m.group("language").lower() in languages:
            record.version_heads.append((line.number, languages[m.group("language").lower()], (m.group("kind") or "").lower()))
            dropped.append(Dropped("version-heading", "a version's heading ('English HTML'); its language is the version's xml:lang", line.number, line.text))
            body.append(Line(line.number, ""))
            continue
        body.append(line)
    return body


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _citation_title(citation: str | None) -> str | None:
    if not citation:
        return None
    m = regex(table("layout")["record"]["citation_split"]).match(citation)
    return m.group("title").strip() if m else None


def _citation_date(citation: str | None) -> str | None:
    if not citation:
        return None
    m = regex(table("layout")["record"]["citation_split"]).match(citation)
    return (m.group("date") or "").strip() or None if m else None


_ONE_LINE_FIELDS = {"original_language", "record_id", "uploaded_date", "record_date"}


def _separate_fields(blocks: list[list[Line]]) -> list[list[Line]]:
    """Give every labelled field its own block, even where an export lost its blank lines.

    A label line starts a new block; a one-line field ('Original Language: Russian') ends after its value
    line; a contents list ends at its last item. Whatever follows becomes a block of its own, so a
    damaged export never hides text inside a field value.
    """
    item = regex(table("layout")["record"]["contents_item"])
    out: list[list[Line]] = []
    pending_one_line = False  # a bare one-line label was the previous block
    for block in blocks:
        current: list[Line] = []
        field = None
        for index, line in enumerate(block):
            lab = _label_of(line.text)
            starts_new = index > 0 and (
                lab is not None
                or (field in _ONE_LINE_FIELDS and (len(current) >= 2 or (len(current) == 1 and _label_of(current[0].text)[2])))
                or (field == "contents" and len(current) > 1 and not item.match(line.text))
                or (pending_one_line and index == 1)
            )
            if starts_new and current:
                out.append(current)
                current = []
                field = None
            if not current:
                field = lab[0] if lab else ("contents" if item.match(line.text) and out and _label_of(out[-1][0].text) and _label_of(out[-1][0].text)[0] == "contents" else None)
            current.append(line)
        out.append(current)
        last_label = _label_of(out[-1][0].text) if len(out[-1]) == 1 else None
        pending_one_line = bool(last_label and last_label[0] in _ONE_LINE_FIELDS and not last_label[2])
    return out


def _join(block: list[Line]) -> str:
    return " ".join(l.text for l in block).strip()


def _parse_labelled(blocks: list[list[Line]], i: int, record: Record, notes) -> int:
    """Parse a labelled field starting at blocks[i]; return how many blocks it used."""
    rec_rules = table("layout")["record"]
    block = blocks[i]
    field, label, same_line = _label_of(block[0].text)
    _drop_label(record, block[0], label)
    value_lines = block[1:]
    used = 1
    if field == "contents" and (same_line or value_lines):
        record.contents.extend(([same_line] if same_line else []) + [l.text for l in value_lines])
        _source(record, "contents", block[0], f"label '{label}'")
        return used
    value_line = block[0]
    if same_line:
        value = " ".join([same_line] + [l.text for l in value_lines]).strip()
    elif value_lines:
        value = _join(value_lines)
        value_line = value_lines[0]
    elif field == "contents":
        items = []
        while i + used < len(blocks) and all(regex(rec_rules["contents_item"]).match(l.text) for l in blocks[i + used]):
            items.extend(l.text for l in blocks[i + used])
            used += 1
        record.contents.extend(items)
        if items:
            _source(record, "contents", blocks[i + 1][0], f"label '{label}'")
        return used
    elif i + 1 < len(blocks) and not _label_of(blocks[i + 1][0].text):
        value = _join(blocks[i + 1])
        value_line = blocks[i + 1][0]
        used = 2
    else:
        value = ""
    _assign(field, label, value, record, notes, value_line)
    if field == "citation" and record.url is None and i + used < len(blocks):
        nxt = _join(blocks[i + used])
        m = regex(rec_rules["url"]).match(nxt)
        if m:
            record.url = m.group("url")
            _source(record, "url", blocks[i + used][0], "layout.toml [record] url, after the citation")
            used += 1
    return used


def _parse_fields(blocks: list[list[Line]], record: Record, notes) -> None:
    """Trailing record information of a scraped page: labels with values, rights paragraphs, funder lines."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = _join(block)
        lab = _tail_label_of(block[0].text) or _label_of(block[0].text)
        if lab:
            field, label, same_line = lab
            _drop_label(record, block[0], label)
            nxt = _join(blocks[i + 1]) if i + 1 < len(blocks) else ""
            nxt_is_label = i + 1 < len(blocks) and bool(_tail_label_of(blocks[i + 1][0].text) or _label_of(blocks[i + 1][0].text))
            if same_line or len(block) > 1:
                _assign(field, label, same_line or _join(block[1:]), record, notes, block[0] if same_line else block[1])
                i += 1
            elif (nxt and not nxt_is_label and not _is_rights(nxt) and not _is_funder(nxt, record)
                  and _has_value_form(field, nxt)):
                _assign(field, label, nxt, record, notes, blocks[i + 1][0])
                i += 2
            else:
                _assign(field, label, "", record, notes, block[0])
                i += 1
            continue
        if _is_rights(text):
            record.rights.append(text)
            _source(record, "rights", block[0], "layout.toml [record] rights")
        elif _is_funder(text, record):
            pass  # the funder named again at the foot of the page
        elif i == len(blocks) - 1 and len(block) == 1 and (heading := _cut_tail_heading(text)):
            record.extra.append(("", text))
            notes.append(("CW-UNKNOWN-FIELD", f"the export ends inside the heading {heading!r} "
                                              f"of the record information: {text!r} kept as a note"))
        else:
            record.extra.append(("", text))
            notes.append(("CW-UNKNOWN-FIELD", f"unrecognised record information kept as a note: {text[:60]!r}"))
        i += 1


_LABEL_RULE = ("field-label", "record field label; its value is encoded in the element named for the field")


def _drop_label(record: Record, line: Line, label: str) -> None:
    record.dropped_labels.append(Dropped(_LABEL_RULE[0], _LABEL_RULE[1], line.number, label, part=True))


def _has_value_form(field: str, value: str) -> bool:
    """Whether a value fits its field's form (layout.toml [value_forms]); a field without one takes any text."""
    form = table("layout").get("value_forms", {}).get(field)
    return form is None or regex(form).search(value) is not None


def _is_rights(text: str) -> bool:
    return any(regex(p).match(text) for p in table("layout")["record"]["rights"])


def _is_funder(text: str, record: Record) -> bool:
    return text in record.funders


def _source(record: Record, field: str, line: Line, rule: str) -> None:
    """Where a record fact came from (the first line that gave it)."""
    record.lines.setdefault(field, line.number)
    record.rules.setdefault(field, rule)


def _assign(field: str, label: str, value: str, record: Record, notes, line: Line) -> None:
    rec_rules = table("layout")["record"]
    if not value:
        record.empty_fields.append(label)
        return
    rule = f"label '{label}'"
    if field in ("citation", "document_information", "summary", "credits", "original_language", "contents",
                 "record_id", "rights"):
        _source(record, "citation" if field == "document_information" else field, line, rule)
    if field in ("citation", "document_information"):
        m = regex(rec_rules["trailing_url"]).search(value)
        if m and record.url is None:
            record.url = m.group("url")
            _source(record, "url", line, f"{rule}, layout.toml [record] trailing_url")
        value = regex(r"<(https?://[^\s<>]+)>").sub(r"\1", value)
        if record.citation is None:
            record.citation = value
            record.citation_field = field
        else:
            record.extra.append((label, value))
    elif field == "summary":
        record.summary = value
    elif field == "credits":
        record.credits = value
        m = regex(rec_rules["credits"]).match(value)
        record.funders.append(m.group("funder").strip() if m else value)
        _source(record, "funder", line, rule)
    elif field == "original_language":
        code = table("layout")["languages"].get(value.lower())
        if code:
            record.original_language = value
            record.original_language_code = code
        else:
            record.extra.append((label, value))  # kept, as a record field, but not taken for a language
            notes.append(("CW-UNKNOWN-LANGUAGE", f"'{label}' value not recognised as a language: {value[:60]!r}"))
    elif field == "record_language":
        record.record_language = value
        code = table("layout")["languages"].get(value.lower())
        if code and not record.original_language_code:
            record.original_language = value
            record.original_language_code = code
            _source(record, "original_language", line, rule)
        else:
            record.extra.append((label, value))
    elif field == "contents":
        record.contents.append(value)
    elif field == "record_id":
        record.record_id = value
    elif field == "rights":
        record.rights.append(value)
    else:
        record.extra.append((label, value))


def _derive(record: Record, notes) -> None:
    rec_rules = table("layout")["record"]
    # The citation repeats the record's title and date: a cue of its own where the page gives none.
    quoted = _citation_title(record.citation)
    if record.title is None and quoted:
        record.title = quoted
        record.lines.setdefault("title", record.lines.get("citation", 0))
        record.rules["title"] = "the citation's quoted title (layout.toml [record] citation_split)"
    cited = _citation_date(record.citation)
    if record.date_text is None and cited and _parse_date(cited):
        record.date_text, record.date = cited, _parse_date(cited)
        record.lines.setdefault("date", record.lines.get("citation", 0))
        record.rules["date"] = "the citation's date, after its quoted title (layout.toml [record] citation_split)"
    if record.date and record.date_text and not _date_has_day(record.date_text):
        record.date_precision = "month"  # 'March 1953': no day is invented
    if record.url and not record.record_id:
        m = regex(rec_rules["record_id_from_url"]).search(record.url)
        if m:
            record.record_id = m.group("id")
            record.lines.setdefault("record_id", record.lines.get("url", 0))
            record.rules.setdefault("record_id", "layout.toml [record] record_id_from_url")
    if record.citation:
        m = regex(rec_rules["translator"]).search(record.citation)
        if m:
            record.translator = m.group("name").strip()
            record.translators = [n.strip() for n in regex(rec_rules["translator_separator"]).split(record.translator) if n.strip()]
            record.translator_statement = m.group(0).strip()
            language = (m.group("from") or "").lower()
            code = table("layout")["languages"].get(language)
            if code and not record.original_language_code:
                # 'Translated for CWIHP from Russian by ...': the record states the original language
                record.original_language, record.original_language_code = m.group("from"), code
                record.lines.setdefault("original_language", record.lines.get("citation", 0))
                record.rules.setdefault("original_language", "layout.toml [record] translator ('from LANGUAGE'), in the citation")
            record.lines.setdefault("translator", record.lines.get("citation", 0))
            record.rules.setdefault("translator", "layout.toml [record] translator, in the citation")


def _layout_name(text: str) -> str:
    if re.search(r"^#{1,6} ", text, re.M):
        return "markdown-headings"
    if re.search(r"^Skip to content$|^Document Information$", text, re.M):
        return "scraped-page"
    if re.search(r"^\*\*[A-Z][A-Za-z ]+:\*\*$", text, re.M):
        return "markdown-bold-labels"
    return "plain-labels"
