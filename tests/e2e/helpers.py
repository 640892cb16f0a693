"""What the browser tests share: the pages to visit, axe-core and the site's search."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-21"
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCAL_HOST = "127.0.0.1"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Example content (content/ as of TODAY) standing for each kind of page.
UPCOMING_EVENT = "veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/"
HYBRID_EVENT = "veranstaltungen/2027-01-21-jahrestreffen-staedtenetz-soziale-stadt/"
CANCELLED_EVENT = "veranstaltungen/2027-01-28-netzwerktreffen-engagiert-in-nrw-herne/"
POSTPONED_ONLINE_EVENT = "veranstaltungen/2027-02-11-zele-online-forum-dorflaeden/"
PAST_EVENT = "veranstaltungen/2022-09-14-ko-kreative-transformation/"
EVENT_PAGES = (UPCOMING_EVENT, HYBRID_EVENT, CANCELLED_EVENT, POSTPONED_ONLINE_EVENT, PAST_EVENT)

PAGES = {
    "start": "",
    "events": "veranstaltungen/",
    "archive": "veranstaltungen/archiv/",
    "online": "veranstaltungen/online/",
    "projects": "projekte/",
    "cities": "staedte/",
    "map": "karte/",
    "programs": "programme/",
    "event": UPCOMING_EVENT,
    "event-hybrid": HYBRID_EVENT,
    "event-cancelled": CANCELLED_EVENT,
    "event-postponed-online": POSTPONED_ONLINE_EVENT,
    "event-past": PAST_EVENT,
    "project": "projekte/buergerhaus-alte-schule-altendorf/",
    "program": "programme/initiative-ergreifen/",
    "city": "staedte/essen/",
    "month": "veranstaltungen/kalender/2027/04/",
    "news": "aktuelles/",
    "news-post": "aktuelles/2026-10-15-projektboerse-2027-angekuendigt/",
    "about": "ueber-das-programm/",
    "subscribe-help": "kalender-abonnieren/",
    "accessibility": "barrierefreiheit/",
    "easy-language": "leichte-sprache/",
    "imprint": "impressum/",
    "privacy": "datenschutz/",
    "not-found": "404.html",
    "search": "suche/",
}

FOOTER_PAGES = {
    "Leichte Sprache": "leichte-sprache/",
    "Barrierefreiheit": "barrierefreiheit/",
    "Impressum": "impressum/",
    "Datenschutz": "datenschutz/",
    "Offene Daten": "daten/",
}


def copy_project(target: Path) -> Path:
    """What `mkdocs build` reads: its config, the hook (with the engine beside it), the
    theme overrides and both content folders."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "content", "hooks", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(folder: Path, name: str = "e2e-http") -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` serving ``folder``: a free port, a background thread."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def built_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def foreign(urls: list[str]) -> list[str]:
    """Requests that left the machine: any host but the test server (data: and blob: stay local)."""
    return [
        u for u in urls if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != LOCAL_HOST
    ]


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the whole document: the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}));
        }""",
        WCAG_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} Stellen): {v['help']}")
        for node in v["nodes"][:6]:
            detail = " ".join(node["summary"].split())[:220]
            lines.append(f"    {node['target']}  –  {detail}")
    return "\n".join(lines)


SEARCH_DONE = "() => /Treffer/.test((document.getElementById('q-search-status') || {}).textContent || '')"


def search(page, query: str) -> list[str]:
    """Searches like a visitor, from the page that is open: the header's field (on a phone
    the header's search button, then the search page's field), Enter, and the results'
    paths once the page says how many there are."""
    field = page.locator("#q-header-search-input")
    if field.is_visible():
        field.click()
        page.keyboard.type(query, delay=10)
        page.keyboard.press("Enter")
    else:
        page.click(".q-header-search__link")
        page.wait_for_selector("#q-search-query")
        page.click("#q-search-query")
        page.keyboard.type(query, delay=10)
        page.keyboard.press("Enter")
    page.wait_for_function(SEARCH_DONE)
    hrefs = page.eval_on_selector_all("#q-search-results a", "els => els.map(e => e.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]
