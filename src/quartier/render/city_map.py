"""The map page (``/karte/``): Germany drawn at build time, with the cities where something happens.

Nothing is requested from another server to show it: the outline is Natural Earth's
(public domain), committed as ``germany.json`` (written by ``tools/germany_outline.py``
from the npm package world-atlas), and projected here into an SVG path. Every city with
upcoming events or projects is a point with its name and the number of its upcoming
events, linking to its page; the same cities are listed beside the map, by state, for
screen readers and small screens. A city without coordinates is listed, not placed
(validation warns about it).

Labels are placed greedily, busiest city first: beside the point where there is room,
else further away with a leader line, never over another label or point.

A tile map (``extra.quartier.map_tiles``) is optional and off by default; the page then
offers it behind a button that names the server first (``quartier-karte.js``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from quartier import paths
from quartier.content.model import City, Site
from quartier.render.listings import CityCount, Relations, city_counts

WIDTH = 460.0
"""The SVG's width in its own units; on a phone it is drawn about as wide, so a label of
``FONT`` units stays readable there."""

MARGIN = 12.0
WEST = 64.0
"""Room left of the border: most cities with events lie in the west, close together, and
their labels go there."""

FONT = 11.0
CHAR = 0.56
"""A label's width per character, in ``FONT`` units (no font metrics at build time)."""

RADIUS = 4.0
NEAR_BORDER = 0.3
"""Degrees beyond Germany's extent a place may lie and still be drawn (a venue just across a border)."""
_SPREAD = (0.0, 20.0, 32.0, 46.0, 62.0, 80.0, 100.0, 125.0, 150.0)
_ANGLES = tuple(range(0, 360, 15))


@dataclass(frozen=True)
class Point:
    """A city on the map."""

    city: City
    upcoming: int
    projects: int
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    """SVG ``text-anchor``: ``start``, ``end`` or ``middle``."""

    leader: bool
    """Whether a line leads from the point to its label (placed away from it)."""

    @property
    def label(self) -> str:
        return f"{self.city.name} ({self.upcoming})" if self.upcoming else self.city.name

    @property
    def anchor_id(self) -> str:
        return paths.map_point(self.city.slug).split("#", 1)[1]


@dataclass(frozen=True)
class Listed:
    """A city in the list beside the map."""

    count: CityCount
    unplaced: str = ""
    """Why it has no point ('' when it has one): no coordinates, or outside Germany's map."""


@dataclass(frozen=True)
class MapView:
    width: float
    height: float
    outline: str
    """The ``d`` of Germany's outline."""

    points: tuple[Point, ...]
    states: tuple[tuple[str, tuple[Listed, ...]], ...]
    """The cities by state, both in alphabetical order."""

    @property
    def unplaced(self) -> int:
        return sum(1 for _, cities in self.states for listed in cities if listed.unplaced)


@cache
def _rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    data = json.loads(resources.files("quartier.render").joinpath("germany.json").read_text(encoding="utf-8"))
    return tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in data["rings"])


class Projection:
    """Equirectangular at Germany's middle latitude: true to shape enough for an overview."""

    def __init__(self) -> None:
        points = [p for ring in _rings() for p in ring]
        self.west = min(lon for lon, _ in points)
        self.north = max(lat for _, lat in points)
        south = min(lat for _, lat in points)
        east = max(lon for lon, _ in points)
        self.south, self.east = south, east
        self.factor = math.cos(math.radians((self.north + south) / 2))
        self.scale = (WIDTH - WEST - MARGIN) / ((east - self.west) * self.factor)
        self.height = (self.north - south) * self.scale + 2 * MARGIN

    def covers(self, lon: float, lat: float) -> bool:
        """Whether a place lies on the map (Germany's extent and a little around it)."""
        return self.west - NEAR_BORDER <= lon <= self.east + NEAR_BORDER and (
            self.south - NEAR_BORDER <= lat <= self.north + NEAR_BORDER
        )

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(WEST + (lon - self.west) * self.factor * self.scale, 1),
            round(MARGIN + (self.north - lat) * self.scale, 1),
        )


def outline_path(projection: Projection) -> str:
    parts = []
    for ring in _rings():
        coordinates = [projection(lon, lat) for lon, lat in ring]
        parts.append("M" + " ".join(f"{x:g},{y:g}" for x, y in coordinates) + "Z")
    return "".join(parts)


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_box(x: float, y: float, anchor: str, text: str) -> Box:
    width = len(text) * FONT * CHAR
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (left - 1, y - FONT * 0.8, left + width + 1, y + FONT * 0.25)


def _line_crosses(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    steps = 12
    return any(
        box[0] <= x1 + (x2 - x1) * i / steps <= box[2] and box[1] <= y1 + (y2 - y1) * i / steps <= box[3]
        for i in range(1, steps)
    )


def place_labels(cities: list[tuple[City, int, int, float, float]], width: float, height: float) -> list[Point]:
    """Each (city, upcoming, projects, x, y) with its label where it hides nothing."""
    taken: list[Box] = [(x - RADIUS - 1, y - RADIUS - 1, x + RADIUS + 1, y + RADIUS + 1) for *_, x, y in cities]
    placed: list[Point] = []
    for city, upcoming, projects, x, y in sorted(cities, key=lambda c: (-c[1], -c[2], c[0].name)):
        text = f"{city.name} ({upcoming})" if upcoming else city.name
        choice: tuple[float, float, str, bool] | None = None
        for spread in _SPREAD:
            for angle in _ANGLES if spread else (0, 180, 90, 270):
                dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
                gap = spread or RADIUS + 3
                lx, ly = x + dx * gap, y + dy * gap + FONT * 0.35
                anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
                if anchor == "middle":
                    ly += FONT * 0.5 if dy > 0 else -FONT * 0.1
                box = _label_box(lx, ly, anchor, text)
                inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
                own = (x - RADIUS - 1, y - RADIUS - 1, x + RADIUS + 1, y + RADIUS + 1)
                clear = all(not _overlaps(box, other) for other in taken if other != own)
                if spread and clear:
                    clear = all(not _line_crosses(x, y, lx, ly - FONT * 0.35, other) for other in taken if other != own)
                if inside and clear:
                    choice = (lx, ly, anchor, bool(spread))
                    taken.append(box)
                    break
            if choice:
                break
        if choice is None:  # no room anywhere: beside the point, as readable as it gets
            choice = (x + RADIUS + 3, y + FONT * 0.35, "start", False)
        lx, ly, anchor, leader = choice
        placed.append(Point(city, upcoming, projects, x, y, round(lx, 1), round(ly, 1), anchor, leader))
    return sorted(placed, key=lambda p: p.city.name)


def map_view(site: Site, rel: Relations, today: date) -> MapView:
    """The cities with upcoming events or projects, on the map where they have coordinates."""
    projection = Projection()
    shown = [c for c in city_counts(site, rel, today) if c.upcoming or c.projects]
    located = []
    reasons: dict[str, str] = {}
    for count in shown:
        city = count.city
        if city.lat is None or city.lon is None:
            reasons[city.slug] = "Koordinaten fehlen"
        elif not projection.covers(city.lon, city.lat):
            reasons[city.slug] = "liegt außerhalb"
        else:
            x, y = projection(city.lon, city.lat)
            located.append((city, count.upcoming, count.projects, x, y))
    height = round(projection.height, 1)
    points = place_labels(located, WIDTH, height)
    by_state: dict[str, list[Listed]] = {}
    for count in sorted(shown, key=lambda c: c.city.name.casefold()):
        by_state.setdefault(count.city.state, []).append(Listed(count, reasons.get(count.city.slug, "")))
    states = tuple((state, tuple(by_state[state])) for state in sorted(by_state, key=str.casefold))
    return MapView(WIDTH, height, outline_path(projection), tuple(points), states)


def on_map(site: Site, rel: Relations, today: date) -> frozenset[str]:
    """The slugs of the cities that have a point on the map (event and city pages link to it)."""
    projection = Projection()
    return frozenset(
        c.city.slug
        for c in city_counts(site, rel, today)
        if (c.upcoming or c.projects)
        and c.city.lat is not None
        and c.city.lon is not None
        and projection.covers(c.city.lon, c.city.lat)
    )


def tile_server(template: str) -> str:
    """The host a tile map would contact (what the page names before the visitor agrees)."""
    return urlsplit(template.replace("{s}", "a")).hostname or ""


__all__ = ["MapView", "Listed", "Point", "Projection", "map_view", "on_map", "place_labels", "tile_server"]
