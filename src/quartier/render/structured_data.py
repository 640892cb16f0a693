"""schema.org structured data (JSON-LD) for event pages.

``event_json_ld`` builds the ``Event`` object search engines read (Google's event
guidelines: name, startDate, location; recommended endDate, eventStatus,
eventAttendanceMode, description, organizer). ``to_script_json`` turns it into text
that can stand between ``<script type="application/ld+json">`` and ``</script>``:
``<``, ``>`` and ``&`` are written as JSON escapes, so a title holding ``</script>``
stays inside the string.

Series (``repeat``): one ``Event`` per upcoming occurrence, each with its own
``startDate`` (``page_json_ld`` returns them as a list, which JSON-LD allows at the top
level of a script). Google's event documentation lists no ``eventSchedule`` among the
properties it reads and says "If there are several different performances across
different days, each with individual tickets, add a separate Event element for each
performance"; schema.org's ``Schedule`` would tell other consumers the rule, but
nothing Google shows. Each occurrence's ``url`` is the series page with the
occurrence's fragment (``#termin-2027-04-06``, see ``recurrence.occurrence_anchor``),
because Google wants one URL per event. A moved occurrence is
``EventRescheduled`` with ``previousStartDate`` (the rule's date), as Google documents
for rescheduled events; a cancelled one ``EventCancelled``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from quartier.config import SiteConfig
from quartier.content.model import Event, Occurrence, Site, Venue
from quartier.content.recurrence import DEFAULT_HORIZON_DAYS, occurrence_anchor, occurrences, upcoming_occurrences
from quartier.content.when import When
from quartier.text.json_types import Json, JsonObject

SCHEMA = "https://schema.org/"

EVENT_STATUS = {
    "scheduled": SCHEMA + "EventScheduled",
    "cancelled": SCHEMA + "EventCancelled",
    "postponed": SCHEMA + "EventPostponed",
    "moved": SCHEMA + "EventRescheduled",
}

MAX_OCCURRENCES = 50
"""At most this many occurrences of a series in a page's JSON-LD (the page is rebuilt
daily, so the next ones follow; a daily series would otherwise add 365 objects)."""

ATTENDANCE_MODE = {
    "in-person": SCHEMA + "OfflineEventAttendanceMode",
    "online": SCHEMA + "OnlineEventAttendanceMode",
    "hybrid": SCHEMA + "MixedEventAttendanceMode",
}

COUNTRY = "DE"
"""The content contract has no country: every city in ``content/cities.yml`` is German."""


def _moment(value: date | datetime) -> str:
    """A date alone for all-day events; otherwise local time with its UTC offset."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def postal_address(venue: Venue) -> JsonObject:
    """``Luckenwalder Straße 4–6, 10963`` → street and postcode (the contract's address form)."""
    address: JsonObject = {"@type": "PostalAddress"}
    street, postcode = venue.street_and_postcode
    if street:
        address["streetAddress"] = street
    if postcode:
        address["postalCode"] = postcode
    address["addressLocality"] = venue.city.name
    if venue.city.state:
        address["addressRegion"] = venue.city.state
    address["addressCountry"] = COUNTRY
    return address


def _place(venue: Venue) -> JsonObject:
    place: JsonObject = {"@type": "Place", "name": venue.name, "address": postal_address(venue)}
    if venue.coordinates is not None:
        lat, lon = venue.coordinates
        place["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
    return place


def _virtual_location(event: Event, page_url: str) -> JsonObject:
    # VirtualLocation needs a url; without an online_url the access comes through the
    # registration or the organizer, which the event page explains.
    return {"@type": "VirtualLocation", "url": event.online_url or event.registration or page_url}


def event_json_ld(
    event: Event, site: Site, config: SiteConfig, previous_starts: Sequence[date | datetime] = ()
) -> JsonObject:
    """The schema.org ``Event`` for one event page.

    ``site`` is the whole validated site (for references between items); only the event
    and the site URL go into the object today; ``image`` is the event's picture
    (``_with_image``). ``previous_starts`` (from Git, ``Revision.previous_starts``)
    make a scheduled event ``EventRescheduled`` with a ``previousStartDate`` for each:
    schema.org, EventRescheduled: "The event's previousStartDate should be set to the old
    date and the startDate should be set to the event's new date. (If the event has been
    rescheduled multiple times, the previousStartDate property may be repeated.)" A
    cancelled or postponed event keeps its status (a postponed one has no new date).
    """
    data = event_data(event, event.when, event.status, config.absolute_url(event.url_path))
    if previous_starts and event.status == "scheduled":
        data["eventStatus"] = EVENT_STATUS["moved"]
        moments = [_moment(moment) for moment in previous_starts]
        data["previousStartDate"] = moments[0] if len(moments) == 1 else moments
    return _with_image(data, event, config)


def _with_image(data: JsonObject, event: Event, config: SiteConfig) -> JsonObject:
    """``image``: the event's picture, its largest JPEG/PNG (or its SVG), as Google's event
    guidelines recommend (an image of at least 1,200 px where the original has them)."""
    if event.picture is not None:
        data["image"] = [config.absolute_url(event.picture.largest.path)]
    return data


def occurrence_json_ld(item: Occurrence, site: Site, config: SiteConfig) -> JsonObject:
    """The schema.org ``Event`` for one occurrence of a series."""
    page_url = config.absolute_url(item.url_path)
    data = event_data(item.event, item.when, item.status, page_url, f"{page_url}#{occurrence_anchor(item)}")
    if item.status == "moved":
        data["previousStartDate"] = _moment(item.original_start)
    return _with_image(data, item.event, config)


def series_json_ld(
    event: Event, site: Site, config: SiteConfig, today: date, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> list[JsonObject]:
    """One ``Event`` per occurrence from ``today`` within the horizon (at most
    ``MAX_OCCURRENCES``); for a series that is over, its last occurrence."""
    items = upcoming_occurrences(event, today, horizon_days, MAX_OCCURRENCES)
    if not items:
        last = event.last_day
        items = occurrences(event, last - timedelta(days=366), last)[-1:]
    return [occurrence_json_ld(item, site, config) for item in items]


def page_json_ld(
    event: Event,
    site: Site,
    config: SiteConfig,
    today: date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    previous_starts: Sequence[date | datetime] = (),
) -> JsonObject | list[JsonObject]:
    """What an event page carries: ``event_json_ld`` for a single event, ``series_json_ld`` for a series."""
    if event.repeat is None:
        return event_json_ld(event, site, config, previous_starts)
    return series_json_ld(event, site, config, today, horizon_days)


def event_data(event: Event, when: When, status: str, page_url: str, url: str | None = None) -> JsonObject:
    data: JsonObject = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _moment(when.start),
    }
    if when.end is not None:
        data["endDate"] = _moment(when.end)  # all day: the last day, inclusive
    data["eventStatus"] = EVENT_STATUS[status]
    data["eventAttendanceMode"] = ATTENDANCE_MODE[event.format]
    locations: list[JsonObject] = []
    if event.venue is not None and event.format != "online":
        locations.append(_place(event.venue))
    if event.format != "in-person":
        locations.append(_virtual_location(event, page_url))
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["description"] = event.summary or event.title
    if event.organizer is not None:
        organizer: JsonObject = {"@type": "Organization", "name": event.organizer.name}
        if event.organizer.url:
            organizer["url"] = event.organizer.url
        data["organizer"] = organizer
    data["url"] = url or page_url
    if event.tags:
        data["keywords"] = ", ".join(event.tags)
    data["inLanguage"] = "de"
    return data


_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def to_script_json(data: Json) -> str:
    """JSON for a ``<script>`` element: no ``<``, ``>`` or ``&`` appears literally.

    These characters can only occur inside JSON strings, where ``\\u003c`` means the
    same to a JSON parser; the HTML parser never sees ``</script>`` or ``<!--``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)
