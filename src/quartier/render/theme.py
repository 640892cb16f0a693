"""What a page says about itself, and the seam where a builder's theme reads it.

The engine knows a page's title, description and kind; how a theme wants them (escaped
or not, which switches hide its sidebars) is the theme adapter's business. The front
ends pass their adapter (``quartier.frontends.material`` for MkDocs with Material and
for Zensical); the engine never picks one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from quartier.text.plain_text import shorten

PageKind = Literal[
    "home",
    "events",
    "events-filter",
    "event",
    "archive",
    "online",
    "calendar",
    "cities",
    "city",
    "map",
    "projects",
    "project",
    "programs",
    "program",
    "news",
    "news-archive",
    "news-category",
    "post",
    "open-data",
    "search",
    "reference",
]
"""The kinds of the engine's pages. ``overrides/main.html`` switches on them as
``page.meta.quartier`` (a theme template compares strings; ``tests/test_layers.py``
checks that each one it names is declared here)."""


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    """A page's title and description as plain text, and what our templates read."""

    title: str
    description: str
    """Plain text, at most 200 characters (what a search result shows)."""

    kind: PageKind
    """The page type our templates switch on."""

    extra: Mapping[str, object] = field(default_factory=dict)
    """Values the site's templates read as they are (``quartier_json_ld``: script-safe JSON)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "description", shorten(self.description, 200))


class Theme(Protocol):
    """A theme adapter: how the builder's templates must receive what the engine says."""

    def front_matter(self, meta: PageMeta) -> str:
        """The front matter block of a generated page, ``---`` lines included."""

    def title(self, text: str) -> str:
        """A plain-text title (of a hand-written page, of a heading) as the templates must get it."""

    def docs_meta(self, fields: Mapping[str, object]) -> dict[str, object]:
        """A hand-written page's checked front matter as the templates must get it."""

    def docs_search_body(self, fields: Mapping[str, object], body: str) -> str | None:
        """What the theme gives the search index of a hand-written page (sanitized ``body``,
        checked front matter ``fields``): ``""`` for none, ``None`` if only the builder knows."""
