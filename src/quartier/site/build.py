"""One build: validate everything, render every page and file in memory, check every path.

Nothing is written here: the front ends decide where the output goes, so that a
build that fails validation cannot leave anything half-written behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from quartier import paths
from quartier.cache import ContentCache
from quartier.config import SiteConfig
from quartier.content.history import History, read_history
from quartier.content.loading import read_text
from quartier.content.model import Site
from quartier.content.redirects import redirect_file, render_redirects
from quartier.content.validation import ValidationResult, validate_site
from quartier.feeds.ical.calendars import feed_paths, render_feeds
from quartier.feeds.news import NEWS_FEED_PATHS, render_news_feeds
from quartier.problems import Problem, errors_in
from quartier.render.field_reference import field_reference_page
from quartier.render.opendata import OPEN_DATA_FILES, render_open_data
from quartier.render.pages import Page, plan_pages, render_pages
from quartier.site.site_paths import DeadLink, Output, collisions, dead_links, docs_page_url
from quartier.text.markup import EMPTY, RenderedBody


@dataclass(frozen=True)
class SiteOutput:
    """Everything the engine produces for one site and one "today"."""

    pages: tuple[Page, ...]
    """Pages with finished, sanitized HTML (and a Markdown form for other builders)."""

    files: dict[str, bytes]
    """Finished files by site path (``kalender.ics``), copied as they are."""

    warnings: tuple[str, ...] = field(default=())
    docs_files: tuple[str, ...] = ()
    """What may be published from docs/ (paths below it); nothing else from there is."""

    notes: tuple[str, ...] = ()
    """Worth saying, not worth stopping a strict build for (no Git repository; commits the
    calendar versions pass over, which no later commit can change)."""

    docs_contents: Mapping[str, bytes] = field(default_factory=dict)
    """The engine's bytes for the images and stylesheets among ``docs_files``: what the
    front ends publish in place of the files as found."""


@dataclass(frozen=True)
class BuildResult:
    validation: ValidationResult
    output: SiteOutput | None
    """``None`` when there were errors."""

    path_problems: tuple[Problem, ...] = ()

    said: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """Warnings and notes of a check that rendered nothing (``check``): ``output`` has a build's."""

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.output.warnings if self.output else self.said[0]

    @property
    def notes(self) -> tuple[str, ...]:
        return self.output.notes if self.output else self.said[1]

    @property
    def problems(self) -> list[Problem]:
        return sorted([*self.validation.problems, *self.path_problems])


def build(config: SiteConfig, today: date, cache: ContentCache | None = None) -> BuildResult:
    """``cache``: where per-file work is kept between builds (``None``: computed afresh).
    The output is the same bytes either way."""
    validation = validate_site(config, cache)
    if validation.site is None:
        return BuildResult(validation, None)
    site = validation.site
    # The history first: pages and JSON-LD say when an event was moved, as the feeds do.
    history = read_history(config, site)
    pages = render_pages(site, config, today, history)
    pages.append(field_reference_page())
    files, warnings = render_feeds(site, config, today, history)
    history_warnings, notes = _history_said(history)
    warnings += history_warnings
    files.update(render_open_data(site, config, today, history, files))
    files.update(render_news_feeds(site, config))
    files.update(render_redirects(site.redirects, config))
    # As the engine wrote them (the sizes of each picture), never the files as found.
    files.update(validation.content_files)
    problems = check_paths(config, validation, [_claimed(page) for page in pages], files)
    if errors_in(problems):
        return BuildResult(validation, None, tuple(problems))
    output = SiteOutput(tuple(pages), files, tuple(warnings), validation.docs.files, notes, validation.docs.contents)
    if cache is not None:
        cache.prune()
    return BuildResult(validation, output, tuple(problems))


def check(config: SiteConfig, today: date, cache: ContentCache | None = None) -> BuildResult:
    """What ``quartier validate`` asks: the content, every path the site would write and
    every local link, without rendering a page, a QR code or a feed that nobody reads.

    The paths come from the same plan the build renders (``plan_pages``, ``feed_paths``),
    so a collision found by the build is found here. ``output`` stays ``None``: nothing
    was rendered. Not checked: the feed window's size warnings (they need the feeds).
    """
    validation = validate_site(config, cache)
    if validation.site is None:
        return BuildResult(validation, None)
    pages, files = planned_outputs(config, validation.site, validation, today)
    # The history is read as the build reads it: what it passes over (a forged commit
    # date) is worth saying in the pull request that brings it.
    said = _history_said(read_history(config, validation.site))
    return BuildResult(validation, None, tuple(check_paths(config, validation, pages, files)), said)


def _history_said(history: History) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Warnings and notes about the Git history (no repository, commits passed over)."""
    if history.incomplete:
        return (history.note,), history.passed_over
    return (), ((history.note,) if history.note else ()) + history.passed_over


def planned_outputs(
    config: SiteConfig, site: Site, validation: ValidationResult, today: date
) -> tuple[list[tuple[Output, RenderedBody]], list[str]]:
    """Every page (with the body whose links it publishes) and every file ``build`` writes."""
    pages = [
        (Output(p.url_path, paths.page_source(p.url_path), p.origin), site.body(p.origin) if p.origin else EMPTY)
        for p in plan_pages(site, config, today)
    ]
    pages.append(_claimed(field_reference_page()))
    files = feed_paths(site)
    files += [*NEWS_FEED_PATHS, *OPEN_DATA_FILES, *(redirect_file(old) for old, _ in site.redirects)]
    files += list(validation.content_files)
    return pages, files


def _claimed(page: Page) -> tuple[Output, RenderedBody]:
    return Output(page.url_path, page.source, page.origin), page.body


def check_paths(
    config: SiteConfig,
    validation: ValidationResult,
    pages: list[tuple[Output, RenderedBody]],
    files: Iterable[str],
) -> list[Problem]:
    """Collisions between everything the site writes, and local links that lead nowhere."""
    docs = config.docs_dir.rstrip("/")
    outputs = [output for output, _ in pages]
    outputs += [Output(path) for path in files]
    docs_pages = {uri: Output(docs_page_url(uri), uri, f"{docs}/{uri}") for uri in validation.docs.pages}
    outputs += docs_pages.values()
    outputs += [Output(uri, "", f"{docs}/{uri}") for uri in validation.docs.files if uri not in docs_pages]
    problems = collisions(outputs)
    bodies = [(output, body, output.url) for output, body in pages if body.links]
    bodies += [
        (docs_pages[uri], body, uri) for uri, body in validation.docs_bodies.items() if body.links and uri in docs_pages
    ]
    for dead in dead_links(outputs, bodies):
        problems.append(dead.problem(_line_of(config, dead)))
    return problems


def _line_of(config: SiteConfig, dead: DeadLink) -> int:
    """The line of the file where the link is written (found by the link as the HTML has
    it); 1 when the file does not spell it that way."""
    text, _ = read_text(config.root / dead.owner, dead.owner, config.max_file_bytes, root=config.root)
    at = text.find(dead.link) if text is not None else -1
    return text.count("\n", 0, at) + 1 if text is not None and at >= 0 else 1
