"""Visitors' browsers talk to this site only: no fonts, scripts, maps or counters from
elsewhere, no cookies. Every request of the page, its frames and its workers is seen,
with a search started from each page. A page view itself loads nothing for search."""

from __future__ import annotations

import pytest

from .helpers import PAGES


@pytest.mark.parametrize("name", list(PAGES))
def test_no_request_leaves_the_site(report, name: str):
    seen = report(name)
    assert any("/pagefind/pagefind.js" in url for url in seen.requests), "the search was not used"
    assert any(url.endswith("/pagefind/wasm.de.pagefind") for url in seen.requests), "no German search index seen"
    assert not seen.foreign_requests(), f"{seen.path or '/'} asked other hosts:\n" + "\n".join(seen.foreign_requests())


@pytest.mark.parametrize("name", [n for n in PAGES if n != "search"])
def test_a_page_view_loads_nothing_for_search(report, name: str):
    """Pagefind's script, WebAssembly and index come only when a visitor searches."""
    loaded = [u for u in report(name).view_requests if "/pagefind/" in u or "quartier-suche" in u]
    assert loaded == [], f"{PAGES[name] or '/'} loads search files on a plain view: {loaded}"


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
