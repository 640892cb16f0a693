"""SEQUENCE, DTSTAMP and LAST-MODIFIED from the content's Git history, in a temporary repository."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import date
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import CITIES, VENUE, ContentFolder

from quartier.content import history
from quartier.frontends.cli import main
from quartier.site.build import build

TODAY = date(2027, 1, 10)


def git(root: Path, *args: str, when: str = "2027-01-01T10:00:00+00:00") -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME="Redaktion",
        GIT_AUTHOR_EMAIL="r@example.org",
        GIT_COMMITTER_NAME="Redaktion",
        GIT_COMMITTER_EMAIL="r@example.org",
    )
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def events_of(folder: ContentFolder) -> dict[str, icalendar.Event]:
    result = build(folder.config(), TODAY)
    assert result.output is not None, result.problems
    calendar = icalendar.Calendar.from_ical(result.output.files["kalender.ics"])
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


@pytest.fixture
def repo(folder: ContentFolder) -> ContentFolder:
    folder.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-06 10:00"\nend: "12:00"\n' + VENUE)
    folder.event("forum", 'title: Forum\nstart: "2027-06-01 18:00"\n' + VENUE)
    git(folder.root, "init", "-q", "-b", "main")
    git(folder.root, "add", "-A")
    git(folder.root, "commit", "-q", "-m", "Erste Fassung")
    return folder


def test_a_rescheduled_event_gets_a_higher_sequence_and_the_others_do_not(repo: ContentFolder):
    before = events_of(repo)
    assert {uid: int(e["SEQUENCE"]) for uid, e in before.items()} == {"werkstatt": 0, "forum": 0}
    assert before["werkstatt"].decoded("DTSTAMP").isoformat() == "2027-01-01T10:00:00+00:00"

    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-07 10:00"\nend: "12:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "Werkstatt verschoben", when="2027-01-05T09:30:00+00:00")
    after = events_of(repo)
    assert int(after["werkstatt"]["SEQUENCE"]) == 1 and int(after["forum"]["SEQUENCE"]) == 0
    assert after["werkstatt"].decoded("DTSTAMP").isoformat() == "2027-01-05T09:30:00+00:00"
    assert after["werkstatt"].decoded("LAST-MODIFIED") == after["werkstatt"].decoded("DTSTAMP")
    assert after["forum"].to_ical() == before["forum"].to_ical()

    # A new title is not a revision for subscribers; a new place and a cancellation are.
    repo.event("werkstatt", 'title: Werkstatt am Freitag\nstart: "2027-05-07 10:00"\nend: "12:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "Titel", when="2027-01-06T09:00:00+00:00")
    assert int(events_of(repo)["werkstatt"]["SEQUENCE"]) == 1
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-07 10:00"\nend: "12:00"\nstatus: cancelled\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "Abgesagt", when="2027-01-07T09:00:00+00:00")
    assert int(events_of(repo)["werkstatt"]["SEQUENCE"]) == 2


def test_uncommitted_change_counts_and_the_same_commit_gives_the_same_bytes(repo: ContentFolder):
    first = build(repo.config(), TODAY).output.files
    assert build(repo.config(), TODAY).output.files == first
    repo.event("forum", 'title: Forum\nstart: "2027-06-01 19:00"\n' + VENUE)
    assert int(events_of(repo)["forum"]["SEQUENCE"]) == 1


def test_a_renamed_file_that_kept_its_uid_keeps_its_count(repo: ContentFolder):
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-07 10:00"\nend: "12:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "verschoben")
    (repo.root / "content/events/werkstatt.md").unlink()
    repo.event(
        "werkstatt-neu",
        'title: Werkstatt\nstart: "2027-05-08 10:00"\nend: "12:00"\nuid: werkstatt@quartier.example.org\n' + VENUE,
    )
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "umbenannt und verschoben")
    assert int(events_of(repo)["werkstatt"]["SEQUENCE"]) == 2


def test_a_shallow_clone_warns_and_gives_no_counts(repo: ContentFolder, tmp_path: Path):
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-07 10:00"\nend: "12:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "verschoben")
    clone = tmp_path / "flach"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True, capture_output=True
    )
    shallow = ContentFolder.__new__(ContentFolder)
    shallow.root = clone
    result = build(shallow.config(), TODAY)
    assert any("flacher Klon" in w and "fetch-depth: 0" in w for w in result.output.warnings)
    calendar = icalendar.Calendar.from_ical(result.output.files["kalender.ics"])
    assert {int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")} == {0}


def test_without_git_the_output_is_the_fixed_stamp_and_a_note(folder: ContentFolder):
    folder.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-06 10:00"\n' + VENUE)
    result = build(folder.config(), TODAY)
    assert result.output.warnings == () and "kein git-Repository" in result.output.notes[0]
    event = icalendar.Calendar.from_ical(result.output.files["kalender.ics"]).walk("VEVENT")[0]
    assert event.decoded("DTSTAMP").isoformat() == "2000-01-01T00:00:00+00:00" and "LAST-MODIFIED" not in event


# -- rescheduled events: the earlier starts that Git shows ------------------------------------


def outputs(folder: ContentFolder, slug: str) -> tuple[BeautifulSoup, object, icalendar.Event]:
    """The event's page as a parser reads it, its JSON-LD as data, its VEVENT in the site feed."""
    result = build(folder.config(), TODAY)
    assert result.output is not None, result.problems
    [page] = [p for p in result.output.pages if p.url_path == f"veranstaltungen/{slug}/"]
    html = BeautifulSoup(page.html, "html.parser")
    data = json.loads(str(page.meta.extra["quartier_json_ld"]))
    feed = icalendar.Calendar.from_ical(result.output.files["kalender.ics"])
    [vevent] = [e for e in feed.walk("VEVENT") if str(e["UID"]).startswith(f"{slug}@")]
    return html, data, vevent


def test_a_moved_start_shows_on_the_page_in_the_json_ld_and_in_the_feed(repo: ContentFolder):
    html, data, vevent = outputs(repo, "werkstatt")
    assert html.select(".q-notice--rescheduled") == []
    assert data["eventStatus"] == "https://schema.org/EventScheduled" and "previousStartDate" not in data
    assert "Verschoben" not in str(vevent.decoded("DESCRIPTION"))

    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-11 18:00"\nend: "20:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "Werkstatt verschoben", when="2027-01-05T09:30:00+00:00")
    html, data, vevent = outputs(repo, "werkstatt")
    expected = "Verschoben vom Donnerstag, 6. Mai 2027, 10:00 Uhr auf Dienstag, 11. Mai 2027, 18:00–20:00 Uhr."
    [notice] = html.select(".q-notice--rescheduled")
    assert notice.get_text(" ", strip=True) == expected
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2027-05-06T10:00:00+02:00" and data["startDate"] == "2027-05-11T18:00:00+02:00"
    assert expected in str(vevent.decoded("DESCRIPTION"))
    assert vevent.decoded("DTSTART").isoformat() == "2027-05-11T18:00:00+02:00" and int(vevent["SEQUENCE"]) == 1

    # Moved again, then a title change (no move): every earlier start, oldest first, once.
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-12 18:00"\nend: "20:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "noch einmal", when="2027-01-06T09:30:00+00:00")
    repo.event("werkstatt", 'title: Werkstatt am Mittwoch\nstart: "2027-05-12 18:00"\nend: "20:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "Titel", when="2027-01-07T09:30:00+00:00")
    html, data, vevent = outputs(repo, "werkstatt")
    assert data["previousStartDate"] == ["2027-05-06T10:00:00+02:00", "2027-05-11T18:00:00+02:00"]
    text = html.select_one(".q-notice--rescheduled").get_text(" ", strip=True)
    assert text.startswith("Verschoben vom Dienstag, 11. Mai 2027, 18:00 Uhr auf Mittwoch, 12. Mai 2027")
    assert text.endswith("Zuvor geplant: Donnerstag, 6. Mai 2027, 10:00 Uhr.")
    assert text in str(vevent.decoded("DESCRIPTION"))

    # The other event never moved.
    html, data, _vevent = outputs(repo, "forum")
    assert html.select(".q-notice--rescheduled") == [] and "previousStartDate" not in data


def test_a_postponed_event_stays_postponed_and_a_time_added_to_its_day_is_no_move(repo: ContentFolder):
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-06 10:00"\nend: "12:00"\nstatus: postponed\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "verschoben, Termin offen", when="2027-01-05T09:30:00+00:00")
    _html, data, _vevent = outputs(repo, "werkstatt")
    assert data["eventStatus"] == "https://schema.org/EventPostponed" and "previousStartDate" not in data

    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-20 10:00"\nend: "12:00"\nstatus: postponed\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "neuer Termin, noch unsicher", when="2027-01-06T09:30:00+00:00")
    html, data, vevent = outputs(repo, "werkstatt")
    assert data["eventStatus"] == "https://schema.org/EventPostponed" and "previousStartDate" not in data
    assert html.select(".q-notice--rescheduled") == [] and "Verschoben vom" not in str(vevent["DESCRIPTION"])

    repo.event("forum", "title: Forum\nstart: 2027-06-01\n" + VENUE)
    git(repo.root, "commit", "-q", "-am", "ganztägig", when="2027-01-07T09:30:00+00:00")
    repo.event("forum", 'title: Forum\nstart: "2027-06-01 19:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "mit Uhrzeit", when="2027-01-08T09:30:00+00:00")
    _html, data, _vevent = outputs(repo, "forum")
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2027-06-01T18:00:00+02:00"  # 18:00 was a move; the day alone was not


# -- a hostile history: it cannot be changed afterwards, so it must never stop a build ---------

FAR_FUTURE = "@1000000000000 +0000"
"""A committer date in the year 33658: git stores it, datetime cannot hold it."""


def head(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()


def test_a_commit_dated_in_the_year_33658_is_passed_over_with_its_name(repo: ContentFolder, capsys):
    # The last commit that touched the event is the forged one (the case that stopped every build).
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-07 10:00"\nend: "12:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "aus der Zukunft", when=FAR_FUTURE)
    future = head(repo.root)
    repo.write(
        "content/cities.yml", CITIES + "- name: Bochum\n  state: Nordrhein-Westfalen\n  lat: 51.4818\n  lon: 7.2162\n"
    )
    git(repo.root, "commit", "-q", "-am", "Bochum", when="2027-01-05T09:30:00+00:00")
    result = build(repo.config(), TODAY)
    assert result.output is not None and result.output.warnings == ()
    [note] = [n for n in result.output.notes if future in n]
    assert "Jahr 33658" in note and "übergangen" in note
    events = events_of(repo)
    # Its version is left out: the file as it is now differs from the last version read.
    assert int(events["werkstatt"]["SEQUENCE"]) == 1 and int(events["forum"]["SEQUENCE"]) == 0
    assert events["werkstatt"].decoded("DTSTAMP").isoformat() == "2027-01-01T10:00:00+00:00"
    assert main(["--root", str(repo.root), "validate"]) == 0
    assert future in capsys.readouterr().err
    out = repo.root.parent / f"{repo.root.name}-generiert"
    assert main(["--root", str(repo.root), "generate", str(out)]) == 0
    assert future in capsys.readouterr().err


def test_a_far_future_head_gives_new_events_the_fixed_stamp(repo: ContentFolder):
    repo.write(
        "content/cities.yml", CITIES + "- name: Bochum\n  state: Nordrhein-Westfalen\n  lat: 51.4818\n  lon: 7.2162\n"
    )
    git(repo.root, "commit", "-q", "-am", "Bochum", when=FAR_FUTURE)
    repo.event("neu", 'title: Neu\nstart: "2027-07-01 10:00"\n' + VENUE)
    result = build(repo.config(), TODAY)
    assert result.output is not None and any(head(repo.root) in n for n in result.output.notes)
    new = events_of(repo)["neu"]
    assert int(new["SEQUENCE"]) == 0 and new.decoded("DTSTAMP").isoformat() == "2000-01-01T00:00:00+00:00"


def test_a_version_larger_than_max_file_bytes_is_never_read(repo: ContentFolder, monkeypatch: pytest.MonkeyPatch):
    big = repo.write("content/events/riesig.md", "---\ntitle: R\n---\n" + "Viel Text. " * 1_400_000)
    assert big.stat().st_size > 15_000_000
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "riesig")
    big.unlink()
    git(repo.root, "commit", "-q", "-am", "wieder weg")
    asked: list[int] = []
    read: list[str] = []
    original_blobs, original_reading = history._Git.blobs, history._reading

    def blobs(self, objects):
        asked.extend(size for _, size in objects)
        return original_blobs(self, objects)

    def reading(text, path, config):
        read.append(path)
        return original_reading(text, path, config)

    monkeypatch.setattr(history._Git, "blobs", blobs)
    monkeypatch.setattr(history, "_reading", reading)
    started = time.monotonic()
    result = build(repo.config(), TODAY)
    assert time.monotonic() - started < 10
    assert result.output is not None
    assert asked and max(asked) <= repo.config().max_file_bytes
    assert "content/events/riesig.md" not in read and "content/events/werkstatt.md" in read
    [note] = [n for n in result.output.notes if "riesig.md" in n]
    assert "max_file_bytes" in note and head(repo.root) not in note  # the commit that added it, not the deletion
    assert {uid: int(e["SEQUENCE"]) for uid, e in events_of(repo).items()} == {"werkstatt": 0, "forum": 0}


def test_a_history_that_takes_too_long_gives_no_counts_and_a_warning(repo: ContentFolder, monkeypatch):
    repo.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-07 10:00"\nend: "12:00"\n' + VENUE)
    git(repo.root, "commit", "-q", "-am", "verschoben")
    assert int(events_of(repo)["werkstatt"]["SEQUENCE"]) == 1
    monkeypatch.setattr(history, "HISTORY_SECONDS", 0.0)
    result = build(repo.config(), TODAY)
    assert any("nicht in 0 s lesen" in w for w in result.output.warnings)
    calendar = icalendar.Calendar.from_ical(result.output.files["kalender.ics"])
    assert {int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")} == {0}
