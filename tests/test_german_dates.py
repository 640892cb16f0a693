from datetime import date, datetime
from zoneinfo import ZoneInfo

from quartier.content.when import when_of
from quartier.text.german_dates import event_when, event_when_short, month_heading

BERLIN = ZoneInfo("Europe/Berlin")


def test_timed_event_on_one_day():
    start = datetime(2022, 9, 14, 10, 0, tzinfo=BERLIN)
    end = datetime(2022, 9, 14, 12, 0, tzinfo=BERLIN)
    assert event_when(when_of(start, end)) == "Mittwoch, 14. September 2022, 10:00–12:00 Uhr"
    assert event_when_short(when_of(start, end)) == "14.09.2022, 10:00–12:00 Uhr"


def test_all_day_single_and_multi_day():
    assert event_when(when_of(date(2020, 1, 28), date(2020, 1, 28))) == "Dienstag, 28. Januar 2020"
    assert (
        event_when(when_of(date(2027, 3, 10), date(2027, 3, 12)))
        == "Mittwoch, 10. März 2027 bis Freitag, 12. März 2027"
    )


def test_timed_over_two_days_and_without_end():
    start = datetime(2027, 5, 6, 18, 0, tzinfo=BERLIN)
    end = datetime(2027, 5, 7, 13, 0, tzinfo=BERLIN)
    assert event_when(when_of(start, end)) == "Donnerstag, 6. Mai 2027, 18:00 Uhr bis Freitag, 7. Mai 2027, 13:00 Uhr"
    assert event_when(when_of(start, None)) == "Donnerstag, 6. Mai 2027, 18:00 Uhr"


def test_month_heading_is_german():
    assert month_heading(2027, 3) == "März 2027"
    assert month_heading(2026, 12) == "Dezember 2026"
