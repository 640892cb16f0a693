"""Link previews and search snippets: description and Open Graph tags on every page,
escaped exactly once; the footer links the pages every page must link."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import FOOTER_PAGES, PAGES, built_file

OG = ("og:title", "og:description", "og:type", "og:url", "og:locale", "og:site_name")
SITE = "https://quartier.example.org/"


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    return pages


def meta(soup: BeautifulSoup, prop: str) -> list[str]:
    return [tag.get("content", "") for tag in soup.find_all("meta", attrs={"property": prop})]


def test_every_page_has_description_and_open_graph(site_dir: Path):
    problems = []
    for file in html_pages(site_dir):
        name = file.relative_to(site_dir).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub
        descriptions = [tag["content"] for tag in soup.find_all("meta", attrs={"name": "description"})]
        values = {prop: meta(soup, prop) for prop in OG}
        for prop, found in values.items():
            if len(found) != 1 or not found[0].strip():
                problems.append(f"{name}: {prop} {found}")
        if len(descriptions) != 1 or not descriptions[0].strip():
            problems.append(f"{name}: description {descriptions}")
        elif values["og:description"] and values["og:description"][0] != descriptions[0]:
            problems.append(f"{name}: og:description differs from description")
        if values["og:locale"] != ["de_DE"]:
            problems.append(f"{name}: og:locale {values['og:locale']}")
        canonical = soup.find("link", rel="canonical")
        if canonical and values["og:url"] != [canonical["href"]]:
            problems.append(f"{name}: og:url {values['og:url']} is not the canonical {canonical['href']}")
        if not all(url.startswith(SITE) for url in values["og:url"]):
            problems.append(f"{name}: og:url not absolute: {values['og:url']}")
        # Escaped once: the parsed text holds no entity (escaped twice shows "&amp;" etc.).
        for text in [
            *descriptions,
            *values["og:title"],
            *values["og:description"],
            soup.title.get_text() if soup.title else "",
        ]:
            if any(entity in text for entity in ("&amp;", "&lt;", "&gt;", "&quot;", "&#")):
                problems.append(f"{name}: escaped twice: {text[:80]!r}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("name", ["start", "event", "city", "about", "news-post"])
def test_og_title_is_the_page_title(site_dir: Path, name: str):
    soup = BeautifulSoup(built_file(site_dir, PAGES[name]).read_text(encoding="utf-8"), "html.parser")
    assert meta(soup, "og:title") == [
        soup.select_one("article.md-content__inner h1").get_text(" ", strip=True).removesuffix("¶").strip()
    ]
    assert meta(soup, "og:type") == ["website" if name == "start" else "article"]


def test_every_page_links_the_footer_pages(site_dir: Path):
    for file in html_pages(site_dir):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        links = {a.get_text(strip=True): a["href"] for a in soup.select("footer .q-footer__links a")}
        assert list(links) == list(FOOTER_PAGES), file
        for text, _path in FOOTER_PAGES.items():
            target = (
                (file.parent / links[text]).resolve()
                if not links[text].startswith("/")
                else site_dir / links[text].lstrip("/")
            )
            assert (target / "index.html").is_file(), f"{file}: {text} → {links[text]}"


def test_footer_pages_say_what_they_must(site_dir: Path):
    def text(path: str) -> str:
        return (
            BeautifulSoup(built_file(site_dir, path).read_text(encoding="utf-8"), "html.parser")
            .select_one("article")
            .get_text(" ")
        )

    open_data = text("daten/")
    for needle in ("Datenlizenz Deutschland – Namensnennung – Version 2.0", "veranstaltungen.csv", "DCAT-AP.de"):
        assert needle in open_data, needle
    accessibility = text("barrierefreiheit/")
    for needle in (
        "BITV 2.0",
        "barrierefreiheit@quartier.example.org",
        "Schlichtungsstelle",
        "§ 16 BGG",
        "Leichte",
        "teilweise",
    ):
        assert needle in accessibility, needle
    privacy = text("datenschutz/")
    for needle in (
        "keine Cookies",
        "Server-Protokolle",
        "IP-Adresse",
        "Verantwortliche Stelle",
        "nichts in Ihrem Browser",
    ):
        assert needle in privacy, needle
    assert "§ 5" in text("impressum/")
    easy = text("leichte-sprache/")
    assert "Wie erreiche ich Sie?" in easy and "barrierefreiheit@quartier.example.org" in easy
