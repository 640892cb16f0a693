"""What a visitor sees first on event pages, and screenshots of the main pages at phone
and desktop widths (test-artifacts/screenshots/, for people to look at)."""

from __future__ import annotations

import pytest

from .helpers import CANCELLED_EVENT, PAGES, PAST_EVENT, SCREENSHOTS


def first_blocks(page) -> list[str]:
    """The visible blocks of the article in reading order, as text."""
    return page.eval_on_selector_all(
        "article.md-content__inner article.q-event > *",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText.trim())",
    )


@pytest.mark.parametrize("fixture", ["visit", "phone_visit"])
def test_cancelled_event_says_so_before_anything_else(request, fixture: str):
    visit = request.getfixturevalue(fixture)
    visit.open(CANCELLED_EVENT)
    notice = visit.page.locator(".q-notice--cancelled")
    assert notice.is_visible() and notice.is_visible()
    assert notice.inner_text().startswith("Abgesagt:")
    blocks = first_blocks(visit.page)
    assert blocks[1].startswith("Abgesagt:"), blocks[:3]  # right after the title
    box = notice.bounding_box()
    assert box["y"] + box["height"] <= visit.page.viewport_size["height"], "the notice is below the first screen"


@pytest.mark.parametrize("fixture", ["visit", "phone_visit"])
def test_past_event_says_so_at_the_top(request, fixture: str):
    visit = request.getfixturevalue(fixture)
    visit.open(PAST_EVENT)
    notice = visit.page.locator(".q-notice--past")
    assert notice.is_visible()
    assert notice.inner_text() == "Diese Veranstaltung hat bereits stattgefunden."
    blocks = first_blocks(visit.page)
    assert blocks[1] == "Diese Veranstaltung hat bereits stattgefunden.", blocks[:3]
    box = notice.bounding_box()
    assert box["y"] + box["height"] <= visit.page.viewport_size["height"]


def test_upcoming_event_has_no_past_notice(visit):
    visit.open(PAGES["event"])
    assert visit.page.locator(".q-notice--past").count() == 0


@pytest.mark.parametrize("name", ["start", "event", "city"])
@pytest.mark.parametrize("fixture", ["phone_visit", "visit"])
def test_screenshot(request, fixture: str, name: str):
    visit = request.getfixturevalue(fixture)
    visit.open(PAGES[name])
    visit.settle()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = visit.page.viewport_size["width"]
    target = SCREENSHOTS / f"{name}-{width}.png"
    visit.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    # Nothing sticks out sideways (a horizontal scrollbar on a phone is a layout bug).
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
