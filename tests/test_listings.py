"""Which events are upcoming, past, per city and online, for a given "today"."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import FIXTURES, VENUE

from quartier.config import load_config
from quartier.content.validation import validate_site
from quartier.render.listings import by_month, by_year, city_counts, relations, split_events

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def site():
    result = validate_site(load_config(FIXTURES / "valid_site"))
    assert result.problems == []
    return result.site


def slugs(events):
    return [e.slug for e in events]


def test_upcoming_until_the_last_day_has_passed(site):
    split = split_events(site.events, TODAY)
    # The multi-day events end today and are still upcoming; yesterday's event is past.
    assert slugs(split.upcoming) == [
        "2026-11-18-dorftage",
        "2026-11-20-werkstatt-muenchen",
        "2027-02-11-online-forum",
        "2027-06-24-sommer",
    ]
    assert slugs(split.past) == ["2026-11-19-vorbei", "2022-09-14-transformation", "2020-01-28-workshop-essen"]


def test_tomorrow_the_multi_day_events_are_past(site):
    split = split_events(site.events, date(2026, 11, 22))
    assert "2026-11-18-dorftage" in slugs(split.past)
    assert "2026-11-20-werkstatt-muenchen" in slugs(split.past)


def test_grouping_by_month_and_year(site):
    split = split_events(site.events, TODAY)
    assert [key for key, _ in by_month(split.upcoming)] == [(2026, 11), (2027, 2), (2027, 6)]
    assert [year for year, _ in by_year(split.past)] == [2026, 2022, 2020]


def test_per_city_and_online(site):
    rel = relations(site)
    assert slugs(rel.events_by_city["essen"]) == ["2020-01-28-workshop-essen", "2026-11-19-vorbei", "2027-06-24-sommer"]
    assert slugs(rel.online_events) == ["2027-02-11-online-forum"]
    assert "berlin" not in rel.events_by_city
    counts = {c.city.slug: (c.upcoming, c.total, c.projects) for c in city_counts(site, rel, TODAY)}
    assert counts == {
        "essen": (1, 3, 1),
        "frankfurt-oder": (0, 1, 0),
        "muenchen": (1, 1, 0),
        "praedikow": (1, 1, 1),
    }


def test_per_program_and_project(site):
    rel = relations(site)
    assert slugs(rel.events_by_program["initiative-ergreifen"]) == [
        "2020-01-28-workshop-essen",
        "2027-02-11-online-forum",
    ]
    assert slugs(rel.events_by_project["dorfladen-praedikow"]) == ["2026-11-18-dorftage"]
    assert [p.slug for p in rel.projects_by_program["initiative-ergreifen"]] == ["buergerhaus-altendorf"]


def test_an_online_event_with_a_venue_is_an_online_event(folder):
    """The online listing (and the quick filter „Online“ that leads there) holds every
    event with ``format: online``; one that names a venue (the studio it is streamed
    from) is in its city's listing too."""
    folder.event("2027-03-01-gespraech", 'title: Gespräch\nstart: "2027-03-01 18:00"\nformat: online\n' + VENUE)
    folder.event("2027-03-02-stream", 'title: Stream\nstart: "2027-03-02 18:00"\nformat: online\n')
    folder.event("2027-03-03-hybrid", 'title: Hybrid\nstart: "2027-03-03 18:00"\nformat: hybrid\n' + VENUE)
    result = folder.validate()
    assert result.site is not None, result.problems
    rel = relations(result.site)
    assert slugs(rel.online_events) == ["2027-03-01-gespraech", "2027-03-02-stream"]
    assert slugs(rel.events_by_city["essen"]) == ["2027-03-01-gespraech", "2027-03-03-hybrid"]
