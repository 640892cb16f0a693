"""The content model: what validation produces and every renderer reads.

Instances are immutable and fully checked: a renderer never has to guard against a
missing city, an end before the start or a naive datetime.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from quartier import paths
from quartier.content.when import When
from quartier.text.markup import EMPTY, RenderedBody

Day = date
"""``date`` under a name that a field called ``date`` (``Post.date``) cannot shadow."""

EventStatus = Literal["scheduled", "cancelled", "postponed"]
EventFormat = Literal["in-person", "online", "hybrid"]
ProjectStatus = Literal["active", "completed"]
Frequency = Literal["daily", "weekly", "monthly", "yearly"]
OccurrenceStatus = Literal["scheduled", "cancelled", "postponed", "moved"]

_POSTCODE = re.compile(r"^\d{5}$")
"""A German postcode (every city in ``content/cities.yml`` is German)."""

OPEN_END = date(2200, 12, 31)
"""``last_day`` of a series without ``until`` or ``count``: the validator's last year,
so that it is never past and date arithmetic on it cannot overflow."""


@dataclass(frozen=True)
class City:
    name: str
    """As written in ``content/cities.yml`` (``Frankfurt (Oder)``)."""

    slug: str
    """German-transliterated URL part (``frankfurt-oder``)."""

    state: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    """Street and postcode, without the city (``Kuglerstraße 24, 45128``)."""

    city: City
    lat: float | None = None
    lon: float | None = None

    @property
    def address_without_city(self) -> str:
        """The address without a city written at its end: ``Hollestraße 1, 45127``.

        The contract asks for street and postcode only, but editors often add the town
        (``Hollestraße 1, 45127 Essen``); appending the city to that again gave
        „…, 45127 Essen Essen“ in calendars, on the page and in the open data.
        """
        tail = self.address.rstrip(" ,")
        # Only after a postcode or a comma: "Am Essen" is a street, not a street and a town.
        found = re.search(rf"(?:^|,|\b\d{{5}})\s*{re.escape(self.city.name)}$", tail, re.IGNORECASE)
        if found is None:
            return self.address.strip()
        return (tail[: found.start()] + found.group(0)[: -len(self.city.name)]).strip().rstrip(",").strip()

    @property
    def street_and_postcode(self) -> tuple[str, str]:
        """``("Luckenwalder Straße 4–6", "10963")``: the contract's form split in two ('' where absent)."""
        address = self.address_without_city
        street, _, tail = address.rpartition(",")
        if street and _POSTCODE.match(tail.strip()):
            return street.strip(), tail.strip()
        if _POSTCODE.match(address):
            return "", address
        return address, ""

    @property
    def full_address(self) -> str:
        """``STATION Berlin, Luckenwalder Straße 4–6, 10963 Berlin``: what calendars and maps need."""
        street = self.address_without_city
        if street:
            return f"{self.name}, {street} {self.city.name}"
        return f"{self.name}, {self.city.name}"

    @property
    def coordinates(self) -> tuple[float, float] | None:
        if self.lat is not None and self.lon is not None:
            return (self.lat, self.lon)
        return None


@dataclass(frozen=True)
class Rendition:
    """One published file of a picture."""

    path: str
    """Site path (``veranstaltungen/bilder/werkstatt-480w.webp``)."""

    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Picture:
    """The picture of an event, project, program or post, as the site publishes it."""

    alt: str
    """What it shows, for people who do not see it; ``""`` for a decorative picture."""

    credit: str
    modern: tuple[Rendition, ...]
    """WebP, narrowest first (empty for an SVG)."""

    fallback: tuple[Rendition, ...]
    """JPEG, or PNG for a picture with transparency, or the one SVG; narrowest first."""

    @property
    def largest(self) -> Rendition:
        return self.fallback[-1]

    @property
    def shared(self) -> Rendition | None:
        """What link previews show (``og:image``): the largest JPEG or PNG; none for an SVG."""
        return None if self.largest.mime == "image/svg+xml" else self.largest


@dataclass(frozen=True)
class Organizer:
    name: str
    url: str | None = None
    email: str | None = None
    """Where calendars can reach the organizer (ORGANIZER is a mailto: address)."""


@dataclass(frozen=True)
class Weekday:
    """One ``byday`` entry: ``tu`` (every Tuesday), ``1tu`` (the first), ``-1fr`` (the last Friday)."""

    weekday: int
    """0 = Monday … 6 = Sunday (``date.weekday()``)."""

    ordinal: int = 0
    """0: every such day of the period; 1–5: the n-th in the month; -1…-5: the n-th from its end."""


@dataclass(frozen=True)
class Move:
    """One occurrence of a series at another time (``repeat.moved``)."""

    original: date
    """The day the rule gives it (``from``): its RECURRENCE-ID."""

    when: When
    """Where it was moved to; all day exactly when its series is."""

    @property
    def start(self) -> date | datetime:
        return self.when.start

    @property
    def end(self) -> date | datetime | None:
        return self.when.end


@dataclass(frozen=True)
class Series:
    """The ``repeat`` of an event: the event's ``start``/``end`` are its first occurrence.

    Checked by the validator: the start is a day of the rule, ``until``/``count`` and
    the weekday forms fit ``freq``, every cancelled or moved date is an occurrence.
    """

    freq: Frequency
    interval: int = 1
    byday: tuple[Weekday, ...] = ()
    bymonthday: tuple[int, ...] = ()
    until: date | None = None
    """The last possible day (inclusive), as the editor wrote it."""

    count: int | None = None
    cancelled: tuple[date, ...] = ()
    """``except``: days of the rule on which the series does not take place."""

    moved: tuple[Move, ...] = ()
    last_rule_day: date | None = None
    """The day of the last occurrence the rule gives (``None``: the series runs on)."""

    last_day: date | None = None
    """The last day any occurrence takes place, moved ones included (``None``: runs on)."""

    @property
    def bounded(self) -> bool:
        return self.last_rule_day is not None


@dataclass(frozen=True)
class Event:
    slug: str
    source: str
    """Path of the Markdown file, relative to the project root."""

    title: str
    when: When
    """All day (first and last day) or timed (aware start in ``timezone``, optional end).
    For a series: its first occurrence."""

    timezone: str
    status: EventStatus
    format: EventFormat
    venue: Venue | None
    online_url: str | None
    programs: tuple[str, ...]
    projects: tuple[str, ...]
    organizer: Organizer | None
    registration: str | None
    summary: str
    tags: tuple[str, ...]
    uid: str
    body: str
    """The Markdown body as the editor wrote it."""

    body_line: int = 1
    repeat: Series | None = None
    """A recurring event (a series); ``start``/``end`` are its first occurrence."""

    parallel_to: tuple[str, ...] = ()
    """Events at the same time that are no duplicate of this one (parallel workshops)."""

    image: str | None = None
    """Path relative to ``content/events/`` (``bilder/werkstatt.jpg``), as ``picture`` is made of."""

    image_credit: str | None = None
    image_alt: str | None = None
    picture: Picture | None = None

    @property
    def is_series(self) -> bool:
        return self.repeat is not None

    @property
    def is_occurrence(self) -> bool:
        """False: listings mix events and ``Occurrence`` items and ask each which it is."""
        return False

    @property
    def start(self) -> date | datetime:
        """DTSTART: a ``date`` all day, else an aware ``datetime`` (for templates and links)."""
        return self.when.start

    @property
    def end(self) -> date | datetime | None:
        """All day: the last day, inclusive. Timed: an aware ``datetime`` or ``None``."""
        return self.when.end

    @property
    def all_day(self) -> bool:
        return self.when.all_day

    @property
    def first_day(self) -> date:
        return self.when.first_day

    @property
    def last_day(self) -> date:
        """The last local day the event takes place (it is upcoming until this day has passed).

        For a series: the last day of its last occurrence; ``OPEN_END`` when it runs on.
        """
        if self.repeat is not None:
            return self.repeat.last_day or OPEN_END
        return self.when.last_day

    @property
    def city(self) -> City | None:
        return self.venue.city if self.venue else None

    @property
    def url_path(self) -> str:
        return paths.event_path(self.slug)

    def is_upcoming(self, today: date) -> bool:
        return self.last_day >= today


@dataclass(frozen=True)
class Occurrence:
    """One date of a series, as listings, pages and JSON-LD show it.

    It answers the questions templates ask an ``Event`` (``title``, ``url_path``,
    ``start``, ``end``, ``all_day``, ``status``, ``venue``, …), so a listing can hold
    both; ``url_path`` is the series' page. ``is_occurrence`` tells them apart.
    """

    event: Event
    original: date
    """The day the rule gives it (for a moved occurrence: where it was moved from)."""

    when: When
    status: OccurrenceStatus
    """``cancelled`` (in ``except``, or the whole series), ``moved``, ``postponed``
    (the whole series), else ``scheduled``."""

    @property
    def is_occurrence(self) -> bool:
        return True

    @property
    def is_series(self) -> bool:
        return True

    @property
    def series(self) -> Series:
        assert self.event.repeat is not None
        return self.event.repeat

    @property
    def start(self) -> date | datetime:
        return self.when.start

    @property
    def end(self) -> date | datetime | None:
        return self.when.end

    @property
    def original_start(self) -> date | datetime:
        """Where the rule puts it: the RECURRENCE-ID, and ``previousStartDate`` of a moved one."""
        if self.event.all_day:
            return self.original
        assert isinstance(self.event.start, datetime)
        return datetime.combine(self.original, self.event.start.time(), tzinfo=self.event.start.tzinfo)

    all_day = property(lambda self: self.event.all_day)
    title = property(lambda self: self.event.title)
    slug = property(lambda self: self.event.slug)
    source = property(lambda self: self.event.source)
    uid = property(lambda self: self.event.uid)
    url_path = property(lambda self: self.event.url_path)
    timezone = property(lambda self: self.event.timezone)
    format = property(lambda self: self.event.format)
    venue = property(lambda self: self.event.venue)
    city = property(lambda self: self.event.city)
    online_url = property(lambda self: self.event.online_url)
    programs = property(lambda self: self.event.programs)
    projects = property(lambda self: self.event.projects)
    organizer = property(lambda self: self.event.organizer)
    registration = property(lambda self: self.event.registration)
    summary = property(lambda self: self.event.summary)
    tags = property(lambda self: self.event.tags)
    picture = property(lambda self: self.event.picture)

    @property
    def first_day(self) -> date:
        return self.when.first_day

    @property
    def last_day(self) -> date:
        return self.when.last_day

    def is_upcoming(self, today: date) -> bool:
        return self.last_day >= today


@dataclass(frozen=True)
class Project:
    slug: str
    source: str
    title: str
    city: City
    programs: tuple[str, ...]
    status: ProjectStatus
    start_year: int | None
    end_year: int | None
    organization: str | None
    website: str | None
    lat: float | None
    lon: float | None
    summary: str
    tags: tuple[str, ...]
    body: str
    image: str | None = None
    image_credit: str | None = None
    image_alt: str | None = None
    picture: Picture | None = None

    @property
    def url_path(self) -> str:
        return paths.project_path(self.slug)


@dataclass(frozen=True)
class Program:
    slug: str
    source: str
    title: str
    funder: str | None
    region: str | None
    website: str | None
    summary: str
    body: str
    image: str | None = None
    image_credit: str | None = None
    image_alt: str | None = None
    picture: Picture | None = None

    @property
    def url_path(self) -> str:
        return paths.program_path(self.slug)


@dataclass(frozen=True)
class Post:
    """A news post ("Aktuelles") from ``content/news/``."""

    slug: str
    source: str
    title: str
    date: date | datetime
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    summary: str
    image: str | None
    """Path relative to the news folder (``bilder/werkstatt.jpg``), checked to lie inside it."""

    image_credit: str | None
    image_alt: str | None
    events: tuple[str, ...]
    projects: tuple[str, ...]
    programs: tuple[str, ...]
    draft: bool
    pin: bool
    body: str
    picture: Picture | None = None

    @property
    def url_path(self) -> str:
        return paths.post_path(self.slug)

    @property
    def day(self) -> Day:
        return self.date.date() if isinstance(self.date, datetime) else self.date


@dataclass(frozen=True)
class HomeText:
    source: str
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class Site:
    """All validated content, with the lookups renderers need."""

    cities: tuple[City, ...]
    programs: tuple[Program, ...]
    projects: tuple[Project, ...]
    events: tuple[Event, ...]
    """Sorted by start (then title), the order of every listing and feed."""

    posts: tuple[Post, ...] = ()
    """Published posts (no drafts), newest first."""

    home: HomeText | None = None
    """The start page's introduction from ``content/start.md``."""

    redirects: tuple[tuple[str, str], ...] = ()
    """Old site path → new site path, from ``content/redirects.yml``."""

    city_by_slug: dict[str, City] = field(default_factory=dict)
    program_by_slug: dict[str, Program] = field(default_factory=dict)
    project_by_slug: dict[str, Project] = field(default_factory=dict)
    event_by_slug: dict[str, Event] = field(default_factory=dict)
    news_images: tuple[str, ...] = ()
    """Images in ``content/news/`` (paths below it), published under ``aktuelles/``."""

    bodies: Mapping[str, RenderedBody] = field(default_factory=dict)
    """Every body as it is published (sanitized HTML), by source path."""

    def body(self, source: str) -> RenderedBody:
        return self.bodies.get(source, EMPTY)

    @classmethod
    def assemble(
        cls,
        cities: Iterable[City],
        programs: Iterable[Program],
        projects: Iterable[Project],
        events: Iterable[Event],
        home: HomeText | None = None,
        posts: Iterable[Post] = (),
        redirects: Iterable[tuple[str, str]] = (),
        bodies: Mapping[str, RenderedBody] | None = None,
    ) -> Site:
        cities, programs, projects = tuple(cities), tuple(programs), tuple(projects)
        events = tuple(sorted(events, key=event_order))
        published = sorted((p for p in posts if not p.draft), key=lambda p: (p.day, p.slug), reverse=True)
        return cls(
            posts=tuple(published),
            redirects=tuple(redirects),
            cities=tuple(sorted(cities, key=lambda c: c.slug)),
            programs=tuple(sorted(programs, key=lambda p: p.title.casefold())),
            projects=tuple(sorted(projects, key=lambda p: p.title.casefold())),
            events=events,
            home=home,
            city_by_slug={c.slug: c for c in cities},
            program_by_slug={p.slug: p for p in programs},
            project_by_slug={p.slug: p for p in projects},
            event_by_slug={e.slug: e for e in events},
            bodies=dict(bodies or {}),
        )


OrderKey = tuple[date, int, float, str, str]


def event_order(event: Event) -> OrderKey:
    """Chronological order; all-day events before timed ones on the same day."""
    return (*event.when.order_key(), event.title.casefold(), event.slug)


def listing_order(item: Event | Occurrence) -> tuple[date, int, float, str, str, date]:
    """``event_order`` for listings that mix events and occurrences (the rule's day last)."""
    if isinstance(item, Occurrence):
        return (*item.when.order_key(), item.title.casefold(), item.slug, item.original)
    return (*event_order(item), item.first_day)
