"""Site paths and the links between pages.

Links in generated HTML are relative, so that the site works under any base path
(a GitHub Pages project site, a preview artifact opened from disk).
"""

from __future__ import annotations

import posixpath
from datetime import datetime, timezone
from urllib.parse import quote, urlencode

from quartier.content.when import Timed, When

CITY_INDEX = "staedte/"
EVENT_INDEX = "veranstaltungen/"
EVENT_ARCHIVE = "veranstaltungen/archiv/"
ONLINE_EVENTS = "veranstaltungen/online/"
PROJECT_INDEX = "projekte/"
PROGRAM_INDEX = "programme/"
NEWS_INDEX = "aktuelles/"
SEARCH_PAGE = "suche/"
SEARCH_SCRIPT = "assets/javascripts/quartier-suche.js"
"""The search page's script: a theme asset (overrides/), loaded by that page alone."""
SITE_FEED = "kalender.ics"
FEED_HELP = "kalender-abonnieren/"
NEWS_RSS = "aktuelles/feed.xml"
NEWS_JSON_FEED = "aktuelles/feed.json"

RESERVED_SLUGS: dict[str, frozenset[str]] = {
    "events": frozenset({"index", "archiv", "online"}),
    "projects": frozenset({"index"}),
    "programs": frozenset({"index"}),
    "posts": frozenset({"index", "seite", "archiv", "kategorie", "bilder", "feed"}),
}
"""File names that would collide with a listing in the same folder (content type → names)."""


def city_path(slug: str) -> str:
    return f"staedte/{slug}/"


def city_feed(slug: str) -> str:
    return f"staedte/{slug}/kalender.ics"


def program_feed(slug: str) -> str:
    return f"programme/{slug}/kalender.ics"


def event_feed(slug: str) -> str:
    return f"veranstaltungen/{slug}/{slug}.ics"


def news_page(number: int) -> str:
    """Page ``number`` of the news index (1 is the index itself), as the blog had it."""
    return NEWS_INDEX if number == 1 else f"aktuelles/seite/{number}/"


def news_year(year: int) -> str:
    return f"aktuelles/archiv/{year}/"


def news_category(slug: str) -> str:
    return f"aktuelles/kategorie/{slug}/"


def page_source(url_path: str) -> str:
    """``veranstaltungen/x/`` → ``veranstaltungen/x.md``; ``staedte/`` → ``staedte/index.md``."""
    if url_path in ("", "/"):
        return "index.md"
    stripped = url_path.strip("/")
    parent, _, name = stripped.rpartition("/")
    if url_path in (CITY_INDEX, EVENT_INDEX, PROJECT_INDEX, PROGRAM_INDEX, NEWS_INDEX):
        return f"{stripped}/index.md"
    return f"{parent}/{name}.md" if parent else f"{name}.md"


def relative(from_url: str, to_path: str) -> str:
    """Link from the page at ``from_url`` (a directory URL) to ``to_path`` (site-relative)."""
    base = from_url.strip("/") or "."
    target = to_path.strip("/") or "."
    link = posixpath.relpath(target, base)
    if to_path.endswith("/") and link != ".":
        link += "/"
    return "./" if link == "." else link


def webcal(absolute_https: str) -> str:
    return "webcal://" + absolute_https.split("://", 1)[1]


def google_subscribe(absolute_https: str) -> str:
    # Google takes webcal:// links in cid; https links are fetched only once there.
    return "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal(absolute_https)})


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def google_template(title: str, when: When, details: str, location: str) -> str:
    """Google Calendar "add event" link (all-day ends are exclusive, like iCalendar)."""
    if isinstance(when, Timed):
        dates = f"{_utc_stamp(when.start)}/{_utc_stamp(when.end_exclusive)}"
    else:
        dates = f"{when.start:%Y%m%d}/{when.end_exclusive:%Y%m%d}"
    return "https://calendar.google.com/calendar/render?" + urlencode(
        {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": location}, quote_via=quote
    )


def outlook_template(title: str, when: When, details: str, location: str) -> str:
    """Outlook on the web "new event" link."""
    all_day = when.all_day
    if isinstance(when, Timed):
        start_text = when.start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        end_text = when.end_exclusive.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
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
