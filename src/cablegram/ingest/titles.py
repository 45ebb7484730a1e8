"""What a record title says about the parties of a document (`data/parties.toml`): its sender and
recipient, the places it was sent from, the two parties of a conversation, and the part of the title
that names its author. One reading, used by the correspondents (analysis/correspondents.py) and by the
original language (ingest/origin.py).

'Cable, Stalin to Mao Zedong' is Stalin's; 'Telegram to Mao Zedong from Nie Rongzhen' is Nie Rongzhen's;
'Cable Nº 4410 from Ankara' names a place, not a sender; 'Record of a Conversation between A and B' names
two parties, and which of them wrote the record is a matter of evidence (`recording_party`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rules import regex, table

# What a record title says about others than its author: a quoted subject, an embedded message ("...,
# containing a Message from X"), the subject ("concerning ..."), the addressee or interlocutor ("to X",
# "for X", "with X", up to a "from" or a comma), the other party of a conversation "between A and B".
# (an apostrophe between letters is a soft sign or a possessive, not a quote: Vorob'ev, Kowalczyk's)
_QUOTED = re.compile(r"(?<!\w)[‘'\"“](?:[^’'\"”]|(?<=\w)['’](?=\w))*[’'\"”](?!\w)")
_EMBEDDED = re.compile(r",?\s*\b(?:containing|transmitting|conveying|forwarding|enclosing)\b.*$", re.I)
# (a lower-case 'on' starts the subject too: '… Report on Mongolia'; 'On' may begin a name)
_SUBJECT = re.compile(r"\b(?i:concerning|regarding|about|on the)\b.*$|\son\s.*$")
_OTHER_PARTY = re.compile(r"\b(?:to|for|with)\s+(?:(?!\bfrom\b)[^,])*", re.I)
_INTERLOCUTOR = re.compile(r"\bwith\s+(?:(?!\bfrom\b)[^,])*", re.I)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class TitleParties:
    senders: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # where the document was sent from ('Cable Nº 4410 from Ankara')
    to_places: tuple[str, ...] = ()  # where it was sent to ('From Moscow to Warsaw')
    conversation: tuple[str, ...] = ()  # the two parties of a conversation 'between A and B'
    rule: str = ""  # the pattern that gave sender and recipient (for --explain)
    author_part: str = ""  # the words of the title that name its author (origins.toml 'title-sender')
    own_part: str = ""  # the title without its interlocutors (origins.toml 'title')


@cache
def _rules() -> dict:
    return table("parties")


def _expand(pattern: str) -> str:
    """A pattern of parties.toml with its placeholders ({to}, {subject}, {subject_no_with}) filled in."""
    rules = _rules()
    for key, value in (("{to}", rules["office_to"]), ("{subject_no_with}", rules["subject_no_with"]),
                       ("{subject}", rules["subject"])):
        pattern = pattern.replace(key, value)
    return pattern


def without_handling(title: str) -> str:
    """The title less the cable office's handling after its parties ('…, SECRET, Urgent, No. 061.041')."""
    return regex(_rules()["handling_tail"]).sub("", title).rstrip(" ,")


def _senders(title: str) -> tuple[list[str], list[str], str]:
    rules = _rules()
    for entry in rules["correspondents"]:
        pattern = entry["pattern"]
        m = regex(_expand(pattern)).search(title)
        if m and (_DIGIT.search(m.group("sender")) or regex(rules["document_words"]).search(m.group("sender"))
                  or regex(rules["not_a_sender"]).search(m.group("sender").strip())):
            # 'Excerpt from the Embassy Report no. 2296/1954': a document, not its sender; 'Minutes from
            # Premier Zhou's Reception of …': an event, whose record names no recorder
            continue
        if m:
            recipient = m.groupdict().get("recipient")
            recipients = re.split(r",\s*for\s+", recipient) if recipient else []
            return [m.group("sender").strip()], [r.strip() for r in recipients], pattern
    m = regex(rules["author_first"]).match(title + ", ")
    if m and not regex(rules["document_words"]).search(m.group("sender")) and not regex(rules["not_a_sender"]).search(m.group("sender")):
        return [m.group("sender")], [], "author_first"
    return [], [], ""


def read_title(title: str | None, text: str = "", signatures: tuple[str, ...] = ()) -> TitleParties:
    """Read a record title. `text` (the English text) and `signatures` are the evidence that decides which
    party of a conversation 'between A and B' wrote the record; without them the author stays unknown."""
    if not title:
        return TitleParties()
    rules = _rules()
    rest = base = without_handling(re.sub(rules["quoted_subject"], "", title).strip())
    places: list[str] = []
    to_places: list[str] = []
    for entry in rules["dispatch_place"]:
        m = regex(entry["pattern"]).search(rest)
        if m:
            places.append(m.group("place"))
            if m.groupdict().get("to_place"):
                to_places.append(m.group("to_place"))
            # the number stays (it may carry the author: 'No. 5, Zhou Enlai to …'); 'from Place' goes
            before = re.sub(r"[Ff]rom\s+$", "", rest[:m.start("place")]).rstrip()
            end = m.end("to_place") if m.groupdict().get("to_place") else m.end("place")
            rest = re.sub(r"\s+,", ",", f"{before} {rest[end:].lstrip()}").strip()
            break
    conversation: tuple[str, ...] = ()
    author_override: str | None = None
    m = regex(rules["conversation"]["between"]).search(rest)
    if m:
        conversation = (m.group("a").strip(), m.group("b").strip())
        recorder, evidence = recording_party(conversation, text, signatures)
        if recorder:
            senders, recipients, rule = [recorder], [], f"parties.toml [conversation]: the recorder, from {evidence}"
        else:
            # the rest of the title may still name the author ('From the Journal of X: … between X and Y')
            senders, recipients, rule = _senders(_EMBEDDED.sub("", rest[:m.start()] + rest[m.end():]))
            recipients = []
        author_override = recorder or " ".join(senders)
        own = regex(rules["conversation"]["between"]).sub(lambda _: f"between {recorder or ''}", base)
    else:
        # an embedded message's author ('…, containing a Message from Mao Zedong') did not send the cable
        senders, recipients, rule = _senders(_EMBEDDED.sub("", rest))
        own = base
        w = regex(rules["conversation"]["with"]).search(rest)
        if w and not senders:
            # 'Memorandum of Conversation with X': X is the interlocutor; the text may name the recorder
            recorder, evidence = recorder_of_one_sided(w.group("b").strip(), text)
            if recorder:
                senders, rule = [recorder], f"parties.toml [conversation] with: the recorder, from {evidence}"
                conversation = (recorder, w.group("b").strip())
                author_override = recorder
    received = regex(rules["received_party"])
    own = received.sub("", _INTERLOCUTOR.sub(" ", _QUOTED.sub(" ", own))).strip()
    if author_override is not None:
        author = author_override
    else:
        author = _OTHER_PARTY.sub(" ", received.sub("", _SUBJECT.sub("", _EMBEDDED.sub("", _QUOTED.sub(" ", rest)))))
    return TitleParties(tuple(senders), tuple(recipients), tuple(places), tuple(to_places), conversation, rule,
                        author, own)


def title_sender(title: str) -> str:
    """The part of a record title that names the document's author."""
    return read_title(title).author_part


# ------------------------------------------------------------------------ the recorder of a conversation
def name_words(party: str) -> list[str]:
    """The words of a party's personal name: the run of capitalised words that ends it, less its office
    ('Soviet Ambassador to Mongolia P. A. Lukin' -> ['lukin']); initials and particles of two letters or
    fewer are dropped unless nothing else is left."""
    office = regex(_rules()["conversation"]["office_words"])
    tokens = re.findall(r"[\w’'\-]+\.?", re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", party))
    run: list[str] = []
    for k in range(len(tokens) - 1, -1, -1):
        token = tokens[k]
        if not token[:1].isupper() or office.match(token) or (k and tokens[k - 1] in ("to", "in", "at")):
            break
        run.insert(0, token)
    initials = [k for k, token in enumerate(run) if re.fullmatch(r"[A-Z]\.", token)]
    if initials:
        run = run[initials[0]:]
    run = [token.rstrip(".") for token in run]
    words = [w for w in run if len(w) > 2] or [w for w in run if len(w) > 1]
    return [w.casefold() for w in words]


def _mentions(text: str, words: list[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words)


def recording_party(parties: tuple[str, ...], text: str, signatures: tuple[str, ...] = ()) -> tuple[str | None, str]:
    """Which party of a conversation wrote the record, and the evidence: a signature naming one party; a
    journal heading naming one party; a first-person text that names one party only (the recorder
    speaks of himself as 'I' and of the other by name). No evidence, or evidence for both: None."""
    keys = [name_words(p) for p in parties]
    if len(parties) != 2 or not all(keys):
        return None, ""
    rules = _rules()["conversation"]
    for signature in signatures:
        hits = [i for i, k in enumerate(keys) if _mentions(signature, k)]
        if len(hits) == 1:
            return parties[hits[0]], f"the signature '{signature.strip()}'"
    m = regex(rules["journal"]).search(text)
    if m:
        hits = [i for i, k in enumerate(keys) if _mentions(m.group("who"), k)]
        if len(hits) == 1:
            return parties[hits[0]], f"the journal heading '{m.group(0).strip()}'"
    if text and regex(rules["first_person"]).search(text):
        named = [_mentions(text, k) for k in keys]
        if named.count(True) == 1:
            recorder = named.index(False)
            return parties[recorder], f"a first-person text that names only {parties[1 - recorder]!r}"
    return None, ""


def recorder_of_one_sided(interlocutor: str, text: str) -> tuple[str | None, str]:
    """The recorder of a conversation 'with X' whose title names only X: a journal heading, or a heading
    'conversation of A with …', in the text that names someone else than X. Otherwise None."""
    rules = _rules()["conversation"]
    other = name_words(interlocutor) or [w.casefold() for w in re.findall(r"\w{3,}", interlocutor)]
    for key, what in (("journal", "the journal heading"), ("text_heading", "the heading")):
        m = regex(rules[key]).search(text)
        if m:
            who = m.group("who").strip().rstrip(",")
            words = name_words(who)
            if words and not set(words) & set(other):
                return who, f"{what} '{m.group(0).strip()}'"
    return None, ""
