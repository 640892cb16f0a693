"""Quick filters on /veranstaltungen/, the start page's next events, related events.

The events of ``quick_filter_site`` around Wednesday, 2 December 2026, rendered by the
engine and read back with a parser. Expected lists are written out by hand.
"""

from __future__ import annotations

import posixpath
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from conftest import VENUE, ContentFolder
from quick_filter_site import EXPECTED, TODAY, UPCOMING, write_events

from quartier import paths
from quartier.content.model import Event
from quartier.content.readers import ReadCode
from quartier.render.filters import sunday_of, time_ranges, weekend_of
from quartier.render.listings import next_taking_place
from quartier.render.pages import Page, render_pages

TIME_PAGES = {
    "heute": paths.EVENTS_TODAY,
    "diese-woche": paths.EVENTS_THIS_WEEK,
    "wochenende": paths.EVENTS_WEEKEND,
    "naechste-30-tage": paths.EVENTS_NEXT_30_DAYS,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> ContentFolder:
    folder = ContentFolder(tmp_path_factory.mktemp("schnellfilter"))
    write_events(folder.root / "content/events")
    return folder


@pytest.fixture(scope="module")
def pages(site: ContentFolder) -> dict[str, Page]:
    result = site.validate()
    assert result.site is not None, [p.format_text() for p in result.problems]
    return {page.url_path: page for page in render_pages(result.site, site.config(), TODAY)}


def soup(page: Page) -> BeautifulSoup:
    return BeautifulSoup(page.html, "html.parser")


def card_slugs(cards) -> list[str]:
    return [card.select_one("a.q-event-card__title")["href"].rstrip("/").rsplit("/", 1)[-1] for card in cards]


def listed(page: Page, selector: str = "ul.q-event-list > li.q-event-card") -> list[str]:
    return card_slugs(soup(page).select(selector))


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


# -- the ranges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "week_until", "weekend"),
    [
        # Monday 30 November 2026 … Sunday 6 December 2026, written out.
        ("2026-11-30", "2026-12-06", ("2026-12-05", "2026-12-06")),
        ("2026-12-02", "2026-12-06", ("2026-12-05", "2026-12-06")),
        ("2026-12-04", "2026-12-06", ("2026-12-05", "2026-12-06")),
        # On a Saturday the weekend is this one; on a Sunday, what is left of it.
        ("2026-12-05", "2026-12-06", ("2026-12-05", "2026-12-06")),
        ("2026-12-06", "2026-12-06", ("2026-12-06", "2026-12-06")),
        # Across a year's end.
        ("2026-12-31", "2027-01-03", ("2027-01-02", "2027-01-03")),
    ],
)
def test_the_ranges_of_each_day(today: str, week_until: str, weekend: tuple[str, str]):
    day = date.fromisoformat(today)
    ranges = {t.key: (t.first.isoformat(), t.last.isoformat()) for t in time_ranges(day)}
    assert ranges["heute"] == (today, today)
    assert ranges["diese-woche"] == (today, week_until)
    assert ranges["wochenende"] == weekend
    assert ranges["naechste-30-tage"] == (today, (day + timedelta(days=29)).isoformat())
    assert sunday_of(day).weekday() == 6 and weekend_of(day)[1] == sunday_of(day)


# -- the filter pages --------------------------------------------------------------------


@pytest.mark.parametrize("key", list(TIME_PAGES))
def test_each_time_filter_page_holds_exactly_its_events(pages: dict[str, Page], key: str):
    assert listed(pages[TIME_PAGES[key]]) == EXPECTED[key]


def test_the_pages_say_their_days_and_the_build_day(pages: dict[str, Page]):
    leads = {key: text(soup(pages[path]).select_one("p.q-lead")) for key, path in TIME_PAGES.items()}
    assert leads == {
        "heute": "Mittwoch, 2. Dezember 2026: 4 Veranstaltungen.",
        "diese-woche": "Mittwoch, 2. Dezember 2026 bis Sonntag, 6. Dezember 2026: 7 Veranstaltungen.",
        "wochenende": "Samstag, 5. Dezember 2026 bis Sonntag, 6. Dezember 2026: 3 Veranstaltungen.",
        "naechste-30-tage": "Mittwoch, 2. Dezember 2026 bis Donnerstag, 31. Dezember 2026: 9 Veranstaltungen.",
    }
    for path in TIME_PAGES.values():
        html = soup(pages[path])
        assert text(html.select_one("p.q-stand")).startswith("Stand: 2. Dezember 2026.")
        assert html.h1.get_text() == pages[path].meta.title
    assert pages[paths.EVENTS_WEEKEND].meta.title == "Veranstaltungen am Wochenende"


def test_a_series_shows_its_date_in_the_range(pages: dict[str, Page]):
    (card,) = [c for c in soup(pages[paths.EVENTS_WEEKEND]).select("li.q-event-card") if "taeglich" in c.a["href"]]
    assert "Nächster Termin am Wochenende: Sa, 05.12.2026, 10:00–11:00 Uhr" in text(card)
    (card,) = [c for c in soup(pages[paths.EVENTS_TODAY]).select("li.q-event-card") if "taeglich" in c.a["href"]]
    assert "Nächster Termin: Mi, 02.12.2026, 10:00–11:00 Uhr" in text(card)


def test_a_cancelled_event_is_in_its_days_marked(pages: dict[str, Page]):
    html = soup(pages[paths.EVENTS_TODAY])
    (card,) = [c for c in html.select("li.q-event-card") if "abgesagt" in c.a["href"]]
    assert "q-event-item--cancelled" in card["class"]
    assert card.select_one(".q-badge--cancelled").get_text() == "Abgesagt"


def test_an_empty_range_says_so_and_leads_on(site: ContentFolder):
    result = site.validate()
    assert result.site is not None
    later = {p.url_path: p for p in render_pages(result.site, site.config(), date(2027, 2, 1))}
    html = soup(later[paths.EVENTS_TODAY])
    assert html.select("li.q-event-card") == []
    empty = html.select_one("p.q-filters__empty")
    assert text(empty).startswith("Heute ist keine Veranstaltung angekündigt.")
    assert [a["href"] for a in empty.select("a")] == ["../naechste-30-tage/", "../"]
    assert text(html.select_one("p.q-lead")) == "Montag, 1. Februar 2027: keine Veranstaltungen."


def test_format_pages(pages: dict[str, Page]):
    assert listed(pages[paths.EVENTS_HYBRID]) == ["2026-11-04-mittwochsrunde", "2026-12-05-samstag"]
    assert listed(pages[paths.EVENTS_IN_PERSON]) == [
        "2026-12-02-abgesagt",
        "2026-11-30-taeglich",
        "2026-12-02-heute-essen",
        "2026-12-04-lang",
        "2026-11-01-sonntagstreff",
        "2027-01-11-in-40-tagen",
        "2027-01-20-essen-spaeter",
    ]
    # Online: every event that takes place online only, with a venue or without one.
    online = soup(pages[paths.ONLINE_EVENTS]).find("h2", string="Kommende Online-Veranstaltungen").find_next("ul")
    assert card_slugs(online.select("li.q-event-card")) == ["2026-12-03-donnerstag", "2026-12-22-in-20-tagen"]


# -- the events index: the filter links and what the cards tell the script ----------------


def filter_links(page: Page) -> dict[tuple[str, str], str]:
    nav = soup(page).select_one("nav.q-filters")
    return {(a["data-filter"], a["data-value"]): a["href"] for a in nav.select("a[data-filter]")}


def test_the_index_offers_every_filter_as_a_link_to_its_page(pages: dict[str, Page]):
    here = paths.EVENT_INDEX
    links = filter_links(pages[here])
    assert links == {
        ("zeit", "heute"): "heute/",
        ("zeit", "diese-woche"): "diese-woche/",
        ("zeit", "wochenende"): "wochenende/",
        ("zeit", "naechste-30-tage"): "naechste-30-tage/",
        ("format", "vor-ort"): "vor-ort/",
        ("format", "online"): "online/",
        ("format", "hybrid"): "hybrid/",
        # Only cities and programs with an upcoming event, in the site's order.
        ("stadt", "essen"): "../staedte/essen/",
        ("stadt", "frankfurt-oder"): "../staedte/frankfurt-oder/",
        ("stadt", "berlin"): "../staedte/berlin/",
        ("programm", "initiative-ergreifen"): "../programme/initiative-ergreifen/",
    }
    for href in links.values():
        target = posixpath.normpath(posixpath.join(here, href)) + "/"
        assert target in pages, href


def test_every_filter_page_marks_itself_and_links_the_others(pages: dict[str, Page]):
    for key, path in TIME_PAGES.items():
        nav = soup(pages[path]).select_one("nav.q-filters")
        (current,) = nav.select("[aria-current]")
        assert (current["data-filter"], current["data-value"], current["aria-current"]) == ("zeit", key, "page")
        for href in filter_links(pages[path]).values():
            assert posixpath.normpath(posixpath.join(path, href)) + "/" in pages, (path, href)


def test_the_index_cards_carry_what_the_script_reads(pages: dict[str, Page]):
    cards = {
        slug: card
        for slug, card in zip(
            listed(pages[paths.EVENT_INDEX]), soup(pages[paths.EVENT_INDEX]).select("li.q-event-card"), strict=True
        )
    }
    assert list(cards) == UPCOMING
    facts = {
        slug: (c["data-tage"], c["data-stadt"], c["data-programme"], c["data-format"]) for slug, c in cards.items()
    }
    # Days from today to 36 days on (7 January 2027): a page a week old still filters.
    assert facts["2026-12-04-lang"] == ("2026-12-04 2026-12-05 2026-12-06 2026-12-07", "frankfurt-oder", "", "vor-ort")
    # Sundays, without the cancelled 6 December.
    assert facts["2026-11-01-sonntagstreff"] == ("2026-12-13 2026-12-20 2026-12-27 2027-01-03", "essen", "", "vor-ort")
    # Wednesdays, the 9th moved to Saturday the 12th.
    assert facts["2026-11-04-mittwochsrunde"] == (
        "2026-12-02 2026-12-12 2026-12-16 2026-12-23 2026-12-30 2027-01-06",
        "berlin",
        "initiative-ergreifen",
        "hybrid",
    )
    assert facts["2026-11-30-taeglich"][0] == " ".join(f"2026-12-{day:02d}" for day in range(2, 11))
    assert facts["2026-12-03-donnerstag"] == ("2026-12-03", "", "", "online")
    assert facts["2026-12-22-in-20-tagen"] == ("2026-12-22", "essen", "", "online")
    assert facts["2027-01-11-in-40-tagen"] == ("", "essen", "initiative-ergreifen", "vor-ort")


@pytest.mark.parametrize("key", list(TIME_PAGES))
def test_the_cards_days_give_what_the_pages_hold(pages: dict[str, Page], key: str):
    """The script's rule (a card is in a range when one of its days is), applied here to
    the attributes, gives each page's events: both ways agree."""
    (time,) = [t for t in time_ranges(TODAY) if t.key == key]
    shown = [
        slug
        for slug, card in zip(
            listed(pages[paths.EVENT_INDEX]), soup(pages[paths.EVENT_INDEX]).select("li.q-event-card"), strict=True
        )
        if any(time.first.isoformat() <= day <= time.last.isoformat() for day in card["data-tage"].split())
    ]
    assert sorted(shown) == sorted(EXPECTED[key])


def test_the_index_loads_its_script_and_has_a_live_region(pages: dict[str, Page]):
    html = soup(pages[paths.EVENT_INDEX])
    (script,) = html.select("script")
    assert script["src"] == "../assets/javascripts/quartier-filter.js" and script["type"] == "module"
    nav = html.select_one("nav#q-filters")
    assert (nav["data-stand"], nav["data-tage-bis"], nav["data-zeitzone"]) == (
        "2026-12-02",
        "2027-01-07",
        "Europe/Berlin",
    )
    status = html.select_one("#q-filters-status")
    assert (status["role"], status["aria-live"]) == ("status", "polite")
    # Only the index loads it: not the filter pages, not the start page.
    for path in (*TIME_PAGES.values(), paths.EVENTS_HYBRID, ""):
        assert "quartier-filter" not in pages[path].html, path


# -- the start page ----------------------------------------------------------------------


def test_the_start_page_shows_the_next_six_that_take_place(pages: dict[str, Page]):
    html = soup(pages[""])
    cards = html.select("section.q-home-events li.q-event-card")
    # The cancelled lecture comes first and is shown, marked, but not counted.
    assert card_slugs(cards) == UPCOMING[:7]
    taking_place = [c for c in cards if "q-event-item--cancelled" not in c["class"]]
    assert len(taking_place) == 6
    (cancelled,) = [c for c in cards if "q-event-item--cancelled" in c["class"]]
    assert "abgesagt" in cancelled.a["href"] and cancelled.select_one(".q-badge--cancelled").get_text() == "Abgesagt"


def test_the_start_page_offers_the_feed_as_a_subscription(pages: dict[str, Page]):
    section = soup(pages[""]).select_one("section.q-home-events")
    feed = section.select_one("details.q-feed")
    assert text(feed.summary) == "Kalender abonnieren: alle Veranstaltungen"
    hrefs = [a["href"] for a in feed.select("a")]
    assert "webcal://quartier.example.org/kalender.ics" in hrefs
    assert "kalender-abonnieren/" in hrefs
    assert text(feed.select_one("code.q-feed__url")) == "https://quartier.example.org/kalender.ics"
    # No plain download link instead of it.
    assert not [a for a in section.select("a") if a["href"] == "kalender.ics"]
    assert [a["href"] for a in section.select("nav.q-filters a")] == [
        "veranstaltungen/heute/",
        "veranstaltungen/diese-woche/",
        "veranstaltungen/wochenende/",
        "veranstaltungen/naechste-30-tage/",
    ]


def _event(slug: str, status: str) -> Event:
    return Event(
        slug, "", slug, None, "Europe/Berlin", status, "in-person", None, None, (), (), None, None, "", (), "", ""
    )


def test_cancelled_and_postponed_ones_are_not_counted():
    items = [_event("a", "cancelled"), *[_event(f"s{i}", "scheduled") for i in range(3)], _event("p", "postponed")]
    items += [_event("s3", "scheduled"), _event("s4", "scheduled"), _event("s5", "scheduled"), _event("c", "cancelled")]
    shown = next_taking_place(items)
    # Six that take place, the two in between marked; the one after the sixth is left out.
    assert [e.slug for e in shown] == ["a", "s0", "s1", "s2", "p", "s3", "s4", "s5"]
    assert next_taking_place(items[:2]) == tuple(items[:2])


# -- related events ----------------------------------------------------------------------


def related(page: Page) -> dict[str, list[str]]:
    section = soup(page).select_one("section.q-more-events")
    if section is None:
        return {}
    return {text(h3): card_slugs(h3.find_next("ul").select("li.q-event-card")) for h3 in section.select("h3")}


def test_related_events_in_the_city_and_the_program(pages: dict[str, Page]):
    assert related(pages[paths.event_path("2026-12-02-heute-essen")]) == {
        # Three at most; not the page's own event; nothing past.
        "In Essen": ["2026-11-01-sonntagstreff", "2026-12-22-in-20-tagen", "2027-01-11-in-40-tagen"],
        # Not the cancelled lecture; not the kick-off again, which Essen already shows.
        "Im Programm „Initiative ergreifen“": ["2026-11-04-mittwochsrunde", "2026-12-05-samstag"],
    }


def test_a_series_page_does_not_suggest_itself(pages: dict[str, Page]):
    page = pages[paths.event_path("2026-11-04-mittwochsrunde")]
    assert related(page) == {
        "In Berlin": ["2026-11-30-taeglich", "2026-12-05-samstag"],
        "Im Programm „Initiative ergreifen“": ["2026-12-02-heute-essen", "2027-01-11-in-40-tagen"],
    }
    section = soup(page).select_one("section.q-more-events")
    assert section.has_attr("data-pagefind-ignore")
    assert [a["href"] for a in section.select("p.q-more a")] == [
        "../../staedte/berlin/",
        "../../programme/initiative-ergreifen/",
    ]


def test_a_past_event_suggests_upcoming_ones_and_a_lone_one_none(pages: dict[str, Page]):
    assert related(pages[paths.event_path("2026-12-01-gestern")]) == {
        "In Essen": ["2026-12-02-heute-essen", "2026-11-01-sonntagstreff", "2026-12-22-in-20-tagen"]
    }
    # Online, in no program: nothing to suggest, no section.
    assert related(pages[paths.event_path("2026-12-03-donnerstag")]) == {}


# -- paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["heute", "diese-woche", "wochenende", "naechste-30-tage", "vor-ort", "hybrid"])
def test_an_event_cannot_take_a_filter_page_s_name(folder: ContentFolder, name: str):
    folder.event(name, 'title: X\nstart: "2027-05-04 10:00"\n' + VENUE)
    (problem,) = folder.validate().problems
    assert (problem.path, problem.code) == (f"content/events/{name}.md", ReadCode.FILE_NAME_RESERVED)
