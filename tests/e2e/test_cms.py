"""The form at /admin/ (Decap CMS), end to end: an editor in headless Chromium, the built
site on 127.0.0.1, and decap-server (the local Git backend) on 127.0.0.1 working, as
`make cms` runs it, in the form's own clone (``.formular/``) of a temporary Git copy of
the example site, which stands for the editor's folder. Nothing may leave the machine.

CI installs decap-server with the admin page's npm packages (``make test``); without
them these tests fail rather than skip, as the site would be built without /admin/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from quartier.config import load_config
from quartier.editor.cms import FIELDS_MODULE, cms_config_text, form_module_text
from quartier.site.build import build

from .conftest import Visit, _visit
from .helpers import DESKTOP, LOCAL_HOST, PHONE, REPO, SCREENSHOTS, TODAY, copy_project, serve

DECAP_SERVER = REPO / "admin" / "node_modules" / "decap-server" / "dist" / "index.js"
SERIES = "content/events/2027-01-05-sprechstunde-initiative-ergreifen.md"
ENGLISH = "content/events/2027-01-28-netzwerktreffen-engagiert-in-nrw-herne.md"
DRAFT = "content/events/2027-09-01-entwurf-aus-quartier-new.md"
"""A new event the editor started with `quartier new` and has not committed."""
CHANGED = "content/programs/zele.md"
"""A committed file the editor has changed and not committed."""
COMMENT = "  # Raum 2 im Erdgeschoss, barrierefrei"
GIT = ["git", "-c", "user.name=Redaktion", "-c", "user.email=redaktion@example.org"]
# The event's own start and end (a series' moved dates have fields of the same names further down).
START_DATE = "input[id^=start-field][data-zeit=datum] >> nth=0"
START_TIME = "input[id^=start-field][data-zeit=uhrzeit] >> nth=0"
END_DATE = "input[id^=end-field][data-zeit=datum] >> nth=0"
END_TIME = "input[id^=end-field][data-zeit=uhrzeit] >> nth=0"


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A Git copy of the example project; the series event gets a YAML comment first."""
    project = copy_project(tmp_path_factory.mktemp("cms") / "projekt")
    series = project / SERIES
    text = series.read_text(encoding="utf-8")
    series.write_text(
        text.replace('  name: "ImpactHUB Ruhr"\n', f'  name: "ImpactHUB Ruhr"\n{COMMENT}\n', 1), encoding="utf-8"
    )
    assert COMMENT in series.read_text(encoding="utf-8")
    # A file written before the German values: it stays valid, and the form keeps it as written.
    english = project / ENGLISH
    english.write_text(english.read_text(encoding="utf-8").replace("status: abgesagt", "status: cancelled"))
    assert "status: cancelled\n" in english.read_text(encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "user.name", "Redaktion")
    _git(project, "config", "user.email", "redaktion@example.org")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Beispielseite")
    # What the editor has not committed: it must survive every save in the form, byte for byte.
    (project / DRAFT).write_bytes(
        b'---\ntitle: "Entwurf"\nstart: "2027-09-01 18:00"\n# noch offen: Ort\n---\n\nPlatzhalter\xc2\xa0\n'
    )
    with (project / CHANGED).open("ab") as changed:
        changed.write(b"\nNoch nicht gespeicherter Satz.\n")
    return project


@pytest.fixture(scope="module")
def untouched(repo: Path) -> dict[str, object]:
    """The editor's folder before the form ran: every file's bytes, Git's status, refs and HEAD."""
    return _folder_state(repo)


def _folder_state(repo: Path) -> dict[str, object]:
    files = {
        path.relative_to(repo).as_posix(): path.read_bytes()
        for path in sorted(repo.rglob("*"))
        if path.is_file() and path.relative_to(repo).parts[0] not in (".git", ".formular")
    }
    return {
        "files": files,
        "status": _git(repo, "status", "--porcelain"),
        "refs": _git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        "head": _git(repo, "rev-parse", "HEAD"),
    }


@pytest.fixture(scope="module")
def copy(repo: Path, untouched: dict[str, object]) -> Path:
    """The form's clone, made by the command `make cms` runs."""
    made = subprocess.run(
        [sys.executable, "-m", "quartier.frontends.cli", "--root", str(repo), "cms", "--local-copy"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path == repo / ".formular" and "Arbeitskopie des Formulars angelegt" in made.stderr
    assert not (path / DRAFT).exists()  # uncommitted work stays where it is
    return path


@pytest.fixture(scope="module")
def decap_server(copy: Path, tmp_path_factory) -> Iterator[int]:
    assert DECAP_SERVER.is_file(), f"{DECAP_SERVER} fehlt: cd admin && npm ci (make test tut das)"
    node = shutil.which("node")
    assert node, "node fehlt (apt-get install nodejs)"
    port = _free_port()
    log = tmp_path_factory.mktemp("decap-server") / "server.log"
    env = dict(
        os.environ, MODE="git", BIND_HOST=LOCAL_HOST, PORT=str(port), GIT_REPO_DIRECTORY=str(copy), LOG_LEVEL="info"
    )
    with log.open("w") as out:
        process = subprocess.Popen([node, str(DECAP_SERVER)], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex((LOCAL_HOST, port)) == 0:
                    break
            assert process.poll() is None, log.read_text()
            time.sleep(0.2)
        else:
            pytest.fail("decap-server hat nicht geantwortet:\n" + log.read_text())
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def admin_url(site_dir: Path, decap_server: int, tmp_path_factory) -> Iterator[str]:
    """The built site, its form pointed at this test's decap-server port (and nothing else changed)."""
    site = tmp_path_factory.mktemp("cms-site") / "site"
    shutil.copytree(site_dir, site)
    config = site / "admin" / "config.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("http://127.0.0.1:8081/api/v1") == 2  # backend and local_backend
    config.write_text(
        text.replace("http://127.0.0.1:8081/api/v1", f"http://127.0.0.1:{decap_server}/api/v1"), encoding="utf-8"
    )
    with serve(site, "cms-http") as url:
        yield url + "admin/"


@pytest.fixture
def editor(browser, admin_url) -> Iterator[Visit]:
    """A fresh browser, logged in to the form (the local backend asks for no password)."""
    yield from _editor(browser, admin_url, DESKTOP)


@pytest.fixture
def phone_editor(browser, admin_url) -> Iterator[Visit]:
    yield from _editor(browser, admin_url, PHONE)


@pytest.fixture
def english_editor(browser, admin_url) -> Iterator[Visit]:
    """An editor whose browser speaks English: native date inputs would show mm/dd/yyyy."""
    yield from _editor(browser, admin_url, DESKTOP, locale="en-US")


def _editor(browser, admin_url: str, viewport: dict, locale: str = "de-DE") -> Iterator[Visit]:
    if locale == "de-DE":
        context, visit = _visit(browser, admin_url, viewport)
    else:
        context = browser.new_context(viewport=viewport, locale=locale, timezone_id="America/New_York")
        visit = Visit(page=None, context=context, base_url=admin_url)
        context.on("request", lambda request: visit.requests.append(request.url))
        visit.page = context.new_page()
    visit.page.set_default_timeout(20_000)
    visit.open("")
    visit.page.click("button:has-text('Anmelden')")
    visit.page.wait_for_selector("text=Veranstaltungen")
    yield visit
    context.close()
    assert visit.foreign_requests() == [], "Anfragen, die den Rechner verlassen haben"


def _pick(page, field: str, text: str) -> None:
    """Choose from a relation list like an editor: click, type, take the offered entry."""
    page.click(f"[id^={field}-field]")
    page.keyboard.type(text)
    page.wait_for_selector(f"[class*=option]:has-text('{text}')")
    page.keyboard.press("Enter")


def _save_and_publish(page, copy: Path) -> None:
    """Save (a branch cms/… in the editorial workflow), mark it ready, publish it (merge)."""
    page.click("button:has-text('Speichern')")
    page.wait_for_selector("text=Status: Entwurf")
    assert "cms/" in _git(copy, "branch", "--list"), "Speichern legt einen Branch an (später ein Pull-Request)"
    page.click("text=Status: Entwurf")
    page.click("text=Bereit")
    page.wait_for_selector("text=Status: Bereit")
    page.click("text=Veröffentlichen")
    page.once("dialog", lambda dialog: dialog.accept())  # "Wirklich veröffentlichen?"
    drafts = _drafts(copy)
    page.click("text=Jetzt veröffentlichen")
    deadline = time.monotonic() + 20
    while len(_drafts(copy)) >= len(drafts):  # its branch is merged and gone (others may stay)
        assert time.monotonic() < deadline, "nicht veröffentlicht: " + _git(copy, "branch", "--list")
        time.sleep(0.2)


def _drafts(copy: Path) -> set[str]:
    return {line.strip("* ") for line in _git(copy, "branch", "--list", "cms/*").splitlines()}


def test_the_built_site_serves_the_form_and_its_generated_configuration(site_dir: Path) -> None:
    admin = site_dir / "admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in html and "Content-Security-Policy" in html
    assert 'src="decap/decap-cms.js"' in html and 'type="module" src="quartier-cms.js"' in html
    assert (admin / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    # What the site publishes is what the contract generates, and what is committed.
    generated = cms_config_text(load_config(REPO))
    assert (admin / "config.yml").read_text(encoding="utf-8") == generated
    assert (REPO / "admin" / "config.yml").read_text(encoding="utf-8") == generated
    assert (admin / FIELDS_MODULE).read_text(encoding="utf-8") == form_module_text()


def test_an_editor_creates_an_event_that_validates_and_builds_at_its_time(editor: Visit, copy: Path) -> None:
    page = editor.page
    assert page.evaluate("document.documentElement.lang") == "de"
    page.goto(editor.base_url + "#/collections/veranstaltungen/new")
    page.wait_for_selector("input[id^=title-field]")
    page.fill("input[id^=title-field]", "Werkstatt Grünflächen im Quartier")
    # Typed as German editors write a date; saved as the files write it.
    page.fill(START_DATE, "6.5.2027")
    page.fill(START_TIME, "10:00")
    page.fill(END_TIME, "12.30")
    page.fill("input[id^=name-field]", "Stadtteilbüro Altendorf")
    _pick(page, "city", "Essen")
    _pick(page, "programs", "Initiative ergreifen")
    # The preview shows the event as the site would: title, when, where.
    preview = page.frame_locator("iframe").first
    assert "Donnerstag, 6. Mai 2027, 10:00–12:30 Uhr" in preview.locator("body").inner_text()
    assert "Stadtteilbüro Altendorf" in preview.locator("body").inner_text()
    assert preview.locator(".q-badge--format").text_content() == "vor Ort"
    assert preview.locator(".q-notice").count() == 0
    _save_and_publish(page, copy)

    created = [line for line in _git(copy, "ls-files", "content/events").splitlines() if "werkstatt-gr" in line]
    assert len(created) == 1, _git(copy, "log", "--stat", "-3")
    text = (copy / created[0]).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["start"] == "2027-05-06 10:00"  # local time as written, no UTC, no Z
    assert front["end"] == "12:30"
    assert front["venue"] == {"name": "Stadtteilbüro Altendorf", "city": "Essen"}
    assert front["programs"] == ["initiative-ergreifen"]
    assert "Z" not in text.split("---\n")[1]

    check = subprocess.run(
        [sys.executable, "-m", "quartier.frontends.cli", "--root", str(copy), "validate"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr

    result = build(load_config(copy), date.fromisoformat(TODAY))
    assert result.output is not None, result.problems
    slug = Path(created[0]).stem
    page_html = next(p.html for p in result.output.pages if p.source == f"veranstaltungen/{slug}.md")
    assert 'datetime="2027-05-06T10:00:00+02:00"' in page_html
    calendar = result.output.files["kalender.ics"].decode("utf-8")
    assert "DTSTART;TZID=Europe/Berlin:20270506T100000" in calendar
    assert "DTEND;TZID=Europe/Berlin:20270506T123000" in calendar


def test_editing_a_time_changes_only_that_line(editor: Visit, copy: Path) -> None:
    before = (copy / SERIES).read_text(encoding="utf-8")
    page = editor.page
    slug = Path(SERIES).stem
    page.goto(editor.base_url + f"#/collections/veranstaltungen/entries/{slug}")
    page.wait_for_selector(START_TIME)
    assert (page.input_value(START_DATE), page.input_value(START_TIME)) == ("05.01.2027", "16:00")
    page.fill(START_TIME, "17:00")
    _save_and_publish(page, copy)

    after = (copy / SERIES).read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert (removed, added) == (['start: "2027-01-05 16:00"'], ['start: "2027-01-05 17:00"']), after
    # Order, comments, quoting, inline lists and the text: all as they were.
    assert after == before.replace('start: "2027-01-05 16:00"', 'start: "2027-01-05 17:00"')
    assert COMMENT in after


def test_a_required_field_left_empty_cannot_be_saved(editor: Visit, copy: Path) -> None:
    branches = _git(copy, "branch", "--list")
    page = editor.page
    page.goto(editor.base_url + "#/collections/veranstaltungen/new")
    page.wait_for_selector("input[id^=title-field]")
    page.fill(START_DATE, "01.09.2027")
    page.click("button:has-text('Speichern')")
    page.wait_for_selector("text=Es fehlen Pflichtangaben")
    page.wait_for_timeout(1000)
    assert _git(copy, "branch", "--list") == branches
    assert _git(copy, "status", "--porcelain") == ""


def test_the_editors_folder_is_untouched_by_every_save(
    editor: Visit, repo: Path, copy: Path, untouched: dict[str, object]
) -> None:
    """decap-server commits whatever is uncommitted where it works: so it works in the form's
    clone, and the editor's folder (a draft from `quartier new`, a changed file) stays as it was."""
    page = editor.page
    page.goto(editor.base_url + "#/collections/veranstaltungen/new")
    page.wait_for_selector("input[id^=title-field]")
    page.fill("input[id^=title-field]", "Sprechstunde im Quartier")
    page.fill(START_DATE, "07.10.2027")
    page.fill(END_DATE, "07.10.2027")
    page.fill("input[id^=name-field]", "Stadtteilbüro")
    _pick(page, "city", "Essen")
    _save_and_publish(page, copy)
    assert "Sprechstunde im Quartier" in _git(copy, "log", "-p", "-3")
    # Saved with the German commit message.
    assert "Veranstaltung anlegen: 2027-10-07-sprechstunde-im-quartier" in _git(copy, "log", "--format=%s", "-5")
    now = _folder_state(repo)
    assert now["files"] == untouched["files"]  # every file, byte for byte, the draft included
    assert (now["status"], now["refs"], now["head"]) == (untouched["status"], untouched["refs"], untouched["head"])
    assert "cms/" not in _git(repo, "branch", "--list", "--all")
    assert "?? " + DRAFT in str(now["status"]) and " M " + CHANGED in str(now["status"])
    # Taking the published entry over is one command, and still leaves the draft alone.
    _git(repo, "pull", "-q", "--no-rebase", "--no-edit", ".formular", "main")
    assert (repo / DRAFT).read_bytes() == untouched["files"][DRAFT]  # type: ignore[index]
    assert any("sprechstunde-im-quartier" in line for line in _git(repo, "ls-files", "content/events").splitlines())


# -- the form in German --------------------------------------------------------------------

LOCALE_CHECK = """() => {
    const en = CMS.getLocale('en'), de = CMS.getLocale('de');
    const missing = [], english = [], beitrag = [];
    const walk = (a, b, path) => {
        for (const [key, value] of Object.entries(a)) {
            const here = path ? `${path}.${key}` : key;
            const other = b ? b[key] : undefined;
            if (value && typeof value === 'object') { walk(value, other, here); continue; }
            if (typeof other !== 'string') missing.push(here);
            else if (other === value) english.push(`${here}=${value}`);
            if (typeof other === 'string' && /Beitr/.test(other)) beitrag.push(`${here}=${other}`);
        }
    };
    walk(en, de, '');
    return {missing, english, beitrag};
}"""

# The same word in both languages: not a missing translation.
SAME_IN_GERMAN = {
    "editor.editorControl.field.optional=optional",
    "editor.editorControlPane.widget.processing=%{fieldLabel} is processing.",
    "editor.editorToolbar.status=Status: %{status}",
    "editor.editorWidgets.markdown.code=Code",
    "editor.editorWidgets.markdown.link=Link",
    "ui.errorBoundary.detailsHeading=Details",
    "ui.toast.onFailToAuth=%{details}",
    "workflow.workflowCard.lastChangeNoAuthor=%{date}",
}

VISIBLE_TEXTS = """() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue.trim();
        if (text && node.parentElement && node.parentElement.getClientRects().length) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        for (const name of ['aria-label', 'title', 'placeholder']) {
            if (element.getAttribute(name)) texts.push(element.getAttribute(name).trim());
        }
    }
    return texts;
}"""

ENGLISH_TEXTS = """() => {
    const texts = [];
    const walk = (value) => typeof value === 'object' ? Object.values(value).forEach(walk) : texts.push(value);
    walk(CMS.getLocale('en'));
    return texts.filter((text) => !text.includes('%{'));
}"""


def test_every_decap_string_is_german(editor: Visit) -> None:
    page = editor.page
    assert page.evaluate("document.documentElement.lang") == "de"
    found = page.evaluate(LOCALE_CHECK)
    assert found["missing"] == [], "ohne deutsche Übersetzung (admin/quartier-cms-de.js ergänzen)"
    assert set(found["english"]) <= SAME_IN_GERMAN, found["english"]
    assert found["beitrag"] == [], "„Beitrag“ heißt hier eine Meldung unter Aktuelles, kein Eintrag"

    # What an editor sees on the main screens: no text and no label is one of Decap's English strings.
    english = set(page.evaluate(ENGLISH_TEXTS)) - {"Code", "Link", "Details", "optional"}
    english |= {"No options", "Loading options…", "Login", "Rich Text"}
    screens = {
        "Liste": "#/collections/veranstaltungen",
        "Eintrag": f"#/collections/veranstaltungen/entries/{Path(SERIES).stem}",
        "Freigabe": "#/workflow",
        "Bilder": "#/media",
    }
    seen: dict[str, list[str]] = {}
    for name, route in screens.items():
        page.goto(editor.base_url + route)
        page.wait_for_timeout(1500)
        if name == "Eintrag":
            page.click("[id^=city-field]")  # a relation list open, with its own messages
            page.keyboard.type("Atlantis")
            page.wait_for_timeout(700)
        seen[name] = [text for text in page.evaluate(VISIBLE_TEXTS) if text in english]
        page.keyboard.press("Escape")
    assert seen == {name: [] for name in screens}
    # What the city list announces to screen readers is German too (react-select writes English).
    page.goto(editor.base_url + f"#/collections/veranstaltungen/entries/{Path(SERIES).stem}")
    page.click("[id^=city-field]")
    page.keyboard.type("Ess")
    page.wait_for_function("() => /Treffer für „Ess“/.test(document.getElementById('aria-results')?.textContent)")
    announced = page.evaluate(
        "() => ['aria-results', 'aria-guidance', 'aria-focused', 'aria-selection']"
        ".map(id => document.getElementById(id)?.textContent || '').join(' ')"
    )
    assert "Pfeiltasten" in announced and not re.search(r"\b(results?|press|option|selected)\b", announced), announced
    page.keyboard.press("Enter")
    page.wait_for_function("() => /Gewählt: Essen/.test(document.getElementById('aria-selection')?.textContent)")
    # The texts Decap's widgets write without a locale are replaced wherever they appear.
    page.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'probe'; p.textContent = 'No options'; "
        "document.body.append(p); }"
    )
    page.wait_for_function("() => document.getElementById('probe').textContent === 'Keine Treffer'")


def test_date_fields_read_german_in_an_english_browser(english_editor: Visit) -> None:
    page = english_editor.page
    assert page.evaluate("navigator.language") == "en-US"
    page.goto(english_editor.base_url + f"#/collections/veranstaltungen/entries/{Path(SERIES).stem}")
    page.wait_for_selector(START_DATE)
    assert page.locator("input[type=date], input[type=time], input[type=datetime-local]").count() == 0
    date = page.locator(START_DATE)
    assert (date.input_value(), date.get_attribute("placeholder")) == ("05.01.2027", "TT.MM.JJJJ")
    assert page.locator(START_TIME).get_attribute("placeholder") == "HH:MM"
    labels = page.locator(f"label[for='{date.get_attribute('id')}']").all_text_contents()
    assert labels == ["Beginn", "Datum (TT.MM.JJJJ)"]
    assert page.locator(END_DATE).input_value() == "" and page.locator(END_TIME).input_value() == "18:00"
    # A German date that cannot exist is said so, with what was typed, and is not saved.
    page.fill(START_DATE, "31.02.2027")
    page.click("button:has-text('Speichern')")
    page.wait_for_selector("text=Das Datum „31.02.2027“ gibt es nicht.")


def test_events_are_listed_newest_first(editor: Visit) -> None:
    page = editor.page
    page.goto(editor.base_url + "#/collections/veranstaltungen")
    page.wait_for_selector("text=Projektbörse")
    summaries = [
        text
        for text in page.locator("a[href*='/collections/veranstaltungen/entries/']").all_inner_texts()
        if " · " in text
    ]
    starts = [text.split(" · ")[0] for text in summaries]
    assert len(starts) >= 10 and starts == sorted(starts, reverse=True), starts


def _toolbar(page) -> dict:
    return page.evaluate(
        """() => {
        const bar = document.querySelector('[class*="-ToolbarContainer"]');
        const box = bar.getBoundingClientRect();
        const all = [...bar.querySelectorAll('button, a, [class*="DropdownButton"], [role="button"]')];
        const parts = all.filter(e => e.getClientRects().length && !all.some(o => o !== e && o.contains(e))).map(e => {
            const r = e.getBoundingClientRect();
            return {text: e.innerText.trim(), top: r.top, left: r.left, right: r.right, bottom: r.bottom,
                    cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1};
        });
        const form = document.querySelector('[class*="-EditorContainer"] > [class*="-Editor "]')
            .getBoundingClientRect();
        return {box: {top: box.top, bottom: box.bottom}, parts, width: innerWidth, formTop: form.top,
                pageWidth: document.scrollingElement.scrollWidth};
    }"""
    )


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_toolbar_of_a_draft_is_fully_visible(request, copy: Path, size: str) -> None:
    visit: Visit = request.getfixturevalue("editor" if size == "desktop" else "phone_editor")
    page = visit.page
    page.goto(visit.base_url + "#/collections/veranstaltungen/new")
    page.wait_for_selector("input[id^=title-field]")
    page.fill("input[id^=title-field]", f"Werkstatt Werkzeugleiste {size}")
    page.fill(START_DATE, "12.11.2027")
    page.fill("input[id^=name-field]", "Stadtteilbüro")
    _pick(page, "city", "Essen")
    page.click("button:has-text('Speichern')")
    page.wait_for_selector("text=Status: Entwurf")
    page.wait_for_timeout(4000)  # the toast over the toolbar is gone
    found = _toolbar(page)
    texts = [part["text"] for part in found["parts"]]
    for wanted in ("Zurück zu: Veranstaltungen", "Speichern", "Status: Entwurf", "Veröffentlichen", "Entwurf löschen"):
        assert any(wanted in text for text in texts), (wanted, texts)
    for part in found["parts"]:
        assert part["top"] >= found["box"]["top"] and part["bottom"] <= found["box"]["bottom"], part
        assert part["left"] >= 0 and part["right"] <= found["width"], part
        assert not part["cut"], part
    assert found["pageWidth"] <= found["width"]
    assert found["formTop"] >= found["box"]["bottom"] - 1  # the form starts below, not under it
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"formular-entwurf-{found['width']}.png"))


def test_an_english_value_shows_as_its_german_word_and_stays_as_written(editor: Visit, copy: Path) -> None:
    page = editor.page
    before = (copy / ENGLISH).read_text(encoding="utf-8")
    page.goto(editor.base_url + f"#/collections/veranstaltungen/entries/{Path(ENGLISH).stem}")
    status = page.locator("select[id^=status-field]")
    status.wait_for()
    assert status.input_value() == "abgesagt"
    assert status.locator("option:checked").inner_text() == "abgesagt"
    assert page.locator("select[id^=format-field] option:checked").inner_text() == "ohne Angabe: vor Ort"
    # The preview says what the event's page says (an English code as its German words).
    notice = page.frame_locator("iframe").first.locator(".q-notice--cancelled")
    assert notice.inner_text() == "Abgesagt: Diese Veranstaltung findet nicht statt."
    assert page.frame_locator("iframe").first.locator(".q-badge--format").text_content() == "vor Ort"
    page.fill(END_TIME, "17:30")
    _save_and_publish(page, copy)
    after = (copy / ENGLISH).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and "17:30" in changed[0][1], changed
    assert "status: cancelled\n" in after
    # Chosen anew, the German word is written.
    page.goto(editor.base_url + f"#/collections/veranstaltungen/entries/{Path(ENGLISH).stem}")
    page.locator("select[id^=status-field]").select_option("verschoben")
    notice = page.frame_locator("iframe").first.locator(".q-notice--postponed")
    assert notice.inner_text() == (
        "Verschoben: Diese Veranstaltung wird verschoben. Der neue Termin wird hier bekannt gegeben."
    )
    _save_and_publish(page, copy)
    assert "status: verschoben\n" in (copy / ENGLISH).read_text(encoding="utf-8")
