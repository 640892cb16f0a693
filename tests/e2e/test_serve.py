"""``make serve`` and ``make cms`` with content errors: the preview starts anyway, shows a
German page listing every problem (``path:line``) at every address, and brings the site
back by itself once a save fixes the content.

``mkdocs serve`` runs as the Makefile runs it, with the real hook, on a copy of the example.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import Visit, _visit
from .helpers import DESKTOP, LOCAL_HOST, TODAY, copy_project

EVENT = "content/events/2027-06-24-projektboerse-initiative-ergreifen-essen.md"
GOOD = 'start: "2027-06-24 14:00"'
BAD = "start: 24.06.2027 14:00"
SECOND_BAD = ('end: "2027-06-24 19:00"', "end: 2027-06-24 19:00 Uhr")
ERROR_TITLE = "Vorschau angehalten"


@dataclass
class Preview:
    project: Path
    url: str
    log: Path

    def write(self, old: str, new: str) -> None:
        path = self.project / EVENT
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def fetch(self, path: str = "") -> tuple[int, BeautifulSoup]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, BeautifulSoup(response.read(), "html.parser")
        except urllib.error.HTTPError as error:
            return error.code, BeautifulSoup(error.read(), "html.parser")

    def wait_for(self, path: str, shows_error: bool, timeout: float = 60) -> BeautifulSoup:
        deadline = time.monotonic() + timeout
        while True:
            status, soup = self.fetch(path)
            title = soup.title.get_text() if soup.title else ""
            if status == 200 and title.startswith(ERROR_TITLE) == shows_error:
                return soup
            assert time.monotonic() < deadline, f"{path}: {status} {title}\n" + self.log.read_text()[-3000:]
            time.sleep(0.3)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL_HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`mkdocs serve` started while an event has an error (what stopped `make serve` before)."""
    project = copy_project(tmp_path / "projekt")
    port = _free_port()
    log = tmp_path / "serve.log"
    started = Preview(project, f"http://{LOCAL_HOST}:{port}/", log)
    started.write(GOOD, BAD)
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    # With live reload, as `make serve` runs it: the reload on save is part of what is tested.
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{LOCAL_HOST}:{port}"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "mkdocs serve hat sich beendet:\n" + log.read_text()
            with socket.socket() as probe:
                if probe.connect_ex((LOCAL_HOST, port)) == 0:
                    break
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield started
    finally:
        process.terminate()
        process.wait(timeout=20)


def _problems(soup: BeautifulSoup) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup.select("ol.q-problems li")]


def test_a_content_error_shows_the_error_page_and_a_fix_brings_the_site_back(preview: Preview) -> None:
    soup = preview.wait_for("", shows_error=True)
    assert soup.html["lang"] == "de"
    assert soup.h1.get_text().startswith("Die Vorschau zeigt gerade keine Website: 1 Fehler im Inhalt")
    [problem] = _problems(soup)
    assert problem.startswith(f"{EVENT}:3 : start: „24.06.2027 14:00“ ist in deutscher Schreibweise")
    assert 'Schreiben Sie: start: "2027-06-24 14:00"' in problem
    # MkDocs' reload script is in the page: a save reloads it.
    assert "livereload" in str(soup.find_all("script")[-1])

    preview.write(BAD, GOOD)
    site = preview.wait_for("", shows_error=False)
    assert site.select_one("a[href*='2027-06-24-projektboerse']") is not None

    # Two errors in two places: both listed, and every page of the site shows them.
    preview.write(GOOD, BAD)
    preview.write(*SECOND_BAD)
    for path in ("", "veranstaltungen/", "veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/"):
        problems = _problems(preview.wait_for(path, shows_error=True))
        assert [p.split(" : ")[0] for p in problems] == [f"{EVENT}:3", f"{EVENT}:4"], problems
    preview.write(BAD, GOOD)
    preview.write(SECOND_BAD[1], SECOND_BAD[0])
    preview.wait_for("veranstaltungen/", shows_error=False)


def test_an_open_page_reloads_itself_when_the_content_is_fixed(preview: Preview, browser) -> None:
    preview.wait_for("", shows_error=True)
    context, visit = _visit(browser, preview.url, DESKTOP)
    try:
        page = visit.page
        visit.open("")
        assert page.title().startswith(ERROR_TITLE)
        assert page.locator("ol.q-problems li").count() == 1
        preview.write(BAD, GOOD)
        # Nobody reloads: the page does, once the rebuild is done.
        page.wait_for_function(f"!document.title.startsWith({ERROR_TITLE!r})", timeout=60_000)
        page.wait_for_selector("a[href*='2027-06-24-projektboerse']")
        assert isinstance(visit, Visit) and visit.foreign_requests() == []
    finally:
        context.close()
