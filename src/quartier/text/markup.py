"""Editors' Markdown → sanitized HTML: the one place where content becomes markup.

The engine renders every body itself, with the same Python-Markdown extensions the
site's ``mkdocs.yml`` lists (a test keeps both equal), and hands builders finished,
sanitized HTML. What the sanitizer removes is reported by validation; what Markdown
would need unbounded time for is refused before it runs.
"""

from __future__ import annotations

import html
import json
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypedDict

import markdown

from quartier.cache import Codec, ContentCache, Stored, Work, cached_map
from quartier.text.sanitize import Removal, removals, sanitize

EXTENSIONS: tuple[str, ...] = ("attr_list", "md_in_html", "tables", "admonition", "toc")
EXTENSION_CONFIGS: dict[str, dict[str, object]] = {
    "toc": {"permalink": True, "permalink_title": "Link zu diesem Abschnitt"},
}

MAX_SCAN_WORK = 2_000_000
"""Python-Markdown looks for the end of every ``[`` and ``<`` from where it stands:
a paragraph of 8,000 unclosed ``[`` took 10 s, 20,000 ``<a`` 43 s (bench/bench_validate.py).
The sum of those distances is counted first; above this, the body is refused."""

TIME_BUDGET_SECONDS = 1.5
"""A backstop for patterns not counted above (main thread only, where signals work)."""

TOO_SLOW = f"Text ist zu aufwendig umzuwandeln (mehr als {TIME_BUDGET_SECONDS:g} s)".replace(".", ",")


@dataclass(frozen=True)
class TocEntry:
    """A heading of the body, for the builder's table of contents."""

    level: int
    id: str
    name: str
    """Plain text: escape it wherever it goes into HTML."""
    children: tuple[TocEntry, ...] = ()


class _TocToken(TypedDict):
    """A heading as the toc extension gives it (``Markdown.toc_tokens``), as far as it is read."""

    level: int
    id: str
    name: str
    children: list[_TocToken]


@dataclass(frozen=True)
class RenderedBody:
    """A body as it is published, and what was held back from it."""

    html: str
    """Sanitized HTML."""

    toc: tuple[TocEntry, ...]
    removals: tuple[Removal, ...]
    """What the sanitizer removed (for the editor's report)."""

    links: tuple[str, ...]
    """``href`` and ``src`` values of the published HTML, for the link check."""

    refused: str = ""
    """Why the body was not rendered at all (German), or ''."""


EMPTY = RenderedBody("", (), (), ())

_converter = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
_LINK = re.compile(r"""\s(?:href|src)="([^"]*)\"""")
_OPENERS = {"[": "]", "<": ">"}
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINE = re.compile(r"\n([ \t]*)\n")


def scan_work(text: str) -> int:
    """For every ``[`` and ``<``, how far Markdown may read to find its closing partner.

    One backward pass: the distance to the next closer, or to the end of the block
    (a blank line) when there is none. Linear in the text.
    """
    work = 0
    next_close = {"]": -1, ">": -1}
    block_end = len(text)
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch == "\n" and text.startswith("\n\n", i):
            block_end = i
            next_close = {"]": -1, ">": -1}
        elif ch in next_close:
            next_close[ch] = i
        elif ch in _OPENERS:
            close = next_close[_OPENERS[ch]]
            work += (close if close >= 0 else block_end) - i
    return work


class _TooSlow(Exception):
    pass


@dataclass
class _Budget:
    expired: bool = False
    native: bool = False
    """Inside nh3: an exception raised in its Python callback is printed and swallowed
    there, so expiry is only noted, and checked when nh3 returns (its work is linear)."""

    @contextmanager
    def in_native_code(self) -> Iterator[None]:
        self.native = True
        try:
            yield
        finally:
            self.native = False
        if self.expired:
            raise _TooSlow


@contextmanager
def _time_budget(seconds: float) -> Iterator[_Budget]:
    budget = _Budget()
    if threading.current_thread() is not threading.main_thread():
        yield budget
        return

    def expire(signum: int, frame: object) -> None:
        budget.expired = True
        if not budget.native:
            raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(source: str) -> RenderedBody:
    """The body as sanitized HTML with its headings, and what was removed."""
    if not source.strip():
        return EMPTY
    if scan_work(source) > MAX_SCAN_WORK:
        return RenderedBody("", (), (), (), "Text enthält zu viele nicht geschlossene [ oder < in einem Absatz")
    try:
        # The whole way from Markdown to the report of removals counts: comparing
        # 14,000 changed headings took as long as converting them.
        with _time_budget(TIME_BUDGET_SECONDS) as budget:
            raw = _converter.reset().convert(source)
            tokens = getattr(_converter, "toc_tokens", [])
            with budget.in_native_code():
                clean = sanitize(raw)
            removed = tuple(removals(raw, clean))
    except _TooSlow:
        return RenderedBody("", (), (), (), TOO_SLOW)
    except RecursionError:
        return RenderedBody("", (), (), (), "Text ist zu tief verschachtelt")
    return RenderedBody(clean, _toc(tokens), removed, tuple(_LINK.findall(clean)))


def _toc(tokens: list[_TocToken]) -> tuple[TocEntry, ...]:
    # The toc extension's names are well-formed inline HTML: stripping the tags is
    # enough, and an HTML parser per heading cost a second for 14,000 headings.
    return tuple(
        TocEntry(
            int(t["level"]), str(t["id"]), html.unescape(_TAG.sub("", str(t["name"]))), _toc(t.get("children", []))
        )
        for t in tokens
    )


def _toc_json(entries: tuple[TocEntry, ...]) -> list[object]:
    return [[e.level, e.id, e.name, _toc_json(e.children)] for e in entries]


def _toc_from_json(items: object) -> tuple[TocEntry, ...]:
    if not isinstance(items, list):
        raise TypeError("toc")
    entries = []
    for item in items:
        level, id_, name, children = item
        if not (isinstance(level, int) and isinstance(id_, str) and isinstance(name, str)):
            raise TypeError("toc entry")
        entries.append(TocEntry(level, id_, name, _toc_from_json(children)))
    return tuple(entries)


def _strings(value: object) -> tuple[str, ...]:
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise TypeError("strings")
    return tuple(value)


def _body_to_stored(body: RenderedBody) -> Stored:
    removed = [[r.what, r.needle] for r in body.removals]
    return Stored(json.dumps([body.html, _toc_json(body.toc), removed, list(body.links), body.refused]))


def _body_from_stored(stored: Stored) -> RenderedBody:
    text, toc, removed, links, refused = json.loads(stored.meta)
    if not (isinstance(text, str) and isinstance(refused, str) and isinstance(removed, list)):
        raise TypeError("body")
    pairs = [_strings(pair) for pair in removed]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError("removal")
    return RenderedBody(text, _toc_from_json(toc), tuple(Removal(*pair) for pair in pairs), _strings(links), refused)


BODY_CODEC: Codec[RenderedBody] = Codec(
    _body_to_stored,
    _body_from_stored,
    # How long a body takes depends on the machine and its load: not a result to keep.
    keep=lambda body: body.refused != TOO_SLOW,
)
"""How the content cache keeps a rendered body (``cache.Work.BODY``)."""


def render_all(sources: Sequence[str], cache: ContentCache | None) -> list[RenderedBody]:
    """``render`` for every source: read from the cache, the rest in a process pool."""
    return cached_map(cache, Work.BODY, render, sources, lambda source: source.encode("utf-8"), BODY_CODEC)


def html_for_any_builder(html: str) -> str:
    """Sanitized HTML that every Markdown processor passes through unchanged.

    CommonMark ends an HTML block at a blank line and reads what follows as Markdown
    again (``[x](javascript:…)`` as text would become a link). Without blank lines the
    whole body stays one HTML block; in ``<pre>`` the entity keeps the empty line.
    """
    while True:
        html, count = _BLANK_LINE.subn(r"\n\1&#10;", html)
        if not count:
            break
    return '<div class="q-body">\n' + html.strip("\n") + "\n</div>"


__all__ = [
    "BODY_CODEC",
    "EXTENSIONS",
    "EXTENSION_CONFIGS",
    "RenderedBody",
    "TocEntry",
    "html_for_any_builder",
    "render",
    "render_all",
    "scan_work",
]
