"""The quick filters of /veranstaltungen/ in Chromium, on the example site with the events
of ``quick_filter_site`` added, built as of Wednesday, 2 December 2026.

Without JavaScript every filter is a link to a page with the right events; with it, the
same links filter the list in place, the address carries the filter (and a reload keeps
it), the count is announced, and all of it works by keyboard. axe-core finds nothing at
390 and 1280 px on the events index (plain and filtered), a filter page and the start
page; nothing scrolls sideways on a phone. Screenshots go to test-artifacts/screenshots/.

The browser's clock is set, so that "heute" is the day the test means: the script uses
the visitor's day when the page is at most a week old (``LATE_DAYS``), else the build day.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from quick_filter_site import EVENTS, EXPECTED, TODAY, UPCOMING, write_events

from .conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the same browser as every e2e test)
from .helpers import DESKTOP, PHONE, SCREENSHOTS, copy_project, foreign, format_violations, run_axe, serve

BERLIN = ZoneInfo("Europe/Berlin")
INDEX = "veranstaltungen/"
SCROLL = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
VISIBLE_CARDS = """() => [...document.querySelectorAll('li.q-event-card')]
    .filter(e => e.getClientRects().length > 0)
    .map(e => e.querySelector('a.q-event-card__title').getAttribute('href').replace(/\\/$/, '').split('/').pop())"""
STATUS = "() => document.getElementById('q-filters-status').textContent"


@pytest.fixture(scope="module")
def filter_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("schnellfilter-projekt") / "projekt")
    write_events(project / "content/events")
    out = tmp_path_factory.mktemp("schnellfilter-site")
    env = dict(os.environ, QUARTIER_TODAY=TODAY.isoformat(), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def url(filter_site: Path):
    with serve(filter_site, "e2e-schnellfilter") as base:
        yield base


EXAMPLE_IN_RANGE = {
    "heute": [],
    "diese-woche": ["2026-12-03-ews-auftaktworkshop-duesseldorf"],
    "wochenende": [],
    "naechste-30-tage": ["2026-12-03-ews-auftaktworkshop-duesseldorf"],
}
"""The example site's own events in each range (the others start in January 2027 or later)."""


def mine(slugs: list[str]) -> list[str]:
    """The fixture's events among ``slugs``; the example site's own are there too."""
    return [slug for slug in slugs if slug in EVENTS]


def theirs(slugs: list[str]) -> list[str]:
    return [slug for slug in slugs if slug not in EVENTS]


class Tab:
    """One fresh browser context at a given size and clock, and every request it made."""

    def __init__(self, browser, base: str, viewport: dict, clock: datetime | None, javascript: bool = True):
        self.base = base
        self.requests: list[str] = []
        self.context = browser.new_context(
            viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin", java_script_enabled=javascript
        )
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        if clock is not None:
            self.page.clock.set_fixed_time(clock)

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.status == 200, path

    def cards(self) -> list[str]:
        return self.page.evaluate(VISIBLE_CARDS)

    def query(self) -> str:
        return self.page.evaluate("location.search")


NOON = datetime(2026, 12, 2, 12, 0, tzinfo=BERLIN)


@pytest.fixture
def tab(browser, url):
    opened = Tab(browser, url, DESKTOP, NOON)
    yield opened
    opened.context.close()


@pytest.fixture
def phone(browser, url):
    opened = Tab(browser, url, PHONE, NOON)
    yield opened
    opened.context.close()


@pytest.fixture
def no_script(browser, url):
    opened = Tab(browser, url, DESKTOP, None, javascript=False)
    yield opened
    opened.context.close()


def filter_link(page, name: str):
    return page.locator("nav.q-filters a.q-filters__choice", has_text=name).first


# -- without JavaScript -------------------------------------------------------------------


def test_without_javascript_the_full_list_is_there(no_script):
    no_script.open(INDEX)
    assert mine(no_script.cards()) == UPCOMING
    assert len(no_script.cards()) == no_script.page.locator("li.q-event-card").count() > len(UPCOMING)
    assert no_script.page.evaluate(STATUS) == ""
    assert not no_script.page.locator("[data-filter-reset]").is_visible()


@pytest.mark.parametrize(
    ("label", "path"),
    [
        ("Heute", "heute"),
        ("Diese Woche", "diese-woche"),
        ("Wochenende", "wochenende"),
        ("Nächste 30 Tage", "naechste-30-tage"),
    ],
)
def test_without_javascript_a_time_filter_leads_to_its_page(no_script, label: str, path: str):
    no_script.open(INDEX)
    filter_link(no_script.page, label).click()
    no_script.page.wait_for_url(f"**/veranstaltungen/{path}/")
    assert mine(no_script.cards()) == EXPECTED[path]
    assert theirs(no_script.cards()) == EXAMPLE_IN_RANGE[path]
    assert no_script.page.locator("[aria-current=page]").inner_text() == label
    assert "Stand: 2. Dezember 2026" in no_script.page.locator("p.q-stand").inner_text()


def test_without_javascript_city_program_and_format_lead_to_their_pages(no_script):
    page = no_script.page
    no_script.open(INDEX)
    page.locator("details[data-filter-group=stadt] > summary").click()
    filter_link(page, "Berlin").click()
    page.wait_for_url("**/staedte/berlin/")
    assert page.locator("h1").inner_text() == "Berlin"
    no_script.open(INDEX)
    page.locator("details[data-filter-group=programm] > summary").click()
    filter_link(page, "Initiative ergreifen").click()
    page.wait_for_url("**/programme/initiative-ergreifen/")
    no_script.open(INDEX)
    filter_link(page, "Hybrid").click()
    page.wait_for_url("**/veranstaltungen/hybrid/")
    # The example's own hybrid events are there too: the fixture's two among them.
    assert {"2026-11-04-mittwochsrunde", "2026-12-05-samstag"} <= set(no_script.cards())
    no_script.open(INDEX)
    filter_link(page, "Online").click()
    page.wait_for_url("**/veranstaltungen/online/")
    assert no_script.requests and not foreign(no_script.requests)


# -- with JavaScript ------------------------------------------------------------------------


def test_heute_filters_in_place_and_a_reload_keeps_it(tab):
    tab.open(INDEX)
    everything = tab.cards()
    assert mine(everything) == UPCOMING
    filter_link(tab.page, "Heute").click()
    assert tab.page.url.endswith("/veranstaltungen/?zeit=heute")
    assert tab.cards() == EXPECTED["heute"]
    assert tab.page.evaluate(STATUS) == "4 Veranstaltungen: heute (Mittwoch, 2. Dezember 2026)."
    assert filter_link(tab.page, "Heute").get_attribute("aria-current") == "true"
    # Months without a card left are hidden with their heading.
    assert tab.page.locator(".q-events-month:visible h2").all_inner_texts() == ["Dezember 2026"]
    tab.page.reload(wait_until="load")
    assert tab.query() == "?zeit=heute"
    assert tab.cards() == EXPECTED["heute"]
    assert filter_link(tab.page, "Heute").get_attribute("aria-current") == "true"
    # A link's address is the view it leads to: shareable, and opens the same here.
    assert filter_link(tab.page, "Heute").get_attribute("href").endswith("/veranstaltungen/")
    assert filter_link(tab.page, "Wochenende").get_attribute("href") == "?zeit=wochenende"


@pytest.mark.parametrize("key", list(EXPECTED))
def test_every_time_filter_in_place_shows_what_its_page_shows(tab, key: str):
    tab.open(f"{INDEX}?zeit={key}")
    in_place = tab.cards()
    # In place the cards keep the index's order (a series by its next date); its page
    # orders a series by its first date in the range.
    assert sorted(mine(in_place)) == sorted(EXPECTED[key]) and theirs(in_place) == EXAMPLE_IN_RANGE[key]
    assert mine(in_place) == [slug for slug in UPCOMING if slug in EXPECTED[key]]
    tab.open(f"{INDEX}{key}/")
    assert sorted(tab.cards()) == sorted(in_place)


def test_filters_combine_toggle_and_clear(tab):
    page = tab.page
    tab.open(f"{INDEX}?zeit=diese-woche&stadt=berlin")
    berlin_this_week = ["2026-12-02-abgesagt", "2026-11-30-taeglich", "2026-11-04-mittwochsrunde", "2026-12-05-samstag"]
    assert tab.cards() == berlin_this_week
    assert page.locator("details[data-filter-group=stadt] > summary").inner_text() == "Stadt: Berlin"
    filter_link(page, "Hybrid").click()
    assert tab.query() == "?zeit=diese-woche&stadt=berlin&format=hybrid"
    assert tab.cards() == ["2026-11-04-mittwochsrunde", "2026-12-05-samstag"]
    assert page.evaluate(STATUS).startswith("2 Veranstaltungen: diese Woche (Mittwoch, 2. Dezember 2026 bis Sonntag")
    assert page.evaluate(STATUS).endswith(", in Berlin, hybrid.")
    # Clicking a chosen filter again lets it go.
    filter_link(page, "Diese Woche").click()
    assert tab.query() == "?stadt=berlin&format=hybrid"
    # A combination without events says so.
    filter_link(page, "Heute").click()
    filter_link(page, "Online").click()
    assert tab.cards() == []
    assert page.evaluate(STATUS) == "Keine Veranstaltungen: heute (Mittwoch, 2. Dezember 2026), in Berlin, online."
    reset = page.locator("[data-filter-reset]")
    assert reset.is_visible()
    reset.click()
    assert tab.query() == ""
    everything = page.locator("li.q-event-card").count()
    assert len(tab.cards()) == everything
    assert page.evaluate(STATUS) == f"Alle {everything} kommenden Veranstaltungen."
    assert not reset.is_visible()


def test_unknown_values_are_dropped_and_a_program_shows_what_its_page_lists(tab):
    tab.open(f"{INDEX}?zeit=gestern&stadt=nirgendwo&programm=initiative-ergreifen")
    assert tab.query() == "?programm=initiative-ergreifen"
    shown = tab.cards()
    # The program's page, made by the engine, lists the same upcoming events.
    tab.open("programme/initiative-ergreifen/")
    upcoming = tab.page.locator("h2", has_text="Kommende").locator("xpath=following-sibling::ul[1]")
    listed = upcoming.locator("a.q-event-card__title").evaluate_all(
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, '').split('/').pop())"
    )
    assert shown == listed
    assert {"2026-12-02-heute-essen", "2026-11-04-mittwochsrunde", "2027-01-11-in-40-tagen"} <= set(shown)


def test_keyboard_only(tab):
    page = tab.page
    tab.open(INDEX)
    first = filter_link(page, "Heute")
    # Tab from the top of the content reaches the first filter before any card.
    page.locator("#inhalt").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.value") == "heute":
            break
    assert page.evaluate("document.activeElement.dataset.value") == "heute"
    page.keyboard.press("Enter")
    assert tab.query() == "?zeit=heute" and tab.cards() == EXPECTED["heute"]
    assert page.evaluate("document.activeElement.dataset.value") == "heute", "focus stays on the filter"
    assert first.get_attribute("aria-current") == "true"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.value") == "wochenende"
    page.keyboard.press("Enter")
    assert tab.query() == "?zeit=wochenende" and sorted(tab.cards()) == sorted(EXPECTED["wochenende"])
    # The city list opens from its summary with the keyboard too.
    page.locator("details[data-filter-group=stadt] > summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.filter") == "stadt"
    page.keyboard.press("Enter")
    assert "stadt=" in tab.query()


def test_a_page_built_yesterday_filters_by_the_visitors_day(browser, url):
    # Built on Wednesday the 2nd, read on Thursday the 3rd: "heute" is Thursday.
    late = Tab(browser, url, DESKTOP, datetime(2026, 12, 3, 0, 30, tzinfo=BERLIN))
    try:
        late.open(f"{INDEX}?zeit=heute")
        assert mine(late.cards()) == ["2026-11-30-taeglich", "2026-12-03-donnerstag"]
        assert theirs(late.cards()) == ["2026-12-03-ews-auftaktworkshop-duesseldorf"]
        assert late.page.evaluate(STATUS) == "3 Veranstaltungen: heute (Donnerstag, 3. Dezember 2026)."
    finally:
        late.context.close()
    # More than a week later the cards' days no longer reach: the build day holds, as
    # on the static pages, and the status names it.
    stale = Tab(browser, url, DESKTOP, datetime(2027, 1, 15, 9, 0, tzinfo=BERLIN))
    try:
        stale.open(f"{INDEX}?zeit=heute")
        assert stale.cards() == EXPECTED["heute"]
        assert stale.page.evaluate(STATUS) == "4 Veranstaltungen: heute (Mittwoch, 2. Dezember 2026)."
    finally:
        stale.context.close()


def test_only_the_index_loads_the_script_and_nothing_leaves_the_site(tab):
    tab.open("")
    tab.open(f"{INDEX}heute/")
    assert not [u for u in tab.requests if "quartier-filter" in u]
    tab.open(INDEX)
    tab.page.wait_for_load_state("networkidle")
    assert [u for u in tab.requests if "quartier-filter" in u] == [tab.base + "assets/javascripts/quartier-filter.js"]
    assert not foreign(tab.requests)


# -- axe, phone width, screenshots ------------------------------------------------------------

AXE_PAGES = ["", INDEX, f"{INDEX}?zeit=heute&stadt=berlin", f"{INDEX}heute/", f"{INDEX}wochenende/"]


@pytest.mark.parametrize("path", AXE_PAGES)
@pytest.mark.parametrize("size", ["phone", "tab"])
def test_no_axe_violations(request, axe, size: str, path: str):
    opened = request.getfixturevalue(size)
    opened.open(path)
    # The disclosures open, so that axe sees every link in them.
    for summary in opened.page.locator("details.q-filters__more > summary").all():
        summary.click()
    violations = run_axe(opened.page)
    width = opened.page.viewport_size["width"]
    assert not violations, f"{path or '/'} ({width} px):\n{format_violations(violations)}"


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_sideways_scrolling_on_a_phone(phone, path: str):
    phone.open(path)
    for summary in phone.page.locator("details.q-filters__more > summary").all():
        summary.click()
    scroll_width, client_width = phone.page.evaluate(SCROLL)
    assert scroll_width <= client_width, (path, scroll_width, client_width)


@pytest.mark.parametrize(
    ("name", "path"),
    [("veranstaltungen", INDEX), ("veranstaltungen-heute-berlin", f"{INDEX}?zeit=heute&stadt=berlin"), ("start", "")],
)
@pytest.mark.parametrize("size", ["phone", "tab"])
def test_screenshots(request, size: str, name: str, path: str):
    opened = request.getfixturevalue(size)
    opened.open(path)
    opened.page.wait_for_load_state("networkidle")
    # Material fades the tabs in, one after the other.
    opened.page.wait_for_function(
        "() => [...document.querySelectorAll('.md-tabs__item')].every(e => getComputedStyle(e).opacity === '1')"
    )
    width = opened.page.viewport_size["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / f"schnellfilter-{name}-{width}.png"), full_page=True)
