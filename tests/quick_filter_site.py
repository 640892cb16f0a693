"""A small set of events around one "today" for the quick filters, the start page and
related events: read by tests/test_quick_filters.py (engine output, parsed) and by
tests/e2e/test_quick_filters.py (added to a copy of the example site, in Chromium).

Today is Wednesday, 2 December 2026: this week runs to Sunday the 6th, the weekend is
the 5th and 6th, the next 30 days end on Thursday, 31 December. The expected lists
below are written out by hand from the calendar, not computed by the engine.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

TODAY = date(2026, 12, 2)


def _venue(city: str, name: str = "Stadtteilzentrum") -> str:
    return f"venue:\n  name: {name}\n  address: Marktplatz 1, 10000\n  city: {city}\n"


EVENTS: dict[str, str] = {
    # Yesterday: past, in no filter.
    "2026-12-01-gestern": 'title: Gestern in Essen\nstart: "2026-12-01 18:00"\n' + _venue("Essen"),
    # Today, cancelled: in "Heute" and "Diese Woche", marked; never suggested elsewhere.
    "2026-12-02-abgesagt": (
        'title: Abgesagter Vortrag\nstart: "2026-12-02 09:00"\nend: "10:00"\nstatus: cancelled\n'
        "programs: [initiative-ergreifen]\n" + _venue("Berlin")
    ),
    # A daily series from Monday to the 10th: today, this week, the weekend (its date of
    # Saturday the 5th), the next 30 days.
    "2026-11-30-taeglich": (
        'title: Tägliche Sprechstunde\nstart: "2026-11-30 10:00"\nend: "11:00"\n'
        "repeat:\n  freq: daily\n  until: 2026-12-10\n" + _venue("Berlin", "Rathaus")
    ),
    "2026-12-02-heute-essen": (
        'title: Werkstatt heute\nstart: "2026-12-02 18:00"\nend: "20:00"\n'
        "programs: [initiative-ergreifen]\n" + _venue("Essen")
    ),
    # A weekly series on Wednesdays, hybrid: today, this week, the next 30 days; one date
    # moved to a Saturday outside this weekend (the 12th).
    "2026-11-04-mittwochsrunde": (
        'title: Mittwochsrunde\nstart: "2026-11-04 19:00"\nend: "20:30"\nformat: hybrid\n'
        "online_url: https://konferenz.example.org/mittwoch\nprograms: [initiative-ergreifen]\n"
        "repeat:\n  freq: weekly\n  until: 2027-06-30\n  moved:\n"
        '    - from: 2026-12-09\n      start: "2026-12-12 19:00"\n      end: "20:30"\n' + _venue("Berlin", "Rathaus")
    ),
    # Tomorrow, online only: this week, the next 30 days.
    "2026-12-03-donnerstag": (
        'title: Online-Sprechstunde am Donnerstag\nstart: "2026-12-03 17:00"\nend: "18:00"\nformat: online\n'
        "online_url: https://konferenz.example.org/donnerstag\n"
    ),
    # Friday to Monday, all day: this week, the weekend, the next 30 days (not today).
    "2026-12-04-lang": "title: Adventsmarkt\nstart: 2026-12-04\nend: 2026-12-07\n" + _venue("Frankfurt (Oder)"),
    # Saturday, hybrid.
    "2026-12-05-samstag": (
        'title: Stadtspaziergang am Samstag\nstart: "2026-12-05 11:00"\nend: "13:00"\nformat: hybrid\n'
        "programs: [initiative-ergreifen]\n" + _venue("Berlin")
    ),
    # Weekly on Sundays, this Sunday's date cancelled: not in this week nor this weekend;
    # in the next 30 days (the 13th, 20th, 27th).
    "2026-11-01-sonntagstreff": (
        'title: Sonntagstreff\nstart: "2026-11-01 15:00"\nend: "17:00"\n'
        "repeat:\n  freq: weekly\n  until: 2027-03-28\n  except: [2026-12-06]\n" + _venue("Essen", "Café")
    ),
    # In 20 days, online with a venue (the organizer's studio): the online listing has it.
    "2026-12-22-in-20-tagen": (
        'title: Online-Gespräch aus Essen\nstart: "2026-12-22 18:00"\nformat: online\n'
        "online_url: https://konferenz.example.org/gespraech\n" + _venue("Essen", "Studio")
    ),
    # In 40 days: in no time filter.
    "2027-01-11-in-40-tagen": (
        'title: Jahresauftakt\nstart: "2027-01-11 10:00"\nprograms: [initiative-ergreifen]\n' + _venue("Essen")
    ),
    "2027-01-20-essen-spaeter": 'title: Winterforum Essen\nstart: "2027-01-20 10:00"\n' + _venue("Essen"),
}

EXPECTED: dict[str, list[str]] = {
    "heute": ["2026-12-02-abgesagt", "2026-11-30-taeglich", "2026-12-02-heute-essen", "2026-11-04-mittwochsrunde"],
    "diese-woche": [
        "2026-12-02-abgesagt",
        "2026-11-30-taeglich",
        "2026-12-02-heute-essen",
        "2026-11-04-mittwochsrunde",
        "2026-12-03-donnerstag",
        "2026-12-04-lang",
        "2026-12-05-samstag",
    ],
    # The daily series at its Saturday date, after the market that began on Friday.
    "wochenende": ["2026-12-04-lang", "2026-11-30-taeglich", "2026-12-05-samstag"],
    "naechste-30-tage": [
        "2026-12-02-abgesagt",
        "2026-11-30-taeglich",
        "2026-12-02-heute-essen",
        "2026-11-04-mittwochsrunde",
        "2026-12-03-donnerstag",
        "2026-12-04-lang",
        "2026-12-05-samstag",
        "2026-11-01-sonntagstreff",
        "2026-12-22-in-20-tagen",
    ],
}
"""The events (by slug) on each time filter's page, in the order shown."""

UPCOMING = [
    "2026-12-02-abgesagt",
    "2026-11-30-taeglich",
    "2026-12-02-heute-essen",
    "2026-11-04-mittwochsrunde",
    "2026-12-03-donnerstag",
    "2026-12-04-lang",
    "2026-12-05-samstag",
    "2026-11-01-sonntagstreff",
    "2026-12-22-in-20-tagen",
    "2027-01-11-in-40-tagen",
    "2027-01-20-essen-spaeter",
]
"""The events index as of today, in its order."""


def write_events(events_dir: Path) -> None:
    """Write the events into ``events_dir`` (``content/events/`` of a project)."""
    events_dir.mkdir(parents=True, exist_ok=True)
    for slug, front_matter in EVENTS.items():
        text = "---\n" + textwrap.dedent(front_matter) + "---\nText.\n"
        (events_dir / f"{slug}.md").write_text(text, encoding="utf-8")
