"""The content cache: the same bytes with and without it, only changed files redone, and
nothing it holds trusted unless it reads back exactly as the engine wrote it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, ContentFolder
from PIL import Image

from quartier import cache as cache_module
from quartier.cache import ContentCache, Stored, Work, cached_map, entry_key, open_cache, workers
from quartier.config import load_config
from quartier.content.files.images import CLEANED_CODEC, clean_image
from quartier.site.build import SiteOutput, build, check, planned_outputs
from quartier.site.site_paths import PathCode
from quartier.text import markup
from quartier.text.markup import BODY_CODEC, TOO_SLOW, RenderedBody

TODAY = date(2026, 11, 21)


def _example(tmp_path: Path) -> Path:
    """The example project's content, docs and settings (no Git history, no site)."""
    root = tmp_path / "beispiel"
    for name in ("content", "docs"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns(".cache"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _everything(output: SiteOutput | None) -> dict[str, bytes]:
    assert output is not None
    found = {f"page:{page.url_path}": page.html.encode() for page in output.pages}
    found |= {f"markdown:{page.url_path}": page.content.encode() for page in output.pages}
    found |= {f"file:{path}": data for path, data in output.files.items()}
    found |= {f"docs:{path}": data for path, data in output.docs_contents.items()}
    return found


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = _example(tmp_path_factory.mktemp("cache"))
    return root, _everything(build(load_config(root), TODAY).output)


def test_output_is_byte_identical_without_cold_and_warm_cache(example, tmp_path):
    root, without = example
    cold = ContentCache(tmp_path / "cache")
    assert _everything(build(load_config(root), TODAY, cold).output) == without
    assert cold.misses > 0 and cold.hits == 0
    warm = ContentCache(tmp_path / "cache")
    assert _everything(build(load_config(root), TODAY, warm).output) == without
    assert warm.misses == 0 and warm.hits == cold.misses


def test_one_changed_event_redoes_only_its_own_work(example, tmp_path):
    root, _ = example
    project = tmp_path / "p"
    shutil.copytree(root, project)
    store = tmp_path / "cache"
    first = ContentCache(store)
    build(load_config(project), TODAY, first)
    event = sorted((project / "content/events").glob("*.md"))[0]
    event.write_text(event.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")
    second = ContentCache(store)
    result = build(load_config(project), TODAY, second)
    assert result.output is not None
    assert second.misses == 1
    page = next(p for p in result.output.pages if p.origin == event.relative_to(project).as_posix())
    assert "Ein neuer Absatz." in page.html


def _rows(store: Path) -> list[tuple[str, str, bytes, str]]:
    with sqlite3.connect(store / cache_module.DATABASE) as db:
        return db.execute("SELECT key, meta, data, checksum FROM entry ORDER BY key").fetchall()


def _execute(store: Path, sql: str, *args: object) -> None:
    db = sqlite3.connect(store / cache_module.DATABASE)
    with db:
        db.execute(sql, args)
    db.close()


def test_an_entry_changed_after_writing_is_ignored(example, tmp_path):
    root, without = example
    store = tmp_path / "cache"
    build(load_config(root), TODAY, ContentCache(store))
    # An entry whose value was changed (by hand, by a broken disk): its checksum no longer fits.
    key, meta, _, _ = next(row for row in _rows(store) if row[1].startswith('["<'))
    forged = json.loads(meta)
    forged[0] = '<script>alert("aus dem Cache")</script>'
    _execute(store, "UPDATE entry SET meta = ? WHERE key = ?", json.dumps(forged), key)
    again = ContentCache(store)
    output = _everything(build(load_config(root), TODAY, again).output)
    assert output == without
    assert again.misses == 1
    assert all(b"aus dem Cache" not in data for data in output.values())


def test_an_entry_moved_to_another_key_is_ignored(example, tmp_path):
    root, without = example
    store = tmp_path / "cache"
    build(load_config(root), TODAY, ContentCache(store))
    rows = [row for row in _rows(store) if row[1].startswith('["<')]
    (victim, *_), (_, meta, data, checksum) = rows[0], rows[1]
    # A valid entry of another body, copied under this body's key (checksum and all).
    _execute(store, "UPDATE entry SET meta = ?, data = ?, checksum = ? WHERE key = ?", meta, data, checksum, victim)
    again = ContentCache(store)
    assert _everything(build(load_config(root), TODAY, again).output) == without
    assert again.misses == 1


def test_an_entry_in_another_shape_is_computed_again(tmp_path):
    store = ContentCache(tmp_path)
    source = "# Titel\n\nText mit [Link](https://example.org/).\n"
    key = entry_key(Work.BODY, source.encode())
    # Checksum right, content not what the codec writes: a foreign or older format.
    store.save({key: Stored(json.dumps({"html": "<p>fremd</p>"}))})
    [body] = markup.render_all([source], store)
    assert body == markup.render(source)
    assert store.misses == 1


def test_a_file_that_is_no_database_is_no_cache_and_no_error(example, tmp_path):
    root, without = example
    store = tmp_path / "cache"
    store.mkdir()
    (store / cache_module.DATABASE).write_bytes(b"kein SQLite" * 100)
    broken = ContentCache(store)
    assert _everything(build(load_config(root), TODAY, broken).output) == without
    assert not broken.usable


def test_deleting_the_folder_is_safe(example, tmp_path):
    root, without = example
    store = tmp_path / "cache"
    build(load_config(root), TODAY, ContentCache(store))
    shutil.rmtree(store)
    assert _everything(build(load_config(root), TODAY, ContentCache(store)).output) == without


def test_a_result_that_depends_on_the_machines_speed_is_not_kept(tmp_path):
    assert not BODY_CODEC.keep(RenderedBody("", (), (), (), TOO_SLOW))
    assert BODY_CODEC.keep(markup.render("[" * (markup.MAX_SCAN_WORK + 10)))  # counted, not timed


def test_bodies_round_trip_exactly(tmp_path):
    sources = [
        "# Eins\n\n## Zwei {#zwei}\n\nText <b onclick=x>fett</b> [a](/b/) ![c](bild.png)\n",
        "",
        '| a | b |\n|---|---|\n| 1 | 2 |\n\n!!! note "Hinweis"\n    Text\n',
        "<script>x</script>\n\n### Drei\n",
    ]
    for source in sources:
        body = markup.render(source)
        assert BODY_CODEC.decode(BODY_CODEC.encode(body)) == body


def test_images_round_trip_and_refusals_too(tmp_path):
    path = tmp_path / "bild.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(path)
    good = clean_image(path.read_bytes(), ".png")
    bad = clean_image(b"kein Bild", ".png")
    assert good.ok and not bad.ok
    for cleaned in (good, bad):
        assert CLEANED_CODEC.decode(CLEANED_CODEC.encode(cleaned)) == cleaned


def test_the_process_pool_gives_what_one_process_gives(tmp_path, monkeypatch):
    sources = [f"## Abschnitt {i}\n\nText {i} mit <i>Auszeichnung</i> und [Link](/x/{i}/).\n" for i in range(150)]
    monkeypatch.setenv(cache_module.WORKERS_VARIABLE, "2")
    pooled = markup.render_all(sources, None)
    assert pooled == [markup.render(source) for source in sources]


def test_equal_items_are_computed_once():
    calls: list[str] = []

    def twice(text: str) -> RenderedBody:
        calls.append(text)
        return markup.render(text)

    cached_map(None, Work.BODY, twice, ["a", "b", "a", "a"], str.encode, BODY_CODEC)
    assert calls == ["a", "b"]


def test_settings(tmp_path):
    assert open_cache(tmp_path, {"QUARTIER_CACHE": "aus"}) is None
    relative = open_cache(tmp_path, {"QUARTIER_CACHE": "anderswo/cache"})
    assert relative is not None and relative.folder == tmp_path / "anderswo/cache"
    default = open_cache(tmp_path, {})
    assert default is not None and default.folder == tmp_path / ".cache/quartier"
    assert (default.folder / ".gitignore").read_text() == "*\n"
    assert workers({"QUARTIER_WORKERS": "1"}) == 1


def test_unused_entries_go_after_two_weeks(tmp_path):
    store = ContentCache(tmp_path)
    store.save({"alt": Stored("[]"), "neu": Stored("[]")})
    _execute(tmp_path, "UPDATE entry SET used = used - ? WHERE key = 'alt'", cache_module.KEEP_UNUSED_SECONDS + 1)
    store.prune()
    assert [row[0] for row in _rows(tmp_path)] == ["neu"]


# -- quartier validate: paths without rendering ----------------------------------------


def test_validate_claims_every_path_the_build_writes(example):
    root, _ = example
    config = load_config(root)
    built = build(config, TODAY)
    checked = check(config, TODAY)
    assert built.output is not None and checked.output is None
    assert built.problems == checked.problems
    site = checked.validation.site
    assert site is not None
    pages, files = planned_outputs(config, site, checked.validation, TODAY)
    assert [(o.url, o.source, o.owner, body) for o, body in pages] == [
        (p.url_path, p.source, p.origin, p.body) for p in built.output.pages
    ]
    assert sorted(files) == sorted(built.output.files)


def test_validate_finds_collisions_and_dead_links_as_the_build_does(tmp_path):
    folder = ContentFolder(tmp_path)
    folder.event("werkstatt", "title: Werkstatt\nstart: 2027-05-06 18:00\nformat: online\n", "[weg](/gibt-es-nicht/)\n")
    folder.write("docs/veranstaltungen/werkstatt.md", "# Von Hand\n")  # the event's address
    folder.write("docs/staedte/index.md", "# Von Hand\n")  # the cities listing's
    built = build(folder.config(), TODAY)
    checked = check(folder.config(), TODAY)
    assert built.output is None
    assert checked.problems == built.problems
    found = sorted((p.code, p.path) for p in checked.problems if isinstance(p.code, PathCode))
    assert found == [
        (PathCode.DEAD_LINK, "content/events/werkstatt.md"),
        (PathCode.TAKEN, "docs/staedte/index.md"),
        (PathCode.TAKEN, "docs/veranstaltungen/werkstatt.md"),
    ], found
