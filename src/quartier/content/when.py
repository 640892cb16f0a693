"""When an event takes place: a typed time that every output asks and none re-derives.

An event is either all day, from a first to a last local day, or timed, from an aware
start to an optional aware end. Pages, listings, feeds, JSON-LD, search records and the
change report all ask the same object for the first day, the last day, the exclusive
end and whether the event is past. A recurring event is a series of these
(``Series`` in the model): its ``when`` is the first occurrence, and each occurrence
has a ``when`` of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar, TypeAlias


def day_of(moment: date | datetime) -> date:
    """The local calendar day of a start or end (a datetime is in its event's zone)."""
    return moment.date() if isinstance(moment, datetime) else moment


def local_moment(day: date, clock: datetime) -> datetime:
    """``clock``'s wall time on ``day`` in its zone (fold 0: the first of a repeated
    hour, and in a gap the offset before it, as RFC 5545 3.3.5 reads such times)."""
    return datetime.combine(day, clock.time(), tzinfo=clock.tzinfo)


def end_of_local_day(day: date, clock: datetime) -> datetime:
    """The last second of ``day`` in ``clock``'s zone (the bound of a series' UNTIL)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=clock.tzinfo)


def _shifted(moment: datetime, delta: timedelta) -> datetime:
    """Wall-clock arithmetic: the same local duration, whatever the offsets."""
    return (moment.replace(tzinfo=None) + delta).replace(tzinfo=moment.tzinfo)


@dataclass(frozen=True)
class AllDay:
    """From ``first`` to ``last``, both whole local days, both inclusive."""

    first: date
    last: date
    """The last day it takes place; equal to ``first`` for a one-day event."""

    all_day: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if isinstance(self.first, datetime) or isinstance(self.last, datetime):
            raise TypeError("AllDay takes dates, not datetimes")
        if self.last < self.first:
            raise ValueError(f"last day {self.last} before first day {self.first}")

    @property
    def start(self) -> date:
        """DTSTART's value: the first day."""
        return self.first

    @property
    def end(self) -> date:
        """The last day, as the editor writes it (inclusive)."""
        return self.last

    @property
    def first_day(self) -> date:
        return self.first

    @property
    def last_day(self) -> date:
        return self.last

    @property
    def end_exclusive(self) -> date:
        """The day after the last one.

        RFC 5545 (3.6.1): "the "DTEND" property for a "VEVENT" calendar component
        specifies the non-inclusive end of the event"; calendar links use the same.
        """
        return self.last + timedelta(days=1)

    @property
    def days(self) -> int:
        """How many days after the first the last one is (0 for one day)."""
        return (self.last - self.first).days

    def is_past(self, today: date) -> bool:
        return self.last < today

    def order_key(self) -> tuple[date, int, float]:
        """All-day events come before timed ones on the same day."""
        return (self.first, 0, 0.0)

    def on(self, day: date) -> AllDay:
        """The same span of days, starting on ``day`` (an occurrence of a series)."""
        return AllDay(day, day + (self.last - self.first))


@dataclass(frozen=True)
class Timed:
    """From an aware ``start`` to an aware ``end`` after it, or to no stated end."""

    start: datetime
    end: datetime | None = None

    all_day: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not isinstance(self.start, datetime) or self.start.tzinfo is None:
            raise TypeError("Timed needs an aware start")
        if self.end is not None and (not isinstance(self.end, datetime) or self.end.tzinfo is None):
            raise TypeError("Timed needs an aware end")
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"end {self.end} not after start {self.start}")

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return (self.end or self.start).date()

    @property
    def end_exclusive(self) -> datetime:
        """DTEND: the end, or the start when none is stated.

        RFC 5545 (3.6.1): "For cases where a "VEVENT" calendar component specifies a
        "DTSTART" property with a DATE-TIME value type but no "DTEND" property, the
        event will end on the same calendar date and time of day specified by the
        "DTSTART" property."
        """
        return self.end if self.end is not None else self.start

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days

    def is_past(self, today: date) -> bool:
        return self.last_day < today

    def order_key(self) -> tuple[date, int, float]:
        return (self.first_day, 1, self.start.timestamp())

    def at(self, start: datetime) -> Timed:
        """The same local duration from another start (a moved occurrence without an end)."""
        if self.end is None:
            return Timed(start)
        return Timed(start, _shifted(start, self.end.replace(tzinfo=None) - self.start.replace(tzinfo=None)))

    def on(self, day: date) -> Timed:
        """The same wall-clock times, starting on ``day`` (an occurrence of a series)."""
        return self.at(local_moment(day, self.start))


When: TypeAlias = AllDay | Timed
"""An event's time. A series adds its rule beside it (``model.Series``), not inside."""


def same_length_from(when: When, start: date | datetime) -> When:
    """``when``'s length (days, or local hours and minutes) from another start of its form."""
    if isinstance(when, Timed) and isinstance(start, datetime):
        return when.at(start)
    if isinstance(when, AllDay) and not isinstance(start, datetime):
        return when.on(start)
    raise TypeError("an all-day time moves to a day, a timed one to a moment")


def when_of(start: date | datetime, end: date | datetime | None) -> When:
    """The typed time of a parsed ``start`` and ``end`` (a date start means all day)."""
    if isinstance(start, datetime):
        if end is not None and not isinstance(end, datetime):
            raise TypeError("a timed start needs a timed end")
        return Timed(start, end)
    if isinstance(end, datetime):
        raise TypeError("an all-day start needs a date end")
    return AllDay(start, end if end is not None else start)
