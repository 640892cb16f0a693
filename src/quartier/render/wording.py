"""The words for an event's status and its place: one home for every output.

Pages, listings, the search index, the feeds, the calendar links and the change report
all say "abgesagt" and "Essen / Online" from here, so a hybrid event reads the same on
its page, in its feed and in the calendar a visitor adds it to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from quartier.content.model import EventFormat, EventStatus, Occurrence, OccurrenceStatus, Venue
from quartier.content.when import When
from quartier.text.german_dates import clock, day_month, event_when, long_date


@dataclass(frozen=True)
class StatusWords:
    """How one status is said, in each place that says it."""

    badge: str
    """The label in lists and before a title: ``Abgesagt``."""

    adjective: str
    """In running text and search results: ``abgesagt``."""

    page_notice: str
    """The sentence under the label on the event's page."""

    feed_sentence: str
    """The first line of the feed's DESCRIPTION."""

    change: str
    """What the change report says when an event gets this status."""

    ical_status: str
    """RFC 5545 STATUS (3.8.1.11): CONFIRMED, TENTATIVE or CANCELLED."""

    @property
    def prefix(self) -> str:
        """Before the title in feeds and calendar links: ``Abgesagt: ``."""
        return f"{self.badge}: " if self.badge else ""


STATUS_WORDS: dict[EventStatus, StatusWords] = {
    "scheduled": StatusWords("", "", "", "", "Findet wieder statt", "CONFIRMED"),
    "cancelled": StatusWords(
        "Abgesagt",
        "abgesagt",
        "Diese Veranstaltung findet nicht statt.",
        "Diese Veranstaltung ist abgesagt.",
        "Abgesagt",
        "CANCELLED",
    ),
    "postponed": StatusWords(
        "Verschoben",
        "verschoben",
        "Diese Veranstaltung wird verschoben. Der neue Termin wird hier bekannt gegeben.",
        "Diese Veranstaltung wird verschoben. Der neue Termin wird bekannt gegeben, sobald er feststeht.",
        "Verschoben (neuer Termin offen)",
        "TENTATIVE",
    ),
}


@dataclass(frozen=True)
class FormatWords:
    """How one format is said, in each place that says it."""

    word: str
    """On badges, in search results and filters, after a count: ``vor Ort``."""

    label: str
    """The quick filter's button: ``Vor Ort``."""

    address: str
    """In addresses and on the cards (``?format=vor-ort``): no space."""


FORMAT_WORDS: dict[EventFormat, FormatWords] = {
    "in-person": FormatWords("vor Ort", "Vor Ort", "vor-ort"),
    "online": FormatWords("online", "Online", "online"),
    "hybrid": FormatWords("hybrid", "Hybrid", "hybrid"),
}


MOVED = "verlegt"
"""A single date of a series at another time (``moved``): „verlegt“, as the series page
says it. „verschoben“ stays the word of a postponed event, whose new date is open."""


def date_mark(status: EventStatus | OccurrenceStatus) -> str:
    """The word that marks one date in the month view: ``abgesagt``, ``verschoben``,
    ``verlegt``, or '' for a date that takes place as planned."""
    if status == "moved":
        return MOVED
    return STATUS_WORDS[status].adjective


def moved_from(item: Occurrence) -> str:
    """On a moved date's new day: ``verlegt vom 6. April``."""
    return f"{MOVED} vom {day_month(item.original)}"


def moved_to(item: Occurrence) -> str:
    """On a moved date's old day: ``verlegt auf Mittwoch, 7. April 2027``."""
    return f"{MOVED} auf {long_date(item.first_day)}"


def occurrence_note(item: Occurrence) -> str:
    """What a listing or series page says next to an occurrence, in German ('' when it
    takes place as the rule says): ``Entfällt``, ``Verlegt vom Dienstag, 6. April 2027``,
    ``Abgesagt`` (the whole series), ``Verschoben`` (the whole series, new dates open)."""
    if item.status == "cancelled":
        return "Abgesagt" if item.event.status == "cancelled" else "Entfällt"
    if item.status == "postponed":
        return "Verschoben"
    if item.status == "moved":
        return f"Verlegt vom {long_date(item.original)}"
    return ""


def occurrence_when(item: Occurrence) -> str:
    """``Mittwoch, 7. April 2027, 18:00–20:00 Uhr``: the occurrence's own date and time."""
    return event_when(item.when)


def change_notice(item: Occurrence) -> str:
    """A coming change of a series in a listing: ``Abgesagt: Dienstag, 6. April 2027`` or
    ``Verlegt: Dienstag, 6. April 2027 → Mittwoch, 7. April 2027, 18:00–20:00 Uhr``."""
    if item.status == "moved":
        return f"{MOVED.capitalize()}: {long_date(item.original)} → {event_when(item.when)}"
    return f"{STATUS_WORDS['cancelled'].badge}: {long_date(item.first_day)}"


RESCHEDULED = "Verschoben"
"""A single event whose start moved (Git shows it): „Verschoben vom …“. The word of a
postponed event too, whose new date is still open (``STATUS_WORDS["postponed"]``)."""


def moment_text(moment: date | datetime) -> str:
    """``Dienstag, 4. Mai 2027, 18:00 Uhr``, or the day alone for an all-day start."""
    if isinstance(moment, datetime):
        return f"{long_date(moment.date())}, {clock(moment)} Uhr"
    return long_date(moment)


def rescheduled_notice(status: EventStatus, previous: Sequence[date | datetime], when: When) -> str:
    """``Verschoben vom Dienstag, 4. Mai 2027, 18:00 Uhr auf Mittwoch, 5. Mai 2027,
    18:00–20:00 Uhr.``, with the starts before that (``zuvor geplant: …``); '' for an event
    that never moved, and for a cancelled or postponed one, whose status says what counts."""
    if not previous or status != "scheduled":
        return ""
    *earlier, latest = previous
    text = f"{RESCHEDULED} vom {moment_text(latest)} auf {event_when(when)}."
    if earlier:
        text += " Zuvor geplant: " + _joined([moment_text(moment) for moment in earlier]) + "."
    return text


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else "; ".join(words[:-1]) + " und " + words[-1]


class Placed(Protocol):
    """What the place texts read of an event (an ``Event`` or an ``Occurrence``)."""

    @property
    def venue(self) -> Venue | None: ...

    @property
    def format(self) -> EventFormat: ...

    @property
    def online_url(self) -> str | None: ...


def prefixed_title(title: str, status: EventStatus) -> str:
    """``Abgesagt: Forum``: how calendars show the event, so a cancellation is seen."""
    return STATUS_WORDS[status].prefix + title


def place_text(event: Placed) -> str:
    """The full place: the venue's address, ``<address> / Online`` for a hybrid event,
    ``Online: <link>`` (or ``Online``) for an online one. Feeds (LOCATION), calendar
    links and the page description say this."""
    if event.format == "online" or event.venue is None:
        return f"Online: {event.online_url}" if event.online_url else "Online"
    if event.format == "hybrid":
        return f"{event.venue.full_address} / Online"
    return event.venue.full_address


def place_short(event: Placed) -> str:
    """The place in a list: ``Essen``, ``Essen und online``, ``Online``."""
    if event.format == "online" or event.venue is None:
        return "Online"
    return event.venue.city.name + (" und online" if event.format == "hybrid" else "")


def place_with_venue(event: Placed) -> str:
    """The place in a search result, venue first: ``Zeche Zollverein, Essen``,
    ``ImpactHUB Ruhr, Essen und online``, ``Online``. The city is left out when the venue's
    name already says it (``STATION Berlin``)."""
    short = place_short(event)
    if event.venue is None or event.format == "online":
        return short
    if re.search(rf"(?<!\w){re.escape(event.venue.city.name)}(?!\w)", event.venue.name):
        return event.venue.name + short.removeprefix(event.venue.city.name)
    return f"{event.venue.name}, {short}"
