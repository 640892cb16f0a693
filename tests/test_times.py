"""An event's times checked alone: ``times.check_event_times`` needs no site and no folder."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from quartier.content.loading import Document, Value
from quartier.content.times import check_event_times
from quartier.content.when import AllDay, Timed

BERLIN = ZoneInfo("Europe/Berlin")


def document(**lines: int) -> Document:
    fields = {name: Value(None, "str", line) for name, line in lines.items()}
    return Document("content/events/e.md", "e", fields, "Text.", 10)


def test_a_same_day_end_is_read_on_the_start_day():
    result = check_event_times(
        document(start=2, end=3), {"start": "2027-05-06 18:00", "end": "20:00"}, "Europe/Berlin", 365
    )
    assert result.problems == ()
    assert result.value.when == Timed(datetime(2027, 5, 6, 18, tzinfo=BERLIN), datetime(2027, 5, 6, 20, tzinfo=BERLIN))
    assert result.value.series is None


def test_an_end_before_the_start_is_reported_on_the_end_line():
    result = check_event_times(
        document(start=2, end=3), {"start": "2027-05-06", "end": "2027-05-05"}, "Europe/Berlin", 365
    )
    assert result.value is None
    [problem] = result.problems
    assert (problem.line, problem.field, problem.message) == (
        3,
        "end",
        "Letzter Tag 2027-05-05 liegt vor dem Beginn 2027-05-06",
    )


def test_a_time_that_exists_twice_is_kept_with_a_warning():
    result = check_event_times(
        document(start=2, end=3), {"start": "2027-10-31 02:30", "end": "03:30"}, "Europe/Berlin", 365
    )
    assert result.value.when.start.fold == 0
    [warning] = result.problems
    assert warning.severity == "warning" and "zweimal" in warning.message


def test_a_repeat_that_failed_its_own_fields_gives_no_time_but_keeps_the_times_problems():
    # "repeat" is in the file but not among the converted fields: its kind reported the problems.
    result = check_event_times(
        document(start=2, end=3, repeat=4), {"start": "2027-05-06", "end": "2027-05-04"}, "Europe/Berlin", 365
    )
    assert result.value is None and len(result.problems) == 1
    result = check_event_times(document(start=2, repeat=4), {"start": "2027-05-06"}, "Europe/Berlin", 365)
    assert (result.value, result.problems) == (None, ())


def test_a_series_gets_its_last_day():
    data = {"start": "2027-05-04", "repeat": {"freq": "weekly", "count": 3}}
    doc = document(start=2, repeat=4)
    doc.fields["repeat"] = Value({}, "map", 4)
    result = check_event_times(doc, data, "Europe/Berlin", 365)
    assert result.problems == ()
    assert result.value.when == AllDay(date(2027, 5, 4), date(2027, 5, 4))
    assert result.value.series.last_day == date(2027, 5, 18)


def test_a_timed_event_without_an_end_is_warned_about_and_an_all_day_one_is_not():
    timed = check_event_times(document(start=2), {"start": "2027-09-14 10:00"}, "Europe/Berlin", 365)
    [warning] = timed.problems
    assert (warning.line, warning.field, warning.severity) == (2, "end", "warning")
    assert warning.message == "Ende fehlt: Die Veranstaltung erscheint in Kalendern ohne Dauer"
    assert timed.value is not None and timed.value.when.end is None  # still built: DTEND = DTSTART
    all_day = check_event_times(document(start=2), {"start": "2027-09-14"}, "Europe/Berlin", 365)
    assert all_day.problems == () and all_day.value is not None
    with_end = check_event_times(
        document(start=2, end=3), {"start": "2027-09-14 10:00", "end": "2027-09-16 16:00"}, "Europe/Berlin", 365
    )
    assert with_end.problems == ()
