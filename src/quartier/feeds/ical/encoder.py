"""The iCalendar encoder: properties as ``(name, kind, value, parameters)`` → bytes.

Writing
    The serialization is exactly what icalendar 7 writes for the same components
    (property order, escaping, parameter quoting, folding at 75 octets between UTF-8
    characters, CRLF); ``reference_feeds()`` builds every file as icalendar ``Calendar``
    objects and the tests require byte equality. The files themselves are written by a
    small encoder here because building 10,000 icalendar ``Event`` objects
    and calling ``to_ical()`` takes about 3 s, and every VEVENT is encoded once and
    reused by all feeds that contain it. VTIMEZONE and the icalendar-specific parameter
    quoting still come from icalendar itself. One deliberate difference: icalendar
    turns the two characters ``\\N`` in a text into a line break (its escaping first
    replaces ``\\N`` by a newline); this module keeps them as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from functools import cache
from typing import NamedTuple

import icalendar
from icalendar import Parameters, vDuration, vGeo
from icalendar.timezone.tzid import tzid_from_tzinfo

from quartier.feeds.ical.rrule import Recur, RecurPart, recur_text

# -- properties: (name, kind, value, parameters) --------------------------------


class ValueType(StrEnum):
    """How a property's value is written (RFC 5545 3.3's value types, plus two lists)."""

    TEXT = "text"
    URI = "uri"
    DATETIME = "date-time"
    DATE = "date"
    INTEGER = "integer"
    GEO = "geo"
    CATEGORIES = "categories"
    CAL_ADDRESS = "cal-address"
    DURATION = "duration"
    RECUR = "recur"


TEXT, URI, DATETIME, DATE = ValueType.TEXT, ValueType.URI, ValueType.DATETIME, ValueType.DATE
INTEGER, GEO, CATEGORIES = ValueType.INTEGER, ValueType.GEO, ValueType.CATEGORIES
CAL_ADDRESS, DURATION, RECUR = ValueType.CAL_ADDRESS, ValueType.DURATION, ValueType.RECUR

RecurKey = tuple[tuple[str, RecurPart], ...]
"""An RRULE's parts as a hashable tuple."""

PropValue = str | int | date | timedelta | tuple[float, float] | tuple[str, ...] | RecurKey
"""TEXT, URI and CAL-ADDRESS a ``str``; DATE-TIME an aware ``datetime``, DATE a ``date``;
INTEGER an ``int``; GEO ``(lat, lon)``; CATEGORIES the names; DURATION a ``timedelta``;
RECUR a ``RecurKey`` (hashable: encoded lines are cached by property)."""


class Prop(NamedTuple):
    """One content line before encoding."""

    name: str
    kind: ValueType
    value: PropValue
    params: tuple[tuple[str, str], ...] = ()
    """Sorted ``(name, value)`` pairs."""


EVENT_ORDER = icalendar.Event.canonical_order
CALENDAR_ORDER = icalendar.Calendar.canonical_order


def canonical(props: list[Prop], order: tuple[str, ...]) -> list[Prop]:
    """icalendar's property order: the component's canonical names first, then A–Z."""
    rank = {name: i for i, name in enumerate(order)}
    return sorted(props, key=lambda p: (0, rank[p.name], "") if p.name in rank else (1, 0, p.name))


def recur_key(value: Recur) -> RecurKey:
    """An RRULE as a hashable value (encoded lines are cached by property)."""
    return tuple(value.items())


def recur_dict(key: RecurKey) -> dict[str, RecurPart]:
    return dict(key)


# -- the encoder ------------------------------------------------------------------


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping (icalendar's, without its ``\\N`` → newline step)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded like icalendar 7 does it.

    Each physical line holds at most 74 octets after the leading space, is never cut
    inside a UTF-8 sequence, and a backslash or caret that would end a physical line
    moves to the next one (icalendar issue #1501: some readers choke on a split escape).
    """
    data = line.encode("utf-8")
    size = len(data)
    if size < 75:
        return data
    chunks = []
    start = 0
    while size - start > 74:
        end = start + 74
        while data[end] & 0xC0 == 0x80:
            end -= 1
        if end - start > 1 and data[end - 1] in (0x5C, 0x5E):
            end -= 1
        chunks.append(data[start:end])
        start = end
    chunks.append(data[start:])
    return b"\r\n ".join(chunks)


_TZID: dict[tzinfo, str] = {}


def tzid_of(zone: tzinfo) -> str:
    """The TZID icalendar writes for ``zone``; ``UTC`` means "write ...Z"."""
    tzid = _TZID.get(zone)
    if tzid is None:
        tzid = tzid_from_tzinfo(zone) or ""
        _TZID[zone] = tzid
    return tzid


@cache
def _parameters(params: tuple[tuple[str, str], ...]) -> str:
    return Parameters(dict(params)).to_ical().decode("utf-8") if params else ""


def encode_property(prop: Prop) -> bytes:
    name, kind, value, params = prop
    text = _value_text(kind, value)
    if kind is ValueType.DATETIME:
        assert isinstance(value, datetime) and value.tzinfo is not None
        tzid = tzid_of(value.tzinfo)
        if tzid == "UTC":
            text += "Z"
        else:
            params = (("TZID", tzid),)
    elif kind is ValueType.DATE:
        params = (("VALUE", "DATE"),)
    head = name
    if params:
        head = f"{name};{_parameters(params)}"
    return fold(f"{head}:{text}")


def _value_text(kind: ValueType, value: PropValue) -> str:
    """The value as RFC 5545 writes it (a DATE-TIME without its ``Z``)."""
    match kind:
        case ValueType.TEXT:
            assert isinstance(value, str)
            return escape_text(value)
        case ValueType.URI | ValueType.CAL_ADDRESS:
            assert isinstance(value, str)
            return value
        case ValueType.DATETIME:
            assert isinstance(value, datetime)
            return f"{value.year:04}{value.month:02}{value.day:02}T{value.hour:02}{value.minute:02}{value.second:02}"
        case ValueType.DATE:
            assert isinstance(value, date)
            return f"{value.year:04}{value.month:02}{value.day:02}"
        case ValueType.INTEGER:
            assert isinstance(value, int)
            return str(value)
        case ValueType.CATEGORIES:
            assert isinstance(value, tuple)
            return ",".join(escape_text(str(item)) for item in value)
        case ValueType.GEO:
            assert isinstance(value, tuple) and len(value) == 2
            lat, lon = value
            assert isinstance(lat, float | int) and isinstance(lon, float | int)
            return str(vGeo((lat, lon)).to_ical())
        case ValueType.DURATION:
            assert isinstance(value, timedelta)
            return bytes(vDuration(value).to_ical()).decode("ascii")
        case ValueType.RECUR:
            assert isinstance(value, tuple)
            return _recur_text(value)


@cache
def _recur_text(key: RecurKey) -> str:
    return recur_text(recur_dict(key))


def encode_component(component: str, props: Iterable[Prop]) -> bytes:
    """``BEGIN:<component>``, the properties, ``END:<component>``, each ending in CRLF."""
    lines = [b"BEGIN:" + component.encode("ascii")]
    lines += [encode_property(p) for p in props]
    lines.append(b"END:" + component.encode("ascii"))
    return b"\r\n".join(lines) + b"\r\n"
