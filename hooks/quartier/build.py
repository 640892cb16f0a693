"""One build: validate everything, then render every page and file in memory.

Nothing is written here: the front ends decide where the output goes, so that a
build that fails validation cannot leave anything half-written behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .config import SiteConfig
from .field_reference import field_reference_markdown
from .ical_feed import render_feeds
from .news_feeds import render_news_feeds
from .redirects import render_redirects
from .pages import Page, render_pages
from .problems import Problem
from .validation import ValidationResult, validate_site


@dataclass(frozen=True)
class SiteOutput:
    """Everything the engine produces for one site and one "today"."""

    pages: tuple[Page, ...]
    """Markdown pages, to be rendered by MkDocs (or another builder)."""

    files: dict[str, bytes]
    """Finished files by site path (``kalender.ics``), copied as they are."""

    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class BuildResult:
    validation: ValidationResult
    output: SiteOutput | None
    """``None`` when validation found errors."""

    @property
    def problems(self) -> list[Problem]:
        return self.validation.problems


def build(config: SiteConfig, today: date) -> BuildResult:
    validation = validate_site(config)
    if validation.site is None:
        return BuildResult(validation, None)
    site = validation.site
    pages = render_pages(site, config, today)
    pages.append(Page("redaktion/felder.md", "redaktion/felder/", "", "", field_reference_markdown(), in_nav=True))
    files, warnings = render_feeds(site, config, today)
    files.update(render_news_feeds(site, config))
    files.update(render_redirects(site.redirects, config))
    return BuildResult(validation, SiteOutput(tuple(pages), files, tuple(warnings)))
