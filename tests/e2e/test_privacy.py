"""Visitors' browsers talk to this site only: no fonts, scripts, maps or counters from
elsewhere, no cookies. Every request of the page, its frames and its workers is seen,
with the search opened and used on each page."""

from __future__ import annotations

import pytest

from .helpers import PAGES


@pytest.mark.parametrize("name", list(PAGES))
def test_no_request_leaves_the_site(report, name: str):
    seen = report(name)
    assert any(url.endswith("/search/search_index.json") for url in seen.requests), "the search index was not loaded"
    assert any("/assets/javascripts/workers/" in url for url in seen.requests), "no search worker request seen"
    assert any("/lunr/min/lunr.de.min.js" in url for url in seen.requests), "no German search language file seen"
    assert not seen.foreign_requests(), f"{seen.path or '/'} asked other hosts:\n" + "\n".join(seen.foreign_requests())


@pytest.mark.parametrize("name", list(PAGES))
def test_no_cookies_and_nothing_stored(report, name: str):
    """What docs/datenschutz.md promises: no cookies, nothing in the browser's storage."""
    seen = report(name)
    assert seen.cookies == [] and seen.document_cookie == ""
    assert seen.storage == [], f"stored in the browser: {seen.storage}"


def test_map_links_are_plain_links(visit):
    visit.open(PAGES["event"])
    visit.settle()
    osm = visit.page.locator("a", has_text="Ort auf OpenStreetMap zeigen")
    assert osm.count() == 1 and osm.get_attribute("href").startswith("https://www.openstreetmap.org/")
    assert visit.page.locator("iframe").count() == 0
    assert not visit.foreign_requests()
