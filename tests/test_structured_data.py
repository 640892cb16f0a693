"""schema.org Event data: what event_json_ld says about each kind of event, and that
to_script_json keeps a title inside its <script> element."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import VENUE, ContentFolder

from quartier.render.structured_data import event_json_ld, to_script_json


def one_event(folder: ContentFolder, front_matter: str, body: str = "Text.\n"):
    folder.event("2027-01-01-test", front_matter, body)
    result = folder.validate()
    assert result.site is not None, [p.format_text() for p in result.problems]
    [event] = result.site.events
    return event_json_ld(event, result.site, folder.config())


def test_timed_in_person_event(folder: ContentFolder):
    data = one_event(
        folder,
        'title: Werkstatt\nstart: "2027-07-01 10:00"\nend: "12:30"\n'
        + VENUE
        + "organizer:\n  name: Verein\n  url: https://verein.example.org/\nsummary: Kurz.\n",
    )
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Werkstatt"
    assert data["startDate"] == "2027-07-01T10:00:00+02:00"  # local time with its UTC offset
    assert data["endDate"] == "2027-07-01T12:30:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "ImpactHUB Ruhr",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Hollestraße 1",
            "postalCode": "45127",
            "addressLocality": "Essen",
            "addressRegion": "Nordrhein-Westfalen",
            "addressCountry": "DE",
        },
    }
    assert data["organizer"] == {"@type": "Organization", "name": "Verein", "url": "https://verein.example.org/"}
    assert data["url"] == "https://quartier.example.org/veranstaltungen/2027-01-01-test/"
    assert data["description"] == "Kurz."
    assert "image" not in data


def test_winter_time_offset_and_venue_coordinates(folder: ContentFolder):
    data = one_event(folder, 'title: T\nstart: "2027-01-20 18:00"\n' + VENUE + "  lat: 51.45\n  lon: 7.01\n")
    assert data["startDate"] == "2027-01-20T18:00:00+01:00"
    assert "endDate" not in data  # no end given: none invented
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 51.45, "longitude": 7.01}


def test_all_day_event_has_dates_and_its_last_day(folder: ContentFolder):
    data = one_event(folder, "title: Tage\nstart: 2027-03-01\nend: 2027-03-03\n" + VENUE)
    assert data["startDate"] == "2027-03-01"
    assert data["endDate"] == "2027-03-03"  # the last day, not the day after (as in iCalendar)


def test_single_all_day_event_ends_on_its_day(folder: ContentFolder):
    data = one_event(folder, "title: Tag\nstart: 2027-03-01\n" + VENUE)
    assert (data["startDate"], data["endDate"]) == ("2027-03-01", "2027-03-01")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("cancelled", "https://schema.org/EventCancelled"),
        ("postponed", "https://schema.org/EventPostponed"),
    ],
)
def test_status(folder: ContentFolder, status: str, expected: str):
    data = one_event(folder, f'title: T\nstart: "2027-07-01 10:00"\nstatus: {status}\n' + VENUE)
    assert data["eventStatus"] == expected


def test_online_event_has_a_virtual_location(folder: ContentFolder):
    data = one_event(
        folder, 'title: T\nstart: "2027-07-01 10:00"\nformat: online\nonline_url: https://konferenz.example.org/x\n'
    )
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://konferenz.example.org/x"}


def test_online_event_without_link_points_to_registration_or_page(folder: ContentFolder):
    data = one_event(folder, 'title: T\nstart: "2027-07-01 10:00"\nformat: online\n')
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://quartier.example.org/veranstaltungen/2027-01-01-test/",
    }


def test_hybrid_event_has_both_locations(folder: ContentFolder):
    data = one_event(
        folder,
        'title: T\nstart: "2027-07-01 10:00"\nformat: hybrid\nonline_url: https://konferenz.example.org/x\n' + VENUE,
    )
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script"
        if self._inside:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


def test_script_json_cannot_end_its_script_element():
    hostile = {"name": "</script><script>alert(1)</script> <!-- & \u2028 >"}
    text = to_script_json(hostile)
    assert not any(c in text for c in "<>&\u2028")
    assert json.loads(text) == hostile
    parser = _Scripts()
    parser.feed(f'<script type="application/ld+json">{text}</script><p>danach</p>')
    assert len(parser.scripts) == 1 and json.loads(parser.scripts[0]) == hostile
