"""RELAX NG through lxml (libxml2), fast for large grammars such as tei_all.rng.

libxml2 needs ~13 s to compile tei_all.rng and cannot save a compiled grammar. A large grammar is
therefore never compiled whole: each document is checked against the grammar reduced to the names it
uses (`rng_reduce`; the verdict is the same, tests/test_validate_rng_reduced.py proves it on a corpus),
which compiles in milliseconds. Reduced grammars are kept

- in memory, keyed by the set of names; a document whose names are a subset of a cached set reuses it;
- on disk, as reduced grammar *text* (what libxml2 can read back), under the cache folder:
  `<cache>/rng/<grammar sha256>-<reducer version>/<names key>.rng`, written to a temporary file and
  renamed into place, so concurrent writers never leave a half-written entry.

Small grammars (our own customization) are compiled whole once, as before.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

from lxml import etree

from ..xmlio import XMLInputError, parse_xml
from .diagnostics import Diagnostic, diagnostic, element_path
from .rng_reduce import Name, inherited_ns, pattern_name, document_names, names_key, reduce_grammar_text, reducible
from .schemas import RNG_NS, SchemaError

REDUCER_VERSION = "1"
LARGE_GRAMMAR = 200  # element patterns; above this a grammar is reduced per document
DISK_ENTRIES_KEPT = 2000  # per grammar; the oldest go first


def default_cache_dir() -> Path:
    """$CABLEGRAM_CACHE_DIR, else $XDG_CACHE_HOME/cablegram, else ~/.cache/cablegram."""
    if os.environ.get("CABLEGRAM_CACHE_DIR"):
        return Path(os.environ["CABLEGRAM_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cablegram"


class RelaxNGGrammar:
    """One RELAX NG grammar: `check(tree, name)` gives its diagnostics for a parsed document.

    `cache_dir`: where reduced grammars are kept between runs; None for the default, False for none.
    `reduce`: None decides by size; True/False force it (tests compare both)."""

    def __init__(self, path: Path, *, cache_dir: Path | None | bool = None, reduce: bool | None = None) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SchemaError(f"{path}: cannot read schema ({exc.strerror})") from None
        try:
            self.grammar = parse_xml(path).getroot()  # from the path: includes resolve relative to it
        except XMLInputError as exc:
            raise SchemaError(str(exc)) from None
        self.path = path
        self.grammar_id = hashlib.sha256(data).hexdigest()[:24]
        self._lock = threading.Lock()
        self._allowed: dict[str, set[str]] | None = None
        self._declared = None
        why_not = reducible(self.grammar)
        size = sum(1 for _ in self.grammar.iter(f"{{{RNG_NS}}}element"))
        self.reduced = (why_not is None) if reduce else (reduce is None and why_not is None and size > LARGE_GRAMMAR)
        self._whole = None if self.reduced else self._compile(self.grammar)
        self._by_key: dict[str, etree.RelaxNG] = {}
        self._exact: dict[str, etree.RelaxNG] = {}
        self._by_names: list[tuple[frozenset[Name], frozenset[Name], etree.RelaxNG]] = []
        if cache_dir is False or not self.reduced:
            self.cache = None
        else:
            self.cache = Path(cache_dir or default_cache_dir()) / "rng" / f"{self.grammar_id}-{REDUCER_VERSION}"

    # ---------------------------------------------------------------- compiling
    def _compile(self, grammar: etree._Element) -> etree.RelaxNG:
        try:
            return etree.RelaxNG(grammar)
        except etree.RelaxNGParseError as exc:
            raise SchemaError(f"{self.path}: cannot compile RNG schema: {exc}") from None

    def schema_for(self, tree: etree._ElementTree, exact: bool = False) -> etree.RelaxNG:
        """The compiled grammar to check this document with.

        Any grammar reduced for a superset of the document's names gives the same verdict; `exact` asks
        for the one reduced for exactly its names, whose messages depend on nothing but the document."""
        if not self.reduced:
            return self._whole
        elements, attributes = document_names(tree)
        key = names_key(elements, attributes)
        with self._lock:
            if key in self._exact:
                return self._exact[key]
            if not exact:
                if key in self._by_key:
                    return self._by_key[key]
                for els, atts, schema in self._by_names:
                    if elements <= els and attributes <= atts:
                        self._by_key[key] = schema
                        return schema
            schema = self._load(key) or self._reduce_and_store(key, elements, attributes)
            self._exact[key] = self._by_key[key] = schema
            self._by_names.append((elements, attributes, schema))
            return schema

    def _load(self, key: str) -> etree.RelaxNG | None:
        if self.cache is None:
            return None
        entry = self.cache / f"{key}.rng"
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        try:
            return etree.RelaxNG(etree.fromstring(data))
        except (etree.XMLSyntaxError, etree.RelaxNGParseError):
            _unlink(entry)  # a damaged entry (disk full, tampering): made again below
            return None

    def _reduce_and_store(self, key: str, elements, attributes) -> etree.RelaxNG:
        try:
            text = reduce_grammar_text(self.grammar, elements, attributes).encode("utf-8")
            schema = etree.RelaxNG(etree.fromstring(text))
        except (etree.RelaxNGParseError, etree.XMLSyntaxError, ValueError):
            # the whole grammar tells whether the schema itself is broken (slow, but only on a broken schema)
            self._compile(self.grammar)
            raise SchemaError(f"{self.path}: the grammar reduced for this document does not compile (a cablegram defect); "
                              "report it with the document") from None
        if self.cache is not None:
            self._store(key, text)
        return schema

    def _store(self, key: str, text: bytes) -> None:
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache, prefix=f".{key}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
            os.replace(tmp, self.cache / f"{key}.rng")  # atomic: readers see the old file or the whole new one
        except OSError:
            return  # an unwritable cache only costs time
        entries = sorted(self.cache.glob("*.rng"), key=lambda p: _mtime(p))
        for old in entries[: max(0, len(entries) - DISK_ENTRIES_KEPT)]:
            _unlink(old)

    # ---------------------------------------------------------------- checking
    def check(self, tree: etree._ElementTree, name: str) -> list[Diagnostic]:
        schema = self.schema_for(tree)
        with self._lock:  # an lxml RelaxNG object keeps its error log: one document at a time
            valid = schema.validate(tree)
        if valid:
            return []
        # invalid: the messages come from the grammar reduced for exactly this document's names, so that they
        # do not depend on which files were checked before it in the run (same input, same report)
        schema = self.schema_for(tree, exact=True)
        with self._lock:
            schema.validate(tree)
            entries = list(schema.error_log)
        if not entries:  # libxml2 may reject without a word (e.g. a start that allows nothing)
            root = tree.getroot()
            return [diagnostic("CG-RNG", "error", f"the grammar does not allow <{etree.QName(root).localname}> "
                               f"in namespace '{etree.QName(root).namespace or ''}' as the root element",
                               name, root.sourceline or 1, 1, element_path(root))]
        out = []
        for entry in entries:
            message = entry.message
            xpath = ""
            nodes = _nodes_at(tree, entry.path)
            if nodes and isinstance(nodes[0], etree._Element):
                node = nodes[0]
                xpath = element_path(node)
                parent = node.getparent()
                if "expect element" in message and parent is not None:
                    expected = self.allowed_children().get(etree.QName(parent).localname)
                    if expected:
                        message += f"; inside <{etree.QName(parent).localname}> the schema allows: {', '.join(sorted(expected))}"
                elif "Expecting an element" in message or "got nothing" in message:
                    expected = self.allowed_children().get(etree.QName(node).localname)
                    if expected:
                        message = f"<{etree.QName(node).localname}> is missing required content; it may contain: {', '.join(sorted(expected))}"
            out.append(diagnostic("CG-RNG", "error", message, name, entry.line or 0, (entry.column or 0) or 1, xpath))
        return self.undeclared(tree, name) + out

    def undeclared(self, tree: etree._ElementTree, name: str) -> list[Diagnostic]:
        """Elements and attributes whose names the grammar allows nowhere, each at its own line.

        libxml2 often reports such a name at its parent or sibling; an editor's typo deserves its own line
        (the document is invalid anyway: this adds precision, never a verdict)."""
        if self._declared is None:
            self._declared = declared_names(self.grammar)
        (elements, element_classes), (attributes, attribute_classes) = self._declared
        out = []
        for el in tree.getroot().iter(etree.Element):
            q = etree.QName(el)
            key = (q.namespace or "", q.localname)
            if key not in elements and not any(_matches(c, key) for c in element_classes):
                out.append(diagnostic("CG-RNG", "error", f"element <{q.localname}>"
                                      f"{f' in namespace {q.namespace!r}' if q.namespace else ' in no namespace'} "
                                      "is not allowed anywhere in this schema", name, el.sourceline or 0, 1, element_path(el)))
            for attr in el.attrib:
                a = etree.QName(attr)
                akey = (a.namespace or "", a.localname)
                if akey not in attributes and not any(_matches(c, akey) for c in attribute_classes):
                    out.append(diagnostic("CG-RNG", "error", f"attribute @{a.localname} is not allowed anywhere in this schema "
                                          f"(on <{q.localname}>)", name, el.sourceline or 0, 1, element_path(el)))
        return out

    def allowed_children(self) -> dict[str, set[str]]:
        """Element name → the element names the whole grammar allows inside it (for messages; made on first use)."""
        if self._allowed is None:
            self._allowed = allowed_children(self.grammar)
        return self._allowed


def declared_names(grammar: etree._Element):
    """((element names, element name classes), (attribute names, attribute name classes)) of a grammar."""
    r = f"{{{RNG_NS}}}"
    found = {r + "element": (set(), []), r + "attribute": (set(), [])}
    for pattern in grammar.iter(r + "element", r + "attribute"):
        names, classes = found[pattern.tag]
        exact = pattern_name(pattern)
        if exact is not None:
            names.add(exact)
        elif pattern.get("name") is None:
            classes.append(next(c for c in pattern if isinstance(c.tag, str) and c.tag.startswith(r)))
        else:
            classes.append(None)  # a name we could not resolve: assume it may match anything
    return found[r + "element"], found[r + "attribute"]


def _matches(name_class, name: Name) -> bool:
    """Whether a RELAX NG name class can match an expanded name (None: assume it can)."""
    if name_class is None:
        return True
    r = f"{{{RNG_NS}}}"
    tag = name_class.tag
    if tag == r + "name":
        text = (name_class.text or "").strip()
        if ":" in text:
            return True  # a prefixed name in a name class: rare; never claim it cannot match
        return (inherited_ns(name_class), text) == name
    if tag == r + "choice":
        return any(_matches(c, name) for c in name_class if isinstance(c.tag, str) and c.tag.startswith(r))
    if tag in (r + "anyName", r + "nsName"):
        if tag == r + "nsName" and inherited_ns(name_class) != name[0]:
            return False
        excepted = name_class.find(r + "except")
        return excepted is None or not any(_matches(c, name) for c in excepted if isinstance(c.tag, str) and c.tag.startswith(r))
    return True


def allowed_children(grammar: etree._Element) -> dict[str, set[str]]:
    r = f"{{{RNG_NS}}}"
    defines = {d.get("name"): d for d in grammar.iter(r + "define")}
    memo: dict[str, frozenset[str]] = {}

    def in_define(name: str) -> frozenset[str]:
        if name not in memo:
            memo[name] = frozenset()  # a cycle outside elements adds nothing new
            memo[name] = frozenset(children(defines[name])) if name in defines else frozenset()
        return memo[name]

    def children(node) -> set[str]:
        found: set[str] = set()
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == r + "element":
                if child.get("name"):
                    found.add(child.get("name"))
            elif child.tag == r + "ref":
                found |= in_define(child.get("name"))
            elif child.tag != r + "attribute":
                found |= children(child)
        return found

    allowed: dict[str, set[str]] = {}
    for element in grammar.iter(r + "element"):
        if element.get("name"):
            allowed.setdefault(element.get("name"), set()).update(children(element))
    return allowed


def _nodes_at(tree: etree._ElementTree, path: str | None) -> list:
    """The nodes of libxml2's error path (its prefixes are the document's)."""
    if not path:
        return []
    prefixes = {p: uri for el in tree.getroot().iter(etree.Element) for p, uri in el.nsmap.items() if p}
    try:
        return tree.xpath(path, namespaces=prefixes)
    except etree.XPathError:
        return []


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
