"""Hostile editor content, built into the example site and opened in a real browser.

Every body in ``tests/hostile/`` becomes the body of its own event; all of them
together also go into a project, a program, the start page, a news post and a
hand-written page in ``docs/``. The site is built with ``removed_html: warning``
(sanitized, reported, but built), so what is published is exactly what a visitor
would get if an editor ignored the report. Then every page of the site is opened in
headless Chromium and must stay inert: no dialog, no ``window.__pwned``, no changed
``document.title``, no request to another host, not after loading, not after
clicking every ``javascript:``/``vbscript:``/``data:`` link, not after firing every
inline event handler, not in Material's search results and highlighting. On the
pages with hostile content, the footer and (on events) the calendar box must still be
there, visible and clickable: no body may swallow or cover the rest of the page.

A control page with one of each thing the inspector looks for is put into the built
site by hand, so that an inspector that stopped seeing dialogs cannot pass silently.
"""

from __future__ import annotations

import functools
import html
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from quartier.text.markup import render

from .helpers import REPO, TODAY, copy_project, foreign, search, serve

HOSTILE = REPO / "tests" / "hostile"
ATTACKS = sorted(HOSTILE.glob("*.md"))
FIRST_DAY = date(2027, 3, 1)
"""Hostile events are upcoming as of TODAY, one day apart (the file name starts with the date)."""

TITLE_PREFIX = "Sicherheitstest"
PROJECT_SLUG = "sicherheitstest-projekt"
PROGRAM_SLUG = "sicherheitstest-programm"
NEWS_FILE = "2026-11-01-sicherheitstest-beitrag.md"
DOCS_PAGE = "sicherheitstest.md"
HOSTILE_TITLE = "<img src=x onerror=alert(1)> </title><script>alert(1)</script> \"'><svg onload=alert(1)>"
FRONT_MATTER_SLUG = "2027-02-27-sicherheitstest-felder"

BENIGN_SURVIVES = {
    "benign--admonition": [".md-content .admonition.note > .admonition-title", ".md-content .admonition.warning"],
    "benign--table": [".md-content table thead th", ".md-content table tbody tr + tr td"],
    "benign--details": [".md-content details > summary"],
    "benign--links": [
        ".md-content a[href^='mailto:']",
        ".md-content a[href^='tel:']",
        ".md-content a[href='https://example.org/quartier']",
        ".md-content h2#ablauf",
    ],
}
"""What ordinary editor content must still show after sanitizing."""

IMPRESSUM = "footer.md-footer a[href$='impressum/']"
CALENDAR = "section.q-add-to-calendar a[download]"


def event_slug(index: int, attack: Path) -> str:
    return f"{(FIRST_DAY + timedelta(days=index)).isoformat()}-{attack.stem.replace('--', '-')}"


def event_path(index: int, attack: Path) -> str:
    return f"veranstaltungen/{event_slug(index, attack)}/"


def marker(number: int) -> str:
    return f"## Abschnitt {number}\n\n"


def marker_id(number: int) -> str:
    return f"abschnitt-{number}"


def _markers(published: str) -> set[str]:
    # As elements only: after <plaintext> the rest is escaped text that still reads id="…".
    return set(re.findall(r'<h2 id="(abschnitt-\d+)">', published))


def _relative_links(links: tuple[str, ...]) -> list[str]:
    # The hostile bodies point at nothing on the site ("?x", "#x"); any other relative
    # target is a dead link, which stops the build (escaped by Markdown in some contexts,
    # "&#106;avascript:" becomes the path "&amp;#106;avascript:").
    found = []
    for link in links:
        try:
            parts = urlsplit(html.unescape(link))
        except ValueError:
            continue
        if parts.path and not parts.scheme and not parts.netloc:
            found.append(link)
    return found


@functools.cache
def combined_bodies() -> tuple[str, int]:
    """All hostile bodies in one text, and how many of them are followed by a marker heading.

    Some bodies rightly turn the rest of a Markdown text into a comment, code or one
    raw HTML block (``<!--`` never closed, an unclosed block element). Each body is
    tried after the ones kept so far: if the heading after it survives, it stays in
    line; otherwise it goes to the end, where it cannot hide the others. A body that
    would add a dead link in this company, or reach back and hide an earlier one even
    from the end, is left out (its own event still has it).
    """
    text, kept, tail = "", 0, []
    for attack in ATTACKS:
        body = attack.read_text(encoding="utf-8").rstrip("\n")
        rendered = render(text + body + "\n\n" + marker(kept))
        # All markers so far: a body may also reach back (a comment closed by a later "-->").
        if len(_markers(rendered.html)) == kept + 1 and not _relative_links(rendered.links):
            text, kept = text + body + "\n\n" + marker(kept), kept + 1
        else:
            tail.append(body)
    for body in tail:
        rendered = render(text + body + "\n\n")
        if len(_markers(rendered.html)) == kept and not _relative_links(rendered.links):
            text += body + "\n\n"
    return text, kept


# --- the site -------------------------------------------------------------------------


def _removed_html_as_warning(config: Path) -> None:
    """``extra.quartier.removed_html: warning``, whatever the copied mkdocs.yml says.

    mkdocs.yml holds ``!!python/name`` tags, so it is edited as text, not re-dumped.
    """
    lines = [
        line
        for line in config.read_text(encoding="utf-8").splitlines()
        if not re.match(r"^\s{4}(removed_html|raw_html)\s*:", line)
    ]
    anchor = next((i for i, line in enumerate(lines) if re.match(r"^\s{2}quartier\s*:\s*$", line)), None)
    assert anchor is not None and any(line.startswith("extra:") for line in lines[:anchor]), (
        "mkdocs.yml hat keinen Abschnitt extra.quartier mehr; der Test muss angepasst werden"
    )
    lines.insert(anchor + 1, "    removed_html: warning")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write(path: Path, front_matter: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\n" + body, encoding="utf-8")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _place_hostile_content(project: Path) -> None:
    content = project / "content"
    for index, attack in enumerate(ATTACKS):
        slug = event_slug(index, attack)
        _write(
            content / "events" / f"{slug}.md",
            f"""
            title: "{TITLE_PREFIX} {attack.stem}"
            start: "{slug[:10]} 18:00"
            end: "{slug[:10]} 20:00"
            venue:
              name: "Zeche Zollverein"
              address: "Gelsenkirchener Straße 181, 45309"
              city: Essen
            programs:
              - initiative-ergreifen
            summary: "Prüft, dass {attack.stem} harmlos veröffentlicht wird."
            """,
            attack.read_text(encoding="utf-8"),
        )
    everything, _ = combined_bodies()
    # The fields are escaped by the templates, not sanitized: one event with markup in all of them.
    _write(
        content / "events" / f"{FRONT_MATTER_SLUG}.md",
        f"""
        title: {_yaml_string(TITLE_PREFIX + " Felder " + HOSTILE_TITLE)}
        start: "{FRONT_MATTER_SLUG[:10]} 18:00"
        venue:
          name: {_yaml_string(HOSTILE_TITLE)}
          address: {_yaml_string(HOSTILE_TITLE)}
          city: Essen
        organizer: {_yaml_string(HOSTILE_TITLE)}
        programs: [initiative-ergreifen, {PROGRAM_SLUG}]
        projects: [{PROJECT_SLUG}]
        summary: {_yaml_string(HOSTILE_TITLE)}
        tags: [{_yaml_string(HOSTILE_TITLE)}]
        """,
        "Text.\n",
    )
    _write(
        content / "projects" / f"{PROJECT_SLUG}.md",
        f"""
        title: "{TITLE_PREFIX} Projekt"
        city: Essen
        programs: [initiative-ergreifen]
        status: active
        start_year: 2024
        organization: "Verein"
        summary: "Ein Projekt mit allen feindlichen Texten."
        """,
        everything,
    )
    _write(
        content / "programs" / f"{PROGRAM_SLUG}.md",
        f"""
        title: "{TITLE_PREFIX} Programm"
        summary: "Ein Programm mit allen feindlichen Texten."
        """,
        everything,
    )
    _write(
        content / "news" / NEWS_FILE,
        f"""
        title: "{TITLE_PREFIX} Beitrag"
        date: {NEWS_FILE[:10]}
        categories: [Sicherheit]
        summary: "Ein Beitrag mit allen feindlichen Texten."
        events: [{FRONT_MATTER_SLUG}]
        """,
        # The first paragraph is the excerpt on the news listings: make it hostile too.
        "Anriss <img src=?x onerror=alert(1)> [Klick](javascript:alert(1))\n\n" + everything,
    )
    start = content / "start.md"
    start.write_text(
        start.read_text(encoding="utf-8").rstrip("\n") + f"\n\n## {TITLE_PREFIX} Startseite\n\n" + everything,
        encoding="utf-8",
    )
    (project / "docs" / DOCS_PAGE).write_text(f"# {TITLE_PREFIX} Handgeschrieben\n\n" + everything, encoding="utf-8")


CONTROL = "_kontrolle"
CONTROL_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Kontrolle</title></head>
<body><div class="md-content">
<img src="?x" onerror="alert('beim Laden')">
<a href="java&#9;script:window.__pwned=1">Klick</a>
<p onclick="document.title='pwned'">Absatz</p>
<img src="https://tracker.example.org/kontrolle.png" alt="">
<footer class="md-footer"><a href="impressum/">Impressum</a></footer>
</div></body></html>
"""
"""Not built by the engine: written into the site after the build, with one of each
thing the inspector must catch, so that a broken inspector cannot pass silently."""


@dataclass
class HostileSite:
    root: Path
    log: str


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, browser) -> HostileSite:
    # Asks for the browser first: without Chromium the tests skip before a useless build.
    project = copy_project(tmp_path_factory.mktemp("hostile-project"))
    _removed_html_as_warning(project / "mkdocs.yml")
    _place_hostile_content(project)
    out = tmp_path_factory.mktemp("hostile-site")
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    # Not --strict: every removal is a warning here, and strict would abort on the first.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr[-6000:]
    control = out / CONTROL / "index.html"
    control.parent.mkdir()
    control.write_text(CONTROL_PAGE, encoding="utf-8")
    return HostileSite(out, result.stderr)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: HostileSite):
    with serve(hostile_site.root, "e2e-hostile-http") as url:
        yield url


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a path below the root ('' for the start page)."""
    pages = [p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")]
    pages = ["" if p == "./" else p for p in pages if not p.startswith(CONTROL + "/")]
    if (site / "404.html").is_file():
        pages.append("404.html")
    return sorted(pages)


def page_with(site: Path, heading: str) -> str | None:
    """The page whose <h1> holds ``heading`` (found, not guessed: URLs are the engine's business)."""
    for path in site_pages(site):
        file = site / path if path.endswith(".html") else site / path / "index.html"
        if re.search(r"<h1[^>]*>[^<]*" + re.escape(heading), file.read_text(encoding="utf-8")):
            return path
    return None


# --- the browser ----------------------------------------------------------------------

PWNED = "() => ({pwned: window.__pwned !== undefined, title: document.title})"

# Everything that would run code or leave the site when followed, with the scheme as
# the browser itself resolves it (entities, tabs and case already dealt with).
RISKY_TARGETS = r"""() => {
    const risky = /^(javascript|vbscript|data):$/i;
    const attrs = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster'];
    const found = [];
    document.querySelectorAll('*').forEach((el, index) => {
        for (const name of attrs) {
            const value = el.getAttribute(name);
            if (value === null) continue;
            let protocol = '';
            try { protocol = new URL(value, document.baseURI).protocol; } catch (e) { protocol = ''; }
            const squeezed = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
            if (risky.test(protocol) || /^(javascript|vbscript|data):/.test(squeezed)) {
                found.push({index, tag: el.tagName.toLowerCase(), name, value});
            }
        }
    });
    return found;
}"""

FOLLOW = """(index) => {
    const el = document.querySelectorAll('*')[index];
    if (!el) return;
    if (el.tagName === 'FORM') { el.requestSubmit ? el.requestSubmit() : el.submit(); return; }
    el.click();
}"""

HANDLERS = """() => {
    const found = [];
    document.querySelectorAll('*').forEach((el) => {
        for (const attr of [...el.attributes]) {
            if (attr.name.toLowerCase().startsWith('on')) {
                found.push({tag: el.tagName.toLowerCase(), name: attr.name, value: attr.value,
                            inContent: !!el.closest('.md-content')});
            }
        }
    });
    return found;
}"""

FIRE_HANDLERS = """() => {
    document.querySelectorAll('*').forEach((el) => {
        for (const attr of [...el.attributes]) {
            const name = attr.name.toLowerCase();
            if (name.startsWith('on')) {
                try { el.dispatchEvent(new Event(name.slice(2))); } catch (e) {}
            }
        }
    });
}"""

SETTLE = "() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)))"

REACHABLE = """(selector) => {
    const el = document.querySelector(selector);
    if (!el) return 'fehlt';
    // Where it belongs: the footer outside the content, the calendar box among the
    // event's facts (before the body). Anything else means the body swallowed it.
    if (el.closest('footer') && el.closest('.md-content')) return 'vom Inhalt verschluckt';
    const box0 = el.closest('section.q-add-to-calendar');
    const facts = document.querySelector('article.q-event');
    if (box0 && facts && box0.parentElement !== facts) return 'vom Inhalt verschluckt';
    el.scrollIntoView({block: 'center'});
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') return 'unsichtbar';
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (hit === el || el.contains(hit)) return 'ok';
    return 'verdeckt von ' + (hit ? hit.outerHTML.slice(0, 160) : 'nichts');
}"""


@dataclass
class Findings:
    """What one page did in the browser; ``problems`` is empty for a harmless page."""

    path: str
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def report(self) -> str:
        return f"/{self.path}:\n  " + "\n  ".join(self.problems)


class Inspector:
    """One browser context and one tab, reused for every page (fast), with every
    dialog, request and new tab recorded."""

    def __init__(self, browser, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin"
        )
        # Requests to other hosts are recorded (the test fails on them) but never sent.
        self.context.route(
            re.compile(r"^(?!https?://127\.0\.0\.1[:/])(?!data:)(?!blob:)(?!about:)"), lambda route: route.abort()
        )
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.on("dialog", self._dialog)
        self.context.on("page", self._popup)  # after new_page(): that one is ours
        self.cache: dict[str, Findings] = {}

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def _popup(self, page) -> None:
        if page is not self.page:
            self.popups.append(page.url)
            page.close()

    def close(self) -> None:
        self.context.close()

    def _open(self, path: str) -> int:
        response = self.page.goto(self.base_url + path, wait_until="load")
        self.page.evaluate(SETTLE)
        return response.status if response else 0

    def _alive(self, path: str, stage: str, findings: Findings) -> None:
        """Dialogs, flags and navigation so far, then back to a fresh copy of the page."""
        for dialog in self.dialogs:
            findings.problems.append(f"{stage}: Dialog {dialog}")
        self.dialogs.clear()
        for popup in self.popups:
            findings.problems.append(f"{stage}: neues Fenster {popup}")
        self.popups.clear()
        try:
            state = self.page.evaluate(PWNED)
        except Exception as error:  # noqa: BLE001 - a page that navigated away mid-check
            findings.problems.append(f"{stage}: Seite nicht mehr lesbar ({str(error).splitlines()[0]})")
            state = {"pwned": False, "title": ""}
        if state["pwned"]:
            findings.problems.append(f"{stage}: window.__pwned ist gesetzt")
        if "pwned" in state["title"].lower():
            findings.problems.append(f"{stage}: document.title geändert zu {state['title']!r}")
        if self.page.url != self.base_url + path:
            findings.problems.append(f"{stage}: Seite hat sich verlassen, jetzt {self.page.url}")
            self._open(path)

    def show(self, path: str) -> None:
        """The tab on ``path`` (an inspection from the cache does not load it)."""
        if self.page.url != self.base_url + path:
            self._open(path)

    def inspect(self, path: str, *, reachable: tuple[str, ...] = ()) -> Findings:
        if path in self.cache:
            return self.cache[path]
        findings = Findings(path)
        start = len(self.requests)
        self.dialogs.clear()
        status = self._open(path)
        if status != 200 and not path.endswith("404.html"):
            findings.problems.append(f"HTTP {status}")
        self._alive(path, "beim Laden", findings)

        for target in self.page.evaluate(RISKY_TARGETS):
            findings.problems.append(f"gefährliches Ziel <{target['tag']} {target['name']}={target['value']!r}>")
            try:
                self.page.evaluate(FOLLOW, target["index"])
                self.page.evaluate(SETTLE)
            except Exception:  # noqa: BLE001 - the click navigated; _alive reports it
                pass
            self._alive(path, f"nach Klick auf {target['value']!r}", findings)

        handlers = self.page.evaluate(HANDLERS)
        for handler in handlers:
            if handler["inContent"]:
                findings.problems.append(
                    f"Event-Handler im Inhalt: <{handler['tag']} {handler['name']}={handler['value']!r}>"
                )
        if handlers:
            try:
                self.page.evaluate(FIRE_HANDLERS)
                self.page.evaluate(SETTLE)
            except Exception:  # noqa: BLE001 - reported by _alive
                pass
            self._alive(path, "nach dem Auslösen der Event-Handler", findings)

        for selector in reachable:
            state = self.page.evaluate(REACHABLE, selector)
            if state != "ok":
                findings.problems.append(f"{selector}: {state}")

        findings.requests = self.requests[start:]
        for url in foreign(findings.requests):
            findings.problems.append(f"Anfrage an fremden Server: {url}")
        self.cache[path] = findings
        return findings


@pytest.fixture(scope="session")
def inspector(browser, hostile_url):
    instance = Inspector(browser, hostile_url)
    yield instance
    instance.close()


# --- the tests ------------------------------------------------------------------------


def test_inspector_catches_what_it_looks_for(inspector: Inspector) -> None:
    problems = "\n".join(inspector.inspect(CONTROL + "/", reachable=(IMPRESSUM,)).problems)
    for expected in (
        "beim Laden: Dialog alert('beim Laden')",
        "gefährliches Ziel <a href='java\\tscript:window.__pwned=1'>",
        "window.__pwned ist gesetzt",
        "Event-Handler im Inhalt: <p onclick=",
        "document.title geändert zu 'pwned'",
        "Anfrage an fremden Server: https://tracker.example.org/kontrolle.png",
        f"{IMPRESSUM}: vom Inhalt verschluckt",
    ):
        assert expected in problems, f"{expected!r} nicht gemeldet; gemeldet wurde:\n{problems}"


def test_build_reports_what_it_removed(hostile_site: HostileSite) -> None:
    # The build went the warning route; an editor reading the log learns what was removed.
    assert "Dieses HTML wird nicht veröffentlicht" in hostile_site.log, hostile_site.log[-3000:]


@pytest.mark.parametrize(("index", "attack"), list(enumerate(ATTACKS)), ids=[p.stem for p in ATTACKS])
def test_hostile_event_page(index: int, attack: Path, hostile_site: HostileSite, inspector: Inspector) -> None:
    path = event_path(index, attack)
    page_file = hostile_site.root / path / "index.html"
    assert page_file.is_file(), f"Veranstaltung nicht gebaut: {path}"
    assert f"{TITLE_PREFIX} {attack.stem}" in page_file.read_text(encoding="utf-8")
    findings = inspector.inspect(path, reachable=(IMPRESSUM, CALENDAR))
    assert not findings.problems, findings.report()
    inspector.show(path)
    for selector in BENIGN_SURVIVES.get(attack.stem, ()):
        assert inspector.page.locator(selector).count() >= 1, f"{selector} fehlt nach dem Bereinigen auf /{path}"


def test_hostile_front_matter_event(hostile_site: HostileSite, inspector: Inspector) -> None:
    path = f"veranstaltungen/{FRONT_MATTER_SLUG}/"
    assert (hostile_site.root / path / "index.html").is_file()
    findings = inspector.inspect(path, reachable=(IMPRESSUM, CALENDAR))
    assert not findings.problems, findings.report()
    inspector.show(path)
    heading = inspector.page.locator(".md-content h1").first.text_content() or ""
    assert HOSTILE_TITLE in heading, "der Titel muss als Text erscheinen"


@pytest.mark.parametrize(
    ("where", "heading"),
    [
        ("project", f"{TITLE_PREFIX} Projekt"),
        ("program", f"{TITLE_PREFIX} Programm"),
        ("start", f"{TITLE_PREFIX} Startseite"),
        ("news", f"{TITLE_PREFIX} Beitrag"),
        ("docs", f"{TITLE_PREFIX} Handgeschrieben"),
    ],
)
def test_combined_hostile_bodies(where: str, heading: str, hostile_site: HostileSite, inspector: Inspector) -> None:
    if where == "start":
        path = "" if heading in (hostile_site.root / "index.html").read_text(encoding="utf-8") else None
    else:
        path = page_with(hostile_site.root, heading)
    if path is None and where == "news":
        pytest.skip(
            f"Beitrag content/news/{NEWS_FILE} wurde nicht veröffentlicht: "
            "die Engine liest content/news/ noch nicht (Beiträge aus content/news fehlen)."
        )
    assert path is not None, f"keine Seite mit „{heading}“ gebaut"
    findings = inspector.inspect(path, reachable=(IMPRESSUM,))
    assert not findings.problems, findings.report()
    # Every body in line was published in its place (none swallowed the ones after it).
    _, kept = combined_bodies()
    inspector.show(path)
    missing = [n for n in range(kept) if inspector.page.locator(f".md-content h2#{marker_id(n)}").count() != 1]
    assert not missing, f"Abschnitte fehlen auf /{path}: {missing[:10]}"


@pytest.mark.parametrize("query", ["onerror", "Sicherheitstest Felder", "script"])
def test_search_results_and_highlighting(query: str, inspector: Inspector) -> None:
    """The search page builds its results from Pagefind's index (titles, excerpts with
    <mark>): the escaped text of the hostile pages must stay text there too."""
    page = inspector.page
    findings = Findings(f"Suche {query!r}")
    inspector._open("")
    inspector.dialogs.clear()
    found = search(page, query)
    page.evaluate(SETTLE)
    # The header's form leads to the search page: that is where the results are.
    inspector._alive(page.url[len(inspector.base_url) :], f"Ergebnisse für {query!r}", findings)
    assert found, f"Suche nach {query!r} findet nichts"
    page.locator("#q-search-results a").first.click()
    page.wait_for_load_state("load")
    page.evaluate(SETTLE)
    inspector._alive(page.url[len(inspector.base_url) :], f"Ergebnisseite {page.url}", findings)
    assert not findings.problems, findings.report()


def test_every_page_of_the_site(hostile_site: HostileSite, inspector: Inspector) -> None:
    """Listings, city pages, feeds' pages, the news archive: wherever titles, summaries or
    excerpts of the hostile content show up."""
    pages = site_pages(hostile_site.root)
    assert len(pages) > len(ATTACKS)
    problems = [f.report() for f in (inspector.inspect(p) for p in pages) if f.problems]
    assert not problems, f"{len(problems)} von {len(pages)} Seiten:\n" + "\n".join(problems)
