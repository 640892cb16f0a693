"""``daten/veranstaltungen.jsonld``: the rows of the events table as linked data.

Each date is a schema.org ``Event`` (what the event pages carry, from
``structured_data``) that is also a CPEV ``PublicEvent`` (SEMIC Core Public Event
Vocabulary 1.1.0, a SEMIC Recommendation since 2024-05-06), with the CPEV terms that
map cleanly onto the content contract (``CPEV_TERMS``). The context is written inline:
a consumer expands the file without fetching anything, and schema.org's terms expand as
its own context expands them (``http://schema.org/``), so these triples and those of the
event pages name the same properties.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from quartier.config import SiteConfig
from quartier.content.model import Site
from quartier.render.opendata.tables import EventRow, moment
from quartier.render.structured_data import ATTENDANCE_MODE, EVENT_STATUS, event_data
from quartier.text.json_types import JsonObject

SCHEMA = "http://schema.org/"
CV = "http://data.europa.eu/m8g/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/DEU"
"""German in the Publications Office's language table (CPEV's dct:language, DCAT-AP's too)."""

CONTEXT: JsonObject = {
    "@vocab": SCHEMA,
    "schema": SCHEMA,
    "cv": CV,
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    # schema.org's own context types these as IRIs; the enumeration members are terms.
    "eventStatus": {"@type": "@vocab"},
    "eventAttendanceMode": {"@type": "@vocab"},
    "url": {"@type": "@id"},
}

CPEV_TERMS: tuple[tuple[str, str], ...] = (
    ("cv:PublicEvent", "every event is also a PublicEvent"),
    ("dct:title", "title (German)"),
    ("dct:description", "summary (German)"),
    ("dct:language", "German, as the Publications Office's IRI"),
    ("foaf:homepage", "the event's page"),
    ("cv:registrationPage", "registration, where given"),
    ("locn:address", "the venue's address: locn:Address with full address, street, postcode, town, Land, country"),
    ("cv:contactPoint", "cv:ContactPoint with cv:email, where the organizer gives an e-mail address"),
    ("time:hasTime", "start and end as OWL-Time instants (xsd:dateTimeStamp, or xsd:date all day)"),
)
"""The CPEV terms written, each with what it carries (the README lists them, and the ones left out)."""


def _german(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "de"}


def _instant(value: date | datetime) -> JsonObject:
    if isinstance(value, datetime):
        return {
            "@type": "time:Instant",
            "time:inXSDDateTimeStamp": {"@value": moment(value), "@type": "xsd:dateTimeStamp"},
        }
    return {"@type": "time:Instant", "time:inXSDDate": {"@value": value.isoformat(), "@type": "xsd:date"}}


def _schema_term(iri: str) -> str:
    """``https://schema.org/EventScheduled`` (as the pages write it) → ``EventScheduled``."""
    return iri.rsplit("/", 1)[1]


def event_node(row: EventRow, site: Site, config: SiteConfig) -> JsonObject:
    event = row.event
    status = "moved" if row.status == "rescheduled" else row.status
    page = config.absolute_url(event.url_path)
    node: JsonObject = {"@id": row.url if "#" in row.url else page + "#veranstaltung"}
    data = event_data(event, row.when, status, page, row.url)
    data.pop("@context")
    data["@type"] = ["Event", "cv:PublicEvent"]
    # The terms of the IRIs event_data wrote, from the same tables (not read back from the object).
    data["eventStatus"] = _schema_term(EVENT_STATUS[status])
    data["eventAttendanceMode"] = _schema_term(ATTENDANCE_MODE[event.format])
    if row.previous_starts:
        data["previousStartDate"] = [moment(value) for value in row.previous_starts]
    node.update(data)
    # CPEV (cv:, dct:, locn:, time:): what the contract says, nothing guessed.
    node["dct:title"] = _german(event.title)
    if event.summary:
        node["dct:description"] = _german(event.summary)
    node["dct:language"] = {"@id": LANGUAGE}
    node["foaf:homepage"] = {"@id": page}
    if event.registration:
        node["cv:registrationPage"] = {"@id": event.registration}
    if event.venue is not None and event.format != "online":
        venue = event.venue
        street, postcode = venue.street_and_postcode
        address: JsonObject = {"@type": "locn:Address", "locn:fullAddress": _german(venue.full_address)}
        if street:
            address["locn:thoroughfare"] = _german(street)
        if postcode:
            address["locn:postCode"] = postcode
        address["locn:postName"] = _german(venue.city.name)
        if venue.city.state:
            address["locn:adminUnitL2"] = _german(venue.city.state)
        address["locn:adminUnitL1"] = _german("Deutschland")  # every city of the contract is German
        node["locn:address"] = address
    if event.organizer is not None and event.organizer.email:
        node["cv:contactPoint"] = {"@type": "cv:ContactPoint", "cv:email": event.organizer.email}
    interval: JsonObject = {"time:hasBeginning": _instant(row.when.start)}
    if row.when.end is not None:
        interval["@type"] = "time:ProperInterval"
        interval["time:hasEnd"] = _instant(row.when.end)
    else:
        interval["@type"] = "time:Interval"
    node["time:hasTime"] = interval
    return node


def events_jsonld(rows: Sequence[EventRow], site: Site, config: SiteConfig) -> bytes:
    # One event per line: compact for thousands of dates, and a diff shows which one changed.
    lines = [json.dumps(event_node(row, site, config), ensure_ascii=False, separators=(",", ":")) for row in rows]
    head = json.dumps(CONTEXT, ensure_ascii=False, separators=(",", ":"))
    return ('{"@context":' + head + ',"@graph":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


__all__ = ["CONTEXT", "CPEV_TERMS", "LANGUAGE", "event_node", "events_jsonld"]
