"""An event's times checked alone: ``times.check_event_times`` needs no site and no folder."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from quartier.content.loading import Document, Value, ValueKind
from quartier.content.moments import MomentCode, Spot, Written
from quartier.content.times import TimeCode, check_event_times
from quartier.content.when import AllDay, Timed

BERLIN = ZoneInfo("Europe/Berlin")


def document(**lines: int) -> Document:
    fields = {name: Value(None, ValueKind.STR, line) for name, line in lines.items()}
    return Document("content/events/e.md", "e", fields, "Text.", 10)


def written(doc: Document, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as the field kinds give it: each time as ``Written``, at its line in ``doc``."""
    return {
        name: Written(value, Spot(doc.path, doc.fields[name].line, name)) if isinstance(value, str) else value
        for name, value in data.items()
    }


def check(doc: Document, data: dict[str, Any], zone: str = "Europe/Berlin", horizon: int = 365):
    return check_event_times(doc, written(doc, data), zone, horizon)


def test_a_same_day_end_is_read_on_the_start_day():
    result = check(document(start=2, end=3), {"start": "2027-05-06 18:00", "end": "20:00"})
    assert result.problems == ()
    assert result.value.when == Timed(datetime(2027, 5, 6, 18, tzinfo=BERLIN), datetime(2027, 5, 6, 20, tzinfo=BERLIN))
    assert result.value.series is None


def test_an_end_before_the_start_is_reported_on_the_end_line():
    result = check(document(start=2, end=3), {"start": "2027-05-06", "end": "2027-05-05"})
    assert result.value is None
    [problem] = result.problems
    assert (problem.line, problem.field, problem.code) == (3, "end", TimeCode.LAST_DAY_BEFORE_START)
    # The wording, as an example for editors:
    assert problem.format_text() == (
        "content/events/e.md:3: end: Letzter Tag 2027-05-05 liegt vor dem Beginn 2027-05-06 "
        "(Erwartet: ein Datum ab 2027-05-06)"
    )


def test_a_time_that_exists_twice_is_kept_with_a_warning():
    result = check(document(start=2, end=3), {"start": "2027-10-31 02:30", "end": "03:30"})
    assert result.value.when.start.fold == 0
    [warning] = result.problems
    assert (warning.severity, warning.code) == ("warning", MomentCode.CLOCK_FOLD)


def test_a_repeat_that_failed_its_own_fields_gives_no_time_but_keeps_the_times_problems():
    # "repeat" is in the file but not among the converted fields: its kind reported the problems.
    result = check(document(start=2, end=3, repeat=4), {"start": "2027-05-06", "end": "2027-05-04"})
    assert result.value is None and len(result.problems) == 1
    result = check(document(start=2, repeat=4), {"start": "2027-05-06"})
    assert (result.value, result.problems) == (None, ())


def test_a_series_gets_its_last_day():
    data = {"start": "2027-05-04", "repeat": {"freq": "weekly", "count": 3}}
    doc = document(start=2, repeat=4)
    doc.fields["repeat"] = Value({}, ValueKind.MAP, 4)
    result = check(doc, data)
    assert result.problems == ()
    assert result.value.when == AllDay(date(2027, 5, 4), date(2027, 5, 4))
    assert result.value.series.last_day == date(2027, 5, 18)


def test_a_timed_event_without_an_end_is_warned_about_and_an_all_day_one_is_not():
    timed = check(document(start=2), {"start": "2027-09-14 10:00"})
    [warning] = timed.problems
    assert (warning.line, warning.field, warning.severity, warning.code) == (2, "end", "warning", TimeCode.MISSING_END)
    assert timed.value is not None and timed.value.when.end is None  # still built: DTEND = DTSTART
    all_day = check(document(start=2), {"start": "2027-09-14"})
    assert all_day.problems == () and all_day.value is not None
    with_end = check(document(start=2, end=3), {"start": "2027-09-14 10:00", "end": "2027-09-16 16:00"})
    assert with_end.problems == ()
