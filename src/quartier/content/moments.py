"""Reading a date or a local time as an editor wrote it: ``2027-05-06``, ``"2027-05-06 18:00"``, ``"20:00"``.

The grammar of written moments is declared here once (``YEAR`` … ``MINUTE``, ``Shape``,
``Form``): the validator reads with it, the JSON Schemas take its patterns (``pattern``),
and the form's JavaScript checks are generated from it (``form_module``), so the three
accept the same spellings.

Pure functions: each returns the moment (or ``None``) with the problems it found, so
that the field kinds and the checks of an event's times share one reading and one
wording. A time that exists twice (the autumn change) is a moment *and* a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Generic, Never, TypeVar
from zoneinfo import ZoneInfo

from quartier.bounds import FIRST_YEAR, LAST_YEAR
from quartier.problems import Problem, ProblemCode, Severity

T = TypeVar("T", covariant=True)


class MomentCode(ProblemCode):
    UNREADABLE = "moment.unreadable"
    GERMAN_SPELLING = "moment.german-spelling"
    GERMAN_DATE_IMPOSSIBLE = "moment.german-date-impossible"
    NO_DATE = "moment.no-date"
    TIME_ON_ALL_DAY = "moment.time-on-all-day"
    HAS_TIME = "moment.has-time"
    YEAR_OUT_OF_RANGE = "moment.year-out-of-range"
    NO_SUCH_DATE = "moment.no-such-date"
    NO_SUCH_TIME = "moment.no-such-time"
    CLOCK_GAP = "moment.clock-gap"
    CLOCK_FOLD = "moment.clock-fold"


# -- the grammar ---------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """One number of a written moment.

    ``digits`` is how it may be written; ``pattern`` matches exactly the values from ``low``
    to ``high`` written so (a test tries every string of ``digits``). The validator reads
    ``digits`` and checks the range, so that an hour 24 is told „Die Uhrzeit 24:00 gibt es
    nicht“; the JSON Schemas and the form take ``pattern``, which says the same without words.
    Only ``[0-9]``: Python's ``\\d`` also reads other scripts' digits, JavaScript's does not.
    """

    digits: str
    pattern: str
    low: int
    high: int


YEAR = Number("[0-9]{4}", "19[0-9]{2}|2[01][0-9]{2}|2200", FIRST_YEAR, LAST_YEAR)
MONTH = Number("[0-9]{2}", "0[1-9]|1[0-2]", 1, 12)
DAY = Number("[0-9]{2}", "0[1-9]|[12][0-9]|3[01]", 1, 31)
HOUR = Number("[0-9]{1,2}", "[01]?[0-9]|2[0-3]", 0, 23)
MINUTE = Number("[0-9]{2}", "[0-5][0-9]", 0, 59)
NUMBERS = (YEAR, MONTH, DAY, HOUR, MINUTE)

PADDING = r"[ \t]*"
"""Spaces and tabs around the value (inside quotes) are read past, by all three readers alike."""


class Shape(Enum):
    """The ways a moment is written; the value is the name the form's script uses."""

    DATE = "date"
    DATE_TIME = "dateTime"
    TIME = "time"


def _strict(number: Number) -> str:
    return number.pattern


def _loose(number: Number) -> str:
    return number.digits


def _date(part: Callable[[Number], str]) -> str:
    return f"({part(YEAR)})-({part(MONTH)})-({part(DAY)})"


def _clock(part: Callable[[Number], str]) -> str:
    return f"({part(HOUR)}):({part(MINUTE)})"


def _at_time(part: Callable[[Number], str]) -> str:
    """What follows a date to make it a date and time: T or a space, seconds only as ``:00``."""
    return f"[ T]{_clock(part)}(?::00)?"


def _shape(shape: Shape, part: Callable[[Number], str]) -> str:
    """The shape with one group per number."""
    if shape is Shape.DATE:
        return _date(part)
    if shape is Shape.DATE_TIME:
        return _date(part) + _at_time(part)
    return _clock(part)


class Form(Enum):
    """Which shapes a field takes."""

    DAY = (Shape.DATE,)
    MOMENT = (Shape.DATE, Shape.DATE_TIME)
    END = (Shape.DATE, Shape.DATE_TIME, Shape.TIME)

    @property
    def shapes(self) -> tuple[Shape, ...]:
        shapes: tuple[Shape, ...] = self.value
        return shapes


def shape_pattern(shape: Shape) -> str:
    """The exact pattern of one shape (ECMAScript and Python alike), a group per number."""
    return f"^{PADDING}{_shape(shape, _strict)}{PADDING}$"


def pattern(form: Form) -> str:
    """The JSON Schema pattern of a field of this form (a date with an optional time as one)."""
    shapes = form.shapes
    written = []
    if Shape.DATE_TIME in shapes:
        optional = Shape.DATE in shapes
        written.append(_date(_strict) + (f"(?:{_at_time(_strict)})?" if optional else _at_time(_strict)))
    elif Shape.DATE in shapes:
        written.append(_date(_strict))
    if Shape.TIME in shapes:
        written.append(_clock(_strict))
    either = written[0] if len(written) == 1 else f"(?:{'|'.join(written)})"
    return f"^{PADDING}{either}{PADDING}$"


_READ = {shape: re.compile(f"{PADDING}{_shape(shape, _loose)}{PADDING}") for shape in Shape}


def shape_of(text: str, form: Form) -> Shape | None:
    """Which of the form's shapes ``text`` is written in, read as the validator reads it (a
    number that cannot be, month 13, is still the shape: the validator names it); ``None``
    for no date of this form."""
    return next((shape for shape in form.shapes if _READ[shape].fullmatch(text)), None)


WIDGET_FORMS: Mapping[str, Form] = {"date": Form.DAY, "start": Form.MOMENT, "end": Form.END}
"""The form's date widget by its mode (the field's kind): a ``date`` field is edited as a day."""


def form_module() -> str:
    """``admin/quartier-zeit-grammar.js``: the grammar for the form's script."""
    lines = [
        "// Generated from src/quartier/content/moments.py (form_module): do not edit.",
        "// The spellings the validator and the JSON Schemas accept in a file, one group per number;",
        "// tests/test_form_dates.py fails when this file differs from what moments.py writes.",
        "",
        "export const SHAPES = {",
        *(f"  {shape.value}: new RegExp({json.dumps(shape_pattern(shape))})," for shape in Shape),
        "};",
        "",
        "export const FORMS = {",
        *(
            f"  {mode}: [{', '.join(json.dumps(shape.value) for shape in form.shapes)}],"
            for mode, form in WIDGET_FORMS.items()
        ),
        "};",
        "",
    ]
    return "\n".join(lines)


_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?$")
"""``14.09.2027``, ``14.9.2027 17:00``, ``14.09.2027, 17.00 Uhr``: German dates are refused
with the exact text to write instead (see ``german_date``)."""

START_EXPECTED = 'JJJJ-MM-TT oder "JJJJ-MM-TT HH:MM"'
END_EXPECTED = 'JJJJ-MM-TT, "JJJJ-MM-TT HH:MM" oder "HH:MM"'
LAST_DAY_EXPECTED = "den letzten Tag als JJJJ-MM-TT"


# -- roles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    form: Form
    expected: str
    undated: str = ""
    """For a form without a time alone: what is said of one; ``{}`` is the text."""
    all_day: str = ""
    """For a form with a time alone: what is all day when the time has no day to go with."""
    item: bool = False
    """An entry of a list (``except``): a replacement is the value alone, without a field name."""


class Role(Enum):
    """What a written time is for: which spellings it takes, and how a wrong one is told.
    Passed by the caller, never guessed from the field's label."""

    START = "start"
    END = "end"
    MOVED_FROM = "moved from"
    MOVED_START = "moved start"
    MOVED_END = "moved end"
    UNTIL = "until"
    CANCELLED = "cancelled"
    PUBLISHED = "published"

    @property
    def rules(self) -> _Rules:
        return _RULES[self]


_RULES: Mapping[Role, _Rules] = {
    Role.START: _Rules(Form.MOMENT, START_EXPECTED, "Beginn „{}“ hat kein Datum"),
    Role.END: _Rules(Form.END, END_EXPECTED, all_day="einer ganztägigen Veranstaltung"),
    Role.MOVED_FROM: _Rules(Form.DAY, "nur das Datum des Termins nach der Regel, JJJJ-MM-TT", "„{}“ hat kein Datum"),
    Role.MOVED_START: _Rules(Form.MOMENT, START_EXPECTED, "Verlegter Beginn „{}“ hat kein Datum"),
    Role.MOVED_END: _Rules(Form.END, END_EXPECTED, all_day="einer ganztägigen Reihe"),
    Role.UNTIL: _Rules(Form.DAY, "nur den letzten Tag, JJJJ-MM-TT", "„{}“ hat kein Datum"),
    Role.CANCELLED: _Rules(Form.DAY, "nur das Datum des Termins, JJJJ-MM-TT", "„{}“ hat kein Datum", item=True),
    Role.PUBLISHED: _Rules(Form.MOMENT, START_EXPECTED, "„{}“ hat kein Datum"),
}


# -- reading -------------------------------------------------------------------------


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

    def problem(
        self, code: ProblemCode, message: str, expected: str = "", severity: Severity = Severity.ERROR
    ) -> Problem:
        return Problem(self.path, self.line, self.label, message, expected, severity, code=code)

    def fail(self, code: ProblemCode, message: str, expected: str = "") -> Converted[Never]:
        return Converted(None, (self.problem(code, message, expected),))


@dataclass(frozen=True)
class Written:
    """A date or time as written in a file, and where: the field kinds keep it so, because
    it can be read only once the event's zone (and, for an end, its start) is known."""

    text: str
    spot: Spot


def read_moment(written: Written, role: Role, zone: ZoneInfo, day: date | None = None) -> Converted[date | datetime]:
    """A date, a local date and time in ``zone``, or (where ``role`` takes one) a time on ``day``.

    ``day`` is the start's day for an end; ``None`` when the start is all day, where a time
    alone cannot be read.
    """
    spot, rules = written.spot, role.rules
    text = written.text.strip(" \t")
    for shape in Shape:
        match = _READ[shape].fullmatch(written.text)
        if match is not None:
            break
    else:
        if _GERMAN.match(text):
            return german_date(spot, text, rules.expected, rules.item)
        return spot.fail(MomentCode.UNREADABLE, f"„{text}“ ist kein gültiges Datum", rules.expected)
    numbers = [int(group) for group in match.groups()]
    if shape is Shape.TIME:
        if shape not in rules.form.shapes:
            return spot.fail(MomentCode.NO_DATE, rules.undated.format(text), rules.expected)
        if day is None:
            return spot.fail(
                MomentCode.TIME_ON_ALL_DAY, f"Nur eine Uhrzeit „{text}“ bei {rules.all_day}", LAST_DAY_EXPECTED
            )
        return make_local(spot, day, numbers[0], numbers[1], zone)
    day_value = make_date(spot, numbers[0], numbers[1], numbers[2])
    if day_value.value is None or shape is Shape.DATE:
        return day_value
    if shape not in rules.form.shapes:
        return spot.fail(MomentCode.HAS_TIME, f"„{text}“ hat eine Uhrzeit", rules.expected)
    return make_local(spot, day_value.value, numbers[3], numbers[4], zone)


def read_day(written: Written, role: Role) -> Converted[date]:
    """A day alone (``until``, ``except``, a moved occurrence's ``from``): no zone is needed."""
    moment = read_moment(written, role, ZoneInfo("UTC"))
    if isinstance(moment.value, datetime):
        raise TypeError(f"{role} takes a time: read it with read_moment")
    return Converted(moment.value, moment.problems)


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
        return spot.fail(
            MomentCode.GERMAN_DATE_IMPOSSIBLE,
            problem,
            "ein Datum im Kalender, JJJJ-MM-TT, und eine Uhrzeit von 00:00 bis 23:59",
        )
    shown = f'"{value}"' if " " in value else value
    replacement = shown if item else f"{spot.label.rsplit('.', 1)[-1]}: {shown}"
    return spot.fail(
        MomentCode.GERMAN_SPELLING, f"„{text}“ ist in deutscher Schreibweise. Schreiben Sie: {replacement}", expected
    )


def make_date(spot: Spot, y: int, m: int, d: int) -> Converted[date]:
    if not YEAR.low <= y <= YEAR.high:
        return spot.fail(
            MomentCode.YEAR_OUT_OF_RANGE,
            f"Das Jahr {y} liegt außerhalb von {YEAR.low} bis {YEAR.high}",
            "ein Datum wie 2027-05-06",
        )
    try:
        return Converted(date(y, m, d))
    except ValueError:
        return spot.fail(
            MomentCode.NO_SUCH_DATE,
            f"Das Datum {y:04d}-{m:02d}-{d:02d} gibt es nicht",
            "ein Datum im Kalender, JJJJ-MM-TT",
        )


def make_local(spot: Spot, day: date, hh: int, mm: int, zone: ZoneInfo) -> Converted[datetime]:
    try:
        clock = time(hh, mm)
    except ValueError:
        return spot.fail(
            MomentCode.NO_SUCH_TIME, f"Die Uhrzeit {hh:02d}:{mm:02d} gibt es nicht", "HH:MM von 00:00 bis 23:59"
        )
    local = datetime.combine(day, clock, tzinfo=zone)
    change = clock_change(local)
    if change is ClockChange.GAP:
        return spot.fail(
            MomentCode.CLOCK_GAP,
            f"Die Uhrzeit {local:%Y-%m-%d %H:%M} gibt es in {zone.key} nicht (Umstellung auf Sommerzeit)",
            "eine Uhrzeit vor oder nach der Zeitumstellung",
        )
    if change is ClockChange.FOLD:
        warning = spot.problem(
            MomentCode.CLOCK_FOLD,
            (
                f"Die Uhrzeit {local:%Y-%m-%d %H:%M} gibt es in {zone.key} zweimal "
                "(Umstellung auf Winterzeit); verwendet wird die erste (Sommerzeit)"
            ),
            "eine eindeutige Uhrzeit",
            severity=Severity.WARNING,
        )
        return Converted(local, (warning,))
    return Converted(local)


class ClockChange(Enum):
    """What a change of the clock does to a local time."""

    GAP = "gap"
    """The time does not exist that day (the clock skips it, in spring)."""

    FOLD = "fold"
    """The time exists twice that day (the clock repeats it, in autumn)."""


def clock_change(moment: datetime) -> ClockChange | None:
    """How a clock change touches ``moment``'s local time; ``None``: it is one instant."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return ClockChange.GAP
    if moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset():
        return ClockChange.FOLD
    return None
