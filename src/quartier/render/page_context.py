"""What each page template gets: one frozen dataclass per template, checked by mypy.

A template sees exactly the fields of its context (and the environment's globals, and
``absolute``); ``tests/test_page_context.py`` compares each template's variables with
its context, so a name written in one and not the other fails a test, not a build.
Addresses that are the same on every page are defaults here, declared once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar, Protocol

from quartier import paths
from quartier.config import License
from quartier.content.model import (
    City,
    Event,
    OccurrenceStatus,
    Post,
    Program,
    Project,
)
from quartier.render.city_map import MapView
from quartier.render.filters import CardFacts, Choice, QuickFilters
from quartier.render.listings import CityCount, EventSplit, Item
from quartier.render.months import MonthView
from quartier.text import german_dates

BODY_MARK = "<!-- quartier:body -->"
"""Where the editor's Markdown goes in a rendered template."""


@dataclass(frozen=True, kw_only=True)
class PageContext:
    """What every template gets: the page's own site path (links are made relative to it)."""

    template: ClassVar[str]
    """The template's name below ``render/templates/``, without ``.md.j2``."""

    here: str

    def variables(self) -> dict[str, object]:
        """The fields by name, as they are (``asdict`` would copy nested dataclasses into dicts)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# -- parts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthLink:
    path: str
    name: str


@dataclass(frozen=True)
class SeriesDate:
    """One date of a series as its page lists it."""

    anchor: str
    when: str
    note: str
    status: OccurrenceStatus
    iso: str


@dataclass(frozen=True)
class SeriesFacts:
    """What a series page shows: the rule in words, the next dates, how many more."""

    rule: str
    dates: tuple[SeriesDate, ...]
    more: int


@dataclass(frozen=True)
class RelatedEvents:
    """Upcoming events suggested on an event's page: in its city, and in its programs."""

    city: City | None
    in_city: tuple[Item, ...]
    programs: Sequence[Program]
    in_programs: tuple[Item, ...]


@dataclass(frozen=True)
class MapTiles:
    """The interactive map, when a tile server is configured."""

    host: str
    attribution: str
    data: str
    """The points as JSON, safe inside a script element."""

    script: str


@dataclass(frozen=True)
class OpenDistribution:
    path: str
    name: str
    label: str
    anchor: str
    download: bool
    """A calendar is for subscribing (its help page says how), not only for saving."""


class DescribedColumn(Protocol):
    """A column of an open data table, as the page describes it (``tables.Column``)."""

    @property
    def name(self) -> str: ...

    @property
    def meaning(self) -> str: ...


@dataclass(frozen=True)
class OpenDataset:
    key: str
    title: str
    description: str
    columns: Sequence[DescribedColumn]
    distributions: tuple[OpenDistribution, ...]


# -- listings ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class HomeContext(PageContext):
    template = "home"
    title: str
    intro: str = BODY_MARK
    next_events: tuple[Item, ...]
    latest_posts: Sequence[Post]
    calendar_path: str
    times: tuple[Choice, ...]
    news_path: str = paths.NEWS_INDEX
    events_path: str = paths.EVENT_INDEX
    cities_path: str = paths.CITY_INDEX
    site_feed: str = paths.SITE_FEED


@dataclass(frozen=True, kw_only=True)
class EventsIndexContext(PageContext):
    template = "events_index"
    here: str = paths.EVENT_INDEX
    months: list[tuple[tuple[int, int], list[Item]]]
    facts: Mapping[str, CardFacts]
    choices: QuickFilters
    stand: date
    listed_until: date
    timezone: str
    calendar_path: str
    script_path: str = paths.FILTER_SCRIPT
    archive_path: str = paths.EVENT_ARCHIVE
    online_path: str = paths.ONLINE_EVENTS
    cities_path: str = paths.CITY_INDEX
    site_feed: str = paths.SITE_FEED


@dataclass(frozen=True, kw_only=True)
class EventsFilterContext(PageContext):
    template = "events_filter"
    heading: str
    lead: str
    items: Sequence[Item]
    stand: date
    choices: QuickFilters
    current: tuple[str, str]
    """The filter this page is: its key and value (``("zeit", "wochenende")``)."""

    empty: str
    next_label: str
    calendar_path: str
    events_path: str = paths.EVENT_INDEX
    next_days_path: str = paths.EVENTS_NEXT_30_DAYS


@dataclass(frozen=True, kw_only=True)
class EventsArchiveContext(PageContext):
    template = "events_archive"
    here: str = paths.EVENT_ARCHIVE
    years: list[tuple[int, list[Event]]]
    events_path: str = paths.EVENT_INDEX
    site_feed: str = paths.SITE_FEED


@dataclass(frozen=True, kw_only=True)
class OnlineContext(PageContext):
    template = "online"
    here: str = paths.ONLINE_EVENTS
    split: EventSplit
    site_feed: str = paths.SITE_FEED


@dataclass(frozen=True, kw_only=True)
class CitiesIndexContext(PageContext):
    template = "cities_index"
    here: str = paths.CITY_INDEX
    counts: list[CityCount]
    online_count: int
    online_path: str = paths.ONLINE_EVENTS


@dataclass(frozen=True, kw_only=True)
class MapContext(PageContext):
    template = "map"
    here: str = paths.MAP_PAGE
    view: MapView
    points_count: int
    tiles: MapTiles | None
    cities_path: str = paths.CITY_INDEX
    online_path: str = paths.ONLINE_EVENTS


@dataclass(frozen=True, kw_only=True)
class ProjectsIndexContext(PageContext):
    template = "projects_index"
    here: str = paths.PROJECT_INDEX
    active: list[Project]
    completed: list[Project]


@dataclass(frozen=True, kw_only=True)
class ProgramsIndexContext(PageContext):
    template = "programs_index"
    here: str = paths.PROGRAM_INDEX
    programs: tuple[Program, ...]


@dataclass(frozen=True, kw_only=True)
class MonthContext(PageContext):
    template = "month"
    month_name: str
    view: MonthView
    previous: MonthLink | None
    next: MonthLink | None
    earlier: MonthLink | None
    """The nearest earlier month with dates, for a month without any."""

    later: MonthLink | None
    weekdays: list[tuple[str, str]]
    """Short and long name of each day of the week, Monday first."""

    long_date: Callable[[date], str] = german_dates.long_date
    events_path: str = paths.EVENT_INDEX


@dataclass(frozen=True, kw_only=True)
class SearchContext(PageContext):
    template = "search"
    here: str = paths.SEARCH_PAGE
    filters: list[tuple[str, str, tuple[str, ...]]]
    """Key in the address, label, and the values offered."""

    ranking: str
    """The search's weights as JSON, for its script."""

    script_path: str = paths.SEARCH_SCRIPT
    events_path: str = paths.EVENT_INDEX
    projects_path: str = paths.PROJECT_INDEX
    cities_path: str = paths.CITY_INDEX
    programs_path: str = paths.PROGRAM_INDEX
    news_path: str = paths.NEWS_INDEX


@dataclass(frozen=True, kw_only=True)
class OpenDataContext(PageContext):
    template = "open_data"
    here: str = paths.OPEN_DATA
    stand: str
    license: License
    attribution: str
    publisher: str
    datasets: list[OpenDataset]
    catalog_url: str
    window_start: str
    window_end: str
    catalog_path: str = paths.OPEN_DATA_CATALOG
    catalog_name: str = paths.OPEN_DATA_CATALOG.rsplit("/", 1)[-1]


@dataclass(frozen=True, kw_only=True)
class NewsListContext(PageContext):
    template = "news_list"
    heading: str
    posts: Sequence[Post]
    intro: str = ""
    years: list[tuple[int, str]]
    categories: list[tuple[str, str]]
    number: int = 1
    pages: int = 1
    previous: str = ""
    next: str = ""
    long_date: Callable[[date], str] = german_dates.long_date
    rss_path: str = paths.NEWS_RSS
    json_path: str = paths.NEWS_JSON_FEED


# -- items ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EventContext(PageContext):
    template = "event"
    event: Event
    rescheduled: str
    when: str
    iso_start: str
    default_timezone: str
    is_past: bool
    programs: list[Program]
    projects: list[Project]
    osm: str
    reports: tuple[Post, ...]
    ics_path: str
    google_link: str
    outlook_link: str
    series: SeriesFacts | None
    format_word: str
    page_url: str
    qr_svg: str
    feed_path: str
    feed_label: str
    related: RelatedEvents
    map_point: str
    body: str = BODY_MARK
    events_path: str = paths.EVENT_INDEX


@dataclass(frozen=True, kw_only=True)
class CityContext(PageContext):
    template = "city"
    city: City
    split: EventSplit
    projects: tuple[Project, ...]
    feed_path: str
    calendar_path: str
    map_point: str


@dataclass(frozen=True, kw_only=True)
class ProjectContext(PageContext):
    template = "project"
    project: Project
    news: tuple[Post, ...]
    programs: list[Program]
    split: EventSplit
    osm: str
    body: str = BODY_MARK


@dataclass(frozen=True, kw_only=True)
class ProgramContext(PageContext):
    template = "program"
    program: Program
    news: tuple[Post, ...]
    split: EventSplit
    projects: tuple[Project, ...]
    feed_path: str
    calendar_path: str
    body: str = BODY_MARK


@dataclass(frozen=True, kw_only=True)
class PostContext(PageContext):
    template = "post"
    post: Post
    categories: list[tuple[str, str]]
    events: list[Event]
    projects: list[Project]
    programs: list[Program]
    body: str = BODY_MARK
    long_date: Callable[[date], str] = german_dates.long_date
    news_path: str = paths.NEWS_INDEX


CONTEXTS: tuple[type[PageContext], ...] = (
    HomeContext,
    EventsIndexContext,
    EventsFilterContext,
    EventsArchiveContext,
    OnlineContext,
    CitiesIndexContext,
    MapContext,
    ProjectsIndexContext,
    ProgramsIndexContext,
    MonthContext,
    SearchContext,
    OpenDataContext,
    NewsListContext,
    EventContext,
    CityContext,
    ProjectContext,
    ProgramContext,
    PostContext,
)
"""Every page template's context: one each."""
