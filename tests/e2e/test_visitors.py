"""What a visitor sees first on event pages, and screenshots of the main pages at phone
and desktop widths (test-artifacts/screenshots/, for people to look at)."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image

from .helpers import CANCELLED_EVENT, PAGES, PAST_EVENT, SCREENSHOTS, UPCOMING_EVENT


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


@pytest.mark.parametrize("name", list(PAGES))
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


# -- what a phone shows first --------------------------------------------------------------


@pytest.mark.parametrize("path", [UPCOMING_EVENT, CANCELLED_EVENT, PAGES["event-hybrid"]])
def test_add_to_calendar_starts_in_the_first_screen_of_a_phone(phone_visit, path: str):
    phone_visit.open(path)
    first = phone_visit.page.locator(".q-add-to-calendar a.q-button").first
    box = first.bounding_box()
    assert box and box["y"] < phone_visit.page.viewport_size["height"], f"{path}: the first button starts at {box}"
    labels = phone_visit.page.eval_on_selector_all(
        ".q-add-to-calendar a.q-button", "els => els.map(e => e.textContent.trim())"
    )
    assert labels == ["Termin herunterladen (.ics)", "Google Kalender", "Outlook im Web"]


def test_event_page_facts_and_a_way_back(phone_visit):
    phone_visit.open(UPCOMING_EVENT)
    page = phone_visit.page
    facts = page.eval_on_selector_all("dl.q-facts:not(.q-facts--more) > dt", "els => els.map(e => e.textContent)")
    assert facts[:3] == ["Wann", "Wo", "Format"]
    assert re.match(
        r"(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), ", page.text_content("dl.q-facts dd")
    )
    back = page.locator("nav.q-back a")
    assert back.inner_text() == "← Alle Veranstaltungen" and back.get_attribute("href") == "../"
    assert page.locator("a.md-button", has_text="Zur Anmeldung").count() == 1
    # No left sidebar that would only repeat the page.
    assert (
        not page.locator(".md-sidebar--primary[data-md-type=navigation]").is_visible()
        or page.locator(".md-sidebar--primary").get_attribute("hidden") is not None
    )


def test_first_event_card_is_in_the_first_screen_of_a_phone(phone_visit):
    phone_visit.open(PAGES["events"])
    card = phone_visit.page.locator("li.q-event-card").first
    box = card.bounding_box()
    assert box and box["y"] < phone_visit.page.viewport_size["height"]
    badge = card.locator(".q-date").inner_text().split()
    assert len(badge) == 3 and badge[1].isdigit()  # weekday, day, month


def test_city_listing_leaves_out_its_own_city_and_links_a_preset_search(visit):
    visit.open(PAGES["city"])
    places = visit.page.eval_on_selector_all(
        "li.q-event-card .q-event-item__where", "els => els.map(e => e.textContent)"
    )
    assert not [p for p in places if "Essen" in p]
    assert visit.page.locator("p.q-search-link a").get_attribute("href") == "../../suche/?stadt=Essen"


def test_short_site_name_on_a_phone(phone_visit, visit):
    phone_visit.open("")
    assert phone_visit.page.locator(".q-site-name--short").first.is_visible()
    assert not phone_visit.page.locator(".q-site-name--full").first.is_visible()
    visit.open("")
    assert visit.page.locator(".q-site-name--full").first.is_visible()


def test_print_view_of_an_event_is_one_a4_page_with_a_qr_code(visit):
    visit.open(UPCOMING_EVENT)
    page = visit.page
    page.emulate_media(media="print")
    assert page.locator(".q-print-qr svg").is_visible()
    assert not page.locator(".q-add-to-calendar").is_visible() and not page.locator("header.md-header").is_visible()
    # The code as printed (35 mm, scaled by the stylesheet) reads back as the page's address.
    image = Image.open(io.BytesIO(page.locator(".q-print-qr svg").screenshot(scale="device"))).convert("L")
    read = [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert read == [page.locator(".q-print-qr p").inner_text().removeprefix("Mehr dazu: ")]
    assert read[0].endswith(UPCOMING_EVENT)
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1, f"the notice takes {len(pages)} pages"
    page.emulate_media(media="screen")


def test_print_view_of_a_past_event_is_one_a4_page_with_its_address_and_no_code(visit):
    # The notice is for a board before the event: an event that is over prints without a code.
    visit.open(PAST_EVENT)
    page = visit.page
    page.emulate_media(media="print")
    assert page.locator(".q-print-qr").is_visible() and page.locator(".q-print-qr svg").count() == 0
    address = page.locator(".q-print-qr p").inner_text()
    assert address.startswith("Mehr dazu: https://") and address.endswith(PAST_EVENT)
    assert page.locator(".q-notice--past").is_visible()
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1, f"the notice takes {len(pages)} pages"
    page.emulate_media(media="screen")


START_PAGE_BYTES_BEFORE = 108_535
"""The start page's weight at commit cb0e05d (Material's search loaded its lunr index on
every view), measured the same way: gzip for text files, every request of one view."""


def test_start_page_weighs_no_more_than_before(browser, base_url):
    import gzip

    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(base_url)
        page.wait_for_load_state("networkidle")
        total = 0
        for request in finished:
            body = request.response().body() if request.response() else b""
            text = request.url.split("?")[0].endswith((".html", ".css", ".js", ".json", "/"))
            total += len(gzip.compress(body, 6)) if text else len(body)
        assert total <= START_PAGE_BYTES_BEFORE, f"start page: {total} bytes"
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        (UPCOMING_EVENT, "Veranstaltungen"),
        (PAGES["project"], "Projekte"),
        (PAGES["city"], "Städte"),
        (PAGES["news-post"], "Aktuelles"),
    ],
)
def test_the_section_tab_is_marked_on_item_pages(visit, path: str, tab: str):
    visit.open(path)
    weights = visit.page.eval_on_selector_all(
        ".md-tabs__link", "els => els.map(e => [e.textContent.trim(), getComputedStyle(e).fontWeight])"
    )
    marked = [name for name, weight in weights if int(weight) >= 700]
    assert marked == [tab], weights
