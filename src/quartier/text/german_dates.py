"""German date and time phrases for pages and listings (via Babel's CLDR data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol

from babel.dates import format_date

_LOCALE = "de_DE"


@lru_cache(maxsize=4096)
def long_date(day: date) -> str:
    """``Mittwoch, 14. September 2022``."""
    return format_date(day, "EEEE, d. MMMM y", locale=_LOCALE)


@lru_cache(maxsize=4096)
def short_date(day: date) -> str:
    """``14.09.2022``."""
    return format_date(day, "dd.MM.y", locale=_LOCALE)


@lru_cache(maxsize=4096)
def day_month_year(day: date) -> str:
    """``31. Dezember 2027`` (without the weekday: the end of a series' rule)."""
    return format_date(day, "d. MMMM y", locale=_LOCALE)


@lru_cache(maxsize=1024)
def day_month(day: date) -> str:
    """``5. Januar`` (a yearly series' day)."""
    return format_date(day, "d. MMMM", locale=_LOCALE)


@lru_cache(maxsize=4096)
def date_badge(day: date) -> tuple[str, str, str]:
    """``("Do", "24", "Juni")``: weekday, day and month for a listing's date badge."""
    return (
        format_date(day, "EEE", locale=_LOCALE).rstrip("."),
        str(day.day),
        format_date(day, "MMM", locale=_LOCALE).rstrip("."),
    )


@lru_cache(maxsize=1024)
def month_heading(year: int, month: int) -> str:
    """``September 2022``."""
    return format_date(date(year, month, 1), "LLLL y", locale=_LOCALE)


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


class Span(Protocol):
    """What these phrases read of a time (``quartier.content.when.AllDay`` or ``Timed``)."""

    @property
    def start(self) -> date | datetime: ...

    @property
    def end(self) -> date | datetime | None: ...

    @property
    def all_day(self) -> bool: ...


def _when(when: Span, day: Callable[[date], str], days_between: str, moments_between: str) -> str:
    start, end = when.start, when.end
    if when.all_day:
        assert isinstance(start, date) and isinstance(end, date)
        if end == start:
            return day(start)
        return f"{day(start)}{days_between}{day(end)}"
    assert isinstance(start, datetime)
    if end is None:
        return f"{day(start.date())}, {clock(start)} Uhr"
    assert isinstance(end, datetime)
    if end.date() == start.date():
        return f"{day(start.date())}, {clock(start)}–{clock(end)} Uhr"
    return f"{day(start.date())}, {clock(start)} Uhr{moments_between}{day(end.date())}, {clock(end)} Uhr"


def event_when(when: Span) -> str:
    """The full German phrase for an event's date and time:
    ``Mittwoch, 14. September 2022, 10:00–12:00 Uhr``."""
    return _when(when, long_date, " bis ", " bis ")


def event_when_short(when: Span) -> str:
    """Compact form for listings: ``14.09.2022, 10:00–12:00 Uhr`` or ``10.03.2027 – 12.03.2027``."""
    return _when(when, short_date, " – ", " – ")
