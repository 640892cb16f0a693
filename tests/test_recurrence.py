"""Recurring events (``repeat``): the days of a rule, occurrences, the rule in German,
listings, JSON-LD, the Google link, ``quartier new`` and ``check-changes``.

The days a rule gives are compared with dateutil's rrule (an independent RFC 5545
implementation) for random rules; the fixture series are in tests/fixtures/recurring_site
(their feeds are read by four iCalendar readers in test_recurrence_feeds.py).
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES, VENUE, ContentFolder
from dateutil import rrule as du
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.config import SiteConfig
from quartier.content.history import read_history
from quartier.content.kinds import KindCode
from quartier.content.model import OPEN_END, Event, Occurrence, Series, Weekday
from quartier.content.recurrence import (
    DEFAULT_HORIZON_DAYS,
    MAX_OCCURRENCES,
    horizon_days,
    next_occurrence,
    occurrence_anchor,
    occurrences,
    rule_days,
    upcoming_occurrences,
)
from quartier.content.times import SeriesCode, TimeCode
from quartier.content.validation import validate_site
from quartier.content.when import Timed
from quartier.editor.check_changes import check_changes
from quartier.editor.new_file import NewFileError, create
from quartier.feeds.ical.rrule import rrule_text
from quartier.render.listings import SeriesCard, by_month, split_events
from quartier.render.structured_data import page_json_ld, series_json_ld, to_script_json
from quartier.render.urls import google_calendar_link
from quartier.render.wording import occurrence_note, occurrence_when
from quartier.text.german_rules import rule_text

SITE = FIXTURES / "recurring_site"
TODAY = date(2027, 2, 15)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def site():
    result = validate_site(SiteConfig(root=SITE, site_url="https://quartier.example.org/"))
    # The one series without an end time stays in the fixture on purpose (DTEND = DTSTART).
    assert [(p.path, p.field, p.code, p.severity) for p in result.problems] == [
        ("content/events/2027-01-04-montagsrunde.md", "end", TimeCode.MISSING_END, "warning")
    ]
    return result.site


def event(site, slug: str) -> Event:
    return site.event_by_slug[slug]


# -- the days of a rule, against dateutil ------------------------------------------------

_DU_FREQ = {"daily": du.DAILY, "weekly": du.WEEKLY, "monthly": du.MONTHLY, "yearly": du.YEARLY}
_DU_DAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)


def dateutil_days(series: Series, first: date, since: date, until: date) -> list[date]:
    kwargs: dict = {
        "freq": _DU_FREQ[series.freq],
        "interval": series.interval,
        "wkst": du.MO,
        "dtstart": datetime.combine(first, time()),
        "until": datetime.combine(until, time()),
    }
    if series.byday:
        kwargs["byweekday"] = [
            _DU_DAYS[r.weekday](r.ordinal) if r.ordinal else _DU_DAYS[r.weekday] for r in series.byday
        ]
    if series.bymonthday:
        kwargs["bymonthday"] = list(series.bymonthday)
    return [moment.date() for moment in du.rrule(**kwargs) if moment.date() >= since]


@st.composite
def rules(draw):
    freq = draw(st.sampled_from(["daily", "weekly", "monthly", "yearly"]))
    byday: tuple[Weekday, ...] = ()
    bymonthday: tuple[int, ...] = ()
    if freq == "weekly" and draw(st.booleans()):
        byday = tuple(Weekday(w) for w in sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=4))))
    if freq == "monthly":
        kind = draw(st.sampled_from(["byday", "bymonthday", "start"]))
        if kind == "byday":
            pairs = draw(
                st.sets(
                    st.tuples(st.integers(0, 6), st.sampled_from([1, 2, 3, 4, 5, -1, -2, -5])), min_size=1, max_size=3
                )
            )
            byday = tuple(Weekday(w, n) for w, n in sorted(pairs))
        elif kind == "bymonthday":
            bymonthday = tuple(
                sorted(draw(st.sets(st.sampled_from([1, 2, 14, 15, 28, 29, 30, 31, -1]), min_size=1, max_size=3)))
            )
    interval = draw(st.sampled_from([1, 1, 2, 3, 7]))
    return Series(freq, interval, byday, bymonthday)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    series=rules(),
    first=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    skip=st.integers(0, 3000),
    length=st.integers(0, 800),
)
def test_rule_days_equal_dateutil(series, first, skip, length):
    since = first + timedelta(days=skip)
    until = since + timedelta(days=length)
    ours = list(rule_days(series, first, since, until))
    theirs = dateutil_days(series, first, since, until)
    # Neither counts a start that is no day of the rule (the validator refuses such a start).
    assert ours == theirs, (series, first, since, until)


def _counting_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the date steps recurrence.py takes (each ``timedelta`` it makes): work measured
    in steps, not in seconds, so that a busy machine cannot fail the test."""
    from quartier.content import recurrence as module

    steps = [0]

    def counted(*args: object, **kwargs: object) -> timedelta:
        steps[0] += 1
        return timedelta(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "timedelta", counted)
    return steps


def test_skipping_ahead_is_arithmetic_not_a_walk(monkeypatch: pytest.MonkeyPatch):
    """Bounded work: the days of one week in 2199 of a daily series from 1900 come at once."""
    series = Series("daily")
    steps = _counting_steps(monkeypatch)
    days = list(rule_days(series, date(1900, 1, 1), date(2199, 1, 1), date(2199, 1, 7)))
    # A walk from 1900 would take some 109,000 steps; the skip takes one, then one a day.
    assert len(days) == 7 and steps[0] <= 7 + 2
    assert list(rule_days(series, date(2200, 12, 30), date(2200, 12, 30), date(9999, 1, 1))) == [
        date(2200, 12, 30),
        date(2200, 12, 31),
    ]


# -- occurrences ---------------------------------------------------------------------------


def test_local_time_stays_across_both_dst_changes(site):
    weekly = event(site, "2027-03-03-abendtreff")
    items = occurrences(weekly, date(2027, 3, 1), date(2027, 11, 30))
    assert [i.start.strftime("%H:%M") for i in items] == ["19:00"] * len(items) and len(items) == 37
    by_day = {i.first_day: i for i in items}
    assert by_day[date(2027, 3, 24)].start.astimezone(UTC) == datetime(2027, 3, 24, 18, tzinfo=UTC)  # CET
    assert by_day[date(2027, 3, 31)].start.astimezone(UTC) == datetime(2027, 3, 31, 17, tzinfo=UTC)  # CEST
    assert by_day[date(2027, 10, 27)].start.astimezone(UTC) == datetime(2027, 10, 27, 17, tzinfo=UTC)
    assert by_day[date(2027, 11, 3)].start.astimezone(UTC) == datetime(2027, 11, 3, 18, tzinfo=UTC)
    assert by_day[date(2027, 11, 3)].end == datetime(2027, 11, 3, 21, tzinfo=BERLIN)


def test_cancelled_and_moved_occurrences(site):
    series = event(site, "2027-01-05-stammtisch")
    items = occurrences(series, date(2027, 1, 1), date(2027, 12, 31))
    assert [(i.first_day, i.status) for i in items] == [
        (date(2027, 1, 5), "scheduled"),
        (date(2027, 2, 2), "scheduled"),
        (date(2027, 3, 2), "scheduled"),
        (date(2027, 4, 7), "moved"),
        (date(2027, 5, 4), "scheduled"),
        (date(2027, 6, 1), "scheduled"),
        (date(2027, 7, 6), "scheduled"),
        (date(2027, 8, 3), "cancelled"),
        (date(2027, 9, 7), "scheduled"),
        (date(2027, 10, 5), "scheduled"),
        (date(2027, 11, 2), "scheduled"),
        (date(2027, 12, 7), "scheduled"),
    ]
    moved = items[3]
    assert moved.original == date(2027, 4, 6) and moved.original_start == datetime(2027, 4, 6, 18, tzinfo=BERLIN)
    assert (moved.start, moved.end) == (
        datetime(2027, 4, 7, 18, tzinfo=BERLIN),
        datetime(2027, 4, 7, 20, tzinfo=BERLIN),
    )
    assert moved.url_path == series.url_path == "veranstaltungen/2027-01-05-stammtisch/"
    assert moved.is_occurrence and not series.is_occurrence and series.is_series
    assert occurrence_anchor(moved) == "termin-2027-04-06"
    # A window that holds only the new date finds the moved occurrence, one that holds only the old one does not.
    assert [i.first_day for i in occurrences(series, date(2027, 4, 7), date(2027, 4, 7))] == [date(2027, 4, 7)]
    assert occurrences(series, date(2027, 4, 6), date(2027, 4, 6)) == ()


def test_what_a_page_says_about_each_occurrence(site):
    items = occurrences(event(site, "2027-01-05-stammtisch"), date(2027, 3, 1), date(2027, 8, 31))
    assert [(occurrence_when(i), occurrence_note(i)) for i in items] == [
        ("Dienstag, 2. März 2027, 18:00–20:00 Uhr", ""),
        ("Mittwoch, 7. April 2027, 18:00–20:00 Uhr", "Verlegt vom Dienstag, 6. April 2027"),
        ("Dienstag, 4. Mai 2027, 18:00–20:00 Uhr", ""),
        ("Dienstag, 1. Juni 2027, 18:00–20:00 Uhr", ""),
        ("Dienstag, 6. Juli 2027, 18:00–20:00 Uhr", ""),
        ("Dienstag, 3. August 2027, 18:00–20:00 Uhr", "Entfällt"),
    ]
    (choir,) = occurrences(event(site, "2027-02-10-chorprobe-abgesagt"), date(2027, 2, 17), date(2027, 2, 17))
    assert occurrence_note(choir) == "Abgesagt"
    (market,) = occurrences(event(site, "2027-01-15-markttage"), date(2027, 6, 18), date(2027, 6, 18))
    assert occurrence_when(market) == "Freitag, 18. Juni 2027 bis Samstag, 19. Juni 2027"


def test_all_day_series_with_count_and_a_moved_date(site):
    markets = event(site, "2027-01-15-markttage")
    items = occurrences(markets, date(2027, 1, 1), date(2028, 12, 31))
    assert len(items) == 12  # count: 12 rule dates, the cancelled one among them
    assert items[0].start == date(2027, 1, 15) and items[0].end == date(2027, 1, 16)
    moved = next(i for i in items if i.status == "moved")
    assert (moved.start, moved.end, moved.original) == (date(2027, 6, 18), date(2027, 6, 19), date(2027, 6, 15))
    assert next(i for i in items if i.status == "cancelled").start == date(2027, 5, 15)
    assert markets.last_day == date(2027, 12, 16)
    # The second day of an occurrence is still "today" for it.
    assert occurrences(markets, date(2027, 2, 16), date(2027, 2, 16))[0].start == date(2027, 2, 15)


def test_cancelled_series_has_only_cancelled_occurrences(site):
    choir = event(site, "2027-02-10-chorprobe-abgesagt")
    assert {i.status for i in occurrences(choir, date(2027, 1, 1), date(2027, 12, 31))} == {"cancelled"}


def test_a_series_without_end_is_never_past_and_the_horizon_bounds_it(site, monkeypatch: pytest.MonkeyPatch):
    daily = event(site, "2027-01-01-morgenrunde")
    assert daily.last_day == OPEN_END and daily.is_upcoming(date(2200, 12, 31))
    items = upcoming_occurrences(daily, TODAY, 365)
    assert len(items) == 365 and items[0].first_day == TODAY and items[-1].first_day == TODAY + timedelta(days=364)
    assert len(upcoming_occurrences(daily, TODAY, 100_000)) == MAX_OCCURRENCES  # capped
    steps = _counting_steps(monkeypatch)
    assert len(occurrences(daily, date(2190, 1, 1), date(2200, 12, 31))) == MAX_OCCURRENCES
    # Proportional to the dates given, not to the 60,000 days since the series began.
    assert steps[0] <= 10 * MAX_OCCURRENCES, steps[0]


def test_next_occurrence_beyond_the_horizon(site):
    yearly = event(site, "2027-01-05-neujahrsempfang")
    assert upcoming_occurrences(yearly, TODAY, 30)[0].first_day == date(
        2028, 1, 5
    )  # the next one, though after 30 days
    assert next_occurrence(yearly, date(2031, 1, 6)) is None
    assert next_occurrence(event(site, "2026-09-01-sommerkurs"), TODAY) is None
    assert next_occurrence(event(site, "2027-03-10-fachtag"), TODAY) is None  # not a series


def test_horizon_option_is_read_from_the_config():
    config = SiteConfig(root=Path("."))
    assert horizon_days(config) == DEFAULT_HORIZON_DAYS == 365
    assert horizon_days(replace(config, repeat_horizon_days=90)) == 90
    from quartier.config import config_from_mapping

    assert horizon_days(config_from_mapping(Path("."), {"extra": {"quartier": {"repeat_horizon_days": 90}}})) == 90


# -- the rule in German ---------------------------------------------------------------------


def test_rule_texts(site):
    texts = {e.slug: rule_text(e) for e in site.events}
    assert texts["2027-01-05-stammtisch"] == "jeden ersten Dienstag im Monat, 18:00–20:00 Uhr, bis 31. Dezember 2027"
    assert texts["2027-01-06-gartenrunde"] == "alle zwei Wochen mittwochs, 10:00–12:00 Uhr, bis 30. Juni 2027"
    assert texts["2027-01-29-feierabend"] == "jeden letzten Freitag im Monat, 17:00–19:00 Uhr, bis 30. Juni 2028"
    assert texts["2027-01-01-morgenrunde"] == "täglich, 07:30–08:00 Uhr"
    assert texts["2027-01-05-neujahrsempfang"] == "jedes Jahr am 5. Januar, 11:00–13:00 Uhr, bis 31. Dezember 2031"
    assert texts["2027-01-15-markttage"] == "jeden Monat am 15., jeweils 2 Tage, 12 Termine"
    assert texts["2027-03-22-fruehsport"] == "täglich, 08:00–09:00 Uhr, 10 Termine"
    assert (
        texts["2027-03-02-sprechstunde-new-york"]
        == "jeden Dienstag und Donnerstag, 09:00–10:00 Uhr, bis 30. November 2027"
    )
    assert texts["2027-01-04-montagsrunde"] == "jeden Montag, 09:30 Uhr"
    assert texts["2027-01-20-beirat"] == "jeden Monat am 20., 16:00–18:00 Uhr, bis 31. Dezember 2027"
    assert texts["2027-03-10-fachtag"] == ""


@pytest.mark.parametrize(
    ("repeat", "text"),
    [
        ({"freq": "weekly", "interval": 2, "byday": (Weekday(2),)}, "alle zwei Wochen mittwochs, 18:00 Uhr"),
        ({"freq": "monthly", "byday": (Weekday(4, -1),)}, "jeden letzten Freitag im Monat, 18:00 Uhr"),
        (
            {"freq": "monthly", "byday": (Weekday(1, 1), Weekday(1, 3))},
            "jeden ersten und dritten Dienstag im Monat, 18:00 Uhr",
        ),
        (
            {"freq": "monthly", "interval": 3, "byday": (Weekday(1, 2),)},
            "alle drei Monate am zweiten Dienstag, 18:00 Uhr",
        ),
        ({"freq": "monthly", "bymonthday": (1, 15)}, "jeden Monat am 1. und 15., 18:00 Uhr"),
        ({"freq": "monthly", "bymonthday": (-1,)}, "jeden Monat am letzten Tag, 18:00 Uhr"),
        (
            {"freq": "weekly", "byday": (Weekday(0), Weekday(2), Weekday(4))},
            "jeden Montag, Mittwoch und Freitag, 18:00 Uhr",
        ),
        ({"freq": "daily", "interval": 3}, "alle drei Tage, 18:00 Uhr"),
        ({"freq": "yearly", "interval": 2}, "alle zwei Jahre am 5. Januar, 18:00 Uhr"),
        ({"freq": "daily", "count": 1}, "täglich, 18:00 Uhr, 1 Termin"),
        ({"freq": "weekly", "interval": 14}, "alle 14 Wochen dienstags, 18:00 Uhr"),
    ],
)
def test_rule_text_forms(site, repeat, text):
    base = event(site, "2027-01-05-stammtisch")  # a Tuesday, 5 January, 18:00; here without an end
    assert rule_text(replace(base, when=Timed(base.when.start), repeat=Series(**repeat))) == text


def test_rule_text_of_a_night_and_of_long_occurrences(site):
    base = event(site, "2027-03-03-abendtreff")
    night = replace(base, when=Timed(datetime(2027, 3, 3, 22, tzinfo=BERLIN), datetime(2027, 3, 4, 2, tzinfo=BERLIN)))
    assert rule_text(night).startswith("jeden Mittwoch, 22:00 Uhr bis 02:00 Uhr am Folgetag")


# -- RRULE and the Google link ---------------------------------------------------------------


def test_rrule_texts(site):
    assert rrule_text(event(site, "2027-01-05-stammtisch")) == "FREQ=MONTHLY;UNTIL=20271207T225959Z;BYDAY=1TU"
    assert rrule_text(event(site, "2027-01-06-gartenrunde")) == "FREQ=WEEKLY;UNTIL=20270623T215959Z;INTERVAL=2;BYDAY=WE"
    assert rrule_text(event(site, "2027-01-15-markttage")) == "FREQ=MONTHLY;COUNT=12;BYMONTHDAY=15"
    assert (
        rrule_text(event(site, "2027-03-02-sprechstunde-new-york")) == "FREQ=WEEKLY;UNTIL=20271201T045959Z;BYDAY=TU,TH"
    )
    assert rrule_text(event(site, "2027-01-01-morgenrunde")) == "FREQ=DAILY"
    # Days RFC 5545 would take from DTSTART are written out (dakboard#1339 showed only the first instance).
    assert rrule_text(event(site, "2027-01-04-montagsrunde")) == "FREQ=WEEKLY;BYDAY=MO"
    assert (
        rrule_text(replace(event(site, "2027-01-05-stammtisch"), repeat=Series("monthly", count=3)))
        == "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=5"
    )


def test_google_link_carries_the_rule_in_the_event_zone(site):
    series = event(site, "2027-01-05-stammtisch")
    link = google_calendar_link(series, "Stammtisch", "Details & mehr", "Kiezkneipe, Berlin")
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://calendar.google.com/calendar/render?")
    assert query["recur"] == ["RRULE:FREQ=MONTHLY;UNTIL=20271207T225959Z;BYDAY=1TU"]
    assert query["dates"] == ["20270105T180000/20270105T200000"] and query["ctz"] == ["Europe/Berlin"]
    assert query["text"] == ["Stammtisch"] and query["details"] == ["Details & mehr"]
    markets = parse_qs(urlsplit(google_calendar_link(event(site, "2027-01-15-markttage"), "M", "", "")).query)
    assert markets["dates"] == ["20270115/20270117"] and "ctz" not in markets


# -- listings ----------------------------------------------------------------------------


def test_upcoming_listing_holds_each_series_once_at_its_next_date(site):
    """A listing shows a series as one card; every date is in the month view (test_months.py)."""
    split = split_events(site.events, TODAY)
    upcoming = split.upcoming
    dates = [item.next if isinstance(item, SeriesCard) else item for item in upcoming]
    starts = [
        (i.first_day, 0 if i.all_day else 1, i.start.timestamp() if isinstance(i.start, datetime) else 0) for i in dates
    ]
    assert starts == sorted(starts)
    # Each upcoming series exactly once, each linked to its page.
    cards = [i for i in upcoming if isinstance(i, SeriesCard)]
    running = [e.slug for e in site.events if e.repeat is not None and e.is_upcoming(TODAY)]
    assert (
        sorted(c.event.slug for c in cards) == sorted(running) and len(running) == 13
    )  # the night café (2027-03-06) included
    assert len({i.url_path for i in upcoming}) == len(upcoming)
    stammtisch = next(c for c in cards if c.event.slug == "2027-01-05-stammtisch")
    assert isinstance(stammtisch.next, Occurrence) and stammtisch.next.first_day == date(2027, 3, 2)
    assert stammtisch.url_path == "veranstaltungen/2027-01-05-stammtisch/" and stammtisch.first_day == date(2027, 3, 2)
    assert stammtisch.rule == rule_text(event(site, "2027-01-05-stammtisch")) and stammtisch.notice is None
    plain = [i for i in upcoming if not isinstance(i, SeriesCard)]
    assert [e.slug for e in plain] == ["2027-03-10-fachtag"]
    # The markets started yesterday and last two days: still upcoming today.
    assert next(c for c in cards if c.event.slug == "2027-01-15-markttage").first_day == date(2027, 2, 15)
    # A cancelled series shows its next date once, as cancelled.
    choir = next(c for c in cards if c.event.slug == "2027-02-10-chorprobe-abgesagt")
    assert (choir.first_day, choir.status, choir.next.status, choir.notice) == (
        date(2027, 2, 17),
        "cancelled",
        "cancelled",
        None,
    )
    assert next(c for c in cards if c.event.slug == "2027-01-01-morgenrunde").first_day == TODAY
    assert [e.slug for e in split.past] == ["2026-09-01-sommerkurs"]  # the series as one item, once over
    # By next date: the yearly reception (5 January) is under January 2028.
    assert [key for key, _ in by_month(upcoming)] == [(2027, 2), (2027, 3), (2028, 1)]
    assert next(c for c in cards if c.event.slug == "2027-01-05-neujahrsempfang").first_day == date(2028, 1, 5)


@pytest.mark.parametrize(
    ("today", "slug", "next_day", "notice"),
    [
        # The next date is the one that takes place; the cancelled one before it is the notice.
        ("2027-07-10", "2027-01-05-stammtisch", "2027-09-07", ("cancelled", "2027-08-03", "2027-08-03")),
        ("2027-05-01", "2027-01-15-markttage", "2027-06-18", ("cancelled", "2027-05-15", "2027-05-15")),
        # A moved next date carries its own note: no notice repeats it.
        ("2027-06-01", "2027-01-15-markttage", "2027-06-18", None),
        ("2027-03-10", "2027-01-05-stammtisch", "2027-04-07", None),
        # A change more than 30 days ahead is not named yet.
        ("2027-03-01", "2027-01-05-stammtisch", "2027-03-02", None),
        ("2027-06-20", "2027-01-05-stammtisch", "2027-07-06", None),
    ],
)
def test_a_series_card_names_its_next_change_within_30_days(site, today, slug, next_day, notice):
    card = next(
        i for i in split_events(site.events, date.fromisoformat(today)).upcoming if i.url_path.endswith(slug + "/")
    )
    assert isinstance(card, SeriesCard) and card.next.first_day == date.fromisoformat(next_day)
    assert card.next.status != "cancelled"
    found = (
        (card.notice.status, card.notice.original.isoformat(), card.notice.first_day.isoformat())
        if card.notice
        else None
    )
    assert found == notice


def test_listing_without_series_is_unchanged(site):
    plain = tuple(e for e in site.events if e.repeat is None)
    split = split_events(plain, TODAY)
    assert split.upcoming == tuple(e for e in plain if e.is_upcoming(TODAY)) and all(
        isinstance(e, Event) for e in split.upcoming
    )


def test_a_finished_series_is_past_after_its_last_occurrence(site):
    sport = event(site, "2027-03-22-fruehsport")
    assert sport.last_day == date(2027, 3, 31)
    assert sport in split_events(site.events, date(2027, 4, 1)).past
    assert [i.first_day for i in split_events((sport,), date(2027, 3, 31)).upcoming] == [date(2027, 3, 31)]
    assert all(isinstance(i, SeriesCard) for i in split_events((sport,), date(2027, 3, 31)).upcoming)


# -- JSON-LD ------------------------------------------------------------------------------


def test_json_ld_has_one_event_per_upcoming_occurrence(site):
    config = SiteConfig(root=SITE, site_url="https://quartier.example.org/")
    series = event(site, "2027-01-05-stammtisch")
    data = series_json_ld(series, site, config, TODAY)
    assert [d["startDate"] for d in data] == [
        "2027-03-02T18:00:00+01:00",
        "2027-04-07T18:00:00+02:00",
        "2027-05-04T18:00:00+02:00",
        "2027-06-01T18:00:00+02:00",
        "2027-07-06T18:00:00+02:00",
        "2027-08-03T18:00:00+02:00",
        "2027-09-07T18:00:00+02:00",
        "2027-10-05T18:00:00+02:00",
        "2027-11-02T18:00:00+01:00",
        "2027-12-07T18:00:00+01:00",
    ]
    moved, cancelled = data[1], data[5]
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2027-04-06T18:00:00+02:00"
    assert moved["url"] == "https://quartier.example.org/veranstaltungen/2027-01-05-stammtisch/#termin-2027-04-06"
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert all(
        d["@type"] == "Event" and d["name"] == series.title and d["location"]["name"] == "Kiezkneipe" for d in data
    )
    assert len({d["url"] for d in data}) == len(data)
    assert to_script_json(page_json_ld(series, site, config, TODAY)).startswith('[{"@context":"https://schema.org"')
    assert isinstance(page_json_ld(event(site, "2027-03-10-fachtag"), site, config, TODAY), dict)
    assert len(series_json_ld(event(site, "2027-01-01-morgenrunde"), site, config, TODAY)) == 50
    past = series_json_ld(event(site, "2026-09-01-sommerkurs"), site, config, TODAY)
    assert [d["startDate"] for d in past] == ["2026-09-22T18:00:00+02:00"]  # over: its last occurrence


# -- quartier new ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "rule"),
    [
        ("monthly:1tu", "jeden ersten Dienstag im Monat, 18:00–20:00 Uhr"),
        ("weekly/2:tu:until=2027-12-31", "alle zwei Wochen dienstags, 18:00–20:00 Uhr, bis 31. Dezember 2027"),
        ("monthly:5:count=12", "jeden Monat am 5., 18:00–20:00 Uhr, 12 Termine"),
        ("weekly:tu,th", "jeden Dienstag und Donnerstag, 18:00–20:00 Uhr"),
    ],
)
def test_new_event_can_start_a_series(folder: ContentFolder, option, rule):
    created = create(
        "event",
        {"title": "Stammtisch", "start": "2027-01-05 18:00", "end": "20:00", "city": "Essen", "repeat": option},
        folder.config(),
    )
    assert "\nrepeat:\n  freq: " in created.text and "  # except: [2027-08-03]" in created.text
    created.path.write_text(created.text.replace("Platzhalter: Hier steht", "Hier steht"), encoding="utf-8")
    result = folder.validate()
    assert result.site is not None, [p.format_text() for p in result.problems]
    (series,) = result.site.events
    assert rule_text(series) == rule


def test_new_event_refuses_a_rule_that_does_not_fit(folder: ContentFolder):
    with pytest.raises(NewFileError) as raised:
        create("event", {"title": "Stammtisch", "start": "2027-01-06 18:00", "repeat": "monthly:1tu"}, folder.config())
    assert [(p.field, p.code) for p in raised.value.problems] == [("start", SeriesCode.START_NOT_OCCURRENCE)]
    assert "z. B. 2027-02-02" in str(raised.value)  # the first day of the series, suggested
    # The option itself is read by `quartier new`, before any validator: no problem, no code.
    with pytest.raises(NewFileError, match="keine Wiederholung"):
        create("event", {"title": "Stammtisch", "start": "2027-01-05 18:00", "repeat": "monatlich"}, folder.config())
    with pytest.raises(NewFileError) as raised:
        create("event", {"title": "Stammtisch", "start": "2027-01-05 18:00", "repeat": "weekly:tue"}, folder.config())
    assert [(p.field, p.code) for p in raised.value.problems] == [("repeat.byday", KindCode.WEEKDAY_UNKNOWN)]
    assert "„tue“" in str(raised.value)
    assert not (folder.root / "content/events").exists()  # nothing was written


# -- check-changes and SEQUENCE ----------------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


SERIES = (
    'title: Stammtisch\nstart: "2027-01-05 18:00"\nend: "20:00"\n'
    'repeat:\n  freq: monthly\n  byday: ["1tu"]\n  until: 2027-12-31\n' + VENUE
)


@pytest.fixture
def repo(folder: ContentFolder) -> ContentFolder:
    git(folder.root, "init", "-q", "-b", "main")
    git(folder.root, "config", "user.email", "test@example.org")
    git(folder.root, "config", "user.name", "Test")
    folder.event("2027-01-05-stammtisch", SERIES)
    folder.event("2027-02-01-werkstatt", 'title: Werkstatt\nstart: "2027-02-01 10:00"\n' + VENUE)
    git(folder.root, "add", "-A")
    git(folder.root, "commit", "-q", "-m", "base")
    return folder


def messages(repo: ContentFolder) -> list[str]:
    return [c.message for c in check_changes(repo.config(), "main", TODAY)]


def test_check_changes_reports_rule_cancellations_and_moves(repo: ContentFolder):
    changed = SERIES.replace('byday: ["1tu"]', 'byday: ["2tu"]').replace(
        'start: "2027-01-05 18:00"', 'start: "2027-01-12 18:00"'
    )
    repo.event(
        "2027-01-05-stammtisch",
        changed.replace(
            "  until: 2027-12-31\n",
            (
                "  until: 2027-12-31\n  except: [2027-08-10]\n  moved:\n"
                '    - from: 2027-04-13\n      start: "2027-04-14 18:00"\n'
            ),
        ),
    )
    found = messages(repo)
    assert (
        "Regel geändert: „Stammtisch“ bisher jeden ersten Dienstag im Monat, 18:00–20:00 Uhr, bis 31. Dezember 2027, "
        "jetzt jeden zweiten Dienstag im Monat, 18:00–20:00 Uhr, bis 31. Dezember 2027" in found
    )
    assert "Termin abgesagt: „Stammtisch“ am Dienstag, 10. August 2027" in found
    assert (
        "Termin verlegt: „Stammtisch“ vom Dienstag, 13. April 2027 auf Mittwoch, 14. April 2027, 18:00–20:00 Uhr"
        in found
    )
    assert any(m.startswith("Verschoben: 2027-01-05 18:00–20:00 → 2027-01-12") for m in found)


def test_check_changes_reports_withdrawn_changes_and_new_series(repo: ContentFolder):
    repo.event(
        "2027-01-05-stammtisch",
        SERIES.replace("  until: 2027-12-31\n", "  until: 2027-12-31\n  except: [2027-03-02]\n"),
    )
    git(repo.root, "commit", "-qam", "absage")
    repo.event("2027-01-05-stammtisch", SERIES)
    repo.event("2027-02-01-werkstatt", 'title: Werkstatt\nstart: "2027-02-01 10:00"\nrepeat:\n  freq: weekly\n' + VENUE)
    found = messages(repo)
    assert "Absage zurückgenommen: „Stammtisch“ findet am Dienstag, 2. März 2027 wieder statt" in found
    assert "Wird zur Reihe: „Werkstatt“, jeden Montag, 10:00 Uhr" in found


def test_a_new_cancellation_raises_the_sequence(repo: ContentFolder):
    config = repo.config()
    before = read_history(config, validate_site(config).site)
    repo.event(
        "2027-01-05-stammtisch",
        SERIES.replace("  until: 2027-12-31\n", "  until: 2027-12-31\n  except: [2027-03-02]\n"),
    )
    after = read_history(config, validate_site(config).site)
    uid = "2027-01-05-stammtisch@quartier.example.org"
    assert (before.revisions[uid].sequence, after.revisions[uid].sequence) == (0, 1)
