"""What HTML from content may be published: an allowlist, enforced by Ammonia (nh3).

Every piece of HTML that comes from an editor (bodies, the start page text, the
hand-written pages) passes through :func:`sanitize` after Markdown has run, so what
reaches a visitor is decided on the finished HTML, never guessed from the Markdown
source. :func:`removals` tells editors, in German, what the sanitizer took out, so
that validation can report it on their line; the visitor is protected either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
"""What editors need: headings, lists, tables, links, images, emphasis, admonitions, details."""

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
}
"""No event handler, no ``style`` but a table cell's alignment, no ``srcdoc``, ``target`` or ``name``."""

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
"""Links may also be relative; images only relative (no request to another server)."""

DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "textarea",
        "select",
        "xmp",
        "noembed",
        "noframes",
        "title",
    }
)
"""Elements whose content is not text for the visitor: it goes with them."""

ALLOWED_CLASSES: frozenset[str] = frozenset(
    {
        # Admonitions (Python-Markdown's ``!!! note``) and their types as Material styles them.
        "admonition",
        "admonition-title",
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
        # Permalinks of headings (toc extension); the easy-language page's frame.
        "headerlink",
        "q-leichte-sprache",
    }
)
_CODE_CLASS = re.compile(r"^language-[a-z0-9+#-]{1,30}$")
_RESERVED_ID = re.compile(r"^(__|q-|md-)")
"""Ids the theme and the engine use (``__config`` holds the theme's settings): an
editor's element with such an id would be found by the page's scripts instead."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = [c for c in value.split() if c in ALLOWED_CLASSES or (tag == "code" and _CODE_CLASS.match(c))]
        return " ".join(kept) or None
    if name == "id":
        return None if _RESERVED_ID.match(value) else value
    if tag == "img" and name == "src":
        return None if is_foreign(value) else value
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    link_rel=None,
    filter_style_properties={"text-align"},
)


def sanitize(html: str) -> str:
    """The HTML with everything outside the allowlist removed (Ammonia's html5ever parse)."""
    return _CLEANER.clean(html)


def url_scheme(url: str) -> str | None:
    """The scheme as a browser reads it (tabs and newlines inside it ignored), or ``None``."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def is_foreign(url: str) -> bool:
    """Whether a browser would fetch ``url`` from another server.

    Browsers drop tabs and newlines and read a backslash as a slash, so ``/\\host``
    and ``/&#9;/host`` are protocol-relative (``//host``) like the plain form.
    """
    visible = _INVISIBLE.sub("", url).replace("\\", "/")
    return url_scheme(url) is not None or visible.startswith("//")


@dataclass(frozen=True)
class Removal:
    """Something an editor wrote that the sanitizer does not publish."""

    what: str
    """German, for the editor: ``Attribut onerror= an <img>``."""

    needle: str
    """A piece of the source to find the line by (``onerror``)."""


class _Tokens(HTMLParser):
    """Start tags and text, in order; what dropped elements contain is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, dict[str, str]] | str] = []
        """Text is compared without whitespace (Ammonia may re-wrap it)."""
        self.shown: dict[int, str] = {}
        """Each text's words as written, for the editor's message."""
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.append(tag)
            return
        self.items.append((tag, _attributes(attrs)))
        if tag in DROPPED_WITH_CONTENT:
            self._skip.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip:
            self.items.append((tag, _attributes(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        text = "".join(data.split())
        if not text:
            return
        if not (self.items and isinstance(self.items[-1], str)):
            self.items.append("")
        at = len(self.items) - 1
        last = self.items[at]
        assert isinstance(last, str)  # made text just above
        self.items[at] = last + text
        self.shown[at] = (self.shown.get(at, "") + " " + " ".join(data.split())).strip()


def _attributes(attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    # Ammonia writes a kept style without spaces ("text-align:left"): not a removal.
    return {name: re.sub(r"\s+|;$", "", value or "") if name == "style" else value or "" for name, value in attrs}


def _tokens(html: str) -> _Tokens:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser


# html5ever adds these where HTML implies them (a <tr> straight in a <table>).
_IMPLIED = frozenset({"tbody", "tr", "colgroup"})


def removals(raw: str, clean: str | None = None) -> list[Removal]:
    """What :func:`sanitize` removes from ``raw``, in the order it appears.

    Both are read with the same tokenizer and walked side by side: the sanitizer only
    takes away (elements, attributes, text inside dropped elements), so whatever in
    ``raw`` has no counterpart at the same place in ``clean`` was removed.
    """
    clean = sanitize(raw) if clean is None else clean
    return list(_walk(_tokens(raw), _tokens(clean)))


def _walk(raw_tokens: _Tokens, clean_tokens: _Tokens) -> Iterator[Removal]:
    raw, clean = raw_tokens.items, clean_tokens.items
    j = 0
    pending = ""  # the rest of the clean text token being consumed
    for i, token in enumerate(raw):
        if isinstance(token, str):
            following = clean[j] if j < len(clean) else None
            if not pending and isinstance(following, str):
                pending = following
                j += 1
            if pending.startswith(token):
                pending = pending[len(token) :]
            else:
                shown = raw_tokens.shown.get(i, token)
                yield Removal(f"Text „{_short(shown)}“", shown[:20])
            continue
        tag, attrs = token
        while j < len(clean) and not isinstance(clean[j], str) and clean[j][0] != tag and clean[j][0] in _IMPLIED:
            j += 1
        candidate = clean[j] if j < len(clean) and not pending else None
        if not isinstance(candidate, tuple) or candidate[0] != tag:
            yield Removal(f"Element <{tag}>", "<" + tag)
            continue
        j += 1
        kept = candidate[1]
        for name, value in attrs.items():
            if name in kept and kept[name] == value:
                continue
            yield _attribute_removal(tag, name, value, kept.get(name))
    if j < len(clean):
        # The browser (and Ammonia) read the source differently from how it looks:
        # "<!-->" closes a comment at once, a <style> inside <svg> holds markup.
        extra = clean[j]
        needle = "<" + extra[0] if isinstance(extra, tuple) else "<!--"
        yield Removal(
            "HTML, das der Browser anders liest, als es aussieht (z. B. ein Kommentar <!--> oder <style> in <svg>)",
            needle,
        )


def _attribute_removal(tag: str, name: str, value: str, kept: str | None) -> Removal:
    if name in ("href", "src") and kept is None:
        scheme = url_scheme(value)
        if tag == "img" and is_foreign(value):
            return Removal(f"Bild von einem anderen Server ({_short(value)})", value[:20] or name)
        return Removal(f"Link-Ziel „{_short(value)}“", (scheme or value)[:20] or name)
    if name == "class" and kept is not None:
        dropped = sorted(set(value.split()) - set(kept.split()))
        return Removal(f"Klasse „{' '.join(dropped)}“ an <{tag}>", dropped[0] if dropped else name)
    return Removal(f"Attribut {name}= an <{tag}>", name)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["ALLOWED_TAGS", "ALLOWED_ATTRIBUTES", "URL_SCHEMES", "Removal", "sanitize", "removals", "url_scheme"]
