"""Raw HTML in Markdown bodies: what may pass and what is reported.

Editors may use HTML (a table, a ``<details>``); what runs code may not pass:
``<script>`` (and other active elements), inline event handlers (``onclick=``) and
``javascript:``/``vbscript:``/``data:`` links. This is a validator, not a sanitizer:
the editor sees the problem on the line and fixes the source.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link", "form"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data)\s*:[^)\s]*)", re.IGNORECASE)
_FENCE = re.compile(r"^(```|~~~)")


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] - 1
        if tag in _ACTIVE_ELEMENTS:
            self.found.append((line, f"HTML-Element <{tag}> ist nicht erlaubt"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"HTML-Attribut {name}= (Skript) ist nicht erlaubt"))
            elif name in _URL_ATTRIBUTES and value and _BAD_SCHEME.match(value):
                self.found.append((line, f"Link-Art {value.split(':', 1)[0].strip().lower()}: ist nicht erlaubt"))

    handle_startendtag = handle_starttag


def _without_code(body: str) -> str:
    """Blank out fenced and indented code so that examples of HTML are not reported."""
    lines = body.split("\n")
    inside = False
    for number, line in enumerate(lines):
        if _FENCE.match(line.lstrip()):
            inside = not inside
            lines[number] = ""
        elif inside or line.startswith("    ") or line.startswith("\t"):
            lines[number] = ""
        else:
            lines[number] = re.sub(r"`[^`]*`", "", line)
    return "\n".join(lines)


def find_unsafe_html(body: str) -> list[tuple[int, str]]:
    """``(line offset in body, German message)`` for each unsafe construct."""
    text = _without_code(body)
    finder = _Finder()
    finder.feed(text)
    finder.close()
    found = list(finder.found)
    for number, line in enumerate(text.split("\n")):
        for match in _MARKDOWN_LINK.finditer(line):
            scheme = match.group(1).split(":", 1)[0].strip().lower()
            found.append((number, f"Link-Art {scheme}: ist nicht erlaubt"))
    return sorted(set(found))
