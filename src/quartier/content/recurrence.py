"""Recurring events: the days of a series and its occurrences.

Pure functions over the model (``Event.repeat``), used by validation, listings, feeds,
JSON-LD and the page templates. The rule in German words is ``quartier.text.german_rules``
(pages and messages say it alike), the words next to an occurrence ``quartier.render.wording``,
the rule as iCalendar writes it ``quartier.feeds.ical.rrule``. The rules are RFC 5545's (3.3.10 RECUR) for the subset
the content contract allows: FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT, with the
week starting on Monday (WKST=MO, RFC 5545's default). The event's ``start`` is the
first occurrence (the validator requires it to be a day of the rule, so DTSTART is
"synchronized with the recurrence rule" and every reader counts it the same way).

Times are local: an occurrence has the first one's wall-clock time in the event's zone
(18:00 stays 18:00 across a DST change), its UTC offset is that of its own day.

Bounded work: no function iterates further than the validator's last year (2200), and
every expansion stops after ``MAX_OCCURRENCES``. Periods before the window asked for
are skipped arithmetically, not walked through.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from quartier.config import SiteConfig
from quartier.content.model import OPEN_END, Event, Move, Occurrence, OccurrenceStatus, Series, listing_order

MAX_OCCURRENCES = 1000
"""More occurrences than this within the horizon are refused by the validator; no
expansion returns more."""

DEFAULT_HORIZON_DAYS: int = SiteConfig.repeat_horizon_days
"""How far ahead listings show the occurrences of a series: the option's declared default."""

WEEKDAY_CODES = ("mo", "tu", "we", "th", "fr", "sa", "su")
"""As the content contract writes them (RFC 5545's in lower case)."""

_LAST_DAY = OPEN_END


def horizon_days(config: SiteConfig) -> int:
    """The site's ``repeat_horizon_days`` (declared in ``config.OPTIONS``, checked there)."""
    return config.repeat_horizon_days


# -- the days of the rule ------------------------------------------------------------


def _month_days(series: Series, first: date, year: int, month: int) -> list[date]:
    """The days of the rule in one month (monthly series), sorted."""
    length = calendar.monthrange(year, month)[1]
    days: set[int] = set()
    if series.byday:
        first_weekday = date(year, month, 1).weekday()
        for rule in series.byday:
            first_match = 1 + (rule.weekday - first_weekday) % 7
            if rule.ordinal > 0:
                day = first_match + 7 * (rule.ordinal - 1)
            else:
                last_match = first_match + 7 * ((length - first_match) // 7)
                day = last_match + 7 * (rule.ordinal + 1)
            if 1 <= day <= length:
                days.add(day)
    elif series.bymonthday:
        for number in series.bymonthday:
            day = number if number > 0 else length + number + 1
            if 1 <= day <= length:
                days.add(day)
    elif first.day <= length:
        # RFC 5545 3.3.10: an invalid date (the 31st in April) is ignored, not moved.
        days.add(first.day)
    return [date(year, month, day) for day in sorted(days)]


def rule_days(series: Series, first: date, since: date, until: date) -> Iterator[date]:
    """The days the rule gives from ``first`` on, within ``[since, until]``, ascending.

    ``until``/``count`` of the series are not applied here (see ``last_rule_day``), and
    nothing beyond 2200-12-31 is produced. Periods before ``since`` are skipped by
    arithmetic, so the work is proportional to the window, not to its distance from
    ``first``.
    """
    since = max(since, first)
    until = min(until, _LAST_DAY)
    if since > until:
        return
    step = series.interval
    if series.freq == "daily":
        offset = (since - first).days
        day = first + timedelta(days=-(-offset // step) * step)
        while day <= until:
            yield day
            day += timedelta(days=step)
    elif series.freq == "weekly":
        weekdays = sorted({rule.weekday for rule in series.byday}) or [first.weekday()]
        week0 = first - timedelta(days=first.weekday())
        span = 7 * step
        monday = week0 + timedelta(days=((since - week0).days // span) * span)
        while monday <= until:
            for weekday in weekdays:
                day = monday + timedelta(days=weekday)
                if day > until:
                    return
                if day >= since:
                    yield day
            monday += timedelta(days=span)
    elif series.freq == "monthly":
        month0 = first.year * 12 + first.month - 1
        month = month0 + max(0, (since.year * 12 + since.month - 1 - month0) // step) * step
        while True:
            year, index = divmod(month, 12)
            if date(year, index + 1, 1) > until:
                return
            for day in _month_days(series, first, year, index + 1):
                if day > until:
                    return
                if day >= since:
                    yield day
            month += step
    else:  # yearly, on the first occurrence's day (29 February: leap years only)
        year = first.year + max(0, (since.year - first.year) // step) * step
        while year <= until.year:
            try:
                day = date(year, first.month, first.day)
            except ValueError:
                day = None
            if day is not None and since <= day <= until:
                yield day
            year += step


def compute_last_rule_day(series: Series, first: date) -> date | None:
    """The day of the rule's last occurrence (``until``/``count`` applied); ``None``: runs on."""
    if series.count is not None:
        last = None
        for number, day in enumerate(rule_days(series, first, first, _LAST_DAY), 1):
            last = day
            if number >= series.count:
                break
        return last
    if series.until is None:
        return None
    # Backwards from until in growing windows: the work is bounded by the distance to
    # the last occurrence, not by the length of the series.
    span = 31
    while True:
        low = max(first, series.until - timedelta(days=span))
        days = list(rule_days(series, first, low, series.until))
        if days:
            return days[-1]
        if low <= first:
            return None
        span *= 2


def is_rule_day(series: Series, first: date, day: date) -> bool:
    """Whether the series (``until``/``count`` applied) has an occurrence by its rule on ``day``."""
    if day < first or (series.last_rule_day is not None and day > series.last_rule_day):
        return False
    return next(rule_days(series, first, day, day), None) is not None


def neighbours(series: Series, first: date, day: date) -> tuple[date | None, date | None]:
    """The rule's occurrences just before and after ``day`` (for messages)."""
    last = series.last_rule_day or _LAST_DAY
    after = next(rule_days(series, first, day + timedelta(days=1), last), None)
    before = None
    span = 31
    while before is None:
        low = max(first, day - timedelta(days=span))
        days = list(rule_days(series, first, low, min(day - timedelta(days=1), last)))
        before = days[-1] if days else None
        if low <= first:
            break
        span *= 4
    return before, after


# -- occurrences ---------------------------------------------------------------------


def span_days(event: Event) -> int:
    """How many days after its first day an occurrence ends (0 for one-day occurrences)."""
    return event.when.days


def _status(event: Event, cancelled: bool, moved: bool) -> OccurrenceStatus:
    if event.status == "cancelled" or cancelled:
        return "cancelled"
    if event.status == "postponed":
        return "postponed"
    return "moved" if moved else "scheduled"


def _moved_occurrence(event: Event, move: Move) -> Occurrence:
    return Occurrence(event, move.original, move.when, _status(event, False, True))


def occurrences(event: Event, since: date, until: date, limit: int = MAX_OCCURRENCES) -> tuple[Occurrence, ...]:
    """The occurrences of a series that take place on a day within ``[since, until]``.

    Chronological; cancelled ones (``except``) included with status ``cancelled``,
    moved ones at their new time with status ``moved``; at most ``limit``. An event
    that is not a series has none.
    """
    series = event.repeat
    if series is None or limit <= 0 or since > until:
        return ()
    return _occurrences(event, since, until, limit)


@lru_cache(maxsize=8192)
def _occurrences(event: Event, since: date, until: date, limit: int) -> tuple[Occurrence, ...]:
    series = event.repeat
    assert series is not None
    moved = {move.original for move in series.moved}
    cancelled = set(series.cancelled)
    last = series.last_rule_day or _LAST_DAY
    items: list[Occurrence] = []
    # An occurrence that started up to span_days before ``since`` still takes place in it.
    for day in rule_days(series, event.first_day, since - timedelta(days=span_days(event)), min(until, last)):
        if day in moved:
            continue
        items.append(Occurrence(event, day, event.when.on(day), _status(event, day in cancelled, False)))
        if len(items) >= limit:
            break
    for move in series.moved:
        item = _moved_occurrence(event, move)
        if item.last_day >= since and item.first_day <= until:
            items.append(item)
    items.sort(key=listing_order)
    return tuple(items[:limit])


def upcoming_occurrences(
    event: Event, today: date, horizon: int = DEFAULT_HORIZON_DAYS, limit: int = MAX_OCCURRENCES
) -> tuple[Occurrence, ...]:
    """What listings show of a series: its occurrences on the ``horizon`` days from
    ``today`` on (today counts: a daily series shows ``horizon`` of them); if none falls
    in that time, the next one after it (so that a series that is not over is never
    missing from the upcoming listings)."""
    found = occurrences(event, today, today + timedelta(days=horizon - 1), limit)
    if found:
        return found
    following = next_occurrence(event, today)
    return (following,) if following is not None else ()


def next_occurrence(event: Event, today: date) -> Occurrence | None:
    """The first occurrence that has not ended before ``today`` (cancelled ones count), or ``None``."""
    if event.repeat is None:
        return None
    window = 366
    since = today
    while since <= _LAST_DAY:
        found = occurrences(event, since, min(since + timedelta(days=window), _LAST_DAY), 1)
        if found:
            return found[0]
        since += timedelta(days=window + 1)
        window *= 4
    return None


def next_date(event: Event, today: date) -> Occurrence | None:
    """The date a listing shows a series at: its first occurrence that has not ended
    before ``today`` and is not cancelled. A cancelled or postponed series (the whole
    series is off), or one whose remaining dates are all cancelled, has its next
    occurrence, whatever its status; ``None`` once the series is over.

    Bounded: of any ``len(except) + 1`` occurrences at least one is not cancelled.
    """
    series = event.repeat
    if series is None:
        return None
    if event.status in ("cancelled", "postponed"):
        return next_occurrence(event, today)
    limit = len(series.cancelled) + 1
    window = 366
    since = today
    while since <= _LAST_DAY:
        until = min(since + timedelta(days=window), _LAST_DAY)
        for item in occurrences(event, since, until, limit):
            if item.status != "cancelled" and item.last_day >= today:
                return item
        since = until + timedelta(days=1)
        window *= 4
    return next_occurrence(event, today)


def occurrence_anchor(item: Occurrence) -> str:
    """``termin-2027-04-06``: the fragment of an occurrence on its series page (by the
    rule's day, which a move does not change); JSON-LD gives each occurrence this URL."""
    return f"termin-{item.original.isoformat()}"


__all__ = [
    "MAX_OCCURRENCES",
    "DEFAULT_HORIZON_DAYS",
    "horizon_days",
    "rule_days",
    "is_rule_day",
    "occurrences",
    "upcoming_occurrences",
    "next_occurrence",
    "next_date",
    "occurrence_anchor",
]
