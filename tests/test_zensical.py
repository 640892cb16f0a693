"""The second builder: `quartier generate OUT` + `zensical build` + `quartier index`.

The example site is built both ways from the same repository and the same
QUARTIER_TODAY: MkDocs with the hook, and Zensical from the project `generate` writes.
Both sites are read the way consumers read them (HTML parser, bytes for feeds) and
compared. The differences that remain are listed here, each with its reason; any other
difference fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, ContentFolder, image_bytes
from test_escaping import MARKERS, SLUG, SUMMARY, TITLE, write_hostile_content
from test_site_build import copy_project

from quartier.config import ConfigError
from quartier.frontends.cli import main
from quartier.frontends.material import MATERIAL
from quartier.frontends.zensical import ENVIRONMENT
from quartier.site.project import config_without_hooks, docs_page, rebase_links, relative_url
from quartier.text.markup import render

TODAY = "2026-11-21"

ONLY_MKDOCS = {"sitemap.xml.gz"}
"""MkDocs also writes a gzipped sitemap; Zensical writes only sitemap.xml."""

ONLY_ZENSICAL = {"search.json"}
"""Zensical writes its search plugin's file even when the plugin is off: an empty index
(``"items":[]``, checked below). The site's search is Pagefind in both."""

THEME_FOLDERS = ("assets/", "pagefind/")
"""The theme's own files (Material's and Zensical's bundles differ in name and content)
and the search index (Pagefind writes some chunks in a different order each run)."""


def zensical_command() -> list[str]:
    executable = Path(sys.executable).with_name("zensical")
    if not executable.is_file():
        pytest.skip("Zensical fehlt (pip install -e '.[zensical]'; make test installiert es).")
    return [str(executable)]


def build_with_zensical(root: Path, project: Path, today: str = TODAY) -> Path:
    """`quartier generate --zensical` (what `make site-zensical` runs): `generate`, then
    `zensical build` and the search index in its staging folder; the site."""
    zensical_command()
    env = dict(os.environ, QUARTIER_TODAY=today)
    generate = subprocess.run(
        [sys.executable, "-m", "quartier", "--root", str(root), "generate", "--zensical", str(project)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert generate.returncode == 0, generate.stderr
    return project / "site"


def build_with_mkdocs(root: Path, site: Path, today: str = TODAY) -> Path:
    env = dict(os.environ, QUARTIER_TODAY=today, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The example site built by MkDocs (with the hook) and by Zensical (from `generate`)."""
    out = tmp_path_factory.mktemp("builders")
    return build_with_mkdocs(REPO, out / "mkdocs"), build_with_zensical(REPO, out / "zensical")


def site_files(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith(THEME_FOLDERS)
    }


def page_url(name: str) -> str:
    return name.removesuffix("index.html")


# -- the two sites ---------------------------------------------------------------


def test_same_pages_and_files(sites: tuple[Path, Path]):
    mkdocs, zensical = site_files(sites[0]), site_files(sites[1])
    assert len(mkdocs) > 100
    assert mkdocs - zensical == ONLY_MKDOCS
    assert zensical - mkdocs == ONLY_ZENSICAL
    assert json.loads((sites[1] / "search.json").read_text(encoding="utf-8"))["items"] == []
    pages = sorted(page_url(name) for name in mkdocs if name.endswith(".html"))
    assert pages == sorted(page_url(name) for name in zensical if name.endswith(".html"))


def test_feeds_and_files_are_byte_identical(sites: tuple[Path, Path]):
    """Calendar and news feeds, redirects' targets, images, downloads, CSS: the same bytes."""
    compared = 0
    for name in sorted(site_files(sites[0]) - ONLY_MKDOCS):
        if name.endswith(".html") or name == "sitemap.xml":
            continue
        assert (sites[0] / name).read_bytes() == (sites[1] / name).read_bytes(), name
        compared += 1
    names = site_files(sites[0])
    assert {"kalender.ics", "aktuelles/feed.xml", "aktuelles/feed.json", "stylesheets/quartier.css"} <= names
    assert compared >= 40


def test_sitemaps_list_the_same_addresses(sites: tuple[Path, Path]):
    def locations(site: Path) -> list[str]:
        tree = ET.parse(site / "sitemap.xml")
        return sorted(loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))

    assert locations(sites[0]) == locations(sites[1])
    assert len(locations(sites[0])) > 60


def _facts(site: Path, name: str) -> dict[str, object]:
    """What a visitor, a search engine and a link preview read from a page."""
    soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
    base = "https://quartier.example.org/" + page_url(name)
    article = soup.select_one("article.md-content__inner")
    assert article is not None, name

    def resolved(elements: list, attribute: str) -> list[str]:
        return [urljoin(base, element[attribute]) for element in elements if element.get(attribute) is not None]

    return {
        "lang": soup.html.get("lang"),
        "title": soup.title.get_text() if soup.title else None,
        "meta": sorted(
            (tag.get("name") or tag.get("property"), tag.get("content"))
            for tag in soup.find_all("meta")
            if (tag.get("name") or tag.get("property")) and tag.get("name") != "generator"
        ),
        "canonical": resolved(soup.find_all("link", rel="canonical"), "href"),
        "headings": [
            (h.name, h.get_text(" ", strip=True)) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        ],
        "text": " ".join(article.get_text(" ").split()),
        "links": resolved(article.find_all("a"), "href"),
        "images": resolved(article.find_all("img"), "src"),
        "json_ld": [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")],
        "search_body": len(soup.select("[data-pagefind-body]")),
        "tabs": [(urljoin(base, a["href"]), a.get_text(" ", strip=True)) for a in soup.select(".md-tabs a")],
        # Item pages mark their section's tab with CSS on the link whose href is "../".
        "current_tab": [a.get_text(" ", strip=True) for a in soup.select('.md-tabs__link[href="../"]')],
        "header_search": [urljoin(base, form["action"]) for form in soup.select("form.q-header-search")],
        "footer_links": resolved(
            [a for a in soup.select("footer a") if not a.get("href", "").startswith("http")], "href"
        ),
        "skip_link": [a.get("href") for a in soup.select("a.q-skip")],
    }


def test_every_page_says_the_same(sites: tuple[Path, Path]):
    """Title, meta tags, headings, text, links, images, JSON-LD, search marks and navigation
    tabs of every page are the same; the table of contents is not compared (see below)."""
    names = sorted(name for name in site_files(sites[0]) if name.endswith(".html"))
    differences = []
    for name in names:
        soup = BeautifulSoup((sites[0] / name).read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}) or name.startswith("admin/"):
            # Redirect stubs and the form's page are files the engine writes: copied as they are.
            assert (sites[0] / name).read_bytes() == (sites[1] / name).read_bytes(), name
            continue
        ours, theirs = _facts(sites[0], name), _facts(sites[1], name)
        differences += [
            f"{name}: {key}: {ours[key]!r:.200} != {theirs[key]!r:.200}" for key in ours if ours[key] != theirs[key]
        ]
    assert not differences, "\n".join(differences[:30])
    assert len(names) > 80


def test_the_builder_is_named_where_the_theme_is_credited(sites: tuple[Path, Path]):
    mkdocs = BeautifulSoup((sites[0] / "index.html").read_text(encoding="utf-8"), "html.parser")
    zensical = BeautifulSoup((sites[1] / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert mkdocs.select_one(".q-footer__credit a").get_text() == "Material for MkDocs"
    assert zensical.select_one(".q-footer__credit a").get_text() == "Zensical"
    assert zensical.find("meta", attrs={"name": "generator"})["content"].startswith("zensical")


def test_tables_of_contents_are_the_one_known_gap(sites: tuple[Path, Path]):
    """Zensical takes a page's table of contents from Markdown headings; every body in the
    generated project is one HTML block (what the sanitizer left), so its pages have none.
    The headings and their anchors are there (compared above); only the sidebar list is missing."""
    page = "kalender-abonnieren/index.html"
    mkdocs = BeautifulSoup((sites[0] / page).read_text(encoding="utf-8"), "html.parser")
    zensical = BeautifulSoup((sites[1] / page).read_text(encoding="utf-8"), "html.parser")
    assert mkdocs.select(".md-sidebar--secondary a.md-nav__link")
    assert not zensical.select(".md-sidebar--secondary a.md-nav__link")
    for heading in mkdocs.select("article h2[id]"):
        assert zensical.find(id=heading["id"]) is not None


def test_no_request_to_another_server_is_written_into_a_page(sites: tuple[Path, Path]):
    """Scripts, styles, fonts, images and frames all come from the site itself; Zensical's
    offline plugin (which adds a script from unpkg.com) stays off."""
    site = sites[1]
    config = yaml.safe_load((site.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "offline" not in json.dumps(config.get("plugins"))
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
        ):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if value is None or (
                    tag == "link"
                    and not {"stylesheet", "preconnect", "preload", "icon", "modulepreload"}
                    & set(element.get("rel", []))
                ):
                    continue
                assert not urlsplit(value).netloc and not value.startswith("//"), f"{page}: <{tag} {attribute}={value}>"
    # The theme's bundle names CDNs for features the site does not use (diagrams); what
    # runs is checked in the browser (tests/e2e/test_zensical.py). The pages name none.
    for page in site.rglob("*.html"):
        assert b"unpkg.com" not in page.read_bytes(), page


def test_the_search_index_holds_the_same_pages(sites: tuple[Path, Path]):
    def entry(site: Path) -> dict[str, object]:
        data: dict[str, object] = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return data

    [mkdocs] = entry(sites[0])["languages"].values()  # type: ignore[attr-defined]
    [zensical] = entry(sites[1])["languages"].values()  # type: ignore[attr-defined]
    assert mkdocs["page_count"] == zensical["page_count"] > 50
    fragments = sorted(p.name for p in (sites[0] / "pagefind" / "fragment").iterdir())
    assert fragments == sorted(p.name for p in (sites[1] / "pagefind" / "fragment").iterdir())


def test_same_content_same_bytes(sites: tuple[Path, Path], tmp_path: Path):
    """Reproducible: a second Zensical build of the same content on the same day is the same,
    file for file, the theme's files and the whole search index included."""
    again = build_with_zensical(REPO, tmp_path / "again")
    first = sorted(p.relative_to(sites[1]).as_posix() for p in sites[1].rglob("*") if p.is_file())
    assert first == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert any(name.startswith("pagefind/filter/") for name in first)
    assert [name for name in first if (sites[1] / name).read_bytes() != (again / name).read_bytes()] == []


# -- front matter is text ---------------------------------------------------------


HOSTILE_MKDOCS = """\
site_name: Escaping
site_url: https://quartier.example.org/
theme:
  name: material
  language: de
  font: false
  variant: classic
  custom_dir: overrides
plugins:
  - search:
      enabled: false
hooks:
  - hooks/quartier_mkdocs.py
nav:
  - Start: index.md
  - Veranstaltungen: veranstaltungen/index.md
  - Aktuelles:
      - aktuelles/index.md
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """test_escaping's hostile event, post and hand-written page, built by Zensical."""
    root = tmp_path_factory.mktemp("hostile-zensical")
    folder = ContentFolder(root)
    folder.write("mkdocs.yml", HOSTILE_MKDOCS)
    shutil.copytree(REPO / "overrides", root / "overrides")
    write_hostile_content(folder)
    # Without a title: the first heading is the title, escaped the same way.
    folder.write("docs/ohne-titel.md", f"# {HEADING}\n\nText.\n")
    return build_with_zensical(root, root / "out")


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _meta(soup: BeautifulSoup, **attrs: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs=attrs)]


def test_zensical_writes_no_front_matter_value_raw(hostile: Path):
    for page in hostile.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in script.string, page
                json.loads(script.string)
                continue
            assert not any(marker in script.get_text() for marker in MARKERS), f"{page}: injected script"
        for tag in soup.find_all(True):
            assert not any(name.startswith("on") for name in tag.attrs), f"{page}: handler on <{tag.name}>"
        for text in [
            *_meta(soup, name="description"),
            *_meta(soup, property="og:title"),
            soup.title.get_text() if soup.title else "",
        ]:
            assert not any(entity in text for entity in ("&amp;", "&lt;", "&gt;", "&quot;", "&#")), (
                f"{page}: escaped twice: {text!r}"
            )


HEADING = 'Fisch & "Chips" < 3 > 2'
"""A heading that is text to Markdown, with every character HTML escapes."""


@pytest.mark.parametrize(
    ("path", "title"),
    [
        (f"veranstaltungen/{SLUG}", TITLE),
        ("aktuelles/2027-01-02-boese", TITLE),
        ("hand", TITLE),
        ("ohne-titel", HEADING),
    ],
)
def test_title_heading_and_meta_tags_show_the_text(hostile: Path, path: str, title: str):
    soup = _soup(hostile, path)
    assert soup.title.get_text() == f"{title} - Escaping"
    assert soup.select_one(".md-header__topic[data-md-component=header-topic]").get_text(" ", strip=True) == title
    assert _meta(soup, property="og:title") == [title]
    assert [h.get_text(" ", strip=True).removesuffix("¶").strip() for h in soup.select("article h1")] == [title]
    if title == TITLE:
        assert SUMMARY in _meta(soup, name="description")[0]
        assert _meta(soup, name="description") == _meta(soup, property="og:description")


def test_json_ld_of_the_hostile_event(hostile: Path):
    [script] = _soup(hostile, f"veranstaltungen/{SLUG}").find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["name"] == TITLE and data["location"]["name"] == TITLE and data["description"] == SUMMARY


def test_hostile_listing_and_search_page(hostile: Path):
    listing = _soup(hostile, "veranstaltungen")
    assert TITLE in [a.get_text() for a in listing.select("ul.q-event-list a")]
    assert (hostile / "pagefind" / "pagefind-entry.json").is_file()


# -- the project `generate` writes ---------------------------------------------------


def test_generate_writes_a_project_without_hooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUARTIER_TODAY", TODAY)
    out = tmp_path / "out"
    assert main(["--root", str(REPO), "generate", str(out)]) == 0
    source = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    written = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" in source and "hooks" not in yaml.safe_load(written)
    assert yaml.safe_load(written) == {k: v for k, v in yaml.safe_load(source).items() if k != "hooks"}
    assert yaml.safe_load(written)["theme"]["custom_dir"] == "overrides"
    for path in (REPO / "overrides").rglob("*"):
        if path.is_file():
            assert (out / path.relative_to(REPO)).read_bytes() == path.read_bytes()
    assert (out / "docs/stylesheets/quartier.css").read_bytes() == (REPO / "docs/stylesheets/quartier.css").read_bytes()
    assert (out / "docs/kalender.ics").is_file() and (out / "docs/veranstaltungen/index.md").is_file()


def test_a_failed_zensical_build_leaves_the_previous_project_and_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """`zensical build` writes its site in place; `generate --zensical` runs it in the staging
    folder, so a failure (of the build, or a build that wrote no site) changes nothing."""
    zensical_command()
    monkeypatch.setenv("QUARTIER_TODAY", TODAY)
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert main(["--root", str(project), "generate", "--zensical", str(out)]) == 0
    assert (out / "site/index.html").is_file() and (out / "site/pagefind/pagefind.js").is_file()
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (project / "content/events/neu.md").write_text(
        '---\ntitle: Neu\nstart: "2026-12-01 10:00"\nformat: online\n---\nText.\n', encoding="utf-8"
    )
    for name, script, message in (
        ("kaputt", "mkdir -p site && echo halb > site/index.html && echo Absturz >&2 && exit 3", "Exit-Code 3"),
        ("stumm", "exit 0", "keine Website geschrieben"),
    ):
        fake = tmp_path / name
        fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
        fake.chmod(0o755)
        monkeypatch.setenv(ENVIRONMENT, str(fake))
        assert main(["--root", str(project), "generate", "--zensical", str(out)]) == 1
        err = capsys.readouterr().err
        assert message in err and f"{out} bleibt unverändert" in err
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no staging left


def test_make_site_zensical_builds_through_the_staging_folder():
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\nsite-zensical:", 1)[1].split("\n\n", 1)[0]
    assert "quartier generate --zensical $(ZENSICAL_PROJECT)" in recipe
    assert "zensical build" not in recipe.replace("generate --zensical", "")


def test_generate_refuses_to_replace_the_project_itself(folder: ContentFolder, capsys: pytest.CaptureFixture[str]):
    folder.write("mkdocs.yml", "site_url: https://quartier.example.org/\n")
    folder.write("docs/index.md", "# Start\n")
    for target in (folder.root, folder.root / "docs" / "out", folder.root / "content", folder.root.parent):
        assert main(["--root", str(folder.root), "generate", str(target)]) == 2
    assert (folder.root / "docs" / "index.md").is_file()
    assert "eigenen Ordner" in capsys.readouterr().err


def test_docs_pages_are_the_sanitized_html_and_only_what_is_published(folder: ContentFolder, tmp_path: Path):
    folder.write(
        "mkdocs.yml", "site_url: https://quartier.example.org/\nextra:\n  quartier:\n    removed_html: warning\n"
    )
    folder.write("docs/ueber.md", "# Über\n\n[Hilfe](hilfe/seite.md#abschnitt) ![Bild](bild.png)\n")
    folder.write(
        "docs/hilfe/seite.md",
        '# Hilfe\n\n<img src="../bild.png" onerror="alert(1)">\n\n[x](javascript:alert(2))\n\n'
        "[Über](../ueber.md) [Kalender](../kalender.ics) [Termine](../veranstaltungen/index.md)\n",
    )
    folder.write("docs/bild.png", image_bytes("PNG"))
    folder.write("docs/.versteckt.md", "# Nicht veröffentlicht\n")
    out = tmp_path / "out"
    assert main(["--root", str(folder.root), "generate", str(out)]) == 0
    assert not (out / "docs/.versteckt.md").exists()
    text = (out / "docs/hilfe/seite.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Hilfe"\n---\n')
    soup = BeautifulSoup(text.split("---\n", 2)[2], "html.parser")
    assert [img["src"] for img in soup.find_all("img")] == ["../bild.png"]
    assert not any(name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    # Relative to the page's file, .md links as site paths: how Zensical (and MkDocs, for
    # Markdown) read a page's links.
    assert [a["href"] for a in soup.find_all("a", href=True) if not a["href"].startswith("#")] == [
        "../ueber/",
        "../kalender.ics",
        "../veranstaltungen/",
    ]
    about = BeautifulSoup((out / "docs/ueber.md").read_text(encoding="utf-8").split("---\n", 2)[2], "html.parser")
    assert [a["href"] for a in about.find_all("a", href=True) if not a["href"].startswith("#")] == [
        "hilfe/seite/#abschnitt"
    ]
    assert [img["src"] for img in about.find_all("img")] == ["bild.png"]


# -- the pieces ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "site_name: A\nhooks:\n  - hooks/a.py\n  - hooks/b.py\ntheme:\n  name: material\n",
        "site_name: A\nhooks:\n- hooks/a.py\n\n# Kommentar bleibt\ntheme:\n  name: material\n",
        "site_name: A\nhooks: [hooks/a.py]\ntheme:\n  name: material\n",
        "hooks:\n  - a.py\nsite_name: A\ntheme:\n  name: material\n",
        "site_name: A\ntheme:\n  name: material\n",
    ],
)
def test_config_without_hooks_keeps_everything_else(text: str):
    result = config_without_hooks(text)
    data = yaml.safe_load(result)
    assert data == {"site_name": "A", "theme": {"name": "material"}}
    if "# Kommentar bleibt" in text:
        assert "# Kommentar bleibt\n" in result


def test_config_with_tags_keeps_them_as_written():
    text = (
        "site_name: A\nhooks:\n  - a.py\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    assert config_without_hooks(text) == text.replace("hooks:\n  - a.py\n", "")


def test_config_whose_hooks_cannot_be_cut_safely_is_refused():
    with pytest.raises(ConfigError):
        config_without_hooks("site_name: A\nhooks:\n  - a.py\n'hooks': [b.py]\n")


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("veranstaltungen/", "kalender-abonnieren/", "../veranstaltungen/"),
        ("veranstaltungen/", "", "veranstaltungen/"),
        ("", "aktuelles/", ".."),
        ("stylesheets/a.css", "ueber/", "../stylesheets/a.css"),
        ("x/", "x/", "./"),
    ],
)
def test_relative_url_is_what_mkdocs_writes(url: str, base: str, expected: str):
    from mkdocs.utils import get_relative_url

    assert relative_url(url, base) == expected == get_relative_url(url, base)


def test_links_of_a_generated_page_are_rebased_to_its_file():
    markup = (
        '<p><a href="../kategorie/x/">a</a> <a href="#f">b</a> <a href="https://e.org/">c</a> '
        '<img src="../../bilder/y.png" alt=""> <a href="/abs/">d</a> <a href="?q=1">e</a></p>'
        '<noscript><a href="../../veranstaltungen/">f</a></noscript><script type="module" src="../s.js"></script>'
    )
    rebased = rebase_links(
        markup, "aktuelles/post.md", lambda path: __import__("posixpath").normpath("aktuelles/post/" + path)
    )
    soup = BeautifulSoup(rebased, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        "kategorie/x",
        "#f",
        "https://e.org/",
        "/abs/",
        "?q=1",
        "../../veranstaltungen/",
    ]
    assert soup.img["src"] == "../bilder/y.png" and soup.script["src"] == "s.js"


def test_docs_page_escapes_the_title_and_keeps_other_keys():
    body = render('# Über & "uns"\n\nText.\n')
    text = docs_page(
        '---\ndescription: Kurz\nsearch:\n  exclude: true\n---\n# Über & "uns"\n', "docs/x.md", body, MATERIAL
    )
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"description": "Kurz", "search": {"exclude": True}, "title": "Über &amp; &quot;uns&quot;"}
    titled = docs_page("---\ntitle: <b>T</b>\n---\n# Anders\n", "docs/x.md", body, MATERIAL)
    assert yaml.safe_load(titled.split("---\n")[1])["title"] == "&lt;b&gt;T&lt;/b&gt;"
    assert "\n\n" not in text.split("---\n", 2)[2].strip()  # one HTML block


def test_builder_benchmark_runs_end_to_end(tmp_path: Path):
    """bench/bench_builders.py at a small N, so that it cannot rot (no timing asserted)."""
    zensical_command()
    sys.path.insert(0, str(REPO / "bench"))
    from bench_builders import measure

    row = measure(tmp_path, events=20)
    assert row["mkdocs"]["pages"] == row["properdocs"]["pages"] == row["zensical"]["pages"] > 20
    assert row["properdocs_ratio"] > 0
    assert row["ratio"] > 0 and set(row["zensical"]["steps"]) == {"generate", "build", "index"}
