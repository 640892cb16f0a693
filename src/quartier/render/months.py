"""The month view: which months get a page, and each month as weeks of days with their dates.

Pure functions over the model and "today". Every date is here: each occurrence of a
series (cancelled ones included, moved ones at their new day and noted at their old
one), and an event or occurrence of several days on each of its days. The listings
show a series once; this is where its every date is seen.

Which months: every month from the oldest event's to the twelfth after today's, with
events or not. A month page, once it exists, stays (a link to it, from a post or a
bookmark, never breaks when its month passes without events), and "next month" is
always the next month. A month without events says so and links the nearest months
that have some, so nobody has to click through a quiet year.
"""

from __future__ import annotations

from bisect import bisect_left
from calendar import Calendar
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from quartier.content.model import Event, Occurrence, listing_order
from quartier.content.recurrence import occurrence_anchor, occurrences
from quartier.render.wording import date_mark, moved_from, moved_to

MONTHS_AHEAD = 12
"""The month view reaches this many months past today's."""

_WEEKS = Calendar(firstweekday=0)
"""Weeks begin on Monday (DIN 1355, ISO 8601)."""

Month = tuple[int, int]


@dataclass(frozen=True)
class Entry:
    """One event or date of a series on one day of the month view."""

    item: Event | Occurrence
    day: date
    mark: str = ""
    """The status in words (``abgesagt``, ``verschoben``, ``verlegt vom 6. April``); ''
    for a date that takes place as planned."""

    moved_away: bool = False
    """The old day of a moved date: a pointer to its new day, not a date itself."""

    @property
    def status(self) -> str:
        return "moved-away" if self.moved_away else self.item.status

    @property
    def anchor(self) -> str:
        """The date's place on its series page (``termin-2027-05-04``), '' for an event."""
        return occurrence_anchor(self.item) if isinstance(self.item, Occurrence) else ""

    @property
    def time(self) -> str:
        """``18:00 Uhr``; on a date of several days ``Tag 2 von 3`` (the first day with its
        time); '' for a date all day long on one day, and on a moved date's old day."""
        if self.moved_away:
            return ""
        start = self.item.start
        clock = f"{start:%H:%M} Uhr" if isinstance(start, datetime) else ""
        length = (self.item.last_day - self.item.first_day).days + 1
        if length == 1:
            return clock
        number = (self.day - self.item.first_day).days + 1
        part = f"Tag {number} von {length}"
        return f"{clock}, {part}" if clock and number == 1 else part


@dataclass(frozen=True)
class Day:
    day: date
    entries: tuple[Entry, ...]
    today: bool = False


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    weeks: tuple[tuple[Day | None, ...], ...]
    """Monday to Sunday; ``None`` for the days of the weeks outside the month."""

    dates: int
    """How many events and dates take place (or were planned) in the month, each once."""

    @property
    def days(self) -> Iterator[Day]:
        return (day for week in self.weeks for day in week if day is not None)

    @property
    def busy_days(self) -> int:
        return sum(1 for day in self.days if any(not e.moved_away for e in day.entries))


def _month_of(day: date) -> Month:
    return (day.year, day.month)


def _add_months(month: Month, count: int) -> Month:
    year, index = divmod(month[0] * 12 + month[1] - 1 + count, 12)
    return (year, index + 1)


def _month_span(month: Month) -> tuple[date, date]:
    first = date(month[0], month[1], 1)
    return first, date(*_add_months(month, 1), 1) - timedelta(days=1)


def _months_between(first: Month, last: Month) -> Iterator[Month]:
    month = first
    while month <= last:
        yield month
        month = _add_months(month, 1)


class MonthCalendar:
    """Every entry of every day between the oldest event's month and ``MONTHS_AHEAD`` months
    past today's (each of those months has a page), computed once for all month pages of a build."""

    def __init__(self, events: Iterable[Event], today: date):
        self.today = today
        events = tuple(events)
        self.last: Month = _add_months(_month_of(today), MONTHS_AHEAD)
        self.first: Month = min([_month_of(e.first_day) for e in events] + [_month_of(today)])
        since, until = _month_span(self.first)[0], _month_span(self.last)[1]
        by_day: dict[date, list[Entry]] = defaultdict(list)
        for event in events:
            if event.repeat is None:
                self._place(by_day, event, since, until)
                continue
            # Month by month: each call stays far below the expansion's bound.
            seen: set[date] = set()
            for month in _months_between(max(self.first, _month_of(event.first_day)), self.last):
                start, end = _month_span(month)
                for item in occurrences(event, start, end):
                    if item.original not in seen:
                        seen.add(item.original)
                        self._place(by_day, item, since, until)
            for move in event.repeat.moved:
                if not since <= move.original <= until:
                    continue
                for item in occurrences(event, move.when.first_day, move.when.first_day):
                    if item.original == move.original and item.status == "moved":
                        by_day[move.original].append(Entry(item, move.original, moved_to(item), moved_away=True))
        self.by_day = {day: tuple(sorted(entries, key=_entry_order)) for day, entries in by_day.items()}
        self.months: tuple[Month, ...] = tuple(_months_between(self.first, self.last))
        self._index = {month: index for index, month in enumerate(self.months)}
        self.busy: tuple[Month, ...] = tuple(sorted({_month_of(day) for day in self.by_day}))
        """The months in which something takes place (or was planned), ascending."""

    @staticmethod
    def _place(by_day: dict[date, list[Entry]], item: Event | Occurrence, since: date, until: date) -> None:
        if item.status == "moved":
            assert isinstance(item, Occurrence)
            mark = moved_from(item)
        else:
            mark = date_mark(item.status)
        day = max(item.first_day, since)
        while day <= min(item.last_day, until):
            by_day[day].append(Entry(item, day, mark))
            day += timedelta(days=1)

    def neighbours(self, month: Month) -> tuple[Month | None, Month | None]:
        """The months before and after ``month`` that have a page."""
        index = self._index[month]
        before = self.months[index - 1] if index > 0 else None
        after = self.months[index + 1] if index + 1 < len(self.months) else None
        return before, after

    def nearest_busy(self, month: Month) -> tuple[Month | None, Month | None]:
        """The nearest months before and after ``month`` in which something takes place."""
        at = bisect_left(self.busy, month)
        before = self.busy[at - 1] if at > 0 else None
        after_at = at + 1 if at < len(self.busy) and self.busy[at] == month else at
        after = self.busy[after_at] if after_at < len(self.busy) else None
        return before, after

    def view(self, month: Month) -> MonthView:
        weeks = []
        dates: set[tuple[str, date]] = set()
        for week in _WEEKS.monthdatescalendar(*month):
            row: list[Day | None] = []
            for day in week:
                if _month_of(day) != month:
                    row.append(None)
                    continue
                entries = self.by_day.get(day, ())
                dates.update((e.item.slug, e.item.first_day) for e in entries if not e.moved_away)
                row.append(Day(day, entries, day == self.today))
            weeks.append(tuple(row))
        return MonthView(month[0], month[1], tuple(weeks), len(dates))


def _entry_order(entry: Entry) -> tuple[object, ...]:
    """Continuing dates first (they began on an earlier day), then by start; an old day's
    pointer to a moved date last."""
    return (entry.moved_away, entry.item.first_day >= entry.day, listing_order(entry.item))
