"""News posts: who names whom, and what the engine adds to a post's page.

The post pages themselves are rendered by Material's blog plugin from the editor's
file; the engine adds the excerpt mark (if the editor set none) and the block of
events, projects and programs the post names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import Post, Site
from .templating import environment

EXCERPT_MARK = "<!-- more -->"


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
    freeze = lambda mapping: {key: tuple(value) for key, value in mapping.items()}  # noqa: E731
    return NewsRelations(freeze(by_event), freeze(by_project), freeze(by_program))


def post_markdown(post: Post, markdown: str, site: Site) -> str:
    """The post's Markdown as the blog plugin should render it.

    Without an excerpt mark the blog plugin would put the whole post into every
    archive and category page; the mark goes after the first paragraph instead.
    """
    if EXCERPT_MARK not in markdown:
        blocks = markdown.strip("\n").split("\n\n", 1)
        markdown = blocks[0] + f"\n\n{EXCERPT_MARK}\n\n" + (blocks[1] if len(blocks) > 1 else "")
    if post.image:
        # The image is shown on the post (not in excerpts), with its credit as the caption.
        alt = (post.image_alt or "").replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        figure = environment().get_template("post_image.md.j2").render(post=post, alt=alt)
        head, mark, rest = markdown.partition(EXCERPT_MARK)
        markdown = head + mark + "\n\n" + figure + "\n\n" + rest.lstrip("\n")
    events = [site.event_by_slug[s] for s in post.events]
    projects = [site.project_by_slug[s] for s in post.projects]
    programs = [site.program_by_slug[s] for s in post.programs]
    if not (events or projects or programs):
        return markdown
    block = environment().get_template("post_related.md.j2").render(here=post.url_path, post=post, events=events, projects=projects, programs=programs)
    return markdown.rstrip("\n") + "\n\n" + block
