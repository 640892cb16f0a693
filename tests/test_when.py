"""The typed time: what every output asks of an event's time, and the invariants it keeps."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quartier.content.when import AllDay, Timed, when_of

BERLIN = ZoneInfo("Europe/Berlin")


def test_all_day_knows_its_days_and_its_exclusive_end() -> None:
    days = AllDay(date(2027, 3, 10), date(2027, 3, 12))
    assert (days.first_day, days.last_day, days.end_exclusive, days.days) == (
        date(2027, 3, 10),
        date(2027, 3, 12),
        date(2027, 3, 13),
        2,
    )
    assert not days.is_past(date(2027, 3, 12)) and days.is_past(date(2027, 3, 13))
    assert days.on(date(2027, 4, 1)) == AllDay(date(2027, 4, 1), date(2027, 4, 3))


def test_timed_without_end_ends_at_its_start() -> None:
    start = datetime(2027, 5, 6, 18, tzinfo=BERLIN)
    moment = Timed(start)
    assert moment.end_exclusive == start and moment.last_day == date(2027, 5, 6) and moment.days == 0


def test_a_night_ends_on_the_next_day_and_keeps_its_wall_clock_over_a_dst_change() -> None:
    night = Timed(datetime(2027, 3, 27, 22, tzinfo=BERLIN), datetime(2027, 3, 28, 4, tzinfo=BERLIN))
    assert (night.first_day, night.last_day, night.days) == (date(2027, 3, 27), date(2027, 3, 28), 1)
    week_later = night.on(date(2027, 4, 3))
    assert (week_later.start.hour, week_later.end and week_later.end.hour) == (22, 4)


def test_order_puts_all_day_events_before_timed_ones_on_the_same_day() -> None:
    day = date(2027, 5, 6)
    assert AllDay(day, day).order_key() < Timed(datetime(2027, 5, 6, 0, 30, tzinfo=BERLIN)).order_key()


@pytest.mark.parametrize(
    "make",
    [
        lambda: AllDay(date(2027, 3, 12), date(2027, 3, 10)),
        lambda: Timed(datetime(2027, 3, 12, 10, tzinfo=BERLIN), datetime(2027, 3, 12, 10, tzinfo=BERLIN)),
        lambda: Timed(datetime(2027, 3, 12, 10)),
        lambda: AllDay(datetime(2027, 3, 12, 10, tzinfo=BERLIN), date(2027, 3, 12)),
        lambda: when_of(date(2027, 3, 12), datetime(2027, 3, 12, 10, tzinfo=BERLIN)),
    ],
)
def test_impossible_times_cannot_be_made(make) -> None:
    with pytest.raises((ValueError, TypeError)):
        make()


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 1)),
    st.integers(0, 20),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
)
def test_all_day_is_past_exactly_after_its_last_day(first: date, length: int, today: date) -> None:
    days = AllDay(first, first + timedelta(days=length))
    assert days.is_past(today) == (today > days.last_day)
    assert days.end_exclusive - days.start == timedelta(days=length + 1)


def test_a_moved_occurrence_without_an_end_keeps_the_series_length() -> None:
    from quartier.content.when import same_length_from

    evening = Timed(datetime(2027, 1, 5, 16, tzinfo=BERLIN), datetime(2027, 1, 5, 18, tzinfo=BERLIN))
    moved = same_length_from(evening, datetime(2027, 3, 30, 17, tzinfo=BERLIN))  # across the DST change
    assert moved.end == datetime(2027, 3, 30, 19, tzinfo=BERLIN)
    market = AllDay(date(2027, 6, 18), date(2027, 6, 19))
    assert same_length_from(market, date(2027, 7, 2)) == AllDay(date(2027, 7, 2), date(2027, 7, 3))
    with pytest.raises(TypeError):
        same_length_from(market, datetime(2027, 7, 2, 10, tzinfo=BERLIN))
