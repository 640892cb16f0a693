"""Every way of calling the builder, in a temporary copy of the example project.

MkDocs keeps the config file's path as it was typed after ``-f`` and resolves the
project's folders against it; the hook once crashed on ``-f mkdocs.yml``. Each form
below builds (or serves) the copy and must give the same site as every other form of
the same builder, byte for byte, written where the project says (``site/`` beside
``mkdocs.yml``) and nowhere else. The copy has its own ``search/`` (a link to the
repository's), and the tests' ``QUARTIER_PAGEFIND`` is taken away, so the hook must
also find Pagefind from the project folder it resolved.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO
from e2e.helpers import copy_project

from quartier.render.search import PAGEFIND_EXECUTABLE, PAGEFIND_FOLDER, PAGEFIND_VARIABLE

TODAY = "2026-11-21"
EVENT = "veranstaltungen/2022-09-14-ko-kreative-transformation/"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Call:
    """One way of calling a builder: the command line and the folder it is started in."""

    name: str
    builder: str
    """``mkdocs`` or ``properdocs``: builds of one builder must agree byte for byte."""

    command: tuple[str, ...]
    """With ``{abs}`` for the absolute path of mkdocs.yml."""

    elsewhere: bool = False
    """Started in a folder beside the project instead of the project itself."""


def _executable(name: str) -> str:
    return str(BIN / name)


BUILDS = (
    Call("mkdocs build", "mkdocs", (_executable("mkdocs"), "build")),
    Call("-f mkdocs.yml", "mkdocs", (_executable("mkdocs"), "build", "-f", "mkdocs.yml")),
    Call("-f ./mkdocs.yml", "mkdocs", (_executable("mkdocs"), "build", "-f", "./mkdocs.yml")),
    Call("-f absolute", "mkdocs", (_executable("mkdocs"), "build", "-f", "{abs}")),
    Call(
        "elsewhere, -f ../projekt/mkdocs.yml",
        "mkdocs",
        (_executable("mkdocs"), "build", "-f", "../projekt/mkdocs.yml"),
        True,
    ),
    Call("elsewhere, -f absolute", "mkdocs", (_executable("mkdocs"), "build", "-f", "{abs}"), True),
    Call("python -m mkdocs -f mkdocs.yml", "mkdocs", (sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml")),
    Call(
        "elsewhere, python -m mkdocs",
        "mkdocs",
        (sys.executable, "-m", "mkdocs", "build", "-f", "../projekt/mkdocs.yml"),
        True,
    ),
    Call("properdocs -f mkdocs.yml", "properdocs", (_executable("properdocs"), "build", "-f", "mkdocs.yml")),
    # Without -f ProperDocs looks for properdocs.yml, then falls back to mkdocs.yml.
    Call("properdocs build", "properdocs", (_executable("properdocs"), "build")),
    Call("elsewhere, properdocs -f absolute", "properdocs", (_executable("properdocs"), "build", "-f", "{abs}"), True),
    Call(
        "elsewhere, python -m properdocs",
        "properdocs",
        (sys.executable, "-m", "properdocs", "build", "-f", "../projekt/mkdocs.yml"),
        True,
    ),
)

SERVES = (
    Call("mkdocs serve -f mkdocs.yml", "mkdocs", (_executable("mkdocs"), "serve", "-f", "mkdocs.yml")),
    Call("mkdocs serve -f ./mkdocs.yml", "mkdocs", (_executable("mkdocs"), "serve", "-f", "./mkdocs.yml")),
    Call("mkdocs serve -f absolute", "mkdocs", (_executable("mkdocs"), "serve", "-f", "{abs}")),
    Call(
        "elsewhere, mkdocs serve -f ../projekt/mkdocs.yml",
        "mkdocs",
        (_executable("mkdocs"), "serve", "-f", "../projekt/mkdocs.yml"),
        True,
    ),
    Call(
        "elsewhere, python -m mkdocs serve -f absolute",
        "mkdocs",
        (sys.executable, "-m", "mkdocs", "serve", "-f", "{abs}"),
        True,
    ),
    Call("properdocs serve -f mkdocs.yml", "properdocs", (_executable("properdocs"), "serve", "-f", "mkdocs.yml")),
)


@dataclass(frozen=True)
class Place:
    project: Path
    elsewhere: Path


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Place:
    base = tmp_path_factory.mktemp("aufrufe")
    project = copy_project(base / "projekt")
    (project / PAGEFIND_FOLDER).symlink_to(REPO / PAGEFIND_FOLDER, target_is_directory=True)
    elsewhere = base / "anderswo"
    elsewhere.mkdir()
    return Place(project, elsewhere)


def _environment() -> dict[str, str]:
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    env.pop(PAGEFIND_VARIABLE, None)
    return env


def _argv(call: Call, place: Place) -> list[str]:
    if not Path(call.command[0]).is_file():
        pytest.skip(f"{call.command[0]} fehlt (make test installiert es aus uv.lock).")
    return [part.replace("{abs}", str(place.project / "mkdocs.yml")) for part in call.command]


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` and its hash."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def first_builds() -> dict[str, dict[str, str]]:
    """The site of the first form of each builder, which the other forms must match."""
    return {}


@pytest.mark.parametrize("call", BUILDS, ids=[call.name for call in BUILDS])
def test_every_way_of_calling_build_gives_the_same_site(
    call: Call, place: Place, first_builds: dict[str, dict[str, str]]
):
    if not (REPO / PAGEFIND_EXECUTABLE).is_file():
        pytest.fail(f"{PAGEFIND_EXECUTABLE} fehlt: im Ordner {PAGEFIND_FOLDER}/ „npm ci“ ausführen (make test tut es)")
    site = place.project / "site"
    shutil.rmtree(site, ignore_errors=True)
    cwd = place.elsewhere if call.elsewhere else place.project
    result = subprocess.run(_argv(call, place), capture_output=True, text=True, env=_environment(), cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    built = tree(site)
    assert "index.html" in built and "pagefind/pagefind-entry.json" in built and len(built) > 200
    # Written where the project says and nowhere else: no site/ or staging folder beside
    # the folder the command ran in, nothing left beside the project's own site/.
    assert list(place.elsewhere.iterdir()) == []
    assert sorted(p.name for p in place.project.iterdir() if p.name.startswith("site")) == ["site"]
    reference = first_builds.setdefault(call.builder, built)
    assert built == reference, sorted(
        name for name in built.keys() | reference.keys() if built.get(name) != reference.get(name)
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.parametrize("call", SERVES, ids=[call.name for call in SERVES])
def test_every_way_of_calling_serve_serves_the_site(call: Call, place: Place):
    port = _free_port()
    argv = [*_argv(call, place), "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"]
    cwd = place.elsewhere if call.elsewhere else place.project
    server = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_environment(), cwd=cwd
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        status = 0
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _ = _get(base)
            except OSError:
                status = 0
            if status == 200:
                break
            time.sleep(0.3)
        assert status == 200, f"{call.name}: kein Server auf {base}"
        # The engine's pages (an event's, wrapped for the index), its feed and the search
        # index of the served build.
        page_status, page = _get(base + EVENT)
        assert page_status == 200
        assert b"data-pagefind-body" in page
        assert _get(base + "kalender.ics")[0] == 200
        # The preview's search index is made in the background after the pages: it comes.
        index_deadline = time.monotonic() + 120
        while _get(base + "pagefind/pagefind-entry.json")[0] != 200 and time.monotonic() < index_deadline:
            time.sleep(0.3)
        assert _get(base + "pagefind/pagefind-entry.json")[0] == 200
        assert _get(base + "suche/")[0] == 200
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "Traceback" not in output, output
    assert list(place.elsewhere.iterdir()) == []


def test_build_from_another_folder_without_f_says_what_is_missing(place: Place):
    """MkDocs looks for mkdocs.yml in the folder it was started in: its own message, no traceback."""
    mkdocs = _argv(BUILDS[0], place)
    result = subprocess.run(mkdocs, capture_output=True, text=True, env=_environment(), cwd=place.elsewhere)
    assert result.returncode != 0
    assert "Config file 'mkdocs.yml' does not exist." in result.stderr
    assert "Traceback" not in result.stderr
    assert list(place.elsewhere.iterdir()) == []


def test_docs_dir_outside_the_project_is_refused_in_german(place: Place, tmp_path: Path):
    """The engine reads docs/ as part of the project: a docs_dir beside it stops the build, with a message."""
    config = place.project / "mkdocs.yml"
    outside = tmp_path / "seiten"
    outside.mkdir()
    (outside / "index.md").write_text("# Start\n", encoding="utf-8")
    other = place.project / "anders.yml"
    text = config.read_text(encoding="utf-8")
    assert "\ndocs_dir: docs\n" in text
    other.write_text(text.replace("\ndocs_dir: docs\n", f"\ndocs_dir: {outside}\n"), encoding="utf-8")
    try:
        result = subprocess.run(
            [_executable("mkdocs"), "build", "-f", "anders.yml"],
            capture_output=True,
            text=True,
            env=_environment(),
            cwd=place.project,
        )
    finally:
        other.unlink()
    assert result.returncode == 1
    assert f"docs_dir in anders.yml muss ein Ordner im Projektordner {place.project} sein" in result.stderr
    assert f"nicht {outside}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_project_without_pagefind_says_how_to_install_it(tmp_path: Path):
    project = copy_project(tmp_path / "ohne-suche")
    result = subprocess.run(
        [_executable("mkdocs"), "build", "-f", "mkdocs.yml"],
        capture_output=True,
        text=True,
        env=_environment(),
        cwd=project,
    )
    assert result.returncode == 1
    assert "Suchindex nicht erstellt: Pagefind ist nicht installiert" in result.stderr
    assert "„npm ci“" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
