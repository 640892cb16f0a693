"""Every .ics of the example and fixture sites, read by libical (Evolution, GNOME Calendar)
and by vobject: instants, parse errors, and libical's iTIP restriction check for PUBLISH.

libical is read through a small C program (tests/libical/read_ics.c) built against
Debian's ``libical-dev`` (``.ci/run`` installs it); without a compiler or the library
these tests are skipped with a message saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from quartier.config import load_config
from quartier.content.model import Site
from quartier.site.build import build

TODAY = date(2026, 11, 22)
READER = Path(__file__).parent / "libical" / "read_ics.c"


@pytest.fixture(scope="module")
def read_ics(tmp_path_factory) -> Path:
    if not shutil.which("gcc") or not shutil.which("pkg-config"):
        pytest.skip(
            "libical-Tests übersprungen: gcc und pkg-config fehlen (Debian: apt-get install gcc pkg-config libical-dev)"
        )
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libical"], capture_output=True, text=True)
    if flags.returncode != 0:
        pytest.skip("libical-Tests übersprungen: libical fehlt (Debian: apt-get install libical-dev)")
    binary = tmp_path_factory.mktemp("libical") / "read_ics"
    subprocess.run(["gcc", "-O1", "-o", str(binary), str(READER), *flags.stdout.split()], check=True)
    return binary


def site_builds() -> dict[str, tuple[Site, dict[str, bytes]]]:
    builds = {}
    for name, root in (
        ("example", REPO),
        ("valid_site", FIXTURES / "valid_site"),
        ("ical_site", FIXTURES / "ical_site"),
    ):
        # The fixtures have no mkdocs.yml with a contact address; the example site has one.
        config = load_config(root)
        result = build(replace(config, contact_email=config.contact_email or "kontakt@quartier.example.org"), TODAY)
        assert result.output is not None, result.problems
        files = {path: data for path, data in result.output.files.items() if path.endswith(".ics")}
        builds[name] = (result.validation.site, files)
    return builds


@pytest.fixture(scope="module")
def builds() -> dict[str, tuple[Site, dict[str, bytes]]]:
    return site_builds()


def expected_times(site: Site) -> dict[str, tuple[str, str, int]]:
    """UID → (start, end, date-only) as libical prints them, from the model."""
    table = {}
    for event in site.events:
        if event.all_day:
            last = event.end or event.start
            table[event.uid] = (f"{event.start:%Y%m%d}", f"{last + timedelta(days=1):%Y%m%d}", 1)  # type: ignore[operator]
        else:
            assert isinstance(event.start, datetime)
            end = event.end or event.start
            table[event.uid] = (_utc(event.start), _utc(end), 0)  # type: ignore[arg-type]
    return table


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def read(read_ics: Path, folder: Path, files: dict[str, bytes]) -> list[list[str]]:
    paths = []
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        paths.append(str(target))
    out = subprocess.run([str(read_ics), *paths], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def test_libical_reads_every_feed_without_errors_with_the_model_s_instants(read_ics, builds, tmp_path):
    checked_files = checked_events = 0
    for name, (site, files) in builds.items():
        expected = expected_times(site)
        for row in read(read_ics, tmp_path / name, files):
            if row[0] == "FILE":
                checked_files += 1
                assert row[2:] == ["0", "1"], f"{row[1]}: parse errors or iTIP restriction check failed"
            elif row[0] == "ERROR":
                pytest.fail(f"libical: {row[1]}: {row[2]}")
            else:
                _, path, uid, start, end, date_only, _sequence, override = row
                if override == "1":
                    continue  # a moved date of a series: tests/test_recurrence_feeds.py expands those
                assert (start, end, int(date_only)) == expected[uid], f"{path} {uid}"
                checked_events += 1
    assert checked_files == sum(len(files) for _, files in builds.values()) and checked_events > 100


def test_vobject_reads_all_files_in_one_process_with_the_right_instants(builds):
    """vobject keeps the first VTIMEZONE of a TZID for the whole process: one definition
    per zone in every file keeps older summer events from moving by an hour."""
    vobject = pytest.importorskip("vobject")
    for _name, (site, files) in builds.items():
        expected = {event.uid: event for event in site.events}
        for path, data in sorted(files.items()):
            calendar = vobject.readOne(data.decode("utf-8"))
            for vevent in calendar.contents.get("vevent", []):
                if "recurrence-id" in vevent.contents:
                    continue  # a moved date of a series: tests/test_recurrence_feeds.py expands those
                event = expected[vevent.uid.value]
                start = vevent.dtstart.value
                if event.all_day:
                    assert start == event.start, f"{path} {event.uid}"
                else:
                    assert start.astimezone(UTC) == event.start.astimezone(UTC), f"{path} {event.uid}"  # type: ignore[union-attr]
                    end = event.end or event.start
                    assert vevent.dtend.value.astimezone(UTC) == end.astimezone(UTC), f"{path} {event.uid}"  # type: ignore[union-attr]
