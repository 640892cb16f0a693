"""The iCalendar output (``quartier.feeds.ical``): bytes, parsers, time zones, window, size.

Expected instants are written out from the fixture front matter (tests/fixtures/ical_site)
and computed with zoneinfo, independently of the code under test. Every feed is read by
two parsers: the Python ``ical`` package (strict RFC 5545) and ical.js (Thunderbird's
parser, run under Node from tests/js). ``ical`` prefers its own zone data for known TZIDs,
so the VTIMEZONEs themselves are checked by ical.js, which uses the VTIMEZONE found in the
file, and in Python by icalendar's ``Timezone.to_tz(lookup_tzid=False)`` (dateutil's
tzical), which builds a tzinfo from the VTIMEZONE's rules instead of looking the name up.
(``ical``'s own ``IcsTimezoneInfo`` ignores observances that have only a DTSTART, the
fixed-offset form RFC 5545 allows, so it cannot serve as that check.)
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from ical_oracle import event_component, reference_feeds
from icalendar.parser.string import _foldline

from quartier.config import SiteConfig
from quartier.content.model import City, Event, Organizer, Site, Venue
from quartier.content.validation import validate_site
from quartier.content.when import when_of
from quartier.feeds.ical.calendars import event_ics_path, feed_paths, render_feeds
from quartier.feeds.ical.encoder import fold
from quartier.feeds.ical.vtimezone import vtimezone_component

TESTS = Path(__file__).parent
FIXTURE = TESTS / "fixtures" / "ical_site"
JS_DIR = TESTS / "js"
BENCH = TESTS.parent / "bench" / "bench_feeds.py"
SITE_URL = "https://quartier.example.org/"
TODAY = date(2027, 1, 15)
ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]


def at(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone))


def berlin(*parts: int) -> datetime:
    return at("Europe/Berlin", *parts)


# slug -> (start, end) as written in the fixture; end None: no end given (ends at its start).
EXPECTED: dict[str, tuple[date | datetime, date | datetime | None]] = {
    "2021-01-20-winterwerkstatt-essen": (berlin(2021, 1, 20, 18), berlin(2021, 1, 20, 20)),
    "2021-07-08-sommerfest-berlin": (berlin(2021, 7, 8, 17), berlin(2021, 7, 8, 22)),
    "2022-09-14-ko-kreative-transformation": (berlin(2022, 9, 14, 10), berlin(2022, 9, 14, 12)),
    "2025-03-30-fruehjahrsputz-nach-der-umstellung": (berlin(2025, 3, 30, 3), berlin(2025, 3, 30, 5)),
    "2025-10-25-nachtwanderung-ueber-die-umstellung": (berlin(2025, 10, 25, 23, 30), berlin(2025, 10, 26, 4)),
    "2026-06-29-zweihundert-tage-her": (berlin(2026, 6, 29, 10), berlin(2026, 6, 29, 12)),
    "2026-07-18-einen-tag-zu-alt": (berlin(2026, 7, 18, 22), berlin(2026, 7, 18, 23, 30)),
    "2026-07-19-gerade-noch-im-fenster": (date(2026, 7, 17), date(2026, 7, 20)),
    "2026-10-07-hundert-tage-her": (berlin(2026, 10, 7, 10), berlin(2026, 10, 7, 12)),
    "2027-01-20-sommerabend-in-sydney": (
        at("Australia/Sydney", 2027, 1, 20, 19),
        at("Australia/Sydney", 2027, 1, 20, 21),
    ),
    "2027-01-28-netzwerktreffen-abgesagt": (berlin(2027, 1, 28, 13), berlin(2027, 1, 28, 17)),
    "2027-02-02-offenes-ende": (berlin(2027, 2, 2, 19), None),
    "2027-02-11-online-forum-verschoben": (berlin(2027, 2, 11, 18), berlin(2027, 2, 11, 19, 30)),
    "2027-02-20-script-titel": (berlin(2027, 2, 20, 10), berlin(2027, 2, 20, 11)),
    "2027-03-10-praxiswerkstatt": (date(2027, 3, 10), date(2027, 3, 13)),  # last day 12th, DTEND exclusive
    "2027-04-01-online-sprechstunde": (berlin(2027, 4, 1, 16), berlin(2027, 4, 1, 17)),
    "2027-05-12-fachtag-new-york": (at("America/New_York", 2027, 5, 12, 9), at("America/New_York", 2027, 5, 12, 11)),
    "2027-06-24-projektboerse-umbenannt": (berlin(2027, 6, 24, 14), berlin(2027, 6, 24, 19)),
}

HOSTILE_TITLE = '<script>alert(1)</script> Komma, Semikolon; Backslash \\ und "Zitat" 🎉'
HOSTILE_ORGANIZER = 'Verein "Zukunft"; Komma, Doppelpunkt: ja ^ Caret'
HOSTILE_SUMMARY = (
    "Komma, Semikolon; Backslash \\ und \\N und \\n als Text, \"doppelte\" und 'einfache' Anführungszeichen, "
    "<b>kein HTML</b> 🎉 äöüß"
)


def test_expected_table_is_right_in_utc():
    """The table above, checked against offsets known by heart (guards the guards)."""
    assert EXPECTED["2021-01-20-winterwerkstatt-essen"][0] == datetime(2021, 1, 20, 17, tzinfo=UTC)  # CET
    assert EXPECTED["2022-09-14-ko-kreative-transformation"][0] == datetime(2022, 9, 14, 8, tzinfo=UTC)  # CEST
    assert EXPECTED["2025-03-30-fruehjahrsputz-nach-der-umstellung"][0] == datetime(2025, 3, 30, 1, tzinfo=UTC)
    assert EXPECTED["2025-10-25-nachtwanderung-ueber-die-umstellung"][1] == datetime(2025, 10, 26, 3, tzinfo=UTC)
    assert EXPECTED["2027-05-12-fachtag-new-york"][0] == datetime(2027, 5, 12, 13, tzinfo=UTC)  # EDT
    assert EXPECTED["2027-01-20-sommerabend-in-sydney"][0] == datetime(2027, 1, 20, 8, tzinfo=UTC)  # AEDT


# -- fixtures ---------------------------------------------------------------------


CONTACT = "kontakt@quartier.example.org"


def load_site(root: Path = FIXTURE, **overrides) -> tuple[Site, SiteConfig]:
    overrides.setdefault("contact_email", CONTACT)
    config = SiteConfig(root=root, site_url=SITE_URL, **overrides)
    result = validate_site(config)
    assert result.ok, [str(p) for p in result.problems]
    assert result.site is not None
    return result.site, config


@pytest.fixture(scope="module")
def site_config() -> tuple[Site, SiteConfig]:
    return load_site()


@pytest.fixture(scope="module")
def site(site_config) -> Site:
    return site_config[0]


@pytest.fixture(scope="module")
def rendered(site_config) -> tuple[dict[str, bytes], list[str]]:
    site, config = site_config
    return render_feeds(site, config, TODAY)


@pytest.fixture(scope="module")
def files(rendered) -> dict[str, bytes]:
    return rendered[0]


def slug_of(uid: str) -> str:
    return {
        "2027-06-24-projektboerse@quartier.example.org": "2027-06-24-projektboerse-umbenannt",
    }.get(uid, uid.split("@")[0])


def single(slug: str) -> str:
    return f"veranstaltungen/{slug}/{slug}.ics"


# -- a small reader for the raw structure ------------------------------------------------

_NAME = re.compile(r"^[A-Z0-9-]+(?=[;:])")


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def split_line(line: str) -> tuple[str, dict[str, str], str]:
    """``NAME;P=V;Q="x:y":value`` -> (NAME, {P: V, Q: x:y}, value), honouring quotes."""
    in_quotes = False
    for i, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        raise AssertionError(f"no value in {line!r}")
    name, *params = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    return name, dict(p.split("=", 1) for p in params), value


def components(data: bytes, kind: str) -> list[list[tuple[str, dict[str, str], str]]]:
    """The property lines of each ``kind`` component (nested components' lines included)."""
    result, current, depth = [], None, 0
    for line in unfold(data):
        if line == f"BEGIN:{kind}":
            current, depth = [], 0
            continue
        if current is not None:
            if line == f"END:{kind}" and depth == 0:
                result.append(current)
                current = None
                continue
            if line.startswith("BEGIN:"):
                depth += 1
            elif line.startswith("END:"):
                depth -= 1
            current.append(split_line(line))
    return result


def calendar_lines(data: bytes) -> list[str]:
    """The VCALENDAR's own lines, before its first subcomponent."""
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    own = []
    for line in lines[1:]:
        if line.startswith("BEGIN:"):
            break
        own.append(line)
    return own


def prop(component, name: str) -> tuple[dict[str, str], str]:
    found = [(params, value) for n, params, value in component if n == name]
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def uids(data: bytes) -> list[str]:
    return [prop(c, "UID")[1] for c in components(data, "VEVENT")]


# -- paths ------------------------------------------------------------------------------


def test_every_feed_and_download_is_written(site, files):
    assert set(files) == set(feed_paths(site))
    assert "kalender.ics" in files
    for city in ("essen", "berlin", "goerlitz", "new-york", "sydney"):
        assert f"staedte/{city}/kalender.ics" in files
    for program in ("initiative-ergreifen", "gemeinsam-fuer-das-quartier", "leeres-programm"):
        assert f"programme/{program}/kalender.ics" in files
    for event in site.events:
        assert event_ics_path(event) == f"veranstaltungen/{event.slug}/{event.slug}.ics"
        assert event_ics_path(event) in files
    assert len(files) == 1 + 5 + 3 + len(EXPECTED)


def test_empty_feeds_are_valid_calendars(files):
    """RFC 5545 3.6 wants at least one component: a feed without events carries the VTIMEZONE
    of the site's zone (sabre/vobject refused the empty calendars), the same bytes as the
    other files' definition of that zone."""
    berlin_block = (
        files["kalender.ics"].split(b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n")[1].split(b"END:VTIMEZONE")[0]
    )
    for path in ("staedte/goerlitz/kalender.ics", "programme/leeres-programm/kalender.ics"):
        assert uids(files[path]) == []
        calendar = icalendar.Calendar.from_ical(files[path])
        assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE"], path
        assert str(calendar.subcomponents[0]["TZID"]) == "Europe/Berlin"
        assert berlin_block in files[path], path
        assert IcsCalendarStream.calendar_from_ics(files[path].decode("utf-8")).events == []


def test_events_go_to_their_city_and_program_feeds(files):
    def slugs(path):
        return {slug_of(u) for u in uids(files[path])}

    assert slugs("staedte/new-york/kalender.ics") == {"2027-05-12-fachtag-new-york"}
    assert slugs("staedte/sydney/kalender.ics") == {"2027-01-20-sommerabend-in-sydney"}
    assert slugs("staedte/berlin/kalender.ics") == {"2027-02-20-script-titel", "2027-03-10-praxiswerkstatt"}
    online = {"2027-02-11-online-forum-verschoben", "2027-04-01-online-sprechstunde"}
    for path in files:
        if path.startswith("staedte/"):
            assert not slugs(path) & online, path
    assert online <= slugs("kalender.ics")
    assert "2027-04-01-online-sprechstunde" in slugs("programme/initiative-ergreifen/kalender.ics")
    assert "2027-02-11-online-forum-verschoben" in slugs("programme/gemeinsam-fuer-das-quartier/kalender.ics")
    assert "2027-03-10-praxiswerkstatt" in slugs("programme/gemeinsam-fuer-das-quartier/kalender.ics")
    assert "2027-03-10-praxiswerkstatt" in slugs("programme/initiative-ergreifen/kalender.ics")


# -- bytes ------------------------------------------------------------------------------


def test_byte_level_format(files):
    for path, data in files.items():
        assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), path
        assert data.endswith(b"END:VCALENDAR\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), f"{path}: bare LF"
        assert b"\r" not in data.replace(b"\r\n", b""), f"{path}: bare CR"
        for number, line in enumerate(data.split(b"\r\n")[:-1], 1):
            where = f"{path}:{number}"
            assert len(line) <= 75, f"{where}: {len(line)} octets"
            line.decode("utf-8")  # folding never cut a UTF-8 sequence
            assert line.startswith(b" ") or _NAME.match(line.decode("utf-8")), f"{where}: {line!r}"
            assert line != b" ", f"{where}: empty continuation"


def test_calendar_properties(files, site):
    for path, data in files.items():
        own = calendar_lines(data)
        for required in (
            "VERSION:2.0",
            "PRODID:-//Quartier//Quartier 0.1//DE",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
            "X-PUBLISHED-TTL:PT12H",
            "X-WR-TIMEZONE:Europe/Berlin",
            f"SOURCE:{SITE_URL}{path}",
        ):
            assert own.count(required) == 1, f"{path}: {required}"
        names = [line for line in own if line.startswith(("NAME:", "X-WR-CALNAME:"))]
        assert len(names) == 2 and names[0].split(":", 1)[1] == names[1].split(":", 1)[1], path
    assert "X-WR-CALNAME:Quartier: Veranstaltungen in Essen" in calendar_lines(files["staedte/essen/kalender.ics"])
    assert "NAME:Quartier: Veranstaltungen" in calendar_lines(files["kalender.ics"])
    assert any(
        line.startswith("NAME:Quartier: Veranstaltungen im Programm „Initiative ergreifen“")
        for line in calendar_lines(files["programme/initiative-ergreifen/kalender.ics"])
    )


def test_event_properties_are_consistent(files):
    for path, data in files.items():
        events = components(data, "VEVENT")
        ids = [prop(e, "UID")[1] for e in events]
        assert len(ids) == len(set(ids)), f"{path}: duplicate UID"
        tzids = {p[1] for p in (prop(t, "TZID") for t in components(data, "VTIMEZONE"))}
        assert len(tzids) == len(components(data, "VTIMEZONE")), path
        for event in events:
            names = [n for n, _p, _v in event]
            assert "DURATION" not in names
            assert prop(event, "DTSTAMP") == ({}, "20000101T000000Z")
            start_params, start = prop(event, "DTSTART")
            if "TZID" in start_params:
                assert start_params["TZID"] in tzids, f"{path}: no VTIMEZONE for {start_params}"
            if "DTEND" in names:
                end_params, end = prop(event, "DTEND")
                assert end_params == start_params, f"{path}: DTSTART/DTEND of different types"
                assert end >= start, f"{path}: DTEND {end} before DTSTART {start}"
            assert prop(event, "URL")[1].startswith(SITE_URL + "veranstaltungen/")
            assert prop(event, "DESCRIPTION")[1].endswith("\\n" + prop(event, "URL")[1])


def test_end_less_event_ends_at_its_start(files):
    """RFC 5545's meaning of a DTSTART alone, written out for Exchange (MS-STANXICAL) and khal."""
    (event,) = components(files[single("2027-02-02-offenes-ende")], "VEVENT")
    names = [n for n, _p, _v in event]
    assert "DURATION" not in names
    assert prop(event, "DTSTART") == ({"TZID": "Europe/Berlin"}, "20270202T190000")
    assert prop(event, "DTEND") == prop(event, "DTSTART")


def test_every_event_of_every_file_has_a_dtend(files):
    for path, data in files.items():
        for event in components(data, "VEVENT"):
            assert "DTEND" in [n for n, _p, _v in event], path


def test_one_vtimezone_per_zone_identical_in_every_file(files):
    """vobject keeps the first VTIMEZONE of a TZID for the whole process: all must be equal."""
    seen: dict[str, bytes] = {}
    for path, data in files.items():
        for block in re.findall(rb"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", data, re.S):
            tzid = re.search(rb"TZID:([^\r]+)", block).group(1).decode()
            assert seen.setdefault(tzid, block) == block, f"{path}: another VTIMEZONE for {tzid}"
    assert "Europe/Berlin" in seen


def test_all_day_event_dates(files):
    (event,) = components(files[single("2027-03-10-praxiswerkstatt")], "VEVENT")
    assert prop(event, "DTSTART") == ({"VALUE": "DATE"}, "20270310")
    assert prop(event, "DTEND") == ({"VALUE": "DATE"}, "20270313")


def test_timed_event_lines(files):
    data = files[single("2022-09-14-ko-kreative-transformation")]
    assert b"\r\nDTSTART;TZID=Europe/Berlin:20220914T100000\r\n" in data
    assert b"\r\nDTEND;TZID=Europe/Berlin:20220914T120000\r\n" in data
    assert b"\r\nGEO:52.4986;13.377\r\n" in data
    (event,) = components(data, "VEVENT")
    assert prop(event, "ORGANIZER") == (
        {"CN": '"Deutscher Verband für Wohnungswesen, Städtebau und Raumordnung (DV)"'},
        "mailto:" + CONTACT,  # no e-mail of its own: the site's contact address, with its name
    )
    assert prop(event, "LOCATION")[1] == "STATION Berlin\\, Luckenwalder Straße 4–6\\, 10963 Berlin"
    assert prop(event, "CATEGORIES")[1] == "Gemeinsam für das Quartier,Bundeskongress,Ko-Kreation"


def test_location_and_organizer_variants(files):
    def event(slug):
        return components(files[single(slug)], "VEVENT")[0]

    assert (
        prop(event("2027-02-11-online-forum-verschoben"), "LOCATION")[1]
        == "Online: https://konferenz.example.org/dorflaeden"
    )
    assert prop(event("2027-04-01-online-sprechstunde"), "LOCATION")[1] == "Online"
    hybrid = event("2027-02-02-offenes-ende")
    assert prop(hybrid, "LOCATION")[1] == "Bürgerhaus\\, Essen / Online"
    # A name only: the site's contact address stands in, with the organizer's name.
    assert prop(hybrid, "ORGANIZER") == ({"CN": '"Bürgerverein Altendorf e. V."'}, "mailto:" + CONTACT)
    assert "Veranstalter: Bürgerverein Altendorf e. V." in prop(hybrid, "DESCRIPTION")[1]
    assert "GEO" not in [n for n, _p, _v in event("2027-04-01-online-sprechstunde")]


# -- the two parsers ----------------------------------------------------------------------


def parse_with_ical(data: bytes):
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


def file_zones(data: bytes) -> dict[str, object]:
    """tzinfo objects built from the file's own VTIMEZONEs (not from the system's zone data)."""
    calendar = icalendar.Calendar.from_ical(data)
    return {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in calendar.walk("VTIMEZONE")}


def own_instant(value: datetime, zones: dict[str, object]) -> datetime:
    """``value``'s local time read through the file's own VTIMEZONE."""
    return value.replace(tzinfo=zones[value.tzinfo.key]).astimezone(UTC)  # type: ignore[union-attr,arg-type]


def test_python_ical_reads_every_feed_with_the_expected_times(files):
    seen = set()
    for path, data in files.items():
        calendar = parse_with_ical(data)
        zones = file_zones(data)
        for event in calendar.events:
            slug = slug_of(event.uid)
            start, end = EXPECTED[slug]
            assert event.dtstart == start and type(event.dtstart) is type(start), f"{path} {slug}: {event.dtstart}"
            assert event.end == (end or start), f"{path} {slug}: {event.end}"
            if isinstance(start, datetime):
                assert event.dtstart.tzinfo.key == start.tzinfo.key  # type: ignore[union-attr]
                assert own_instant(event.dtstart, zones) == start, f"{path} {slug}: VTIMEZONE"
                assert own_instant(event.end, zones) == (end or start), f"{path} {slug}: VTIMEZONE"
            seen.add(slug)
    assert seen == set(EXPECTED)


@pytest.fixture(scope="module")
def icaljs_run(tmp_path_factory):
    """A function: {name: bytes} -> {name: parsed by ical.js}."""
    node = shutil.which("node")
    if node is None:
        pytest.skip(f"node fehlt: ical.js-Tests übersprungen (Node.js installieren, dann: cd {JS_DIR} && npm ci)")
    if not (JS_DIR / "node_modules" / "ical.js").is_dir():
        pytest.skip(f"ical.js fehlt: cd {JS_DIR} && npm ci   (oder: npm install ical.js@2)")
    folder = tmp_path_factory.mktemp("ics")

    def run(feeds: dict[str, bytes]) -> dict[str, dict]:
        paths = {}
        for number, (name, data) in enumerate(sorted(feeds.items())):
            path = folder / f"{number}.ics"
            path.write_bytes(data)
            paths[str(path)] = name
        done = subprocess.run(
            [node, str(JS_DIR / "parse_ics.mjs"), *paths],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "TZ": "UTC"},
            cwd=JS_DIR,
        )
        assert done.returncode == 0, done.stderr
        return {paths[key]: value for key, value in json.loads(done.stdout).items()}

    return run


@pytest.fixture(scope="module")
def icaljs(icaljs_run, files):
    return icaljs_run(files)


def iso(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return moment.isoformat()


def test_icaljs_reads_every_feed_with_the_expected_times(icaljs, site):
    seen = set()
    for path, calendar in icaljs.items():
        for event in calendar["events"]:
            slug = slug_of(event["uid"])
            start, end = EXPECTED[slug]
            assert event["start"] == iso(start), f"{path} {slug}"
            assert event["end"] == iso(end or start), f"{path} {slug}"
            assert event["isDate"] == (not isinstance(start, datetime))
            assert event["endIsDate"] == event["isDate"]
            if isinstance(start, datetime):
                assert event["zone"] == start.tzinfo.key, f"{path} {slug}: zone not from the file"  # type: ignore[union-attr]
            seen.add(slug)
    assert seen == set(EXPECTED)
    summer = next(e for e in icaljs["kalender.ics"]["events"] if e["uid"].startswith("2027-06-24"))
    assert summer["start"] == "2027-06-24T12:00:00.000Z"  # the RDATE bug would give 13:00 or 11:00
    new_york = next(e for e in icaljs["kalender.ics"]["events"] if e["uid"].startswith("2027-05-12"))
    assert new_york["start"] == "2027-05-12T13:00:00.000Z"
    sydney = next(e for e in icaljs["kalender.ics"]["events"] if e["uid"].startswith("2027-01-20"))
    assert sydney["start"] == "2027-01-20T08:00:00.000Z"
    old = icaljs[single("2021-07-08-sommerfest-berlin")]["events"][0]
    assert old["start"] == "2021-07-08T15:00:00.000Z"


def test_icaljs_reads_titles_status_and_texts(icaljs, site):
    for _path, calendar in icaljs.items():
        for event in calendar["events"]:
            model = site.event_by_slug[slug_of(event["uid"])]
            prefix = {"cancelled": "Abgesagt: ", "postponed": "Verschoben: "}.get(model.status, "")
            assert event["summary"] == prefix + model.title
            assert event["status"] == {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(
                model.status, "CONFIRMED"
            )
            assert event["sequence"] == (1 if model.status == "cancelled" else 0)
            assert model.summary in event["description"]
    hostile = icaljs[single("2027-02-20-script-titel")]["events"][0]
    assert hostile["summary"] == HOSTILE_TITLE
    assert hostile["description"].startswith(HOSTILE_SUMMARY + "\n")
    assert hostile["location"] == 'Haus "Zur Sonne"; Eingang B, Hof, Berlin'
    assert hostile["categories"] == ["Komma, Tag", "Semi;kolon"]
    assert hostile["organizer"] == "mailto:zukunft@verein.example.org"
    assert hostile["organizerName"] == HOSTILE_ORGANIZER


# -- escaping -----------------------------------------------------------------------------


def test_hostile_text_is_escaped_and_reads_back(files, site):
    data = files[single("2027-02-20-script-titel")]
    (event,) = components(data, "VEVENT")
    assert prop(event, "SUMMARY")[1] == '<script>alert(1)</script> Komma\\, Semikolon\\; Backslash \\\\ und "Zitat" 🎉'
    assert prop(event, "CATEGORIES")[1] == "Komma\\, Tag,Semi\\;kolon"
    description = prop(event, "DESCRIPTION")[1]
    assert description.startswith("Komma\\, Semikolon\\; Backslash \\\\ und \\\\N und \\\\n als Text\\, ")
    (parsed,) = parse_with_ical(data).events
    assert parsed.summary == HOSTILE_TITLE == site.event_by_slug["2027-02-20-script-titel"].title
    assert parsed.description.startswith(HOSTILE_SUMMARY + "\n")
    assert parsed.location == 'Haus "Zur Sonne"; Eingang B, Hof, Berlin'
    assert parsed.organizer.common_name == HOSTILE_ORGANIZER
    assert parsed.organizer.uri == "mailto:zukunft@verein.example.org"
    assert prop(event, "ORGANIZER") == (
        {"CN": "\"Verein ^'Zukunft^'; Komma, Doppelpunkt: ja ^^ Caret\""},
        "mailto:zukunft@verein.example.org",
    )
    # (``ical`` splits CATEGORIES at escaped commas, a known weakness of that parser;
    # ical.js reads them right, see test_icaljs_reads_titles_status_and_texts.)


def test_long_lines_fold_between_characters(files):
    data = files[single("2027-06-24-projektboerse-umbenannt")]
    assert b"\r\n " in data
    (parsed,) = parse_with_ical(data).events
    assert parsed.summary.endswith("äöüäöüäöüäöüäöü 🎉🎉🎉")
    assert "🎉" * 36 in parsed.description


ALPHABET = st.sampled_from(list("abcXYZ ,;:\\^\"'\n") + ["ä", "€", "🎉", "ß", "–"])


@given(st.text(ALPHABET, max_size=400))
def test_fold_matches_icalendar(text):
    line = "DESCRIPTION:" + text.replace("\n", "\\n")
    folded = fold(line)
    assert folded == _foldline(line).encode("utf-8")
    for physical in folded.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")
    assert folded.decode("utf-8").replace("\r\n ", "") == line


# -- identical to icalendar's own output ----------------------------------------------------


def without_backslash_n(site: Site) -> Site:
    """icalendar turns the text ``\\N`` into a line break; our encoder keeps it. Without it, equal."""
    events = [
        dataclasses.replace(e, summary=e.summary.replace("\\N", "/N"), title=e.title.replace("\\N", "/N"))
        for e in site.events
    ]
    return Site.assemble(site.cities, site.programs, site.projects, events)


def test_output_equals_icalendar_serialization(site_config):
    site, config = site_config
    site = without_backslash_n(site)
    ours, _warnings = render_feeds(site, config, TODAY)
    assert ours == reference_feeds(site, config, TODAY)


def test_backslash_n_text_is_kept(files):
    (event,) = components(files[single("2027-02-20-script-titel")], "VEVENT")
    assert "und \\\\N und" in prop(event, "DESCRIPTION")[1]


@lru_cache(maxsize=1)
def bench_module():
    spec = importlib.util.spec_from_file_location("bench_feeds", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_feeds"] = module
    spec.loader.exec_module(module)
    return module


def test_synthetic_site_equals_icalendar_serialization():
    bench = bench_module()
    site = bench.make_site(300, first_year=1995)
    config = bench.make_config(feed_past_days=100_000)
    ours, _warnings = render_feeds(site, config, bench.TODAY)
    assert ours == reference_feeds(site, config, bench.TODAY)


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=120).filter(
    lambda t: "\\N" not in t
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, summary=texts, tag=texts, organizer=texts)
def test_event_encoding_equals_icalendar(title, summary, tag, organizer):
    site, config = synthetic_site(
        [
            make_event(
                "x",
                berlin(2026, 5, 1, 10),
                berlin(2026, 5, 1, 11),
                title=title,
                summary=summary,
                tags=(tag,),
                organizer=Organizer(organizer, "https://example.org/"),
            ),
        ]
    )
    (event,) = site.events
    ours, _warnings = render_feeds(site, config, TODAY)
    expected = event_component(event, site, config).to_ical()
    assert expected in ours[event_ics_path(event)]


# -- status ----------------------------------------------------------------------------


def test_cancelled_and_postponed(files):
    (cancelled,) = components(files[single("2027-01-28-netzwerktreffen-abgesagt")], "VEVENT")
    assert prop(cancelled, "STATUS")[1] == "CANCELLED"
    assert prop(cancelled, "SEQUENCE")[1] == "1"
    assert prop(cancelled, "SUMMARY")[1] == "Abgesagt: Netzwerktreffen in Essen"
    assert prop(cancelled, "DESCRIPTION")[1].startswith("Diese Veranstaltung ist abgesagt.")
    (postponed,) = components(files[single("2027-02-11-online-forum-verschoben")], "VEVENT")
    assert prop(postponed, "STATUS")[1] == "TENTATIVE"
    assert prop(postponed, "SEQUENCE")[1] == "0"
    assert prop(postponed, "SUMMARY")[1] == "Verschoben: Online-Forum: Dorfläden gemeinsam tragen"
    assert prop(postponed, "DESCRIPTION")[1].startswith(
        "Diese Veranstaltung wird verschoben. Der neue Termin wird bekannt gegeben"
    )
    (scheduled,) = components(files[single("2022-09-14-ko-kreative-transformation")], "VEVENT")
    assert prop(scheduled, "STATUS")[1] == "CONFIRMED" and prop(scheduled, "SEQUENCE")[1] == "0"
    statuses = {e.uid: e.status for e in parse_with_ical(files["kalender.ics"]).events}
    assert statuses["2027-01-28-netzwerktreffen-abgesagt@quartier.example.org"].value == "CANCELLED"
    assert statuses["2027-02-11-online-forum-verschoben@quartier.example.org"].value == "TENTATIVE"


# -- UIDs and determinism -----------------------------------------------------------------


def test_uid_is_the_same_everywhere(files, site):
    event = site.event_by_slug["2027-04-01-online-sprechstunde"]
    for path in ("kalender.ics", "programme/initiative-ergreifen/kalender.ics", event_ics_path(event)):
        assert uids(files[path]).count(event.uid) == 1, path
    event = site.event_by_slug["2027-01-28-netzwerktreffen-abgesagt"]
    for path in (
        "kalender.ics",
        "staedte/essen/kalender.ics",
        "programme/initiative-ergreifen/kalender.ics",
        event_ics_path(event),
    ):
        assert uids(files[path]).count(event.uid) == 1, path
    assert event.uid == "2027-01-28-netzwerktreffen-abgesagt@quartier.example.org"


def test_building_twice_gives_identical_bytes(site_config, files):
    site, config = site_config
    again, _warnings = render_feeds(site, config, TODAY)
    assert again == files
    fresh_site, fresh_config = load_site()
    assert render_feeds(fresh_site, fresh_config, TODAY)[0] == files


def test_changing_title_and_date_keeps_the_uid(tmp_path, files):
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    path = root / "content/events/2027-01-28-netzwerktreffen-abgesagt.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('title: "Netzwerktreffen in Essen"', 'title: "Netzwerktreffen in Essen (neuer Titel)"').replace(
            'start: "2027-01-28 13:00"', 'start: "2027-03-04 13:00"'
        ),
        encoding="utf-8",
    )
    # A renamed file keeps its UID through the uid field.
    renamed = root / "content/events/2027-06-24-projektboerse-umbenannt.md"
    renamed.rename(root / "content/events/2027-06-24-projektboerse-neuer-name.md")
    site, config = load_site(root)
    changed, _warnings = render_feeds(site, config, TODAY)
    assert sorted(uids(changed["kalender.ics"])) == sorted(uids(files["kalender.ics"]))
    (event,) = components(changed[single("2027-01-28-netzwerktreffen-abgesagt")], "VEVENT")
    assert prop(event, "UID")[1] == "2027-01-28-netzwerktreffen-abgesagt@quartier.example.org"
    assert prop(event, "SUMMARY")[1] == "Abgesagt: Netzwerktreffen in Essen (neuer Titel)"
    assert prop(event, "DTSTART")[1] == "20270304T130000"
    (event,) = components(changed[single("2027-06-24-projektboerse-neuer-name")], "VEVENT")
    assert prop(event, "UID")[1] == "2027-06-24-projektboerse@quartier.example.org"


# -- window and size ---------------------------------------------------------------------


def test_window_keeps_recent_and_drops_old_past_events(files, rendered):
    assert TODAY - timedelta(days=200) == date(2026, 6, 29)
    assert TODAY - timedelta(days=100) == date(2026, 10, 7)
    feed = {slug_of(u) for u in uids(files["kalender.ics"])}
    assert "2026-06-29-zweihundert-tage-her" not in feed
    assert "2026-10-07-hundert-tage-her" in feed
    assert "2021-07-08-sommerfest-berlin" not in feed
    program = {slug_of(u) for u in uids(files["programme/initiative-ergreifen/kalender.ics"])}
    assert "2026-06-29-zweihundert-tage-her" not in program and "2026-10-07-hundert-tage-her" in program
    for slug in ("2026-06-29-zweihundert-tage-her", "2021-01-20-winterwerkstatt-essen"):
        assert uids(files[single(slug)]) == [f"{slug}@quartier.example.org"]
    cutoff = TODAY - timedelta(days=180)
    assert cutoff == date(2026, 7, 19)
    assert "2026-07-19-gerade-noch-im-fenster" in feed  # starts before the window, ends on its first day
    assert "2026-07-18-einen-tag-zu-alt" not in feed
    assert feed == {slug for slug in EXPECTED if slug[:10] >= "2026-07-19"}  # slugs start with the last day
    assert rendered[1] == []


def test_synthetic_site_of_2000_events_stays_below_one_megabyte():
    bench = bench_module()
    site = bench.make_site(2000)
    config = bench.make_config()
    files, warnings = render_feeds(site, config, bench.TODAY)
    assert len(files["kalender.ics"]) < 1_000_000
    assert warnings == []
    # With every event in the window the feed would be ~2 MB: it shrinks and says so.
    config = bench.make_config(feed_past_days=100_000)
    files, warnings = render_feeds(site, config, bench.TODAY)
    data = files["kalender.ics"]
    assert len(data) <= 1_000_000
    assert any(w.startswith("kalender.ics: ") and "Grenze" in w for w in warnings)
    upcoming = {e.uid for e in site.events if e.is_upcoming(bench.TODAY)}
    assert upcoming <= set(uids(data))
    assert parse_with_ical(data).events


def test_tiny_limit_shrinks_the_window_but_keeps_upcoming_events():
    bench = bench_module()
    today = date(2026, 6, 1)
    site = bench.make_site(2000, last_day=today + timedelta(days=10))
    config = bench.make_config(feed_max_bytes=20_000)
    files, warnings = render_feeds(site, config, today)
    data = files["kalender.ics"]
    assert len(data) <= 20_000
    upcoming = {e.uid for e in site.events if e.is_upcoming(today)}
    assert upcoming and upcoming <= set(uids(data))
    kept_past = [e for e in site.events if e.uid in set(uids(data)) and not e.is_upcoming(today)]
    assert kept_past, "the window shrinks, it does not vanish"
    dropped = [e for e in site.events if e.last_day >= today - timedelta(days=180) and e.uid not in set(uids(data))]
    assert dropped and max(e.last_day for e in dropped) < min(e.last_day for e in kept_past)  # oldest went first
    (warning,) = [w for w in warnings if w.startswith("kalender.ics: ")]
    assert "20.000 Bytes" in warning and "vergangene Veranstaltungen weggelassen" in warning
    for event in site.events:  # downloads are never windowed
        assert event.uid in files[event_ics_path(event)].decode("utf-8").replace("\r\n ", "")


@pytest.mark.parametrize("past_days", [-5, 0, 10**9])
def test_odd_window_settings(site_config, past_days):
    site, config = site_config
    files, warnings = render_feeds(site, dataclasses.replace(config, feed_past_days=past_days), TODAY)
    feed = set(uids(files["kalender.ics"]))
    assert {e.uid for e in site.events if e.is_upcoming(TODAY)} <= feed
    assert (len(feed) == len(site.events)) == (past_days > 0 and past_days >= 10**9)
    assert warnings == []


def test_limit_below_the_upcoming_events_keeps_the_soonest_and_says_how_far():
    """Any content stays below the limit: after the past, the far future goes."""
    bench = bench_module()
    today = date(2026, 6, 1)
    site = bench.make_site(500, last_day=date(2027, 12, 31))
    config = bench.make_config(feed_max_bytes=20_000)
    files, warnings = render_feeds(site, config, today)
    data = files["kalender.ics"]
    assert len(data) <= 20_000
    upcoming = [e for e in site.events if e.is_upcoming(today)]
    kept = set(uids(data))
    assert kept and kept < {e.uid for e in upcoming}
    last = max(e.first_day for e in upcoming if e.uid in kept)
    assert all(e.uid in kept for e in upcoming if e.first_day < last), "the soonest are kept, whole days"
    (warning,) = [w for w in warnings if w.startswith("kalender.ics: ")]
    assert f"bis zum {last:%d.%m.%Y} beginnen" in warning
    calendar = icalendar.Calendar.from_ical(data)
    description = str(calendar["DESCRIPTION"])
    assert str(calendar["X-WR-CALDESC"]).replace("\\,", ",") == description  # an X- property stays escaped
    assert f"bis zum {last:%d.%m.%Y} beginnen" in description and "kalender-abonnieren/" in description


@pytest.mark.parametrize("events", [2000, 10000])
def test_the_site_feed_stays_below_one_megabyte_with_many_future_events(events):
    bench = bench_module()
    today = date(2026, 6, 1)
    site = bench.make_site(events, first_year=2026, last_day=date(2028, 12, 31))  # nearly all still to come
    files, warnings = render_feeds(site, bench.make_config(), today)
    assert len(files["kalender.ics"]) <= 1_000_000
    assert {e.uid for e in site.events if e.is_upcoming(today)} - set(
        uids(files["kalender.ics"])
    )  # the far future went


# -- VTIMEZONE ------------------------------------------------------------------------------


def vtimezone_lines(key: str, first: int, last: int) -> list[str]:
    return unfold(vtimezone_component(key, first, last).to_ical())


@pytest.mark.parametrize(
    ("key", "daylight", "standard"),
    [
        (
            "Europe/Berlin",
            ("T020000", "BYDAY=-1SU;BYMONTH=3", "+0100", "+0200"),
            ("T030000", "BYDAY=-1SU;BYMONTH=10", "+0200", "+0100"),
        ),
        (
            "Europe/London",
            ("T010000", "BYDAY=-1SU;BYMONTH=3", "+0000", "+0100"),
            ("T020000", "BYDAY=-1SU;BYMONTH=10", "+0100", "+0000"),
        ),
        (
            "America/New_York",
            ("T020000", "BYDAY=2SU;BYMONTH=3", "-0500", "-0400"),
            ("T020000", "BYDAY=1SU;BYMONTH=11", "-0400", "-0500"),
        ),
        (
            "Australia/Sydney",
            ("T020000", "BYDAY=1SU;BYMONTH=10", "+1000", "+1100"),
            ("T030000", "BYDAY=1SU;BYMONTH=4", "+1100", "+1000"),
        ),
    ],
)
def test_vtimezone_is_rule_based(key, daylight, standard):
    text = "\r\n".join(vtimezone_lines(key, 2024, 2026))
    assert "RDATE" not in text
    for kind, (clock, rule, before, after) in (("DAYLIGHT", daylight), ("STANDARD", standard)):
        (part,) = re.findall(rf"BEGIN:{kind}\r\n(.*?)\r\nEND:{kind}", text, re.S)
        lines = part.split("\r\n")
        assert any(line.startswith("DTSTART:2024") and line.endswith(clock) for line in lines), lines
        assert f"RRULE:FREQ=YEARLY;{rule}" in lines
        assert f"TZOFFSETFROM:{before}" in lines and f"TZOFFSETTO:{after}" in lines


def test_vtimezone_without_daylight_saving():
    assert vtimezone_lines("Asia/Tokyo", 2024, 2026) == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:20240101T000000",
        "TZNAME:JST",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_vtimezone_covers_rule_changes():
    """Berlin changed its autumn rule in 1996 (Sep → Oct), New York its rules in 2007."""
    text = "\r\n".join(vtimezone_lines("Europe/Berlin", 1993, 1999))
    assert "RRULE:FREQ=YEARLY;COUNT=3;BYDAY=-1SU;BYMONTH=9" in text  # 1993, 1994, 1995
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    text = "\r\n".join(vtimezone_lines("America/New_York", 2004, 2009))
    assert "RRULE:FREQ=YEARLY;COUNT=3;BYDAY=1SU;BYMONTH=4" in text  # 2004, 2005, 2006
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in text


def offsets_agree(key: str, first: int, last: int, step_hours: int = 61) -> None:
    """The VTIMEZONE, read by icalendar/dateutil, gives zoneinfo's offset at unambiguous local times."""
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        + vtimezone_component(key, first, last).to_ical()
        + b"END:VCALENDAR\r\n"
    )
    own = file_zones(data)[key]
    zone = ZoneInfo(key)
    moment = datetime(first + 1, 1, 1, tzinfo=UTC)
    end = datetime(last, 1, 1, tzinfo=UTC)
    checked = 0
    while moment < end:
        local = moment.astimezone(zone)
        naive = local.replace(tzinfo=None)
        if valid_local(local):
            assert naive.replace(tzinfo=own).utcoffset() == local.utcoffset(), f"{key} {naive}"  # type: ignore[arg-type]
            checked += 1
        moment += timedelta(hours=step_hours)
    assert checked > 1000


TRICKY_ZONES = [
    "Europe/Dublin",
    "America/Santiago",
    "Africa/Casablanca",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Asia/Tehran",
]


@pytest.mark.parametrize("key", ZONES + TRICKY_ZONES)
def test_vtimezone_agrees_with_zoneinfo_1990_to_2035(key):
    offsets_agree(key, 1989, 2036)


def transition_probes(key: str, first: int, last: int) -> list[datetime]:
    """Valid local times shortly before and after each offset change (found by zoneinfo)."""
    zone = ZoneInfo(key)
    probes = []
    day = datetime(first, 1, 1, tzinfo=UTC)
    previous = day.astimezone(zone).utcoffset()
    while day.year <= last:
        day += timedelta(days=1)
        offset = day.astimezone(zone).utcoffset()
        if offset != previous:
            for hours in (-49, -25, -3, -2, -1, 0, 1, 2, 3, 25):
                local = (day + timedelta(hours=hours)).astimezone(zone).replace(minute=0, fold=0)
                if valid_local(local):
                    probes.append(local)
            previous = offset
    return probes


@pytest.fixture(scope="module")
def transition_feed() -> tuple[dict[str, Event], bytes]:
    """One feed: events just before and after each offset change 1990–2035 in 11 zones, and random ones."""
    events = []
    for key in ZONES + TRICKY_ZONES:
        for local in transition_probes(key, 1990, 2035):
            end = local + timedelta(hours=30)  # wall-clock arithmetic: may land in a gap or repeated hour
            events.append(make_event(f"t{len(events)}", local, end if valid_local(end) else None, zone=key))
    rng = random.Random(7)
    while len(events) < 9000:
        key = rng.choice(ZONES)
        local = datetime(
            rng.randint(1990, 2035),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(0, 23),
            rng.choice([0, 15, 30, 45]),
            tzinfo=ZoneInfo(key),
        )
        if valid_local(local):
            events.append(make_event(f"r{len(events)}", local, None, zone=key))
    site, config = synthetic_site(events, feed_past_days=100_000, feed_max_bytes=100_000_000)
    files, warnings = render_feeds(site, config, TODAY)
    assert warnings == []
    return {e.uid: e for e in events}, files["kalender.ics"]


def test_events_around_every_offset_change_python(transition_feed):
    expected, data = transition_feed
    zones = file_zones(data)
    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(parsed) == len(expected)
    for component in parsed:
        event = expected[str(component["UID"])]
        start = component.decoded("DTSTART")
        assert start == event.start
        assert own_instant(start, zones) == event.start, f"{event.uid} {event.start}"
        if event.end is not None:
            assert own_instant(component.decoded("DTEND"), zones) == event.end, f"{event.uid} {event.end}"


def test_events_around_every_offset_change_icaljs(transition_feed, icaljs_run):
    expected, data = transition_feed
    parsed = icaljs_run({"kalender.ics": data})["kalender.ics"]["events"]
    assert len(parsed) == len(expected)
    for item in parsed:
        event = expected[item["uid"]]
        assert item["start"] == iso(event.start), f"{event.uid} {event.start} {event.timezone}"
        assert item["end"] == iso(event.end or event.start), f"{event.uid} end {event.end} {event.timezone}"
        assert item["zone"] == event.timezone


def valid_local(local: datetime) -> bool:
    """Exists (not in a gap) and is unambiguous (not in a repeated hour)."""
    round_trip = local.astimezone(UTC).astimezone(local.tzinfo)
    return (
        round_trip.replace(tzinfo=None) == local.replace(tzinfo=None)
        and local.replace(fold=0).utcoffset() == local.replace(fold=1).utcoffset()
    )


@settings(max_examples=40, deadline=None)
@given(
    key=st.sampled_from(ZONES),
    moment=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)),
    minutes=st.integers(min_value=1, max_value=3 * 24 * 60),
)
def test_property_parsed_instant_equals_model(key, moment, minutes):
    local = moment.replace(second=0, microsecond=0, tzinfo=ZoneInfo(key))
    end = (local.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(ZoneInfo(key))
    if not valid_local(local) or not valid_local(end):
        return
    site, config = synthetic_site([make_event("p", local, end, zone=key)])
    (event,) = site.events
    files, _warnings = render_feeds(site, config, TODAY)
    data = files[event_ics_path(event)]
    calendar = parse_with_ical(data)
    zones = file_zones(data)
    (parsed,) = calendar.events
    assert parsed.dtstart == local and parsed.end == end
    assert own_instant(parsed.dtstart, zones) == local
    assert own_instant(parsed.end, zones) == end


# -- helpers for synthetic sites ----------------------------------------------------------

ESSEN = City("Essen", "essen", "Nordrhein-Westfalen", 51.4566, 7.0123)


def make_event(slug: str, start, end, zone: str = "Europe/Berlin", **fields) -> Event:
    values = dict(
        slug=slug,
        source=f"content/events/{slug}.md",
        title=f"Veranstaltung {slug}",
        when=when_of(start, end),
        timezone=zone,
        status="scheduled",
        format="in-person",
        venue=Venue("Bürgerhaus", "Hauptstraße 1, 45127", ESSEN),
        online_url=None,
        programs=(),
        projects=(),
        organizer=None,
        registration=None,
        summary="Kurz.",
        tags=(),
        uid=f"{slug}@quartier.example.org",
        body="",
    )
    values.update(fields)
    return Event(**values)


def synthetic_site(events: list[Event], **config) -> tuple[Site, SiteConfig]:
    return Site.assemble([ESSEN], [], [], events), SiteConfig(root=Path("."), site_url=SITE_URL, **config)
