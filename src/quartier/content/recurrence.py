"""Recurring events: the days of a series, its occurrences, and the rule in German words.

Pure functions over the model (``Event.repeat``), used by validation, listings, feeds,
JSON-LD and the page templates. The rules are RFC 5545's (3.3.10 RECUR) for the subset
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
from datetime import UTC, date, timedelta
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import quote, urlencode

from quartier.content.model import OPEN_END, Event, Move, Occurrence, OccurrenceStatus, Series, Weekday, listing_order
from quartier.content.when import AllDay, When, end_of_local_day
from quartier.text.german_dates import day_month, day_month_year, event_when, long_date

MAX_OCCURRENCES = 1000
"""More occurrences than this within the horizon are refused by the validator; no
expansion returns more."""

DEFAULT_HORIZON_DAYS = 365
"""How far ahead listings show the occurrences of a series (``repeat_horizon_days``)."""

WEEKDAY_CODES = ("mo", "tu", "we", "th", "fr", "sa", "su")
"""As the content contract writes them (RFC 5545's in lower case)."""

_LAST_DAY = OPEN_END


def horizon_days(config: Any) -> int:
    """The site's ``repeat_horizon_days`` (declared in ``config.OPTIONS``); 365 without a config."""
    value = getattr(config, "repeat_horizon_days", DEFAULT_HORIZON_DAYS)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else DEFAULT_HORIZON_DAYS


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


def occurrence_note(item: Occurrence) -> str:
    """What a listing or series page says next to an occurrence, in German ('' when it
    takes place as the rule says): ``Entfällt``, ``Verlegt vom Dienstag, 6. April 2027``,
    ``Abgesagt`` (the whole series), ``Verschoben`` (the whole series, new dates open)."""
    if item.status == "cancelled":
        return "Abgesagt" if item.event.status == "cancelled" else "Entfällt"
    if item.status == "postponed":
        return "Verschoben"
    if item.status == "moved":
        return f"Verlegt vom {long_date(item.original)}"
    return ""


def occurrence_when(item: Occurrence) -> str:
    """``Mittwoch, 7. April 2027, 18:00–20:00 Uhr``: the occurrence's own date and time."""
    return event_when(item.when)


def occurrence_anchor(item: Occurrence) -> str:
    """``termin-2027-04-06``: the fragment of an occurrence on its series page (by the
    rule's day, which a move does not change); JSON-LD gives each occurrence this URL."""
    return f"termin-{item.original.isoformat()}"


# -- the rule in German ------------------------------------------------------------------

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
DAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_DAY_ADVERBS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")


def _number(value: int) -> str:
    return _NUMBERS.get(value, str(value))


def _ordinal(value: int) -> str:
    return _ORDINALS.get(value, f"{abs(value)}.-letzten" if value < 0 else f"{value}.")


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " und " + words[-1]


def _monthly_days(series: Series, first: date) -> str:
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


def _rhythm(event: Scheduled) -> str:
    series = event.repeat
    assert series is not None
    first = event.when.first_day
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


def _times(event: Scheduled) -> str:
    """``18:00–20:00 Uhr``; ``22:00 Uhr bis 2:00 Uhr am Folgetag``; ``jeweils 3 Tage``."""
    when = event.when
    days = when.days
    if isinstance(when, AllDay):
        return f"jeweils {days + 1} Tage" if days else ""
    start = when.start.strftime("%H:%M")
    if when.end is None:
        return f"{start} Uhr"
    end = when.end.strftime("%H:%M")
    if days == 0:
        return f"{start}–{end} Uhr"
    if days == 1:
        return f"{start} Uhr bis {end} Uhr am Folgetag"
    return f"{start} Uhr bis {end} Uhr, jeweils {days + 1} Tage"


class Scheduled(Protocol):
    """What the rule's words need: an ``Event``, or a series while it is being checked."""

    @property
    def when(self) -> When: ...

    @property
    def repeat(self) -> Series | None: ...


def rule_text(event: Scheduled) -> str:
    """The rule of a series in German words, for pages and calendar descriptions.

    >>> rule_text(series)  # doctest: +SKIP
    'jeden ersten Dienstag im Monat, 18:00–20:00 Uhr, bis 31. Dezember 2027'

    Other forms: ``alle zwei Wochen mittwochs``, ``jeden letzten Freitag im Monat``,
    ``täglich``, ``jedes Jahr am 5. Januar``, ``…, 12 Termine``. Cancelled and moved
    dates are not part of the rule (see ``occurrences``). '' for an event that is not a series.
    """
    series = event.repeat
    if series is None:
        return ""
    parts = [_rhythm(event)]
    times = _times(event)
    if times:
        parts.append(times)
    if series.until is not None:
        parts.append(f"bis {day_month_year(series.until)}")
    elif series.count is not None:
        parts.append("1 Termin" if series.count == 1 else f"{series.count} Termine")
    return ", ".join(parts)


# -- RRULE ------------------------------------------------------------------------------


def _weekday_code(rule: Weekday) -> str:
    return (str(rule.ordinal) if rule.ordinal else "") + WEEKDAY_CODES[rule.weekday].upper()


def rrule(event: Event) -> dict[str, Any]:
    """The RRULE of a series as icalendar's ``vRecur`` takes it (the feed and the
    Google link write it the same way).

    UNTIL is the end of the last local day of the series (23:59:59 in its zone on the
    day of the rule's last occurrence), written in UTC. RFC 5545 3.3.10: "The UNTIL rule
    part defines a DATE or DATE-TIME value that bounds the recurrence rule in an
    inclusive manner", so any bound from the last start up to before the next one gives
    the same occurrences in a conforming reader; the rules here have at most one
    occurrence a day. The end of the day keeps the last date in readers that compare
    the UTC value with local wall time (Perl's DateTime::Format::ICal), which dropped it
    while UNTIL was the last start itself; such readers still lose a last date that
    starts within the last hour or two of the day (the zone's offset). Its form: "The
    value of the UNTIL rule part MUST have the same value type as the "DTSTART"
    property. ... If the "DTSTART" property is specified as a date with UTC time or a
    date with local time and time zone reference, then the UNTIL rule part MUST be
    specified as a date with UTC time." -- a DATE for all-day series, else UTC.
    """
    series = event.repeat
    assert series is not None
    value: dict[str, Any] = {"FREQ": series.freq.upper()}
    if series.until is not None and series.last_rule_day is not None:
        last = series.last_rule_day
        if isinstance(event.when, AllDay):
            value["UNTIL"] = last
        else:
            value["UNTIL"] = end_of_local_day(last, event.when.start).astimezone(UTC)
    if series.count is not None:
        value["COUNT"] = series.count
    if series.interval != 1:
        value["INTERVAL"] = series.interval
    if series.byday:
        value["BYDAY"] = [_weekday_code(rule) for rule in series.byday]
    elif series.freq == "weekly":
        # RFC 5545 takes the day from DTSTART when BYDAY is missing; written out, because
        # some readers show only the first instance of such a rule (dakboard#1339).
        value["BYDAY"] = [WEEKDAY_CODES[event.first_day.weekday()].upper()]
    if series.bymonthday:
        value["BYMONTHDAY"] = list(series.bymonthday)
    elif series.freq == "monthly" and not series.byday:
        value["BYMONTHDAY"] = [event.first_day.day]
    if series.freq == "weekly" and series.interval > 1 and len({r.weekday for r in series.byday}) > 1:
        # Which days form "every second week" depends on the week start; Google Calendar
        # may assume Sunday for its users, so the RFC's default is written out.
        value["WKST"] = "MO"
    return value


def rrule_text(event: Event) -> str:
    """``FREQ=MONTHLY;UNTIL=20271207T170000Z;BYDAY=1TU``, as in the feeds."""
    from icalendar.prop import vRecur  # the feeds' encoder: one spelling everywhere

    return bytes(vRecur(rrule(event)).to_ical()).decode("ascii")


def google_calendar_link(event: Event, title: str, details: str, location: str) -> str:
    """Google Calendar's "add event" link for a series: the first occurrence with
    ``recur=RRULE:…`` in the event's own zone (``ctz``), so that 18:00 stays 18:00 in
    summer and winter. Cancelled and moved dates cannot be passed this way; the page
    should point to the .ics download for those.
    """
    when = event.when
    if isinstance(when, AllDay):
        dates = f"{when.start:%Y%m%d}/{when.end_exclusive:%Y%m%d}"
    else:
        dates = f"{when.start:%Y%m%dT%H%M%S}/{when.end_exclusive:%Y%m%dT%H%M%S}"
    params = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": location}
    if event.repeat is not None:
        params["recur"] = "RRULE:" + rrule_text(event)
    if not event.all_day:
        params["ctz"] = event.timezone
    return "https://calendar.google.com/calendar/render?" + urlencode(params, quote_via=quote)


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
    "occurrence_note",
    "occurrence_when",
    "rule_text",
    "rrule",
    "rrule_text",
    "google_calendar_link",
]
