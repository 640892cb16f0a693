"""Plain text from Markdown: default summaries, feed descriptions, meta tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

_BLOCK_START = re.compile(r"^\s*(#|>|[-*+] |\d+\. |<|```|~~~|\||!\[)")
_WHITESPACE = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _WHITESPACE.sub(" ", "".join(collector.parts)).strip()


_MARKUP = re.compile(r"[\[\]*_`<>&\\!#|]")
_converter = markdown.Markdown()


def markdown_to_text(source: str) -> str:
    """The words of a Markdown snippet, without markup (links keep their text)."""
    if not _MARKUP.search(source):
        return _WHITESPACE.sub(" ", source).strip()  # plain text: nothing to convert
    return html_to_text(_converter.reset().convert(source))


def first_paragraph(body: str) -> str:
    """The first plain paragraph of a Markdown body, as text ('' if there is none)."""
    for block in re.split(r"\n\s*\n", body.strip()):
        if block.strip() and not _BLOCK_START.match(block):
            return markdown_to_text(block)
    return ""


def shorten(text: str, limit: int = 300) -> str:
    """Cut at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"
