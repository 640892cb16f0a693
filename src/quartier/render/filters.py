"""The quick filters of the events index: time ranges from "today", and what each card
tells the filter script.

Pure functions over the model and "today". Every filter is a page of its own, made at
build time (``veranstaltungen/heute/`` and the others in ``paths.FILTER_PAGES``; a city's
or program's page; the online listing), so that each works without JavaScript. On the
events index a small script (``paths.FILTER_SCRIPT``) applies the same filters in place,
reading the facts each card carries (``CardFacts``).

The time ranges, from ``today`` (the build's day, ``QUARTIER_TODAY``):

- „Heute“: today.
- „Diese Woche“: the rest of today's week, Monday to Sunday as weeks are counted in
  Germany (DIN 1355, ISO 8601): today to Sunday. The days of this week before today
  are past, and the listings hold what is still to come.
- „Wochenende“: the coming Saturday and Sunday; on a Saturday or Sunday, the current
  weekend from today on.
- „Nächste 30 Tage“: today and the 29 days after it.

A day counts when something takes place on it: each day of an event of several days;
each date of a series, at its new day when it was moved. A date of a series that is
cancelled (``except``) does not count; a cancelled or postponed event (or series)
counts on its days, marked as in every listing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from quartier import paths
from quartier.content.model import Event, EventFormat, Occurrence, Site
from quartier.content.recurrence import MAX_OCCURRENCES, occurrences
from quartier.render.listings import Item, SeriesCard, item_order
from quartier.render.wording import FORMAT_WORDS

NEXT_DAYS = 30
"""„Nächste 30 Tage“: today and the 29 days after it."""

LATE_DAYS = 7
"""A built page may be this many days old and its script still filter by the visitor's
day: the cards list their days this much further ahead than the longest range needs."""

DAYS_LISTED = NEXT_DAYS + LATE_DAYS
"""How many days from the build day on each card names (``CardFacts.days``)."""


@dataclass(frozen=True)
class TimeRange:
    """One quick filter by time: its days, as of one "today"."""

    key: str
    """The value in the address (``?zeit=heute``), also the name of its page."""

    label: str
    """The link: ``Heute``."""

    phrase: str
    """After a count or in a heading: ``heute``, ``am Wochenende``."""

    path: str
    first: date
    last: date
    """Inclusive."""

    @property
    def heading(self) -> str:
        return f"Veranstaltungen {self.phrase}"

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


def sunday_of(day: date) -> date:
    """The last day of ``day``'s week (weeks begin on Monday)."""
    return day + timedelta(days=6 - day.weekday())


def weekend_of(day: date) -> tuple[date, date]:
    """The coming Saturday and Sunday; on a Saturday or Sunday, ``day`` to Sunday."""
    sunday = sunday_of(day)
    return (day if day.weekday() >= 5 else sunday - timedelta(days=1)), sunday


def time_ranges(today: date) -> tuple[TimeRange, ...]:
    """The four quick filters by time, in the order the page offers them."""
    saturday, sunday = weekend_of(today)
    return (
        TimeRange("heute", "Heute", "heute", paths.EVENTS_TODAY, today, today),
        TimeRange("diese-woche", "Diese Woche", "diese Woche", paths.EVENTS_THIS_WEEK, today, sunday_of(today)),
        TimeRange("wochenende", "Wochenende", "am Wochenende", paths.EVENTS_WEEKEND, saturday, sunday),
        TimeRange(
            "naechste-30-tage",
            "Nächste 30 Tage",
            "in den nächsten 30 Tagen",
            paths.EVENTS_NEXT_30_DAYS,
            today,
            today + timedelta(days=NEXT_DAYS - 1),
        ),
    )


def _counted(event: Event, since: date, until: date) -> list[Occurrence]:
    """The dates of a series that take place (or, for a cancelled or postponed series,
    were planned) on a day within ``[since, until]``; cancelled single dates left out."""
    assert event.repeat is not None
    dropped = set(event.repeat.cancelled)
    return [o for o in occurrences(event, since, until, MAX_OCCURRENCES) if o.original not in dropped]


def _days_of(first: date, last: date, since: date, until: date) -> Iterable[date]:
    day = max(first, since)
    while day <= min(last, until):
        yield day
        day += timedelta(days=1)


def days_taking_place(event: Event, since: date, until: date) -> tuple[date, ...]:
    """The days within ``[since, until]`` on which ``event`` (every date of a series)
    takes place, ascending, each once."""
    if event.repeat is None:
        return tuple(_days_of(event.first_day, event.last_day, since, until))
    days: set[date] = set()
    for item in _counted(event, since, until):
        days.update(_days_of(item.first_day, item.last_day, since, until))
    return tuple(sorted(days))


def _event(item: Item) -> Event:
    return item.event if isinstance(item, SeriesCard) else item


def in_range(item: Item, time: TimeRange) -> Item | None:
    """``item`` as the page of ``time`` shows it, or ``None`` when it has no day there.

    A series card shows its first date within the range (on the weekend page, the
    Saturday's date rather than a Wednesday's), with the coming change it names unless
    that is the date shown."""
    if not isinstance(item, SeriesCard):
        return item if days_taking_place(item, time.first, time.last) else None
    dates = [o for o in _counted(item.event, time.first, time.last) if o.last_day >= time.first]
    if not dates:
        return None
    shown = dates[0]
    notice = item.notice if item.notice is not None and item.notice.original != shown.original else None
    return replace(item, next=shown, notice=notice)


def items_in_range(items: Sequence[Item], time: TimeRange) -> tuple[Item, ...]:
    """The upcoming ``items`` with a day in ``time``, each by the date it shows (a series
    by its first date in the range)."""
    found = (in_range(item, time) for item in items)
    return tuple(sorted((item for item in found if item is not None), key=item_order))


def items_of_format(items: Sequence[Item], event_format: EventFormat) -> tuple[Item, ...]:
    return tuple(item for item in items if item.format == event_format)


@dataclass(frozen=True)
class CardFacts:
    """What a card on the events index tells the filter script (``data-*`` attributes)."""

    days: str
    """``data-tage``: the ISO days on which it takes place within ``DAYS_LISTED`` days from
    the build day, separated by spaces ('' when none)."""

    city: str
    """``data-stadt``: the city's slug ('' without a venue)."""

    programs: str
    """``data-programme``: program slugs, separated by spaces."""

    format: str
    """``data-format``: ``vor-ort``, ``online`` or ``hybrid``."""


def listed_until(today: date) -> date:
    """The last day the cards' ``days`` reach."""
    return today + timedelta(days=DAYS_LISTED - 1)


def card_facts(item: Item, today: date) -> CardFacts:
    event = _event(item)
    days = days_taking_place(event, today, listed_until(today))
    return CardFacts(
        " ".join(day.isoformat() for day in days),
        event.venue.city.slug if event.venue else "",
        " ".join(event.programs),
        FORMAT_WORDS[event.format].address,
    )


@dataclass(frozen=True)
class Choice:
    """One link of the quick filters."""

    name: str
    """The address's key: ``zeit``, ``stadt``, ``programm``, ``format``."""

    value: str
    """Its value in the address (``heute``, ``essen``)."""

    label: str
    """The link's text."""

    phrase: str
    """After a count, in the script's announcement: ``in Essen``."""

    path: str
    """Where the link leads without the script: the filter's own page."""


@dataclass(frozen=True)
class QuickFilters:
    """Every link of the quick filters, by group, for the upcoming ``items``."""

    times: tuple[Choice, ...]
    cities: tuple[Choice, ...]
    """Only cities with an upcoming event, in the site's order."""

    programs: tuple[Choice, ...]
    """Only programs with an upcoming event, in the site's order."""

    formats: tuple[Choice, ...]


FORMAT_PAGES: dict[EventFormat, str] = {
    "in-person": paths.EVENTS_IN_PERSON,
    "online": paths.ONLINE_EVENTS,
    "hybrid": paths.EVENTS_HYBRID,
}
"""The page of each format (online events have their own listing, the others a quick filter)."""


def quick_filters(site: Site, items: Sequence[Item], today: date) -> QuickFilters:
    events = [_event(item) for item in items]
    cities = {e.venue.city.slug for e in events if e.venue is not None}
    programs = {slug for e in events for slug in e.programs}
    return QuickFilters(
        tuple(Choice("zeit", t.key, t.label, t.phrase, t.path) for t in time_ranges(today)),
        tuple(
            Choice("stadt", c.slug, c.name, f"in {c.name}", paths.city_path(c.slug))
            for c in site.cities
            if c.slug in cities
        ),
        tuple(
            Choice("programm", p.slug, p.title, f"im Programm „{p.title}“", p.url_path)
            for p in site.programs
            if p.slug in programs
        ),
        tuple(
            Choice("format", words.address, words.label, words.word, FORMAT_PAGES[f])
            for f, words in FORMAT_WORDS.items()
        ),
    )
