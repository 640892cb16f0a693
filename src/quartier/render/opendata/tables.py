"""The rows and columns of the open data: one declaration for the CSV files, the JSON-LD,
the catalog's descriptions and the /daten/ page.

An event table row is one date: a single event once, a series once per date in the feed
window (from ``feed_past_days`` before today to the horizon, ``repeat_horizon_days``), the
days a subscriber's calendar shows. Single events are all in it, past ones too: the site's
archive is public, and a table that forgot them would say less than the pages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

from quartier.config import SiteConfig
from quartier.content.history import Revision
from quartier.content.model import Event, Occurrence, Program, Project, Site, listing_order
from quartier.content.recurrence import horizon_days, occurrence_anchor, occurrences
from quartier.content.when import When

Row = TypeVar("Row")

LIST_SEPARATOR = " | "
"""Between the values of a list cell (programs, earlier starts): a character no title uses."""

BOM = "\ufeff"
"""UTF-8's byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one
(without, „Bürgerhaus“ arrives as „BÃ¼rgerhaus“)."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its name in the header, what it means (German, for the page), its value."""

    name: str
    meaning: str
    value: Callable[[Row], str]
    text: bool = False
    """Free text an editor wrote: neutralized against formulas (see ``cell``)."""


@dataclass(frozen=True)
class EventRow:
    """One date of the events table (and one object of the events' JSON-LD)."""

    event: Event
    when: When
    status: str
    """``scheduled``, ``cancelled``, ``postponed`` or ``rescheduled`` (moved: by Git for a
    single event, by ``repeat.moved`` for a date of a series)."""

    url: str
    """The page; a date of a series has its fragment (``#termin-2027-04-06``)."""

    previous_starts: tuple[date | datetime, ...] = ()


def event_rows(
    site: Site, config: SiteConfig, today: date, revisions: Mapping[str, Revision] | None = None
) -> list[EventRow]:
    """Every single event, and each date of a series in the feed window, by start."""
    revisions = revisions or {}
    since = today - timedelta(days=min(max(config.feed_past_days, 0), (today - date.min).days))
    until = today + timedelta(days=horizon_days(config) - 1)
    items: list[tuple[tuple[object, ...], EventRow]] = []
    for event in site.events:
        page = config.absolute_url(event.url_path)
        if event.repeat is None:
            revision = revisions.get(event.uid)
            previous = revision.previous_starts if revision and event.status == "scheduled" else ()
            status = "rescheduled" if previous else event.status
            items.append((listing_order(event), EventRow(event, event.when, status, page, previous)))
            continue
        for item in occurrences(event, since, until):
            items.append((listing_order(item), _occurrence_row(item, page)))
    return [row for _key, row in sorted(items, key=lambda pair: pair[0])]


def _occurrence_row(item: Occurrence, page: str) -> EventRow:
    moved = item.status == "moved"
    status = "rescheduled" if moved else item.status
    previous = (item.original_start,) if moved else ()
    return EventRow(item.event, item.when, status, f"{page}#{occurrence_anchor(item)}", previous)


def moment(value: date | datetime | None) -> str:
    """ISO 8601: a day alone for all-day events, else local time with its UTC offset."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _coordinate(value: float | None) -> str:
    return "" if value is None else repr(value)


def _programs(site: Site, slugs: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(site.program_by_slug[slug].title for slug in slugs if slug in site.program_by_slug)


def event_columns(site: Site) -> tuple[Column[EventRow], ...]:
    return (
        Column("titel", "Titel der Veranstaltung", lambda r: r.event.title, text=True),
        Column(
            "beginn",
            "Beginn: ein Tag (JJJJ-MM-TT) bei ganztägigen Veranstaltungen, sonst Ortszeit mit Abstand zu UTC "
            "(2027-05-06T18:00:00+02:00)",
            lambda r: moment(r.when.start),
        ),
        Column(
            "ende",
            "Ende in derselben Form; bei ganztägigen Veranstaltungen der letzte Tag; leer ohne angegebenes Ende",
            lambda r: moment(r.when.end),
        ),
        Column("ganztaegig", "true oder false", lambda r: "true" if r.when.all_day else "false"),
        Column(
            "status",
            "scheduled (findet statt), cancelled (abgesagt), postponed (verschoben, neuer Termin offen), "
            "rescheduled (verschoben auf den angegebenen Termin)",
            lambda r: r.status,
        ),
        Column(
            "vorheriger_beginn",
            f"Bei rescheduled: die früheren Termine, ältester zuerst, getrennt durch „{LIST_SEPARATOR.strip()}“",
            lambda r: LIST_SEPARATOR.join(moment(value) for value in r.previous_starts),
        ),
        Column("format", "in-person (vor Ort), online oder hybrid", lambda r: r.event.format),
        Column("ort", "Name des Veranstaltungsorts", lambda r: r.event.venue.name if r.event.venue else "", text=True),
        Column(
            "adresse",
            "Straße, Hausnummer und Postleitzahl",
            lambda r: r.event.venue.address_without_city if r.event.venue else "",
            text=True,
        ),
        Column("stadt", "Stadt", lambda r: r.event.venue.city.name if r.event.venue else "", text=True),
        Column(
            "breitengrad",
            "Breitengrad des Orts (WGS 84, Dezimalpunkt), wenn angegeben",
            lambda r: _coordinate(r.event.venue.lat if r.event.venue else None),
        ),
        Column(
            "laengengrad",
            "Längengrad des Orts (WGS 84, Dezimalpunkt), wenn angegeben",
            lambda r: _coordinate(r.event.venue.lon if r.event.venue else None),
        ),
        Column(
            "programme",
            f"Titel der Programme, getrennt durch „{LIST_SEPARATOR.strip()}“",
            lambda r: _programs(site, r.event.programs),
            text=True,
        ),
        Column(
            "veranstalter",
            "Name des Veranstalters",
            lambda r: r.event.organizer.name if r.event.organizer else "",
            text=True,
        ),
        Column("url", "Seite der Veranstaltung (bei Terminreihen mit dem Termin als Anker)", lambda r: r.url),
        Column(
            "uid",
            "Kennung der Veranstaltung, dieselbe wie in den Kalender-Abos (UID); bei Terminreihen für alle Termine",
            lambda r: r.event.uid,
        ),
    )


def project_columns(site: Site, config: SiteConfig) -> tuple[Column[Project], ...]:
    return (
        Column("titel", "Titel des Projekts", lambda p: p.title, text=True),
        Column("stadt", "Stadt", lambda p: p.city.name, text=True),
        Column(
            "programme",
            f"Titel der Programme, getrennt durch „{LIST_SEPARATOR.strip()}“",
            lambda p: _programs(site, p.programs),
            text=True,
        ),
        Column("status", "active (läuft) oder completed (abgeschlossen)", lambda p: p.status),
        Column("beginn_jahr", "Jahr des Beginns, wenn angegeben", lambda p: str(p.start_year or "")),
        Column("ende_jahr", "Jahr des Endes, wenn angegeben", lambda p: str(p.end_year or "")),
        Column("traeger", "Träger des Projekts", lambda p: p.organization or "", text=True),
        Column("website", "Website des Projekts", lambda p: p.website or ""),
        Column("breitengrad", "Breitengrad (WGS 84), wenn angegeben", lambda p: _coordinate(p.lat)),
        Column("laengengrad", "Längengrad (WGS 84), wenn angegeben", lambda p: _coordinate(p.lon)),
        Column("zusammenfassung", "Kurzbeschreibung", lambda p: p.summary, text=True),
        Column("url", "Seite des Projekts", lambda p: config.absolute_url(p.url_path)),
    )


def program_columns(config: SiteConfig) -> tuple[Column[Program], ...]:
    return (
        Column("titel", "Titel des Programms", lambda p: p.title, text=True),
        Column("foerdergeber", "Wer das Programm fördert, wenn angegeben", lambda p: p.funder or "", text=True),
        Column("region", "Gebiet, in dem das Programm fördert, wenn angegeben", lambda p: p.region or "", text=True),
        Column("website", "Website des Programms", lambda p: p.website or ""),
        Column("zusammenfassung", "Kurzbeschreibung", lambda p: p.summary, text=True),
        Column("url", "Seite des Programms", lambda p: config.absolute_url(p.url_path)),
    )


def cell(column: Column[Row], row: Row) -> str:
    """The value as the file has it. A text that begins like a formula (``=``, ``+``,
    ``-``, ``@``) is written with a leading apostrophe: spreadsheet programs would run it
    (OWASP, "CSV Injection"). The JSON-LD keeps every text as written."""
    value = column.value(row)
    if column.text and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> bytes:
    """RFC 4180: comma-separated, CRLF line ends, fields quoted where they need it; UTF-8
    with a BOM. The same rows give the same bytes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([cell(column, row) for column in columns])
    return (BOM + out.getvalue()).encode("utf-8")


__all__ = [
    "BOM",
    "Column",
    "EventRow",
    "LIST_SEPARATOR",
    "cell",
    "csv_bytes",
    "event_columns",
    "event_rows",
    "moment",
    "program_columns",
    "project_columns",
]
