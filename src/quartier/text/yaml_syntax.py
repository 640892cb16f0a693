"""German messages for YAML syntax errors: the parser's English never reaches editors.

libyaml says where it gave up, which is often a line after the mistake; these
functions read the lines as the editor wrote them and name the mistake and its fix.
"""

from __future__ import annotations

import json
import re

import yaml

from quartier.problems import Problem, ProblemCode


class YamlCode(ProblemCode):
    """Which YAML syntax error an editor made (one German message each, ``SYNTAX_MESSAGES``)."""

    COLON_IN_VALUE = "yaml.colon-in-value"
    NO_SPACE = "yaml.no-space"
    NO_COLON = "yaml.no-colon"
    NO_DASH = "yaml.no-dash"
    UNCLOSED_QUOTE = "yaml.unclosed-quote"
    AFTER_QUOTE = "yaml.after-quote"
    BACKSLASH = "yaml.backslash"
    TAB_INDENT = "yaml.tab-indent"
    TAB = "yaml.tab"
    INDENT = "yaml.indent"
    DEEPER = "yaml.deeper"
    DASH = "yaml.dash"
    LIST = "yaml.list"
    MAP = "yaml.map"
    FLOW = "yaml.flow"
    ALIAS = "yaml.alias"
    CHARACTER = "yaml.character"
    BLOCK = "yaml.block"
    END = "yaml.end"
    UNKNOWN = "yaml.unknown"


SYNTAX_MESSAGES: dict[YamlCode, str] = {
    YamlCode.COLON_IN_VALUE: "Doppelpunkt im Text",
    YamlCode.NO_SPACE: "Leerzeichen nach dem Doppelpunkt fehlt",
    YamlCode.NO_COLON: "Doppelpunkt nach dem Feldnamen fehlt",
    YamlCode.NO_DASH: "Listeneintrag ohne Bindestrich",
    YamlCode.UNCLOSED_QUOTE: "Anführungszeichen wird nicht geschlossen",
    YamlCode.AFTER_QUOTE: "Text geht nach dem schließenden Anführungszeichen weiter",
    YamlCode.BACKSLASH: "Backslash (\\) in doppelten Anführungszeichen",
    YamlCode.TAB_INDENT: "Tabulator in der Einrückung",
    YamlCode.TAB: "Tabulator an unerlaubter Stelle",
    YamlCode.INDENT: "Einrückung stimmt nicht",
    YamlCode.DEEPER: "Zeile ist weiter eingerückt als das Feld darüber",
    YamlCode.DASH: "Listeneintrag mit - an unerwarteter Stelle",
    YamlCode.LIST: "Liste in [ ] wird nicht mit ] geschlossen",
    YamlCode.MAP: "Zuordnung in { } wird nicht mit } geschlossen",
    YamlCode.FLOW: "Klammern [ ] oder { } sind nicht lesbar",
    YamlCode.ALIAS: "Alias ohne Anker (* ist in YAML ein Sonderzeichen)",
    YamlCode.CHARACTER: "Zeichen „{}“ am Anfang eines Werts",
    YamlCode.BLOCK: "Nach | oder > darf in derselben Zeile nichts stehen",
    YamlCode.END: "Anführungszeichen oder Klammer wird nicht geschlossen",
    YamlCode.UNKNOWN: "Aufbau der Angaben ist hier nicht lesbar",
}
"""Every German message a YAML syntax error can give: the parser's English never reaches editors."""

GENERIC_FIX = "gültiges YAML, z. B. feld: wert; Text mit Sonderzeichen in Anführungszeichen"

# What the raw lines tell about the editor's intent. The parser's marks say where it
# gave up, which is often a line after the mistake; these read the lines as written.
# Written so that no part can match the same characters two ways: a line of the
# file-size limit costs one pass, not one per character.
_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?"
    r"(?P<key>[^\s:#'\"\[\]{},&*!|>%@`?-](?:[^:#]*[^\s:#])?)[ \t]*(?P<colon>:)(?=[ \t]|$)"
)
_NO_SPACE = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/].*)$")
_FIELD_WORD = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[a-z_][a-z0-9_]*)[ \t]+(?P<value>\S.*)$")
_COMMENT = re.compile(r"(?<![ \t])[ \t]+#.*$")
_EXAMPLE_LENGTH = 60


def syntax_problem(exc: yaml.MarkedYAMLError, display: str, first_line: int, text: str = "") -> Problem:
    """A German message at the line where the mistake is, with its field and the fix.

    The fix is built from the line as written (``title: "Workshop: Stadt machen"``).
    Whatever the parser says, the editor gets one of ``SYNTAX_MESSAGES``.
    """
    lines = text.split("\n")
    index, code, fix, message = _diagnose(exc, lines)
    index = max(0, min(index, len(lines) - 1))
    # A line without its colon names its field all the same: ``start 2022-09-14``.
    own = _FIELD_WORD.match(lines[index]) if code is YamlCode.NO_COLON else None
    field = _field_at(lines, index, own)
    return Problem(display, first_line + index, field, f"YAML-Syntaxfehler: {message}", fix, code=code)


def unreadable_yaml(display: str, first_line: int) -> Problem:
    """A YAML error without a place: the file as a whole, in the general words."""
    message = f"YAML-Syntaxfehler: {SYNTAX_MESSAGES[YamlCode.UNKNOWN]}"
    return Problem(display, first_line, "-", message, GENERIC_FIX, code=YamlCode.UNKNOWN)


_Finding = tuple[int, YamlCode, str, str]
"""Line index, what the mistake is, its fix, and the German message."""


def _found(index: int, code: YamlCode, fix: str, *detail: str) -> _Finding:
    """A finding whose message is ``code``'s, with ``detail`` filled in (the character)."""
    message = SYNTAX_MESSAGES[code].format(*detail) if detail else SYNTAX_MESSAGES[code]
    return index, code, fix, message


def _diagnose(exc: yaml.MarkedYAMLError, lines: list[str]) -> _Finding:
    """Where and what the mistake is. Both parsers are covered: libyaml's and PyYAML's wording differ."""
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
        return _found(line, YamlCode.ALIAS, _quote_fix(lines, line))
    if "cannot start any token" in problem or "an anchor" in context or "an alias" in context:
        character = (
            _character(lines, line, column)
            if "cannot start" in problem
            else _character(lines, start_line, start_column)
        )
        if character.strip():
            return _found(line, YamlCode.CHARACTER, _quote_fix(lines, line), _character_name(character))
    if "block scalar" in context:
        return _found(start_line, YamlCode.BLOCK, _quote_fix(lines, start_line))
    if "end of stream" in problem:
        return _found(start_line, YamlCode.END, GENERIC_FIX)
    return _found(line, YamlCode.UNKNOWN, GENERIC_FIX)


def _unclosed_quote(lines: list[str], index: int, column: int) -> _Finding:
    # The parser notices only at the end of the front matter; the quote opened here.
    text = _line(lines, index)
    quote = text[column] if column < len(text) and text[column] in "\"'" else '"'
    fix = _example(text[_start(text) :].rstrip()) + quote
    return _found(index, YamlCode.UNCLOSED_QUOTE, f"Anführungszeichen am Ende des Werts schließen: {fix}")


def _backslash(lines: list[str], index: int, column: int) -> _Finding:
    text = _line(lines, index)
    value = text[column:].strip()
    inner = value[1:-1] if len(value) > 1 and value.endswith(value[0]) else value[1:]
    head = text[_start(text) : column].rstrip()
    single = "'" + _example(inner).replace("'", "''") + "'"
    return _found(index, YamlCode.BACKSLASH, f"einfache Anführungszeichen verwenden: {(head + ' ' + single).strip()}")


def _tab(lines: list[str], index: int, column: int) -> _Finding:
    text = _line(lines, index)
    if not text[: column + 1].strip():
        spaces = _indent_suggestion(lines, index)
        return _found(
            index,
            YamlCode.TAB_INDENT,
            f"nur mit Leerzeichen einrücken ({_spaces(spaces)}): {_example(text.strip())}",
        )
    return _found(index, YamlCode.TAB, f"Leerzeichen statt Tabulator: {_example(text.strip().replace(chr(9), ' '))}")


def _colon(lines: list[str], index: int, column: int) -> _Finding:
    text = _line(lines, index)
    key = _KEY_LINE.match(text)
    if key and column > key.start("colon"):
        value = _COMMENT.sub("", text[key.end() :]).strip()
        fix = f"{_head(text, key)} {_requote(value)}"
        return _found(index, YamlCode.COLON_IN_VALUE, f"Text mit Doppelpunkt in Anführungszeichen setzen: {fix}")
    # The colon is this line's own: YAML read the line as the continuation of a text
    # that began above, and the mistake is there.
    previous = _previous_content(lines, index)
    if previous is None:
        return _found(index, YamlCode.UNKNOWN, GENERIC_FIX)
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
    return _found(index, YamlCode.UNKNOWN, GENERIC_FIX)


def _no_colon(lines: list[str], index: int) -> _Finding:
    """A line YAML took for a key, without the ``: `` that ends keys."""
    if _NO_SPACE.match(_line(lines, index)):
        return _no_space(lines, index)
    return _bare_line(lines, index)


def _no_space(lines: list[str], index: int) -> _Finding:
    match = _NO_SPACE.match(lines[index])
    assert match is not None
    dash = "- " if match.group("dash") else ""
    fix = f"{dash}{match.group('key')}: {_example(match.group('value').strip())}"
    return _found(index, YamlCode.NO_SPACE, f"ein Leerzeichen nach dem Doppelpunkt: {fix}")


def _bare_line(lines: list[str], index: int) -> _Finding:
    """A line with neither ``feld:`` nor ``- ``: a list item or a field without its colon."""
    text = _line(lines, index)
    if _sibling_is_item(lines, index):
        return _no_dash(lines, index)
    word = _FIELD_WORD.match(text)
    if word and _parent(lines, index) is None:
        fix = f"{word.group('key')}: {_example(word.group('value').strip())}"
        return _found(index, YamlCode.NO_COLON, f"Doppelpunkt und Leerzeichen nach dem Feldnamen: {fix}")
    if _parent(lines, index) is not None:
        return _no_dash(lines, index)
    return _found(index, YamlCode.UNKNOWN, GENERIC_FIX)


def _no_dash(lines: list[str], index: int) -> _Finding:
    text = _line(lines, index).strip()
    return _found(index, YamlCode.NO_DASH, f"jeden Listeneintrag mit „- “ beginnen: - {_example(text)}")


def _list_item(lines: list[str], index: int) -> _Finding:
    """An entry inside a list that does not begin with a dash."""
    text = _line(lines, index)
    if text.lstrip().startswith("-"):
        return _found(index, YamlCode.INDENT, _indent_fix(lines, index))
    item = _previous_content(lines, index)
    item_key = _KEY_LINE.match(lines[item]) if item is not None else None
    if (
        _KEY_LINE.match(text)
        and item is not None
        and item_key
        and item_key.group("dash")
        and _start(lines[item]) == _start(text)
    ):
        # ``- name: a`` then ``url: b``: more likely a field of the item than an item of its own.
        column = item_key.start("key")
        fix = (
            f"gleich weit einrücken wie {item_key.group('key')} ({_spaces(column)}): "
            f"{_example(text.strip())}; oder als eigenen Listeneintrag mit „- “ beginnen"
        )
        return _found(index, YamlCode.INDENT, fix)
    return _no_dash(lines, index)


def _block_mapping(lines: list[str], index: int, column: int) -> _Finding:
    text = _line(lines, index)
    after = _after_closing_quote(text, column)
    if after is not None:
        return _found(index, YamlCode.AFTER_QUOTE, f"ganzen Text in andere Anführungszeichen setzen: {after}")
    unclosed = _unclosed_above(lines, index, column)
    if unclosed is not None:
        return _unclosed_quote(lines, *unclosed)
    if text.lstrip().startswith("-"):
        return _found(
            index,
            YamlCode.DASH,
            (
                "eine Liste unter einem Feld ohne Wert (feld: in der "
                f"Zeile darüber, dann eingerückt {_example(text.strip())})"
            ),
        )
    return _found(index, YamlCode.INDENT, _indent_fix(lines, index))


def _deeper(lines: list[str], index: int, previous: int) -> _Finding:
    text = _line(lines, index)
    above = _KEY_LINE.match(lines[previous])
    name = above.group("key") if above else ""
    fix = (
        f"gleich weit einrücken wie {name} ({_spaces(_start(lines[previous]))}): {_example(text.strip())}; "
        "gehört die Zeile zum Text darüber, den ganzen Text in Anführungszeichen setzen"
    )
    return _found(index, YamlCode.DEEPER, fix)


def _flow(lines: list[str], index: int, closing: str) -> _Finding:
    text = _line(lines, index)
    unclosed = YamlCode.LIST if closing == "]" else YamlCode.MAP
    if closing not in text:
        return _found(
            index, unclosed, f"{closing} am Ende des Werts: {_example(_COMMENT.sub('', text).strip())}{closing}"
        )
    example = '[Workshop, "Stadt: Land"]' if closing == "]" else '{name: "Zeche: Carl", city: Essen}'
    return _found(
        index,
        YamlCode.FLOW,
        f"Einträge mit Komma, Doppelpunkt oder Klammern in Anführungszeichen, z. B. {example}",
    )


def _indent_fix(lines: list[str], index: int) -> str:
    spaces = _indent_suggestion(lines, index)
    return f"Felder eines Blocks gleich weit einrücken ({_spaces(spaces)}): {_example(_line(lines, index).strip())}"


def _quote_fix(lines: list[str], index: int) -> str:
    text = _line(lines, index)
    key = _KEY_LINE.match(text)
    if key is None:
        return GENERIC_FIX
    value = _COMMENT.sub("", text[key.end() :]).strip()
    return f"Wert in Anführungszeichen setzen: {_head(text, key)} {_requote(value)}"


def _after_closing_quote(text: str, column: int) -> str | None:
    """``title: "Das "Quartier" lebt"``: the fix, if the parser stopped right after a closing quote."""
    key = _KEY_LINE.match(text)
    if key is None:
        return None
    value_start = len(text) - len(text[key.end() :].lstrip(" \t"))
    closing = _closing_quote(text, value_start)
    # Only where the parser stopped after that quote: a quote closed on its own line is fine.
    if closing is None or closing >= column or text[closing + 1 : column].strip():
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
            if quote == "'" and text[i + 1 : i + 2] == "'":
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
        value_start = len(lines[i]) - len(lines[i][key.end() :].lstrip(" \t"))
        if (
            value_start >= len(lines[i])
            or lines[i][value_start] not in "\"'"
            or _closing_quote(lines[i], value_start) is not None
        ):
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
    if key and not _COMMENT.sub("", above[key.end() :]).strip():
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
        key = _KEY_LINE.match(lines[parent])
        if key is None:  # _parent returns only lines that are a field
            break
        names.append(key.group("key"))
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
        if key and not _COMMENT.sub("", text[key.end() :]).strip():
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
    return text[key.start("dash") if key.group("dash") else key.start("key") : key.end("colon")].replace("\t", " ")


def _requote(value: str) -> str:
    """The value in the quotes that fit it (in a message: shortened if long)."""
    value = _example(value)
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _example(text: str) -> str:
    return text if len(text) <= _EXAMPLE_LENGTH else text[: _EXAMPLE_LENGTH - 1].rstrip() + "…"


def _spaces(count: int) -> str:
    return "ohne Einrückung" if count == 0 else "1 Leerzeichen" if count == 1 else f"{count} Leerzeichen"


def _character_name(character: str) -> str:
    return {"\t": "Tabulator"}.get(character, character)
