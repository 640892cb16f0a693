"""What the validator says about ``repeat``: every mistake in German, on its line, with
what was expected; and that checking a series is bounded work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import VENUE, ContentFolder


def problems(folder: ContentFolder, front_matter: str, **config) -> list[str]:
    folder.event("2027-01-05-reihe", front_matter)
    result = folder.validate(**config)
    return [p.format_text().replace("content/events/2027-01-05-reihe.md:", "") for p in result.problems]


def series(repeat: str, start: str = '"2027-01-05 18:00"', end: str = '"20:00"', extra: str = "") -> str:
    return f"title: Reihe\nstart: {start}\nend: {end}\nrepeat:\n{repeat}{extra}" + VENUE


MONTHLY = '  freq: monthly\n  byday: ["1tu"]\n'


def test_a_good_series_has_no_problems(folder: ContentFolder):
    assert problems(folder, series(MONTHLY + "  until: 2027-12-31\n  except: [2027-08-03]\n")) == []


@pytest.mark.parametrize(
    ("repeat", "expected"),
    [
        (
            "  freq: monthy\n",
            (
                "6: repeat.freq: Unbekannter Wert „monthy“ (meinten Sie "
                "„monthly“?) (Erwartet: einer von: daily, weekly, monthly, yearly)"
            ),
        ),
        (
            '  freq: monthly\n  byday: ["1tue"]\n',
            (
                "7: repeat.byday: „1tue“: unbekannter Wochentag „tue“ (meinten Sie „1tu“?) "
                "(Erwartet: Liste von Wochentagen: mo, tu, we, th, fr, sa, su; bei "
                "monthly mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag))"
            ),
        ),
        (
            '  freq: monthly\n  byday: ["6mo"]\n',
            (
                "7: repeat.byday: „6mo“: einen 6. Montag gibt es in keinem Monat "
                "(Erwartet: Liste von Wochentagen: mo, tu, we, th, fr, sa, su; bei "
                "monthly mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag))"
            ),
        ),
        (
            "  freq: weekly\n  byday: [di]\n",
            (
                "7: repeat.byday: „di“: unbekannter Wochentag „di“ (meinten Sie „tu“?) "
                "(Erwartet: Liste von Wochentagen: mo, tu, we, th, fr, sa, su; bei "
                "monthly mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag))"
            ),
        ),
        (
            "  freq: weekly\n  byday: tu\n",
            (
                "7: repeat.byday: Wert ist ein Text (eine Liste braucht [a, b]) (Erwartet: Liste von Wochentagen: mo, "
                "tu, we, th, fr, sa, su; bei monthly mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag))"
            ),
        ),
        (
            "  freq: monthly\n  bymonthday: [0]\n",
            (
                "7: repeat.bymonthday: „0“ ist kein Tag im Monat (Erwartet: "
                "Liste von Tagen im Monat: 1 bis 31, -1 für den letzten)"
            ),
        ),
        (
            "  freq: weekly\n  interval: 0\n",
            "7: repeat.interval: „0“ ist keine ganze Zahl von 1 bis 99 (Erwartet: eine ganze Zahl von 1 bis 99)",
        ),
        (
            "  freq: weekly\n  count: 1001\n",
            "7: repeat.count: „1001“ ist keine ganze Zahl von 1 bis 1000 (Erwartet: eine ganze Zahl von 1 bis 1000)",
        ),
        ("  interval: 2\n", "5: repeat.freq: Pflichtfeld fehlt (Erwartet: einer von: daily, weekly, monthly, yearly)"),
        (
            "  freq: weekly\n  every: 2\n",
            (
                "7: repeat.every: Unbekanntes Feld (Erwartet: eines von: freq, "
                "interval, byday, bymonthday, until, count, except, moved)"
            ),
        ),
        (
            MONTHLY + "  until: 2026-12-31\n",
            (
                "8: repeat.until: Letzter Tag 2026-12-31 liegt vor dem "
                "Beginn 2027-01-05 (Erwartet: ein Datum ab 2027-01-05)"
            ),
        ),
        (
            MONTHLY + "  until: 2027-12-31\n  count: 12\n",
            (
                "9: repeat.count: count und until zusammen (Erwartet: nur eines "
                "von beiden: until (letzter Tag) oder count (Anzahl der Termine))"
            ),
        ),
        (
            MONTHLY + "  until: 2027-02-30\n",
            "8: repeat.until: Das Datum 2027-02-30 gibt es nicht (Erwartet: ein Datum im Kalender, JJJJ-MM-TT)",
        ),
        (
            "  freq: daily\n  byday: [mo]\n",
            "7: repeat.byday: Wochentage passen nicht zu freq: daily (Erwartet: byday nur bei weekly oder monthly)",
        ),
        (
            "  freq: weekly\n  bymonthday: [5]\n",
            "7: repeat.bymonthday: Tage im Monat passen nicht zu freq: weekly (Erwartet: bymonthday nur bei monthly)",
        ),
        (
            '  freq: weekly\n  byday: ["1tu"]\n',
            "7: repeat.byday: „1tu“: bei weekly gilt jeder Wochentag ohne Nummer (Erwartet: [tu])",
        ),
        (
            "  freq: monthly\n  byday: [tu]\n",
            (
                "7: repeat.byday: „tu“: bei monthly braucht der Wochentag eine Nummer "
                '(Erwartet: z. B. ["1tu"] für den ersten, ["-1tu"] für den letzten im Monat)'
            ),
        ),
        (
            '  freq: monthly\n  byday: ["1tu"]\n  bymonthday: [5]\n',
            "8: repeat.bymonthday: byday und bymonthday zusammen (Erwartet: nur eines von beiden)",
        ),
        (
            '  freq: monthly\n  byday: ["2tu"]\n',
            (
                "3: start: Beginn 2027-01-05 (Dienstag) ist kein Termin der Reihe „jeden zweiten Dienstag im "
                "Monat, 18:00–20:00 Uhr“ (Erwartet: den ersten Termin der Reihe als start, z. B. 2027-01-12)"
            ),
        ),
        (
            MONTHLY + "  except: [2027-08-04]\n",
            (
                "8: repeat.except: Kein Termin der Reihe am 2027-08-04 (Mittwoch) "
                "(Erwartet: ein Datum der Reihe, z. B. 2027-08-03 oder 2027-09-07)"
            ),
        ),
        (
            MONTHLY + "  except:\n    - 2027-03-02\n    - 2027-08-04\n",
            (
                "10: repeat.except: Kein Termin der Reihe am 2027-08-04 (Mittwoch) "
                "(Erwartet: ein Datum der Reihe, z. B. 2027-08-03 oder 2027-09-07)"
            ),
        ),
        (
            MONTHLY + "  until: 2027-06-30\n  except: [2027-07-06]\n",
            (
                "9: repeat.except: Kein Termin der Reihe am 2027-07-06 (Dienstag): der letzte "
                "Termin ist am 2027-06-01 (Erwartet: ein Datum der Reihe, z. B. 2027-06-01)"
            ),
        ),
        (
            MONTHLY + "  except: [2027-01-04]\n",
            (
                "8: repeat.except: Kein Termin der Reihe am 2027-01-04 (Montag): die Reihe "
                "beginnt erst am 2027-01-05 (Erwartet: ein Datum der Reihe, z. B. 2027-01-05)"
            ),
        ),
        (
            MONTHLY + "  except: [2027-03-02 18:00]\n",
            "8: repeat.except: „2027-03-02 18:00“ hat eine Uhrzeit (Erwartet: nur das Datum des Termins, JJJJ-MM-TT)",
        ),
        (
            MONTHLY + '  moved:\n    - from: 2027-04-07\n      start: "2027-04-08 18:00"\n',
            (
                "9: repeat.moved.from: Kein Termin der Reihe am 2027-04-07 (Mittwoch) "
                "(Erwartet: ein Datum der Reihe, z. B. 2027-04-06 oder 2027-05-04)"
            ),
        ),
        (
            MONTHLY + '  moved:\n    - from: 2027-04-06\n      start: "2027-04-07 18:00"\n      end: "17:00"\n',
            (
                "11: repeat.moved.end: Verlegter Termin endet (2027-04-07 17:00) vor "
                "seinem Beginn (2027-04-07 18:00) (Erwartet: ein Ende nach dem neuen Beginn)"
            ),
        ),
        (
            MONTHLY + "  moved:\n    - from: 2027-04-06\n      start: 2027-04-07\n",
            (
                "10: repeat.moved.start: Verlegter Termin passt nicht zur Reihe (ganztägig und "
                'mit Uhrzeit gemischt) (Erwartet: "JJJJ-MM-TT HH:MM" (die Reihe hat Uhrzeiten))'
            ),
        ),
        (
            MONTHLY + "  moved:\n    - from: 2027-04-06\n",
            '9: repeat.moved.start: Pflichtfeld fehlt (Erwartet: JJJJ-MM-TT oder "JJJJ-MM-TT HH:MM")',
        ),
        (
            MONTHLY + "  moved: [2027-04-06]\n",
            "8: repeat.moved: Eintrag ist ein Datum (Erwartet: from, start und end je Eintrag („- from: …“))",
        ),
        (
            MONTHLY + '  except: [2027-04-06]\n  moved:\n    - from: 2027-04-06\n      start: "2027-04-07 18:00"\n',
            (
                "10: repeat.moved.from: Der Termin am 2027-04-06 ist schon "
                "abgesagt (except) (Erwartet: ihn entweder absagen oder verlegen)"
            ),
        ),
        (
            MONTHLY
            + (
                '  moved:\n    - from: 2027-04-06\n      start: "2027-04-07 18:00"\n'
                '    - from: 2027-04-06\n      start: "2027-04-08 18:00"\n'
            ),
            "11: repeat.moved.from: Der Termin am 2027-04-06 ist zweimal verlegt (Erwartet: je Termin ein Eintrag)",
        ),
        (
            MONTHLY + '  moved:\n    - from: 2027-03-02\n      start: "2027-03-28 02:30"\n',
            (
                "10: repeat.moved.start: Die Uhrzeit 2027-03-28 02:30 gibt es in Europe/Berlin nicht "
                "(Umstellung auf Sommerzeit) (Erwartet: eine Uhrzeit vor oder nach der Zeitumstellung)"
            ),
        ),
    ],
)
def test_mistakes_in_a_series(folder: ContentFolder, repeat: str, expected: str):
    assert problems(folder, series(repeat)) == [expected]


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
    assert problems(folder, series(bad, start="2027-01-15", end="2027-01-16")) == [
        (
            "11: repeat.moved.end: Verlegter Termin endet (2027-06-17) vor "
            "seinem Beginn (2027-06-18) (Erwartet: ein Ende nach dem neuen Beginn)"
        ),
    ]


def test_a_time_in_the_spring_gap_on_some_occurrence(folder: ContentFolder):
    found = problems(folder, series("  freq: weekly\n  byday: [su]\n", start='"2027-03-07 02:30"', end='"03:30"'))
    assert found == [
        "3: start: Die Uhrzeit 02:30 gibt es am 2027-03-28 in Europe/Berlin "
        "nicht (Umstellung auf Sommerzeit): ein Termin der Reihe fiele hinein "
        "(Erwartet: eine Uhrzeit vor oder nach der Zeitumstellung)",
    ]


def test_a_time_in_the_repeated_autumn_hour_warns(folder: ContentFolder):
    found = problems(
        folder,
        series("  freq: weekly\n  byday: [su]\n  until: 2027-12-31\n", start='"2027-10-03 02:30"', end='"02:45"'),
    )
    assert found == [
        "Warnung: 3: start: Die Uhrzeit 02:30 gibt es am 2027-10-31 "
        "in Europe/Berlin zweimal (Umstellung auf Winterzeit); "
        "verwendet wird die erste (Sommerzeit) (Erwartet: eine eindeutige Uhrzeit)",
    ]


def test_days_that_some_months_lack_warn(folder: ContentFolder):
    assert problems(folder, series("  freq: monthly\n", start='"2027-01-31 18:00"')) == [
        "Warnung: 6: repeat: Den 31. gibt es nicht in jedem Monat: in kürzeren Monaten fällt der Termin aus "
        "(Erwartet: bymonthday: [-1] für den letzten Tag jedes Monats, wenn das gemeint ist)",
    ]


def test_more_than_a_thousand_occurrences_in_the_horizon(folder: ContentFolder):
    assert problems(folder, series("  freq: daily\n")) == []  # 365 within the default horizon
    found = problems(folder, series("  freq: daily\n"), repeat_horizon_days=2000)
    assert found == [
        "5: repeat: Mehr als 1.000 Termine innerhalb von 2.000 Tagen "
        "(Erwartet: höchstens 1.000 Termine in diesem Zeitraum (größeres interval, until oder count))",
    ]
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
    assert problems(folder, series(repeat, start='"1904-02-29 18:00"')) == [
        "Warnung: 6: repeat: Den 29. Februar gibt es nur in Schaltjahren: in den anderen Jahren fällt der Termin aus",
    ]
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
    ("repeat", "expected"),
    [
        ("  freq: 123456789012345678901234567890\n", "6: repeat.freq: Zahl ist zu groß oder nicht lesbar"),
        ("  freq: !!binary aGk=\n", "6: repeat.freq: YAML-Tag !!binary ist nicht erlaubt"),
        (
            "  freq: weekly\n  moved:\n    - from: !!binary aGk=\n      start: 2027-01-12\n",
            "8: repeat.moved.from: YAML-Tag !!binary ist nicht erlaubt",
        ),
    ],
)
def test_a_value_the_loader_refuses_inside_a_series_is_reported_not_a_crash(
    folder: ContentFolder, repeat: str, expected: str
):
    # The loader reports the value and drops it; the series must not go on without it.
    found = problems(folder, series(repeat))
    assert len(found) == 1 and found[0].startswith(expected), found
