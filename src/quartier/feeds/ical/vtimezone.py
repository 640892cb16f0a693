"""VTIMEZONE components: one per zone, identical in every file of a site.

vobject keeps the first VTIMEZONE it sees for a TZID for the whole process, and ical.js
reads only the first date of an RDATE list; so each zone is written once per site,
with one RRULE per rule change, covering every year of any event.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import icalendar

from quartier.content.model import Event
from quartier.content.when import Timed
from quartier.feeds.ical.encoder import tzid_of

# -- time zones ---------------------------------------------------------------------

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY = 86_400


@dataclass(frozen=True)
class _Change:
    """One change of a zone's UTC offset."""

    utc: datetime
    before: timedelta
    after: timedelta
    name: str
    daylight: bool

    @property
    def local(self) -> datetime:
        """The onset as RFC 5545 wants it: local time in the offset before the change."""
        return (self.utc + self.before).replace(tzinfo=None)

    @property
    def key(self) -> tuple[bool, timedelta, timedelta, str, int, time]:
        local = self.local
        return (self.daylight, self.before, self.after, self.name, local.month, local.time())

    @property
    def byday(self) -> tuple[str, ...]:
        """The ways to name the onset's day as BYDAY in its month, the "last" form first."""
        local = self.local
        weekday = _WEEKDAYS[local.weekday()]
        days_in_month = _calendar.monthrange(local.year, local.month)[1]
        forms = []
        if local.day + 7 > days_in_month:
            forms.append(f"-1{weekday}")
        forms.append(f"{(local.day - 1) // 7 + 1}{weekday}")
        return tuple(forms)


def _offset(zone: ZoneInfo, timestamp: int) -> timedelta:
    offset = datetime.fromtimestamp(timestamp, zone).utcoffset()
    assert offset is not None  # an aware datetime has an offset
    return offset


@cache
def _changes(key: str, year: int) -> tuple[_Change, ...]:
    """The offset changes of zone ``key`` in (Jan 1 year, Jan 1 year+1] UTC."""
    zone = ZoneInfo(key)
    begin = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    changes = []
    moment, offset = begin, _offset(zone, begin)
    while moment < end:
        following = min(moment + _DAY, end)
        new_offset = _offset(zone, following)
        if new_offset != offset:
            low, high = moment, following  # offset at low is the old one, at high the new one
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(zone, middle) == offset:
                    low = middle
                else:
                    high = middle
            local = datetime.fromtimestamp(high, zone)
            changes.append(
                _Change(
                    datetime.fromtimestamp(high, UTC),
                    offset,
                    new_offset,
                    local.tzname() or "",
                    (local.dst() or timedelta(0)) > timedelta(0),
                )
            )
            offset = new_offset
        moment = following
    return tuple(changes)


def offset_changes(key: str, year: int) -> tuple[datetime, ...]:
    """The instants (UTC) at which zone ``key`` changes its UTC offset in ``year``."""
    return tuple(change.utc for change in _changes(key, year))


@dataclass
class _Rule:
    first: _Change
    last: _Change
    forms: tuple[str, ...]
    count: int = 1
    open: bool = True


def _rules(key: str, first_year: int, last_year: int) -> list[_Rule]:
    """Runs of yearly changes with the same n-th/last weekday rule, first_year..last_year."""
    rules: list[_Rule] = []
    running: list[_Rule] = []
    for year in range(first_year, last_year + 1):
        changes = list(_changes(key, year))
        still: list[_Rule] = []
        for rule in running:
            match = None
            for change in changes:
                if change.key == rule.first.key and set(change.byday) & set(rule.forms):
                    match = change
                    break
            if match is None:
                rule.open = False
                continue
            changes.remove(match)
            rule.forms = tuple(f for f in rule.forms if f in match.byday)
            rule.last = match
            rule.count += 1
            still.append(rule)
        for change in changes:
            rule = _Rule(change, change, change.byday)
            rules.append(rule)
            still.append(rule)
        running = still
    return rules


def vtimezone_component(key: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A rule-based VTIMEZONE for ``key``, exact for first_year..last_year (see module doc)."""
    zone = ZoneInfo(key)
    parts: list[tuple[datetime, icalendar.cal.component.Component]] = []
    if not _changes(key, first_year):
        begin = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = begin.utcoffset()
        daylight = (begin.dst() or timedelta(0)) > timedelta(0)
        part: icalendar.cal.component.Component = (
            icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
        )
        start = datetime(first_year, 1, 1)
        part.add("DTSTART", start)
        part.add("TZOFFSETFROM", offset)
        part.add("TZOFFSETTO", offset)
        part.add("TZNAME", begin.tzname() or key)
        parts.append((start, part))
    for rule in _rules(key, first_year, last_year):
        change = rule.first
        part = icalendar.TimezoneDaylight() if change.daylight else icalendar.TimezoneStandard()
        part.add("DTSTART", change.local)
        part.add("TZOFFSETFROM", change.before)
        part.add("TZOFFSETTO", change.after)
        if change.name:
            part.add("TZNAME", change.name)
        if rule.count > 1 or rule.open:
            recur: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": change.local.month, "BYDAY": rule.forms[0]}
            if not rule.open:
                # COUNT, not UNTIL: RFC 5545 wants UNTIL in UTC here, and readers that compare
                # it with the local onset time (dateutil, so icalendar's to_tz(); ``ical``
                # even fails) lose the last onset.
                recur["COUNT"] = rule.count
            part.add("RRULE", recur)
        parts.append((change.local, part))
    timezone_ = icalendar.Timezone()
    timezone_.add("TZID", key)
    for _start, part in sorted(parts, key=lambda p: p[0]):
        timezone_.add_component(part)
    return timezone_


@lru_cache(maxsize=4096)
def vtimezone_bytes(key: str, first_year: int, last_year: int) -> bytes:
    return bytes(vtimezone_component(key, first_year, last_year).to_ical())


def zones_of(events: Iterable[Event]) -> list[str]:
    """The TZIDs of the timed events (UTC needs no VTIMEZONE), sorted."""
    return sorted(
        {tzid_of(e.when.start.tzinfo) for e in events if isinstance(e.when, Timed) and e.when.start.tzinfo} - {"UTC"}
    )


def zone_spans(events: Iterable[Event], horizon_end: date | None = None) -> list[tuple[str, int, int]]:
    """(TZID, first year, last year) for each zone the timed events use, by TZID.

    A series spans the years of all its occurrences; one without an end those up to
    ``horizon_end`` (today + ``repeat_horizon_days``), and the open last rule of the
    VTIMEZONE carries on after that.
    """
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        zone = event.when.start.tzinfo if isinstance(event.when, Timed) else None
        if zone is None:
            continue
        tzid = tzid_of(zone)
        if tzid == "UTC":
            continue
        last_day = event.last_day
        if event.repeat is not None and event.repeat.last_day is None:
            moved = [m.when.last_day for m in event.repeat.moved]
            last_day = max([horizon_end or event.first_day, event.first_day, *moved])
        low, high = event.first_day.year - 1, last_day.year + 1
        if tzid in spans:
            old_low, old_high = spans[tzid]
            low, high = min(low, old_low), max(high, old_high)
        spans[tzid] = (low, high)
    return [(tzid, low, high) for tzid, (low, high) in sorted(spans.items())]
