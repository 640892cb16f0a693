"""The example site, built once and served on 127.0.0.1, and a headless Chromium.

The browser is Debian's ``chromium`` driven by Playwright (which cannot download its
own browsers here); CI installs it (``.ci/run``). Without it, or without axe-core
from ``tests/js``, the browser tests are skipped with a message saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .helpers import AXE, DESKTOP, PAGES, PHONE, REPO, TODAY, foreign, run_axe, search, serve

CHROMIUM = os.environ.get("QUARTIER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The example site as of ``TODAY``, built with the real mkdocs.yml, hook and overrides."""
    out = tmp_path_factory.mktemp("e2e-site")
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    """``http://127.0.0.1:PORT/`` serving the built site."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Browser-Tests übersprungen: das Python-Paket playwright fehlt (pip install -e '.[test]').")
    if not Path(CHROMIUM).is_file():
        pytest.skip(
            f"Browser-Tests übersprungen: kein Chromium unter {CHROMIUM} "
            "(Debian/Ubuntu: apt-get install chromium; anderswo QUARTIER_CHROMIUM=/pfad/zu/chromium)."
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def axe(browser) -> Path:
    if not AXE.is_file():
        pytest.skip(f"Barrierefreiheits-Tests übersprungen: {AXE} fehlt (cd tests/js && npm ci).")
    return AXE


@dataclass
class Visit:
    """A fresh browser context (no cookies, no storage), its page and every request made in it,
    by the page, its frames and its workers."""

    page: object
    context: object
    base_url: str
    requests: list[str] = field(default_factory=list)

    def open(self, path: str):
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None, path
        return response

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle")

    def foreign_requests(self) -> list[str]:
        return foreign(self.requests)


def _visit(browser, base_url: str, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin")
    visit = Visit(page=None, context=context, base_url=base_url)
    context.on("request", lambda request: visit.requests.append(request.url))
    visit.page = context.new_page()
    visit.page.set_default_timeout(10_000)
    return context, visit


@pytest.fixture
def visit(browser, base_url):
    """A desktop-sized visit (1280 x 900)."""
    context, v = _visit(browser, base_url, DESKTOP)
    yield v
    context.close()


@pytest.fixture
def phone_visit(browser, base_url):
    """A phone-sized visit (390 x 844)."""
    context, v = _visit(browser, base_url, PHONE)
    yield v
    context.close()


@dataclass
class PageReport:
    """What one visit to one page showed; several tests read it, so each page loads once."""

    path: str
    status: int
    lang: str
    violations: list[dict] | None
    """axe-core's violations; ``None`` when axe-core is not installed."""
    skip: dict
    headings: list[tuple[int, str]]
    requests: list[str]
    cookies: list
    document_cookie: str
    storage: list
    """Keys in localStorage and sessionStorage after the visit."""
    view_requests: list[str] = field(default_factory=list)
    """What the page view alone asked for, before any search."""

    def foreign_requests(self) -> list[str]:
        return foreign(self.requests)


SKIP_LINK = """async () => {
    const describe = (element) => {
        const box = element.getBoundingClientRect();
        return {cls: element.className, text: element.textContent.trim(), href: element.getAttribute('href'),
                visible: box.width > 0 && box.height > 0 && box.top >= 0};
    };
    return describe(document.activeElement);
}"""

HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(e => e.getClientRects().length > 0)
    .map(e => [Number(e.tagName[1]), e.textContent.trim()])"""


def _report(browser, base_url: str, path: str) -> PageReport:
    context, visit = _visit(browser, base_url, DESKTOP)
    try:
        page = visit.page
        response = visit.open(path)
        lang = page.evaluate("document.documentElement.lang")
        violations = run_axe(page) if AXE.is_file() else None
        headings = [tuple(h) for h in page.evaluate(HEADINGS)]
        visit.settle()
        view_requests = list(visit.requests)
        # Privacy: everything the page, the search page and the search itself ask for.
        search(page, "Essen")
        visit.settle()
        storage = page.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
        # Keyboard, on a fresh load: the first Tab shows the skip link; Enter follows it;
        # the next Tab is in the content. (After a skip link was followed on a page loaded
        # a second time, Material's search does not open on click: so search came first.)
        visit.open(path)
        page.keyboard.press("Tab")
        skip = page.evaluate(SKIP_LINK)
        target = skip["href"] or ""
        skip["target_exists"] = target.startswith("#") and page.locator(target).count() == 1
        page.keyboard.press("Enter")
        skip["hash_after_enter"] = page.evaluate("location.hash")
        page.keyboard.press("Tab")
        skip["next_in_content"] = page.evaluate("!!document.activeElement.closest('.md-content')")
        return PageReport(
            path=path,
            status=response.status,
            lang=lang,
            violations=violations,
            skip=skip,
            headings=headings,
            requests=list(visit.requests),
            cookies=context.cookies(),
            document_cookie=page.evaluate("document.cookie"),
            storage=storage,
            view_requests=view_requests,
        )
    finally:
        context.close()


@pytest.fixture(scope="session")
def report(browser, base_url):
    """``report(name)``: the PageReport of ``PAGES[name]``, made on first use."""
    cache: dict[str, PageReport | Exception] = {}

    def get(name: str) -> PageReport:
        if name not in cache:
            try:
                cache[name] = _report(browser, base_url, PAGES[name])
            except Exception as error:  # noqa: BLE001 - reported by every test of this page, made once
                cache[name] = error
        found = cache[name]
        if isinstance(found, Exception):
            raise found
        return found

    return get
