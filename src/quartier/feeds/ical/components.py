"""The properties of each VEVENT and VCALENDAR: what subscribers read.

The decisions are listed in ``quartier.feeds.ical.calendars``; RFC text is quoted where it
decides one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from quartier.config import SiteConfig
from quartier.content.history import Revision
from quartier.content.model import Event, Move, Occurrence, Site
from quartier.content.recurrence import occurrences, span_days
from quartier.content.when import AllDay, Timed, When, local_moment
from quartier.feeds.ical.encoder import (
    CAL_ADDRESS,
    CALENDAR_ORDER,
    CATEGORIES,
    DATE,
    DATETIME,
    DURATION,
    EVENT_ORDER,
    GEO,
    INTEGER,
    RECUR,
    TEXT,
    URI,
    Prop,
    canonical,
    recur_key,
)
from quartier.feeds.ical.rrule import rrule
from quartier.feeds.ical.vtimezone import offset_changes
from quartier.render.wording import STATUS_WORDS, place_text, prefixed_title, rescheduled_notice
from quartier.text import german_dates
from quartier.text.german_rules import rule_text

PRODID = "-//Quartier//Quartier 0.1//DE"
STAMP = datetime(2000, 1, 1, tzinfo=UTC)
"""DTSTAMP of every event: a constant, so that unchanged content gives unchanged files."""

REFRESH = timedelta(hours=12)
REFRESH_TEXT = "PT12H"


def event_properties(
    event: Event,
    site: Site,
    config: SiteConfig,
    revision: Revision | None = None,
    today: date | None = None,
) -> list[Prop]:
    """The VEVENT of ``event``, in icalendar's property order.

    ``revision`` (from the Git history) gives SEQUENCE, DTSTAMP and LAST-MODIFIED;
    without one, DTSTAMP is the fixed 2000-01-01 and SEQUENCE 0 (1 when cancelled).
    For a series this is its master VEVENT (RRULE, EXDATE); ``today`` decides which
    cancelled and moved dates its DESCRIPTION names (those not yet past; all without).
    """
    return _vevent(event, site, config, revision, event.when, _Master(today))


def occurrence_properties(
    event: Event, move: Move, site: Site, config: SiteConfig, revision: Revision | None = None
) -> list[Prop]:
    """The VEVENT of a moved occurrence: same UID, RECURRENCE-ID = where the rule put it.

    RFC 5545 3.8.4.4: "The full range of calendar components specified by a recurrence
    set is referenced by referring to just the "UID" property value corresponding to
    the calendar component. The "RECURRENCE-ID" property allows the reference to an
    individual instance within the recurrence set." Its value type is DTSTART's
    (with the same TZID, or VALUE=DATE). It carries everything a reader shows, because
    the override replaces the instance as a whole.
    """
    return _vevent(event, site, config, revision, move.when, _Moved(move))


def clock_change_properties(
    event: Event, occurrence: Occurrence, site: Site, config: SiteConfig, revision: Revision | None = None
) -> list[Prop]:
    """The VEVENT of an occurrence that spans a clock change: its own DTSTART and DTEND.

    RFC 5545 3.8.5.3: "If the duration of the recurring component is specified with the
    "DTEND" or "DUE" property, then the same exact duration will apply to all the
    members of the generated recurrence set." A night from 22:00 to 03:30 lasts 5.5 h
    exactly, but 4.5 h in the night clocks go forward and 6.5 h in the night they go
    back; libical and KCalendarCore, following that sentence, end those nights at 04:30
    and 02:30, ical.js and recurring-ical-events at 03:30 (what the editor wrote, and
    what the page says). The override states the end, so every reader that reads
    RECURRENCE-ID agrees. Nothing else differs from the series.
    """
    return _vevent(event, site, config, revision, occurrence.when, _ClockChange(occurrence.original))


def vevents(
    event: Event,
    site: Site,
    config: SiteConfig,
    revision: Revision | None = None,
    today: date | None = None,
    window: tuple[date, date] | None = None,
) -> list[list[Prop]]:
    """Every VEVENT of ``event``: itself and, for a series, its overrides by the rule's day.

    ``window`` bounds the days whose clock-change overrides are written (see
    ``clock_changes``); moved dates always get theirs.
    """
    units = [event_properties(event, site, config, revision, today)]
    series = event.repeat
    if series is None:
        return units
    overrides: list[tuple[date, list[Prop]]] = [
        (move.original, occurrence_properties(event, move, site, config, revision)) for move in series.moved
    ]
    overrides += [
        (item.original, clock_change_properties(event, item, site, config, revision))
        for item in clock_changes(event, *(window or (event.first_day, event.first_day)))
    ]
    units += [props for _day, props in sorted(overrides, key=lambda pair: pair[0])]
    return units


def nominal_length(when: Timed) -> timedelta:
    """The wall-clock length the editor wrote (22:00 to 03:30: 5.5 h), whatever the offsets."""
    return when.end_exclusive.replace(tzinfo=None) - when.start.replace(tzinfo=None)


def exact_length(when: Timed) -> timedelta:
    """The elapsed time between start and end (aware datetimes of one zone subtract as wall times)."""
    return when.end_exclusive.astimezone(UTC) - when.start.astimezone(UTC)


def series_end(event: Event) -> datetime | date:
    """The master's DTEND: its start plus the series' wall-clock length as an exact duration.

    That is the end every occurrence without a clock change has; for a first occurrence
    that spans one, DTEND differs from its own end and ``clock_changes`` gives it an
    override with the real one.
    """
    when = event.when
    if isinstance(when, AllDay) or event.repeat is None:
        return when.end_exclusive
    zone = when.start.tzinfo
    return (when.start.astimezone(UTC) + nominal_length(when)).astimezone(zone)


def clock_changes(event: Event, since: date, until: date) -> tuple[Occurrence, ...]:
    """The occurrences of a timed series on ``[since, until]`` whose exact length differs
    from its wall-clock length: those that span a change of the zone's UTC offset.

    Only the days around each offset change are expanded (a few a year), so a daily
    series costs as little as a yearly one. Cancelled dates (EXDATE) and moved ones
    (their own override) are left out.
    """
    when = event.when
    series = event.repeat
    if series is None or not isinstance(when, Timed) or when.end is None or since > until:
        return ()
    zone = when.start.tzinfo
    key = getattr(zone, "key", None)
    if not isinstance(key, str):
        return ()
    length = nominal_length(when)
    reach = timedelta(days=span_days(event) + 1)
    found: dict[date, Occurrence] = {}
    for year in range(since.year, until.year + 1):
        for change in offset_changes(key, year):
            day = change.date()
            for item in occurrences(event, max(since, day - reach), min(until, day + reach)):
                if item.status == "moved" or item.original in series.cancelled:
                    continue
                assert isinstance(item.when, Timed)
                if exact_length(item.when) != length:
                    found[item.original] = item
    return tuple(found[day] for day in sorted(found))


@dataclass(frozen=True)
class _Master:
    """The event's own VEVENT (for a series: RRULE, EXDATE and the series in words)."""

    today: date | None
    """Decides which cancelled and moved dates the DESCRIPTION names (all without)."""


@dataclass(frozen=True)
class _Moved:
    """The override of a moved date of a series."""

    move: Move


@dataclass(frozen=True)
class _ClockChange:
    """The override of an occurrence that spans a clock change."""

    day: date
    """The day the rule gives the occurrence (its RECURRENCE-ID)."""


_Role = _Master | _Moved | _ClockChange
"""Which VEVENT of an event is written: each differs in its schedule and its DESCRIPTION."""


def _vevent(
    event: Event, site: Site, config: SiteConfig, revision: Revision | None, when: When, role: _Role
) -> list[Prop]:
    page = config.absolute_url(event.url_path)
    props = [
        Prop("SUMMARY", TEXT, prefixed_title(event.title, event.status)),
        *_schedule(event, when, role),
        *_versioning(event, revision),
        Prop("STATUS", TEXT, STATUS_WORDS[event.status].ical_status),
        Prop("URL", URI, page),
        *_place(event),
        *_categories(event, site),
        *_organizer(event, config),
        Prop("DESCRIPTION", TEXT, _description(event, revision, role, page)),
    ]
    return canonical(props, EVENT_ORDER)


def _schedule(event: Event, when: When, role: _Role) -> list[Prop]:
    """DTSTART and DTEND; then RRULE and EXDATE for a series, or the override's RECURRENCE-ID."""
    kind = DATE if when.all_day else DATETIME
    start = Prop("DTSTART", kind, when.start)
    match role:
        case _Master():
            props = [start, Prop("DTEND", kind, series_end(event))]
            return props + (_series_properties(event) if event.repeat is not None else [])
        case _Moved(move):
            original = Prop("RECURRENCE-ID", DATE if event.all_day else DATETIME, _rule_moment(event, move.original))
            return [start, Prop("DTEND", kind, when.end_exclusive), original]
        case _ClockChange(day):
            original = Prop("RECURRENCE-ID", DATETIME, _rule_moment(event, day))
            return [start, Prop("DTEND", kind, when.end_exclusive), original]


def _versioning(event: Event, revision: Revision | None) -> list[Prop]:
    """UID, and from the Git history DTSTAMP, SEQUENCE and LAST-MODIFIED."""
    # A cancellation must win over the scheduled version a calendar already has.
    floor = 1 if event.status == "cancelled" else 0
    props = [
        Prop("DTSTAMP", DATETIME, revision.modified if revision else STAMP),
        Prop("UID", TEXT, event.uid),
        Prop("SEQUENCE", INTEGER, max(revision.sequence if revision else 0, floor)),
    ]
    if revision is not None:
        props.append(Prop("LAST-MODIFIED", DATETIME, revision.modified))
    return props


def _place(event: Event) -> list[Prop]:
    """LOCATION, and GEO where there is a venue with coordinates to go to."""
    props = [Prop("LOCATION", TEXT, place_text(event))]
    if event.format != "online" and event.venue is not None and event.venue.coordinates is not None:
        props.append(Prop("GEO", GEO, event.venue.coordinates))
    return props


def _categories(event: Event, site: Site) -> list[Prop]:
    """CATEGORIES: the programs' titles, then the tags, each once."""
    programs = [program.title if (program := site.program_by_slug.get(slug)) else slug for slug in event.programs]
    labels = tuple(dict.fromkeys([*programs, *event.tags]))
    return [Prop("CATEGORIES", CATEGORIES, labels)] if labels else []


def _organizer(event: Event, config: SiteConfig) -> list[Prop]:
    address = organizer_address(event, config)
    if address is None:
        return []
    return [Prop("ORGANIZER", CAL_ADDRESS, address[1], (("CN", address[0]),))]


def _description(event: Event, revision: Revision | None, role: _Role, page: str) -> str:
    """The status, what changed, the series in words, the event's details and its page."""
    sentence = STATUS_WORDS[event.status].feed_sentence
    lines = [sentence] if sentence else []
    if revision is not None and isinstance(role, _Master):
        notice = rescheduled_notice(event.status, revision.previous_starts, event.when)
        lines += [notice] if notice else []
    match role:
        case _Master(today):
            lines += _series_lines(event, today) if event.repeat is not None else []
        case _Moved(move):
            lines.append(_moved_sentence(event, move))
        case _ClockChange():
            pass
    return "\n".join([*lines, *_detail_lines(event), page])


def _detail_lines(event: Event) -> list[str]:
    organizer = event.organizer
    lines = [event.summary] if event.summary else []
    if organizer is not None:
        lines.append(f"Veranstalter: {organizer.name}")
    if event.registration:
        lines.append(f"Anmeldung: {event.registration}")
    if event.online_url:
        lines.append(f"Online-Teilnahme: {event.online_url}")
    return lines


def _rule_moment(event: Event, day: date) -> date | datetime:
    """The DTSTART the rule gives an occurrence on ``day`` (EXDATE, RECURRENCE-ID)."""
    when = event.when
    return day if isinstance(when, AllDay) else local_moment(day, when.start)


def _series_properties(event: Event) -> list[Prop]:
    """RRULE and one EXDATE per cancelled date.

    EXDATE has DTSTART's form (RFC 5545 3.8.5.1: "The EXDATE property can be used to
    exclude the value specified in "DTSTART"", and its values must match the instances
    the rule gives, with the same TZID or VALUE=DATE). One property per date: some
    readers took only the first of a comma-separated list (dakboard#2246).
    Cancelled dates are not sent as RECURRENCE-ID overrides with STATUS:CANCELLED:
    RFC 5546 (3.2.2) has no STATUS:CANCELLED for a published instance, khal shows such
    an override as a normal event (khal#523) and Nextcloud shows it next to the
    instance it was meant to remove (nextcloud/calendar#705). For readers that ignore
    EXDATE (dakboard#2150), the master's DESCRIPTION names the cancelled dates.
    """
    series = event.repeat
    assert series is not None
    props: list[Prop] = [Prop("RRULE", RECUR, recur_key(rrule(event)))]
    kind = DATE if event.all_day else DATETIME
    for day in series.cancelled:
        props.append(Prop("EXDATE", kind, _rule_moment(event, day)))
    return props


_LISTED_CHANGES = 10
"""At most this many cancelled and moved dates are named in a series' DESCRIPTION."""


def _series_lines(event: Event, today: date | None) -> list[str]:
    """``Termine: …``, ``Entfällt: …``, ``Verlegt: …``: the series in words, for readers
    that show only the first occurrence or ignore EXDATE/RECURRENCE-ID."""
    series = event.repeat
    assert series is not None
    lines = [f"Termine: {rule_text(event)}."]
    cancelled = [d for d in series.cancelled if today is None or d >= today]
    if cancelled:
        shown = ", ".join(german_dates.long_date(d) for d in cancelled[:_LISTED_CHANGES])
        more = len(cancelled) - _LISTED_CHANGES
        lines.append(f"Entfällt: {shown}" + (f" und {more} weitere" if more > 0 else "") + ".")
    moved = [m for m in series.moved if today is None or max(m.original, m.when.last_day) >= today]
    for move in moved[:_LISTED_CHANGES]:
        lines.append(f"Verlegt: {german_dates.long_date(move.original)} → {german_dates.event_when(move.when)}.")
    if len(moved) > _LISTED_CHANGES:
        lines.append(f"Weitere {len(moved) - _LISTED_CHANGES} Termine sind verlegt.")
    return lines


def _moved_sentence(event: Event, move: Move) -> str:
    return (
        "Dieser Termin der Reihe ist verlegt: statt "
        f"{german_dates.long_date(move.original)} am {german_dates.event_when(move.when)}."
    )


def organizer_address(event: Event, config: SiteConfig) -> tuple[str, str] | None:
    """``(CN, mailto: address)`` of the event's ORGANIZER, or ``None`` without any address.

    RFC 5545 (3.8.4.3): the value is a cal-address, "mailto:" with the name in CN, and
    RFC 5546 wants an ORGANIZER in every PUBLISH VEVENT (libical's restriction check
    fails without). The organizer's own e-mail comes first; otherwise the site's
    contact address stands in, with the organizer's name (or the site's) as CN.
    """
    organizer = event.organizer
    email = (organizer.email if organizer else None) or config.contact_email
    if not email:
        return None
    return (organizer.name if organizer else config.site_name, "mailto:" + email)


def calendar_properties(
    config: SiteConfig, name: str, page_url: str, source_url: str, description: str = ""
) -> list[Prop]:
    """The VCALENDAR's own properties (before its VTIMEZONEs and VEVENTs).

    ``description`` says how far a windowed feed reaches (RFC 7986 DESCRIPTION, and
    X-WR-CALDESC, which Apple and Google show).
    """
    props: list[Prop] = [
        Prop("VERSION", TEXT, "2.0"),
        Prop("PRODID", TEXT, PRODID),
        Prop("CALSCALE", TEXT, "GREGORIAN"),
        Prop("METHOD", TEXT, "PUBLISH"),
        Prop("NAME", TEXT, name),
        Prop("X-WR-CALNAME", TEXT, name),
        Prop("X-WR-TIMEZONE", TEXT, config.timezone),
        Prop("REFRESH-INTERVAL", DURATION, REFRESH, (("VALUE", "DURATION"),)),
        # icalendar writes a timedelta as 12:00:00 in an X- property: written as text.
        Prop("X-PUBLISHED-TTL", TEXT, REFRESH_TEXT),
        Prop("URL", URI, page_url),
        Prop("SOURCE", URI, source_url),
    ]
    if description:
        props += [Prop("DESCRIPTION", TEXT, description), Prop("X-WR-CALDESC", TEXT, description)]
    return canonical(props, CALENDAR_ORDER)
