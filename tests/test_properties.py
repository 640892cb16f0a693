"""Property-based tests and a bounded fuzz run: any input validates or yields errors, never a crash."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import ContentFolder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from quartier.content.loading import Value, parse_document
from quartier.content.moments import MomentCode
from quartier.feeds.ical.calendars import render_feeds
from quartier.problems import Problem
from quartier.render.pages import render_pages

FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SITE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

# Pieces editors (and attackers) write; combined at random into front matter.
FRAGMENTS = st.sampled_from(
    [
        "title: Werkstatt",
        "title:",
        "title: 2022",
        "title: [a, b]",
        'title: "<script>alert(1)</script>"',
        "start: 2022-09-14",
        'start: "2022-09-14 10:00"',
        "start: 10:00",
        "start: 2022-02-30",
        'start: "2022-03-27 02:30"',
        "end: 12:00",
        'end: "2022-09-13"',
        "end: 720",
        "end: 2022-09-16",
        "timezone: Europe/Berlin",
        "timezone: Mars/Base",
        "venue:",
        "  name: Hub",
        "  city: Essen",
        "  city: Esen",
        "\tcity: Essen",
        "  lat: 91",
        "format: online",
        "status: cancelled",
        "status: maybe",
        "programs: [initiative-ergreifen]",
        "programs: initiative-ergreifen",
        "registration: javascript:alert(1)",
        "online_url: https://x.example.org/",
        "x: !!python/object/apply:os.system [ls]",
        "a: &a [1, 2]",
        "b: *a",
        "c: *undefined",
        "<<: *a",
        "? complex key",
        "- list item",
        "{flow: map}",
        "'",
        '"',
        "|",
        ">",
        "&",
        "*",
        "!",
        "%YAML 1.1",
        "---",
        "...",
        "",
        "   ",
        "title: \u202eevil",
        "title: \x00",
        "emoji: 🎉",
    ]
)


@FUZZ
@given(st.text(max_size=400))
def test_loader_never_raises_on_any_text(text: str):
    doc = parse_document(text, "content/events/x.md", "x")
    assert all(isinstance(p, Problem) and p.line >= 1 for p in doc.problems)
    assert all(isinstance(v, Value) for v in doc.fields.values())


@FUZZ
@given(st.lists(FRAGMENTS, max_size=14), st.text(max_size=80))
def test_loader_never_raises_on_front_matter_shapes(lines: list[str], body: str):
    doc = parse_document("---\n" + "\n".join(lines) + "\n---\n" + body, "content/events/x.md", "x")
    assert all(isinstance(p, Problem) for p in doc.problems)
    lines_in_file = len(lines) + 3 + body.count("\n")
    assert all(1 <= p.line <= lines_in_file + 1 for p in doc.problems)


@SITE
@given(st.lists(FRAGMENTS, max_size=12), st.text(max_size=60))
def test_any_event_file_validates_or_gives_errors(lines: list[str], body: str):
    with tempfile.TemporaryDirectory() as tmp:
        folder = ContentFolder(Path(tmp))
        folder.write("content/events/e.md", "---\n" + "\n".join(lines) + "\n---\n" + body)
        result = folder.validate()
        if result.site is None:
            assert result.errors, "a rejected site must say why"
            assert all(p.path == "content/events/e.md" for p in result.errors)
        else:
            assert len(result.site.events) == 1
            render_pages(result.site, folder.config(), date(2026, 11, 21))


ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]


@st.composite
def timed_events(draw):
    zone = draw(st.sampled_from(ZONES))
    day = draw(st.dates(min_value=date(1998, 1, 1), max_value=date(2035, 12, 31)))
    minutes = draw(st.integers(min_value=0, max_value=23 * 60 + 59))
    duration = draw(st.integers(min_value=1, max_value=3 * 24 * 60))
    start = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60)
    return zone, start, start + timedelta(minutes=duration)


def exists(local: datetime, zone: ZoneInfo) -> bool:
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) == local


@SITE
@given(timed_events())
def test_accepted_times_are_the_instants_written(event):
    zone_name, start, end = event
    zone = ZoneInfo(zone_name)
    with tempfile.TemporaryDirectory() as tmp:
        folder = ContentFolder(Path(tmp))
        folder.event(
            "e",
            (
                f'title: W\nstart: "{start:%Y-%m-%d %H:%M}"\n'
                f'end: "{end:%Y-%m-%d %H:%M}"\ntimezone: {zone_name}\nformat: online\n'
            ),
        )
        result = folder.validate()
        if not (exists(start, zone) and exists(end, zone)):
            assert result.site is None and any(p.code is MomentCode.CLOCK_GAP for p in result.errors)
            return
        starts_at = start.replace(tzinfo=zone)
        ends_at = end.replace(tzinfo=zone)
        if ends_at <= starts_at:  # possible across the autumn change
            assert result.site is None
            return
        [model] = result.site.events
        assert model.start == starts_at and model.end == ends_at
        assert model.start.utcoffset() == starts_at.utcoffset()
        # The page and the feed entry carry the same instants, as their readers see them.
        [page] = [
            p
            for p in render_pages(result.site, folder.config(), date(2026, 11, 21))
            if p.url_path == "veranstaltungen/e/"
        ]
        assert f'<time datetime="{starts_at.isoformat()}">' in page.content
        files, _ = render_feeds(result.site, folder.config(), date(2026, 11, 21))
        [parsed] = IcsCalendarStream.calendar_from_ics(files["veranstaltungen/e/e.ics"].decode("utf-8")).events
        assert parsed.dtstart == starts_at and parsed.end == ends_at


@SITE
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(min_value=0, max_value=30))
def test_accepted_all_day_events_keep_their_days(first: date, extra_days: int):
    last = first + timedelta(days=extra_days)
    with tempfile.TemporaryDirectory() as tmp:
        folder = ContentFolder(Path(tmp))
        folder.event("e", f"title: W\nstart: {first.isoformat()}\nend: {last.isoformat()}\nformat: online\n")
        result = folder.validate()
        [model] = result.site.events
        assert (model.start, model.end, model.all_day) == (first, last, True)
        files, _ = render_feeds(result.site, folder.config(), date(2026, 11, 21))
        [parsed] = IcsCalendarStream.calendar_from_ics(files["veranstaltungen/e/e.ics"].decode("utf-8")).events
        # iCalendar ends all-day events on the day after the last one.
        assert parsed.dtstart == first and parsed.dtend == last + timedelta(days=1)
