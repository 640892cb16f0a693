"""iCalendar output: the subscription feeds and one download per event.

Files (paths relative to the site root)::

    kalender.ics                          all events in the feed window
    staedte/<city>/kalender.ics           events at a venue in that city (every city, even if empty)
    programme/<program>/kalender.ics      events of that program (every program)
    veranstaltungen/<slug>/<slug>.ics     one event, always, whatever its date

Decisions (each one checked by ``tests/test_ical_feed.py``):

Content
    UID is ``Event.uid`` (stable across builds, renames and feeds). DTSTAMP, SEQUENCE and
    LAST-MODIFIED come from the content's Git history (``history.py``): SEQUENCE counts
    the changes of the event's time, place or status, DTSTAMP and LAST-MODIFIED are the
    time of the last commit that changed its file. Without a history, DTSTAMP is the
    constant 2000-01-01T00:00:00Z and there is no LAST-MODIFIED; never the build clock, so
    that the same commit gives byte-identical files. A cancelled event gets
    ``STATUS:CANCELLED``, a SEQUENCE of at least 1 and "Abgesagt: " before the title; a
    postponed one ``STATUS:TENTATIVE``, "Verschoben: " and a German first sentence in
    DESCRIPTION; every other event ``STATUS:CONFIRMED``. DESCRIPTION is plain text:
    the status sentence, the summary, the organizer, registration and online links, and
    the event page's URL as the last line. ORGANIZER is ``CN=<name>:mailto:<e-mail>``:
    the organizer's ``email``, else the site's ``contact_email`` (see
    ``organizer_address``). LOCATION is the venue's full address, ``Online:
    <link>`` (or ``Online``) for online events, ``<address> / Online`` for hybrid ones;
    GEO only where the venue has coordinates. CATEGORIES: program titles, then tags.

Timed events without an end
    get ``DTEND`` equal to ``DTSTART``. RFC 5545 (3.6.1): "For cases where a VEVENT
    calendar component specifies a DTSTART property with a DATE-TIME value type but no
    DTEND property, the event will end on the same calendar date and time of day
    specified by the DTSTART property" -- the same meaning, written out, because
    Exchange (MS-STANXICAL) fails to import a VEVENT with neither DTEND nor DURATION and
    khal shows one as 24 hours long. Inventing an end (say one hour) would put false
    information into people's calendars.

All-day events
    ``DTSTART;VALUE=DATE`` is the first day and ``DTEND;VALUE=DATE`` the day after the
    last one (DTEND is exclusive).

Time zones
    Times are written in the event's own zone (``DTSTART;TZID=Europe/Berlin:...``) and
    every file carries one VTIMEZONE per zone its events use. The VTIMEZONE of a zone is
    the same, byte for byte, in every file of a build: it covers every year any event of
    the site uses in that zone. vobject keeps the first definition of a TZID it reads for
    the whole process, so files that each defined Europe/Berlin from another first year
    put events an hour off once read one after another. icalendar's
    ``add_missing_timezones()`` writes VTIMEZONEs as RDATE lists, which ical.js
    (Thunderbird) misreads by an hour, so the VTIMEZONEs here are rule-based and derived
    from zoneinfo: the zone's offset changes are found year by year over the years the
    site's events touch (plus one year either side), and each run of consecutive years
    in which a change falls on the same "n-th / last weekday of the month" at the same
    local time becomes one STANDARD or DAYLIGHT component with
    ``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..`` (Europe/Berlin: last Sunday of March at
    02:00, last Sunday of October at 03:00). A rule that ended within those years gets
    COUNT rather than UNTIL (RFC 5545 wants UNTIL in UTC there, and dateutil-based
    readers compare it with the local onset and lose the last one); a change that fits
    no yearly rule becomes a component with a single DTSTART. So the definition is exact
    for every year the file's events fall in, also across rule changes (Europe/Berlin's
    autumn change before 1996, America/New_York before 2007), and the last rule goes on
    into the future. A zone without changes in those years (Asia/Tokyo) gets one
    STANDARD component with a fixed offset. Limits: two offset changes within the same
    UTC day would be seen as one; UTC and its aliases are written as ``...Z`` without a
    VTIMEZONE, as icalendar does; a local time that occurs twice (the repeated hour in
    autumn) is written as it is; RFC 5545 (3.3.5) says it means the first occurrence,
    which is what validation chose (with a warning).

Series (``repeat``)
    One VEVENT per series with the first occurrence as DTSTART/DTEND and an RRULE
    (``recurrence.rrule``: UNTIL is the start of the rule's last occurrence, in UTC
    when DTSTART has a TZID -- RFC 5545 3.3.10: "If the "DTSTART" property is specified
    as a date with UTC time or a date with local time and time zone reference, then
    the UNTIL rule part MUST be specified as a date with UTC time" -- and a DATE for
    all-day series). Each cancelled date is one EXDATE of DTSTART's form (TZID, or
    VALUE=DATE); each moved occurrence one more VEVENT right after the series, with
    the same UID, SEQUENCE and DTSTAMP and a RECURRENCE-ID naming the rule's date.
    Cancelled dates are EXDATEs, not overrides with STATUS:CANCELLED: khal shows such
    an override as a normal event (khal#523), Nextcloud next to the instance it was
    meant to remove (nextcloud/calendar#705). Readers that ignore EXDATE (DAKboard,
    dakboard#2150) or RECURRENCE-ID still get the facts in words: the series'
    DESCRIPTION says the rule, the dates that are cancelled and the moves (those not
    yet past), the override's DESCRIPTION where it was moved from. A cancelled series
    is cancelled as a whole (STATUS:CANCELLED on the series and its overrides).
    SEQUENCE counts changes of ``repeat`` too (``history.SIGNIFICANT``). A series is
    in every feed its city and programs put it in, and in the feed window as long as
    any occurrence is (``Event.last_day`` is its last occurrence's, or none for a
    series without end). The VTIMEZONE covers every year of the series: up to its
    last occurrence, or up to today + ``repeat_horizon_days`` for one without end
    (the last rule of the VTIMEZONE is open and goes on after that).

Feed window
    A feed holds the events whose last day is at most ``feed_past_days`` before
    ``today``. If a feed would be larger than ``feed_max_bytes`` (Google Calendar
    refuses feeds above 1 MB), its past part shrinks first: the days on which the oldest
    past events ended are dropped, oldest first, until it fits (each feed on its own; in
    practice only kalender.ics gets that big). If the upcoming events alone are still too
    large, the far future goes next: the feed keeps the soonest events, whole days where
    possible. A German warning says so, and the feed's DESCRIPTION (and X-WR-CALDESC)
    says how far it reaches and, when something was left out, where the rest is (the
    city and program feeds, via the subscription help page). Single-event downloads
    have no window.

Writing
    The serialization is exactly what icalendar 7 writes for the same components
    (property order, escaping, parameter quoting, folding at 75 octets between UTF-8
    characters, CRLF); ``reference_feeds()`` builds every file as icalendar ``Calendar``
    objects and the tests require byte equality. The files themselves are written by a
    small encoder in this module because building 10,000 icalendar ``Event`` objects
    and calling ``to_ical()`` takes about 3 s, and every VEVENT is encoded once and
    reused by all feeds that contain it. VTIMEZONE and the icalendar-specific parameter
    quoting still come from icalendar itself. One deliberate difference: icalendar
    turns the two characters ``\\N`` in a text into a line break (its escaping first
    replaces ``\\N`` by a newline); this module keeps them as text.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any, Callable, Iterable
from zoneinfo import ZoneInfo

import icalendar
from icalendar import Parameters, vCalAddress, vDuration, vGeo, vRecur, vText, vUri
from icalendar.timezone.tzid import tzid_from_tzinfo

from quartier.render import german_dates
from quartier.render import urls
from quartier.config import SiteConfig
from quartier.content.history import History, Revision
from quartier.content.model import OPEN_END, City, Event, Move, Program, Site
from quartier.content.recurrence import horizon_days, local_moment, rrule, rule_text

UTC = timezone.utc

PRODID = "-//Quartier//Quartier 0.1//DE"
STAMP = datetime(2000, 1, 1, tzinfo=UTC)
"""DTSTAMP of every event: a constant, so that unchanged content gives unchanged files."""

REFRESH = timedelta(hours=12)
REFRESH_TEXT = "PT12H"
SITE_FEED_PATH = urls.SITE_FEED

CANCELLED_PREFIX = "Abgesagt: "
POSTPONED_PREFIX = "Verschoben: "
CANCELLED_SENTENCE = "Diese Veranstaltung ist abgesagt."
POSTPONED_SENTENCE = "Diese Veranstaltung wird verschoben. Der neue Termin wird bekannt gegeben, sobald er feststeht."


# -- paths ---------------------------------------------------------------------


def event_ics_path(event: Event) -> str:
    """``veranstaltungen/<slug>/<slug>.ics``: the single-event download."""
    return urls.event_feed(event.slug)


def city_feed_path(city: City) -> str:
    return urls.city_feed(city.slug)


def program_feed_path(program: Program) -> str:
    return urls.program_feed(program.slug)


def feed_paths(site: Site) -> list[str]:
    """Every .ics file ``render_feeds`` writes, in the order it writes them."""
    paths = [SITE_FEED_PATH]
    paths += [city_feed_path(c) for c in site.cities]
    paths += [program_feed_path(p) for p in site.programs]
    paths += [event_ics_path(e) for e in site.events]
    return paths


# -- properties: (name, kind, value, parameters) --------------------------------

TEXT, URI, DATETIME, DATE, INTEGER, GEO, CATEGORIES, CAL_ADDRESS, DURATION, RECUR = (
    "text", "uri", "date-time", "date", "integer", "geo", "categories", "cal-address", "duration", "recur",
)

Prop = tuple[str, str, Any, tuple[tuple[str, str], ...]]
"""One content line before encoding; parameters as sorted ``(name, value)`` pairs."""

_EVENT_ORDER = icalendar.Event.canonical_order
_CALENDAR_ORDER = icalendar.Calendar.canonical_order


def _canonical(props: list[Prop], order: tuple[str, ...]) -> list[Prop]:
    """icalendar's property order: the component's canonical names first, then A–Z."""
    rank = {name: i for i, name in enumerate(order)}
    return sorted(props, key=lambda p: (0, rank[p[0]], "") if p[0] in rank else (1, 0, p[0]))


def event_properties(
    event: Event, site: Site, config: SiteConfig, revision: Revision | None = None, today: date | None = None,
) -> list[Prop]:
    """The VEVENT of ``event``, in icalendar's property order.

    ``revision`` (from the Git history) gives SEQUENCE, DTSTAMP and LAST-MODIFIED;
    without one, DTSTAMP is the fixed 2000-01-01 and SEQUENCE 0 (1 when cancelled).
    For a series this is its master VEVENT (RRULE, EXDATE); ``today`` decides which
    cancelled and moved dates its DESCRIPTION names (those not yet past; all without).
    """
    return _vevent(event, site, config, revision, event.start, event.end, today=today)


def occurrence_properties(event: Event, move: Move, site: Site, config: SiteConfig, revision: Revision | None = None) -> list[Prop]:
    """The VEVENT of a moved occurrence: same UID, RECURRENCE-ID = where the rule put it.

    RFC 5545 3.8.4.4: "The full range of calendar components specified by a recurrence
    set is referenced by referring to just the "UID" property value corresponding to
    the calendar component. The "RECURRENCE-ID" property allows the reference to an
    individual instance within the recurrence set." Its value type is DTSTART's
    (with the same TZID, or VALUE=DATE). It carries everything a reader shows, because
    the override replaces the instance as a whole.
    """
    return _vevent(event, site, config, revision, move.start, move.end, move=move)


def _vevent(
    event: Event, site: Site, config: SiteConfig, revision: Revision | None,
    start: date | datetime, end: date | datetime | None, today: date | None = None, move: Move | None = None,
) -> list[Prop]:
    page = config.absolute_url(event.url_path)
    title = event.title
    status = "CONFIRMED"
    sentence = ""
    if event.status == "cancelled":
        title, status, sentence = CANCELLED_PREFIX + title, "CANCELLED", CANCELLED_SENTENCE
    elif event.status == "postponed":
        title, status, sentence = POSTPONED_PREFIX + title, "TENTATIVE", POSTPONED_SENTENCE

    props: list[Prop] = [("SUMMARY", TEXT, title, ())]
    if event.all_day:
        last = end or start
        props.append(("DTSTART", DATE, start, ()))
        props.append(("DTEND", DATE, last + timedelta(days=1), ()))  # type: ignore[operator]
    else:
        props.append(("DTSTART", DATETIME, start, ()))
        props.append(("DTEND", DATETIME, end if end is not None else start, ()))
    props.append(("DTSTAMP", DATETIME, revision.modified if revision else STAMP, ()))
    props.append(("UID", TEXT, event.uid, ()))
    series_lines: list[str] = []
    if move is not None:
        props.append(("RECURRENCE-ID", DATE if event.all_day else DATETIME, _rule_moment(event, move.original), ()))
        series_lines.append(_moved_sentence(event, move))
    elif event.repeat is not None:
        props += _series_properties(event)
        series_lines += _series_lines(event, today)
    # A cancellation must win over the scheduled version a calendar already has.
    floor = 1 if event.status == "cancelled" else 0
    props.append(("SEQUENCE", INTEGER, max(revision.sequence if revision else 0, floor), ()))
    props.append(("STATUS", TEXT, status, ()))
    props.append(("URL", URI, page, ()))

    props.append(("LOCATION", TEXT, _location(event), ()))
    if event.format != "online" and event.venue is not None and event.venue.coordinates is not None:
        props.append(("GEO", GEO, event.venue.coordinates, ()))

    categories: list[str] = []
    for slug in event.programs:
        program = site.program_by_slug.get(slug)
        label = program.title if program else slug
        if label not in categories:
            categories.append(label)
    for tag in event.tags:
        if tag not in categories:
            categories.append(tag)
    if categories:
        props.append(("CATEGORIES", CATEGORIES, tuple(categories), ()))

    organizer = event.organizer
    address = organizer_address(event, config)
    if address is not None:
        props.append(("ORGANIZER", CAL_ADDRESS, address[1], (("CN", address[0]),)))

    lines = [sentence] if sentence else []
    lines += series_lines
    if event.summary:
        lines.append(event.summary)
    if organizer is not None:
        lines.append(f"Veranstalter: {organizer.name}")
    if event.registration:
        lines.append(f"Anmeldung: {event.registration}")
    if event.online_url:
        lines.append(f"Online-Teilnahme: {event.online_url}")
    lines.append(page)
    props.append(("DESCRIPTION", TEXT, "\n".join(lines), ()))

    if revision is not None:
        props.append(("LAST-MODIFIED", DATETIME, revision.modified, ()))
    return _canonical(props, _EVENT_ORDER)


def _rule_moment(event: Event, day: date) -> date | datetime:
    """The DTSTART the rule gives an occurrence on ``day`` (EXDATE, RECURRENCE-ID)."""
    if event.all_day:
        return day
    assert isinstance(event.start, datetime)
    return local_moment(day, event.start)


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
    props: list[Prop] = [("RRULE", RECUR, _recur_key(rrule(event)), ())]
    kind = DATE if event.all_day else DATETIME
    for day in series.cancelled:
        props.append(("EXDATE", kind, _rule_moment(event, day), ()))
    return props


def _recur_key(value: dict[str, Any]) -> tuple:
    """An RRULE as a hashable value (encoded lines are cached by property)."""
    return tuple((key, tuple(item) if isinstance(item, list) else item) for key, item in value.items())


def _recur_dict(key: tuple) -> dict[str, Any]:
    return {name: list(item) if isinstance(item, tuple) else item for name, item in key}


_LISTED_CHANGES = 10
"""At most this many cancelled and moved dates are named in a series' DESCRIPTION."""


def _when(start: date | datetime, end: date | datetime | None, all_day: bool) -> str:
    return german_dates.event_when(start, end, all_day)


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
    moved = [m for m in series.moved if today is None or max(m.original, _day(m.end or m.start)) >= today]
    for move in moved[:_LISTED_CHANGES]:
        lines.append(f"Verlegt: {german_dates.long_date(move.original)} → {_when(move.start, move.end, event.all_day)}.")
    if len(moved) > _LISTED_CHANGES:
        lines.append(f"Weitere {len(moved) - _LISTED_CHANGES} Termine sind verlegt.")
    return lines


def _moved_sentence(event: Event, move: Move) -> str:
    return f"Dieser Termin der Reihe ist verlegt: statt {german_dates.long_date(move.original)} am {_when(move.start, move.end, event.all_day)}."


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


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


def _location(event: Event) -> str:
    """Address; ``Online: <link>`` for online events; ``<address> / Online`` for hybrid ones."""
    if event.format == "online" or event.venue is None:
        return f"Online: {event.online_url}" if event.online_url else "Online"
    if event.format == "hybrid":
        return f"{event.venue.full_address} / Online"
    return event.venue.full_address


def calendar_properties(config: SiteConfig, name: str, page_url: str, source_url: str, description: str = "") -> list[Prop]:
    """The VCALENDAR's own properties (before its VTIMEZONEs and VEVENTs).

    ``description`` says how far a windowed feed reaches (RFC 7986 DESCRIPTION, and
    X-WR-CALDESC, which Apple and Google show).
    """
    props: list[Prop] = [
        ("VERSION", TEXT, "2.0", ()),
        ("PRODID", TEXT, PRODID, ()),
        ("CALSCALE", TEXT, "GREGORIAN", ()),
        ("METHOD", TEXT, "PUBLISH", ()),
        ("NAME", TEXT, name, ()),
        ("X-WR-CALNAME", TEXT, name, ()),
        ("X-WR-TIMEZONE", TEXT, config.timezone, ()),
        ("REFRESH-INTERVAL", DURATION, REFRESH, (("VALUE", "DURATION"),)),
        # icalendar writes a timedelta as 12:00:00 in an X- property: written as text.
        ("X-PUBLISHED-TTL", TEXT, REFRESH_TEXT, ()),
        ("URL", URI, page_url, ()),
        ("SOURCE", URI, source_url, ()),
    ]
    if description:
        props += [("DESCRIPTION", TEXT, description, ()), ("X-WR-CALDESC", TEXT, description, ())]
    return _canonical(props, _CALENDAR_ORDER)


# -- the encoder ------------------------------------------------------------------


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping (icalendar's, without its ``\\N`` → newline step)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded like icalendar 7 does it.

    Each physical line holds at most 74 octets after the leading space, is never cut
    inside a UTF-8 sequence, and a backslash or caret that would end a physical line
    moves to the next one (icalendar issue #1501: some readers choke on a split escape).
    """
    data = line.encode("utf-8")
    size = len(data)
    if size < 75:
        return data
    chunks = []
    start = 0
    while size - start > 74:
        end = start + 74
        while data[end] & 0xC0 == 0x80:
            end -= 1
        if end - start > 1 and data[end - 1] in (0x5C, 0x5E):
            end -= 1
        chunks.append(data[start:end])
        start = end
    chunks.append(data[start:])
    return b"\r\n ".join(chunks)


_TZID: dict[tzinfo, str] = {}


def _tzid(zone: tzinfo) -> str:
    """The TZID icalendar writes for ``zone``; ``UTC`` means "write ...Z"."""
    tzid = _TZID.get(zone)
    if tzid is None:
        tzid = tzid_from_tzinfo(zone) or ""
        _TZID[zone] = tzid
    return tzid


@lru_cache(maxsize=None)
def _parameters(params: tuple[tuple[str, str], ...]) -> str:
    return Parameters(dict(params)).to_ical().decode("utf-8") if params else ""


def _encode(prop: Prop) -> bytes:
    name, kind, value, params = prop
    if kind == TEXT:
        text = escape_text(value)
    elif kind == URI:
        text = value
    elif kind == DATETIME:
        tzid = _tzid(value.tzinfo)
        text = f"{value.year:04}{value.month:02}{value.day:02}T{value.hour:02}{value.minute:02}{value.second:02}"
        if tzid == "UTC":
            text += "Z"
        else:
            params = (("TZID", tzid),)
    elif kind == DATE:
        text = f"{value.year:04}{value.month:02}{value.day:02}"
        params = (("VALUE", "DATE"),)
    elif kind == INTEGER:
        text = str(value)
    elif kind == CATEGORIES:
        text = ",".join(escape_text(item) for item in value)
    elif kind == GEO:
        text = vGeo(value).to_ical()
    elif kind == DURATION:
        text = vDuration(value).to_ical().decode("ascii")
    elif kind == CAL_ADDRESS:
        text = value
    elif kind == RECUR:
        text = _recur_text(value)
    else:  # pragma: no cover - a programming error
        raise ValueError(f"unknown property kind {kind}")
    head = name
    if params:
        head = f"{name};{_parameters(params)}"
    return fold(f"{head}:{text}")


@lru_cache(maxsize=None)
def _recur_text(key: tuple) -> str:
    return vRecur(_recur_dict(key)).to_ical().decode("ascii")


def encode_component(component: str, props: Iterable[Prop]) -> bytes:
    """``BEGIN:<component>``, the properties, ``END:<component>``, each ending in CRLF."""
    lines = [b"BEGIN:" + component.encode("ascii")]
    lines += [_encode(p) for p in props]
    lines.append(b"END:" + component.encode("ascii"))
    return b"\r\n".join(lines) + b"\r\n"


# -- the same with icalendar objects (the reference the encoder must match) ----------


def _icalendar_value(prop: Prop) -> tuple[Any, dict[str, str] | None]:
    _name, kind, value, params = prop
    extra = dict(params) if params else None
    if kind == TEXT:
        return vText(value), extra
    if kind in (URI,):
        return vUri(value), extra
    if kind == CAL_ADDRESS:
        return vCalAddress(value), extra
    if kind == CATEGORIES:
        return list(value), extra
    if kind == RECUR:
        return vRecur(_recur_dict(value)), extra
    return value, extra  # date-time, date, integer, geo, duration: icalendar's own mapping


def _icalendar_component(component: icalendar.cal.component.Component, props: Iterable[Prop]):
    for prop in props:
        value, parameters = _icalendar_value(prop)
        component.add(prop[0], value, parameters=parameters)
    return component


def event_component(
    event: Event, site: Site, config: SiteConfig, revision: Revision | None = None, today: date | None = None,
) -> icalendar.Event:
    """``event`` as an icalendar ``Event`` (what the encoder writes, built the slow way)."""
    return _icalendar_component(icalendar.Event(), event_properties(event, site, config, revision, today))


def event_components(
    event: Event, site: Site, config: SiteConfig, revision: Revision | None = None, today: date | None = None,
) -> list[icalendar.Event]:
    """The VEVENTs of ``event``: itself, and for a series one per moved occurrence after it."""
    components = [event_component(event, site, config, revision, today)]
    for move in event.repeat.moved if event.repeat is not None else ():
        components.append(_icalendar_component(icalendar.Event(), occurrence_properties(event, move, site, config, revision)))
    return components


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
    def key(self) -> tuple:
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
    return datetime.fromtimestamp(timestamp, zone).utcoffset()  # type: ignore[return-value]


@lru_cache(maxsize=None)
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
                _Change(datetime.fromtimestamp(high, UTC), offset, new_offset, local.tzname() or "", (local.dst() or timedelta(0)) > timedelta(0))
            )
            offset = new_offset
        moment = following
    return tuple(changes)


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
        part = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
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
            recur: dict[str, Any] = {"FREQ": "YEARLY", "BYMONTH": change.local.month, "BYDAY": rule.forms[0]}
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
    return vtimezone_component(key, first_year, last_year).to_ical()


def _zones_of(events: Iterable[Event]) -> list[str]:
    """The TZIDs of the timed events (UTC needs no VTIMEZONE), sorted."""
    return sorted({_tzid(e.start.tzinfo) for e in events if not e.all_day} - {"UTC"})  # type: ignore[union-attr,arg-type]


def _zone_spans(events: Iterable[Event], horizon_end: date | None = None) -> list[tuple[str, int, int]]:
    """(TZID, first year, last year) for each zone the timed events use, by TZID.

    A series spans the years of all its occurrences; one without an end those up to
    ``horizon_end`` (today + ``repeat_horizon_days``), and the open last rule of the
    VTIMEZONE carries on after that.
    """
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        if event.all_day:
            continue
        tzid = _tzid(event.start.tzinfo)  # type: ignore[union-attr,arg-type]
        if tzid == "UTC":
            continue
        last_day = event.last_day
        if event.repeat is not None and event.repeat.last_day is None:
            moved = [_day(m.end or m.start) for m in event.repeat.moved]
            last_day = max([horizon_end or event.first_day, event.first_day, *moved])
        low, high = event.first_day.year - 1, last_day.year + 1
        if tzid in spans:
            old_low, old_high = spans[tzid]
            low, high = min(low, old_low), max(high, old_high)
        spans[tzid] = (low, high)
    return [(tzid, low, high) for tzid, (low, high) in sorted(spans.items())]


# -- feeds --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSpec:
    """One .ics file to write."""

    path: str
    name: str
    """NAME and X-WR-CALNAME."""

    page_url: str
    events: tuple[Event, ...]
    """For windowed feeds: the candidates before the window is applied."""

    windowed: bool = True


def feed_specs(site: Site, config: SiteConfig) -> list[FeedSpec]:
    """Every file, in the order of ``feed_paths``."""
    prefix = f"{config.site_name}: "
    specs = [FeedSpec(SITE_FEED_PATH, prefix + "Veranstaltungen", config.absolute_url(urls.EVENT_INDEX), site.events)]
    by_city: dict[str, list[Event]] = {c.slug: [] for c in site.cities}
    by_program: dict[str, list[Event]] = {p.slug: [] for p in site.programs}
    for event in site.events:
        if event.venue is not None:
            by_city.setdefault(event.venue.city.slug, []).append(event)
        for slug in event.programs:
            by_program.setdefault(slug, []).append(event)
    for city in site.cities:
        specs.append(
            FeedSpec(
                city_feed_path(city), f"{prefix}Veranstaltungen in {city.name}",
                config.absolute_url(urls.city_path(city.slug)), tuple(by_city[city.slug]),
            )
        )
    for program in site.programs:
        specs.append(
            FeedSpec(
                program_feed_path(program), f"{prefix}Veranstaltungen im Programm „{program.title}“",
                config.absolute_url(program.url_path), tuple(by_program[program.slug]),
            )
        )
    for event in site.events:
        specs.append(FeedSpec(event_ics_path(event), prefix + event.title, config.absolute_url(event.url_path), (event,), windowed=False))
    return specs


class _Writer:
    """Encodes each VEVENT once and joins feeds from the pieces."""

    def __init__(self, site: Site, config: SiteConfig, history: History | None = None, today: date | None = None):
        self.site = site
        self.config = config
        self.today = today
        self.revisions = history.revisions if history else {}
        self.events: dict[int, bytes] = {}
        self.lines: dict[Prop, bytes] = {}
        self.footer = b"END:VCALENDAR\r\n"
        self.spans = {span[0]: span for span in _zone_spans(site.events, _horizon_end(config, today))}
        self.zones = {tzid: vtimezone_bytes(*span) for tzid, span in self.spans.items()}
        """One VTIMEZONE per zone for the whole site, reused by every file."""

    def event(self, event: Event) -> bytes:
        """The VEVENT, and for a series its moved occurrences right after it (one unit in every feed)."""
        key = id(event)
        data = self.events.get(key)
        if data is None:
            revision = self.revisions.get(event.uid)
            data = encode_component("VEVENT", event_properties(event, self.site, self.config, revision, self.today))
            for move in event.repeat.moved if event.repeat is not None else ():
                data += encode_component("VEVENT", occurrence_properties(event, move, self.site, self.config, revision))
            self.events[key] = data
        return data

    def describe(self, reach: Reach | None) -> str:
        return reach.describe(self.config.absolute_url(urls.FEED_HELP)) if reach else ""

    def header(self, spec: FeedSpec, reach: Reach | None = None) -> bytes:
        """``BEGIN:VCALENDAR`` and the calendar's properties (most lines are the same in every file)."""
        lines = [b"BEGIN:VCALENDAR"]
        props = calendar_properties(self.config, spec.name, spec.page_url, self.config.absolute_url(spec.path), self.describe(reach))
        for prop in props:
            line = self.lines.get(prop)
            if line is None:
                line = self.lines[prop] = _encode(prop)
            lines.append(line)
        lines.append(b"")
        return b"\r\n".join(lines)

    def feed(self, spec: FeedSpec, events: tuple[Event, ...] | list[Event], reach: Reach | None = None) -> bytes:
        parts = [self.header(spec, reach)]
        parts += [self.zones[tzid] for tzid in _zones_of(events)]
        parts += [self.event(e) for e in events]
        parts.append(self.footer)
        return b"".join(parts)


def _in_window(events: Iterable[Event], cutoff: date) -> list[Event]:
    return [e for e in events if e.last_day >= cutoff]


@dataclass(frozen=True)
class Reach:
    """How far a windowed feed reaches, as its DESCRIPTION says."""

    first_end: date
    """The feed holds the events that end on this day or later."""

    last_start: date | None = None
    """... and start on this day or earlier (``None``: no limit)."""

    cut: bool = False
    """Whether events that belong in the window were left out to stay below the limit."""

    def describe(self, help_url: str) -> str:
        text = f"Veranstaltungen, die ab dem {self.first_end:%d.%m.%Y} enden"
        if self.last_start is not None:
            text += f" und bis zum {self.last_start:%d.%m.%Y} beginnen"
        text += "."
        if self.cut:
            text += f" Weitere Termine in den Kalendern der Städte und Programme: {help_url}"
        return text


Size = Callable[[list[Event], Reach], int]


def select_events(spec: FeedSpec, config: SiteConfig, today: date, size: Size) -> tuple[list[Event], Reach, str | None]:
    """The events of a windowed feed below ``config.feed_max_bytes``, how far they reach, and a warning.

    Google Calendar refuses feeds above 1 MB. The past shrinks first (the oldest events
    go first), then the far future (the latest starts go first): a subscriber keeps the
    next dates, and the city and program feeds have the rest.
    """
    past_days = min(max(config.feed_past_days, 0), (today - date.min).days)  # never cuts into upcoming events
    cutoff = today - timedelta(days=past_days)
    chosen = _in_window(spec.events, cutoff)
    reach = Reach(cutoff)
    full_size = size(chosen, reach)
    limit = config.feed_max_bytes
    if full_size <= limit:
        return chosen, reach, None
    # Candidate cutoffs: the days after each day on which past events ended, oldest first.
    ended = sorted({e.last_day for e in chosen if e.last_day < today})
    cutoffs = [day + timedelta(days=1) for day in ended]  # cutoffs[-1] keeps only upcoming events
    best = _largest(len(cutoffs), lambda i: size(_in_window(chosen, cutoffs[-1 - i]), Reach(cutoffs[-1 - i], cut=True)) <= limit)
    first = cutoffs[-1 - best] if cutoffs and best >= 0 else (cutoffs[-1] if cutoffs else cutoff)
    shrunk = _in_window(chosen, first)
    dropped = len(chosen) - len(shrunk)
    if size(shrunk, Reach(first, cut=True)) <= limit:
        warning = (
            f"{spec.path}: Der Kalender-Feed wäre mit {_number(full_size)} Bytes größer als die Grenze von {_number(limit)} Bytes; "
            f"er enthält deshalb nur Veranstaltungen, die ab dem {first:%d.%m.%Y} enden "
            f"(statt ab dem {cutoff:%d.%m.%Y}): {dropped} vergangene Veranstaltungen weggelassen."
        )
        return shrunk, Reach(first, cut=True), warning
    # Only upcoming events left, and still too large: keep the soonest (whole days where possible).
    count = _largest(len(shrunk) + 1, lambda n: size(shrunk[:n], _future_reach(first, shrunk[:n])) <= limit)
    kept = shrunk[:max(count, 0)]
    whole_days = [e for e in kept if kept and e.first_day < kept[-1].first_day]
    if whole_days and len(kept) < len(shrunk) and shrunk[len(kept)].first_day == kept[-1].first_day:
        kept = whole_days
    reach = _future_reach(first, kept)
    warning = (
        f"{spec.path}: Der Kalender-Feed wäre mit {_number(full_size)} Bytes größer als die Grenze von {_number(limit)} Bytes "
        f"(Google Kalender liest ihn dann nicht); er enthält deshalb nur kommende Veranstaltungen, die bis zum "
        f"{reach.last_start or first:%d.%m.%Y} beginnen: {dropped} vergangene und {len(shrunk) - len(kept)} spätere weggelassen."
    )
    return kept, reach, warning


def _future_reach(first: date, kept: list[Event]) -> Reach:
    return Reach(first, kept[-1].first_day if kept else first, cut=True)


def _largest(count: int, fits: Callable[[int], bool]) -> int:
    """The largest ``i`` in ``range(count)`` with ``fits(i)``, for a monotone ``fits``; -1 if none."""
    low, high, best = 0, count - 1, -1
    while low <= high:
        middle = (low + high) // 2
        if fits(middle):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _horizon_end(config: SiteConfig, today: date | None) -> date | None:
    if today is None:
        return None
    return min(today + timedelta(days=horizon_days(config)), OPEN_END)


def render_feeds(site: Site, config: SiteConfig, today: date, history: History | None = None) -> tuple[dict[str, bytes], list[str]]:
    """All feeds: path (relative to site root, forward slashes) -> .ics bytes, plus German warnings (e.g. window shrunk)."""
    writer = _Writer(site, config, history, today)
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for spec in feed_specs(site, config):
        if not spec.windowed:
            files[spec.path] = writer.feed(spec, spec.events)
            continue
        cache: dict[tuple[int, Reach], bytes] = {}

        def size(events: list[Event], reach: Reach, spec: FeedSpec = spec, cache: dict[tuple[int, Reach], bytes] = cache) -> int:
            data = writer.feed(spec, events, reach)
            cache[(len(events), reach)] = data
            return len(data)

        events, reach, warning = select_events(spec, config, today, size)
        files[spec.path] = cache.get((len(events), reach)) or writer.feed(spec, events, reach)
        if warning:
            warnings.append(warning)
    return files, warnings


def reference_feeds(site: Site, config: SiteConfig, today: date, history: History | None = None) -> dict[str, bytes]:
    """The same files built entirely as icalendar objects and serialized by ``to_ical()``.

    Slow (about 0.3 ms per event and file); for tests and benchmarks, which require it to
    equal ``render_feeds`` byte for byte.
    """
    writer = _Writer(site, config, history, today)
    revisions = history.revisions if history else {}
    files: dict[str, bytes] = {}
    components: dict[int, list[icalendar.Event]] = {}
    for spec in feed_specs(site, config):
        events: list[Event] | tuple[Event, ...] = spec.events
        reach: Reach | None = None
        if spec.windowed:
            events, reach, _warning = select_events(
                spec, config, today, lambda chosen, r, spec=spec: len(writer.feed(spec, chosen, r))
            )
        cal = _icalendar_component(
            icalendar.Calendar(),
            calendar_properties(config, spec.name, spec.page_url, config.absolute_url(spec.path), writer.describe(reach)),
        )
        for tzid in _zones_of(events):
            cal.add_component(vtimezone_component(*writer.spans[tzid]))
        for event in events:
            if id(event) not in components:
                components[id(event)] = event_components(event, site, config, revisions.get(event.uid), today)
            for component in components[id(event)]:
                cal.add_component(component)
        files[spec.path] = cal.to_ical()
    return files


__all__ = [
    "render_feeds",
    "reference_feeds",
    "event_ics_path",
    "city_feed_path",
    "program_feed_path",
    "feed_paths",
    "feed_specs",
    "event_component",
    "event_components",
    "occurrence_properties",
    "vtimezone_component",
    "SITE_FEED_PATH",
]
