"""News posts ("Aktuelles"): who names whom, and every news page.

The engine writes the index (paginated), the archive by year, the category pages and
the post pages at the URLs Material's blog plugin used, so that links keep working.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from math import ceil

from quartier import paths
from quartier.content.model import Post, Site
from quartier.text.slugs import slugify

PER_PAGE = 10
"""Posts per page of the index, as the blog had them."""


@dataclass(frozen=True)
class NewsRelations:
    """Posts by the events, projects and programs they name; each newest first."""

    by_event: dict[str, tuple[Post, ...]]
    by_project: dict[str, tuple[Post, ...]]
    by_program: dict[str, tuple[Post, ...]]


def news_relations(site: Site) -> NewsRelations:
    by_event: dict[str, list[Post]] = defaultdict(list)
    by_project: dict[str, list[Post]] = defaultdict(list)
    by_program: dict[str, list[Post]] = defaultdict(list)
    for post in site.posts:  # already newest first
        for slug in post.events:
            by_event[slug].append(post)
        for slug in post.projects:
            by_project[slug].append(post)
        for slug in post.programs:
            by_program[slug].append(post)
    return NewsRelations(_freeze(by_event), _freeze(by_project), _freeze(by_program))


def _freeze(mapping: dict[str, list[Post]]) -> dict[str, tuple[Post, ...]]:
    return {key: tuple(value) for key, value in mapping.items()}


def index_order(posts: tuple[Post, ...]) -> list[Post]:
    """Pinned posts first, then newest first (the order ``Site.posts`` has)."""
    return [p for p in posts if p.pin] + [p for p in posts if not p.pin]


def pages_of(posts: list[Post]) -> list[list[Post]]:
    """The index split into pages of ``PER_PAGE`` (at least one page, maybe empty)."""
    count = max(1, ceil(len(posts) / PER_PAGE))
    return [posts[i * PER_PAGE : (i + 1) * PER_PAGE] for i in range(count)]


def by_year(posts: tuple[Post, ...]) -> dict[int, list[Post]]:
    years: dict[int, list[Post]] = defaultdict(list)
    for post in posts:
        years[post.day.year].append(post)
    return dict(sorted(years.items(), reverse=True))


def categories(posts: tuple[Post, ...]) -> dict[str, tuple[str, list[Post]]]:
    """Category slug → (name as first written, posts); in the order of their names."""
    found: dict[str, tuple[str, list[Post]]] = {}
    for post in posts:
        for name in post.categories:
            found.setdefault(slugify(name), (name, []))[1].append(post)
    return dict(sorted(found.items(), key=lambda item: item[1][0].casefold()))


def category_links(post: Post) -> list[tuple[str, str]]:
    return [(name, paths.news_category(slugify(name))) for name in post.categories]
