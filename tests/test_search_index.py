"""The search index is made beside the builder, from the engine's documents: it must be the
index Pagefind writes over the finished site, byte for byte, or the site falls back to that."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from quartier.frontends.material import MATERIAL
from quartier.render.search import INDEX_FOLDER, build_index, cancel_index, start_index

ENV = dict(os.environ, QUARTIER_TODAY="2026-11-21", NO_MKDOCS_2_WARNING="1", QUARTIER_CACHE="aus")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    for name in ("content", "docs", "hooks", "overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _build(root: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=root,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_made_beside_the_builder_is_the_index_of_the_finished_site(tmp_path):
    root = _copy(tmp_path)
    site = tmp_path / "site"
    _build(root, site)
    beside = _files(site / INDEX_FOLDER)
    assert "pagefind-entry.json" in beside and len(beside) > 20
    # The same site indexed afterwards, from its finished HTML, as `quartier index` does.
    shutil.rmtree(site / INDEX_FOLDER)
    build_index(site, REPO)
    assert _files(site / INDEX_FOLDER) == beside


def test_a_hand_written_page_without_heading_is_indexed_from_the_finished_site(tmp_path):
    # Material heads such a page with the title MkDocs found (navigation, file name):
    # only the finished site knows it, so the index is made from that.
    root = _copy(tmp_path)
    (root / "docs" / "ohne-ueberschrift.md").write_text("Nur Text mit dem Wort Quartiersfest.\n", encoding="utf-8")
    site = tmp_path / "site"
    _build(root, site)
    index = _files(site / INDEX_FOLDER)
    shutil.rmtree(site / INDEX_FOLDER)
    build_index(site, REPO)
    assert _files(site / INDEX_FOLDER) == index


def test_what_the_adapter_gives_the_index_of_a_hand_written_page():
    body = '<h1 id="x">Impressum</h1>\n<p>Text</p>'
    assert MATERIAL.docs_search_body({}, body) == (
        '<div data-pagefind-body><span data-pagefind-filter="art:Seite"></span>\n' + body + "\n</div>"
    )
    assert MATERIAL.docs_search_body({"search": {"exclude": True}}, body) == ""
    assert MATERIAL.docs_search_body({"title": "Ohne"}, "<p>Text</p>") is None


def test_a_cancelled_index_leaves_nothing_behind(tmp_path):
    job = start_index({"a/index.html": '<html lang="de"><body><div data-pagefind-body>x</div></body></html>'}, REPO)
    cancel_index(job)
    assert not job.folder.exists()
    cancel_index(job)  # twice is fine (a build error after the index finished)


@pytest.mark.parametrize("broken", ["--gibt-es-nicht"])
def test_a_failed_index_is_reported_and_cleaned_up(tmp_path, broken, monkeypatch):
    from quartier.render import search

    monkeypatch.setattr(search, "EXCLUDED", (broken,))
    job = start_index({"a/index.html": "<html></html>"}, REPO)
    with pytest.raises(search.SearchIndexError) as raised:
        search.finish_index(job, tmp_path)
    assert str(raised.value).startswith("Suchindex nicht erstellt")
    assert not job.folder.exists() and not (tmp_path / INDEX_FOLDER).exists()
