"""A series' rule as iCalendar writes it: RRULE (RFC 5545 3.3.10 RECUR).

The feeds and the Google Calendar link (``quartier.render.urls``) both write the rule
from here, through icalendar's ``vRecur``, so they spell it the same way. This module
reads only the content model and icalendar: it sits below the pages in the stages
(``tests/test_layers.py``), so the link builder may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date

from icalendar.prop import vRecur

from quartier.content.model import Event, Weekday
from quartier.content.recurrence import WEEKDAY_CODES
from quartier.content.when import AllDay, end_of_local_day

RecurPart = str | int | date | tuple[str, ...] | tuple[int, ...]
"""The value of one rule part: FREQ and WKST a name, COUNT and INTERVAL a number,
UNTIL a DATE or a UTC DATE-TIME, BYDAY and BYMONTHDAY lists."""

Recur = Mapping[str, RecurPart]
"""A rule by its parts, in the order they are written (``vRecur`` keeps it)."""


def _weekday_code(rule: Weekday) -> str:
    """``1TU``, ``-1FR``, ``WE`` (RFC 5545: ``weekdaynum = [[plus / minus] ordwk] weekday``)."""
    return (str(rule.ordinal) if rule.ordinal else "") + WEEKDAY_CODES[rule.weekday].upper()


def rrule(event: Event) -> Recur:
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
    value: dict[str, RecurPart] = {"FREQ": series.freq.upper()}
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
        value["BYDAY"] = tuple(_weekday_code(rule) for rule in series.byday)
    elif series.freq == "weekly":
        # RFC 5545 takes the day from DTSTART when BYDAY is missing ("Information, not
        # contained in the rule, necessary to determine the various recurrence instance
        # start time and dates are derived from the Start Time ("DTSTART") component
        # attribute"); written out, because some readers show only the first instance of
        # such a rule (dakboard#1339).
        value["BYDAY"] = (WEEKDAY_CODES[event.first_day.weekday()].upper(),)
    if series.bymonthday:
        value["BYMONTHDAY"] = series.bymonthday
    elif series.freq == "monthly" and not series.byday:
        value["BYMONTHDAY"] = (event.first_day.day,)
    if series.freq == "weekly" and series.interval > 1 and len({r.weekday for r in series.byday}) > 1:
        # Which days form "every second week" depends on the week start (RFC 5545: "The
        # WKST rule part specifies the day on which the workweek starts ... This is
        # significant when a WEEKLY "RRULE" has an interval greater than 1, and a BYDAY
        # rule part is specified"); Google Calendar may assume Sunday for its users, so
        # the RFC's default is written out.
        value["WKST"] = "MO"
    return value


def recur_text(value: Recur) -> str:
    """``FREQ=MONTHLY;UNTIL=20271207T225959Z;BYDAY=1TU``: icalendar's spelling of a rule."""
    parts = {name: list(part) if isinstance(part, tuple) else part for name, part in value.items()}
    return bytes(vRecur(parts).to_ical()).decode("ascii")


def rrule_text(event: Event) -> str:
    """The RRULE of a series as the feeds write it."""
    return recur_text(rrule(event))
