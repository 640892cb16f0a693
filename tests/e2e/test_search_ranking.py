"""Search that shows results first: the order of results, measured, and what a phone shows.

The ranking (render/search.py META_WEIGHTS and PAST_FACTOR, applied by the search page's
script): a place given as an event's venue or city, or a project's city, outranks the
same word in running text; an upcoming or ongoing event outranks a past one; a city's and
a program's own page come first for their name. Checked on the example site (queries with
their expected first five) and on a synthetic site (bench/synthetic.py: 200 events, every
fifth text naming another city, as the texts of the Köln and Prädikow events name Essen).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from .helpers import (
    DESKTOP,
    PHONE,
    REPO,
    SCREENSHOTS,
    SEARCH_DONE,
    TODAY,
    built_file,
    format_violations,
    run_axe,
    serve,
)

sys.path.insert(0, str(REPO / "bench"))
from synthetic import make_project  # noqa: E402

EVENT = "Veranstaltung"

# The example site as of TODAY: each query and its first five results (all of them when
# fewer). Before this ranking, „Essen“ with art=Veranstaltung put the 2020 event second,
# „Initiative ergreifen“ put the program's page fourth, behind pages with „…“ in the title.
EXAMPLE_TOP = {
    "q=Essen": [
        "staedte/essen/",
        "projekte/buergerhaus-alte-schule-altendorf/",
        "veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/",
        "veranstaltungen/2027-01-05-sprechstunde-initiative-ergreifen/",
        "veranstaltungen/2020-01-28-next-generation-stadtmacher/",
    ],
    "q=Essen&art=Veranstaltung": [
        "veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/",
        "veranstaltungen/2027-01-05-sprechstunde-initiative-ergreifen/",
        "veranstaltungen/2020-01-28-next-generation-stadtmacher/",
        "veranstaltungen/2025-09-14-tag-des-offenen-denkmals-alte-schule-altendorf/",
        "veranstaltungen/2027-05-06-wirurbanismus-forum-koeln/",
    ],
    # a program's name
    "q=Initiative ergreifen": [
        "programme/initiative-ergreifen/",
        "aktuelles/2026-10-15-projektboerse-2027-angekuendigt/",
        "veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/",
        "veranstaltungen/2027-01-05-sprechstunde-initiative-ergreifen/",
        "staedte/essen/",
    ],
    # a venue: the upcoming event there, then the past one, then a report that names it
    "q=ImpactHUB Ruhr": [
        "veranstaltungen/2027-01-05-sprechstunde-initiative-ergreifen/",
        "veranstaltungen/2020-01-28-next-generation-stadtmacher/",
        "aktuelles/2020-02-05-rueckblick-next-generation/",
        "programme/initiative-ergreifen/",
    ],
    "q=Zollverein": ["veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/"],
    "q=Prädikow": [
        "staedte/praedikow/",
        "projekte/dorfladen-genossenschaft-praedikow/",
        "veranstaltungen/2027-03-10-praxiswerkstatt-dorf-und-kleinstadt-praedikow/",
        "programme/gemeinsam-fuer-das-quartier/",
        "veranstaltungen/2027-02-11-zele-online-forum-dorflaeden/",
    ],
}


def results(page, base_url: str, query: str) -> list[dict]:
    """Every result shown for ``suche/?<query>``: path, title, kind, the place it names."""
    page.goto(base_url + "suche/?" + "&".join(_quoted(part) for part in query.split("&")))
    page.wait_for_function(SEARCH_DONE)
    found = page.eval_on_selector_all(
        "#q-search-results > li",
        """items => items.map(li => ({
            href: li.querySelector('a').getAttribute('href'),
            title: li.querySelector('a').textContent,
            kind: li.querySelector('.q-search-result__kind').textContent,
            facts: (li.querySelector('.q-search-result__facts') || {}).textContent || '',
        }))""",
    )
    for result in found:
        result["path"] = urlsplit(result["href"]).path.lstrip("/")
        facts = result["facts"].split(" · ")
        result["place"] = facts[1] if result["kind"] == EVENT and len(facts) > 1 else facts[0]
    return found


def _quoted(part: str) -> str:
    name, _, value = part.partition("=")
    return f"{name}={quote(value)}"


def is_upcoming(site: Path, path: str) -> bool:
    """What the page told the index (filter "zeit"): not over on the day of the build."""
    return 'data-pagefind-filter="zeit:kommend"' in built_file(site, path).read_text(encoding="utf-8")


def check_place_ranking(found: list[dict], place: str, site: Path) -> None:
    """Everything at ``place`` (its city page, events there, projects there) before an event
    or project that only names it in its text; at ``place``, upcoming events before past ones."""
    at_place = [i for i, r in enumerate(found) if place in r["place"]]
    only_named = [
        i
        for i, r in enumerate(found)
        if r["kind"] in (EVENT, "Projekt") and place not in r["place"] and place not in r["title"]
    ]
    assert at_place, found
    listing = [(r["path"], r["place"]) for r in found]
    assert not only_named or max(at_place) < min(only_named), listing
    events_here = [r["path"] for r in found if r["kind"] == EVENT and place in r["place"]]
    upcoming = [is_upcoming(site, path) for path in events_here]
    assert upcoming == sorted(upcoming, reverse=True), list(zip(events_here, upcoming, strict=True))


@pytest.mark.parametrize("query", list(EXAMPLE_TOP))
def test_example_site_first_results(visit, query: str):
    found = [r["path"] for r in results(visit.page, visit.base_url, query)]
    expected = EXAMPLE_TOP[query]
    assert found[: len(expected)] == expected, found


@pytest.mark.parametrize("query", ["q=Essen", "q=Essen&art=Veranstaltung"])
def test_results_in_essen_come_before_events_elsewhere_that_mention_it(visit, site_dir: Path, query: str):
    found = results(visit.page, visit.base_url, query)
    paths = [r["path"] for r in found]
    elsewhere = [paths.index(p) for p in paths if "koeln" in p or "praedikow" in p]
    assert len(elsewhere) == 2, paths  # they do match: their text says „Essen“
    check_place_ranking(found, "Essen", site_dir)
    first = found[0]
    assert first["path"] == "staedte/essen/" or (
        first["place"].endswith("Essen") and is_upcoming(site_dir, first["path"])
    )


# -- the synthetic site -------------------------------------------------------------------

SYNTHETIC_EVENTS = 200
SYNTHETIC_CITY = "Kirchhausen"  # events there in 2021 and 2028; a 2028 event elsewhere names it
SYNTHETIC_VENUE = "Bürgerhaus Hofheim"  # four events, one still to come
SYNTHETIC_PROGRAM = ("Programm Klimaanpassung 2", "programme/programm-02/")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """bench/synthetic.py's project of 200 events, with other cities named in texts, built as of TODAY."""
    work = tmp_path_factory.mktemp("synthetic-search")
    project = make_project(work / "projekt", SYNTHETIC_EVENTS, mentions=True)
    out = work / "site"
    # The engine of this checkout, also where the environment names it relative to it.
    engine = os.pathsep.join([str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", PYTHONPATH=engine)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def synthetic_url(synthetic: Path):
    with serve(synthetic, "synthetic-http") as url:
        yield url


def test_synthetic_city_comes_first_then_what_is_there(visit, synthetic: Path, synthetic_url: str):
    found = results(visit.page, synthetic_url, f"q={SYNTHETIC_CITY}")
    assert found[0]["path"] == "staedte/kirchhausen/", found
    # The event elsewhere whose text names the city is found, below everything there.
    assert any(r["kind"] == EVENT and SYNTHETIC_CITY not in r["place"] + r["title"] for r in found)
    check_place_ranking(found, SYNTHETIC_CITY, synthetic)
    top = found[:5]
    assert all(SYNTHETIC_CITY in r["place"] or SYNTHETIC_CITY in r["title"] for r in top), top


@pytest.mark.parametrize("city", ["Hofheim", "Talberg", "Mühldorf", "Rosenberg"])
def test_synthetic_other_cities(visit, synthetic: Path, synthetic_url: str, city: str):
    found = results(visit.page, synthetic_url, f"q={city}")
    assert found[0]["kind"] == "Stadt" and found[0]["title"] == city, found[0]
    check_place_ranking(found, city, synthetic)


def test_synthetic_venue(visit, synthetic: Path, synthetic_url: str):
    found = results(visit.page, synthetic_url, f"q={SYNTHETIC_VENUE}")
    here = [r for r in found if r["place"] == SYNTHETIC_VENUE]
    assert len(here) == 4 and found[:4] == here, [(r["path"], r["place"]) for r in found]
    assert is_upcoming(synthetic, found[0]["path"])
    check_place_ranking(found, SYNTHETIC_VENUE, synthetic)


def test_synthetic_program(visit, synthetic_url: str):
    name, path = SYNTHETIC_PROGRAM
    found = results(visit.page, synthetic_url, f"q={name}")
    assert found[0]["path"] == path and found[0]["title"] == name, found[:3]


# -- what a phone shows first -------------------------------------------------------------


@pytest.mark.parametrize("query", ["q=Essen", "q=Essen&art=Veranstaltung"])
def test_on_a_phone_the_first_results_are_on_the_first_screen(phone_visit, site_dir: Path, query: str):
    page = phone_visit.page
    found = results(page, phone_visit.base_url, query)
    box = page.locator("#q-search-results a").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    assert page.locator("#q-search-query").bounding_box()["y"] >= 0
    first = found[0]
    assert first["path"] == "staedte/essen/" or (
        first["place"].endswith("Essen") and is_upcoming(site_dir, first["path"])
    )
    # The filters take one line, closed, whatever the address chose.
    summary = page.locator("#q-search-more > summary").bounding_box()
    assert summary["height"] < 60 and page.locator("#q-search-more").get_attribute("open") is None


def test_the_filters_open_and_close_with_the_keyboard(phone_visit):
    page = phone_visit.page
    results(page, phone_visit.base_url, "q=Essen&stadt=Essen")
    page.focus("#q-search-query")
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#q-search-more > summary')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus on the filters' line"
    assert page.evaluate("document.activeElement.textContent").split() == ["Filter", "(1", "aktiv):", "Essen"]
    page.keyboard.press("Enter")
    assert page.locator("#q-search-more").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q-filter-art"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.locator("#q-search-more").get_attribute("open") is None
    assert page.locator("#q-filter-art").is_hidden()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_no_axe_violations_with_the_filters_open_and_a_screenshot(browser, base_url, axe, size):
    context = browser.new_context(viewport=size, locale="de-DE")
    try:
        page = context.new_page()
        results(page, base_url, "q=Essen")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"search-essen-{size['width']}.png"))
        results(page, base_url, "q=Essen&art=Veranstaltung&stadt=Essen")
        page.click("#q-search-more > summary")
        page.wait_for_timeout(300)  # the arrow turns in 0.25 s
        page.screenshot(path=str(SCREENSHOTS / f"search-filters-open-{size['width']}.png"))
        violations = run_axe(page)
        assert not violations, f"/suche/ ({size['width']} px):\n{format_violations(violations)}"
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll_width <= client_width
    finally:
        context.close()
