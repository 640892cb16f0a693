"""The search (Pagefind over the finished HTML), used like a visitor does: German word
forms, venues, cities, programs, filters in the address, the keyboard alone, and axe with
results and filters showing at phone and desktop width."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .helpers import (
    DESKTOP,
    PAGES,
    PAST_EVENT,
    PHONE,
    SEARCH_DONE,
    TODAY,
    UPCOMING_EVENT,
    built_file,
    format_violations,
    run_axe,
    search,
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Gleisdreieck", [PAST_EVENT]),  # a venue's surroundings
        ("Zollverein", [UPCOMING_EVENT]),  # a venue
        ("Essen", ["staedte/essen/", UPCOMING_EVENT, PAGES["project"]]),  # a city: its page, events, projects
        ("Initiative ergreifen", ["programme/initiative-ergreifen/", UPCOMING_EVENT]),  # a program
    ],
)
def test_search_finds(visit, query: str, expected: list[str]):
    visit.open("")
    found = search(visit.page, query)
    for path in expected:
        assert path in found, f"{query!r}: {path} not among {found}"


def _text(site: Path, path: str) -> str:
    return built_file(site, path).read_text(encoding="utf-8")


def test_german_stemming_finds_other_word_forms(visit, site_dir: Path):
    """ "Werkstätten" finds pages that only say "Werkstatt" (Pagefind stems by <html lang="de">)."""
    visit.open("")
    found = search(visit.page, "Werkstätten")
    only_singular = [
        p for p in found if re.search(r"Werkstatt\b", _text(site_dir, p)) and "Werkstätten" not in _text(site_dir, p)
    ]
    assert only_singular, f"no page with only 'Werkstatt' among {found}"
    assert "veranstaltungen/2026-03-19-perspektiven-werkstatt-leerstand-offenbach/" in found


def _results(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#q-search-results > li",
        """items => items.map(li => ({
            href: li.querySelector('a').getAttribute('href'),
            kind: li.querySelector('.q-search-result__kind').textContent,
            facts: (li.querySelector('.q-search-result__facts') || {}).textContent || '',
        }))""",
    )


def _summary(page) -> str:
    """The filters' one line as read aloud ("aktiv" and the colon are visually hidden)."""
    return " ".join(page.text_content("#q-search-more > summary").split())


def test_filters_live_in_the_address_and_narrow_the_results(visit):
    visit.open("suche/?q=Werkstatt&art=Veranstaltung&zeit=vergangen")
    visit.page.wait_for_function(SEARCH_DONE)
    results = _results(visit.page)
    assert results and all(r["kind"] == "Veranstaltung" for r in results)
    assert UPCOMING_EVENT not in {r["href"].lstrip("/") for r in results}
    # An event result shows its date and place, separated.
    assert all(re.search(r"\d{2}\.\d{2}\.\d{4}.* · \S", r["facts"]) for r in results), results
    # The filters in use are named on the one closed line above the results, not spread out.
    more = visit.page.locator("#q-search-more")
    assert more.get_attribute("open") is None
    assert _summary(visit.page) == "Filter (2 aktiv): Veranstaltung · vergangen"
    assert visit.page.locator("#q-filter-art").is_hidden()
    # Opening it shows them chosen.
    visit.page.click("#q-search-more > summary")
    assert visit.page.input_value("#q-filter-art") == "Veranstaltung"
    assert visit.page.input_value("#q-filter-zeit") == "vergangen"
    # Changing a filter rewrites the address, so the search can be bookmarked, and the line.
    visit.page.select_option("#q-filter-zeit", "")
    visit.page.select_option("#q-filter-stadt", "Berlin")
    visit.page.wait_for_function("() => location.search.includes('stadt=Berlin')")
    visit.page.wait_for_function(SEARCH_DONE)
    assert "zeit=" not in urlsplit(visit.page.url).query
    assert _summary(visit.page) == "Filter (2 aktiv): Veranstaltung · Berlin"


def test_upcoming_events_come_first_for_equal_relevance(visit):
    visit.open("suche/?art=Veranstaltung&stadt=Essen")
    visit.page.wait_for_function(SEARCH_DONE)
    days = [re.search(r"(\d{2})\.(\d{2})\.(\d{4})", r["facts"]).groups() for r in _results(visit.page)]
    upcoming = [f"{y}-{m}-{d}" >= TODAY for d, m, y in days]
    assert True in upcoming and False in upcoming, days
    assert upcoming == sorted(upcoming, reverse=True), days


def test_no_hits_says_so_with_a_hint(visit):
    visit.open("suche/?q=Quxyzzy")
    visit.page.wait_for_function(SEARCH_DONE)
    status = visit.page.text_content("#q-search-status")
    assert status.startswith("Keine Treffer") and "anderes Wort" in status
    assert visit.page.get_attribute("#q-search-status", "aria-live") == "polite"


def test_keyboard_alone(visit):
    """Tab to the header field, type, Enter; Escape empties the search page's field."""
    visit.open(PAGES["about"])
    page = visit.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q-header-search-input":
            break
    else:
        pytest.fail("the header's search field is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus on the search field"
    page.keyboard.type("Zollverein")
    page.keyboard.press("Enter")
    page.wait_for_function(SEARCH_DONE)
    assert UPCOMING_EVENT in [r["href"].lstrip("/") for r in _results(page)]
    page.focus("#q-search-query")
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.getElementById('q-search-results').hidden")
    assert page.input_value("#q-search-query") == "" and "q=" not in urlsplit(page.url).query


def test_without_javascript_the_page_says_so(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "suche/?q=Essen")
        text = page.text_content("noscript") or ""
        assert "braucht JavaScript" in text and "Veranstaltungen" in text
        # The filters' line opens without a script (a <details>).
        page.click("#q-search-more > summary")
        assert page.locator("#q-filter-art").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_no_axe_violations_with_results_and_filters(browser, base_url, axe, size):
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        page.goto(base_url + "suche/?q=Werkstatt&art=Veranstaltung")
        page.wait_for_function(SEARCH_DONE)
        assert page.locator("#q-search-results > li").count() > 0
        violations = run_axe(page)
        assert not violations, f"/suche/ ({size['width']} px):\n{format_violations(violations)}"
    finally:
        context.close()
