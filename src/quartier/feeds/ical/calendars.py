"""iCalendar output: the subscription feeds and one download per event.

Files (paths relative to the site root)::

    kalender.ics                          all events in the feed window
    staedte/<city>/kalender.ics           events at a venue in that city (every city, even if empty)
    programme/<program>/kalender.ics      events of that program (every program)

A file without events carries the VTIMEZONE of the site's zone: RFC 5545 wants at least
one component in a calendar (``_Writer.zones_for`` says why the file is kept).
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
    (``rrule.rrule``: UNTIL is the end of the last local day of the series, in UTC
    when DTSTART has a TZID -- RFC 5545 3.3.10: "If the "DTSTART" property is specified
    as a date with UTC time or a date with local time and time zone reference, then
    the UNTIL rule part MUST be specified as a date with UTC time" -- and a DATE for
    all-day series; at the end of the day, readers that compare it with local wall
    time keep the last date). A date whose occurrence spans a change of the zone's
    offset (a night from 22:00 to 03:30 in the night clocks change) gets an override
    with its own DTEND (``components.clock_change_properties``), from the feed window's
    start to the horizon. Each cancelled date is one EXDATE of DTSTART's form (TZID, or
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

The encoder is in ``encoder.py``, the time zones in ``vtimezone.py``, each VEVENT's
properties in ``components.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from quartier import paths
from quartier.config import SiteConfig
from quartier.content.history import History, Revision
from quartier.content.model import OPEN_END, City, Event, Program, Site
from quartier.content.recurrence import horizon_days
from quartier.feeds.ical.components import STAMP, calendar_properties, vevents
from quartier.feeds.ical.encoder import Prop, encode_component, encode_property
from quartier.feeds.ical.vtimezone import vtimezone_bytes, zone_spans, zones_of

SITE_FEED_PATH = paths.SITE_FEED

# -- paths ---------------------------------------------------------------------


def event_ics_path(event: Event) -> str:
    """``veranstaltungen/<slug>/<slug>.ics``: the single-event download."""
    return paths.event_feed(event.slug)


def city_feed_path(city: City) -> str:
    return paths.city_feed(city.slug)


def program_feed_path(program: Program) -> str:
    return paths.program_feed(program.slug)


def feed_paths(site: Site) -> list[str]:
    """Every .ics file ``render_feeds`` writes, in the order it writes them."""
    paths = [SITE_FEED_PATH]
    paths += [city_feed_path(c) for c in site.cities]
    paths += [program_feed_path(p) for p in site.programs]
    paths += [event_ics_path(e) for e in site.events]
    return paths


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
    specs = [FeedSpec(SITE_FEED_PATH, prefix + "Veranstaltungen", config.absolute_url(paths.EVENT_INDEX), site.events)]
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
                city_feed_path(city),
                f"{prefix}Veranstaltungen in {city.name}",
                config.absolute_url(paths.city_path(city.slug)),
                tuple(by_city[city.slug]),
            )
        )
    for program in site.programs:
        specs.append(
            FeedSpec(
                program_feed_path(program),
                f"{prefix}Veranstaltungen im Programm „{program.title}“",
                config.absolute_url(program.url_path),
                tuple(by_program[program.slug]),
            )
        )
    for event in site.events:
        specs.append(
            FeedSpec(
                event_ics_path(event),
                prefix + event.title,
                config.absolute_url(event.url_path),
                (event,),
                windowed=False,
            )
        )
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
        self.spans = {span[0]: span for span in zone_spans(site.events, _horizon_end(config, today))}
        self.zones = {tzid: vtimezone_bytes(*span) for tzid, span in self.spans.items()}
        """One VTIMEZONE per zone for the whole site, reused by every file."""

    def event(self, event: Event) -> bytes:
        """The VEVENT, and for a series its overrides right after it (one unit in every feed)."""
        key = id(event)
        data = self.events.get(key)
        if data is None:
            units = event_vevents(event, self.site, self.config, self.revisions.get(event.uid), self.today)
            data = b"".join(encode_component("VEVENT", props) for props in units)
            self.events[key] = data
        return data

    def zones_for(self, events: tuple[Event, ...] | list[Event]) -> list[str]:
        """The VTIMEZONEs a file carries: its events' zones, or the site's for a file without events.

        RFC 5545 3.4 and 3.6: "icalbody = calprops component" and "component =
        1*(eventc / todoc / journalc / freebusyc / timezonec / iana-comp / x-comp)": a
        calendar needs at least one component (sabre/vobject, Nextcloud's reader, refuses
        one without). A city or program whose events have all left the window keeps its
        feed, with the VTIMEZONE of the site's zone, rather than losing it: a subscription
        is an address in someone's calendar, and a feed that answered 404 once its last
        event passed would be flagged or dropped by their calendar, and one subscribed to
        before a first event could not exist.
        """
        zones = zones_of(events)
        if zones or events:
            return zones
        if self.config.timezone not in self.zones:
            year = (self.today or STAMP.date()).year
            self.spans[self.config.timezone] = (self.config.timezone, year - 1, year + 1)
            self.zones[self.config.timezone] = vtimezone_bytes(self.config.timezone, year - 1, year + 1)
        return [self.config.timezone]

    def describe(self, reach: Reach | None) -> str:
        return reach.describe(self.config.absolute_url(paths.FEED_HELP)) if reach else ""

    def header(self, spec: FeedSpec, reach: Reach | None = None) -> bytes:
        """``BEGIN:VCALENDAR`` and the calendar's properties (most lines are the same in every file)."""
        lines = [b"BEGIN:VCALENDAR"]
        props = calendar_properties(
            self.config, spec.name, spec.page_url, self.config.absolute_url(spec.path), self.describe(reach)
        )
        for prop in props:
            line = self.lines.get(prop)
            if line is None:
                line = self.lines[prop] = encode_property(prop)
            lines.append(line)
        lines.append(b"")
        return b"\r\n".join(lines)

    def feed(self, spec: FeedSpec, events: tuple[Event, ...] | list[Event], reach: Reach | None = None) -> bytes:
        parts = [self.header(spec, reach)]
        parts += [self.zones[tzid] for tzid in self.zones_for(events)]
        parts += [self.event(e) for e in events]
        parts.append(self.footer)
        return b"".join(parts)


def event_vevents(
    event: Event, site: Site, config: SiteConfig, revision: Revision | None, today: date | None
) -> list[list[Prop]]:
    """The VEVENTs of ``event`` as every file carries them (the writer and the tests' oracle).

    A series' clock-change overrides are written for the days from the feed window's
    start to the horizon (today + ``repeat_horizon_days``), the days a subscriber's
    calendar shows; the daily rebuild adds the next ones as the horizon moves.
    """
    if today is None:
        return vevents(event, site, config, revision, today)
    since = max(event.first_day, today - timedelta(days=min(max(config.feed_past_days, 0), (today - date.min).days)))
    until = min(event.last_day, _horizon_end(config, today) or event.last_day)
    return vevents(event, site, config, revision, today, (since, until))


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
    best = _largest(
        len(cutoffs), lambda i: size(_in_window(chosen, cutoffs[-1 - i]), Reach(cutoffs[-1 - i], cut=True)) <= limit
    )
    first = cutoffs[-1 - best] if cutoffs and best >= 0 else (cutoffs[-1] if cutoffs else cutoff)
    shrunk = _in_window(chosen, first)
    dropped = len(chosen) - len(shrunk)
    if size(shrunk, Reach(first, cut=True)) <= limit:
        warning = (
            f"{spec.path}: Der Kalender-Feed wäre mit {_number(full_size)} "
            f"Bytes größer als die Grenze von {_number(limit)} Bytes; "
            f"er enthält deshalb nur Veranstaltungen, die ab dem {first:%d.%m.%Y} enden "
            f"(statt ab dem {cutoff:%d.%m.%Y}): {dropped} vergangene Veranstaltungen weggelassen."
        )
        return shrunk, Reach(first, cut=True), warning
    # Only upcoming events left, and still too large: keep the soonest (whole days where possible).
    count = _largest(len(shrunk) + 1, lambda n: size(shrunk[:n], _future_reach(first, shrunk[:n])) <= limit)
    kept = shrunk[: max(count, 0)]
    whole_days = [e for e in kept if kept and e.first_day < kept[-1].first_day]
    if whole_days and len(kept) < len(shrunk) and shrunk[len(kept)].first_day == kept[-1].first_day:
        kept = whole_days
    reach = _future_reach(first, kept)
    warning = (
        f"{spec.path}: Der Kalender-Feed wäre mit {_number(full_size)} "
        f"Bytes größer als die Grenze von {_number(limit)} Bytes "
        f"(Google Kalender liest ihn dann nicht); er enthält deshalb nur kommende Veranstaltungen, die bis zum "
        f"{reach.last_start or first:%d.%m.%Y} beginnen: {dropped} "
        f"vergangene und {len(shrunk) - len(kept)} spätere weggelassen."
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


def render_feeds(
    site: Site, config: SiteConfig, today: date, history: History | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """All feeds: path (relative to site root, forward slashes) -> .ics bytes, plus German
    warnings (e.g. window shrunk)."""
    writer = _Writer(site, config, history, today)
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for spec in feed_specs(site, config):
        if not spec.windowed:
            files[spec.path] = writer.feed(spec, spec.events)
            continue
        cache: dict[tuple[int, Reach], bytes] = {}

        def size(
            events: list[Event], reach: Reach, spec: FeedSpec = spec, cache: dict[tuple[int, Reach], bytes] = cache
        ) -> int:
            data = writer.feed(spec, events, reach)
            cache[(len(events), reach)] = data
            return len(data)

        events, reach, warning = select_events(spec, config, today, size)
        files[spec.path] = cache.get((len(events), reach)) or writer.feed(spec, events, reach)
        if warning:
            warnings.append(warning)
    return files, warnings
