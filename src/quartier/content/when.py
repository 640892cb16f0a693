"""When an event takes place: a typed time that every output asks, none re-derives."""

from __future__ import annotations

from datetime import date, datetime


def day_of(moment: date | datetime) -> date:
    """The local calendar day of a start or end (a datetime is in its event's zone)."""
    return moment.date() if isinstance(moment, datetime) else moment
