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

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from quartier.problems import Problem

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

DEFAULT_MAX_FILE_BYTES = 200_000
"""About 30,000 words: far above any event or post, and low enough that Markdown of any
file of this size stays within the time budget (bench/bench_validate.py)."""

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
    """Read a UTF-8 file the way editors' tools write it (BOM, CRLF, CR all accepted).

    ``None`` with the problems if the file is too large, not UTF-8, or holds
    invisible control characters (see ``forbidden_characters``).
    """
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
                display, first_unreported, "-",
                f"Nicht erlaubte Zeichen auch in {more_lines} weiteren {'Zeile' if more_lines == 1 else 'Zeilen'} (nicht einzeln aufgeführt)",
                "sichtbaren Text (Zeichen löschen)",
            )
        )
    return problems


def _character_problem(display: str, line: int, character: str, column: int) -> Problem:
    code = f"U+{ord(character):04X}"
    where = f"(Spalte {column})"
    if character in "\u2028\u2029":
        name = "Zeilentrennzeichen" if character == "\u2028" else "Absatztrennzeichen"
        return Problem(display, line, "-", f"{name} {code} ist nicht erlaubt {where}", "normalen Zeilenumbruch oder Leerzeichen (Zeichen ersetzen)")
    name = "Steuerzeichen" if ord(character) <= 0x9F else "Zeichen"
    return Problem(display, line, "-", f"{name} {code} ist nicht erlaubt {where}", "sichtbaren Text (Zeichen löschen)")


def load_document(path: Path, display: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Document:
    """Read one Markdown content file; problems are collected on the document, never raised."""
    slug = path.stem
    text, problems = read_text(path, display, max_bytes)
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
        return None, [_syntax_problem(exc, display, first_line, text)]
    except yaml.YAMLError:  # pragma: no cover - errors without a mark
        return None, [Problem(display, first_line, "-", f"YAML-Syntaxfehler: {_SYNTAX_MESSAGES['unknown']}", _GENERIC_FIX)]
    if node is None:
        return None, [Problem(display, first_line, "-", "Inhalt ist leer", "Felder wie title: ...")]
    builder = _ValueBuilder(display, first_line)
    value = builder.build(node, key_line=None)
    # Entries with a refused tag or alias are dropped and reported; the rest stays
    # usable so that one run reports every problem of the file.
    return value, builder.problems


_OPENING_EVENTS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
_CLOSING_EVENTS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})


def _nesting_problem(text: str, display: str, first_line: int) -> Problem | None:
    """The nesting limit, checked on the parser's events before the recursive composer runs.

    Both parsers (libyaml's and PyYAML's) are state machines with explicit stacks, so
    walking their events is safe at any depth; stopping at the limit keeps the work
    bounded by the first few levels, however many follow.
    """
    loader = _Loader(text)
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
                        display, line, "-",
                        f"Werte sind zu tief verschachtelt (mehr als {MAX_NESTING} Ebenen)",
                        f"höchstens {MAX_NESTING} Ebenen aus Listen und Zuordnungen",
                    )
            elif kind in _CLOSING_EVENTS:
                depth -= 1
            elif event is None or kind is yaml.StreamEndEvent:
                return None
    except yaml.YAMLError:
        # Up to the error the nesting stayed within the limit, so the composer can
        # safely run into the same error and report it as usual.
        return None
    finally:
        loader.dispose()


_SYNTAX_MESSAGES = {
    "colon_in_value": "Doppelpunkt im Text",
    "no_space": "Leerzeichen nach dem Doppelpunkt fehlt",
    "no_colon": "Doppelpunkt nach dem Feldnamen fehlt",
    "no_dash": "Listeneintrag ohne Bindestrich",
    "unclosed_quote": "Anführungszeichen wird nicht geschlossen",
    "after_quote": "Text geht nach dem schließenden Anführungszeichen weiter",
    "backslash": "Backslash (\\) in doppelten Anführungszeichen",
    "tab_indent": "Tabulator in der Einrückung",
    "tab": "Tabulator an unerlaubter Stelle",
    "indent": "Einrückung stimmt nicht",
    "deeper": "Zeile ist weiter eingerückt als das Feld darüber",
    "dash": "Listeneintrag mit - an unerwarteter Stelle",
    "list": "Liste in [ ] wird nicht mit ] geschlossen",
    "map": "Zuordnung in { } wird nicht mit } geschlossen",
    "flow": "Klammern [ ] oder { } sind nicht lesbar",
    "alias": "Alias ohne Anker (* ist in YAML ein Sonderzeichen)",
    "character": "Zeichen „{}“ am Anfang eines Werts",
    "block": "Nach | oder > darf in derselben Zeile nichts stehen",
    "end": "Anführungszeichen oder Klammer wird nicht geschlossen",
    "unknown": "Aufbau der Angaben ist hier nicht lesbar",
}
"""Every German message a YAML syntax error can give: the parser's English never reaches editors."""

_GENERIC_FIX = "gültiges YAML, z. B. feld: wert; Text mit Sonderzeichen in Anführungszeichen"

# What the raw lines tell about the editor's intent. The parser's marks say where it
# gave up, which is often a line after the mistake; these read the lines as written.
# Written so that no part can match the same characters two ways: a line of the
# file-size limit costs one pass, not one per character.
_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[^\s:#'\"\[\]{},&*!|>%@`?-](?:[^:#]*[^\s:#])?)[ \t]*(?P<colon>:)(?=[ \t]|$)")
_NO_SPACE = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/].*)$")
_FIELD_WORD = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[a-z_][a-z0-9_]*)[ \t]+(?P<value>\S.*)$")
_COMMENT = re.compile(r"(?<![ \t])[ \t]+#.*$")
_EXAMPLE_LENGTH = 60


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, first_line: int, text: str = "") -> Problem:
    """A German message at the line where the mistake is, with its field and the fix.

    The fix is built from the line as written (``title: "Workshop: Stadt machen"``).
    Whatever the parser says, the editor gets one of ``_SYNTAX_MESSAGES``.
    """
    lines = text.split("\n")
    index, message, fix = _diagnose(exc, lines)
    index = max(0, min(index, len(lines) - 1))
    # A line without its colon names its field all the same: ``start 2022-09-14``.
    own = _FIELD_WORD.match(lines[index]) if message == _SYNTAX_MESSAGES["no_colon"] else None
    return Problem(display, first_line + index, _field_at(lines, index, own), f"YAML-Syntaxfehler: {message}", fix)


def _diagnose(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str]:
    """(line index, message, fix). Both parsers are covered: libyaml's and PyYAML's wording differ."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    opened = exc.context_mark or mark
    start_line, start_column = (opened.line, opened.column) if opened else (line, column)
    if "quoted scalar" in context:
        if "end of stream" in problem:
            return _unclosed_quote(lines, start_line, start_column)
        return _backslash(lines, start_line, start_column)
    if "tab character" in problem or _character(lines, line, column) == "\t":
        return _tab(lines, line, column)
    if "mapping values are not allowed" in problem:
        return _colon(lines, line, column)
    if "could not find expected ':'" in problem:
        return _no_colon(lines, start_line)
    if "block collection" in context:
        return _list_item(lines, line)
    if "block mapping" in context or "expected key" in problem or "<block end>" in problem:
        return _block_mapping(lines, line, column)
    if "flow sequence" in context or "']'" in problem:
        return _flow(lines, start_line, "]")
    if "flow mapping" in context or "'}'" in problem:
        return _flow(lines, start_line, "}")
    if "undefined alias" in problem:
        return line, _SYNTAX_MESSAGES["alias"], _quote_fix(lines, line)
    if "cannot start any token" in problem or "an anchor" in context or "an alias" in context:
        character = _character(lines, line, column) if "cannot start" in problem else _character(lines, start_line, start_column)
        if character.strip():
            return line, _SYNTAX_MESSAGES["character"].format(_character_name(character)), _quote_fix(lines, line)
    if "block scalar" in context:
        return start_line, _SYNTAX_MESSAGES["block"], _quote_fix(lines, start_line)
    if "end of stream" in problem:
        return start_line, _SYNTAX_MESSAGES["end"], _GENERIC_FIX
    return line, _SYNTAX_MESSAGES["unknown"], _GENERIC_FIX


def _unclosed_quote(lines: list[str], index: int, column: int) -> tuple[int, str, str]:
    # The parser notices only at the end of the front matter; the quote opened here.
    text = _line(lines, index)
    quote = text[column] if column < len(text) and text[column] in "\"'" else '"'
    fix = _example(text[_start(text):].rstrip()) + quote
    return index, _SYNTAX_MESSAGES["unclosed_quote"], f"Anführungszeichen am Ende des Werts schließen: {fix}"


def _backslash(lines: list[str], index: int, column: int) -> tuple[int, str, str]:
    text = _line(lines, index)
    value = text[column:].strip()
    inner = value[1:-1] if len(value) > 1 and value.endswith(value[0]) else value[1:]
    head = text[_start(text):column].rstrip()
    single = "'" + _example(inner).replace("'", "''") + "'"
    return index, _SYNTAX_MESSAGES["backslash"], f"einfache Anführungszeichen verwenden: {(head + ' ' + single).strip()}"


def _tab(lines: list[str], index: int, column: int) -> tuple[int, str, str]:
    text = _line(lines, index)
    if not text[:column + 1].strip():
        spaces = _indent_suggestion(lines, index)
        return index, _SYNTAX_MESSAGES["tab_indent"], f"nur mit Leerzeichen einrücken ({_spaces(spaces)}): {_example(text.strip())}"
    return index, _SYNTAX_MESSAGES["tab"], f"Leerzeichen statt Tabulator: {_example(text.strip().replace(chr(9), ' '))}"


def _colon(lines: list[str], index: int, column: int) -> tuple[int, str, str]:
    text = _line(lines, index)
    key = _KEY_LINE.match(text)
    if key and column > key.start("colon"):
        value = _COMMENT.sub("", text[key.end():]).strip()
        fix = f"{_head(text, key)} {_requote(value)}"
        return index, _SYNTAX_MESSAGES["colon_in_value"], f"Text mit Doppelpunkt in Anführungszeichen setzen: {fix}"
    # The colon is this line's own: YAML read the line as the continuation of a text
    # that began above, and the mistake is there.
    previous = _previous_content(lines, index)
    if previous is None:
        return index, _SYNTAX_MESSAGES["unknown"], _GENERIC_FIX
    if _NO_SPACE.match(lines[previous]):
        while True:
            before = _previous_content(lines, previous)
            if before is None or not _NO_SPACE.match(lines[before]) or _start(lines[before]) != _start(lines[previous]):
                break
            previous = before
        return _no_space(lines, previous)
    if _start(text) > _start(lines[previous]) and _KEY_LINE.match(lines[previous]):
        return _deeper(lines, index, previous)
    if not _KEY_LINE.match(lines[previous]) and not lines[previous].lstrip().startswith("-"):
        return _bare_line(lines, previous)
    return index, _SYNTAX_MESSAGES["unknown"], _GENERIC_FIX


def _no_colon(lines: list[str], index: int) -> tuple[int, str, str]:
    """A line YAML took for a key, without the ``: `` that ends keys."""
    if _NO_SPACE.match(_line(lines, index)):
        return _no_space(lines, index)
    return _bare_line(lines, index)


def _no_space(lines: list[str], index: int) -> tuple[int, str, str]:
    match = _NO_SPACE.match(lines[index])
    assert match is not None
    dash = "- " if match.group("dash") else ""
    fix = f"{dash}{match.group('key')}: {_example(match.group('value').strip())}"
    return index, _SYNTAX_MESSAGES["no_space"], f"ein Leerzeichen nach dem Doppelpunkt: {fix}"


def _bare_line(lines: list[str], index: int) -> tuple[int, str, str]:
    """A line with neither ``feld:`` nor ``- ``: a list item or a field without its colon."""
    text = _line(lines, index)
    if _sibling_is_item(lines, index):
        return _no_dash(lines, index)
    word = _FIELD_WORD.match(text)
    if word and _parent(lines, index) is None:
        fix = f"{word.group('key')}: {_example(word.group('value').strip())}"
        return index, _SYNTAX_MESSAGES["no_colon"], f"Doppelpunkt und Leerzeichen nach dem Feldnamen: {fix}"
    if _parent(lines, index) is not None:
        return _no_dash(lines, index)
    return index, _SYNTAX_MESSAGES["unknown"], _GENERIC_FIX


def _no_dash(lines: list[str], index: int) -> tuple[int, str, str]:
    text = _line(lines, index).strip()
    return index, _SYNTAX_MESSAGES["no_dash"], f"jeden Listeneintrag mit „- “ beginnen: - {_example(text)}"


def _list_item(lines: list[str], index: int) -> tuple[int, str, str]:
    """An entry inside a list that does not begin with a dash."""
    text = _line(lines, index)
    if text.lstrip().startswith("-"):
        return index, _SYNTAX_MESSAGES["indent"], _indent_fix(lines, index)
    item = _previous_content(lines, index)
    item_key = _KEY_LINE.match(lines[item]) if item is not None else None
    if _KEY_LINE.match(text) and item_key and item_key.group("dash") and _start(lines[item]) == _start(text):
        # ``- name: a`` then ``url: b``: more likely a field of the item than an item of its own.
        column = item_key.start("key")
        fix = f"gleich weit einrücken wie {item_key.group('key')} ({_spaces(column)}): {_example(text.strip())}; oder als eigenen Listeneintrag mit „- “ beginnen"
        return index, _SYNTAX_MESSAGES["indent"], fix
    return _no_dash(lines, index)


def _block_mapping(lines: list[str], index: int, column: int) -> tuple[int, str, str]:
    text = _line(lines, index)
    after = _after_closing_quote(text, column)
    if after is not None:
        return index, _SYNTAX_MESSAGES["after_quote"], f"ganzen Text in andere Anführungszeichen setzen: {after}"
    unclosed = _unclosed_above(lines, index, column)
    if unclosed is not None:
        return _unclosed_quote(lines, *unclosed)
    if text.lstrip().startswith("-"):
        return index, _SYNTAX_MESSAGES["dash"], f"eine Liste unter einem Feld ohne Wert (feld: in der Zeile darüber, dann eingerückt {_example(text.strip())})"
    return index, _SYNTAX_MESSAGES["indent"], _indent_fix(lines, index)


def _deeper(lines: list[str], index: int, previous: int) -> tuple[int, str, str]:
    text = _line(lines, index)
    above = _KEY_LINE.match(lines[previous])
    name = above.group("key") if above else ""
    fix = (
        f"gleich weit einrücken wie {name} ({_spaces(_start(lines[previous]))}): {_example(text.strip())}; "
        "gehört die Zeile zum Text darüber, den ganzen Text in Anführungszeichen setzen"
    )
    return index, _SYNTAX_MESSAGES["deeper"], fix


def _flow(lines: list[str], index: int, closing: str) -> tuple[int, str, str]:
    text = _line(lines, index)
    message = _SYNTAX_MESSAGES["list" if closing == "]" else "map"]
    if closing not in text:
        return index, message, f"{closing} am Ende des Werts: {_example(_COMMENT.sub('', text).strip())}{closing}"
    example = '[Workshop, "Stadt: Land"]' if closing == "]" else '{name: "Zeche: Carl", city: Essen}'
    return index, _SYNTAX_MESSAGES["flow"], f"Einträge mit Komma, Doppelpunkt oder Klammern in Anführungszeichen, z. B. {example}"


def _indent_fix(lines: list[str], index: int) -> str:
    spaces = _indent_suggestion(lines, index)
    return f"Felder eines Blocks gleich weit einrücken ({_spaces(spaces)}): {_example(_line(lines, index).strip())}"


def _quote_fix(lines: list[str], index: int) -> str:
    text = _line(lines, index)
    key = _KEY_LINE.match(text)
    if key is None:
        return _GENERIC_FIX
    value = _COMMENT.sub("", text[key.end():]).strip()
    return f"Wert in Anführungszeichen setzen: {_head(text, key)} {_requote(value)}"


def _after_closing_quote(text: str, column: int) -> str | None:
    """``title: "Das "Quartier" lebt"``: the fix, if the parser stopped right after a closing quote."""
    key = _KEY_LINE.match(text)
    if key is None:
        return None
    value_start = len(text) - len(text[key.end():].lstrip(" \t"))
    closing = _closing_quote(text, value_start)
    # Only where the parser stopped after that quote: a quote closed on its own line is fine.
    if closing is None or closing >= column or text[closing + 1:column].strip():
        return None
    value = _COMMENT.sub("", text[value_start:]).strip()
    if len(value) > 1 and value[-1] == value[0]:
        value = value[1:-1]
    return f"{_head(text, key)} {_requote(value)}"


def _closing_quote(text: str, start: int, quote: str = "") -> int | None:
    """Index of the quote that ends a quoted value opening at ``start`` on the same line.

    With ``quote`` given, ``text`` continues a value opened on an earlier line, from ``start``.
    """
    if not quote:
        if start >= len(text) or text[start] not in "\"'":
            return None
        quote, start = text[start], start + 1
    i = start
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _unclosed_above(lines: list[str], index: int, column: int) -> tuple[int, int] | None:
    """The line above whose quote, left open, swallowed text up to where the parser stopped.

    A value quoted over several lines that closes before this line is not it.
    """
    for i in range(min(index, len(lines)) - 1, -1, -1):
        key = _KEY_LINE.match(lines[i])
        if key is None:
            continue
        value_start = len(lines[i]) - len(lines[i][key.end():].lstrip(" \t"))
        if value_start >= len(lines[i]) or lines[i][value_start] not in "\"'" or _closing_quote(lines[i], value_start) is not None:
            continue
        quote = lines[i][value_start]
        for j in range(i + 1, index + 1):
            closing = _closing_quote(lines[j], 0, quote)
            if closing is not None:
                return (i, value_start) if j == index and closing < column else None
        return None
    return None


def _sibling_is_item(lines: list[str], index: int) -> bool:
    """Whether a neighbouring line of the same indentation is a list item (``- …``)."""
    start = _start(_line(lines, index))
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(lines):
            text = lines[i]
            if _is_content(text):
                if _start(text) < start:
                    break
                if _start(text) == start:
                    if text.lstrip().startswith("- ") or text.strip() == "-":
                        return True
                    if step == -1 and _KEY_LINE.match(text):
                        break
            i += step
    return False


def _indent_suggestion(lines: list[str], index: int) -> int:
    """The indentation that fits: a level of the block above, the nearest at or above this line's."""
    start = _start(_line(lines, index))
    previous = _previous_content(lines, index)
    if previous is None:
        return 0
    above = lines[previous]
    key = _KEY_LINE.match(above)
    if key and not _COMMENT.sub("", above[key.end():]).strip():
        return _start(above) + 2  # the line opens a block: its first field is indented under it
    levels = [_start(above)]
    parent = _parent(lines, previous)
    while parent is not None:
        levels.append(_start(lines[parent]))
        parent = _parent(lines, parent)
    at_or_above = [level for level in levels if level >= start]
    return min(at_or_above) if at_or_above else max(levels)


def _field_at(lines: list[str], index: int, own: re.Match[str] | None = None) -> str:
    """The field of a line as the validator names it (``venue.city``; list items add nothing)."""
    names = []
    key = own or _KEY_LINE.match(_line(lines, index)) or _NO_SPACE.match(_line(lines, index))
    if key:
        names.append(key.group("key"))
    parent = _parent(lines, index)
    while parent is not None:
        names.append(_KEY_LINE.match(lines[parent]).group("key"))  # type: ignore[union-attr]
        parent = _parent(lines, parent)
    return ".".join(reversed(names)) or "-"


def _parent(lines: list[str], index: int) -> int | None:
    """The line of the field whose block holds this line, or ``None`` at the top level."""
    threshold = _start(_line(lines, index))
    for i in range(min(index, len(lines)) - 1, -1, -1):
        text = lines[i]
        if not _is_content(text) or _start(text) >= threshold:
            continue
        key = _KEY_LINE.match(text)
        if key and not _COMMENT.sub("", text[key.end():]).strip():
            return i
        # A field with a value, or an item of a list of mappings, is a sibling: the block's
        # field is further up. (A line indented deeper than a field with a value belongs
        # beside it once the indentation is fixed.)
        threshold = _start(text)
    return None


def _previous_content(lines: list[str], index: int) -> int | None:
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if _is_content(lines[i]):
            return i
    return None


def _is_content(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _start(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _character(lines: list[str], index: int, column: int) -> str:
    text = _line(lines, index)
    return text[column] if 0 <= column < len(text) else ""


def _head(text: str, key: re.Match[str]) -> str:
    """``title:`` or ``- name:``: the line up to its colon, without the indentation."""
    return text[key.start("dash") if key.group("dash") else key.start("key"):key.end("colon")].replace("\t", " ")


def _requote(value: str) -> str:
    """The value in the quotes that fit it (in a message: shortened if long)."""
    value = _example(value)
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _example(text: str) -> str:
    return text if len(text) <= _EXAMPLE_LENGTH else text[:_EXAMPLE_LENGTH - 1].rstrip() + "…"


def _spaces(count: int) -> str:
    return "ohne Einrückung" if count == 0 else "1 Leerzeichen" if count == 1 else f"{count} Leerzeichen"


def _character_name(character: str) -> str:
    return {"\t": "Tabulator"}.get(character, character)


def load_front_matter(fm_text: str, display: str, first_line: int = 1) -> tuple[dict[str, Value], list[Problem]]:
    """Load a front matter block, which must be a mapping of fields."""
    value, problems = load_yaml(fm_text, display, first_line)
    if value is None or value.kind == "refused":
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
        if kind in ("int", "float"):
            data = _yaml11_int(raw) if kind == "int" else _yaml11_float(raw)
            if data is None:
                self.problems.append(Problem(self.display, line, path, "Zahl ist zu groß oder nicht lesbar", _NUMBER_EXPECTED))
                return _refused(line)
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
    return sorted((p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith(".")), key=lambda p: p.name)


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink resolved, lies inside ``root``."""
    try:
        return os.path.commonpath([path.resolve(), root.resolve()]) == str(root.resolve())
    except ValueError:
        return False
