"""Reading content files: bytes → text → front matter values that remember their line.

The loader is strict where YAML 1.1 is treacherous for editors: it refuses tags
(``!!python/object``), anchors and aliases (and with them "billion laughs"), and
keys given twice (PyYAML would silently keep the last). It keeps every scalar as
written next to what YAML made of it, so that ``end: 12:00`` (the integer 720 to
YAML 1.1) can still be read as the time it was meant to be.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .problems import Problem

try:  # the C composer is several times faster; marks and tags are the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {
    _YAML + "str": "str",
    _YAML + "int": "int",
    _YAML + "float": "float",
    _YAML + "bool": "bool",
    _YAML + "null": "null",
    _YAML + "timestamp": "timestamp",
}
_BOUNDARY = YAMLHandler.FM_BOUNDARY
_LEADING_TABS = re.compile(r"^\t+", re.MULTILINE)
_BOOL_TRUE = {"yes", "true", "on", "y"}

DEFAULT_MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Value:
    """A front matter value with the line it was written on."""

    data: Any
    """Scalars: the Python value (strings as written; timestamps stay strings).
    Sequences: ``list[Value]``. Mappings: ``dict[str, Value]``."""

    kind: str
    """``str``, ``int``, ``float``, ``bool``, ``null``, ``timestamp``, ``seq``, ``map``, or
    ``refused`` (a tag or alias that was reported and is not to be used)."""

    line: int
    """1-based line in the file: the key's line for mapping entries."""

    raw: str | None = None
    """The scalar exactly as written (``12:00`` even where YAML 1.1 says 720)."""

    def plain(self) -> Any:
        """The value with the line information stripped, for messages and tests."""
        if self.kind == "seq":
            return [item.plain() for item in self.data]
        if self.kind == "map":
            return {key: item.plain() for key, item in self.data.items()}
        return self.data


@dataclass
class Document:
    """One content file: its front matter values and its Markdown body."""

    path: str
    """Path relative to the project root, with forward slashes (used in messages)."""

    slug: str
    """The file's stem: its URL part."""

    fields: dict[str, Value]
    body: str
    """The Markdown after the closing ``---``, with LF line endings."""

    body_line: int
    """The line on which the body starts."""

    problems: list[Problem] = field(default_factory=list)
    """Problems found while reading; a document with errors has no usable fields."""


def read_text(path: Path, display: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file the way editors' tools write it (BOM, CRLF, CR all accepted)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(display, 1, "-", f"Datei kann nicht gelesen werden ({exc.strerror})")]
    if size > max_bytes:
        return None, [
            Problem(
                display,
                1,
                "-",
                f"Datei ist zu groß ({size:,} Bytes)".replace(",", "."),
                f"höchstens {max_bytes:,} Bytes".replace(",", "."),
            )
        ]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(display, line, "-", f"Ungültige UTF-8-Zeichenfolge an Byte {exc.start}", "Datei in UTF-8 speichern")
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load_document(path: Path, display: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Document:
    """Read one Markdown content file; problems are collected on the document, never raised."""
    slug = path.stem
    text, problems = read_text(path, display, max_bytes)
    if text is None:
        return Document(display, slug, {}, "", 1, problems)
    return parse_document(text, display, slug)


def parse_document(text: str, display: str, slug: str) -> Document:
    """Split front matter from body and load the front matter strictly."""
    if not text.strip():
        return Document(display, slug, {}, "", 1, [Problem(display, 1, "-", "Datei ist leer", "Front Matter zwischen zwei Zeilen mit ---")])
    opening = _BOUNDARY.match(text)
    if opening is None or opening.start() != 0 or not text.startswith("---"):
        return Document(
            display, slug, {}, text, 1,
            [Problem(display, 1, "-", "Datei beginnt nicht mit Front Matter", "erste Zeile: ---")],
        )
    # The library's boundary pattern lets \s* run into the next lines; cut at the line end.
    fm_start = text.index("\n") + 1 if "\n" in text else len(text)
    closing = _BOUNDARY.search(text, fm_start)
    if closing is None:
        return Document(
            display, slug, {}, "", 1,
            [Problem(display, 1, "-", "Front Matter wird nicht abgeschlossen", "eine Zeile mit --- nach den Feldern")],
        )
    fm_text = text[fm_start:closing.start()]
    closing_line_end = text.find("\n", closing.start())
    body_start = len(text) if closing_line_end == -1 else closing_line_end + 1
    body_line = text.count("\n", 0, body_start) + 1
    fields, problems = load_front_matter(fm_text, display, first_line=2)
    return Document(display, slug, fields, text[body_start:], body_line, problems)


def load_yaml(text: str, display: str, first_line: int = 1) -> tuple[Value | None, list[Problem]]:
    """Load one YAML document strictly; ``first_line`` is the file line of its first line."""
    text = _LEADING_TABS.sub(lambda m: "  " * len(m.group(0)), text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, first_line)]
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark
        return None, [Problem(display, first_line, "-", f"YAML-Syntaxfehler: {exc}")]
    if node is None:
        return None, [Problem(display, first_line, "-", "Inhalt ist leer", "Felder wie title: ...")]
    builder = _ValueBuilder(display, first_line)
    value = builder.build(node, key_line=None)
    # Entries with a refused tag or alias are dropped and reported; the rest stays
    # usable so that one run reports every problem of the file.
    return value, builder.problems


_SYNTAX_MESSAGES = {
    "did not find expected key": "Einrückung stimmt nicht oder ein Feldname fehlt",
    "found unexpected end of stream": "Anführungszeichen oder Klammer wird nicht geschlossen",
    "mapping values are not allowed here": "Doppelpunkt an unerwarteter Stelle (Werte mit „: “ in Anführungszeichen setzen)",
    "found character '\\t' that cannot start any token": "Tabulator an unerlaubter Stelle",
    "did not find expected ',' or ']'": "Liste wird nicht mit ] geschlossen",
    "did not find expected ',' or '}'": "Zuordnung wird nicht mit } geschlossen",
    "found undefined alias": "Alias ohne Anker (* ist in YAML ein Sonderzeichen: in Anführungszeichen setzen)",
    "found unexpected ':'": "Doppelpunkt an unerwarteter Stelle (in Anführungszeichen setzen)",
    "expected <block end>, but found '-'": "Listeneintrag mit - an unerwarteter Stelle (Einrückung prüfen)",
    "found character '@' that cannot start any token": "@ am Anfang eines Werts: Wert in Anführungszeichen setzen",
    "found character '`' that cannot start any token": "` am Anfang eines Werts: Wert in Anführungszeichen setzen",
}


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, first_line: int) -> Problem:
    """A German message at the line where the editor has to look."""
    problem = exc.problem or exc.context or ""
    # An unclosed quote is found only at the end; the line where it opened is the useful one.
    mark = exc.context_mark if "end of stream" in problem and exc.context_mark else exc.problem_mark or exc.context_mark
    line = first_line + (mark.line if mark else 0)
    text = _SYNTAX_MESSAGES.get(problem.split(" (")[0], f"YAML kann nicht gelesen werden ({problem})")
    return Problem(display, line, "-", f"YAML-Syntaxfehler: {text}", "gültiges YAML, z. B. feld: wert")


def load_front_matter(fm_text: str, display: str, first_line: int = 1) -> tuple[dict[str, Value], list[Problem]]:
    """Load a front matter block, which must be a mapping of fields."""
    value, problems = load_yaml(fm_text, display, first_line)
    if value is None:
        return {}, problems
    if value.kind != "map":
        return {}, problems + [
            Problem(display, value.line, "-", f"Front Matter ist {_KIND_NAMES[value.kind]}, keine Zuordnung von Feldern", "feld: wert je Zeile")
        ]
    return value.data, problems


_KIND_NAMES = {
    "str": "ein Text",
    "int": "eine Zahl",
    "float": "eine Zahl",
    "bool": "ein Wahrheitswert",
    "null": "leer",
    "timestamp": "ein Datum",
    "seq": "eine Liste",
    "map": "eine Zuordnung",
    "refused": "nicht lesbar",
}


def kind_name(kind: str) -> str:
    """German name of a value kind, for messages (``eine Liste``)."""
    return _KIND_NAMES[kind]


class _ValueBuilder:
    """Turns a composed YAML node graph into ``Value`` trees, collecting problems."""

    def __init__(self, display: str, first_line: int):
        self.display = display
        self.first_line = first_line
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._alias_reported = False

    def _line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def build(self, node: yaml.Node, key_line: int | None, path: str = "-", parent_line: int | None = None) -> Value:
        line = key_line if key_line is not None else self._line(node)
        # An alias has no position of its own once composed: name the entry that holds it.
        use_line = key_line if key_line is not None else parent_line if parent_line is not None else line
        if id(node) in self._seen:
            # The composer shares the node of an anchor with every alias to it. One
            # report per file: an alias bomb would otherwise give thousands.
            if not self._alias_reported:
                self._alias_reported = True
                self.problems.append(Problem(self.display, use_line, path, "Anker und Aliase (&, *) sind nicht erlaubt", "jeden Wert ausschreiben"))
            return _refused(line)
        self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, line, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _YAML + "seq":
                return self._bad_tag(node, path)
            return Value([self.build(item, None, path, line) for item in node.value], "seq", line)
        assert isinstance(node, yaml.MappingNode)
        if node.tag != _YAML + "map":
            return self._bad_tag(node, path)
        entries: dict[str, Value] = {}
        for key_node, value_node in node.value:
            key_line_here = self._line(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _YAML + "str":
                self.problems.append(Problem(self.display, key_line_here, path, "Feldname muss ein einfacher Text sein", "name: wert"))
                continue
            key = key_node.value
            child = key if path == "-" else f"{path}.{key}"
            if key in entries:
                self.problems.append(
                    Problem(self.display, key_line_here, child, f"Feld ist doppelt angegeben (zuerst in Zeile {entries[key].line})", "jedes Feld nur einmal")
                )
                continue
            entries[key] = self.build(value_node, key_line_here, child)
        return Value(entries, "map", line)

    def _scalar(self, node: yaml.ScalarNode, line: int, path: str) -> Value:
        kind = _SCALAR_TAGS.get(node.tag)
        if kind is None:
            return self._bad_tag(node, path)
        raw = node.value
        data: Any = raw
        if kind == "int":
            data = _yaml11_int(raw)
        elif kind == "float":
            data = _yaml11_float(raw)
        elif kind == "bool":
            data = raw.lower() in _BOOL_TRUE
        elif kind == "null":
            data = None
        return Value(data, kind, line, raw)

    def _bad_tag(self, node: yaml.Node, path: str) -> Value:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(Problem(self.display, self._line(node), path, f"YAML-Tag {tag} ist nicht erlaubt", "einfache Werte ohne !-Tags"))
        return _refused(self._line(node))


def _refused(line: int) -> Value:
    """Stands for a value that was reported and must not be used (nor reported as missing)."""
    return Value(None, "refused", line)


def _yaml11_int(raw: str) -> int:
    """YAML 1.1 integers, including the sexagesimal ``10:00`` (= 600)."""
    text = raw.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if ":" in text:
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return sign * total
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0") and len(text) > 1:
        return sign * int(text, 8)
    return sign * int(text)


def _yaml11_float(raw: str) -> float:
    text = raw.replace("_", "").lower()
    if text in (".nan",):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if ":" in text:
        sign = -1.0 if text.startswith("-") else 1.0
        total = 0.0
        for part in text.lstrip("+-").split(":"):
            total = total * 60 + float(part)
        return sign * total
    return float(text)


def iter_content_files(folder: Path, suffix: str = ".md") -> list[Path]:
    """Content files of one folder in a stable order (builds must not depend on the file system)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith(".")), key=lambda p: p.name)


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink resolved, lies inside ``root``."""
    try:
        return os.path.commonpath([path.resolve(), root.resolve()]) == str(root.resolve())
    except ValueError:
        return False
