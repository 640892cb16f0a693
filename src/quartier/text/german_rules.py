"""A series' rule in German words: ``jeden ersten Dienstag im Monat, 18:00–20:00 Uhr``.

Pages, listings, the feeds' DESCRIPTION, the change report and the validator's messages
say a rule with these words, so an editor reads in a message what the page will say.
The phrases read the rule through protocols (like ``german_dates``), so this leaf knows
no content model; ``quartier.content.model.Series`` and ``Event`` fit them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from quartier.text.german_dates import Span, clock, day_month, day_month_year

DAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
"""By ``date.weekday()``."""

_DAY_ADVERBS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
_NUMBERS = {
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}
_ORDINALS = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten", 5: "fünften", -1: "letzten", -2: "vorletzten"}


class DayRule(Protocol):
    """One ``byday`` entry (``quartier.content.model.Weekday``)."""

    @property
    def weekday(self) -> int: ...

    @property
    def ordinal(self) -> int: ...


class Rule(Protocol):
    """What the words read of a rule (``quartier.content.model.Series``)."""

    @property
    def freq(self) -> str: ...

    @property
    def interval(self) -> int: ...

    @property
    def byday(self) -> Sequence[DayRule]: ...

    @property
    def bymonthday(self) -> Sequence[int]: ...

    @property
    def until(self) -> date | None: ...

    @property
    def count(self) -> int | None: ...


class Occasion(Span, Protocol):
    """The first occurrence's time (``quartier.content.when.AllDay`` or ``Timed``)."""

    @property
    def first_day(self) -> date: ...

    @property
    def days(self) -> int: ...


class Scheduled(Protocol):
    """What the rule's words need: an ``Event``, or a series while it is being checked."""

    @property
    def when(self) -> Occasion: ...

    @property
    def repeat(self) -> Rule | None: ...


def _number(value: int) -> str:
    return _NUMBERS.get(value, str(value))


def _ordinal(value: int) -> str:
    return _ORDINALS.get(value, f"{abs(value)}.-letzten" if value < 0 else f"{value}.")


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " und " + words[-1]


def _monthly_days(series: Rule, first: date) -> str:
    """``ersten Dienstag``, ``ersten und dritten Dienstag``, ``15.``, ``letzten Tag``."""
    if series.byday:
        by_weekday: dict[int, list[int]] = {}
        for rule in series.byday:
            by_weekday.setdefault(rule.weekday, []).append(rule.ordinal)
        parts = []
        for weekday, ordinals in by_weekday.items():
            ordered = sorted(ordinals, key=lambda n: (n < 0, abs(n) if n > 0 else -n))
            parts.append(f"{_join([_ordinal(n) for n in ordered])} {DAY_NAMES[weekday]}")
        return _join(parts)
    numbers = series.bymonthday or (first.day,)
    words = ["letzten Tag" if n == -1 else f"{n}." for n in sorted(numbers, key=lambda n: (n < 0, n))]
    return _join(words)


def _rhythm(series: Rule, first: date) -> str:
    n = series.interval
    if series.freq == "daily":
        return "täglich" if n == 1 else f"alle {_number(n)} Tage"
    if series.freq == "weekly":
        weekdays = sorted({rule.weekday for rule in series.byday}) or [first.weekday()]
        if n == 1:
            return "jeden " + _join([DAY_NAMES[w] for w in weekdays])
        return f"alle {_number(n)} Wochen " + _join([_DAY_ADVERBS[w] for w in weekdays])
    if series.freq == "monthly":
        days = _monthly_days(series, first)
        if series.byday:
            return f"jeden {days} im Monat" if n == 1 else f"alle {_number(n)} Monate am {days}"
        return f"jeden Monat am {days}" if n == 1 else f"alle {_number(n)} Monate am {days}"
    day = day_month(first)
    return f"jedes Jahr am {day}" if n == 1 else f"alle {_number(n)} Jahre am {day}"


def _times(when: Occasion) -> str:
    """``18:00–20:00 Uhr``; ``22:00 Uhr bis 2:00 Uhr am Folgetag``; ``jeweils 3 Tage``."""
    days = when.days
    if when.all_day:
        return f"jeweils {days + 1} Tage" if days else ""
    assert isinstance(when.start, datetime)
    start = clock(when.start)
    if when.end is None:
        return f"{start} Uhr"
    assert isinstance(when.end, datetime)
    end = clock(when.end)
    if days == 0:
        return f"{start}–{end} Uhr"
    if days == 1:
        return f"{start} Uhr bis {end} Uhr am Folgetag"
    return f"{start} Uhr bis {end} Uhr, jeweils {days + 1} Tage"


def rule_text(event: Scheduled) -> str:
    """The rule of a series in German words, for pages, calendar descriptions and messages.

    >>> rule_text(series)  # doctest: +SKIP
    'jeden ersten Dienstag im Monat, 18:00–20:00 Uhr, bis 31. Dezember 2027'

    Other forms: ``alle zwei Wochen mittwochs``, ``jeden letzten Freitag im Monat``,
    ``täglich``, ``jedes Jahr am 5. Januar``, ``…, 12 Termine``. Cancelled and moved
    dates are not part of the rule. '' for an event that is not a series.
    """
    series = event.repeat
    if series is None:
        return ""
    parts = [_rhythm(series, event.when.first_day)]
    times = _times(event.when)
    if times:
        parts.append(times)
    if series.until is not None:
        parts.append(f"bis {day_month_year(series.until)}")
    elif series.count is not None:
        parts.append("1 Termin" if series.count == 1 else f"{series.count} Termine")
    return ", ".join(parts)
