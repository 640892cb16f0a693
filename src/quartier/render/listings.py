"""Which events belong on which listing: pure functions over the model and "today"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby, islice
from typing import TypeVar

from quartier.content.model import (
    City,
    Event,
    EventFormat,
    EventStatus,
    Occurrence,
    Project,
    Site,
    Venue,
    listing_order,
)
from quartier.content.recurrence import next_date, occurrences
from quartier.content.when import When
from quartier.text.german_rules import rule_text

NOTICE_DAYS = 30
"""A series card names the next cancelled or moved date when it comes within these days."""

T = TypeVar("T")


@dataclass(frozen=True)
class SeriesCard:
    """A series in an upcoming listing: one card, at its next date, whatever the number
    of its dates. The month view and the feeds carry every date; the card links to the
    series page, which lists them.

    It answers what a listing asks an ``Event`` (``first_day``, ``url_path``, ``title``,
    ``status``, ``venue``, ``format``, ``when``), so listings sort, group and count both alike.
    """

    event: Event
    next: Occurrence
    """The next date that takes place (``recurrence.next_date``); for a cancelled or
    postponed series its next date, whatever its status."""

    notice: Occurrence | None = None
    """The first cancelled or moved date within ``NOTICE_DAYS`` from today (by the day the
    rule gives it or the day it was moved to), other than ``next``."""

    @property
    def rule(self) -> str:
        """``jeden ersten Dienstag im Monat, 16:00–18:00 Uhr``."""
        return rule_text(self.event)

    @property
    def first_day(self) -> date:
        return self.next.first_day

    @property
    def last_day(self) -> date:
        return self.next.last_day

    @property
    def when(self) -> When:
        return self.next.when

    @property
    def url_path(self) -> str:
        return self.event.url_path

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def status(self) -> EventStatus:
        """The series' own status: a cancelled date of an active series is the ``notice``."""
        return self.event.status

    @property
    def venue(self) -> Venue | None:
        return self.event.venue

    @property
    def format(self) -> EventFormat:
        return self.event.format

    @property
    def online_url(self) -> str | None:
        return self.event.online_url


Item = Event | SeriesCard
"""What an upcoming listing holds: an event, or a series as one card (``SeriesCard``)."""


def series_card(event: Event, today: date) -> SeriesCard | None:
    """``event`` (a series) as one card in the upcoming listings; ``None`` once it is over."""
    following = next_date(event, today)
    if following is None:
        return None
    notice = None
    if event.status == "scheduled" and event.repeat is not None:
        last = today + timedelta(days=NOTICE_DAYS - 1)
        changes = {o.original: o for o in occurrences(event, today, last) if o.status in ("cancelled", "moved")}
        # A date moved away from these days (to a later one) is a change here too.
        for move in event.repeat.moved:
            if today <= move.original <= last:
                changes.setdefault(move.original, Occurrence(event, move.original, move.when, "moved"))
        changes.pop(following.original, None)
        if changes:
            notice = min(changes.values(), key=lambda o: (min(o.original, o.first_day), o.original))
    return SeriesCard(event, following, notice)


def item_order(item: Item) -> tuple[date, int, float, str, str, date]:
    return listing_order(item.next if isinstance(item, SeriesCard) else item)


@dataclass(frozen=True)
class EventSplit:
    """Events of one listing, divided at "today"."""

    upcoming: tuple[Item, ...]
    """Soonest first; an event stays here until its last day has passed. A series is
    here once, as a ``SeriesCard`` at its next date."""

    past: tuple[Event, ...]
    """Most recent first. A series is here, as one item, once its last occurrence has ended."""


def split_events(events: tuple[Event, ...] | list[Event], today: date) -> EventSplit:
    """``events`` must be in chronological order (as ``Site.events`` is).

    Every listing shows a series once: a ``SeriesCard`` that keeps its place by its next
    date. Without series the result is the same as before series existed.
    """
    upcoming: list[Item] = []
    has_series = False
    for event in events:
        if not event.is_upcoming(today):
            continue
        if event.repeat is None:
            upcoming.append(event)
            continue
        card = series_card(event, today)
        if card is not None:
            upcoming.append(card)
            has_series = True
    past = tuple(reversed([e for e in events if not e.is_upcoming(today)]))
    return EventSplit(tuple(sorted(upcoming, key=item_order) if has_series else upcoming), past)


def by_month(events: tuple[Item, ...]) -> list[tuple[tuple[int, int], list[Item]]]:
    """Upcoming events (and series cards) grouped by the month they (next) start in, in the given order."""
    return [(key, list(group)) for key, group in groupby(events, key=lambda e: (e.first_day.year, e.first_day.month))]


def by_year(events: tuple[Event, ...]) -> list[tuple[int, list[Event]]]:
    """Past events grouped by year, in the given (newest first) order."""
    return [(key, list(group)) for key, group in groupby(events, key=lambda e: e.first_day.year)]


HOME_EVENTS = 6
"""The start page shows the next this many events that take place."""

RELATED_EVENTS = 3
"""An event page suggests up to this many upcoming events in its city, and as many in its programs."""


def next_taking_place(upcoming: Iterable[Item], count: int = HOME_EVENTS) -> tuple[Item, ...]:
    """The first ``count`` items that take place (status ``scheduled``), and the
    cancelled or postponed ones among them, which a listing marks and which are not
    counted: whoever planned to go learns it where they look first."""
    shown: list[Item] = []
    taking_place = 0
    for item in upcoming:
        if taking_place == count:
            break
        shown.append(item)
        if item.status == "scheduled":
            taking_place += 1
    return tuple(shown)


def related(
    event: Event, candidates: Iterable[Item], leave_out: Iterable[str] = (), count: int = RELATED_EVENTS
) -> tuple[Item, ...]:
    """Up to ``count`` of the upcoming ``candidates`` (in their order) for ``event``'s page:
    not the event itself (nor its series), none whose page is in ``leave_out``, and only
    ones that take place (a suggestion to go somewhere that is cancelled helps nobody)."""
    skip = {event.url_path, *leave_out}
    return tuple(islice((i for i in candidates if i.status == "scheduled" and i.url_path not in skip), count))


def merged(*listings: Iterable[Item]) -> tuple[Item, ...]:
    """Upcoming items of several listings as one, in listing order, each once (an event
    of two programs is in both)."""
    seen: dict[str, Item] = {}
    for listing in listings:
        for item in listing:
            seen.setdefault(item.url_path, item)
    return tuple(sorted(seen.values(), key=item_order))


@dataclass(frozen=True)
class Relations:
    """Who points at whom: computed once per build, not once per page."""

    events_by_city: dict[str, tuple[Event, ...]]
    events_by_program: dict[str, tuple[Event, ...]]
    events_by_project: dict[str, tuple[Event, ...]]
    projects_by_city: dict[str, tuple[Project, ...]]
    projects_by_program: dict[str, tuple[Project, ...]]
    online_events: tuple[Event, ...]
    """Events that take place online only (``format: online``, with or without a venue)."""


def relations(site: Site) -> Relations:
    by_city: dict[str, list[Event]] = defaultdict(list)
    by_program: dict[str, list[Event]] = defaultdict(list)
    by_project: dict[str, list[Event]] = defaultdict(list)
    online: list[Event] = []
    for event in site.events:
        if event.venue is not None:
            by_city[event.venue.city.slug].append(event)
        if event.format == "online":
            online.append(event)
        for slug in event.programs:
            by_program[slug].append(event)
        for slug in event.projects:
            by_project[slug].append(event)
    projects_city: dict[str, list[Project]] = defaultdict(list)
    projects_program: dict[str, list[Project]] = defaultdict(list)
    for project in site.projects:
        projects_city[project.city.slug].append(project)
        for slug in project.programs:
            projects_program[slug].append(project)
    return Relations(
        _frozen(by_city),
        _frozen(by_program),
        _frozen(by_project),
        _frozen(projects_city),
        _frozen(projects_program),
        tuple(online),
    )


def _frozen(mapping: dict[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {key: tuple(value) for key, value in mapping.items()}


@dataclass(frozen=True)
class CityCount:
    city: City
    upcoming: int
    total: int
    projects: int


def city_counts(site: Site, rel: Relations, today: date) -> list[CityCount]:
    """Every city with its numbers, for the city overview (cities without anything included)."""
    counts = []
    for city in site.cities:
        events = rel.events_by_city.get(city.slug, ())
        counts.append(
            CityCount(
                city,
                sum(1 for e in events if e.is_upcoming(today)),
                len(events),
                len(rel.projects_by_city.get(city.slug, ())),
            )
        )
    return counts
