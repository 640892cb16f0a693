"""Reading a date or a local time as an editor wrote it: ``2027-05-06``, ``"2027-05-06 18:00"``, ``"20:00"``.

Pure functions: each returns the moment (or ``None``) with the problems it found, so
that the field kinds and the checks of an event's times share one reading and one
wording. A time that exists twice (the autumn change) is a moment *and* a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Generic, Never, TypeVar
from zoneinfo import ZoneInfo

from quartier.bounds import FIRST_YEAR, LAST_YEAR
from quartier.problems import Problem, Severity

T = TypeVar("T", covariant=True)

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(00))?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?$")
"""``14.09.2027``, ``14.9.2027 17:00``, ``14.09.2027, 17.00 Uhr``: German dates are refused
with the exact text to write instead (see ``german_date``)."""

START_EXPECTED = 'JJJJ-MM-TT oder "JJJJ-MM-TT HH:MM"'
END_EXPECTED = 'JJJJ-MM-TT, "JJJJ-MM-TT HH:MM" oder "HH:MM"'


@dataclass(frozen=True)
class Converted(Generic[T]):
    """A value read from content, and what was wrong with it (warnings may come with a value)."""

    value: T | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Spot:
    """Where a value was written: the file, its line and the field as the editor wrote it."""

    path: str
    line: int
    label: str

    def problem(self, message: str, expected: str = "", severity: Severity = Severity.ERROR) -> Problem:
        return Problem(self.path, self.line, self.label, message, expected, severity)

    def fail(self, message: str, expected: str = "") -> Converted[Never]:
        return Converted(None, (self.problem(message, expected),))


def parse_moment(
    spot: Spot, text: str, zone: ZoneInfo, allow_time_only: bool, day: date | None = None, item: bool = False
) -> Converted[date | datetime]:
    """A date, a local date and time in ``zone``, or (with ``allow_time_only``) a time on ``day``.

    ``item``: the text is an entry of a list (``except``), so a replacement is the value alone.
    """
    match = _DATE.match(text)
    if match:
        return make_date(spot, *map(int, match.groups()))
    match = _DATETIME.match(text)
    if match:
        y, m, d, hh, mm = (int(g) for g in match.groups()[:5])
        day_value = make_date(spot, y, m, d)
        if day_value.value is None:
            return day_value
        return make_local(spot, day_value.value, hh, mm, zone)
    match = _TIME.match(text)
    if match and allow_time_only and day is not None:
        return make_local(spot, day, int(match.group(1)), int(match.group(2)), zone)
    expected = END_EXPECTED if spot.label == "end" else START_EXPECTED
    if _GERMAN.match(text):
        return german_date(spot, text, expected, item)
    if match and spot.label == "start":
        return spot.fail(f"Beginn „{text}“ hat kein Datum", expected)
    if match:
        return spot.fail(
            f"Nur eine Uhrzeit „{text}“ bei einer ganztägigen Veranstaltung", "den letzten Tag als JJJJ-MM-TT"
        )
    return spot.fail(f"„{text}“ ist kein gültiges Datum", expected)


def from_german(text: str) -> tuple[str, str] | None:
    """``14.09.2027 17:00`` → (``2027-09-14 17:00``, ''); a German date that cannot exist →
    ('', why, in German); ``None`` when ``text`` is no German date at all."""
    match = _GERMAN.match(text.strip())
    if match is None:
        return None
    d, m, y = (int(g) for g in match.groups()[:3])
    try:
        value = date(y, m, d).isoformat()
    except ValueError:
        return "", f"Das Datum „{text}“ gibt es nicht"
    if match.group(4) is not None:
        hh, mm = int(match.group(4)), int(match.group(5))
        if hh > 23 or mm > 59:
            return "", f"Die Uhrzeit in „{text}“ gibt es nicht"
        value += f" {hh:02d}:{mm:02d}"
    return value, ""


def german_date(spot: Spot, text: str, expected: str, item: bool) -> Converted[Never]:
    """A German date is refused, with the line to write instead.

    Files keep one spelling, the ISO one: it sorts as text (the form's list, file names,
    ``ls``), every tool reads it (YAML language servers with the JSON Schema, Decap's
    filters, calendars), and the form and ``quartier new`` take German input and write it.
    The editor gets the replacement to copy, not a format to work out.
    """
    read = from_german(text)
    assert read is not None
    value, problem = read
    if problem:
        return spot.fail(problem, "ein Datum im Kalender, JJJJ-MM-TT, und eine Uhrzeit von 00:00 bis 23:59")
    shown = f'"{value}"' if " " in value else value
    replacement = shown if item else f"{spot.label.rsplit('.', 1)[-1]}: {shown}"
    return spot.fail(f"„{text}“ ist in deutscher Schreibweise. Schreiben Sie: {replacement}", expected)


def make_date(spot: Spot, y: int, m: int, d: int) -> Converted[date]:
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return spot.fail(f"Das Jahr {y} liegt außerhalb von {FIRST_YEAR} bis {LAST_YEAR}", "ein Datum wie 2027-05-06")
    try:
        return Converted(date(y, m, d))
    except ValueError:
        return spot.fail(f"Das Datum {y:04d}-{m:02d}-{d:02d} gibt es nicht", "ein Datum im Kalender, JJJJ-MM-TT")


def make_local(spot: Spot, day: date, hh: int, mm: int, zone: ZoneInfo) -> Converted[datetime]:
    try:
        clock = time(hh, mm)
    except ValueError:
        return spot.fail(f"Die Uhrzeit {hh:02d}:{mm:02d} gibt es nicht", "HH:MM von 00:00 bis 23:59")
    local = datetime.combine(day, clock, tzinfo=zone)
    problem = local_problem(local)
    if problem == "gap":
        return spot.fail(
            f"Die Uhrzeit {local:%Y-%m-%d %H:%M} gibt es in {zone.key} nicht (Umstellung auf Sommerzeit)",
            "eine Uhrzeit vor oder nach der Zeitumstellung",
        )
    if problem == "fold":
        warning = spot.problem(
            (
                f"Die Uhrzeit {local:%Y-%m-%d %H:%M} gibt es in {zone.key} zweimal "
                "(Umstellung auf Winterzeit); verwendet wird die erste (Sommerzeit)"
            ),
            "eine eindeutige Uhrzeit",
            severity=Severity.WARNING,
        )
        return Converted(local, (warning,))
    return Converted(local)


def local_problem(moment: datetime) -> str:
    """``gap`` (the time does not exist that day), ``fold`` (it exists twice) or ''."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return "gap"
    if moment.utcoffset() != moment.replace(fold=1).utcoffset():
        return "fold"
    return ""
