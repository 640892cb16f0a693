"""The form at /admin/ (Decap CMS), end to end: an editor in headless Chromium, the built
site on 127.0.0.1, and decap-server (the local Git backend) on 127.0.0.1 working, as
`make cms` runs it, in the form's own clone (``.formular/``) of a temporary Git copy of
the example site, which stands for the editor's folder. Nothing may leave the machine.

CI installs decap-server with the admin page's npm packages (``make test``); without
them these tests fail rather than skip, as the site would be built without /admin/.
"""

from __future__ import annotations

import os
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
from quartier.editor.cms import cms_config_text
from quartier.site.build import build

from .conftest import Visit, _visit
from .helpers import DESKTOP, LOCAL_HOST, REPO, TODAY, copy_project, serve

DECAP_SERVER = REPO / "admin" / "node_modules" / "decap-server" / "dist" / "index.js"
SERIES = "content/events/2027-01-05-sprechstunde-initiative-ergreifen.md"
DRAFT = "content/events/2027-09-01-entwurf-aus-quartier-new.md"
"""A new event the editor started with `quartier new` and has not committed."""
CHANGED = "content/programs/zele.md"
"""A committed file the editor has changed and not committed."""
COMMENT = "  # Raum 2 im Erdgeschoss, barrierefrei"
GIT = ["git", "-c", "user.name=Redaktion", "-c", "user.email=redaktion@example.org"]


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
    context, visit = _visit(browser, admin_url, DESKTOP)
    visit.page.set_default_timeout(20_000)
    visit.open("")
    visit.page.click("button:has-text('Login')")
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
    page.click("text=Abgeschlossen")  # Decap's German for "ready"
    page.wait_for_selector("text=Status: Abgeschlossen")
    page.click("text=Veröffentlichen")
    page.once("dialog", lambda dialog: dialog.accept())  # "Wirklich veröffentlichen?"
    page.click("text=Jetzt veröffentlichen")
    deadline = time.monotonic() + 20
    while "cms/" in _git(copy, "branch", "--list"):
        assert time.monotonic() < deadline, "nicht veröffentlicht: " + _git(copy, "branch", "--list")
        time.sleep(0.2)


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


def test_an_editor_creates_an_event_that_validates_and_builds_at_its_time(editor: Visit, copy: Path) -> None:
    page = editor.page
    assert page.evaluate("document.documentElement.lang") == "de"
    page.goto(editor.base_url + "#/collections/veranstaltungen/new")
    page.wait_for_selector("input[id^=title-field]")
    page.fill("input[id^=title-field]", "Werkstatt Grünflächen im Quartier")
    page.fill("input[id^=start-field][type=date]", "2027-05-06")
    page.fill("input[id^=start-field][type=time]", "10:00")
    page.fill("input[id^=end-field][type=time]", "12:30")
    page.fill("input[id^=name-field]", "Stadtteilbüro Altendorf")
    _pick(page, "city", "Essen")
    _pick(page, "programs", "Initiative ergreifen")
    # The preview shows the event as the site would: title, when, where.
    preview = page.frame_locator("iframe").first
    assert "Donnerstag, 6. Mai 2027, 10:00–12:30 Uhr" in preview.locator("body").inner_text()
    assert "Stadtteilbüro Altendorf" in preview.locator("body").inner_text()
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
    page.wait_for_selector("input[id^=start-field][type=time]")
    assert page.input_value("input[id^=start-field][type=time]") == "16:00"
    page.fill("input[id^=start-field][type=time]", "17:00")
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
    page.fill("input[id^=start-field][type=date]", "2027-09-01")
    page.click("button:has-text('Speichern')")
    page.wait_for_selector("text=zwingend erforderliche Felder")
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
    page.fill("input[id^=start-field][type=date]", "2027-10-07")
    page.fill("input[id^=end-field][type=date]", "2027-10-07")
    page.fill("input[id^=name-field]", "Stadtteilbüro")
    _pick(page, "city", "Essen")
    _save_and_publish(page, copy)
    assert "Sprechstunde im Quartier" in _git(copy, "log", "-p", "-3")
    now = _folder_state(repo)
    assert now["files"] == untouched["files"]  # every file, byte for byte, the draft included
    assert (now["status"], now["refs"], now["head"]) == (untouched["status"], untouched["refs"], untouched["head"])
    assert "cms/" not in _git(repo, "branch", "--list", "--all")
    assert "?? " + DRAFT in str(now["status"]) and " M " + CHANGED in str(now["status"])
    # Taking the published entry over is one command, and still leaves the draft alone.
    _git(repo, "pull", "-q", "--no-rebase", "--no-edit", ".formular", "main")
    assert (repo / DRAFT).read_bytes() == untouched["files"][DRAFT]  # type: ignore[index]
    assert any("sprechstunde-im-quartier" in line for line in _git(repo, "ls-files", "content/events").splitlines())
