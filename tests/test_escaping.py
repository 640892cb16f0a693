"""A hostile title and summary come out as text in every output of a build.

One build of a small site with an event whose title and summary hold markup, quotes,
iCalendar separators and an emoji; then every file the build wrote is read the way its
consumer reads it (HTML parser, JSON, XML, iCalendar parsers) and checked. The site
uses the project's template overrides, so meta tags, Open Graph and the JSON-LD in a
<script> element are part of the walk.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import ContentFolder
from test_site_build import mkdocs_build

TITLE = '<script>alert(1)</script> </script> "Zitat" & Co ,;\\ 🎉 <img src=x onerror=alert(2)>'
SUMMARY = "Erste Zeile <b>fett</b> & </script><script>alert(3)</script>, mit ; und \\ und 🎉"
SLUG = "2027-01-01-boese"
MARKERS = ("alert(1)", "alert(2)", "alert(3)")

MKDOCS = """\
site_name: Escaping
site_url: https://quartier.example.org/
theme:
  name: material
  language: de
  font: false
  custom_dir: {overrides}
plugins:
  - search:
      lang: de
hooks:
  - {hook}
nav:
  - Start: index.md
  - Veranstaltungen: veranstaltungen/index.md
  - Aktuelles:
      - aktuelles/index.md
"""


def write_hostile_content(folder: ContentFolder) -> None:
    """An event, a news post and a hand-written page whose every text value is hostile."""
    summary_yaml = json.dumps(SUMMARY.replace(", mit", ",\nmit"), ensure_ascii=False)  # a newline, folded by YAML
    folder.event(
        SLUG,
        f'title: {json.dumps(TITLE, ensure_ascii=False)}\nstart: "2027-01-01 10:00"\nend: "11:00"\n'
        f"summary: {summary_yaml}\nvenue:\n  name: {json.dumps(TITLE, ensure_ascii=False)}\n  city: Essen\n"
        'programs: [initiative-ergreifen]\ntags: ["<b>Tag</b>", "a,b;c"]\n',
        body="Normaler Text.\n",
    )
    folder.write(
        "content/news/2027-01-02-boese.md",
        f"---\ntitle: {json.dumps(TITLE, ensure_ascii=False)}\ndate: 2027-01-02\nsummary: {summary_yaml}\n"
        f'categories: ["<b>Kategorie</b>"]\nevents: [{SLUG}]\n---\nText.\n',
    )
    # A hand-written page: its front matter reaches the templates raw (not via pages.py).
    folder.write(
        "docs/hand.md",
        f"---\ntitle: {json.dumps(TITLE, ensure_ascii=False)}\n"
        f"description: {json.dumps(SUMMARY, ensure_ascii=False)}\n---\nText.\n",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    folder = ContentFolder(root)
    hook = Path(__file__).parent.parent / "hooks" / "quartier_mkdocs.py"
    folder.write("mkdocs.yml", MKDOCS.format(hook=hook, overrides=hook.parent.parent / "overrides"))
    (root / "docs").mkdir()
    write_hostile_content(folder)
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site


def outputs(site: Path, suffix: str) -> list[Path]:
    files = sorted(site.rglob(f"*{suffix}"))
    assert files, f"no {suffix} output"
    return files


def test_html_shows_the_text_and_runs_nothing(built: Path):
    for html in outputs(built, ".html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Data, not code: it must still be whole JSON (a title that ended the
                # element early would leave a cut-off object and a new <script>).
                assert "<" not in script.string, f"{html}: '<' in JSON-LD"
                json.loads(script.string)
                continue
            assert not any(marker in script.get_text() for marker in MARKERS), f"{html}: injected script"
        for tag in soup.find_all(True):
            assert not any(name.startswith("on") for name in tag.attrs), f"{html}: injected handler on <{tag.name}>"
    page = BeautifulSoup((built / "veranstaltungen" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article.md-content__inner h1").get_text() == TITLE
    assert page.title.get_text().startswith(TITLE)
    assert page.select_one(".q-venue__name").get_text() == TITLE
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert "</script><script>alert(3)</script>" in description  # as attribute text, not markup
    listing = BeautifulSoup((built / "veranstaltungen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert TITLE in [a.get_text() for a in listing.select("ul.q-event-list a")]


def test_search_index_holds_text_not_markup(built: Path):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith(f"veranstaltungen/{SLUG}/")]
    assert docs
    for doc in index["docs"]:
        # Material inserts titles as HTML: read them as HTML and get the text back.
        assert BeautifulSoup(doc["title"], "html.parser").find("script") is None
        assert "<script>" not in doc["text"]
    assert BeautifulSoup(docs[0]["title"], "html.parser").get_text() == TITLE


def test_every_calendar_file_parses_with_the_text(built: Path):
    seen = 0
    for ics in outputs(built, ".ics"):
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        for event in calendar.walk("VEVENT"):
            seen += 1
            assert str(event["SUMMARY"]) == TITLE
            assert SUMMARY.replace(",\nmit", ", mit") in str(event["DESCRIPTION"])
            assert str(event["LOCATION"]).startswith(TITLE)
    assert seen >= 3  # site feed, city feed, program feed, single download


def test_sitemap_is_well_formed(built: Path):
    ET.parse(built / "sitemap.xml")


def test_news_feeds_carry_the_text(built: Path):
    import feedparser

    parsed = feedparser.parse((built / "aktuelles/feed.xml").read_bytes())
    assert not parsed.bozo
    [entry] = parsed.entries
    assert entry.title == TITLE
    shown = BeautifulSoup(entry.summary, "html.parser")
    assert shown.find("script") is None and shown.get_text() == SUMMARY.replace(",\nmit", ", mit")
    feed = json.loads((built / "aktuelles/feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["title"] == TITLE
    assert feed["items"][0]["content_text"] == SUMMARY.replace(",\nmit", ", mit")


def test_post_page_shows_the_title_as_text(built: Path):
    post = BeautifulSoup((built / "aktuelles/2027-01-02-boese/index.html").read_text(encoding="utf-8"), "html.parser")
    assert post.select_one("article.md-content__inner h1").get_text() == TITLE


def _meta(soup: BeautifulSoup, **attrs) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs=attrs)]


def test_json_ld_holds_the_text(built: Path):
    page = BeautifulSoup((built / "veranstaltungen" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    [script] = page.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["name"] == TITLE
    assert data["location"]["name"] == TITLE
    assert data["description"] == SUMMARY
    assert data["keywords"] == "<b>Tag</b>, a,b;c"


def test_open_graph_and_description_hold_the_text_once(built: Path):
    event = BeautifulSoup((built / "veranstaltungen" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert _meta(event, property="og:title") == [TITLE]
    assert _meta(event, property="og:description") == _meta(event, name="description")
    assert SUMMARY in _meta(event, property="og:description")[0]
    post = BeautifulSoup((built / "aktuelles/2027-01-02-boese/index.html").read_text(encoding="utf-8"), "html.parser")
    assert _meta(post, property="og:title") == [TITLE]
    assert _meta(post, property="og:description") == [SUMMARY]
    hand = BeautifulSoup((built / "hand/index.html").read_text(encoding="utf-8"), "html.parser")
    assert _meta(hand, property="og:title") == [TITLE]
    assert _meta(hand, name="description") == [SUMMARY] == _meta(hand, property="og:description")
    assert hand.title.get_text().startswith(TITLE)
