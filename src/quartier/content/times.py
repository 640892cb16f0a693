"""An event's times and its series, checked: ``start``, ``end``, ``timezone`` and ``repeat`` together.

The field kinds read each value alone (``kinds``); what only the values together can
say (an end before its start, a series whose first date is not its own, a moved date
that is no occurrence, a local time the clock change skips) is checked here, for one
file at a time. ``check_event_times`` returns the typed time and the series with every
problem found. Each check is a pure step that returns its value and its problems; the
steps run in a fixed order, so the problems of a file come in the same order every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from quartier.bounds import LAST_YEAR
from quartier.content import recurrence
from quartier.content.loading import Document
from quartier.content.model import Frequency, Move, Series, Weekday
from quartier.content.moments import (
    ClockChange,
    Converted,
    Role,
    Spot,
    Written,
    clock_change,
    read_day,
    read_moment,
)
from quartier.content.when import When, day_of, same_length_from, when_of
from quartier.problems import Problem, ProblemCode, Severity, errors_in
from quartier.text.german_rules import DAY_NAMES, rule_text

MISSING_END = "Ende fehlt: Die Veranstaltung erscheint in Kalendern ohne Dauer"


class TimeCode(ProblemCode):
    MISSING_END = "time.missing-end"
    END_SHAPE = "time.end-shape-mismatch"
    LAST_DAY_BEFORE_START = "time.last-day-before-start"
    END_NOT_AFTER_START = "time.end-not-after-start"


class SeriesCode(ProblemCode):
    BYDAY_FREQ = "series.byday-needs-weekly-or-monthly"
    BYMONTHDAY_FREQ = "series.bymonthday-needs-monthly"
    BYDAY_AND_BYMONTHDAY = "series.byday-and-bymonthday"
    WEEKLY_WITH_NUMBER = "series.weekly-weekday-with-number"
    MONTHLY_WITHOUT_NUMBER = "series.monthly-weekday-without-number"
    UNTIL_BEFORE_START = "series.until-before-start"
    COUNT_AND_UNTIL = "series.count-and-until"
    START_NOT_OCCURRENCE = "series.start-not-an-occurrence"
    DAY_MISSING_IN_SHORT_MONTHS = "series.day-missing-in-short-months"
    LEAP_DAY = "series.leap-day"
    NO_OCCURRENCE = "series.no-occurrence"
    MOVED_AND_CANCELLED = "series.moved-and-cancelled"
    MOVED_TWICE = "series.moved-twice"
    MOVED_SHAPE = "series.moved-shape-mismatch"
    MOVED_END_SHAPE = "series.moved-end-shape-mismatch"
    MOVED_END_BEFORE_START = "series.moved-end-before-start"
    MOVED_END_IN_CLOCK_GAP = "series.moved-end-in-clock-gap"
    MOVED_END_IN_CLOCK_FOLD = "series.moved-end-in-clock-fold"
    TOO_MANY = "series.too-many-occurrences"
    OCCURRENCE_IN_CLOCK_GAP = "series.occurrence-in-clock-gap"
    OCCURRENCE_IN_CLOCK_FOLD = "series.occurrence-in-clock-fold"


_ANY_DAY = date(2001, 1, 1)
"""A day without a clock change, to read an end whose start is unreadable."""


@dataclass(frozen=True)
class EventTime:
    """What ``start``, ``end`` and ``repeat`` say together."""

    when: When
    """The first (or only) occurrence."""

    series: Series | None
    """The rule and its exceptions, for a repeating event."""


def check_event_times(doc: Document, data: Mapping[str, Any], zone_name: str, horizon: int) -> Converted[EventTime]:
    """The event's time and series from its converted fields, or ``None``, with every problem.

    ``data`` holds ``start`` and ``end`` (and ``repeat``'s ``until`` and moved times) as
    ``Written``: each is read here, once, in the role its field gives it.

    ``zone_name`` is ``UTC`` when the event's own zone is unknown: dates and their order
    are still checked, in a zone without gaps to report wrongly.
    """
    times = _event_times(doc, data["start"], data.get("end"), ZoneInfo(zone_name))
    if times.value is None:
        return Converted(None, times.problems)
    series: Converted[Series] = Converted(None)
    if "repeat" in doc.fields:
        if "repeat" in data:
            rule = _Rule(_rule_parts(data["repeat"]), _place(doc), data["start"].spot, ZoneInfo(zone_name), horizon)
            series = _series(rule, times.value)
        if series.value is None:
            return Converted(None, times.problems + series.problems)
    when = when_of(times.value.start, times.value.end)
    return Converted(EventTime(when, series.value), times.problems + series.problems)


# -- start and end -------------------------------------------------------------------


@dataclass(frozen=True)
class _Times:
    """The parsed ``start`` and ``end`` (``None``: a timed event without an end)."""

    start: date | datetime
    end: date | datetime | None


def _event_times(
    doc: Document, start_written: Written, end_written: Written | None, zone: ZoneInfo
) -> Converted[_Times]:
    """Read ``start`` and ``end`` and check that they fit together."""
    start = read_moment(start_written, Role.START, zone)
    if start.value is None:
        return Converted(None, start.problems + _end_alone(end_written))
    all_day = not isinstance(start.value, datetime)
    if end_written is None:
        missing = () if all_day or "end" in doc.fields else (_missing_end(doc.path, start_written.spot.line),)
        return Converted(_Times(start.value, start.value if all_day else None), start.problems + missing)
    end = read_moment(end_written, Role.END, zone, day=None if all_day else day_of(start.value))
    problems = start.problems + end.problems
    if end.value is None:
        return Converted(None, problems)
    wrong = _end_problem(Spot(doc.path, end_written.spot.line, "end"), start.value, end.value)
    if wrong is not None:
        return Converted(None, (*problems, wrong))
    return Converted(_Times(start.value, end.value), problems)


def _end_alone(end_written: Written | None) -> tuple[Problem, ...]:
    """Every problem in one run: how the end is written can be checked without its start."""
    if end_written is None:
        return ()
    return read_moment(end_written, Role.END, ZoneInfo("UTC"), day=_ANY_DAY).problems


def _missing_end(path: str, line: int) -> Problem:
    # Whether a title or text means several days cannot be told; a time without an
    # end can: calendars show it as a moment (DTEND = DTSTART), or refuse it.
    return Spot(path, line, "end").problem(
        TimeCode.MISSING_END,
        MISSING_END,
        'end: "HH:MM" (am selben Tag) oder end: "JJJJ-MM-TT HH:MM" (an einem späteren Tag)',
        severity=Severity.WARNING,
    )


def _end_problem(spot: Spot, start: date | datetime, end: date | datetime) -> Problem | None:
    """An end of the other shape than its start, or not after it."""
    all_day = not isinstance(start, datetime)
    if all_day != (not isinstance(end, datetime)):
        expected = "ein Datum JJJJ-MM-TT (letzter Tag)" if all_day else '"JJJJ-MM-TT HH:MM" oder "HH:MM"'
        return spot.problem(
            TimeCode.END_SHAPE, "Ende passt nicht zum Beginn (ganztägig und mit Uhrzeit gemischt)", expected
        )
    if all_day and end < start:
        return spot.problem(
            TimeCode.LAST_DAY_BEFORE_START,
            f"Letzter Tag {end.isoformat()} liegt vor dem Beginn {start.isoformat()}",
            f"ein Datum ab {start.isoformat()}",
        )
    if not all_day and end <= start:
        return spot.problem(
            TimeCode.END_NOT_AFTER_START,
            f"Ende {end:%Y-%m-%d %H:%M} liegt nicht nach dem Beginn {start:%Y-%m-%d %H:%M}",
            "ein Zeitpunkt nach dem Beginn",
        )
    return None


# -- the parts of ``repeat`` ---------------------------------------------------------


@dataclass(frozen=True)
class _MoveEntry:
    """One entry of ``repeat.moved`` as written: its times are read against the series."""

    origin: Written
    """``from``: the day the rule gives."""

    start: Written
    end: Written | None


@dataclass(frozen=True)
class _RuleParts:
    """``repeat``'s fields as the field kinds converted them; its times still as written."""

    freq: Frequency
    interval: int
    byday: tuple[tuple[Weekday, int], ...]
    """Each weekday with its line."""

    bymonthday: tuple[int, ...]
    until: Written | None
    count: int | None
    cancelled: tuple[tuple[date, int], ...]
    """``except``: each day with its line."""

    moved: tuple[_MoveEntry, ...]

    @property
    def weekdays(self) -> tuple[Weekday, ...]:
        return tuple(weekday for weekday, _ in self.byday)


def _rule_parts(data: Mapping[str, Any]) -> _RuleParts:
    """The converted ``repeat`` mapping, typed (the one place its keys are read)."""
    moved = tuple(_MoveEntry(entry["from"], entry["start"], entry.get("end")) for entry in data.get("moved", ()))
    return _RuleParts(
        freq=data["freq"],
        interval=data.get("interval", 1),
        byday=tuple(dict(data.get("byday", ())).items()),
        bymonthday=data.get("bymonthday", ()),
        until=data.get("until"),
        count=data.get("count"),
        cancelled=data.get("except", ()),
        moved=moved,
    )


@dataclass(frozen=True)
class _Place:
    """Where ``repeat`` and each of its fields are written, for the problems about them."""

    path: str
    line: int
    lines: Mapping[str, int]

    def at(self, name: str, label: str) -> Spot:
        """``name``'s line, or ``repeat``'s when it is not written."""
        return Spot(self.path, self.lines.get(name, self.line), label)


def _place(doc: Document) -> _Place:
    repeat = doc.fields["repeat"]
    fields = repeat.data if isinstance(repeat.data, dict) else {}
    return _Place(doc.path, int(repeat.line), {name: int(value.line) for name, value in fields.items()})


@dataclass(frozen=True)
class _Rule:
    """A ``repeat`` to check, with what it is checked against."""

    parts: _RuleParts
    place: _Place
    start: Spot
    """Where the event's ``start`` is written: problems of the first occurrence are told there."""

    zone: ZoneInfo
    horizon: int


# -- the series ----------------------------------------------------------------------


def _series(rule: _Rule, times: _Times) -> Converted[Series]:
    """Check ``repeat`` against ``freq``, the start, and its own dates: the ``Series`` or ``None``."""
    first = day_of(times.start)
    checked = _checked_rule(rule.parts, rule.place, first)
    problems = checked.problems
    if checked.value is None:
        return Converted(None, problems)
    off = _start_problem(checked.value, first, rule.start, times)
    if off is not None:
        return Converted(None, (*problems, off))
    series = replace(checked.value, last_rule_day=recurrence.compute_last_rule_day(checked.value, first))
    problems += _season_warnings(rule.place, series, first)
    shape = _Shape(when_of(times.start, times.end))
    cancelled = _series_days(rule.parts.cancelled, rule.place.path, "repeat.except", series, first)
    context = _MoveContext(series, first, shape.when, rule.zone, frozenset(cancelled.value or ()))
    moves = _moves(rule.parts.moved, context)
    problems += cancelled.problems + moves.problems
    if cancelled.value is None or moves.value is None:
        return Converted(None, problems)
    series = replace(series, cancelled=cancelled.value, moved=moves.value)
    counted = _series_times(rule, series, first, shape.when)
    problems += counted
    if errors_in(counted):
        return Converted(None, problems)
    if series.last_rule_day is None:
        return Converted(series, problems)
    return Converted(replace(series, last_day=_last_day(series, first, shape.when)), problems)


def _checked_rule(parts: _RuleParts, place: _Place, first: date) -> Converted[Series]:
    """The rule alone: its parts fit ``freq`` and each other, and ``until`` is a day from ``first``."""
    problems = _freq_problems(parts, place) + _weekday_problems(parts, place)
    until: Converted[date] = Converted(None)
    if parts.until is not None:
        until = read_day(parts.until, Role.UNTIL)
    problems += until.problems + _bound_problems(parts, place, until.value, first)
    if errors_in(problems) or (parts.until is not None and until.value is None):
        return Converted(None, problems)
    series = Series(parts.freq, parts.interval, parts.weekdays, parts.bymonthday, until.value, parts.count)
    return Converted(series, problems)


def _freq_problems(parts: _RuleParts, place: _Place) -> tuple[Problem, ...]:
    """Weekdays and days of the month that ``freq`` does not take, or both together."""
    problems = []
    if parts.byday and parts.freq not in ("weekly", "monthly"):
        problems.append(
            place.at("byday", "repeat.byday").problem(
                SeriesCode.BYDAY_FREQ,
                f"Wochentage passen nicht zu freq: {parts.freq}",
                "byday nur bei weekly oder monthly",
            )
        )
    if parts.bymonthday and parts.freq != "monthly":
        problems.append(
            place.at("bymonthday", "repeat.bymonthday").problem(
                SeriesCode.BYMONTHDAY_FREQ,
                f"Tage im Monat passen nicht zu freq: {parts.freq}",
                "bymonthday nur bei monthly",
            )
        )
    if parts.byday and parts.bymonthday:
        problems.append(
            place.at("bymonthday", "repeat.bymonthday").problem(
                SeriesCode.BYDAY_AND_BYMONTHDAY, "byday und bymonthday zusammen", "nur eines von beiden"
            )
        )
    return tuple(problems)


def _weekday_problems(parts: _RuleParts, place: _Place) -> tuple[Problem, ...]:
    """A weekday numbered in a weekly rule, or without its number in a monthly one."""
    problems = []
    for rule, line in parts.byday:
        code = recurrence.WEEKDAY_CODES[rule.weekday]
        spot = Spot(place.path, line, "repeat.byday")
        if parts.freq == "weekly" and rule.ordinal:
            problems.append(
                spot.problem(
                    SeriesCode.WEEKLY_WITH_NUMBER,
                    f"„{rule.ordinal}{code}“: bei weekly gilt jeder Wochentag ohne Nummer",
                    f"[{code}]",
                )
            )
        if parts.freq == "monthly" and not rule.ordinal:
            problems.append(
                spot.problem(
                    SeriesCode.MONTHLY_WITHOUT_NUMBER,
                    f"„{code}“: bei monthly braucht der Wochentag eine Nummer",
                    f'z. B. ["1{code}"] für den ersten, ["-1{code}"] für den letzten im Monat',
                )
            )
    return tuple(problems)


def _bound_problems(parts: _RuleParts, place: _Place, until: date | None, first: date) -> tuple[Problem, ...]:
    """An ``until`` before the first day, or ``until`` and ``count`` together."""
    problems = []
    if until is not None and until < first:
        problems.append(
            place.at("until", "repeat.until").problem(
                SeriesCode.UNTIL_BEFORE_START,
                f"Letzter Tag {until.isoformat()} liegt vor dem Beginn {first.isoformat()}",
                f"ein Datum ab {first.isoformat()}",
            )
        )
    if parts.count is not None and parts.until is not None:
        problems.append(
            place.at("count", "repeat.count").problem(
                SeriesCode.COUNT_AND_UNTIL,
                "count und until zusammen",
                "nur eines von beiden: until (letzter Tag) oder count (Anzahl der Termine)",
            )
        )
    return tuple(problems)


def _start_problem(series: Series, first: date, spot: Spot, times: _Times) -> Problem | None:
    """A start that is no day of its own rule (``until`` and ``count`` aside)."""
    probe = replace(series, last_rule_day=None, until=None, count=None)
    if recurrence.is_rule_day(probe, first, first):
        return None
    following = next(recurrence.rule_days(probe, first, first, date(LAST_YEAR, 12, 31)), None)
    hint = (
        f"den ersten Termin der Reihe als start, z. B. {following.isoformat()}"
        if following
        else "einen Beginn, der zur Regel passt"
    )
    return spot.problem(
        SeriesCode.START_NOT_OCCURRENCE,
        (
            f"Beginn {first.isoformat()} ({DAY_NAMES[first.weekday()]}) "
            f"ist kein Termin der Reihe „{_rule_words(series, times.start, times.end)}“"
        ),
        hint,
    )


def _season_warnings(place: _Place, series: Series, first: date) -> tuple[Problem, ...]:
    """Rules that skip some months or years without saying so (RFC 5545 ignores invalid dates)."""
    problems = []
    if series.freq == "monthly" and not series.byday:
        late = [n for n in (series.bymonthday or (first.day,)) if n > 28]
        if late:
            problems.append(
                place.at("bymonthday" if series.bymonthday else "freq", "repeat").problem(
                    SeriesCode.DAY_MISSING_IN_SHORT_MONTHS,
                    f"Den {late[0]}. gibt es nicht in jedem Monat: in kürzeren Monaten fällt der Termin aus",
                    "bymonthday: [-1] für den letzten Tag jedes Monats, wenn das gemeint ist",
                    severity=Severity.WARNING,
                )
            )
    if series.freq == "yearly" and (first.month, first.day) == (2, 29):
        problems.append(
            place.at("freq", "repeat").problem(
                SeriesCode.LEAP_DAY,
                "Den 29. Februar gibt es nur in Schaltjahren: in den anderen Jahren fällt der Termin aus",
                "",
                severity=Severity.WARNING,
            )
        )
    return tuple(problems)


def _series_days(
    days: tuple[tuple[date, int], ...], path: str, label: str, series: Series, first: date
) -> Converted[tuple[date, ...]]:
    """Days that must each be an occurrence of the series (``except``)."""
    problems = tuple(
        Spot(path, at, label).problem(
            SeriesCode.NO_OCCURRENCE, _no_occurrence(series, first, day), _nearby(series, first, day)
        )
        for day, at in days
        if not recurrence.is_rule_day(series, first, day)
    )
    return Converted(None if problems else tuple(sorted(day for day, _ in days)), problems)


# -- moved occurrences ---------------------------------------------------------------


@dataclass(frozen=True)
class _MoveContext:
    """What each moved occurrence is checked against."""

    series: Series
    first: date
    when: When
    """The first occurrence: the shape and length every occurrence shares."""

    zone: ZoneInfo
    cancelled: frozenset[date]


def _moves(entries: tuple[_MoveEntry, ...], context: _MoveContext) -> Converted[tuple[Move, ...]]:
    """Each moved occurrence: from a day of the rule, once, to a time of the series' shape."""
    moves: list[Move] = []
    problems: tuple[Problem, ...] = ()
    seen: set[date] = set()
    ok = True
    for entry in entries:
        original = read_day(entry.origin, Role.MOVED_FROM)
        problems += original.problems
        if original.value is None:
            ok = False
            continue
        clash = _origin_problem(entry.origin.spot, original.value, context, frozenset(seen))
        seen.add(original.value)
        moved = _moved_when(entry, context)
        problems += (() if clash is None else (clash,)) + moved.problems
        if clash is not None or moved.value is None:
            ok = False
        else:
            moves.append(Move(original.value, moved.value))
    return Converted(tuple(sorted(moves, key=lambda m: m.original)) if ok else None, problems)


def _origin_problem(spot: Spot, original: date, context: _MoveContext, seen: frozenset[date]) -> Problem | None:
    """A ``from`` that is no occurrence, one that is cancelled, or one moved before."""
    series, first = context.series, context.first
    if not recurrence.is_rule_day(series, first, original):
        return spot.problem(
            SeriesCode.NO_OCCURRENCE, _no_occurrence(series, first, original), _nearby(series, first, original)
        )
    if original in context.cancelled:
        return spot.problem(
            SeriesCode.MOVED_AND_CANCELLED,
            f"Der Termin am {original.isoformat()} ist schon abgesagt (except)",
            "ihn entweder absagen oder verlegen",
        )
    if original in seen:
        return spot.problem(
            SeriesCode.MOVED_TWICE, f"Der Termin am {original.isoformat()} ist zweimal verlegt", "je Termin ein Eintrag"
        )
    return None


def _moved_when(entry: _MoveEntry, context: _MoveContext) -> Converted[When]:
    """Where an occurrence was moved to: its start, and its end as written or as long as the others."""
    start = read_moment(entry.start, Role.MOVED_START, context.zone)
    if start.value is None:
        return Converted(None, start.problems)
    if isinstance(start.value, datetime) == context.when.all_day:
        expected = (
            "ein Datum JJJJ-MM-TT (die Reihe ist ganztägig)"
            if context.when.all_day
            else '"JJJJ-MM-TT HH:MM" (die Reihe hat Uhrzeiten)'
        )
        mixed = entry.start.spot.problem(
            SeriesCode.MOVED_SHAPE,
            "Verlegter Termin passt nicht zur Reihe (ganztägig und mit Uhrzeit gemischt)",
            expected,
        )
        return Converted(None, (*start.problems, mixed))
    if entry.end is None:
        end = _same_length_end(entry.start.spot, start.value, context)
    else:
        end = _written_end(entry.end, start.value, context)
    return Converted(end.value, start.problems + end.problems)


def _same_length_end(spot: Spot, start: date | datetime, context: _MoveContext) -> Converted[When]:
    """Written without an end, a moved occurrence lasts as long as the others."""
    end = same_length_from(context.when, start).end
    change = clock_change(end) if isinstance(end, datetime) else None
    if change is ClockChange.GAP:
        return spot.fail(
            SeriesCode.MOVED_END_IN_CLOCK_GAP,
            (
                f"Das Ende {end:%Y-%m-%d %H:%M} (so lang wie die anderen "
                f"Termine) gibt es in {context.zone.key} nicht (Umstellung auf Sommerzeit)"
            ),
            "end angeben",
        )
    if change is ClockChange.FOLD:
        # The hour exists twice: the end is usable, as a written time in it is (a warning).
        warning = spot.problem(
            SeriesCode.MOVED_END_IN_CLOCK_FOLD,
            (
                f"Das Ende {end:%Y-%m-%d %H:%M} (so lang wie die anderen Termine) gibt es in "
                f"{context.zone.key} zweimal (Umstellung auf Winterzeit); verwendet wird das erste (Sommerzeit)"
            ),
            "end angeben",
            severity=Severity.WARNING,
        )
        return Converted(when_of(start, end), (warning,))
    return Converted(when_of(start, end))


def _written_end(written: Written, start: date | datetime, context: _MoveContext) -> Converted[When]:
    """A moved occurrence's own ``end``: of its start's shape, and after it."""
    day = start.date() if isinstance(start, datetime) else None
    end = read_moment(written, Role.MOVED_END, context.zone, day=day)
    if end.value is None:
        return Converted(None, end.problems)
    spot = written.spot
    if isinstance(end.value, datetime) != isinstance(start, datetime):
        mixed = spot.problem(
            SeriesCode.MOVED_END_SHAPE,
            "Ende passt nicht zum Beginn (ganztägig und mit Uhrzeit gemischt)",
            "wie end der Reihe",
        )
        return Converted(None, (*end.problems, mixed))
    if (end.value < start) if context.when.all_day else (end.value <= start):
        early = spot.problem(
            SeriesCode.MOVED_END_BEFORE_START,
            f"Verlegter Termin endet ({_shown(end.value)}) vor seinem Beginn ({_shown(start)})",
            "ein Ende nach dem neuen Beginn",
        )
        return Converted(None, (*end.problems, early))
    return Converted(when_of(start, end.value), end.problems)


def _shown(moment: date | datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else moment.isoformat()


# -- the occurrences -----------------------------------------------------------------


def _series_times(rule: _Rule, series: Series, first: date, when: When) -> tuple[Problem, ...]:
    """Bounded: the occurrences within the horizon from the start, at most MAX_OCCURRENCES + 1,
    are counted and their local times checked (the rule repeats, so one horizon shows them all)."""
    days = _days_in_horizon(series, first, rule.horizon)
    limit = recurrence.MAX_OCCURRENCES
    if len(days) > limit:
        return (
            Spot(rule.place.path, rule.place.line, "repeat").problem(
                SeriesCode.TOO_MANY,
                f"Mehr als {_thousands(limit)} Termine innerhalb von {_thousands(rule.horizon)} Tagen",
                f"höchstens {_thousands(limit)} Termine in diesem Zeitraum (größeres interval, until oder count)",
            ),
        )
    if when.all_day:
        return ()
    return _clock_problems(Spot(rule.place.path, rule.start.line, "start"), days, when)


def _days_in_horizon(series: Series, first: date, horizon: int) -> tuple[date, ...]:
    """The rule's days within ``horizon`` days from ``first``: one more than allowed at most."""
    window_end = min(first + timedelta(days=max(horizon - 1, 0)), date(LAST_YEAR, 12, 31))
    last = min(window_end, series.last_rule_day or window_end)
    return tuple(islice(recurrence.rule_days(series, first, first, last), recurrence.MAX_OCCURRENCES + 1))


def _clock_problems(spot: Spot, days: Iterable[date], when: When) -> tuple[Problem, ...]:
    """The first occurrence whose time the clock change skips (an error, the last problem),
    after a warning for the first one whose time it repeats."""
    problems: list[Problem] = []
    warned = False
    for day in days:
        occurrence = when.on(day)
        for moment in (occurrence.start, occurrence.end):
            if not isinstance(moment, datetime):
                continue
            change = clock_change(moment)
            if change is ClockChange.GAP:
                return (*problems, _gap_problem(spot, moment))
            if change is ClockChange.FOLD and not warned:
                problems.append(_fold_warning(spot, moment))
                warned = True
    return tuple(problems)


def _gap_problem(spot: Spot, moment: datetime) -> Problem:
    return spot.problem(
        SeriesCode.OCCURRENCE_IN_CLOCK_GAP,
        (
            f"Die Uhrzeit {moment:%H:%M} gibt es am {moment:%Y-%m-%d} in {moment.tzinfo} "
            "nicht (Umstellung auf Sommerzeit): ein Termin der Reihe fiele hinein"
        ),
        "eine Uhrzeit vor oder nach der Zeitumstellung",
    )


def _fold_warning(spot: Spot, moment: datetime) -> Problem:
    return spot.problem(
        SeriesCode.OCCURRENCE_IN_CLOCK_FOLD,
        (
            f"Die Uhrzeit {moment:%H:%M} gibt es am {moment:%Y-%m-%d} in {moment.tzinfo} "
            "zweimal (Umstellung auf Winterzeit); verwendet wird die erste (Sommerzeit)"
        ),
        "eine eindeutige Uhrzeit",
        severity=Severity.WARNING,
    )


def _last_day(series: Series, first: date, when: When) -> date:
    """The last day of a bounded series: of its rule's last occurrence that was not moved, or of a moved one."""
    ends = [move.when.last_day for move in series.moved]
    moved_days = {move.original for move in series.moved}
    last_rule = series.last_rule_day
    while last_rule is not None and last_rule in moved_days:
        last_rule = recurrence.neighbours(series, first, last_rule)[0]
    if last_rule is not None:
        ends.append(when.on(last_rule).last_day)
    return max(ends)


@dataclass(frozen=True)
class _Shape:
    """The first occurrence of a series while it is checked (what ``recurrence`` reads of an event)."""

    when: When
    repeat: Series | None = None


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _rule_words(series: Series, start: date | datetime, end: date | datetime | None) -> str:
    return rule_text(_Shape(when_of(start, end), series))


def _no_occurrence(series: Series, first: date, day: date) -> str:
    reason = ""
    if day < first:
        reason = ": die Reihe beginnt erst am " + first.isoformat()
    elif series.last_rule_day is not None and day > series.last_rule_day:
        reason = ": der letzte Termin ist am " + series.last_rule_day.isoformat()
    return f"Kein Termin der Reihe am {day.isoformat()} ({DAY_NAMES[day.weekday()]}){reason}"


def _nearby(series: Series, first: date, day: date) -> str:
    before, after = recurrence.neighbours(series, first, day)
    days = [d.isoformat() for d in (before, after) if d is not None]
    return "ein Datum der Reihe, z. B. " + " oder ".join(days) if days else "ein Datum der Reihe"
