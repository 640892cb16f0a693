"""An event's times and its series, checked: ``start``, ``end``, ``timezone`` and ``repeat`` together.

The field kinds read each value alone (``kinds``); what only the values together can
say (an end before its start, a series whose first date is not its own, a moved date
that is no occurrence, a local time the clock change skips) is checked here, for one
file at a time. ``check_event_times`` returns the typed time and the series with every
problem found; nothing outside this module sees the collector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from quartier.bounds import LAST_YEAR
from quartier.content import recurrence
from quartier.content.loading import Document
from quartier.content.model import Move, Series
from quartier.content.moments import Converted, Role, Written, local_problem, read_day, read_moment
from quartier.content.when import When, day_of, same_length_from, when_of
from quartier.problems import Problem, ProblemCode, Severity
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
    TOO_MANY = "series.too-many-occurrences"
    OCCURRENCE_IN_CLOCK_GAP = "series.occurrence-in-clock-gap"
    OCCURRENCE_IN_CLOCK_FOLD = "series.occurrence-in-clock-fold"


_ANY_DAY = date(2001, 1, 1)
"""A day without a clock change, to read an end whose start is unreadable."""

Times = tuple[date | datetime, date | datetime | None, bool]
"""Parsed ``start``, ``end`` and whether the event is all day."""


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
    found = _Findings()
    times = _event_times(found, doc, data["start"], data.get("end"), zone_name)
    if times is None:
        return Converted(None, tuple(found.problems))
    series = None
    if "repeat" in doc.fields:
        if "repeat" in data:
            series = _series(found, doc, data["repeat"], data["start"], times, zone_name, horizon)
        if series is None:
            return Converted(None, tuple(found.problems))
    start, end, _ = times
    return Converted(EventTime(when_of(start, end), series), tuple(found.problems))


@dataclass
class _Findings:
    """The problems of one event's times, collected while its checks run in order."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        code: ProblemCode,
        path: str,
        line: int,
        field_name: str,
        message: str,
        expected: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.problems.append(Problem(path, line, field_name, message, expected, severity, code=code))

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)

    def moment(self, written: Written, role: Role, zone: ZoneInfo, day: date | None = None) -> date | datetime | None:
        converted = read_moment(written, role, zone, day)
        self.problems.extend(converted.problems)
        return converted.value

    def day(self, written: Written, role: Role) -> date | None:
        converted = read_day(written, role)
        self.problems.extend(converted.problems)
        return converted.value


def _event_times(
    found: _Findings, doc: Document, start_written: Written, end_written: Written | None, zone_name: str
) -> Times | None:
    """Read ``start``/``end``; check existence, order, DST gaps and folds."""
    zone = ZoneInfo(zone_name)
    start = found.moment(start_written, Role.START, zone)
    if start is None:
        if end_written is not None:
            # Every problem in one run: how the end is written can be checked without its start.
            found.moment(end_written, Role.END, ZoneInfo("UTC"), day=_ANY_DAY)
        return None
    all_day = not isinstance(start, datetime)
    if end_written is None:
        if not all_day and "end" not in doc.fields:
            # Whether a title or text means several days cannot be told; a time without an
            # end can: calendars show it as a moment (DTEND = DTSTART), or refuse it.
            found.add(
                TimeCode.MISSING_END,
                doc.path,
                start_written.spot.line,
                "end",
                MISSING_END,
                'end: "HH:MM" (am selben Tag) oder end: "JJJJ-MM-TT HH:MM" (an einem späteren Tag)',
                severity=Severity.WARNING,
            )
        return start, (start if all_day else None), all_day
    end = found.moment(end_written, Role.END, zone, day=None if all_day else day_of(start))
    if end is None:
        return None
    end_line = end_written.spot.line
    if all_day != (not isinstance(end, datetime)):
        expected = "ein Datum JJJJ-MM-TT (letzter Tag)" if all_day else '"JJJJ-MM-TT HH:MM" oder "HH:MM"'
        found.add(
            TimeCode.END_SHAPE,
            doc.path,
            end_line,
            "end",
            "Ende passt nicht zum Beginn (ganztägig und mit Uhrzeit gemischt)",
            expected,
        )
        return None
    if all_day and end < start:
        found.add(
            TimeCode.LAST_DAY_BEFORE_START,
            doc.path,
            end_line,
            "end",
            f"Letzter Tag {end.isoformat()} liegt vor dem Beginn {start.isoformat()}",
            f"ein Datum ab {start.isoformat()}",
        )
        return None
    if not all_day and end <= start:
        found.add(
            TimeCode.END_NOT_AFTER_START,
            doc.path,
            end_line,
            "end",
            f"Ende {end.strftime('%Y-%m-%d %H:%M')} liegt nicht nach dem Beginn {start.strftime('%Y-%m-%d %H:%M')}",
            "ein Zeitpunkt nach dem Beginn",
        )
        return None
    return start, end, all_day


def _series(
    found: _Findings,
    doc: Document,
    data: dict[str, Any],
    start_written: Written,
    times: Times,
    zone_name: str,
    horizon: int,
) -> Series | None:
    """Check ``repeat`` against ``freq``, the start, and its own dates; the ``Series`` or ``None``."""
    path = doc.path
    start, end, all_day = times
    first = day_of(start)
    fields = doc.fields["repeat"].data

    def line(name: str) -> int:
        return int(fields[name].line if name in fields else doc.fields["repeat"].line)

    before = found.errors
    freq = data["freq"]
    byday_lines = dict(data.get("byday", ()))
    byday = tuple(byday_lines)
    bymonthday = data.get("bymonthday", ())
    if byday and freq not in ("weekly", "monthly"):
        found.add(
            SeriesCode.BYDAY_FREQ,
            path,
            line("byday"),
            "repeat.byday",
            f"Wochentage passen nicht zu freq: {freq}",
            "byday nur bei weekly oder monthly",
        )
    if bymonthday and freq != "monthly":
        found.add(
            SeriesCode.BYMONTHDAY_FREQ,
            path,
            line("bymonthday"),
            "repeat.bymonthday",
            f"Tage im Monat passen nicht zu freq: {freq}",
            "bymonthday nur bei monthly",
        )
    if byday and bymonthday:
        found.add(
            SeriesCode.BYDAY_AND_BYMONTHDAY,
            path,
            line("bymonthday"),
            "repeat.bymonthday",
            "byday und bymonthday zusammen",
            "nur eines von beiden",
        )
    for rule, at in byday_lines.items():
        code = recurrence.WEEKDAY_CODES[rule.weekday]
        if freq == "weekly" and rule.ordinal:
            found.add(
                SeriesCode.WEEKLY_WITH_NUMBER,
                path,
                at,
                "repeat.byday",
                f"„{rule.ordinal}{code}“: bei weekly gilt jeder Wochentag ohne Nummer",
                f"[{code}]",
            )
        if freq == "monthly" and not rule.ordinal:
            found.add(
                SeriesCode.MONTHLY_WITHOUT_NUMBER,
                path,
                at,
                "repeat.byday",
                f"„{code}“: bei monthly braucht der Wochentag eine Nummer",
                f'z. B. ["1{code}"] für den ersten, ["-1{code}"] für den letzten im Monat',
            )
    until = None
    if "until" in data:
        until = found.day(data["until"], Role.UNTIL)
        if until is not None and until < first:
            found.add(
                SeriesCode.UNTIL_BEFORE_START,
                path,
                line("until"),
                "repeat.until",
                f"Letzter Tag {until.isoformat()} liegt vor dem Beginn {first.isoformat()}",
                f"ein Datum ab {first.isoformat()}",
            )
    count = data.get("count")
    if count is not None and "until" in data:
        found.add(
            SeriesCode.COUNT_AND_UNTIL,
            path,
            line("count"),
            "repeat.count",
            "count und until zusammen",
            "nur eines von beiden: until (letzter Tag) oder count (Anzahl der Termine)",
        )
    if found.errors != before or ("until" in data and until is None):
        return None
    series = Series(freq, data.get("interval", 1), byday, bymonthday, until, count)
    probe = replace(series, last_rule_day=None, until=None, count=None)
    if not recurrence.is_rule_day(probe, first, first):
        following = next(recurrence.rule_days(probe, first, first, date(LAST_YEAR, 12, 31)), None)
        hint = (
            f"den ersten Termin der Reihe als start, z. B. {following.isoformat()}"
            if following
            else "einen Beginn, der zur Regel passt"
        )
        found.add(
            SeriesCode.START_NOT_OCCURRENCE,
            path,
            start_written.spot.line,
            start_written.spot.label,
            (
                f"Beginn {first.isoformat()} ({DAY_NAMES[first.weekday()]}) "
                f"ist kein Termin der Reihe „{_rule_words(series, start, end)}“"
            ),
            hint,
        )
        return None
    series = replace(series, last_rule_day=recurrence.compute_last_rule_day(series, first))
    _season_warnings(found, path, line, series, first)
    shape = _Shape(when_of(start, end))
    cancelled = _series_days(found, path, "repeat.except", data.get("except", ()), series, first)
    moves = _moves(found, path, data.get("moved", ()), series, first, shape, ZoneInfo(zone_name), set(cancelled or ()))
    if cancelled is None or moves is None:
        return None
    series = replace(series, cancelled=cancelled, moved=moves)
    if not _series_times(
        found, path, start_written.spot.line, doc.fields["repeat"].line, series, first, shape, horizon
    ):
        return None
    if series.last_rule_day is None:
        return series
    # The last occurrence: the rule's last one that was not moved, or a moved one.
    ends = [m.when.last_day for m in moves]
    moved_days = {m.original for m in moves}
    last_rule: date | None = series.last_rule_day
    while last_rule is not None and last_rule in moved_days:
        last_rule = recurrence.neighbours(series, first, last_rule)[0]
    if last_rule is not None:
        ends.append(shape.when.on(last_rule).last_day)
    return replace(series, last_day=max(ends))


def _season_warnings(found: _Findings, path: str, line: Callable[[str], int], series: Series, first: date) -> None:
    """Rules that skip some months or years without saying so (RFC 5545 ignores invalid dates)."""
    if series.freq == "monthly" and not series.byday:
        late = [n for n in (series.bymonthday or (first.day,)) if n > 28]
        if late:
            found.add(
                SeriesCode.DAY_MISSING_IN_SHORT_MONTHS,
                path,
                line("bymonthday" if series.bymonthday else "freq"),
                "repeat",
                f"Den {late[0]}. gibt es nicht in jedem Monat: in kürzeren Monaten fällt der Termin aus",
                "bymonthday: [-1] für den letzten Tag jedes Monats, wenn das gemeint ist",
                severity=Severity.WARNING,
            )
    if series.freq == "yearly" and (first.month, first.day) == (2, 29):
        found.add(
            SeriesCode.LEAP_DAY,
            path,
            line("freq"),
            "repeat",
            "Den 29. Februar gibt es nur in Schaltjahren: in den anderen Jahren fällt der Termin aus",
            "",
            severity=Severity.WARNING,
        )


def _series_days(
    found: _Findings, path: str, label: str, days: tuple[tuple[date, int], ...], series: Series, first: date
) -> tuple[date, ...] | None:
    """Days that must each be an occurrence of the series (``except``)."""
    ok = True
    for day, at in days:
        if not recurrence.is_rule_day(series, first, day):
            found.add(
                SeriesCode.NO_OCCURRENCE,
                path,
                at,
                label,
                _no_occurrence(series, first, day),
                _nearby(series, first, day),
            )
            ok = False
    return tuple(sorted(day for day, _ in days)) if ok else None


def _moves(
    found: _Findings,
    path: str,
    entries: Iterable[Mapping[str, Any]],
    series: Series,
    first: date,
    shape: _Shape,
    zone: ZoneInfo,
    cancelled: set[date],
) -> tuple[Move, ...] | None:
    result: list[Move] = []
    seen: set[date] = set()
    ok = True
    for data in entries:
        written_from: Written = data["from"]
        written_start: Written = data["start"]
        where_from = (path, written_from.spot.line, written_from.spot.label)
        original = found.day(written_from, Role.MOVED_FROM)
        if original is None:
            ok = False
            continue
        if not recurrence.is_rule_day(series, first, original):
            found.add(
                SeriesCode.NO_OCCURRENCE,
                *where_from,
                _no_occurrence(series, first, original),
                _nearby(series, first, original),
            )
            ok = False
        elif original in cancelled:
            found.add(
                SeriesCode.MOVED_AND_CANCELLED,
                *where_from,
                f"Der Termin am {original.isoformat()} ist schon abgesagt (except)",
                "ihn entweder absagen oder verlegen",
            )
            ok = False
        elif original in seen:
            found.add(
                SeriesCode.MOVED_TWICE,
                *where_from,
                f"Der Termin am {original.isoformat()} ist zweimal verlegt",
                "je Termin ein Eintrag",
            )
            ok = False
        seen.add(original)
        where_start = (path, written_start.spot.line, written_start.spot.label)
        start = found.moment(written_start, Role.MOVED_START, zone)
        if start is None:
            ok = False
            continue
        if isinstance(start, datetime) == shape.when.all_day:
            expected = (
                "ein Datum JJJJ-MM-TT (die Reihe ist ganztägig)"
                if shape.when.all_day
                else '"JJJJ-MM-TT HH:MM" (die Reihe hat Uhrzeiten)'
            )
            found.add(
                SeriesCode.MOVED_SHAPE,
                *where_start,
                "Verlegter Termin passt nicht zur Reihe (ganztägig und mit Uhrzeit gemischt)",
                expected,
            )
            ok = False
            continue
        # Written without an end, a moved occurrence lasts as long as the others.
        end = same_length_from(shape.when, start).end
        if "end" in data:
            written_end: Written = data["end"]
            where_end = (path, written_end.spot.line, written_end.spot.label)
            end = found.moment(
                written_end, Role.MOVED_END, zone, day=start.date() if isinstance(start, datetime) else None
            )
            if end is None:
                ok = False
                continue
            if isinstance(end, datetime) != isinstance(start, datetime):
                found.add(
                    SeriesCode.MOVED_END_SHAPE,
                    *where_end,
                    "Ende passt nicht zum Beginn (ganztägig und mit Uhrzeit gemischt)",
                    "wie end der Reihe",
                )
                ok = False
                continue
            if (end < start) if shape.when.all_day else (end <= start):

                def shown(moment: date | datetime) -> str:
                    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else moment.isoformat()

                found.add(
                    SeriesCode.MOVED_END_BEFORE_START,
                    *where_end,
                    f"Verlegter Termin endet ({shown(end)}) vor seinem Beginn ({shown(start)})",
                    "ein Ende nach dem neuen Beginn",
                )
                ok = False
                continue
        elif isinstance(end, datetime) and local_problem(end):
            found.add(
                SeriesCode.MOVED_END_IN_CLOCK_GAP,
                *where_start,
                (
                    f"Das Ende {end:%Y-%m-%d %H:%M} (so lang wie die anderen "
                    f"Termine) gibt es in {zone.key} nicht (Umstellung auf Sommerzeit)"
                ),
                "end angeben",
            )
            ok = False
            continue
        result.append(Move(original, when_of(start, end)))
    return tuple(sorted(result, key=lambda m: m.original)) if ok else None


def _series_times(
    found: _Findings, path: str, line: int, repeat_line: int, series: Series, first: date, shape: _Shape, horizon: int
) -> bool:
    """Bounded: the occurrences within the horizon from the start, at most MAX_OCCURRENCES + 1,
    are counted and their local times checked (the rule repeats, so one horizon shows them all)."""
    window_end = min(first + timedelta(days=max(horizon - 1, 0)), date(LAST_YEAR, 12, 31))
    last = min(window_end, series.last_rule_day or window_end)
    limit = recurrence.MAX_OCCURRENCES
    days = list(islice(recurrence.rule_days(series, first, first, last), limit + 1))
    if len(days) > limit:
        found.add(
            SeriesCode.TOO_MANY,
            path,
            repeat_line,
            "repeat",
            f"Mehr als {_thousands(limit)} Termine innerhalb von {_thousands(horizon)} Tagen",
            f"höchstens {_thousands(limit)} Termine in diesem Zeitraum (größeres interval, until oder count)",
        )
        return False
    if shape.when.all_day:
        return True
    warned = False
    for day in days:
        occurrence = shape.when.on(day)
        for moment in (occurrence.start, occurrence.end):
            if not isinstance(moment, datetime):
                continue
            problem = local_problem(moment)
            if problem == "gap":
                found.add(
                    SeriesCode.OCCURRENCE_IN_CLOCK_GAP,
                    path,
                    line,
                    "start",
                    (
                        f"Die Uhrzeit {moment:%H:%M} gibt es am {moment:%Y-%m-%d} in {moment.tzinfo} "
                        "nicht (Umstellung auf Sommerzeit): ein Termin der Reihe fiele hinein"
                    ),
                    "eine Uhrzeit vor oder nach der Zeitumstellung",
                )
                return False
            if problem == "fold" and not warned:
                found.add(
                    SeriesCode.OCCURRENCE_IN_CLOCK_FOLD,
                    path,
                    line,
                    "start",
                    (
                        f"Die Uhrzeit {moment:%H:%M} gibt es am {moment:%Y-%m-%d} in {moment.tzinfo} "
                        "zweimal (Umstellung auf Winterzeit); verwendet wird die erste (Sommerzeit)"
                    ),
                    "eine eindeutige Uhrzeit",
                    severity=Severity.WARNING,
                )
                warned = True
    return True


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
