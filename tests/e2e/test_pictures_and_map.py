"""Pictures made for phones, and a map that asks before it loads anything.

The budget is measured as a visitor's browser receives the page: every response of the
event page's view at 390 px (a phone with a dense screen, device pixel ratio 3), text
counted as gzip sends it (GitHub Pages compresses HTML, CSS, JavaScript, JSON and SVG),
images as they are. The map is checked with axe-core at 390 and 1,280 px, and with
tiles turned on: nothing goes to the tile server before „Karte laden“ is clicked.
"""

from __future__ import annotations

import functools
import gzip
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from .helpers import AXE, DESKTOP, PAGES, PHONE, SCREENSHOTS, TODAY, copy_project, format_violations, run_axe, serve

BUDGET = 150 * 1024
EVENT = PAGES["event"]  # the upcoming event with a picture
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def _transfer(browser, base_url: str, path: str, dpr: float) -> tuple[int, dict[str, int], str]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=dpr, locale="de-DE")
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        # Scroll through the page, so that lazy images below the first screen load too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        chosen = page.evaluate("document.querySelector('figure.q-picture img').currentSrc")
        sizes = {}
        for response in responses:
            body = response.body()
            kind = response.headers.get("content-type", "")
            sizes[response.url] = len(gzip.compress(body, 6)) if kind.startswith(TEXT_TYPES) else len(body)
        return sum(sizes.values()), sizes, chosen
    finally:
        context.close()


@pytest.mark.parametrize("dpr", [1, 3])
@pytest.mark.parametrize("site", ["example", "phone-photo"])
def test_an_event_page_with_its_picture_stays_within_150_kb_on_a_phone(request, browser, dpr, site):
    """The example's picture (600 px wide), and in its place a 4,000 × 3,000 phone photo."""
    base_url = request.getfixturevalue("base_url" if site == "example" else "tiled_site")
    total, sizes, chosen = _transfer(browser, base_url, EVENT, dpr)
    pictures = {url: size for url, size in sizes.items() if "/bilder/" in url}
    # Exactly one size of the picture, a WebP, and nothing else of it (no fallback too).
    assert list(pictures) == [chosen] and chosen.endswith(".webp"), pictures
    detail = "\n".join(f"{size:>8} {urlsplit(url).path}" for url, size in sorted(sizes.items(), key=lambda i: -i[1]))
    assert total <= BUDGET, f"{total} bytes at 390 px, device pixel ratio {dpr}:\n{detail}"
    print(f"\n{EVENT} at 390 px, DPR {dpr}: {total} bytes ({total / 1024:.1f} KB), picture {chosen}")


def test_the_picture_below_the_first_screen_waits_until_it_is_needed(browser, base_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=3)
    page = context.new_page()
    try:
        page.goto(base_url + EVENT, wait_until="load")
        picture = page.locator("figure.q-picture img")
        assert picture.get_attribute("loading") == "lazy"
        assert picture.get_attribute("width") and picture.get_attribute("height")
        assert picture.bounding_box()["y"] > PHONE["height"]  # the facts and buttons come first
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_map_page_has_no_accessibility_violations_and_asks_no_other_server(browser, base_url, viewport):
    if not AXE.is_file():
        pytest.skip(f"{AXE} fehlt (cd tests/js && npm ci)")
    context = browser.new_context(viewport=viewport, locale="de-DE")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        page.goto(base_url + PAGES["map"], wait_until="networkidle")
        violations = run_axe(page)
        assert not violations, format_violations(violations)
        assert [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"karte-{viewport['width']}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        # A city page's link leads to its point, which the map marks.
        page.goto(base_url + "karte/#punkt-essen", wait_until="load")
        assert page.evaluate("getComputedStyle(document.querySelector('#punkt-essen circle')).fill") != (
            page.evaluate("getComputedStyle(document.querySelector('#punkt-koeln circle')).fill")
        )
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_screenshot_of_an_event_page_with_its_picture(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, device_scale_factor=2 if viewport is PHONE else 1)
    page = context.new_page()
    try:
        page.goto(base_url + EVENT, wait_until="load")
        page.locator("figure.q-picture").scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelector('figure.q-picture img').complete")
        page.evaluate("window.scrollTo(0, 0)")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"event-picture-{viewport['width']}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    finally:
        context.close()


# -- tiles turned on ----------------------------------------------------------------------


class _Tiles(SimpleHTTPRequestHandler):
    """A tile server of its own for the test: one grey PNG for every tile, every request kept."""

    seen: list[str] = []
    tile = b""

    def do_GET(self) -> None:  # noqa: N802
        type(self).seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.tile)))
        self.end_headers()
        self.wfile.write(self.tile)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def tile_server():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (256, 256), (220, 220, 220)).save(out, format="PNG")
    _Tiles.tile = out.getvalue()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Tiles))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Reached as "localhost": another host than the site's 127.0.0.1, as a tile server is.
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def tiled_site(tmp_path_factory, tile_server):
    """The example site with tiles turned on, and a 4,000 × 3,000 phone photo (GPS, serial)
    as the upcoming event's picture."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from test_pictures import phone_photo

    project = copy_project(tmp_path_factory.mktemp("tiles") / "project")
    (project / "content/events/bilder/kaffeepause.jpg").write_bytes(phone_photo())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    data = yaml.safe_load(text.replace("!!python/name:", ""))
    assert "map_tiles" not in data["extra"]["quartier"]
    text = text.replace(
        "  quartier:\n",
        f"  quartier:\n    map_tiles: {tile_server}/{{z}}/{{x}}/{{y}}.png\n    map_tiles_attribution: Testkacheln\n",
        1,
    )
    config.write_text(text, encoding="utf-8")
    out = project / "site"
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", QUARTIER_CACHE="aus")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    with serve(out, "e2e-tiles") as url:
        yield url


def test_with_tiles_on_nothing_goes_to_the_tile_server_before_the_click(browser, tiled_site, tile_server):
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        _Tiles.seen.clear()
        page.goto(tiled_site + "karte/", wait_until="networkidle")
        page.wait_for_timeout(500)
        server = urlsplit(tile_server).hostname
        assert "localhost" in page.locator(".q-map-tiles").inner_text()  # named before
        assert [u for u in requests if urlsplit(u).hostname == server] == [] and _Tiles.seen == []
        if AXE.is_file():
            violations = run_axe(page)
            assert not violations, format_violations(violations)
        page.get_by_role("button", name="Karte laden").click()
        page.wait_for_function("document.querySelectorAll('#q-map-tiles-view img.q-tile').length > 0")
        page.wait_for_load_state("networkidle")
        asked = [u for u in requests if urlsplit(u).hostname == server]
        assert asked and _Tiles.seen, "the tile map did not load after the click"
        assert all(urlsplit(u).path.endswith(".png") for u in asked)
        # The same cities, each a link to its page.
        essen = page.locator(".q-map-tiles__marker", has_text="Essen")
        assert essen.get_attribute("href").endswith("/staedte/essen/")
        assert page.locator(".q-map-tiles__attribution").inner_text() == "Kartenbilder: Testkacheln"
        # Only the site and the tile server it named.
        assert {urlsplit(u).hostname for u in requests} <= {"127.0.0.1", server}
    finally:
        context.close()
