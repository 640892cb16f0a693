"""Benchmark of the iCalendar output: all feeds of a synthetic site.

    python bench/bench_feeds.py --events 10000 [--reference] [--profile]

Builds a Site of N events directly from model objects (``make_site``, reusable by other
benchmarks), times ``render_feeds`` (the first, cold run counts; later runs are shown) and, in the same run,
a baseline: one plain icalendar ``Calendar`` with the same N events built the naive way
(``icalendar.Event`` + ``add()`` per property, then ``to_ical()``). ``--reference`` also
times ``reference_feeds`` (every file as icalendar objects) and checks it is byte-equal.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

try:
    import quartier  # noqa: F401
except ImportError:  # running from a checkout without the editable install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
# The icalendar oracle is test code, not engine code.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import icalendar
from ical_oracle import event_component, reference_feeds

from quartier.config import SiteConfig
from quartier.content.model import City, Event, Organizer, Program, Site, Venue
from quartier.content.when import when_of
from quartier.feeds.ical.calendars import render_feeds
from quartier.text.slugs import slugify

TODAY = date(2026, 6, 1)
SITE_URL = "https://quartier.example.org/"

_CITY_NAMES = [
    ("Aachen", "Nordrhein-Westfalen", 50.7766, 6.0834),
    ("Berlin", "Berlin", 52.52, 13.405),
    ("Bernburg", "Sachsen-Anhalt", 51.7946, 11.7401),
    ("Bremen", "Bremen", 53.0758, 8.8072),
    ("Dortmund", "Nordrhein-Westfalen", 51.5149, 7.466),
    ("Düsseldorf", "Nordrhein-Westfalen", 51.2277, 6.7735),
    ("Essen", "Nordrhein-Westfalen", 51.4566, 7.0123),
    ("Frankfurt (Oder)", "Brandenburg", 52.3471, 14.5506),
    ("Görlitz", "Sachsen", 51.1526, 14.9877),
    ("Köln", "Nordrhein-Westfalen", 50.9375, 6.9603),
    ("Leipzig", "Sachsen", 51.3397, 12.3731),
    ("München", "Bayern", 48.1374, 11.5755),
    ("Offenbach am Main", "Hessen", 50.0956, 8.7761),
    ("Prädikow", "Brandenburg", 52.6297, 14.0128),
    ("Wuppertal", "Nordrhein-Westfalen", 51.2562, 7.1508),
    ("Zittau", "Sachsen", 50.8964, 14.8072),
]
_PROGRAMS = [
    ("gemeinsam-fuer-das-quartier", "Gemeinsam für das Quartier"),
    ("initiative-ergreifen", "Initiative ergreifen"),
    ("baukultur-nrw", "BauKultur NRW"),
    ("soziale-stadt-nrw", "Soziale Stadt NRW"),
    ("zele", "Zentrum für Ländliche Entwicklung (ZeLE)"),
    ("stadtgespraeche-nrw", "Stadtgespräche NRW"),
    ("engagiert-in-nrw", "Kommunen-Netzwerk: engagiert in NRW"),
    ("zukunftsfaktor-buergerengagement", "Zukunftsfaktor Bürgerengagement – Entwicklungswerkstatt"),
]
_WORDS = (
    "Werkstatt Quartier Nachbarschaft Innenstadt Dorfladen Engagement Baukultur Leerstand Beteiligung "
    "Genossenschaft Stadtteil Begegnung Zukunft Mobilität Grünflächen Jugend Ehrenamt Netzwerk Fachtag "
    "Rundgang Forum Bürgerhaus Kreativwirtschaft Wohnprojekt Gemeinwesen Strategie"
).split()
_OTHER_ZONES = ["Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def make_site(n: int, seed: int = 1, first_year: int = 2010, last_day: date = date(2027, 12, 31)) -> Site:
    """A Site of ``n`` events spread evenly from ``first_year`` to ``last_day``.

    The mix: 80 % timed in Europe/Berlin, 4 % timed in other zones, 10 % all-day (some
    over several days), 6 % timed without an end; 5 % cancelled, 3 % postponed; 10 %
    online, 10 % hybrid; most with organizer, tags, one or two programs and a summary of
    realistic length with umlauts, commas and quotes.
    """
    rng = random.Random(seed)
    cities = [City(name, slugify(name), state, lat, lon) for name, state, lat, lon in _CITY_NAMES]
    programs = [
        Program(slug, f"content/programs/{slug}.md", title, None, None, None, "Ein Programm.", "")
        for slug, title in _PROGRAMS
    ]
    venues = [
        Venue(
            f"{rng.choice(_WORDS)}haus {city.name}",
            f"{rng.choice(_WORDS)}straße {rng.randint(1, 120)}, {rng.randint(10000, 99999)}",
            city,
            city.lat,
            city.lon,
        )
        for city in cities
        for _ in range(3)
    ]
    span_days = (last_day - date(first_year, 1, 1)).days
    events = []
    berlin = ZoneInfo("Europe/Berlin")
    for i in range(n):
        day = date(first_year, 1, 1) + timedelta(days=i * span_days // max(n, 1))
        roll = rng.random()
        zone_name = "Europe/Berlin" if roll < 0.96 else rng.choice(_OTHER_ZONES)
        zone = berlin if zone_name == "Europe/Berlin" else ZoneInfo(zone_name)
        kind = rng.random()
        if kind < 0.10:
            start: date | datetime = day
            end: date | datetime | None = day + timedelta(days=rng.choice([0, 0, 1, 2]))
            all_day = True
        else:
            start = datetime(
                day.year, day.month, day.day, rng.choice([9, 10, 14, 17, 18]), rng.choice([0, 30]), tzinfo=zone
            )
            end = None if kind < 0.16 else start + timedelta(hours=rng.choice([1, 2, 3, 6]))
            all_day = False
        status_roll = rng.random()
        status = "cancelled" if status_roll < 0.05 else "postponed" if status_roll < 0.08 else "scheduled"
        format_roll = rng.random()
        event_format = "online" if format_roll < 0.10 else "hybrid" if format_roll < 0.20 else "in-person"
        venue = None if event_format == "online" else rng.choice(venues)
        slug = f"{day.isoformat()}-{rng.choice(_WORDS).lower()}-{i}"
        title = f"{_sentence(rng, rng.randint(2, 6))}: {_sentence(rng, rng.randint(1, 4))}"
        summary = (
            f"{_sentence(rng, rng.randint(8, 25))}, bei dem „{rng.choice(_WORDS)}“ "
            f"und {rng.choice(_WORDS)} im Mittelpunkt stehen; "
            f"{_sentence(rng, rng.randint(4, 12)).lower()}."
        )
        events.append(
            Event(
                slug=slug,
                source=f"content/events/{slug}.md",
                title=title,
                when=when_of(start, end if end is not None or not all_day else start),
                timezone=zone_name,
                status=status,
                format=event_format,
                venue=venue,
                online_url=f"https://konferenz.example.org/{slug}" if event_format != "in-person" else None,
                programs=tuple(p.slug for p in rng.sample(programs, rng.choice([0, 1, 1, 1, 2]))),
                projects=(),
                organizer=None
                if rng.random() < 0.2
                else Organizer(
                    f"{rng.choice(_WORDS)}verein {rng.choice(cities).name} e. V.",
                    f"https://{rng.choice(_WORDS).lower()}.example.org/" if rng.random() < 0.6 else None,
                ),
                registration=f"https://anmeldung.example.org/{slug}" if rng.random() < 0.3 else None,
                summary=summary,
                tags=tuple(rng.sample(_WORDS, rng.randint(0, 4))),
                uid=f"{slug}@quartier.example.org",
                body="",
            )
        )
    return Site.assemble(cities, programs, [], events)


def make_config(**overrides) -> SiteConfig:
    return SiteConfig(root=Path("."), site_url=SITE_URL, site_name="Quartier", **overrides)


def naive_calendar(site: Site, config: SiteConfig) -> bytes:
    """The baseline: one icalendar Calendar with every event, built and serialized naively."""
    cal = icalendar.Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", "-//Quartier//Quartier 0.1//DE")
    for event in site.events:
        cal.add_component(event_component(event, site, config))
    return cal.to_ical()


def _timed(function, repeat: int) -> tuple[list[float], object]:
    """Times of ``repeat`` calls (the first one with cold caches) and the last result."""
    times, result = [], None
    for _ in range(repeat):
        begin = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - begin)
    return times, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reference", action="store_true", help="also time reference_feeds() and compare bytes")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one render_feeds run")
    args = parser.parse_args(argv)

    site = make_site(args.events)
    config = make_config()
    render_times, (files, warnings) = _timed(lambda: render_feeds(site, config, TODAY), args.repeat)  # type: ignore[misc]
    render_time = render_times[0]
    baseline_times, baseline = _timed(lambda: naive_calendar(site, config), 1)
    baseline_time = baseline_times[0]
    total = sum(len(data) for data in files.values())
    print(f"events: {args.events}, files: {len(files)}, all files: {total / 1e6:.1f} MB")
    print(
        f"render_feeds (all feeds, first run): {render_time:.3f} s; "
        f"later runs: {', '.join(f'{t:.3f}' for t in render_times[1:])} s"
    )
    print(f"baseline (one naive icalendar Calendar of all events): {baseline_time:.3f} s, {len(baseline) / 1e6:.1f} MB")  # type: ignore[arg-type]
    print(f"ratio render_feeds (first run) / baseline: {render_time / baseline_time:.2f}")
    print(f"kalender.ics: {len(files['kalender.ics']):,} bytes, {files['kalender.ics'].count(b'BEGIN:VEVENT')} events")
    for warning in warnings:
        print("warning:", warning)
    if args.reference:
        (reference_time,), reference = _timed(lambda: reference_feeds(site, config, TODAY), 1)
        print(
            "reference_feeds (every file as icalendar objects): "
            f"{reference_time:.3f} s, byte-equal: {reference == files}"
        )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(render_feeds, site, config, TODAY)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
