"""The checks across files, run once every file has been read: calendar IDs, events
saved twice, cities the map cannot place, redirects, and addresses two files want."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from quartier import paths
from quartier.content.loading import Value
from quartier.content.model import Event, Post, Program, Project
from quartier.content.readers import Cities, Publication
from quartier.content.redirects import check_redirects
from quartier.problems import Problem, ProblemCode, Severity


class SiteCode(ProblemCode):
    """Problems that only show across files."""

    DUPLICATE_UID = "site.duplicate-uid"
    DUPLICATE_TITLE = "site.duplicate-title"
    DUPLICATE_PLACE = "site.duplicate-place"
    CITY_WITHOUT_COORDINATES = "site.city-without-coordinates"
    ADDRESS_TAKEN = "site.address-taken"


@dataclass(frozen=True)
class SiteChecked:
    """What the checks across files found, and what they decided."""

    redirects: tuple[tuple[str, str], ...]
    content_files: Mapping[str, bytes]
    """The images of the content folders by site path, each address given once."""

    problems: tuple[Problem, ...]


def check_site(
    cities: Cities,
    cities_display: str,
    programs: Sequence[Program],
    projects: Sequence[Project],
    events: Sequence[Event],
    posts: Sequence[Post],
    start_lines: Mapping[str, int],
    redirects: tuple[Value | None, str],
    publications: Sequence[Publication],
) -> SiteChecked:
    """``start_lines``: the line of ``start`` in each event's file, where a duplicate is reported.
    ``redirects``: the redirect list as read, and its name in messages."""
    problems = [
        *unique_uids(events),
        *duplicates(events, start_lines),
        *city_places(cities, cities_display, events, projects),
    ]
    files, taken = publish(publications)
    problems += taken
    value, display = redirects
    moved: list[tuple[str, str]] = []
    if value is not None:
        existing = {item.url_path for group in (programs, projects, events, posts) for item in group}
        existing |= {paths.city_path(slug) for slug in cities.by_slug}
        checked = check_redirects(value, display, existing, existing | set(paths.LISTINGS))
        problems += checked.problems
        moved = checked.value or []
    return SiteChecked(tuple(moved), files, tuple(problems))


def unique_uids(events: Sequence[Event]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: e.source):
        if event.uid in first:
            problems.append(
                Problem(
                    event.source,
                    1,
                    "uid",
                    f"Kalender-ID „{event.uid}“ ist schon vergeben an {first[event.uid].source}",
                    "eine eindeutige uid",
                    code=SiteCode.DUPLICATE_UID,
                )
            )
        else:
            first[event.uid] = event
    return problems


def duplicates(events: Sequence[Event], start_lines: Mapping[str, int]) -> list[Problem]:
    """Two events with the same title and start, or the same start and venue, are most likely
    one event saved twice (the form gives the second file a ``-1``): a warning naming both."""
    problems: list[Problem] = []
    seen: dict[tuple[object, ...], Event] = {}
    # By slug: the copy (x-1) comes after its original (x) and gets the warning.
    for event in sorted(events, key=lambda e: e.slug):
        keys: list[tuple[tuple[object, ...], str, SiteCode]] = [
            (("title", _same_text(event.title), event.start), "Gleicher Titel", SiteCode.DUPLICATE_TITLE)
        ]
        if event.venue is not None and event.format != "online":
            venue = ("venue", _same_text(event.venue.name), event.venue.city.slug, event.start)
            keys.append((venue, f"Gleicher Ort ({event.venue.name})", SiteCode.DUPLICATE_PLACE))
        for key, same, code in keys:
            first = seen.setdefault(key, event)
            if first is event or first.slug in event.parallel_to or event.slug in first.parallel_to:
                continue
            problems.append(
                Problem(
                    event.source,
                    start_lines[event.source],
                    "start",
                    f"Doppelter Eintrag? {same} und gleicher Beginn ({_shown_start(event)}) wie {first.source}",
                    f"eine der beiden Dateien löschen; finden beide statt: parallel_to: [{first.slug}]",
                    Severity.WARNING,
                    code=code,
                )
            )
            break
    return problems


def city_places(cities: Cities, display: str, events: Sequence[Event], projects: Sequence[Project]) -> list[Problem]:
    """A city that events or projects use, without coordinates, cannot be placed on the map."""
    problems: list[Problem] = []
    used = {e.venue.city.slug for e in events if e.venue} | {p.city.slug for p in projects}
    for slug in sorted(used):
        city = cities.by_slug.get(slug)
        if city is not None and (city.lat is None or city.lon is None):
            problems.append(
                Problem(
                    display,
                    cities.lines.get(slug, 1),
                    "lat" if city.lat is None else "lon",
                    f"Stadt „{city.name}“ hat keine Koordinaten: Sie steht in der Liste der Karte "
                    f"/{paths.MAP_PAGE}, aber nicht als Punkt darauf",
                    "lat und lon der Stadtmitte, z. B. lat: 51.4566 und lon: 7.0123",
                    Severity.WARNING,
                    code=SiteCode.CITY_WITHOUT_COORDINATES,
                )
            )
    return problems


def publish(publications: Sequence[Publication]) -> tuple[dict[str, bytes], list[Problem]]:
    """The files of the content folders on the site; a second file for the same address is an error."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for publication in publications:
        if files.get(publication.site_path, publication.data) != publication.data:
            problems.append(
                Problem(
                    publication.source,
                    1,
                    "-",
                    f"Die Adresse /{publication.site_path} ist schon vergeben (eine Größe eines anderen Bildes)",
                    "einen anderen Dateinamen",
                    code=SiteCode.ADDRESS_TAKEN,
                )
            )
            continue
        files[publication.site_path] = publication.data
    return files, problems


def _same_text(text: str) -> str:
    """Titles and venues as a person would compare them: case and spacing do not count."""
    return " ".join(text.casefold().split())


def _shown_start(event: Event) -> str:
    start = event.start
    return start.strftime("%Y-%m-%d %H:%M") if isinstance(start, datetime) else start.isoformat()
