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
from datetime import tzinfo
from functools import cache
from typing import Any

import icalendar
from icalendar import Parameters, vDuration, vGeo, vRecur
from icalendar.timezone.tzid import tzid_from_tzinfo

# -- properties: (name, kind, value, parameters) --------------------------------

TEXT, URI, DATETIME, DATE, INTEGER, GEO, CATEGORIES, CAL_ADDRESS, DURATION, RECUR = (
    "text",
    "uri",
    "date-time",
    "date",
    "integer",
    "geo",
    "categories",
    "cal-address",
    "duration",
    "recur",
)

Prop = tuple[str, str, Any, tuple[tuple[str, str], ...]]
"""One content line before encoding; parameters as sorted ``(name, value)`` pairs."""

EVENT_ORDER = icalendar.Event.canonical_order
CALENDAR_ORDER = icalendar.Calendar.canonical_order


def canonical(props: list[Prop], order: tuple[str, ...]) -> list[Prop]:
    """icalendar's property order: the component's canonical names first, then A–Z."""
    rank = {name: i for i, name in enumerate(order)}
    return sorted(props, key=lambda p: (0, rank[p[0]], "") if p[0] in rank else (1, 0, p[0]))


RecurKey = tuple[tuple[str, Any], ...]
"""An RRULE's parts as a hashable tuple."""


def recur_key(value: dict[str, Any]) -> RecurKey:
    """An RRULE as a hashable value (encoded lines are cached by property)."""
    return tuple((key, tuple(item) if isinstance(item, list) else item) for key, item in value.items())


def recur_dict(key: RecurKey) -> dict[str, Any]:
    return {name: list(item) if isinstance(item, tuple) else item for name, item in key}


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
    if kind == TEXT:
        text = escape_text(value)
    elif kind == URI:
        text = value
    elif kind == DATETIME:
        tzid = tzid_of(value.tzinfo)
        text = f"{value.year:04}{value.month:02}{value.day:02}T{value.hour:02}{value.minute:02}{value.second:02}"
        if tzid == "UTC":
            text += "Z"
        else:
            params = (("TZID", tzid),)
    elif kind == DATE:
        text = f"{value.year:04}{value.month:02}{value.day:02}"
        params = (("VALUE", "DATE"),)
    elif kind == INTEGER:
        text = str(value)
    elif kind == CATEGORIES:
        text = ",".join(escape_text(item) for item in value)
    elif kind == GEO:
        text = str(vGeo(value).to_ical())
    elif kind == DURATION:
        text = bytes(vDuration(value).to_ical()).decode("ascii")
    elif kind == CAL_ADDRESS:
        text = value
    elif kind == RECUR:
        text = _recur_text(value)
    else:  # pragma: no cover - a programming error
        raise ValueError(f"unknown property kind {kind}")
    head = name
    if params:
        head = f"{name};{_parameters(params)}"
    return fold(f"{head}:{text}")


@cache
def _recur_text(key: RecurKey) -> str:
    return bytes(vRecur(recur_dict(key)).to_ical()).decode("ascii")


def encode_component(component: str, props: Iterable[Prop]) -> bytes:
    """``BEGIN:<component>``, the properties, ``END:<component>``, each ending in CRLF."""
    lines = [b"BEGIN:" + component.encode("ascii")]
    lines += [encode_property(p) for p in props]
    lines.append(b"END:" + component.encode("ascii"))
    return b"\r\n".join(lines) + b"\r\n"
