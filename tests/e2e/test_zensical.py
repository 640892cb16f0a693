"""The Zensical build of the example site in the browser: axe finds nothing on the main
page types, no request leaves the site, and search finds what it finds in the MkDocs build."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_zensical import build_with_zensical

from .conftest import _visit
from .helpers import DESKTOP, PAGES, PHONE, REPO, TODAY, format_violations, run_axe, search, serve

MAIN_PAGES = [
    "start",
    "events",
    "archive",
    "event",
    "event-cancelled",
    "project",
    "program",
    "city",
    "news",
    "news-post",
    "about",
    "subscribe-help",
    "imprint",
    "not-found",
    "search",
]


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory):
    site: Path = build_with_zensical(REPO, tmp_path_factory.mktemp("zensical") / "project", TODAY)
    with serve(site, "zensical-http") as url:
        yield url


@pytest.fixture
def zensical_visit(browser, zensical_url):
    context, visit = _visit(browser, zensical_url, DESKTOP)
    yield visit
    context.close()


@pytest.fixture
def zensical_phone_visit(browser, zensical_url):
    context, visit = _visit(browser, zensical_url, PHONE)
    yield visit
    context.close()


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_no_axe_violations(zensical_visit, axe, name: str):
    response = zensical_visit.open(PAGES[name])
    assert response.status == 200
    assert zensical_visit.page.evaluate("document.documentElement.lang") == "de"
    violations = run_axe(zensical_visit.page)
    assert not violations, f"{PAGES[name] or '/'} (Zensical):\n{format_violations(violations)}"


@pytest.mark.parametrize("name", ["start", "event", "news", "search"])
def test_no_axe_violations_on_a_phone(zensical_phone_visit, axe, name: str):
    zensical_phone_visit.open(PAGES[name])
    violations = run_axe(zensical_phone_visit.page)
    assert not violations, f"{PAGES[name] or '/'} (Zensical, 390 px):\n{format_violations(violations)}"


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_every_request_stays_on_the_site(zensical_visit, name: str):
    zensical_visit.open(PAGES[name])
    zensical_visit.settle()
    assert zensical_visit.requests
    assert not zensical_visit.foreign_requests(), zensical_visit.foreign_requests()


def test_search_works_and_stays_on_the_site(zensical_visit):
    zensical_visit.open("")
    results = search(zensical_visit.page, "Essen")
    assert "staedte/essen/" in results, results
    assert any(path.startswith("veranstaltungen/") for path in results), results
    zensical_visit.settle()
    assert not zensical_visit.foreign_requests(), zensical_visit.foreign_requests()


def test_search_finds_the_same_as_in_the_mkdocs_build(zensical_visit, visit):
    """The same query on both sites gives the same results in the same order."""
    zensical_visit.open("")
    visit.open("")
    for query in ("Werkstatt", "Dorfladen"):
        ours = search(visit.page, query)
        theirs = search(zensical_visit.page, query)
        assert ours and ours == theirs, (query, ours, theirs)
        visit.open("")
        zensical_visit.open("")


def test_search_on_a_phone(zensical_phone_visit):
    zensical_phone_visit.open(PAGES["event"])
    assert "staedte/essen/" in search(zensical_phone_visit.page, "Essen")
