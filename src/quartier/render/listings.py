"""Which events belong on which listing: pure functions over the model and "today"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import TypeVar

from quartier.content.model import City, Event, Occurrence, Project, Site, listing_order
from quartier.content.recurrence import DEFAULT_HORIZON_DAYS, listing_items

Item = Event | Occurrence
T = TypeVar("T")
"""What a listing holds: an event, or one date of a series (``item.is_occurrence``)."""


@dataclass(frozen=True)
class EventSplit:
    """Events of one listing, divided at "today"."""

    upcoming: tuple[Item, ...]
    """Soonest first; an event stays here until its last day has passed. A series is
    here as its occurrences (see ``split_events``)."""

    past: tuple[Event, ...]
    """Most recent first. A series is here, as one item, once its last occurrence has ended."""


def split_events(
    events: tuple[Event, ...] | list[Event], today: date, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> EventSplit:
    """``events`` must be in chronological order (as ``Site.events`` is).

    A series contributes its occurrences to ``upcoming``: those that have not ended
    before ``today`` and start within ``horizon_days`` (``recurrence.horizon_days(config)``),
    or its next one if none does; a cancelled or postponed series only its next one.
    Each is an ``Occurrence`` (link: the series' page). Without series the result is
    the same as before series existed.
    """
    upcoming_events = [e for e in events if e.is_upcoming(today)]
    upcoming: list[Item] = list(upcoming_events)
    past = tuple(reversed([e for e in events if not e.is_upcoming(today)]))
    if any(e.repeat is not None for e in upcoming_events):
        items: list[Item] = []
        for event in upcoming:
            if isinstance(event, Event) and event.repeat is not None:
                items.extend(listing_items(event, today, horizon_days))
            else:
                items.append(event)
        upcoming = sorted(items, key=listing_order)
    return EventSplit(tuple(upcoming), past)


def upcoming_occurrences(
    events: tuple[Event, ...] | list[Event], today: date, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> tuple[Occurrence, ...]:
    """Only the occurrences of the series among ``events`` that a listing shows (as in ``split_events``)."""
    return tuple(item for item in split_events(events, today, horizon_days).upcoming if isinstance(item, Occurrence))


def by_month(events: tuple[Item, ...]) -> list[tuple[tuple[int, int], list[Item]]]:
    """Upcoming events (and occurrences) grouped by the month they start in, in the given order."""
    return [(key, list(group)) for key, group in groupby(events, key=lambda e: (e.first_day.year, e.first_day.month))]


def by_year(events: tuple[Event, ...]) -> list[tuple[int, list[Event]]]:
    """Past events grouped by year, in the given (newest first) order."""
    return [(key, list(group)) for key, group in groupby(events, key=lambda e: e.first_day.year)]


@dataclass(frozen=True)
class Relations:
    """Who points at whom: computed once per build, not once per page."""

    events_by_city: dict[str, tuple[Event, ...]]
    events_by_program: dict[str, tuple[Event, ...]]
    events_by_project: dict[str, tuple[Event, ...]]
    projects_by_city: dict[str, tuple[Project, ...]]
    projects_by_program: dict[str, tuple[Project, ...]]
    online_events: tuple[Event, ...]
    """Events without a venue (format: online)."""


def relations(site: Site) -> Relations:
    by_city: dict[str, list[Event]] = defaultdict(list)
    by_program: dict[str, list[Event]] = defaultdict(list)
    by_project: dict[str, list[Event]] = defaultdict(list)
    online: list[Event] = []
    for event in site.events:
        if event.venue is not None:
            by_city[event.venue.city.slug].append(event)
        else:
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
