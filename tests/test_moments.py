"""Reading one written date or time, in the role its field gives it (``moments.read_moment``)."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from quartier.content.moments import (
    ClockChange,
    MomentCode,
    Role,
    Shape,
    Spot,
    Written,
    clock_change,
    read_day,
    read_moment,
)

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2027, 5, 6)


def written(text: str, label: str = "start") -> Written:
    return Written(text, Spot("content/events/e.md", 4, label))


@pytest.mark.parametrize(
    ("role", "day", "code"),
    [
        (Role.START, None, MomentCode.NO_DATE),
        (Role.END, DAY, None),
        (Role.END, None, MomentCode.TIME_ON_ALL_DAY),
        (Role.MOVED_START, None, MomentCode.NO_DATE),
        (Role.MOVED_END, DAY, None),
        (Role.MOVED_END, None, MomentCode.TIME_ON_ALL_DAY),
        (Role.MOVED_FROM, None, MomentCode.NO_DATE),
        (Role.UNTIL, None, MomentCode.NO_DATE),
        (Role.CANCELLED, None, MomentCode.NO_DATE),
        (Role.PUBLISHED, None, MomentCode.NO_DATE),
    ],
)
def test_a_time_alone_is_read_or_told_by_its_role(role: Role, day: date | None, code: MomentCode | None):
    read = read_moment(written("19:00"), role, BERLIN, day)
    assert [p.code for p in read.problems] == ([code] if code else [])
    assert read.value == (datetime(2027, 5, 6, 19, tzinfo=BERLIN) if code is None else None)


def test_the_label_does_not_choose_the_words():
    # The same label, two roles: what is said follows the role alone.
    start = read_moment(written("19:00", "start"), Role.MOVED_START, BERLIN)
    end = read_moment(written("19:00", "start"), Role.MOVED_END, BERLIN)
    assert [p.message for p in start.problems] == ["Verlegter Beginn „19:00“ hat kein Datum"]
    assert [p.message for p in end.problems] == ["Nur eine Uhrzeit „19:00“ bei einer ganztägigen Reihe"]


@pytest.mark.parametrize("role", [Role.UNTIL, Role.MOVED_FROM, Role.CANCELLED])
def test_a_day_role_refuses_a_time_of_day(role: Role):
    read = read_day(written("2027-05-06 18:00"), role)
    assert read.value is None and [p.code for p in read.problems] == [MomentCode.HAS_TIME]
    assert read_day(written("2027-05-06"), role).value == DAY


def test_a_time_role_cannot_be_read_as_a_day():
    with pytest.raises(TypeError):
        read_day(written("2027-05-06 18:00"), Role.START)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2027-05-06 24:00", MomentCode.NO_SUCH_TIME),
        ("2027-13-01", MomentCode.NO_SUCH_DATE),
        ("2300-01-01", MomentCode.YEAR_OUT_OF_RANGE),
        ("2027-5-6", MomentCode.UNREADABLE),
        ("06.05.2027", MomentCode.GERMAN_SPELLING),
        ("31.02.2027", MomentCode.GERMAN_DATE_IMPOSSIBLE),
        ("2027-03-28 02:30", MomentCode.CLOCK_GAP),
    ],
)
def test_what_is_wrong_with_a_start_has_its_code(text: str, code: MomentCode):
    read = read_moment(written(text), Role.START, BERLIN)
    assert read.value is None and [p.code for p in read.problems] == [code]


def test_a_german_date_gets_the_line_to_write_instead():
    [problem] = read_moment(written("06.05.2027 18.00 Uhr"), Role.START, BERLIN).problems
    assert problem.format_text() == (
        "content/events/e.md:4: start: „06.05.2027 18.00 Uhr“ ist in deutscher Schreibweise. "
        'Schreiben Sie: start: "2027-05-06 18:00" (Erwartet: JJJJ-MM-TT oder "JJJJ-MM-TT HH:MM")'
    )


def test_the_codes_of_kinds_moments_and_times_are_unique_and_spelled_area_dot_what():
    from quartier.content.kinds import KindCode
    from quartier.content.times import SeriesCode, TimeCode

    codes = [code.value for area in (KindCode, MomentCode, TimeCode, SeriesCode) for code in area]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"(kind|moment|time|series)\.[a-z]+(-[a-z]+)*", code) for code in codes), codes


def test_every_role_says_something_of_a_time_alone():
    for role in Role:
        rules = role.rules
        takes_time_alone = Shape.TIME in rules.form.shapes
        assert bool(rules.all_day) == takes_time_alone and bool(rules.undated) != takes_time_alone, role


@pytest.mark.parametrize(
    ("moment", "change"),
    [
        (datetime(2027, 3, 28, 2, 30, tzinfo=BERLIN), ClockChange.GAP),
        (datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN), ClockChange.FOLD),
        (datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=BERLIN), ClockChange.FOLD),
        (datetime(2027, 3, 28, 1, 59, tzinfo=BERLIN), None),
        (datetime(2027, 3, 28, 3, 0, tzinfo=BERLIN), None),
        (datetime(2027, 10, 31, 3, 0, tzinfo=BERLIN), None),
        (datetime(2027, 3, 14, 2, 30, tzinfo=ZoneInfo("America/New_York")), ClockChange.GAP),
        (datetime(2027, 3, 28, 2, 30, tzinfo=ZoneInfo("UTC")), None),
    ],
)
def test_a_clock_change_skips_or_repeats_a_local_time(moment: datetime, change: ClockChange | None):
    assert clock_change(moment) is change


def test_the_clock_change_decides_the_code_of_a_written_time():
    gap = read_moment(written("2027-03-28 02:30"), Role.START, BERLIN)
    fold = read_moment(written("2027-10-31 02:30"), Role.START, BERLIN)
    assert gap.value is None and [p.code for p in gap.problems] == [MomentCode.CLOCK_GAP]
    assert fold.value == datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN)
    assert [(p.code, p.severity) for p in fold.problems] == [(MomentCode.CLOCK_FOLD, "warning")]
