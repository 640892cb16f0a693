"""ProperDocs, the maintained continuation of MkDocs 1.6, as a builder of the same project.

The example site is built by MkDocs and by ProperDocs from the same repository, the same
mkdocs.yml, hook and overrides, and the same QUARTIER_TODAY. ProperDocs answers
``import mkdocs`` with itself, so Material, the hook and the engine run unchanged. Every
file must be the same bytes, the search index included; the one difference is listed
below with its reason, and any other difference fails.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from e2e.helpers import copy_project

TODAY = "2026-11-21"
BIN = Path(sys.executable).parent
BUILDERS = ("mkdocs", "properdocs")


@dataclass(frozen=True)
class Difference:
    """A line that differs between the builders' pages, and why."""

    mkdocs: str
    properdocs: str
    why: str


GENERATOR = Difference(
    mkdocs='<meta name="generator" content="mkdocs-1.6.1, mkdocs-material">',
    properdocs='<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material">',
    why=(
        "Material writes the builder's name and version into every page's generator tag; "
        "ProperDocs gives its own as MkDocs' version."
    ),
)
DIFFERENCES = (GENERATOR,)
"""Everything else, page text, links, navigation, feeds and pagefind/, is the same bytes."""


def executable(builder: str) -> Path:
    path = BIN / builder
    if not path.is_file():
        pytest.fail(f"{builder} fehlt: make test installiert es aus uv.lock (Extra „{builder}“ bzw. „site“)")
    return path


def build(builder: str, project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``<builder> build --strict -f mkdocs.yml`` in the project folder, as `make site` runs it."""
    return subprocess.run(
        [str(executable(builder)), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site), *extra],
        capture_output=True,
        text=True,
        env=dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1"),
        cwd=project,
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("properdocs")
    built = {}
    for builder in BUILDERS:
        result = build(builder, REPO, out / builder)
        assert result.returncode == 0, result.stderr
        built[builder] = out / builder
    return built


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_same_files(sites: dict[str, Path]):
    names = files(sites["mkdocs"])
    assert len(names) > 200
    assert "pagefind/pagefind-entry.json" in names and "kalender.ics" in names
    assert names == files(sites["properdocs"])


def test_every_file_is_the_same_but_the_listed_differences(sites: dict[str, Path]):
    themed = 0
    for name in files(sites["mkdocs"]):
        mkdocs, properdocs = ((sites[builder] / name).read_bytes() for builder in BUILDERS)
        for difference in DIFFERENCES:
            # Once in every page the theme renders (not in files such as admin/index.html),
            # as listed: anything else in that line would show.
            count = mkdocs.count(difference.mkdocs.encode())
            assert count == properdocs.count(difference.properdocs.encode()) <= 1, (name, difference.why)
            themed += count
            properdocs = properdocs.replace(difference.properdocs.encode(), difference.mkdocs.encode())
        assert hashlib.sha256(mkdocs).digest() == hashlib.sha256(properdocs).digest(), name
    assert themed > 80


def test_the_generator_tag_names_the_builder(sites: dict[str, Path]):
    """The listed difference, read as a parser reads it."""
    for builder in BUILDERS:
        soup = BeautifulSoup((sites[builder] / "index.html").read_text(encoding="utf-8"), "html.parser")
        (tag,) = soup.find_all("meta", attrs={"name": "generator"})
        expected = BeautifulSoup(getattr(GENERATOR, builder), "html.parser").meta
        assert expected is not None
        assert tag["content"] == expected["content"]
    assert "ProperDocs" in GENERATOR.properdocs


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_warning_of_the_builder_itself_leaves_the_previous_site(builder: str, tmp_path: Path):
    """Strict mode counts the builder's own warnings too. ProperDocs logs them under its
    own name: the hook once missed them, put the new site in place, and ProperDocs aborted
    only after that."""
    project = copy_project(tmp_path / "projekt")
    site = tmp_path / "site"
    assert build(builder, project, site).returncode == 0
    (site / "vorher.txt").write_text("die Website von vorher\n", encoding="utf-8")
    before = {name: (site / name).read_bytes() for name in files(site)}
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - Start: index.md\n" in text
    config.write_text(
        text.replace("\n  - Start: index.md\n", "\n  - Start: index.md\n  - Fehlt: fehlt.md\n"), encoding="utf-8"
    )
    result = build(builder, project, site)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "'fehlt.md' is included in the 'nav' configuration" in output
    assert "Aborted with 1 warnings in strict mode!" in output
    assert {name: (site / name).read_bytes() for name in files(site)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projekt", "site"]
