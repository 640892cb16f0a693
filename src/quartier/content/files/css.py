"""CSS, parsed with tinycss2: what may load something is checked on every token.

A stylesheet can make every visitor's browser ask another server (``@import``, ``url()``,
``image-set("…")``, ``src()``), which is a GDPR problem and a way to track visitors. The
check walks every token of the parsed stylesheet, at any depth (nested rules, blocks,
functions), so no arrangement of rules hides one:

- at-rules only from ``AT_RULES`` (``@import``, ``@namespace``, ``@document`` are refused);
- every ``url(…)`` token, ``url("…")``/``src("…")`` function and string inside
  ``image-set()``/``image()``/``cross-fade()`` is an address, decided by the caller's rule;
  ``var()``/``attr()``/``env()`` where an address is read cannot be checked and are refused;
- ``expression()`` (old Internet Explorer's script in CSS) and syntax errors are refused.

What is published is tinycss2's serialization of what was checked (for well-formed CSS
the same text; ``tests/test_files.py`` keeps the example site's stylesheet byte-identical).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

import tinycss2
from tinycss2.ast import Node

from quartier.content.files import Cleaned, FileCode, Flaw, Refusal, UrlRule, shown, unique_flaws

AT_RULES = frozenset(
    {
        "media",
        "supports",
        "font-face",
        "keyframes",
        "-webkit-keyframes",
        "page",
        "layer",
        "container",
        "property",
        "counter-style",
        "font-feature-values",
        "font-palette-values",
        "scope",
        "starting-style",
        "charset",
    }
)
"""At-rules that load nothing themselves (``@font-face`` may, through ``url()``, which is checked)."""

URL_FUNCTIONS = frozenset({"url", "src"})
IMAGE_FUNCTIONS = frozenset(
    {"image-set", "-webkit-image-set", "image", "-webkit-image", "cross-fade", "-webkit-cross-fade"}
)
"""Functions whose string arguments are addresses."""

DYNAMIC_FUNCTIONS = frozenset({"var", "attr", "env"})

MAX_STYLESHEET_BYTES = 500_000

MAX_NESTING = 64
"""Blocks, functions and rules inside each other: far more than any stylesheet needs, and
well below where tinycss2 (which recurses per level) would run out of stack."""

TOO_DEEP = f"CSS ist zu tief verschachtelt (mehr als {MAX_NESTING} Klammern oder Blöcke ineinander)"

EXPECTED = "CSS ohne @import; url() nur zu Dateien dieser Website (relativer Pfad, z. B. url(../bilder/logo.png))"

_SYNTAX_ERRORS = {
    "bad-url": "url(…) ohne Anführungszeichen enthält Leerraum, Anführungszeichen oder Klammern",
    "bad-string": "Zeichenkette ohne schließendes Anführungszeichen",
    "eof-in-string": "Zeichenkette ohne schließendes Anführungszeichen",
    "eof-in-url": "url( ohne schließende Klammer",
    ")": "„)“ ohne öffnende Klammer",
    "]": "„]“ ohne öffnende Klammer",
    "}": "„}“ ohne öffnende Klammer",
    "invalid": "Regel ohne Block oder Block ohne Regel",
}
"""tinycss2's kinds of syntax error, as an editor reads them."""

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_LOCAL_FRAGMENT = re.compile(r"#[A-Za-z_][A-Za-z0-9_.:\-]*")
_URL_WHITESPACE = re.compile(r"[\t\n\r]")


def address_problem(url: str) -> Refusal | None:
    """What is wrong with an address that is not local (``None`` when it is a relative path)."""
    # Browsers drop tabs and newlines anywhere in a URL and read \ as /.
    compact = _URL_WHITESPACE.sub("", url).strip(" \f\x00")
    scheme = _SCHEME.match(compact)
    if scheme:
        name = scheme.group(1).lower()
        if name in ("javascript", "vbscript"):
            return Refusal(FileCode.ACTIVE_CONTENT, "führt Skript aus")
        if name == "data":
            return Refusal(FileCode.ADDRESS, "bettet Daten ein, die nicht geprüft werden (als eigene Datei speichern)")
        return Refusal(FileCode.ADDRESS, "verweist auf eine andere Adresse")
    if compact.replace("\\", "/").startswith("//"):
        return Refusal(FileCode.ADDRESS, "verweist auf einen anderen Server")
    return None


def local_fragment(url: str) -> Refusal | None:
    """The rule inside an SVG: only ``#name``, a part of the same file."""
    if _LOCAL_FRAGMENT.fullmatch(url):
        return None
    return address_problem(url) or Refusal(FileCode.ADDRESS, "verweist auf etwas außerhalb dieser Datei")


def published_file(source: str, published: frozenset[str]) -> UrlRule:
    """The rule for a stylesheet at ``source`` (below docs/): a fragment or a relative
    path to one of the ``published`` files (not a page)."""
    folder = posixpath.dirname(source)

    def rule(url: str) -> Refusal | None:
        if _LOCAL_FRAGMENT.fullmatch(url):
            return None
        problem = address_problem(url)
        if problem:
            return problem
        if url != url.strip() or "\\" in url or any(ord(c) < 0x20 for c in url):
            return Refusal(FileCode.ADDRESS, "enthält Leerraum, Steuerzeichen oder \\")
        if url.startswith("/"):
            return Refusal(FileCode.ADDRESS, "ist ein absoluter Pfad (nur Pfade relativ zur CSS-Datei)")
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        target = posixpath.normpath(posixpath.join(folder, path))
        if target.startswith("../") or target == ".." or target not in published or target.endswith(".md"):
            return Refusal(FileCode.ADDRESS, "führt zu keiner Datei, die diese Website veröffentlicht")
        return None

    return rule


def clean_stylesheet(text: str, rule: UrlRule, first_line: int = 1) -> Cleaned:
    """A whole stylesheet (a file, or an SVG's ``<style>``), checked and serialized again."""
    try:
        nodes = tinycss2.parse_stylesheet(text, skip_comments=False, skip_whitespace=False)
        flaws = check_nodes(nodes, rule, first_line)
        if flaws:
            return Cleaned(b"", unique_flaws(flaws))
        return Cleaned(tinycss2.serialize(nodes).encode("utf-8"))
    except RecursionError:  # tinycss2 recurses per nesting level; the limit below stops it first
        return Cleaned(b"", (Flaw(first_line, TOO_DEEP, FileCode.TOO_COMPLEX),))


def value_flaws(text: str, rule: UrlRule, line: int) -> list[Flaw]:
    """A ``style`` attribute or a presentation attribute's value (``fill="url(#g)"``);
    reported on the element's line."""
    try:
        nodes = tinycss2.parse_component_value_list(text, skip_comments=True)
        return [Flaw(line, flaw.message, flaw.code) for flaw in check_nodes(nodes, rule, 1)]
    except RecursionError:
        return [Flaw(line, TOO_DEEP, FileCode.TOO_COMPLEX)]


def check_nodes(nodes: Iterable[Node], rule: UrlRule, first_line: int) -> list[Flaw]:
    # tinycss2 publishes no types (see pyproject's mypy overrides): mypy sees a Node as Any,
    # and the checks below tell the kinds of node apart by their ``type``, as tinycss2 documents.
    flaws: list[Flaw] = []
    # (node, is it a direct argument of an image function, nesting): iterative, any depth.
    stack: list[tuple[Node, bool, int]] = [(node, False, 0) for node in reversed(list(nodes))]
    while stack:
        node, in_image, depth = stack.pop()
        line = first_line + (node.source_line or 1) - 1
        if depth > MAX_NESTING:
            return [Flaw(line, TOO_DEEP, FileCode.TOO_COMPLEX)]

        def flaw(code: FileCode, message: str, line: int = line) -> None:
            flaws.append(Flaw(line, message, code))

        kind = node.type
        children: list[Node] = []
        if kind == "error":
            flaw(FileCode.CSS_SYNTAX, f"CSS kann hier nicht gelesen werden: {_SYNTAX_ERRORS.get(node.kind, node.kind)}")
        elif kind in ("at-rule", "at-keyword"):
            name = node.lower_at_keyword if kind == "at-rule" else node.lower_value
            if name not in AT_RULES:
                what = "lädt ein weiteres Stylesheet" if name == "import" else "ist nicht erlaubt"
                flaw(FileCode.NOT_PUBLISHED, f"@{shown(name)} {what} und wird nicht veröffentlicht")
            elif name == "charset" and kind == "at-rule" and not _is_utf8(node.prelude):
                flaw(FileCode.CHARSET, "@charset nennt eine andere Kodierung als UTF-8")
            if kind == "at-rule":
                children = [*node.prelude, *(node.content or [])]
        elif kind == "qualified-rule":
            children = [*node.prelude, *node.content]
        elif kind == "declaration":
            children = list(node.value)
        elif kind == "url":
            _check_address(node.value, rule, flaw)
        elif kind == "string" and in_image:
            _check_address(node.value, rule, flaw)
        elif kind == "function":
            name = node.lower_name
            arguments = [a for a in node.arguments if a.type not in ("whitespace", "comment")]
            if name in URL_FUNCTIONS:
                if len(arguments) == 1 and arguments[0].type == "string":
                    _check_address(arguments[0].value, rule, flaw)
                else:
                    flaw(
                        FileCode.UNCHECKED_ADDRESS,
                        f"{name}() ohne eine Adresse in Anführungszeichen kann nicht geprüft werden",
                    )
                continue
            if name in DYNAMIC_FUNCTIONS and in_image:
                flaw(FileCode.UNCHECKED_ADDRESS, f"{name}() als Adresse eines Bildes kann nicht geprüft werden")
            elif name == "expression":
                flaw(FileCode.ACTIVE_CONTENT, "expression() führt Skript aus")
            stack.extend((child, name in IMAGE_FUNCTIONS, depth + 1) for child in reversed(node.arguments))
            continue
        elif kind in ("() block", "[] block", "{} block"):
            stack.extend((child, in_image, depth + 1) for child in reversed(node.content))
            continue
        stack.extend((child, False, depth + 1) for child in reversed(children))
    return flaws


def _check_address(url: str, rule: UrlRule, flaw: Callable[[FileCode, str], None]) -> None:
    refusal = rule(url)
    if refusal:
        flaw(refusal.code, f"url({shown(url)}) {refusal.reason}")


def _is_utf8(prelude: list[Node]) -> bool:
    values = [token for token in prelude if token.type != "whitespace"]
    return len(values) == 1 and values[0].type == "string" and values[0].value.lower() in ("utf-8", "utf8")


__all__ = [
    "AT_RULES",
    "EXPECTED",
    "MAX_STYLESHEET_BYTES",
    "UrlRule",
    "address_problem",
    "check_nodes",
    "clean_stylesheet",
    "local_fragment",
    "published_file",
    "value_flaws",
]
