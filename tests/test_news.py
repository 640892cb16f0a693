"""News posts: validation, cross-links, and the RSS and JSON feeds read by real parsers."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import VENUE, ContentFolder, image_bytes

from quartier.content.kinds import KindCode
from quartier.content.moments import MomentCode
from quartier.content.readers import ReadCode
from quartier.content.validation import ContentCode
from quartier.feeds.news import JSON_FEED_PATH, RSS_PATH, render_news_feeds
from quartier.problems import ProblemCode
from quartier.render.news import PER_PAGE, news_relations
from quartier.render.pages import render_pages

POSTS = "content/news"


def post(folder: ContentFolder, slug: str, front: str, body: str = "Erster Absatz.\n\nZweiter Absatz.\n"):
    return folder.write(f"{POSTS}/{slug}.md", "---\n" + front + "---\n" + body)


@pytest.fixture
def news(folder: ContentFolder) -> ContentFolder:
    folder.event("2022-09-14-werkstatt", 'title: Werkstatt\nstart: "2022-09-14 10:00"\nend: "12:00"\n' + VENUE)
    post(
        folder,
        "2022-09-20-rueckblick",
        (
            "title: Rückblick Werkstatt\ndate: 2022-09-20\ncategories: [Rückblick]\n"
            "events: [2022-09-14-werkstatt]\nprograms: [initiative-ergreifen]\n"
        ),
    )
    post(
        folder,
        "2023-01-10-neujahr",
        (
            'title: "Neujahr & <Ausblick>"\ndate: 2023-01-10 08:30:00\n'
            'summary: "Was 2023 kommt: mehr <Werkstätten> & Feste."\nauthors: [Ada]\n'
        ),
    )
    post(folder, "2021-05-01-entwurf", "title: Entwurf\ndate: 2021-05-01\ndraft: true\n")
    return folder


def test_posts_become_models_newest_first_without_drafts(news: ContentFolder):
    site = news.validate().site
    assert [p.slug for p in site.posts] == ["2023-01-10-neujahr", "2022-09-20-rueckblick"]
    assert site.posts[1].date == date(2022, 9, 20) and site.posts[1].summary == "Erster Absatz."
    assert isinstance(site.posts[0].date, datetime)


@pytest.mark.parametrize(
    ("front", "field", "code", "named"),
    [
        ("title: A\n", "date", KindCode.FIELD_MISSING, None),
        ("title: A\ndate: 2022-02-30\n", "date", MomentCode.NO_SUCH_DATE, "2022-02-30"),
        ("title: A\ndate: gestern\n", "date", MomentCode.UNREADABLE, "gestern"),
        (
            "title: A\ndate: 2022-09-20\nevents: [2022-09-14-werkstat]\n",
            "events",
            KindCode.SLUG_UNKNOWN,
            "meinten Sie „2022-09-14-werkstatt“",
        ),
        ("title: A\ndate: 2022-09-20\nprojects: [gibt-es-nicht]\n", "projects", KindCode.SLUG_UNKNOWN, "gibt-es-nicht"),
        (
            "title: A\ndate: 2022-09-20\nimage: ../../../../etc/passwd\nimage_credit: x\nimage_alt: x\n",
            "image",
            KindCode.IMAGE_OUTSIDE,
            "../../../../etc/passwd",
        ),
        (
            "title: A\ndate: 2022-09-20\nimage: https://tracker.example.com/pixel.png\nimage_credit: x\nimage_alt: x\n",
            "image",
            KindCode.IMAGE_NOT_LOCAL,
            None,
        ),
        (
            "title: A\ndate: 2022-09-20\nimage: fehlt.jpg\nimage_credit: x\nimage_alt: x\n",
            "image",
            KindCode.IMAGE_MISSING,
            "fehlt.jpg",
        ),
        ("title: A\ndate: 2022-09-20\ndraft: vielleicht\n", "draft", KindCode.WRONG_TYPE, None),
        ("title: A\ndate: 2022-09-20\nslug: anders\n", "slug", KindCode.FIELD_UNKNOWN, None),
        ("title: A\ndate: 2022-09-20\ncategories: ['🏙️']\n", "categories", ContentCode.CATEGORY_WITHOUT_ADDRESS, "🏙️"),
    ],
)
def test_bad_posts(folder: ContentFolder, front: str, field: str, code: ProblemCode, named: str | None):
    folder.event("2022-09-14-werkstatt", "title: W\nstart: 2022-09-14\n" + VENUE)
    post(folder, "p", front)
    errors = folder.validate().errors
    assert [(e.path, e.field, e.code) for e in errors] == [(f"{POSTS}/p.md", field, code)]
    if named is not None:  # the value it is about, or what to write instead
        assert named in errors[0].message


def test_image_needs_a_description_and_a_credit_and_may_live_beside_the_post(folder: ContentFolder):
    folder.write(f"{POSTS}/bilder/foto.jpg", image_bytes("JPEG", (640, 480)))
    post(folder, "p", "title: A\ndate: 2022-09-20\nimage: bilder/foto.jpg\n")
    errors = folder.validate().errors
    # Both at the line of `image`, each naming the missing field.
    assert [(e.path, e.line, e.field, e.code) for e in errors] == [
        (f"{POSTS}/p.md", 4, "image_alt", ReadCode.ALT_MISSING),
        (f"{POSTS}/p.md", 4, "image_credit", ReadCode.CREDIT_MISSING),
    ]
    post(
        folder, "p", 'title: A\ndate: 2022-09-20\nimage: bilder/foto.jpg\nimage_credit: "Foto: Ada"\nimage_alt: Saal\n'
    )
    assert folder.validate().ok


def news_pages(folder: ContentFolder) -> dict[str, BeautifulSoup]:
    pages = render_pages(folder.validate().site, folder.config(), date(2026, 11, 21))
    return {p.url_path: BeautifulSoup(p.html, "html.parser") for p in pages if p.url_path.startswith("aktuelles/")}


def test_post_page_shows_date_categories_body_and_what_it_names(news: ContentFolder):
    page = news_pages(news)["aktuelles/2022-09-20-rueckblick/"]
    assert page.h1.get_text() == "Rückblick Werkstatt"
    meta = page.select_one(".q-post-meta")
    assert meta.time["datetime"] == "2022-09-20" and "20. September 2022" in meta.get_text()
    assert [(a.get_text(), a["href"]) for a in meta.select("a")] == [("Rückblick", "../kategorie/rueckblick/")]
    assert [p.get_text() for p in page.find_all("p")][1:3] == ["Erster Absatz.", "Zweiter Absatz."]
    assert page.find("a", href="../../veranstaltungen/2022-09-14-werkstatt/").get_text() == "Werkstatt"
    assert "14.09.2022, 10:00–12:00 Uhr" in page.get_text() and "· Essen" in page.get_text()
    assert page.find("a", href="../../programme/initiative-ergreifen/").get_text() == "Initiative ergreifen"


def test_titles_and_categories_are_text_never_markdown(folder: ContentFolder):
    post(
        folder,
        "p",
        "title: '![b](x.png){ onerror=alert(1) } *fett*'\ndate: 2022-09-20\ncategories: ['[k](javascript:alert(1))']\n",
    )
    pages = news_pages(folder)
    for path in ("aktuelles/", "aktuelles/p/", "aktuelles/archiv/2022/", "aktuelles/kategorie/k-javascript-alert-1/"):
        page = pages[path]
        assert not page.find("img") and not page.find("em"), path
        assert not [a for a in page.find_all("a") if a["href"].startswith("javascript")], path
    assert pages["aktuelles/p/"].h1.get_text() == "![b](x.png){ onerror=alert(1) } *fett*"


def test_index_pages_archive_and_categories_keep_the_blog_urls(folder: ContentFolder):
    for day in range(1, PER_PAGE + 4):
        post(
            folder,
            f"2022-03-{day:02d}-p",
            f"title: P{day}\ndate: 2022-03-{day:02d}\ncategories: [Rückblick, Netzwerk]\n",
        )
    post(folder, "2021-01-01-alt", "title: Alt\ndate: 2021-01-01\npin: true\n")
    pages = news_pages(folder)
    assert {
        "aktuelles/",
        "aktuelles/seite/2/",
        "aktuelles/archiv/2022/",
        "aktuelles/archiv/2021/",
        "aktuelles/kategorie/rueckblick/",
        "aktuelles/kategorie/netzwerk/",
    } <= set(pages)
    first = [h.get_text() for h in pages["aktuelles/"].select(".q-post-list__title")]
    assert first[0] == "Alt" and first[1] == "P13" and len(first) == PER_PAGE  # pinned first
    assert len(pages["aktuelles/seite/2/"].select(".q-post-list__title")) == 4
    assert pages["aktuelles/"].find("a", rel="next")["href"] == "seite/2/"
    assert pages["aktuelles/seite/2/"].find("a", rel="prev")["href"] == "../../"


def test_event_program_and_home_pages_show_the_news(news: ContentFolder):
    site = news.validate().site
    assert [p.slug for p in news_relations(site).by_event["2022-09-14-werkstatt"]] == ["2022-09-20-rueckblick"]
    pages = {p.url_path: p.content for p in render_pages(site, news.config(), date(2026, 11, 21))}
    assert "Berichte zu dieser Veranstaltung" in pages["veranstaltungen/2022-09-14-werkstatt/"]
    assert (
        '<a href="../../aktuelles/2022-09-20-rueckblick/">Rückblick Werkstatt</a>'
        in pages["veranstaltungen/2022-09-14-werkstatt/"]
    )
    assert "aktuelles/2022-09-20-rueckblick/" in pages["programme/initiative-ergreifen/"]
    home = pages[""]
    assert home.index("2023-01-10-neujahr") < home.index("2022-09-20-rueckblick")
    assert "Neujahr &amp; &lt;Ausblick&gt;" in home and "2021-05-01-entwurf" not in home


def rss_and_json(folder: ContentFolder) -> tuple[bytes, bytes]:
    files = render_news_feeds(folder.validate().site, folder.config())
    return files[RSS_PATH], files[JSON_FEED_PATH]


def test_rss_parses_cleanly_with_absolute_links(news: ContentFolder):
    rss, _ = rss_and_json(news)
    parsed = feedparser.parse(rss)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.language == "de-DE"
    assert parsed.feed.title.endswith("Aktuelles")
    assert [e.link for e in parsed.entries] == [
        "https://quartier.example.org/aktuelles/2023-01-10-neujahr/",
        "https://quartier.example.org/aktuelles/2022-09-20-rueckblick/",
    ]
    first = parsed.entries[0]
    assert first.title == "Neujahr & <Ausblick>"
    # Readers render the description as HTML: what they show must be the summary's text.
    assert first.summary_detail.type == "text/html"
    assert BeautifulSoup(first.summary, "html.parser").get_text() == "Was 2023 kommt: mehr <Werkstätten> & Feste."
    assert tuple(first.published_parsed)[:5] == (2023, 1, 10, 7, 30)  # 08:30 in Berlin is 07:30 UTC
    assert [t.term for t in parsed.entries[1].tags] == ["Rückblick"]


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_json_feed_1_1(feed: dict) -> list[str]:
    """The rules of https://www.jsonfeed.org/version/1.1/ that a reader depends on."""
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("title")
    for key in ("home_page_url", "feed_url"):
        if key in feed and not str(feed[key]).startswith("https://"):
            problems.append(key)
    if not isinstance(feed.get("items"), list):
        return problems + ["items"]
    ids = [item.get("id") for item in feed["items"]]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    for item in feed["items"]:
        if not isinstance(item.get("id"), str):
            problems.append("item.id")
        if not (isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)):
            problems.append("item.content")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(item[key]):
                problems.append(f"item.{key}")
        if "authors" in item and not all(isinstance(a, dict) and a.get("name") for a in item["authors"]):
            problems.append("item.authors")
        if "tags" in item and not all(isinstance(t, str) for t in item["tags"]):
            problems.append("item.tags")
    return problems


def test_json_feed_follows_version_1_1(news: ContentFolder):
    _, raw = rss_and_json(news)
    feed = json.loads(raw)
    assert check_json_feed_1_1(feed) == []
    assert feed["language"] == "de-DE"
    assert [i["date_published"] for i in feed["items"]] == ["2023-01-10T08:30:00+01:00", "2022-09-20T09:00:00+02:00"]
    assert feed["items"][0]["authors"] == [{"name": "Ada"}]


def test_news_feeds_are_reproducible(news: ContentFolder):
    assert rss_and_json(news) == rss_and_json(news)


def test_post_image_is_shown_with_alt_text_and_credit(folder: ContentFolder):
    folder.write(f"{POSTS}/bilder/foto.jpg", image_bytes("JPEG", (640, 480)))
    post(
        folder,
        "p",
        (
            "title: A\ndate: 2022-09-20\nimage: bilder/foto.jpg\n"
            'image_alt: "Menschen [im] Saal"\nimage_credit: "Foto: Ada & Bob"\n'
        ),
    )
    page = news_pages(folder)["aktuelles/p/"]
    image = page.select_one("figure.q-picture img")
    assert image["src"] == "../bilder/foto-480w.jpg" and image["alt"] == "Menschen [im] Saal"
    assert (image["width"], image["height"]) == ("480", "360")
    assert image["srcset"] == "../bilder/foto-240w.jpg 240w, ../bilder/foto-480w.jpg 480w, ../bilder/foto-640w.jpg 640w"
    source = page.select_one("figure.q-picture picture source")
    assert source["type"] == "image/webp" and source["srcset"].endswith("../bilder/foto-640w.webp 640w")
    assert page.figcaption.get_text() == "Foto: Ada & Bob"
    assert page.h1.find_next("p")["class"] == ["q-post-meta"]  # the date right under the title
