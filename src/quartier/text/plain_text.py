"""Plain text from Markdown: default summaries, feed descriptions, meta tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_WHITESPACE = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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


class _FirstParagraph(HTMLParser):
    """The text of the first top-level <p> that has words (not one inside a list or box)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.inside = False
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if tag == "p" and self.depth == 0 and not self.done:
            self.inside = True
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag == "p" and self.inside and self.depth == 0:
            self.inside = False
            self.done = bool("".join(self.parts).strip())
            if not self.done:
                self.parts = []

    def handle_data(self, data: str) -> None:
        if self.inside and not self.done:
            self.parts.append(data)


_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def first_paragraph_text(html: str) -> str:
    """The first paragraph of a published body, as text ('' if there is none).

    Taken from the sanitized HTML the engine rendered anyway: running Markdown again
    over the source cost seconds on pathological input and could differ from the page.
    """
    parser = _FirstParagraph()
    parser.feed(html)
    parser.close()
    return _WHITESPACE.sub(" ", "".join(parser.parts)).strip() if parser.done else ""


def shorten(text: str, limit: int = 300) -> str:
    """Cut at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"
