"""The lock: uv.lock pins every Python package of every extra, with hashes, and matches pyproject.toml.

`make install` runs `uv sync --locked`, which refuses a lock that no longer matches
pyproject.toml; these tests say so earlier and with a reason, and check what `--locked`
does not: hashes everywhere, and one uv version in the three places that name it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def uv_binary() -> str:
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    if found is None:
        pytest.fail("uv fehlt: `make install` installiert es aus requirements/uv.txt")
    return found


def uv_lock_check(project: Path) -> subprocess.CompletedProcess[str]:
    # --offline: the check compares pyproject.toml with what the lock recorded; it needs
    # no index when they match, and a mismatch is reported without one.
    return subprocess.run(
        [uv_binary(), "lock", "--check", "--offline", "--no-cache", "--directory", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_project(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "uv.lock", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_lock_matches_pyproject(tmp_path: Path):
    result = uv_lock_check(copy_project(tmp_path))
    assert result.returncode == 0, "uv.lock passt nicht zu pyproject.toml; `make lock` ausführen\n" + result.stderr


def test_the_check_fails_when_pyproject_asks_for_something_the_lock_lacks(tmp_path: Path):
    project = copy_project(tmp_path)
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"pyyaml>=6",', '"pyyaml>=6",\n    "six>=1",', 1), encoding="utf-8")
    result = uv_lock_check(project)
    assert result.returncode != 0


def test_the_lock_covers_every_extra():
    [own] = [package for package in LOCK["package"] if package["name"] == PYPROJECT["project"]["name"]]
    assert set(own["metadata"]["provides-extras"]) == set(PYPROJECT["project"]["optional-dependencies"])
    locked = {package["name"] for package in LOCK["package"]}
    for extra in ("site", "properdocs", "zensical", "test"):
        for name in (dependency["name"] for dependency in own["optional-dependencies"][extra]):
            assert name in locked, (extra, name)


def test_every_locked_package_has_hashes():
    for package in LOCK["package"]:
        if package["source"].get("editable") or package["source"].get("virtual"):
            continue
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files, package["name"]
        for file in files:
            assert file.get("hash", "").startswith("sha256:"), (package["name"], file)


def test_one_uv_version_bootstraps_checks_and_is_locked():
    bootstrap = (ROOT / "requirements" / "uv.txt").read_text(encoding="utf-8")
    [pinned] = [line.split("==")[1].split()[0] for line in bootstrap.splitlines() if line.startswith("uv==")]
    assert "--hash=sha256:" in bootstrap
    [locked] = [package["version"] for package in LOCK["package"] if package["name"] == "uv"]
    declared = [spec for spec in PYPROJECT["project"]["optional-dependencies"]["test"] if spec.startswith("uv==")]
    assert declared == [f"uv=={pinned}"] and locked == pinned
