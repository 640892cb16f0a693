"""Reading content files: bytes → text → front matter values that remember their line.

The loader is strict where YAML 1.1 is treacherous for editors: it refuses tags
(``!!python/object``), anchors and aliases (and with them "billion laughs"), and
keys given twice (PyYAML would silently keep the last). It keeps every scalar as
written next to what YAML made of it, so that ``end: 12:00`` (the integer 720 to
YAML 1.1) can still be read as the time it was meant to be.

It is also safe by construction against hostile input: invisible control
characters end the file's reading, numbers are parsed with bounds, and nesting
is limited before anything recursive sees the YAML.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from frontmatter.default_handlers import YAMLHandler

from quartier.bounds import DEFAULT_MAX_FILE_BYTES
from quartier.problems import Problem, ProblemCode
from quartier.text.yaml_syntax import syntax_problem, unreadable_yaml

try:  # the C composer is several times faster; marks and tags are the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class ValueKind(StrEnum):
    """What YAML made of a front matter value. A ``StrEnum``, so ``value.kind == "str"`` still holds."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    NULL = "null"
    TIMESTAMP = "timestamp"
    SEQ = "seq"
    MAP = "map"
    REFUSED = "refused"
    """A tag or alias that was reported and is not to be used."""


class LoadCode(ProblemCode):
    """Problems of reading a file: its bytes, its text, its front matter and its YAML."""

    LINK_OUTSIDE_PROJECT = "input.link-outside-project"
    LINK_OUTSIDE_FOLDER = "input.link-outside-folder"
    LINK_HIDDEN = "input.link-hidden"
    LINK_DANGLING = "input.link-dangling"
    NOT_A_FILE = "input.not-a-regular-file"
    TOO_LARGE = "input.too-large"
    UNREADABLE = "input.unreadable"
    NOT_UTF8 = "input.not-utf8"
    FORBIDDEN_CHARACTER = "input.forbidden-character"
    MORE_FORBIDDEN_CHARACTERS = "input.more-forbidden-characters"
    EMPTY = "front-matter.empty-file"
    NO_FRONT_MATTER = "front-matter.missing"
    NOT_CLOSED = "front-matter.not-closed"
    NOT_A_MAPPING = "front-matter.not-a-mapping"
    YAML_EMPTY = "yaml.empty"
    TOO_DEEP = "yaml.too-deep"
    ALIAS = "yaml.alias-refused"
    KEY_NOT_TEXT = "yaml.key-not-text"
    DUPLICATE_KEY = "yaml.duplicate-key"
    NUMBER_UNREADABLE = "yaml.number-unreadable"
    TAG = "yaml.tag"


_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {
    _YAML + kind.value: kind
    for kind in (ValueKind.STR, ValueKind.INT, ValueKind.FLOAT, ValueKind.BOOL, ValueKind.NULL, ValueKind.TIMESTAMP)
}
# python-frontmatter splits the file, with the boundary its handlers take as a parameter:
# a line of three or more dashes, perhaps followed by spaces, as Jekyll and MkDocs write
# it. The library's default lets the trailing space run on into the following lines,
# which would move every line number after it. Loading stays ours (load_front_matter):
# the library's YAML load keeps no lines and takes what a strict reader must refuse.
_FRONT_MATTER = YAMLHandler(fm_boundary=re.compile(r"^-{3,}[^\S\n]*$", re.MULTILINE))
_LEADING_TABS = re.compile(r"^\t+", re.MULTILINE)
_BOOL_TRUE = {"yes", "true", "on", "y"}


# Invisible characters that have no business in content: they hide text from the
# reviewer, end strings in C code, and U+2028/U+2029 break JavaScript string
# literals and feed readers. TAB and LF are text; CR is normalised before this
# runs. Bidi controls are not here: the validator decides on them per field.
# Lone surrogates cannot come out of UTF-8 decoding, only out of callers passing text.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_MAX_CHARACTER_REPORTS = 10

# The content schema nests at most four levels (a list of mappings in a mapping);
# anything far deeper is an attack or an accident, and PyYAML's composers (the C
# one included) recurse once per level: 100,000 levels crash the interpreter.
MAX_NESTING = 10

# YAML 1.1 integers are unbounded, and int() on thousands of digits is slow (and
# raises beyond 4,300). No field holds a number anywhere near 18 digits; longer
# digit strings are identifiers that belong in quotes.
_INT_LIMIT = 10**18
# Any digit string that can still be below the limit is far shorter than this.
_MAX_INT_CHARACTERS = 64
_NUMBER_EXPECTED = "Zahl mit höchstens 18 Ziffern wie 51.4556 (Nummern und Text in Anführungszeichen setzen)"


@dataclass(frozen=True)
class Value:
    """A front matter value with the line it was written on."""

    # Any: which of these it is, ``kind`` says; mypy cannot narrow one field by another's value.
    data: Any
    """Scalars: the Python value (strings as written; timestamps stay strings).
    Sequences: ``list[Value]``. Mappings: ``dict[str, Value]``."""

    kind: ValueKind

    line: int
    """1-based line in the file: the key's line for mapping entries."""

    raw: str | None = None
    """The scalar exactly as written (``12:00`` even where YAML 1.1 says 720)."""

    def plain(self) -> object:
        """The value with the line information stripped, for messages and tests."""
        if self.kind is ValueKind.SEQ:
            return [item.plain() for item in self.data]
        if self.kind is ValueKind.MAP:
            return {key: item.plain() for key, item in self.data.items()}
        return self.data


@dataclass(frozen=True)
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


class TooLarge(Exception):
    """A file holds more bytes than it may."""

    def __init__(self, limit: int, size: int | None = None):
        super().__init__(limit, size)
        self.limit = limit
        self.size = size
        """The size the file system reports, when it already says so; ``None`` when only reading showed it."""


def _bytes_text(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``: at most ``max_bytes``, else ``TooLarge``.

    The bound is on the bytes actually read, not on ``st_size``, which is 0 for files
    under /proc and says nothing about a pipe. The file is opened without waiting for a
    writer (a named pipe would block), and anything but a regular file is refused with
    ``OSError`` (``EINVAL``), as is a file that cannot be opened.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(descriptor, "rb", closefd=True) as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "keine gewöhnliche Datei", str(path))
        if status.st_size > max_bytes:
            raise TooLarge(max_bytes, status.st_size)
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(max_bytes)
    return data


class LinkRefusal(NamedTuple):
    """Why the rule for links refuses a file: German message and expected text, and its code."""

    message: str
    expected: str
    code: LoadCode


def link_problem(path: Path, folder: Path, root: Path | None = None) -> LinkRefusal | None:
    """Why ``path`` must not be read as an input of ``folder``, or ``None``.

    The one rule for every input (content files of all types, docs/, images): a file is
    read only if it is a regular file, and a symlink only if it leads to a regular file
    inside the same published ``folder`` (``folder`` itself reached from ``root``
    without a link): never out of the project, never into ``.git/`` or another
    hidden file, never to a pipe or a device. A folder on the way that is a link counts
    like the file being one. Nothing is read here: MkDocs copies docs/ files itself,
    so the rule has to hold before anyone reads.
    """
    base = folder if root is None else root
    real_root = os.path.realpath(base)
    area = os.path.normpath(os.path.join(real_root, os.path.relpath(os.path.abspath(folder), os.path.abspath(base))))
    lexical = os.path.normpath(os.path.join(area, os.path.relpath(os.path.abspath(path), os.path.abspath(folder))))
    real = os.path.realpath(path)
    is_link = os.path.islink(path)
    if real != lexical:
        shown = _folder_name(folder, base)
        expected = _expected(shown)
        link = (
            "Datei ist ein Verweis (Symlink) auf"
            if is_link
            else "Datei liegt in einem Ordner, der ein Verweis (Symlink) ist, und führt so auf"
        )
        if not _within(real, real_root):
            return LinkRefusal(f"{link} eine Datei außerhalb des Projekts", expected, LoadCode.LINK_OUTSIDE_PROJECT)
        if not _within(real, area):
            return LinkRefusal(f"{link} eine Datei außerhalb von {shown}", expected, LoadCode.LINK_OUTSIDE_FOLDER)
        if any(part.startswith(".") for part in Path(os.path.relpath(real, area)).parts):
            return LinkRefusal(f"{link} eine versteckte Datei", expected, LoadCode.LINK_HIDDEN)
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        expected = _expected(_folder_name(folder, base))
        if is_link:
            return LinkRefusal("Datei ist ein Verweis (Symlink), der ins Leere führt", expected, LoadCode.LINK_DANGLING)
        return LinkRefusal(f"Datei kann nicht gelesen werden ({exc.strerror})", expected, LoadCode.UNREADABLE)
    if not stat.S_ISREG(mode):
        expected = _expected(_folder_name(folder, base))
        what = "führt auf" if is_link else "ist"
        return LinkRefusal(
            f"Datei {what} keine gewöhnliche Datei (sondern einen Ordner, eine Pipe oder ein Gerät)",
            expected,
            LoadCode.NOT_A_FILE,
        )
    return None


def _expected(shown: str) -> str:
    # Built only for a problem: the folder's name costs path arithmetic on every file.
    return f"eine echte Datei in {shown} oder einen Verweis auf eine Datei dort"


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _folder_name(folder: Path, root: Path) -> str:
    relative = os.path.relpath(os.path.abspath(folder), os.path.abspath(root))
    name = folder.name if relative == "." or relative.startswith("..") else Path(relative).as_posix()
    return f"{name}/"


def read_input(
    path: Path, display: str, max_bytes: int, *, folder: Path | None = None, root: Path | None = None
) -> tuple[bytes | None, list[Problem]]:
    """Every input's bytes go through here: ``link_problem``, then ``read_bounded``.

    ``folder`` is the published folder the file belongs to (what a symlink may lead
    to; default: the file's own folder), ``root`` the project. ``None`` with the
    problem when the file must not or cannot be read.
    """
    refused = link_problem(path, path.parent if folder is None else folder, root)
    if refused is not None:
        return None, [Problem(display, 1, "-", refused.message, refused.expected, code=refused.code)]
    try:
        return read_bounded(path, max_bytes), []
    except TooLarge as exc:
        size = f"{_bytes_text(exc.size)} Bytes" if exc.size is not None else f"mehr als {_bytes_text(max_bytes)} Bytes"
        return None, [
            Problem(
                display,
                1,
                "-",
                f"Datei ist zu groß ({size})",
                f"höchstens {_bytes_text(max_bytes)} Bytes",
                code=LoadCode.TOO_LARGE,
            )
        ]
    except OSError as exc:
        return None, [
            Problem(display, 1, "-", f"Datei kann nicht gelesen werden ({exc.strerror})", code=LoadCode.UNREADABLE)
        ]


def read_text(
    path: Path,
    display: str,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    *,
    folder: Path | None = None,
    root: Path | None = None,
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file the way editors' tools write it (BOM, CRLF, CR all accepted).

    ``None`` with the problems if the file may not be read (``read_input``: links, size)
    is not UTF-8, or holds invisible control characters (see ``forbidden_characters``).
    """
    data, problems = read_input(path, display, max_bytes, folder=folder, root=root)
    if data is None:
        return None, problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(
                display,
                line,
                "-",
                f"Ungültige UTF-8-Zeichenfolge an Byte {exc.start}",
                "Datei in UTF-8 speichern",
                code=LoadCode.NOT_UTF8,
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = forbidden_characters(text, display)
    # Like invalid UTF-8: what the editor sees is not what the site would get.
    return (None, problems) if problems else (text, [])


def forbidden_characters(text: str, display: str, first_line: int = 1) -> list[Problem]:
    """One problem per line with an invisible control character (at most ten, then a summary)."""
    match = _FORBIDDEN_CHARACTERS.search(text)
    if match is None:
        return []
    problems: list[Problem] = []
    line, counted_to, more_lines, first_unreported = first_line, 0, 0, 0
    while match is not None:
        # Counting only the stretch since the last hit keeps the whole scan linear.
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if len(problems) < _MAX_CHARACTER_REPORTS:
            line_start = text.rfind("\n", 0, match.start()) + 1
            problems.append(_character_problem(display, line, match.group(), match.start() - line_start + 1))
        else:
            more_lines += 1
            first_unreported = first_unreported or line
        line_end = text.find("\n", match.start())
        if line_end == -1:
            break
        match = _FORBIDDEN_CHARACTERS.search(text, line_end)
    if more_lines:
        problems.append(
            Problem(
                display,
                first_unreported,
                "-",
                (
                    f"Nicht erlaubte Zeichen auch in {more_lines} weiteren "
                    f"{'Zeile' if more_lines == 1 else 'Zeilen'} (nicht einzeln aufgeführt)"
                ),
                "sichtbaren Text (Zeichen löschen)",
                code=LoadCode.MORE_FORBIDDEN_CHARACTERS,
            )
        )
    return problems


def _character_problem(display: str, line: int, character: str, column: int) -> Problem:
    code = f"U+{ord(character):04X}"
    where = f"(Spalte {column})"
    if character in "\u2028\u2029":
        name = "Zeilentrennzeichen" if character == "\u2028" else "Absatztrennzeichen"
        return Problem(
            display,
            line,
            "-",
            f"{name} {code} ist nicht erlaubt {where}",
            "normalen Zeilenumbruch oder Leerzeichen (Zeichen ersetzen)",
            code=LoadCode.FORBIDDEN_CHARACTER,
        )
    name = "Steuerzeichen" if ord(character) <= 0x9F else "Zeichen"
    return Problem(
        display,
        line,
        "-",
        f"{name} {code} ist nicht erlaubt {where}",
        "sichtbaren Text (Zeichen löschen)",
        code=LoadCode.FORBIDDEN_CHARACTER,
    )


def load_document(
    path: Path,
    display: str,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    *,
    folder: Path | None = None,
    root: Path | None = None,
) -> Document:
    """Read one Markdown content file; problems are collected on the document, never raised.

    ``folder`` and ``root`` as for ``read_input``."""
    slug = path.stem
    text, problems = read_text(path, display, max_bytes, folder=folder, root=root)
    if text is None:
        return Document(display, slug, {}, "", 1, problems)
    return _split_and_load(text, display, slug)


def parse_document(text: str, display: str, slug: str) -> Document:
    """Split front matter from body and load the front matter strictly."""
    # Text that did not come through read_text gets the same rule as files.
    problems = forbidden_characters(text, display)
    if problems:
        return Document(display, slug, {}, "", 1, problems)
    return _split_and_load(text, display, slug)


def _split_and_load(text: str, display: str, slug: str) -> Document:
    """Front matter between two lines of dashes, then the body (a file without both has no fields)."""
    if not text.strip():
        return _without_fields(display, slug, "", LoadCode.EMPTY, "Datei ist leer", _BOTH_LINES)
    if not _FRONT_MATTER.detect(text):
        message = "Datei beginnt nicht mit Front Matter"
        return _without_fields(display, slug, text, LoadCode.NO_FRONT_MATTER, message, "erste Zeile: ---")
    try:
        front, rest = _FRONT_MATTER.split(text)
    except ValueError:  # no second boundary
        message, expected = "Front Matter wird nicht abgeschlossen", "eine Zeile mit --- nach den Feldern"
        return _without_fields(display, slug, "", LoadCode.NOT_CLOSED, message, expected)
    # Both parts begin with the line end of the boundary before them.
    fm_text = front.removeprefix("\n")
    body = rest.removeprefix("\n")
    body_line = 2 + front.count("\n") - (body == rest)
    fields, problems = load_front_matter(fm_text, display, first_line=2)
    return Document(display, slug, fields, body, body_line, problems)


_BOTH_LINES = "Front Matter zwischen zwei Zeilen mit ---"


def _without_fields(display: str, slug: str, body: str, code: LoadCode, message: str, expected: str) -> Document:
    return Document(display, slug, {}, body, 1, [Problem(display, 1, "-", message, expected, code=code)])


def load_yaml(text: str, display: str, first_line: int = 1) -> tuple[Value | None, list[Problem]]:
    """Load one YAML document strictly; ``first_line`` is the file line of its first line."""
    # Both YAML readers refuse these too, but with an English message and no line.
    problems = forbidden_characters(text, display, first_line)
    if problems:
        return None, problems
    text = _LEADING_TABS.sub(lambda m: "  " * len(m.group(0)), text)
    too_deep = _nesting_problem(text, display, first_line)
    if too_deep is not None:
        return None, [too_deep]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, display, first_line, text)]
    except yaml.YAMLError:  # pragma: no cover - errors without a mark
        return None, [unreadable_yaml(display, first_line)]
    if node is None:
        return None, [
            Problem(display, first_line, "-", "Inhalt ist leer", "Felder wie title: ...", code=LoadCode.YAML_EMPTY)
        ]
    walk = _Walk(display, first_line)
    value = _build(walk, node, key_line=None)
    # Entries with a refused tag or alias are dropped and reported; the rest stays
    # usable so that one run reports every problem of the file.
    return value, walk.problems


_OPENING_EVENTS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
_CLOSING_EVENTS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})


def _nesting_problem(text: str, display: str, first_line: int) -> Problem | None:
    """The nesting limit, checked on the parser's events before the recursive composer runs.

    Both parsers (libyaml's and PyYAML's) are state machines with explicit stacks, so
    walking their events is safe at any depth; stopping at the limit keeps the work
    bounded by the first few levels, however many follow.

    libyaml's scanner runs ahead of its parser, and since PyYAML 6.0.4 bundles a
    libyaml with a nesting limit of its own (1,000 levels), it can raise "exceeded
    maximum nesting depth" before the eleventh level ever reaches us as an event. When
    the fast walk stops on an error that speaks of depth or nesting, the pure-Python
    parser walks the same text again: its scanner looks ahead at most 1,024
    characters, so it reaches the eleventh level (and its line) before the place where
    libyaml gave up. Other errors are not walked again: the pure parser would take
    seconds to reach a syntax error at the end of a long file.
    """
    problem, failed = _walk_nesting(_Loader, text, display, first_line)
    if failed is not None and _speaks_of_depth(failed) and _Loader is not yaml.SafeLoader:
        problem, _ = _walk_nesting(yaml.SafeLoader, text, display, first_line)
    return problem


def _speaks_of_depth(error: yaml.YAMLError) -> bool:
    words = " ".join(str(part) for part in (getattr(error, "context", ""), getattr(error, "problem", ""), error))
    return any(word in words.lower() for word in ("depth", "nesting", "nested"))


def _walk_nesting(
    loader_class: type, text: str, display: str, first_line: int
) -> tuple[Problem | None, yaml.YAMLError | None]:
    """The nesting problem, if the parser gets that deep; and the error it stopped on, if any."""
    loader = loader_class(text)
    next_event = loader.get_event
    depth = 0
    try:
        # This walk doubles the parser's work for every file: exact type lookups
        # instead of isinstance() keep that share small.
        while True:
            event = next_event()
            kind = type(event)
            if kind in _OPENING_EVENTS:
                depth += 1
                if depth > MAX_NESTING:
                    line = first_line + (event.start_mark.line if event.start_mark else 0)
                    return Problem(
                        display,
                        line,
                        "-",
                        f"Werte sind zu tief verschachtelt (mehr als {MAX_NESTING} Ebenen)",
                        f"höchstens {MAX_NESTING} Ebenen aus Listen und Zuordnungen",
                        code=LoadCode.TOO_DEEP,
                    ), None
            elif kind in _CLOSING_EVENTS:
                depth -= 1
            elif event is None or kind is yaml.StreamEndEvent:
                return None, None
    except yaml.YAMLError as error:
        # Up to the error the nesting stayed within the limit as far as this parser
        # saw; the composer then runs into the same error and reports it as usual.
        return None, error
    finally:
        loader.dispose()


def load_front_matter(fm_text: str, display: str, first_line: int = 1) -> tuple[dict[str, Value], list[Problem]]:
    """Load a front matter block, which must be a mapping of fields."""
    value, problems = load_yaml(fm_text, display, first_line)
    if value is None or value.kind is ValueKind.REFUSED:
        return {}, problems
    if value.kind is not ValueKind.MAP:
        return {}, problems + [
            Problem(
                display,
                value.line,
                "-",
                f"Front Matter ist {_KIND_NAMES[value.kind]}, keine Zuordnung von Feldern",
                "feld: wert je Zeile",
                code=LoadCode.NOT_A_MAPPING,
            )
        ]
    return value.data, problems


_KIND_NAMES = {
    ValueKind.STR: "ein Text",
    ValueKind.INT: "eine Zahl",
    ValueKind.FLOAT: "eine Zahl",
    ValueKind.BOOL: "ein Wahrheitswert",
    ValueKind.NULL: "leer",
    ValueKind.TIMESTAMP: "ein Datum",
    ValueKind.SEQ: "eine Liste",
    ValueKind.MAP: "eine Zuordnung",
    ValueKind.REFUSED: "nicht lesbar",
}


def kind_name(kind: ValueKind) -> str:
    """German name of a value kind, for messages (``eine Liste``)."""
    return _KIND_NAMES[kind]


@dataclass
class _Walk:
    """One walk over a composed node graph, turning it into ``Value`` trees.

    The composer shares an anchor's node with every alias to it (an alias may even
    point at an ancestor), so the walk remembers the nodes it has been to."""

    display: str
    first_line: int
    problems: list[Problem] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    alias_reported: bool = False

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def report(self, line: int, path: str, message: str, expected: str, code: LoadCode) -> None:
        self.problems.append(Problem(self.display, line, path, message, expected, code=code))


def _build(
    walk: _Walk, node: yaml.Node, key_line: int | None, path: str = "-", parent_line: int | None = None
) -> Value:
    line = key_line if key_line is not None else walk.line(node)
    if id(node) in walk.seen:
        # One report per file: an alias bomb would otherwise give thousands. An alias
        # has no position of its own once composed: name the entry that holds it.
        if not walk.alias_reported:
            walk.alias_reported = True
            use_line = key_line if key_line is not None else parent_line if parent_line is not None else line
            message = "Anker und Aliase (&, *) sind nicht erlaubt"
            walk.report(use_line, path, message, "jeden Wert ausschreiben", LoadCode.ALIAS)
        return _refused(line)
    walk.seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(walk, node, line, path)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _YAML + "seq":
            return _bad_tag(walk, node, path)
        return Value([_build(walk, item, None, path, line) for item in node.value], ValueKind.SEQ, line)
    assert isinstance(node, yaml.MappingNode)
    if node.tag != _YAML + "map":
        return _bad_tag(walk, node, path)
    return _mapping(walk, node, line, path)


def _mapping(walk: _Walk, node: yaml.MappingNode, line: int, path: str) -> Value:
    """A mapping's entries; keys that are not plain text, and repeated keys, are reported and dropped."""
    entries: dict[str, Value] = {}
    for key_node, value_node in node.value:
        key_line = walk.line(key_node)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _YAML + "str":
            walk.report(key_line, path, "Feldname muss ein einfacher Text sein", "name: wert", LoadCode.KEY_NOT_TEXT)
            continue
        key = key_node.value
        child = key if path == "-" else f"{path}.{key}"
        if key in entries:
            message = f"Feld ist doppelt angegeben (zuerst in Zeile {entries[key].line})"
            walk.report(key_line, child, message, "jedes Feld nur einmal", LoadCode.DUPLICATE_KEY)
            continue
        entries[key] = _build(walk, value_node, key_line, child)
    return Value(entries, ValueKind.MAP, line)


def _scalar(walk: _Walk, node: yaml.ScalarNode, line: int, path: str) -> Value:
    kind = _SCALAR_TAGS.get(node.tag)
    if kind is None:
        return _bad_tag(walk, node, path)
    value = _scalar_value(kind, node.value, line)
    if value is None:
        message = "Zahl ist zu groß oder nicht lesbar"
        walk.report(line, path, message, _NUMBER_EXPECTED, LoadCode.NUMBER_UNREADABLE)
        return _refused(line)
    return value


def _scalar_value(kind: ValueKind, raw: str, line: int) -> Value | None:
    """The scalar ``raw`` read as ``kind``; ``None`` for a number too large or unreadable."""
    data: object = raw
    if kind in (ValueKind.INT, ValueKind.FLOAT):
        data = _yaml11_int(raw) if kind is ValueKind.INT else _yaml11_float(raw)
        if data is None:
            return None
    elif kind is ValueKind.BOOL:
        data = raw.lower() in _BOOL_TRUE
    elif kind is ValueKind.NULL:
        data = None
    return Value(data, kind, line, raw)


def _bad_tag(walk: _Walk, node: yaml.Node, path: str) -> Value:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    walk.report(walk.line(node), path, f"YAML-Tag {tag} ist nicht erlaubt", "einfache Werte ohne !-Tags", LoadCode.TAG)
    return _refused(walk.line(node))


def _refused(line: int) -> Value:
    """Stands for a value that was reported and must not be used (nor reported as missing)."""
    return Value(None, ValueKind.REFUSED, line)


def _yaml11_int(raw: str) -> int | None:
    """YAML 1.1 integers, including the sexagesimal ``10:00`` (= 600); ``None`` if too large or unreadable.

    Never raises: YAML's pattern lets through digitless forms such as ``0b_`` and
    ``0x_``, and Python's int() would raise (or take quadratic time) on them or on
    thousands of digits.
    """
    text = raw.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text[1:] if text[:1] in ("+", "-") else text
    if ":" in text:
        total = 0
        for part in text.split(":"):
            digits = _bounded_digits(part)
            if digits is None or not digits.isdigit():
                return None
            total = total * 60 + int(digits)
            if total >= _INT_LIMIT:
                return None
        return sign * total
    base = 10
    if text[:2] in ("0b", "0x"):
        base, text = (2 if text[1] == "b" else 16), text[2:]
    elif text.startswith("0") and len(text) > 1:
        base = 8
    digits = _bounded_digits(text)
    if digits is None:
        return None
    try:
        value = int(digits, base)
    except ValueError:
        return None
    return sign * value if value < _INT_LIMIT else None


def _bounded_digits(text: str) -> str | None:
    """The digits without leading zeros (``0`` for all zeros); ``None`` if empty or far too long."""
    if not text or not text.isascii():
        return None
    digits = text.lstrip("0") or "0"
    return digits if len(digits) <= _MAX_INT_CHARACTERS else None


def _yaml11_float(raw: str) -> float | None:
    """YAML 1.1 floats; ``None`` where finite text would overflow to infinity or cannot be read."""
    text = raw.replace("_", "").lower()
    if text in (".nan",):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    try:
        if ":" in text:
            sign = -1.0 if text.startswith("-") else 1.0
            total = 0.0
            for part in text.lstrip("+-").split(":"):
                total = total * 60 + float(part)
            number = sign * total
        else:
            number = float(text)
    except ValueError:
        return None
    # float() reads ``1.0e+99999`` as infinity; an editor never meant that.
    return number if math.isfinite(number) else None


def iter_content_files(folder: Path, suffix: str = ".md") -> list[Path]:
    """Content files of one folder in a stable order (builds must not depend on the file system)."""
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith(".")), key=lambda p: p.name
    )


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink resolved, lies inside ``root``."""
    try:
        return os.path.commonpath([path.resolve(), root.resolve()]) == str(root.resolve())
    except ValueError:
        return False
