"""Which Pagefind indexes the site: npm's 1.6.0 from search/, pinned with its checksums.

Pagefind 1.5.2 (the newest wheel on PyPI) wrote its filter and metadata chunks in another
order on every run; 1.6.0 from npm writes the same index for the same pages
(``test_site_build.test_same_content_and_today_give_identical_output`` compares two
builds byte for byte). These tests hold the pin and how the executable is found.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from quartier.render.search import (
    PAGEFIND_EXECUTABLE,
    PAGEFIND_FOLDER,
    PAGEFIND_VARIABLE,
    SearchIndexError,
    build_index,
    pagefind_command,
)

VERSION = "1.6.0"


def test_pagefind_is_pinned_with_checksums_for_every_platform():
    package = json.loads((REPO / PAGEFIND_FOLDER / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {"pagefind": VERSION}
    lock = json.loads((REPO / PAGEFIND_FOLDER / "package-lock.json").read_text(encoding="utf-8"))
    packages = {name: entry for name, entry in lock["packages"].items() if name}
    assert packages["node_modules/pagefind"]["version"] == VERSION
    # The launcher and one binary package per platform, each with its checksum, so that
    # `npm ci` installs the same bytes on a developer's Mac and in CI.
    binaries = [name for name in packages if name.startswith("node_modules/@pagefind/")]
    assert "node_modules/@pagefind/linux-x64" in binaries and len(binaries) >= 5
    for name, entry in packages.items():
        assert entry["version"] == VERSION, name
        assert entry["integrity"].startswith("sha512-"), name


def test_the_installed_pagefind_is_the_pinned_one():
    executable = REPO / PAGEFIND_EXECUTABLE
    if not executable.is_file():
        pytest.fail(f"{PAGEFIND_EXECUTABLE} fehlt: im Ordner {PAGEFIND_FOLDER}/ „npm ci“ ausführen (make test tut es)")
    result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"pagefind {VERSION}"


def test_the_variable_names_another_pagefind(tmp_path: Path):
    assert pagefind_command(tmp_path, {PAGEFIND_VARIABLE: "/opt/pagefind"}) == ["/opt/pagefind"]


def test_the_project_s_own_pagefind_is_found_below_its_folder(tmp_path: Path):
    own = tmp_path / PAGEFIND_EXECUTABLE
    own.parent.mkdir(parents=True)
    own.write_text("#!/bin/sh\n", encoding="utf-8")
    assert pagefind_command(tmp_path, {}) == [str(own)]
    assert pagefind_command(tmp_path, {PAGEFIND_VARIABLE: " "}) == [str(own)]


def test_without_pagefind_the_message_says_how_to_install_it(tmp_path: Path):
    with pytest.raises(SearchIndexError) as raised:
        pagefind_command(tmp_path, {})
    message = str(raised.value)
    assert message.startswith("Suchindex nicht erstellt: Pagefind ist nicht installiert")
    assert f"im Ordner {PAGEFIND_FOLDER}/ „npm ci“ ausführen" in message
    assert PAGEFIND_VARIABLE in message


def test_a_pagefind_that_cannot_start_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(PAGEFIND_VARIABLE, str(tmp_path / "gibt-es-nicht"))
    with pytest.raises(SearchIndexError) as raised:
        build_index(tmp_path, tmp_path)
    assert "lässt sich nicht starten" in str(raised.value)
