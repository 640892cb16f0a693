"""The page renderer and the site paths, without a builder: HTML read with a parser.

One fact, one wording: a hybrid event names the same place on its page, in the
calendar links it offers, in its feed and in its JSON-LD; a cancelled event says so
in the same words on the page, in lists and in the feed.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from datetime import date
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from quartier import paths
from quartier.config import SiteConfig, load_config
from quartier.content.model import Site
from quartier.content.validation import validate_site
from quartier.feeds.ical.calendars import render_feeds
from quartier.frontends.material import MATERIAL
from quartier.render.pages import Page, render_pages
from quartier.render.theme import PageMeta
from quartier.render.wording import STATUS_WORDS, place_short, place_text

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, SiteConfig, dict[str, Page]]:
    root = tmp_path_factory.mktemp("seite")
    shutil.copytree(FIXTURES / "valid_site", root, dirs_exist_ok=True)
    config = load_config(root)
    result = validate_site(config)
    assert result.site is not None, result.problems
    pages = {page.url_path: page for page in render_pages(result.site, config, TODAY)}
    return result.site, config, pages


def _soup(page: Page) -> BeautifulSoup:
    return BeautifulSoup(page.html, "html.parser")


def _front_matter(page: Page) -> dict[str, object]:
    head = page.markdown(MATERIAL).split("---\n")[1]
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


def test_a_hybrid_event_names_one_place_everywhere(rendered: tuple[Site, SiteConfig, dict[str, Page]]) -> None:
    site, config, pages = rendered
    event = site.event_by_slug["2027-06-24-sommer"]
    assert event.format == "hybrid"
    place = place_text(event)
    assert place == "Zeche Carl, Essen / Online"
    soup = _soup(pages[event.url_path])
    google = next(a["href"] for a in soup.find_all("a") if a.get_text() == "Google Kalender")
    outlook = next(a["href"] for a in soup.find_all("a") if a.get_text() == "Outlook im Web")
    assert parse_qs(urlsplit(google).query)["location"] == [place]
    assert parse_qs(urlsplit(outlook).query)["location"] == [place]
    assert place in str(_front_matter(pages[event.url_path])["description"])
    feeds, _ = render_feeds(site, config, TODAY)
    (vevent,) = icalendar.Calendar.from_ical(feeds[paths.event_feed(event.slug)]).walk("VEVENT")
    assert str(vevent["LOCATION"]) == place
    json_ld = json.loads(str(_front_matter(pages[event.url_path])["quartier_json_ld"]))
    kinds = sorted(location["@type"] for location in json_ld["location"])
    assert kinds == ["Place", "VirtualLocation"]
    assert place_short(event) == "Essen und online"


def test_the_status_reads_the_same_on_the_page_in_lists_and_in_the_feed(
    rendered: tuple[Site, SiteConfig, dict[str, Page]],
) -> None:
    site, config, pages = rendered
    cancelled = [e for e in site.events if e.status == "cancelled"]
    assert cancelled, "the fixture site has a cancelled event"
    event = cancelled[0]
    words = STATUS_WORDS["cancelled"]
    notice = _soup(pages[event.url_path]).select_one(".q-notice--cancelled")
    assert notice is not None and notice.get_text(" ", strip=True) == f"{words.badge}: {words.page_notice}"
    listing = pages[paths.EVENT_ARCHIVE] if event.last_day < TODAY else pages[paths.EVENT_INDEX]
    badges = [b.get_text() for b in _soup(listing).select(".q-badge--cancelled")]
    assert words.badge in badges
    feeds, _ = render_feeds(site, config, TODAY)
    (vevent,) = icalendar.Calendar.from_ical(feeds[paths.event_feed(event.slug)]).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == words.prefix + event.title
    assert str(vevent["STATUS"]) == words.ical_status
    assert str(vevent["DESCRIPTION"]).startswith(words.feed_sentence)


def test_front_matter_escapes_what_a_theme_writes_raw(rendered: tuple[Site, SiteConfig, dict[str, Page]]) -> None:
    _site, _config, pages = rendered
    for page in pages.values():
        meta = _front_matter(page)
        assert "<" not in str(meta["title"]) and "<" not in str(meta["description"]), page.source
        assert meta["hide"] == ["navigation"]


def test_every_page_lives_at_its_own_path_and_source(rendered: tuple[Site, SiteConfig, dict[str, Page]]) -> None:
    _site, _config, pages = rendered
    sources = [page.source for page in pages.values()]
    assert len(set(sources)) == len(sources)
    for url_path, page in pages.items():
        assert page.source == paths.page_source(url_path)


@pytest.mark.parametrize(
    ("url_path", "source"),
    [
        ("", "index.md"),
        ("staedte/", "staedte/index.md"),
        ("veranstaltungen/", "veranstaltungen/index.md"),
        ("veranstaltungen/archiv/", "veranstaltungen/archiv.md"),
        ("veranstaltungen/2027-05-06-forum/", "veranstaltungen/2027-05-06-forum.md"),
        ("suche/", "suche.md"),
    ],
)
def test_page_source(url_path: str, source: str) -> None:
    assert paths.page_source(url_path) == source


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("veranstaltungen/x/", "staedte/essen/", "../../staedte/essen/"),
        ("", "kalender.ics", "kalender.ics"),
        ("staedte/essen/", "staedte/essen/", "./"),
        ("aktuelles/seite/2/", "aktuelles/", "../../"),
    ],
)
def test_relative_links_work_under_any_base_path(here: str, target: str, link: str) -> None:
    assert paths.relative(here, target) == link


_SEGMENT = st.sampled_from(["a", "b", "veranstaltungen", "2027", "x-y"])


@given(
    st.lists(_SEGMENT, max_size=4),
    st.lists(_SEGMENT, max_size=4),
    st.booleans(),
    st.sampled_from(["", "kalender.ics", "index.html"]),
)
def test_relative_links_are_what_posixpath_computes(
    here: list[str], target: list[str], folder: bool, file: str
) -> None:
    # The reference: the standard library's relpath, which the string version replaced for speed.
    here_url = "".join(part + "/" for part in here)
    target_path = "/".join(target) + ("/" if folder and target else "") + (file if not folder else "")
    expected = posixpath.relpath(target_path.strip("/") or ".", here_url.strip("/") or ".")
    if target_path.endswith("/") and expected != ".":
        expected += "/"
    assert paths.relative(here_url, target_path) == ("./" if expected == "." else expected)
    # And the link leads there: resolved against the page's folder, it is the target.
    resolved = posixpath.normpath(posixpath.join("/" + here_url, paths.relative(here_url, target_path)))
    assert resolved.strip("/") == posixpath.normpath("/" + target_path).strip("/")


def test_item_paths_are_german_and_spelled_once() -> None:
    assert paths.event_path("a") == "veranstaltungen/a/"
    assert paths.event_feed("a") == "veranstaltungen/a/a.ics"
    assert paths.city_feed("essen") == "staedte/essen/kalender.ics"
    assert paths.program_feed("p") == "programme/p/kalender.ics"
    assert paths.news_page(1) == paths.NEWS_INDEX and paths.news_page(3) == "aktuelles/seite/3/"
    assert set(paths.LISTINGS) >= {paths.EVENT_INDEX, paths.CITY_INDEX, paths.NEWS_INDEX}


def test_calendar_links_end_all_day_events_on_the_day_after() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from quartier.content.when import AllDay, Timed
    from quartier.render.urls import google_template, outlook_template

    days = AllDay(date(2027, 3, 10), date(2027, 3, 12))
    google = parse_qs(urlsplit(google_template("Dorftage", days, "", "Essen")).query)
    assert google["dates"] == ["20270310/20270313"]
    outlook = parse_qs(urlsplit(outlook_template("Dorftage", days, "", "Essen")).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (["2027-03-10"], ["2027-03-13"], ["true"])
    timed = Timed(datetime(2027, 7, 1, 18, tzinfo=ZoneInfo("Europe/Berlin")))
    google = parse_qs(urlsplit(google_template("Forum", timed, "", "Essen")).query)
    assert google["dates"] == ["20270701T160000Z/20270701T160000Z"]


def test_the_front_matter_is_the_theme_adapters_business(rendered: tuple[Site, SiteConfig, dict[str, Page]]) -> None:
    site, _, pages = rendered
    page = pages[site.event_by_slug["2027-06-24-sommer"].url_path]

    class PlainTheme:
        def title(self, text: str) -> str:
            return text

        def front_matter(self, meta: PageMeta) -> str:
            return f"---\ntitle: {json.dumps(meta.title)}\n---\n"

    plain = page.markdown(PlainTheme())
    assert plain == PlainTheme().front_matter(page.meta) + page.content
    assert "hide" not in plain and not page.content.startswith("---")
    # Material's adapter hides the section sidebar and escapes what its templates write raw.
    assert _front_matter(page)["hide"] == ["navigation"]
    assert page.meta.title == site.event_by_slug["2027-06-24-sommer"].title
