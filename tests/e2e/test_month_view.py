"""The month view in Chromium: axe-core at phone and desktop width, no sideways scrolling
on a phone (the grid becomes an agenda list), a way there and on to an event by keyboard
alone, and every day's full date for assistive technology. Screenshots of a month page
and of a city page with a series go to test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import re

import pytest

from .helpers import SCREENSHOTS, format_violations, run_axe

CURRENT = "veranstaltungen/kalender/2026/11/"
"""The month of the tests' today (2026-11-21): no events in the example content, so the
page says so and has no grid."""

DECEMBER = "veranstaltungen/kalender/2026/12/"
MOVED = "veranstaltungen/kalender/2027/04/"
"""The series' date of 6 April is moved to 7 April: both days say so."""

CANCELLED = "veranstaltungen/kalender/2027/08/"
"""The series' date of 3 August is cancelled."""

MONTHS = [CURRENT, MOVED, CANCELLED]
GRIDS = [DECEMBER, MOVED, CANCELLED]
CITY_WITH_SERIES = "staedte/essen/"
EVENT_IN_DECEMBER = "veranstaltungen/2026-12-03-ews-auftaktworkshop-duesseldorf/"

SCROLL = "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
SHOWN = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length > 0).map(e => e.innerText.replace(/\\s+/g, ' ').trim())"""


@pytest.mark.parametrize("path", MONTHS)
@pytest.mark.parametrize("fixture", ["phone_visit", "visit"])
def test_no_axe_violations(request, axe, fixture: str, path: str):
    visit = request.getfixturevalue(fixture)
    visit.open(path)
    violations = run_axe(visit.page)
    width = visit.page.viewport_size["width"]
    assert not violations, f"{path} ({width} px):\n{format_violations(violations)}"


@pytest.mark.parametrize("path", GRIDS)
def test_a_phone_shows_an_agenda_without_sideways_scrolling(phone_visit, path: str):
    phone_visit.open(path)
    scroll_width, client_width = phone_visit.page.evaluate(SCROLL)
    assert scroll_width <= client_width, (path, scroll_width, client_width)
    page = phone_visit.page
    # No weekday row, no empty days: each day shown is a day with events, with its full date.
    assert page.evaluate(SHOWN, "table.q-month thead th") == []
    assert page.evaluate(SHOWN, "td.q-month__day--free") == []
    days = page.evaluate(SHOWN, "td.q-month__day--busy")
    assert days, path
    for text in days:
        assert re.match(r"^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d+\. \w+ 20\d\d", text), text


def test_the_agenda_marks_moved_dates_in_words(phone_visit):
    phone_visit.open(MOVED)
    days = phone_visit.page.evaluate(SHOWN, "td.q-month__day--busy")
    assert days == [
        "Dienstag, 6. April 2027 Offene Sprechstunde „Initiative ergreifen“ verlegt auf Mittwoch, 7. April 2027",
        "Mittwoch, 7. April 2027 16:00 Uhr Offene Sprechstunde „Initiative ergreifen“ verlegt vom 6. April",
    ]
    phone_visit.open(CANCELLED)
    (august,) = phone_visit.page.evaluate(SHOWN, "td.q-month__day--busy")
    assert august == "Dienstag, 3. August 2027 16:00 Uhr Offene Sprechstunde „Initiative ergreifen“ abgesagt"


def test_a_desktop_shows_the_grid_of_weeks(visit):
    visit.open(MOVED)
    page = visit.page
    assert page.evaluate(SHOWN, "table.q-month thead th [aria-hidden=true]") == [
        "Mo",
        "Di",
        "Mi",
        "Do",
        "Fr",
        "Sa",
        "So",
    ]
    assert len(page.evaluate(SHOWN, "td.q-month__day")) == 30
    rows = page.eval_on_selector_all("table.q-month tbody tr", "rows => rows.map(r => r.children.length)")
    assert rows and set(rows) == {7}
    scroll_width, client_width = page.evaluate(SCROLL)
    assert scroll_width <= client_width


@pytest.mark.parametrize("fixture", ["phone_visit", "visit"])
def test_a_day_cell_is_named_with_its_full_date(request, fixture: str):
    """What a screen reader hears for a cell: its full date first, then its events."""
    visit = request.getfixturevalue(fixture)
    visit.open(DECEMBER)
    snapshot = visit.page.locator("table.q-month").aria_snapshot()
    assert 'table "Dezember 2026"' in snapshot
    assert (
        'cell "Donnerstag, 3. Dezember 2026 10:00 Uhr Zukunftsfaktor Bürgerengagement: '
        'Auftaktworkshop des neuen Durchgangs"' in snapshot
    ), snapshot
    cell = visit.page.get_by_role("cell", name=re.compile(r"^Donnerstag, 3\. Dezember 2026\b"))
    assert cell.count() == 1
    if fixture == "visit":
        # In the grid: the weekday columns by their full names, and an empty day says so.
        assert 'columnheader "Montag"' in snapshot and 'columnheader "Sonntag"' in snapshot
        assert 'cell "Dienstag, 1. Dezember 2026: keine Veranstaltungen"' in snapshot
    else:
        # In the agenda, empty days are left out altogether.
        assert "keine Veranstaltungen" not in snapshot


def _tab_to(page, predicate: str, limit: int = 80) -> None:
    """Presses Tab until ``predicate`` (JavaScript, about ``document.activeElement``) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"not reached by Tab: {predicate}")


def test_keyboard_only_from_the_events_to_the_month_view_to_the_next_month_to_an_event(visit):
    page = visit.page
    visit.open("veranstaltungen/")
    _tab_to(page, "() => (document.activeElement.textContent || '').startsWith('Monatskalender')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + CURRENT)
    assert page.locator("h1").inner_text() == "Veranstaltungen im November 2026"
    assert "Im November 2026 sind keine Veranstaltungen eingetragen." in page.locator("p.q-lead").inner_text()
    _tab_to(page, "() => document.activeElement.getAttribute('rel') === 'next'")
    assert page.evaluate("document.activeElement.textContent").strip() == "Nächster Monat: Dezember 2026 →"
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + DECEMBER)
    _tab_to(page, "() => !!document.activeElement.closest('table.q-month') && document.activeElement.matches('a')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + EVENT_IN_DECEMBER)
    assert page.locator("h1").inner_text().startswith("Zukunftsfaktor Bürgerengagement")


@pytest.mark.parametrize("path", [MOVED, CITY_WITH_SERIES])
@pytest.mark.parametrize("fixture", ["phone_visit", "visit"])
def test_screenshot(request, fixture: str, path: str):
    visit = request.getfixturevalue(fixture)
    visit.open(path)
    visit.settle()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = visit.page.viewport_size["width"]
    name = "month-view" if path == MOVED else "city-with-series"
    target = SCREENSHOTS / f"{name}-{width}.png"
    visit.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    scroll_width, client_width = visit.page.evaluate(SCROLL)
    assert scroll_width <= client_width
