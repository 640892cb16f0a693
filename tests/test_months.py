"""The month view (``/veranstaltungen/kalender/JJJJ/MM/``) and a series shown once in listings.

A small site with a weekly series across a year (one date cancelled, one moved), an
event of three days, a cancelled event and a past one, rendered by the engine and
read back with a parser. The expected dates are counted here by plain date arithmetic,
not by the engine's recurrence code.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from conftest import VENUE, ContentFolder

from quartier import paths
from quartier.content.readers import ReadCode
from quartier.render.pages import Page, render_pages
from quartier.render.wording import STATUS_WORDS
from quartier.text.german_dates import long_date

TODAY = date(2027, 1, 20)
SERIES = "2027-01-05-treff"
FIRST, LAST = date(2027, 1, 5), date(2027, 12, 28)
CANCELLED, MOVED_FROM, MOVED_TO = date(2027, 3, 2), date(2027, 5, 4), date(2027, 5, 6)


def write_site(folder: ContentFolder) -> None:
    folder.event(
        SERIES,
        textwrap.dedent(
            """\
        title: Treff am Dienstag
        start: "2027-01-05 18:00"
        end: "20:00"
        repeat:
          freq: weekly
          until: 2027-12-31
          except: [2027-03-02]
          moved:
            - from: 2027-05-04
              start: "2027-05-06 18:00"
              end: "20:00"
        programs: [initiative-ergreifen]
        projects: [quartiersbuero]
        """
        )
        + VENUE,
    )
    folder.write(
        "content/projects/quartiersbuero.md",
        "---\ntitle: Quartiersbüro\ncity: Essen\nstatus: active\n---\nEin Büro im Quartier.\n",
    )
    # An online series, for the online listing: monthly from June, beyond the other tests' months.
    folder.event(
        "2027-06-01-online-runde",
        textwrap.dedent(
            """\
            title: Online-Runde
            start: "2027-06-01 17:00"
            end: "18:00"
            format: online
            online_url: https://konferenz.example.org/runde
            repeat:
              freq: monthly
              byday: ["1tu"]
              count: 6
            """
        ),
    )
    folder.event(
        "2027-02-10-werkstatt",
        """\
        title: Werkstatt über drei Tage
        start: 2027-02-10
        end: 2027-02-12
        venue:
          name: Rathaus
          city: Berlin
        """,
    )
    folder.event("2027-03-15-forum", 'title: Forum\nstart: "2027-03-15 10:00"\nstatus: cancelled\n' + VENUE)
    folder.event("2026-10-01-rueckblick", 'title: Rückblick\nstart: "2026-10-01 10:00"\n' + VENUE)


def render(folder: ContentFolder, today: date) -> dict[str, Page]:
    result = folder.validate()
    assert result.site is not None, [p.format_text() for p in result.problems]
    return {page.url_path: page for page in render_pages(result.site, folder.config(), today)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> ContentFolder:
    folder = ContentFolder(tmp_path_factory.mktemp("monate"))
    write_site(folder)
    return folder


@pytest.fixture(scope="module")
def pages(site: ContentFolder) -> dict[str, Page]:
    return render(site, TODAY)


def soup(page: Page) -> BeautifulSoup:
    return BeautifulSoup(page.html, "html.parser")


def cell(pages: dict[str, Page], day: date):
    """The table cell of ``day`` on its month page."""
    found = soup(pages[paths.month_path(day.year, day.month)]).select_one(f"time[datetime='{day.isoformat()}']")
    assert found is not None, day
    return found.find_parent("td")


def tuesdays() -> list[date]:
    days, day = [], FIRST
    while day <= LAST:
        days.append(day)
        day += timedelta(days=7)
    return days


# -- which months have a page -------------------------------------------------------------


def test_month_pages_from_the_oldest_event_to_twelve_months_ahead(pages: dict[str, Page]):
    months = sorted(path for path in pages if path.startswith(paths.EVENT_CALENDAR))
    # Every month from the oldest event's (October 2026) to twelve after today's (January
    # 2027), the empty November and December 2026 included: a month page never disappears.
    expected = [paths.month_path(2026, m) for m in (10, 11, 12)]
    expected += [paths.month_path(2027, m) for m in range(1, 13)] + [paths.month_path(2028, 1)]
    assert months == sorted(expected)
    assert paths.month_path(2027, 5) == "veranstaltungen/kalender/2027/05/"
    for path in months:
        page = pages[path]
        # Generated pages outside the navigation and outside the search index, as listings are.
        assert not page.in_nav and page.search is None and "data-pagefind-body" not in page.html
        assert page.source == path.rstrip("/") + ".md" and page.meta.kind == "calendar"


def test_a_month_without_events_says_so_and_links_the_nearest_months_with_events(pages: dict[str, Page]):
    html = soup(pages[paths.month_path(2026, 11)])
    assert html.select_one("table") is None
    assert "Im November 2026 sind keine Veranstaltungen eingetragen." in html.get_text()
    nearest = html.select_one("p.q-month-nearest")
    assert [(a.get_text(), a["href"]) for a in nearest.select("a")] == [
        ("Oktober 2026", "../10/"),
        ("Januar 2027", "../../2027/01/"),
    ]
    last = soup(pages[paths.month_path(2028, 1)])
    assert "Im Januar 2028 sind keine Veranstaltungen eingetragen." in last.get_text()
    assert [a.get_text() for a in last.select("p.q-month-nearest a")] == ["Dezember 2027"]
    # A month with events has its grid instead.
    assert soup(pages[paths.month_path(2027, 1)]).select_one("p.q-month-nearest") is None


def test_previous_and_next_lead_to_the_neighbouring_pages(pages: dict[str, Page]):
    def nav(year: int, month: int) -> dict[str, tuple[str, str]]:
        here = paths.month_path(year, month)
        links = soup(pages[here]).select_one("nav.q-month-nav").select("a[rel]")
        return {a["rel"][0]: (a["href"], " ".join(a.get_text().split())) for a in links}

    # Always the neighbouring month, named.
    assert nav(2027, 1) == {
        "prev": ("../../2026/12/", "← Vorheriger Monat: Dezember 2026"),
        "next": ("../02/", "Nächster Monat: Februar 2027 →"),
    }
    assert nav(2026, 12) == {
        "prev": ("../11/", "← Vorheriger Monat: November 2026"),
        "next": ("../../2027/01/", "Nächster Monat: Januar 2027 →"),
    }
    assert nav(2026, 10) == {"next": ("../11/", "Nächster Monat: November 2026 →")}
    assert nav(2028, 1) == {"prev": ("../../2027/12/", "← Vorheriger Monat: Dezember 2027")}
    for path, page in pages.items():
        for a in soup(page).select("a[rel~=prev], a[rel~=next]"):
            target = posixpath.normpath(posixpath.join(path, a["href"])) + "/"
            assert target.startswith(paths.EVENT_CALENDAR) and target in pages, (path, a["href"])


def test_the_events_index_and_city_and_program_pages_link_the_current_month(pages: dict[str, Page]):
    link = soup(pages[paths.EVENT_INDEX]).select_one("p.q-calendar-link a")
    assert link["href"] == "kalender/2027/01/" and "Monatskalender" in link.get_text()
    city = soup(pages[paths.city_path("essen")]).select_one("p.q-calendar-link a")
    assert city["href"] == "../../veranstaltungen/kalender/2027/01/"
    program = soup(pages[paths.program_path("initiative-ergreifen")]).select_one("p.q-calendar-link a")
    assert program["href"] == "../../veranstaltungen/kalender/2027/01/"


# -- the grid ---------------------------------------------------------------------------------


def test_the_grid_is_a_table_of_weeks_from_monday(pages: dict[str, Page]):
    table = soup(pages[paths.month_path(2027, 1)]).select_one("table.q-month")
    assert table.caption.get_text(strip=True) == "Januar 2027"
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 7
    assert [th.abbr["title"] for th in headers] == [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ]
    rows = table.select("tbody tr")
    assert all(len(row.find_all("td")) == 7 for row in rows)
    # 1 January 2027 is a Friday: four empty cells before it.
    first_row = rows[0].find_all("td")
    assert [td.get_text(strip=True) for td in first_row[:4]] == [""] * 4
    assert first_row[4].time["datetime"] == "2027-01-01"
    assert len(table.select("td time")) == 31


def test_every_day_tells_its_full_date_and_an_empty_day_says_so(pages: dict[str, Page]):
    for month in range(1, 13):
        for td in soup(pages[paths.month_path(2027, month)]).select("td.q-month__day"):
            day = date.fromisoformat(td.time["datetime"])
            assert td.time.get_text() == long_date(day) and td.time.find_parent(class_="q-month__full")
            assert td.select_one(".q-month__number").get_text() == str(day.day)
            says_none = "keine Veranstaltungen" in td.get_text()
            assert says_none == (not td.select("li")), day
    today = cell(pages, TODAY)
    assert today["aria-current"] == "date" and "heute" in today.get_text()


def test_every_date_of_the_series_is_in_its_day_cell(pages: dict[str, Page]):
    expected = [day for day in tuesdays() if day != MOVED_FROM] + [MOVED_TO]
    assert len(expected) == 52
    for day in expected:
        links = [a for a in cell(pages, day).select("li a") if SERIES in a["href"]]
        original = MOVED_FROM if day == MOVED_TO else day
        assert [a["href"].split("#")[1] for a in links] == [f"termin-{original.isoformat()}"], day
    # No date of the series anywhere else (the moved date's old day only points to the new one).
    found = []
    for month in range(1, 13):
        for li in soup(pages[paths.month_path(2027, month)]).select("li.q-month__event"):
            if SERIES in li.a["href"] and "q-month__event--moved-away" not in li["class"]:
                found.append(li.find_parent("td").time["datetime"])
    assert sorted(found) == sorted(d.isoformat() for d in expected)


def test_cancelled_and_moved_dates_are_marked_in_words(pages: dict[str, Page]):
    cancelled = STATUS_WORDS["cancelled"].adjective
    assert cancelled == "abgesagt"
    item = cell(pages, CANCELLED).select_one("li")
    assert item.select_one(".q-month__mark").get_text() == "abgesagt"
    assert "q-month__event--cancelled" in item["class"]
    moved = cell(pages, MOVED_TO).select_one("li")
    assert moved.select_one(".q-month__mark").get_text() == "verlegt vom 4. Mai"
    assert moved.select_one(".q-month__time").get_text() == "18:00 Uhr"
    away = cell(pages, MOVED_FROM).select_one("li")
    assert "q-month__event--moved-away" in away["class"]
    assert away.select_one(".q-month__mark").get_text() == "verlegt auf Donnerstag, 6. Mai 2027"
    # A cancelled event on its day, in the same word; a regular date has no mark.
    forum = cell(pages, date(2027, 3, 15)).select_one("li")
    assert forum.a.get_text() == "Forum" and forum.select_one(".q-month__mark").get_text() == cancelled
    assert cell(pages, date(2027, 3, 9)).select_one("li .q-month__mark") is None


def test_an_event_of_three_days_is_on_each_of_them(pages: dict[str, Page]):
    parts = []
    for day in (date(2027, 2, 10), date(2027, 2, 11), date(2027, 2, 12)):
        (li,) = [li for li in cell(pages, day).select("li") if "werkstatt" in li.a["href"]]
        assert li.a["href"] == "../../../2027-02-10-werkstatt/"
        parts.append(li.select_one(".q-month__time").get_text())
    assert parts == ["Tag 1 von 3", "Tag 2 von 3", "Tag 3 von 3"]
    assert not [li for li in cell(pages, date(2027, 2, 13)).select("li") if "werkstatt" in li.a["href"]]


def test_the_lead_counts_the_dates_of_the_month(pages: dict[str, Page]):
    # February 2027: four Tuesdays and the three-day workshop (one date on three days).
    lead = soup(pages[paths.month_path(2027, 2)]).select_one("p.q-lead").get_text()
    assert lead.startswith("5 Termine an 7 Tagen.")


# -- a series once in each listing ------------------------------------------------------------


def series_cards(page: Page) -> list:
    return [li for li in soup(page).select("li.q-event-card") if SERIES in li.select_one("a")["href"]]


ALL_LISTINGS = [
    paths.EVENT_INDEX,
    paths.city_path("essen"),
    paths.program_path("initiative-ergreifen"),
    paths.project_path("quartiersbuero"),
    "",
]


@pytest.mark.parametrize("path", ALL_LISTINGS)
def test_the_series_is_shown_once(pages: dict[str, Page], path: str):
    (card,) = series_cards(pages[path])
    text = " ".join(card.get_text(" ").split())
    assert "Jeden Dienstag, 18:00–20:00 Uhr, bis 31. Dezember 2027" in text
    assert "Nächster Termin: Di, 26.01.2027, 18:00–20:00 Uhr" in text
    assert "Regelmäßig" in text
    everything = card.select_one("a.q-event-card__all")
    assert everything["href"].endswith("2027-01-05-treff/#q-series-dates")
    assert everything.get_text(" ", strip=True).startswith("Alle Termine")
    assert "q-event-card__notice" not in str(card)  # the cancelled date is more than 30 days away


def test_an_online_series_is_shown_once_in_the_online_listing(pages: dict[str, Page]):
    for path in (paths.ONLINE_EVENTS, paths.EVENT_INDEX):
        cards = [li for li in soup(pages[path]).select("li.q-event-card") if "online-runde" in li.a["href"]]
        assert len(cards) == 1, path
        text = " ".join(cards[0].get_text(" ").split())
        assert "Jeden ersten Dienstag im Monat, 17:00–18:00 Uhr, 6 Termine" in text
        assert "Nächster Termin: Di, 01.06.2027, 17:00–18:00 Uhr · Online" in text
    # Every one of its six dates is in the month view.
    for day in (
        date(2027, 6, 1),
        date(2027, 7, 6),
        date(2027, 8, 3),
        date(2027, 9, 7),
        date(2027, 10, 5),
        date(2027, 11, 2),
    ):
        assert [a for a in cell(pages, day).select("li a") if "online-runde" in a["href"]], day


def test_the_city_lead_counts_the_cards(pages: dict[str, Page]):
    html = soup(pages[paths.city_path("essen")])
    upcoming = html.find("h2", string=re.compile("Kommende")).find_next("ul")
    cards = upcoming.select("li.q-event-card")
    assert len(cards) == 2  # the series and the cancelled forum
    assert f"{len(cards)} kommende Veranstaltungen" in html.select_one("p.q-lead").get_text()


def test_the_series_keeps_its_place_by_its_next_date(site: ContentFolder):
    pages = render(site, date(2027, 2, 9))
    titles = [li.select_one("a").get_text() for li in soup(pages[paths.EVENT_INDEX]).select("li.q-event-card")]
    # Next date 9 February: before the workshop (10 February) and the forum (15 March).
    assert titles == ["Treff am Dienstag", "Werkstatt über drei Tage", "Forum", "Online-Runde"]
    pages = render(site, date(2027, 2, 17))
    titles = [li.select_one("a").get_text() for li in soup(pages[paths.EVENT_INDEX]).select("li.q-event-card")]
    assert titles == ["Treff am Dienstag", "Forum", "Online-Runde"]


@pytest.mark.parametrize(
    ("today", "next_date", "notice"),
    [
        ("2027-02-15", "Di, 16.02.2027", "Abgesagt: Dienstag, 2. März 2027"),
        # The cancelled date itself is skipped: the next date is the one that takes place.
        ("2027-02-24", "Di, 09.03.2027", "Abgesagt: Dienstag, 2. März 2027"),
        ("2027-04-20", "Di, 20.04.2027", "Verlegt: Dienstag, 4. Mai 2027 → Donnerstag, 6. Mai 2027, 18:00–20:00 Uhr"),
    ],
)
def test_a_coming_change_is_named_on_the_card(site: ContentFolder, today: str, next_date: str, notice: str):
    pages = render(site, date.fromisoformat(today))
    for path in ALL_LISTINGS:
        (card,) = series_cards(pages[path])
        assert f"Nächster Termin: {next_date}" in " ".join(card.get_text(" ").split())
        assert card.select_one(".q-event-card__notice").get_text() == notice


def test_an_event_cannot_take_the_month_view_s_name(folder: ContentFolder):
    folder.event("kalender", 'title: Kalender\nstart: "2027-05-04 10:00"\n' + VENUE)
    (problem,) = folder.validate().problems
    assert (problem.path, problem.code) == ("content/events/kalender.md", ReadCode.FILE_NAME_RESERVED)
