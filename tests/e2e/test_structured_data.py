"""Every event page carries a schema.org Event (JSON-LD) with what Google's event
guidelines ask for; a browser reads it as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from quartier.content.schema import EVENT, choice_code

from .helpers import HYBRID_EVENT, REPO, UPCOMING_EVENT

SCHEMA = "https://schema.org/"
STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}
MODE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
TIMED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def example_events() -> dict[str, dict]:
    events = {}
    for path in sorted((REPO / "content" / "events").glob("*.md")):
        events[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return events


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def check_place(place: dict) -> None:
    assert place["@type"] == "Place" and place["name"]
    address = place["address"]
    assert address["@type"] == "PostalAddress"
    assert address["addressLocality"] and address["addressCountry"] == "DE"
    if "postalCode" in address:
        assert re.fullmatch(r"\d{5}", address["postalCode"])


@pytest.mark.parametrize("slug", sorted(s for s, front in example_events().items() if "repeat" not in front))
def test_event_page_has_schema_org_event(site_dir: Path, slug: str):
    front = example_events()[slug]
    soup = BeautifulSoup(
        (site_dir / "veranstaltungen" / slug / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    [data] = json_ld(soup)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == soup.select_one("article.md-content__inner h1").get_text()
    assert (
        data["url"]
        == soup.find("link", rel="canonical")["href"]
        == f"https://quartier.example.org/veranstaltungen/{slug}/"
    )
    assert data["description"]
    all_day = DATE.match(str(front["start"])) is not None
    if all_day:
        assert data["startDate"] == str(front["start"])
        assert data["endDate"] == str(front.get("end") or front["start"])  # the last day
    else:
        assert TIMED.match(data["startDate"]), data["startDate"]
        assert data["startDate"][:16] == str(front["start"]).replace(" ", "T")
        assert TIMED.match(data["endDate"]) and data["endDate"] > data["startDate"]
    # The model's codes, as the validator reads a German word or an English value.
    status = choice_code(EVENT.field("status").choices, front.get("status", "geplant"))  # type: ignore[union-attr]
    event_format = choice_code(EVENT.field("format").choices, front.get("format", "vor Ort"))  # type: ignore[union-attr]
    assert data["eventStatus"] == SCHEMA + STATUS[status]
    assert data["eventAttendanceMode"] == SCHEMA + MODE[event_format]
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    kinds = [place["@type"] for place in locations]
    assert (
        kinds
        == {"in-person": ["Place"], "online": ["VirtualLocation"], "hybrid": ["Place", "VirtualLocation"]}[event_format]
    )
    for place in locations:
        if place["@type"] == "Place":
            check_place(place)
            assert place["name"] == front["venue"]["name"]
            if "lat" in front["venue"]:
                assert place["geo"]["latitude"] == front["venue"]["lat"]
        else:
            assert place["url"].startswith("https://")
    organizer = front.get("organizer")
    if organizer:
        name = organizer if isinstance(organizer, str) else organizer["name"]
        assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"] == name
        if isinstance(organizer, dict) and organizer.get("url"):
            assert data["organizer"]["url"] == organizer["url"]


def test_other_pages_have_no_event_data(site_dir: Path):
    for path in (
        "index.html",
        "veranstaltungen/index.html",
        "staedte/essen/index.html",
        "ueber-das-programm/index.html",
    ):
        assert not json_ld(BeautifulSoup((site_dir / path).read_text(encoding="utf-8"), "html.parser")), path


@pytest.mark.parametrize("path", [UPCOMING_EVENT, HYBRID_EVENT])
def test_browser_reads_the_json_ld(visit, path: str):
    visit.open(path)
    data = visit.page.evaluate(
        "() => [...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
        ".map(s => JSON.parse(s.textContent))"
    )
    assert len(data) == 1 and data[0]["@type"] == "Event"
    assert data[0]["name"] == visit.page.inner_text("article.md-content__inner h1")


@pytest.mark.parametrize("slug", sorted(s for s, front in example_events().items() if "repeat" in front))
def test_series_page_has_one_event_per_upcoming_date(site_dir: Path, slug: str):
    """Google reads one Event per date ("add a separate Event element for each performance"),
    each with its own startDate and its own URL (the date's anchor on the series page)."""
    soup = BeautifulSoup(
        (site_dir / "veranstaltungen" / slug / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    [data] = json_ld(soup)
    assert isinstance(data, list) and len(data) > 3
    starts = [item["startDate"] for item in data]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for item in data:
        assert item["@type"] == "Event" and TIMED.match(item["startDate"])
        anchor = item["url"].split("#", 1)[1]
        assert soup.find(id=anchor) is not None, f"{anchor} is not on the page"
    moved = [item for item in data if item["eventStatus"] == SCHEMA + "EventRescheduled"]
    assert moved and all("previousStartDate" in item for item in moved)
