"""Which events belong on which listing: pure functions over the model and "today"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from .model import City, Event, Project, Site


@dataclass(frozen=True)
class EventSplit:
    """Events of one listing, divided at "today"."""

    upcoming: tuple[Event, ...]
    """Soonest first; an event stays here until its last day has passed."""

    past: tuple[Event, ...]
    """Most recent first."""


def split_events(events: tuple[Event, ...] | list[Event], today: date) -> EventSplit:
    """``events`` must be in chronological order (as ``Site.events`` is)."""
    upcoming = tuple(e for e in events if e.is_upcoming(today))
    past = tuple(reversed([e for e in events if not e.is_upcoming(today)]))
    return EventSplit(upcoming, past)


def by_month(events: tuple[Event, ...]) -> list[tuple[tuple[int, int], list[Event]]]:
    """Upcoming events grouped by the month they start in, in the given order."""
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
    freeze = lambda mapping: {key: tuple(value) for key, value in mapping.items()}  # noqa: E731
    return Relations(
        freeze(by_city), freeze(by_program), freeze(by_project), freeze(projects_city), freeze(projects_program), tuple(online)
    )


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
        counts.append(CityCount(city, sum(1 for e in events if e.is_upcoming(today)), len(events), len(rel.projects_by_city.get(city.slug, ()))))
    return counts
