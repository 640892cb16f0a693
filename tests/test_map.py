"""The map page /karte/: the drawing, the list beside it, the warning for a city without
coordinates, and the tile map that is off unless a site turns it on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, VENUE, ContentFolder

from quartier.config import ConfigError, config_from_mapping, load_config
from quartier.content.site_checks import SiteCode
from quartier.content.validation import validate_site
from quartier.render.city_map import _label_box, map_view
from quartier.render.listings import relations
from quartier.render.pages import render_pages

TODAY = date(2026, 11, 21)


def pages(config, today: date = TODAY) -> dict[str, BeautifulSoup]:
    site = validate_site(config).site
    assert site is not None
    return {p.url_path: BeautifulSoup(p.html, "html.parser") for p in render_pages(site, config, today)}


@pytest.fixture(scope="module")
def example() -> dict[str, BeautifulSoup]:
    return pages(load_config(REPO))


def test_the_map_is_drawn_here_and_names_every_city_with_upcoming_events_or_projects(example):
    page = example["karte/"]
    svg = page.select_one("svg.q-map__svg")
    assert svg["aria-hidden"] == "true"  # the list beside it is what assistive technology reads
    assert svg.select_one("path.q-map__land")["d"].startswith("M")
    points = {g["id"]: g for g in svg.select("g.q-map__point")}
    assert "punkt-essen" in points and "punkt-praedikow" in points
    essen = points["punkt-essen"]
    assert essen.a["href"] == "../staedte/essen/" and essen.a["tabindex"] == "-1"
    assert essen.text.strip() == "Essen (2)"
    # A city with projects only: its name, a hollow point.
    assert (
        points["punkt-aachen"].text.strip() == "Aachen" and "q-map__point--projects" in points["punkt-aachen"]["class"]
    )
    # No request leaves the site: no address of another server anywhere in the page.
    assert [a for a in page.find_all(href=True) if "://" in a["href"]] == []
    assert "<image" not in str(page) and "tile" not in str(page)


def test_the_list_beside_the_map_holds_the_same_cities_by_state(example):
    page = example["karte/"]
    placed = {g["id"].removeprefix("punkt-") for g in page.select("g.q-map__point")}
    states = [h3.get_text() for h3 in page.select(".q-map__list h3")]
    assert states == sorted(states) and "Nordrhein-Westfalen" in states
    listed = {li["id"].removeprefix("liste-") for li in page.select(".q-map__cities li")}
    assert listed == placed
    essen = page.select_one("#liste-essen")
    assert essen.get_text() == "Essen: 2 kommende Veranstaltungen, 1 Projekt"


def test_labels_cover_neither_each_other_nor_a_point():
    config = load_config(REPO)
    site = validate_site(config).site
    view = map_view(site, relations(site), TODAY)
    boxes = [_label_box(p.label_x, p.label_y, p.anchor, p.label) for p in view.points]
    for i, box in enumerate(boxes):
        assert 0 <= box[0] and box[2] <= view.width, view.points[i].label
        for j, other in enumerate(boxes):
            if i != j:
                overlap = box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                assert not overlap, (view.points[i].label, view.points[j].label)
        for point in view.points:
            inside = box[0] <= point.x <= box[2] and box[1] <= point.y <= box[3]
            assert not inside, (view.points[i].label, point.city.name)


def test_city_and_event_pages_link_to_their_point(example):
    assert example["staedte/essen/"].find("a", string="Essen auf der Karte")["href"] == "../../karte/#punkt-essen"
    event = example["veranstaltungen/2027-06-24-projektboerse-initiative-ergreifen-essen/"]
    assert event.find("a", string="Essen auf der Karte")["href"] == "../../karte/#punkt-essen"
    # Berlin has neither upcoming events nor projects: no point, no link.
    assert example["staedte/berlin/"].find("a", string="Berlin auf der Karte") is None


def test_a_city_without_coordinates_is_listed_not_placed_and_validation_warns(folder: ContentFolder):
    folder.write("content/cities.yml", "- name: Essen\n  state: Nordrhein-Westfalen\n- name: Hamm\n  state: NRW\n")
    folder.event("2027-05-06-werkstatt", "title: W\nstart: 2027-05-06\n" + VENUE)
    result = folder.validate()
    [warning] = [p for p in result.problems if p.severity == "warning"]
    assert (warning.path, warning.line, warning.field, warning.code) == (
        "content/cities.yml",
        1,
        "lat",
        SiteCode.CITY_WITHOUT_COORDINATES,
    )
    assert "Essen" in warning.message and "/karte/" in warning.message
    page = pages(folder.config())["karte/"]
    assert page.select("g.q-map__point") == []
    assert page.select_one("#liste-essen").get_text() == (
        "Essen: 1 kommende Veranstaltung (nicht auf der Karte: Koordinaten fehlen)"
    )
    # Hamm is used by nothing: no warning, not listed.
    assert page.select_one("#liste-hamm") is None


def test_a_city_outside_the_map_is_listed_not_placed(folder: ContentFolder):
    folder.write(
        "content/cities.yml",
        "- name: Essen\n  state: NRW\n  lat: 51.4566\n  lon: 7.0123\n"
        "- name: New York\n  state: New York\n  lat: 40.7128\n  lon: -74.006\n",
    )
    folder.event("2027-05-06-werkstatt", "title: W\nstart: 2027-05-06\n" + VENUE.replace("Essen", "New York"))
    assert folder.validate().problems == []
    page = pages(folder.config())["karte/"]
    assert page.select("g.q-map__point") == []
    assert page.select_one("#liste-new-york").get_text() == (
        "New York: 1 kommende Veranstaltung (nicht auf der Karte: liegt außerhalb)"
    )


def test_tiles_are_off_unless_turned_on_and_then_named_before_they_load(tmp_path: Path):
    config = load_config(REPO)
    assert config.map_tiles == ""
    tiles = "https://kacheln.example.org/{z}/{x}/{y}.png"
    on = config_from_mapping(
        REPO, {"extra": {"quartier": {"map_tiles": tiles, "map_tiles_attribution": "© OpenStreetMap-Mitwirkende"}}}
    )
    page = pages(on)["karte/"]
    section = page.select_one("section.q-map-tiles")
    assert "kacheln.example.org" in section.find("p").get_text()
    assert section.select_one("button#q-map-load").get_text() == "Karte laden"
    # Nothing in the page loads from the tile server: its address is data for the script.
    assert [e for e in page.find_all(src=True) if "kacheln" in e["src"]] == []
    data = json.loads(section.select_one("script#q-map-data").string)
    assert data["tiles"] == tiles and {p["name"] for p in data["points"]} >= {"Essen", "Prädikow"}
    assert section.select_one("script[type=module]")["src"] == "../assets/javascripts/quartier-karte.js"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("http://kacheln.example.org/{z}/{x}/{y}.png", "nur über https://"),
        ("https://kacheln.example.org/karte.png", "braucht {z}, {x} und {y}"),
    ],
)
def test_a_tile_address_that_cannot_be_used_stops_the_build(value: str, message: str):
    with pytest.raises(ConfigError, match=message.replace("{", r"\{").replace("}", r"\}")):
        config_from_mapping(REPO, {"extra": {"quartier": {"map_tiles": value}}})
