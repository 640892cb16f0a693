"""A full MkDocs build of the example site, read back the way a browser and a search would."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO
from e2e.helpers import copy_project  # noqa: F401  (shared with the browser tests; test_publishing imports it from here)

from quartier.content.schema import EVENT, choice_code

TODAY = "2026-11-21"


def mkdocs_build(project: Path, site_dir: Path, today: str = TODAY) -> subprocess.CompletedProcess:
    env = dict(os.environ, QUARTIER_TODAY=today, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> BeautifulSoup:
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def example_events() -> list[dict]:
    events = []
    for path in sorted((REPO / "content/events").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        data = yaml.safe_load(front)
        data["slug"] = path.stem
        # The model's codes, as the validator reads a German word or an English value.
        for name in ("status", "format"):
            if name in data:
                spec = EVENT.field(name)
                assert spec is not None
                data[name] = choice_code(spec.choices, data[name])
        events.append(data)
    return events


def test_event_page_shows_the_facts_in_german(site: Path):
    soup = page(site, "veranstaltungen/2022-09-14-ko-kreative-transformation")
    main = content(soup)
    assert (
        main.h1.get_text(strip=True)
        == "Ko-kreative Transformation von Innenstädten, Wohnquartieren und ländlichen Räumen"
    )
    assert soup.title.get_text().startswith("Ko-kreative Transformation")
    facts = {
        dt.get_text(strip=True): dd
        for dt, dd in zip(main.select("dl.q-facts dt"), main.select("dl.q-facts dd"), strict=True)
    }
    assert facts["Wann"].get_text(strip=True) == "Mittwoch, 14. September 2022, 10:00–12:00 Uhr"
    assert facts["Wann"].time["datetime"] == "2022-09-14T10:00:00+02:00"
    where = facts["Wo"].get_text(" ", strip=True)
    assert "STATION Berlin" in where and "Berlin" in where
    osm = facts["Wo"].find("a", string="Ort auf OpenStreetMap zeigen")["href"]
    assert urlsplit(osm).hostname == "www.openstreetmap.org" and "52.49860" in osm
    assert "Gemeinsam für das Quartier" in facts["Programm"].get_text()
    # Past events say so at the top.
    assert "bereits stattgefunden" in main.select_one(".q-notice--past").get_text()


def test_cancelled_event_says_so_first(site: Path):
    cancelled = [e for e in example_events() if e.get("status") == "cancelled"]
    assert cancelled, "the example site needs a cancelled event"
    main = content(page(site, f"veranstaltungen/{cancelled[0]['slug']}"))
    first_after_title = main.h1.find_next_sibling()
    assert "q-notice--cancelled" in first_after_title["class"] and "Abgesagt" in first_after_title.get_text()


def test_event_listing_has_upcoming_by_month_and_links_the_archive(site: Path):
    main = content(page(site, "veranstaltungen"))
    months = [h.get_text(strip=True) for h in main.find_all("h2")]
    assert months[0] == "November 2026" or months[0] == "Dezember 2026"
    assert months == sorted(months, key=lambda m: (int(m.split()[-1]), _month_number(m.split()[0])))
    linked = {a["href"].split("#")[0].strip("/").split("/")[-1] for a in main.select("ul.q-event-list a")}
    upcoming = {e["slug"] for e in example_events() if last_day(e) >= TODAY}
    assert linked == upcoming
    assert main.find("a", string="Vergangene Veranstaltungen im Archiv")["href"] == "archiv/"

    archive = content(page(site, "veranstaltungen/archiv"))
    years = [h.get_text(strip=True) for h in archive.find_all("h2")]
    assert years == sorted(years, reverse=True) and "2020" in years
    archived = {a["href"].strip("/").split("/")[-1] for a in archive.select("ul.q-event-list a")}
    assert archived.isdisjoint(linked) and "2020-01-28-next-generation-stadtmacher" in archived


def last_day(event: dict) -> str:
    end = str(event.get("end") or "")
    return end[:10] if len(end) >= 10 else str(event["start"])[:10]


def _month_number(name: str) -> int:
    return [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ].index(name) + 1


def test_city_overview_lists_every_city_with_counts(site: Path):
    cities = yaml.safe_load((REPO / "content/cities.yml").read_text(encoding="utf-8"))
    rows = content(page(site, "staedte")).select("table.q-cities tbody tr")
    names = [row.td.get_text(strip=True) for row in rows]
    assert sorted(names) == sorted(c["name"] for c in cities)
    essen = next(row for row in rows if row.td.get_text(strip=True) == "Essen")
    total = sum(1 for e in example_events() if (e.get("venue") or {}).get("city") == "Essen")
    assert int(essen.find_all("td")[3].get_text()) == total
    assert essen.a["href"] == "essen/"


def test_city_page_lists_its_events_and_projects(site: Path):
    main = content(page(site, "staedte/berlin"))
    assert "2022-09-14-ko-kreative-transformation" in " ".join(a["href"] for a in main.select("a"))
    assert page(site, "staedte/frankfurt-oder").h1 is not None
    assert page(site, "staedte/praedikow").h1 is not None


def test_program_page_lists_projects_and_events(site: Path):
    main = content(page(site, "programme/initiative-ergreifen"))
    hrefs = " ".join(a["href"] for a in main.select("a"))
    assert "2020-01-28-next-generation-stadtmacher" in hrefs
    assert "../../projekte/" in hrefs


def test_every_internal_link_resolves(site: Path):
    broken = []
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        base = "/" + html.relative_to(site).as_posix()
        for tag in soup.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("#", "mailto:", "webcal:")) or urlsplit(ref).scheme:
                continue
            target = urlsplit(urljoin(base, ref)).path
            path = site / unquote(target).lstrip("/")
            if target.endswith("/"):
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{base} → {ref}")
    assert broken == []


def test_item_pages_stay_out_of_the_navigation(site: Path):
    nav = page(site, "veranstaltungen").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert not any("2022-09-14" in h for h in hrefs)
    assert len(hrefs) < 30


def test_search_finds_places_and_programs(site: Path):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de"]  # German stemming, from <html lang="de">
    records = search_fragments(site)

    def pages_with(word: str) -> set[str]:
        return {
            r["url"].lstrip("/") for r in records if word.lower() in (r["meta"]["title"] + " " + r["content"]).lower()
        }

    assert "veranstaltungen/2022-09-14-ko-kreative-transformation/" in pages_with("Gleisdreieck")
    assert "veranstaltungen/2020-01-28-next-generation-stadtmacher/" in pages_with("Essen")
    assert any(p.startswith("projekte/") for p in pages_with("Initiative ergreifen"))


def test_no_third_party_requests_in_pages(site: Path):
    for name in (
        "index.html",
        "veranstaltungen/index.html",
        "veranstaltungen/2022-09-14-ko-kreative-transformation/index.html",
    ):
        soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            if tag.name == "link" and set(tag.get("rel", [])) <= {"canonical", "alternate", "prev", "next"}:
                continue  # links to pages, not fetched by the browser
            ref = tag.get("href") or tag.get("src") or ""
            assert not urlsplit(ref).scheme, f"{name} loads {ref}"


def test_feeds_are_written(site: Path):
    assert (site / "kalender.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert (site / "staedte/essen/kalender.ics").is_file()
    assert (site / "programme/initiative-ergreifen/kalender.ics").is_file()
    assert (
        site / "veranstaltungen/2022-09-14-ko-kreative-transformation/2022-09-14-ko-kreative-transformation.ics"
    ).is_file()


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file's hash, the search index's included: Pagefind 1.6.0 writes the same
    chunks for the same pages (1.5.2 wrote its filter and metadata chunks in another
    order on every run, Pagefind#638)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def search_fragments(site: Path) -> list[dict]:
    """Pagefind's record of each indexed page (gzip, a signature, then JSON)."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records


def test_same_content_and_today_give_identical_output(site: Path, tmp_path: Path):
    """Two full builds, byte for byte: every page, feed and file, and all of pagefind/."""
    again = tmp_path / "again"
    assert mkdocs_build(REPO, again).returncode == 0
    first, second = tree_digest(site), tree_digest(again)
    assert sorted(first) == sorted(second)
    index = [name for name in first if name.startswith("pagefind/")]
    # The parts 1.5.2 wrote differently each time are compared too.
    assert [n for n in index if n.startswith("pagefind/filter/")] and [n for n in index if n.endswith(".pf_meta")]
    assert len(index) > 50
    assert [name for name in first if first[name] != second[name]] == []


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    assert mkdocs_build(project, out).returncode == 0
    before = tree_digest(out)
    (project / "content/events/2030-01-01-kaputt.md").write_text(
        "---\ntitle: Kaputt\nstart: 2030-02-30\nvenue:\n  name: X\n  city: Esen\n---\n", encoding="utf-8"
    )
    result = mkdocs_build(project, out)
    assert result.returncode != 0
    assert "content/events/2030-01-01-kaputt.md:3: start:" in result.stderr
    assert "content/events/2030-01-01-kaputt.md:6: venue.city:" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(out) == before


def test_start_page_shows_next_events_and_latest_news(site: Path):
    main = content(page(site, ""))
    events = main.select_one("section.q-home-events")
    # The next six that take place, and the cancelled or postponed ones among them,
    # marked and not counted (was: the next three, whatever their status).
    statuses = {e["slug"]: e.get("status", "scheduled") for e in example_events()}
    upcoming = sorted(slug for slug, e in zip(statuses, example_events(), strict=True) if last_day(e) >= TODAY)
    expected, taking_place = [], 0
    for slug in upcoming:
        if taking_place == 6:
            break
        expected.append(slug)
        taking_place += statuses[slug] == "scheduled"
    cards = events.select("ul.q-event-list > li")
    assert [li.select_one("a.q-event-card__title")["href"] for li in cards] == [
        f"veranstaltungen/{slug}/" for slug in expected
    ]
    assert taking_place == min(6, sum(statuses[slug] == "scheduled" for slug in upcoming))
    assert any(statuses[slug] != "scheduled" for slug in expected), "the example has a cancelled one among them"
    for li, slug in zip(cards, expected, strict=True):
        status = statuses[slug]
        assert (f"q-event-item--{status}" in li["class"]) == (status != "scheduled"), slug
        badge = li.select_one(f".q-badge--{status}")
        assert (badge is not None) == (status != "scheduled"), slug
    news = [a["href"] for a in main.select("section.q-home-news ul.q-post-list a")]
    posts = sorted((p.stem for p in (REPO / "content/news").glob("*.md")), reverse=True)
    assert news == [f"aktuelles/{slug}/" for slug in posts[:3]]
    # The site feed as a subscription, as on the listings (was: a plain .ics download link).
    feed = events.select_one("details.q-feed")
    assert (
        feed.find("a", string="In Kalender-App abonnieren (webcal)")["href"]
        == "webcal://quartier.example.org/kalender.ics"
    )
    assert feed.find("a", string="Hilfe zum Abonnieren")["href"] == "kalender-abonnieren/"
    assert not main.find("a", href="kalender.ics")
    assert main.find("a", string="Veranstaltungen nach Städten")["href"] == "staedte/"


def test_news_archive_categories_and_post_cross_links(site: Path):
    index = content(page(site, "aktuelles"))
    assert len(index.select(".q-post-list__title")) == 4
    assert (site / "aktuelles/archiv/2022/index.html").is_file()
    assert (site / "aktuelles/kategorie/rueckblick/index.html").is_file()
    post = content(page(site, "aktuelles/2020-02-05-rueckblick-next-generation"))
    related = post.select_one("aside.q-post-related")
    link = related.select_one("ul.q-event-list a")
    assert link["href"] == "../../veranstaltungen/2020-01-28-next-generation-stadtmacher/"
    assert "28.01.2020" in related.get_text() and "Essen" in related.get_text()
    assert "15. Oktober 2026" in page(site, "aktuelles/2026-10-15-projektboerse-2027-angekuendigt").get_text()


def test_event_project_and_program_pages_show_their_news(site: Path):
    event = content(page(site, "veranstaltungen/2020-01-28-next-generation-stadtmacher"))
    reports = event.select_one("section.q-reports")
    assert reports.h2.get_text() == "Berichte zu dieser Veranstaltung"
    assert reports.a["href"] == "../../aktuelles/2020-02-05-rueckblick-next-generation/"
    project = content(page(site, "projekte/buergerhaus-alte-schule-altendorf"))
    assert "2026-10-15-projektboerse-2027-angekuendigt" in project.select_one("section.q-news").a["href"]
    program = content(page(site, "programme/gemeinsam-fuer-das-quartier"))
    assert len(program.select("section.q-news li")) == 2


def test_news_feeds_are_published(site: Path):
    import feedparser

    parsed = feedparser.parse((site / "aktuelles/feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 4
    assert all(e.link.startswith("https://quartier.example.org/aktuelles/") for e in parsed.entries)
    feed = json.loads((site / "aktuelles/feed.json").read_text(encoding="utf-8"))
    assert (
        feed["items"][0]["url"] == "https://quartier.example.org/aktuelles/2026-10-15-projektboerse-2027-angekuendigt/"
    )


def test_field_reference_is_generated_from_the_model(site: Path):
    from quartier.content.schema import CONTENT_TYPES

    main = content(page(site, "redaktion/felder"))
    listed = {code.get_text() for code in main.select("table td:first-child code")}
    for ctype in CONTENT_TYPES:
        assert {spec.name for spec in ctype.fields} <= listed
    assert "venue.city" in listed


def test_search_index_leaves_out_the_repeated_calendar_boxes(site: Path):
    records = {r["url"].strip("/"): r for r in search_fragments(site)}
    # The help page explains the buttons and should be found; the boxes on every page should not.
    boxes = sorted(url for url, r in records.items() if "In Google Kalender abonnieren" in r["content"])
    assert boxes == ["kalender-abonnieren"]
    assert not [
        url
        for url, r in records.items()
        if url.startswith("veranstaltungen/")
        and ("Termin herunterladen" in r["content"] or "OpenStreetMap zeigen" in r["content"])
    ]
    event = records["veranstaltungen/2022-09-14-ko-kreative-transformation"]
    assert "STATION Berlin" in event["content"] and event["filters"]["art"] == ["Veranstaltung"]
    assert event["filters"]["zeit"] == ["vergangen"] and event["filters"]["stadt"] == ["Berlin"]
    # The place a result shows names the venue; "STATION Berlin" already says the city.
    assert event["meta"]["ort"] == "STATION Berlin" and event["meta"]["datum"].startswith("14.09.2022")


def test_search_metadata_carries_places_own_names_and_plain_titles(site: Path):
    """What the search page's ranking weighs (META_WEIGHTS): the place (venue and city),
    a city's and a program's own name on its page alone, and titles whose words have no
    „“ attached (Pagefind would count such a word twice); the title as written is shown."""
    records = {r["url"].strip("/"): r for r in search_fragments(site)}
    essen = records["veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen"]
    assert essen["meta"]["ort"] == "Zeche Zollverein, Essen"
    assert essen["meta"]["title"] == "Projektbörse Initiative ergreifen 2027"
    assert essen["meta"]["titel"] == "Projektbörse „Initiative ergreifen“ 2027"
    hybrid = records["veranstaltungen/2027-01-05-sprechstunde-initiative-ergreifen"]
    assert hybrid["meta"]["ort"] == "ImpactHUB Ruhr, Essen und online"
    assert records["veranstaltungen/2027-02-11-zele-online-forum-dorflaeden"]["meta"]["ort"] == "Online"
    city = records["staedte/essen"]["meta"]
    assert (city["title"], city["stadt"], city["ort"]) == ("Essen", "Essen", "Essen (Nordrhein-Westfalen)")
    assert "titel" not in city  # nothing to keep: the title has no such marks
    program = records["programme/initiative-ergreifen"]["meta"]
    assert (program["title"], program["programm"]) == ("Initiative ergreifen", "Initiative ergreifen")
    assert records["projekte/buergerhaus-alte-schule-altendorf"]["meta"]["ort"] == "Essen"
    # Only a city's page carries "stadt", only a program's "programm" (as metadata).
    assert sorted(url for url, r in records.items() if "stadt" in r["meta"]) == sorted(
        url for url in records if url.startswith("staedte/")
    )
    assert sorted(url for url, r in records.items() if "programm" in r["meta"]) == sorted(
        url for url in records if url.startswith("programme/")
    )
    # Left out of the index: the printed page address (its slug's words would match) and
    # the date badges of listed events (they ran together as "Di5Jan").
    events = [r for url, r in records.items() if url.startswith("veranstaltungen/")]
    assert events and not [r["url"] for r in events if "Mehr dazu" in r["content"] or "example.org" in r["content"]]
    assert "Di5Jan" not in records["staedte/essen"]["content"]


def test_search_indexes_item_pages_and_help_pages_not_listings(site: Path):
    urls = {r["url"].strip("/") for r in search_fragments(site)}
    assert {
        "staedte/essen",
        "programme/initiative-ergreifen",
        "projekte/buergerhaus-alte-schule-altendorf",
        "aktuelles/2026-10-15-projektboerse-2027-angekuendigt",
        "ueber-das-programm",
    } <= urls
    assert not urls & {
        "",
        "veranstaltungen",
        "veranstaltungen/archiv",
        "staedte",
        "aktuelles",
        "suche",
        "redaktion/felder",
    }
    assert not [u for u in urls if u.startswith("redaktion")]  # the editor guide stays out of visitors' search


def test_navigation_memo_changes_no_byte(tmp_path: Path):
    """The memoized navigation of generated pages is exactly what Material renders itself."""
    # Both from copies outside Git: the feeds' DTSTAMP would otherwise come from history.
    memoized = tmp_path / "memoized"
    assert mkdocs_build(copy_project(tmp_path / "same"), memoized).returncode == 0
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    removed_html: error\n" in text
    config.write_text(
        text.replace("    removed_html: error\n", "    removed_html: error\n    memoize_nav: false\n"), encoding="utf-8"
    )
    plain = tmp_path / "plain"
    assert mkdocs_build(project, plain).returncode == 0
    assert tree_digest(plain) == tree_digest(memoized)


def test_field_reference_page_renders_cleanly(site: Path):
    """The generated reference once showed its own front matter as text after the hook's mark."""
    article = content(page(site, "redaktion/felder"))
    assert article.h1.get_text(strip=True).startswith("Felder im Überblick")
    text = article.get_text()
    assert "description:" not in text and "quartier:" not in text and "---" not in text
    assert len(article.select("table")) >= 5
    assert page(site, "redaktion/felder").title.get_text().startswith("Felder im Überblick")


# Every news URL of the example site while Material's blog plugin wrote it (commit cb0e05d).
BLOG_URLS = [
    "aktuelles/",
    "aktuelles/feed.xml",
    "aktuelles/feed.json",
    "aktuelles/2020-02-05-rueckblick-next-generation/",
    "aktuelles/2021-03-18-auftakt-zweite-runde/",
    "aktuelles/2022-02-24-jahresauftakt-2022/",
    "aktuelles/2026-10-15-projektboerse-2027-angekuendigt/",
    "aktuelles/archiv/2020/",
    "aktuelles/archiv/2021/",
    "aktuelles/archiv/2022/",
    "aktuelles/archiv/2026/",
    "aktuelles/kategorie/rueckblick/",
    "aktuelles/kategorie/netzwerk/",
    "aktuelles/kategorie/ankuendigung/",
]


@pytest.mark.parametrize("url", BLOG_URLS)
def test_every_news_url_of_the_blog_still_answers(site: Path, url: str):
    target = site / url / "index.html" if url.endswith("/") else site / url
    assert target.is_file(), url


SERIES = "veranstaltungen/2027-01-05-sprechstunde-initiative-ergreifen/"


def test_series_dates_agree_on_the_page_in_the_month_view_and_in_the_feed(site: Path):
    """One series, three outputs: its page, the month view and its .ics (expanded by
    recurring-ical-events), within the listing horizon of 365 days."""
    from datetime import date, timedelta

    import icalendar
    import recurring_ical_events

    today = date.fromisoformat(TODAY)
    on_page = [
        li.time["datetime"][:16]
        for li in content(page(site, SERIES)).select("li.q-series-list__item")
        if "q-series-list__item--cancelled" not in li["class"]
    ]
    in_months = []
    for month_page in sorted((site / "veranstaltungen/kalender").glob("*/*/index.html")):
        for li in content(page(site, str(month_page.relative_to(site)))).select("li.q-month__event"):
            day = date.fromisoformat(li.find_parent("td").time["datetime"])
            if "#termin-" in li.a["href"] and "q-month__event--moved-away" not in li["class"]:
                if today <= day < today + timedelta(days=365):
                    in_months.append(li.a["href"].split("#termin-")[1])
    feed = icalendar.Calendar.from_ical(
        (site / SERIES / "2027-01-05-sprechstunde-initiative-ergreifen.ics").read_bytes()
    )
    expanded = recurring_ical_events.of(feed).between(today, today + timedelta(days=366))
    in_feed = sorted(e.decoded("DTSTART").isoformat()[:16] for e in expanded)
    assert on_page and on_page == in_feed
    # The month view links each date to its anchor by the rule's date (a moved one keeps its original day).
    cancelled = [li for li in content(page(site, SERIES)).select("li.q-series-list__item--cancelled")]
    assert len(cancelled) == 1 and len(in_months) == len(on_page) + len(cancelled)
    assert "2027-04-07T16:00" in in_feed and "2027-04-06T16:00" not in in_feed and "2027-08-03T16:00" not in in_feed
    # The listing shows the series once.
    listing = content(page(site, "veranstaltungen"))
    assert len([a for a in listing.select("a.q-event-card__title") if SERIES.split("/")[1] in a["href"]]) == 1


def test_city_lead_counts_a_series_once(site: Path):
    """The lead counts the cards: the series is one card, however many its dates."""
    essen = content(page(site, "staedte/essen"))
    lead = essen.select_one("p.q-lead").get_text()
    upcoming = essen.find("h2", string="Kommende Veranstaltungen in Essen").find_next("ul")
    series_cards = [li for li in upcoming.select("li.q-event-card") if "sprechstunde-initiative-ergreifen" in str(li)]
    assert len(series_cards) == 1 and len(upcoming.select("li.q-event-card")) == 2
    assert "2 kommende Veranstaltungen" in lead
