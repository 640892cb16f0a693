"""Every site path in one place: pages, listings, feeds, and the links between them.

German URLs are part of the product (editors and visitors read them), so each is
spelled once here; the model, the renderers, the feeds, the redirects and the change
report all ask. Links in generated HTML are relative, so that the site works under any
base path (a GitHub Pages project site, a preview artifact opened from disk). This
module imports nothing else of the engine.
"""

from __future__ import annotations

import posixpath

CITY_INDEX = "staedte/"
EVENT_INDEX = "veranstaltungen/"
EVENT_ARCHIVE = "veranstaltungen/archiv/"
ONLINE_EVENTS = "veranstaltungen/online/"
EVENT_CALENDAR = "veranstaltungen/kalender/"
"""The folder of the month pages (``month_path``); reserved as an event's file name."""
EVENTS_TODAY = "veranstaltungen/heute/"
EVENTS_THIS_WEEK = "veranstaltungen/diese-woche/"
EVENTS_WEEKEND = "veranstaltungen/wochenende/"
EVENTS_NEXT_30_DAYS = "veranstaltungen/naechste-30-tage/"
"""The quick filters by time: a page each, as of the build day (``render/filters.py``)."""
EVENTS_IN_PERSON = "veranstaltungen/vor-ort/"
EVENTS_HYBRID = "veranstaltungen/hybrid/"
"""The quick filters by format; online events have ``ONLINE_EVENTS``."""
FILTER_PAGES = (EVENTS_TODAY, EVENTS_THIS_WEEK, EVENTS_WEEKEND, EVENTS_NEXT_30_DAYS, EVENTS_IN_PERSON, EVENTS_HYBRID)
"""The quick filters' own pages below the events index; their names are reserved for events."""
FILTER_SCRIPT = "assets/javascripts/quartier-filter.js"
"""The events index's quick filters in place: a theme asset (overrides/), loaded by that page alone."""
PROJECT_INDEX = "projekte/"
PROGRAM_INDEX = "programme/"
NEWS_INDEX = "aktuelles/"
MAP_PAGE = "karte/"
"""The map of the cities with upcoming events or projects (``render/map.py``)."""
MAP_SCRIPT = "assets/javascripts/quartier-karte.js"
"""The optional tile map of ``MAP_PAGE``: a theme asset, loaded by that page alone, and only
when the site turns tiles on."""
SEARCH_PAGE = "suche/"
SEARCH_SCRIPT = "assets/javascripts/quartier-suche.js"
"""The search page's script: a theme asset (overrides/), loaded by that page alone."""
SITE_FEED = "kalender.ics"
FEED_HELP = "kalender-abonnieren/"
NEWS_RSS = "aktuelles/feed.xml"
NEWS_JSON_FEED = "aktuelles/feed.json"

OPEN_DATA = "daten/"
"""The open data: a page that explains the files, and the files below it."""
OPEN_DATA_EVENTS_CSV = "daten/veranstaltungen.csv"
OPEN_DATA_EVENTS_JSONLD = "daten/veranstaltungen.jsonld"
OPEN_DATA_PROJECTS_CSV = "daten/projekte.csv"
OPEN_DATA_PROGRAMS_CSV = "daten/programme.csv"
OPEN_DATA_CATALOG = "daten/katalog.jsonld"
"""The DCAT-AP.de catalog of the three datasets: what GovData and the Länder portals harvest."""

RESERVED_SLUGS: dict[str, frozenset[str]] = {
    "events": frozenset(
        {"index", "archiv", "online", "kalender", "bilder", *(p.strip("/").rsplit("/", 1)[1] for p in FILTER_PAGES)}
    ),
    "projects": frozenset({"index", "bilder"}),
    "programs": frozenset({"index", "bilder"}),
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


def month_path(year: int, month: int) -> str:
    """The month view: ``veranstaltungen/kalender/2027/05/``."""
    return f"{EVENT_CALENDAR}{year:04d}/{month:02d}/"


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
    if url_path in (CITY_INDEX, EVENT_INDEX, PROJECT_INDEX, PROGRAM_INDEX, NEWS_INDEX, MAP_PAGE):
        return f"{stripped}/index.md"
    return f"{parent}/{name}.md" if parent else f"{name}.md"


def relative(from_url: str, to_path: str) -> str:
    """Link from the page at ``from_url`` (a directory URL) to ``to_path`` (site-relative)."""
    # Pure string work: posixpath.relpath asks the operating system for the working
    # directory twice per call, and a build makes some 40,000 of these links.
    base = [part for part in posixpath.normpath(from_url.strip("/") or ".").split("/") if part != "."]
    target = [part for part in posixpath.normpath(to_path.strip("/") or ".").split("/") if part != "."]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    link = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if to_path.endswith("/") and link != ".":
        link += "/"
    return "./" if link == "." else link


def event_path(slug: str) -> str:
    return f"veranstaltungen/{slug}/"


def project_path(slug: str) -> str:
    return f"projekte/{slug}/"


def program_path(slug: str) -> str:
    return f"programme/{slug}/"


def post_path(slug: str) -> str:
    return f"aktuelles/{slug}/"


def news_file(name: str) -> str:
    """An image of a news post (``content/news/bilder/x.jpg`` → ``aktuelles/bilder/x.jpg``)."""
    return content_file("posts", name)


CONTENT_FOLDERS = {"events": EVENT_INDEX, "projects": PROJECT_INDEX, "programs": PROGRAM_INDEX, "posts": NEWS_INDEX}
"""Content type → the site folder its pages and its images are published in."""


def content_file(kind: str, name: str) -> str:
    """A file of a content folder (``events``, ``bilder/x.jpg`` → ``veranstaltungen/bilder/x.jpg``)."""
    return CONTENT_FOLDERS[kind] + name


def picture_size(kind: str, name: str, width: int, ending: str) -> str:
    """One published size of an image (``bilder/x.jpg``, 480, ``webp`` → ``…/bilder/x-480w.webp``)."""
    stem = name.rsplit(".", 1)[0]
    return content_file(kind, f"{stem}-{width}w.{ending}")


def map_point(city_slug: str) -> str:
    """A city's point on the map page (its fragment names it)."""
    return f"{MAP_PAGE}#punkt-{city_slug}"


LISTINGS = (
    "",
    EVENT_INDEX,
    EVENT_ARCHIVE,
    ONLINE_EVENTS,
    *FILTER_PAGES,
    PROJECT_INDEX,
    PROGRAM_INDEX,
    CITY_INDEX,
    NEWS_INDEX,
    OPEN_DATA,
    MAP_PAGE,
)
"""The generated listing pages that exist on every site (redirect targets, among others)."""
