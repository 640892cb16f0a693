"""What the validator says about ``repeat``: every mistake in German, on its line, with
what was expected; and that checking a series is bounded work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import VENUE, ContentFolder

from quartier.content.kinds import KindCode
from quartier.content.loading import LoadCode
from quartier.content.moments import MomentCode
from quartier.content.times import SeriesCode
from quartier.problems import ProblemCode


def problems(folder: ContentFolder, front_matter: str, **config) -> list[str]:
    folder.event("2027-01-05-reihe", front_matter)
    result = folder.validate(**config)
    return [p.format_text().replace("content/events/2027-01-05-reihe.md:", "") for p in result.problems]


def codes(folder: ContentFolder, front_matter: str, **config) -> list[tuple[int, str, ProblemCode | None]]:
    """What is wrong and where, for machines: the line, the field and the problem's code."""
    folder.event("2027-01-05-reihe", front_matter)
    return [(p.line, p.field, p.code) for p in folder.validate(**config).problems]


def series(repeat: str, start: str = '"2027-01-05 18:00"', end: str = '"20:00"', extra: str = "") -> str:
    return f"title: Reihe\nstart: {start}\nend: {end}\nrepeat:\n{repeat}{extra}" + VENUE


MONTHLY = '  freq: monthly\n  byday: ["1tu"]\n'


def test_a_good_series_has_no_problems(folder: ContentFolder):
    assert problems(folder, series(MONTHLY + "  until: 2027-12-31\n  except: [2027-08-03]\n")) == []


@pytest.mark.parametrize(
    ("repeat", "where"),
    [
        ("  freq: monthy\n", (6, "repeat.freq", KindCode.CHOICE_UNKNOWN)),
        ('  freq: monthly\n  byday: ["1tue"]\n', (7, "repeat.byday", KindCode.WEEKDAY_UNKNOWN)),
        ('  freq: monthly\n  byday: ["6mo"]\n', (7, "repeat.byday", KindCode.WEEKDAY_ORDINAL)),
        ("  freq: weekly\n  byday: [di]\n", (7, "repeat.byday", KindCode.WEEKDAY_UNKNOWN)),
        ("  freq: weekly\n  byday: tu\n", (7, "repeat.byday", KindCode.WRONG_TYPE)),
        ("  freq: monthly\n  bymonthday: [0]\n", (7, "repeat.bymonthday", KindCode.MONTHDAY)),
        ("  freq: weekly\n  interval: 0\n", (7, "repeat.interval", KindCode.INTEGER)),
        ("  freq: weekly\n  count: 1001\n", (7, "repeat.count", KindCode.INTEGER)),
        ("  interval: 2\n", (5, "repeat.freq", KindCode.FIELD_MISSING)),
        ("  freq: weekly\n  every: 2\n", (7, "repeat.every", KindCode.FIELD_UNKNOWN)),
        (MONTHLY + "  until: 2026-12-31\n", (8, "repeat.until", SeriesCode.UNTIL_BEFORE_START)),
        (MONTHLY + "  until: 2027-12-31\n  count: 12\n", (9, "repeat.count", SeriesCode.COUNT_AND_UNTIL)),
        (MONTHLY + "  until: 2027-02-30\n", (8, "repeat.until", MomentCode.NO_SUCH_DATE)),
        ("  freq: daily\n  byday: [mo]\n", (7, "repeat.byday", SeriesCode.BYDAY_FREQ)),
        ("  freq: weekly\n  bymonthday: [5]\n", (7, "repeat.bymonthday", SeriesCode.BYMONTHDAY_FREQ)),
        ('  freq: weekly\n  byday: ["1tu"]\n', (7, "repeat.byday", SeriesCode.WEEKLY_WITH_NUMBER)),
        ("  freq: monthly\n  byday: [tu]\n", (7, "repeat.byday", SeriesCode.MONTHLY_WITHOUT_NUMBER)),
        (
            '  freq: monthly\n  byday: ["1tu"]\n  bymonthday: [5]\n',
            (8, "repeat.bymonthday", SeriesCode.BYDAY_AND_BYMONTHDAY),
        ),
        ('  freq: monthly\n  byday: ["2tu"]\n', (3, "start", SeriesCode.START_NOT_OCCURRENCE)),
        (MONTHLY + "  except: [2027-08-04]\n", (8, "repeat.except", SeriesCode.NO_OCCURRENCE)),
        (MONTHLY + "  except:\n    - 2027-03-02\n    - 2027-08-04\n", (10, "repeat.except", SeriesCode.NO_OCCURRENCE)),
        (MONTHLY + "  until: 2027-06-30\n  except: [2027-07-06]\n", (9, "repeat.except", SeriesCode.NO_OCCURRENCE)),
        (MONTHLY + "  except: [2027-01-04]\n", (8, "repeat.except", SeriesCode.NO_OCCURRENCE)),
        (MONTHLY + "  except: [2027-03-02 18:00]\n", (8, "repeat.except", MomentCode.HAS_TIME)),
        (
            MONTHLY + '  moved:\n    - from: 2027-04-07\n      start: "2027-04-08 18:00"\n',
            (9, "repeat.moved.from", SeriesCode.NO_OCCURRENCE),
        ),
        (
            MONTHLY + '  moved:\n    - from: 2027-04-06\n      start: "2027-04-07 18:00"\n      end: "17:00"\n',
            (11, "repeat.moved.end", SeriesCode.MOVED_END_BEFORE_START),
        ),
        (
            MONTHLY + "  moved:\n    - from: 2027-04-06\n      start: 2027-04-07\n",
            (10, "repeat.moved.start", SeriesCode.MOVED_SHAPE),
        ),
        (MONTHLY + "  moved:\n    - from: 2027-04-06\n", (9, "repeat.moved.start", KindCode.FIELD_MISSING)),
        (MONTHLY + "  moved: [2027-04-06]\n", (8, "repeat.moved", KindCode.WRONG_TYPE)),
        (
            MONTHLY + '  except: [2027-04-06]\n  moved:\n    - from: 2027-04-06\n      start: "2027-04-07 18:00"\n',
            (10, "repeat.moved.from", SeriesCode.MOVED_AND_CANCELLED),
        ),
        (
            MONTHLY
            + '  moved:\n    - from: 2027-04-06\n      start: "2027-04-07 18:00"\n'
            + '    - from: 2027-04-06\n      start: "2027-04-08 18:00"\n',
            (11, "repeat.moved.from", SeriesCode.MOVED_TWICE),
        ),
        (
            MONTHLY + '  moved:\n    - from: 2027-03-02\n      start: "2027-03-28 02:30"\n',
            (10, "repeat.moved.start", MomentCode.CLOCK_GAP),
        ),
    ],
)
def test_mistakes_in_a_series(folder: ContentFolder, repeat: str, where: tuple[int, str, ProblemCode]):
    assert codes(folder, series(repeat)) == [where]


def test_a_time_alone_for_a_moved_start_of_a_timed_series_lacks_its_date(folder: ContentFolder):
    # It was told „Nur eine Uhrzeit … bei einer ganztägigen Veranstaltung“: the wording was
    # chosen by comparing labels, and only "start" itself counted as a start.
    moved = MONTHLY + '  moved:\n    - from: 2027-04-06\n      start: "19:00"\n'
    assert codes(folder, series(moved)) == [(10, "repeat.moved.start", MomentCode.NO_DATE)]
    assert problems(folder, series(moved)) == [
        '10: repeat.moved.start: Verlegter Beginn „19:00“ hat kein Datum (Erwartet: JJJJ-MM-TT oder "JJJJ-MM-TT HH:MM")'
    ]


@pytest.mark.parametrize(
    ("repeat", "where"),
    [
        (MONTHLY + '  until: "19:00"\n', (8, "repeat.until", MomentCode.NO_DATE)),
        (MONTHLY + '  except: ["19:00"]\n', (8, "repeat.except", MomentCode.NO_DATE)),
        (
            MONTHLY + '  moved:\n    - from: "19:00"\n      start: "2027-04-07 18:00"\n',
            (9, "repeat.moved.from", MomentCode.NO_DATE),
        ),
    ],
)
def test_a_time_alone_where_a_day_is_needed_lacks_its_date(folder: ContentFolder, repeat: str, where: tuple):
    assert codes(folder, series(repeat)) == [where]


def test_a_time_alone_as_the_moved_end_of_an_all_day_series(folder: ContentFolder):
    moved = (
        "  freq: monthly\n  bymonthday: [15]\n  moved:\n"
        '    - from: 2027-06-15\n      start: 2027-06-18\n      end: "19:00"\n'
    )
    assert codes(folder, series(moved, start="2027-01-15", end="2027-01-16")) == [
        (11, "repeat.moved.end", MomentCode.TIME_ON_ALL_DAY)
    ]


def test_every_problem_of_a_series_at_once(folder: ContentFolder):
    found = problems(folder, series('  freq: monthly\n  byday: ["1tue", "6mo"]\n  count: 0\n'))
    assert found == [
        (
            "7: repeat.byday: „1tue“: unbekannter Wochentag „tue“ (meinten Sie „1tu“?) "
            "(Erwartet: Liste von Wochentagen: mo, tu, we, th, fr, sa, su; bei "
            "monthly mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag))"
        ),
        (
            "7: repeat.byday: „6mo“: einen 6. Montag gibt es in keinem Monat (Erwartet: Liste von Wochentagen: mo, "
            "tu, we, th, fr, sa, su; bei monthly mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag))"
        ),
        "8: repeat.count: „0“ ist keine ganze Zahl von 1 bis 1000 (Erwartet: eine ganze Zahl von 1 bis 1000)",
    ]


def test_a_cancelled_series_is_allowed(folder: ContentFolder):
    assert problems(folder, series(MONTHLY, extra="status: cancelled\n")) == []


def test_all_day_series(folder: ContentFolder):
    good = (
        "  freq: monthly\n  bymonthday: [15]\n  count: 12\n  moved:\n"
        "    - from: 2027-06-15\n      start: 2027-06-18\n      end: 2027-06-19\n"
    )
    assert problems(folder, series(good, start="2027-01-15", end="2027-01-16")) == []
    bad = (
        "  freq: monthly\n  bymonthday: [15]\n  moved:\n    - from: 2027-06-15\n"
        "      start: 2027-06-18\n      end: 2027-06-17\n"
    )
    assert codes(folder, series(bad, start="2027-01-15", end="2027-01-16")) == [
        (11, "repeat.moved.end", SeriesCode.MOVED_END_BEFORE_START)
    ]


def test_a_time_in_the_spring_gap_on_some_occurrence(folder: ContentFolder):
    found = codes(folder, series("  freq: weekly\n  byday: [su]\n", start='"2027-03-07 02:30"', end='"03:30"'))
    assert found == [(3, "start", SeriesCode.OCCURRENCE_IN_CLOCK_GAP)]


def test_a_time_in_the_repeated_autumn_hour_warns(folder: ContentFolder):
    folder.event(
        "2027-01-05-reihe",
        series("  freq: weekly\n  byday: [su]\n  until: 2027-12-31\n", start='"2027-10-03 02:30"', end='"02:45"'),
    )
    [warning] = folder.validate().problems
    assert (warning.line, warning.field, warning.severity, warning.code) == (
        3,
        "start",
        "warning",
        SeriesCode.OCCURRENCE_IN_CLOCK_FOLD,
    )
    assert "02:30" in warning.message and "2027-10-31" in warning.message  # which time, on which day


def test_a_moved_date_whose_implied_end_falls_in_the_repeated_autumn_hour_warns(folder: ContentFolder):
    """Its end exists (twice): a warning, as for a written time in that hour, not the spring gap's error."""
    moved = '  moved:\n    - from: 2027-10-31\n      start: "2027-10-31 00:30"\n'
    found = codes(folder, series("  freq: weekly\n  byday: [su]\n" + moved, start='"2027-10-03 18:00"'))
    assert found == [(10, "repeat.moved.start", SeriesCode.MOVED_END_IN_CLOCK_FOLD)]
    [warning] = folder.validate().problems
    assert warning.severity == "warning"
    assert folder.validate().site.events[0].repeat is not None


def test_a_moved_date_whose_implied_end_falls_in_the_spring_gap_is_an_error(folder: ContentFolder):
    moved = '  moved:\n    - from: 2027-03-28\n      start: "2027-03-28 00:30"\n'
    found = codes(folder, series("  freq: weekly\n  byday: [su]\n" + moved, start='"2027-03-07 18:00"'))
    assert found == [(10, "repeat.moved.start", SeriesCode.MOVED_END_IN_CLOCK_GAP)]


def test_days_that_some_months_lack_warn(folder: ContentFolder):
    folder.event("2027-01-05-reihe", series("  freq: monthly\n", start='"2027-01-31 18:00"'))
    [warning] = folder.validate().problems
    assert (warning.line, warning.field, warning.severity, warning.code) == (
        6,
        "repeat",
        "warning",
        SeriesCode.DAY_MISSING_IN_SHORT_MONTHS,
    )


def test_more_than_a_thousand_occurrences_in_the_horizon(folder: ContentFolder):
    assert problems(folder, series("  freq: daily\n")) == []  # 365 within the default horizon
    found = codes(folder, series("  freq: daily\n"), repeat_horizon_days=2000)
    assert found == [(5, "repeat", SeriesCode.TOO_MANY)]
    assert problems(folder, series("  freq: daily\n  interval: 2\n"), repeat_horizon_days=2000) == []


def test_checking_long_series_is_bounded_work(folder: ContentFolder, monkeypatch: pytest.MonkeyPatch):
    """A daily series over three centuries, with dates near both ends, is checked at once."""
    from quartier.content import recurrence

    # Work counted in the date steps recurrence.py takes, not in seconds: a busy machine
    # cannot fail it, and walking the 110,000 days would.
    steps = [0]

    def counted(*args: object, **kwargs: object) -> timedelta:
        steps[0] += 1
        return timedelta(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recurrence, "timedelta", counted)
    repeat = "  freq: daily\n  until: 2200-12-30\n  except: [2200-12-29, 1900-01-02]\n"
    assert problems(folder, series(repeat, start='"1900-01-01 18:00"')) == []
    repeat = "  freq: yearly\n  interval: 4\n  except: [2196-02-29]\n"
    assert codes(folder, series(repeat, start='"1904-02-29 18:00"')) == [(6, "repeat", SeriesCode.LEAP_DAY)]
    assert 0 < steps[0] <= 10_000, steps[0]


def test_a_series_ends_with_its_last_occurrence_moved_or_not(folder: ContentFolder):
    """Moved to an earlier day, the last date no longer keeps the series upcoming until the old one."""
    folder.event(
        "2027-01-05-reihe",
        series(MONTHLY + '  count: 3\n  moved:\n    - from: 2027-03-02\n      start: "2027-02-10 18:00"\n'),
    )
    (event,) = folder.validate().site.events
    assert event.last_day == date(2027, 2, 10)
    folder.event(
        "2027-01-05-reihe",
        series(MONTHLY + '  count: 3\n  moved:\n    - from: 2027-02-02\n      start: "2027-04-10 18:00"\n'),
    )
    (event,) = folder.validate().site.events
    assert event.last_day == date(2027, 4, 10)
    folder.event("2027-01-05-reihe", series(MONTHLY + "  count: 3\n  except: [2027-03-02]\n"))
    (event,) = folder.validate().site.events
    assert event.last_day == date(2027, 3, 2)  # a cancelled last date still ends the series on its day


@pytest.mark.parametrize(
    ("repeat", "where"),
    [
        ("  freq: 123456789012345678901234567890\n", (6, "repeat.freq", LoadCode.NUMBER_UNREADABLE)),
        ("  freq: !!binary aGk=\n", (6, "repeat.freq", LoadCode.TAG)),
        (
            "  freq: weekly\n  moved:\n    - from: !!binary aGk=\n      start: 2027-01-12\n",
            (8, "repeat.moved.from", LoadCode.TAG),
        ),
    ],
)
def test_a_value_the_loader_refuses_inside_a_series_is_reported_not_a_crash(
    folder: ContentFolder, repeat: str, where: tuple[int, str, LoadCode]
):
    # The loader reports the value and drops it; the series must not go on without it.
    assert codes(folder, series(repeat)) == [where]
