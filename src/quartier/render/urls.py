"""Links to other services: calendar subscriptions, "add to calendar", OpenStreetMap.

Every link to another service is built here. The site's own paths are in ``quartier.paths``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from quartier.content.model import Event
from quartier.content.when import AllDay, Timed, When
from quartier.feeds.ical.rrule import rrule_text


def webcal(absolute_https: str) -> str:
    return "webcal://" + absolute_https.split("://", 1)[1]


def google_subscribe(absolute_https: str) -> str:
    # Google takes webcal:// links in cid; https links are fetched only once there.
    return "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal(absolute_https)})


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_template(title: str, when: When, details: str, location: str) -> str:
    """Google Calendar "add event" link (all-day ends are exclusive, like iCalendar)."""
    if isinstance(when, Timed):
        dates = f"{_utc_stamp(when.start)}/{_utc_stamp(when.end_exclusive)}"
    else:
        dates = f"{when.start:%Y%m%d}/{when.end_exclusive:%Y%m%d}"
    return "https://calendar.google.com/calendar/render?" + urlencode(
        {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": location}, quote_via=quote
    )


def google_calendar_link(event: Event, title: str, details: str, location: str) -> str:
    """Google Calendar's "add event" link for an event; for a series the first occurrence
    with ``recur=RRULE:…`` (the feeds' spelling) in the event's own zone (``ctz``), so
    that 18:00 stays 18:00 in summer and winter. Cancelled and moved dates cannot be
    passed this way; the page points to the .ics download for those.
    """
    when = event.when
    if event.repeat is None:
        return google_template(title, when, details, location)
    if isinstance(when, AllDay):
        dates = f"{when.start:%Y%m%d}/{when.end_exclusive:%Y%m%d}"
    else:
        dates = f"{when.start:%Y%m%dT%H%M%S}/{when.end_exclusive:%Y%m%dT%H%M%S}"
    params = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": location}
    params["recur"] = "RRULE:" + rrule_text(event)
    if not event.all_day:
        params["ctz"] = event.timezone
    return "https://calendar.google.com/calendar/render?" + urlencode(params, quote_via=quote)


def outlook_template(title: str, when: When, details: str, location: str) -> str:
    """Outlook on the web "new event" link."""
    all_day = when.all_day
    if isinstance(when, Timed):
        start_text = when.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        end_text = when.end_exclusive.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        start_text, end_text = when.start.isoformat(), when.end_exclusive.isoformat()
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(
        {
            "subject": title,
            "startdt": start_text,
            "enddt": end_text,
            "allday": "true" if all_day else "false",
            "body": details,
            "location": location,
            "path": "/calendar/action/compose",
            "rru": "addevent",
        },
        quote_via=quote,
    )


def osm_link(lat: float | None, lon: float | None, query: str) -> str:
    """A plain OpenStreetMap link: nothing is loaded until the visitor follows it."""
    if lat is not None and lon is not None:
        return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"
    return "https://www.openstreetmap.org/search?" + urlencode({"query": query}, quote_via=quote)
