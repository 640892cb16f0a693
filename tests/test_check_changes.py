"""``quartier check-changes`` in a temporary git repository."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import VENUE, ContentFolder

from quartier.editor.check_changes import CheckChangesError, check_changes
from quartier.frontends.cli import main

TODAY = date(2026, 11, 21)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(folder: ContentFolder) -> ContentFolder:
    git(folder.root, "init", "-q", "-b", "main")
    git(folder.root, "config", "user.email", "test@example.org")
    git(folder.root, "config", "user.name", "Test")
    folder.event("2027-01-20-werkstatt", 'title: Werkstatt\nstart: "2027-01-20 10:00"\nend: "12:00"\n' + VENUE)
    folder.event("2026-09-01-sommerfest", "title: Sommerfest\nstart: 2026-09-01\n" + VENUE)
    folder.event("2020-01-28-alt", "title: Alt\nstart: 2020-01-28\n" + VENUE)
    folder.write("content/projects/garten.md", "---\ntitle: Garten\ncity: Essen\n---\nText.\n")
    git(folder.root, "add", "-A")
    git(folder.root, "commit", "-q", "-m", "base")
    return folder


def changes(repo: ContentFolder):
    return [(c.level, c.path, c.message) for c in check_changes(repo.config(), "main", TODAY)]


def test_no_changes(repo: ContentFolder):
    assert changes(repo) == []


def test_deleting_an_event_in_the_feed_window_fails(repo: ContentFolder):
    (repo.root / "content/events/2026-09-01-sommerfest.md").unlink()  # 81 days ago: still in the 180-day window
    [(level, path, message)] = changes(repo)
    assert (level, path) == ("fehler", "content/events/2026-09-01-sommerfest.md")
    assert "„status: abgesagt“ setzen" in message and "Geister-Termin" in message


def test_deleting_an_old_event_only_warns(repo: ContentFolder):
    (repo.root / "content/events/2020-01-28-alt.md").unlink()
    [(level, _, message)] = changes(repo)
    assert level == "warnung" and "nicht mehr erreichbar" in message


def test_rename_needs_the_old_uid_and_a_redirect(repo: ContentFolder):
    old = repo.root / "content/events/2027-01-20-werkstatt.md"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    repo.event(
        "2027-01-20-zukunftswerkstatt", 'title: Zukunftswerkstatt\nstart: "2027-01-20 10:00"\nend: "12:00"\n' + VENUE
    )
    assert [c[0] for c in changes(repo)] == ["fehler", "info"]  # deleted in window; added
    repo.write(
        "content/events/2027-01-20-zukunftswerkstatt.md",
        text.replace("title: Werkstatt", "title: Zukunftswerkstatt\nuid: 2027-01-20-werkstatt@quartier.example.org"),
    )
    [(level, _, message)] = changes(repo)
    assert (
        level == "fehler"
        and "veranstaltungen/2027-01-20-werkstatt/: veranstaltungen/2027-01-20-zukunftswerkstatt/" in message
    )
    repo.write(
        "content/redirects.yml",
        "veranstaltungen/2027-01-20-werkstatt/: veranstaltungen/2027-01-20-zukunftswerkstatt/\n",
    )
    assert changes(repo) == [
        (
            "info",
            "content/events/2027-01-20-zukunftswerkstatt.md",
            "Umbenannt von 2027-01-20-werkstatt mit gleicher uid und Weiterleitung",
        )
    ]


def test_changed_uid_fails_and_moves_and_cancellations_are_listed(repo: ContentFolder):
    repo.event(
        "2027-01-20-werkstatt",
        'title: Werkstatt\nstart: "2027-01-21 10:00"\nend: "12:00"\nstatus: cancelled\nuid: neu@x\n' + VENUE,
    )
    got = changes(repo)
    assert got[0][0] == "fehler" and "uid" in got[0][2]
    assert (
        "info",
        "content/events/2027-01-20-werkstatt.md",
        "Verschoben: 2027-01-20 10:00–12:00 → 2027-01-21 10:00–12:00",
    ) in got
    assert ("info", "content/events/2027-01-20-werkstatt.md", "Abgesagt: „Werkstatt“") in got


def test_removed_project_warns_unless_redirected(repo: ContentFolder):
    (repo.root / "content/projects/garten.md").unlink()
    assert [c[0] for c in changes(repo)] == ["warnung"]


def test_cli_exit_codes_and_github_format(repo: ContentFolder, capsys):
    (repo.root / "content/events/2026-09-01-sommerfest.md").unlink()
    assert main(["--root", str(repo.root), "check-changes", "--base", "main", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=content/events/2026-09-01-sommerfest.md,line=1,")


def test_unknown_base_and_no_repository(repo: ContentFolder, tmp_path_factory, capsys):
    with pytest.raises(CheckChangesError, match="gibt es in diesem Repository nicht"):
        check_changes(repo.config(), "gibt-es-nicht", TODAY)
    plain = ContentFolder(tmp_path_factory.mktemp("plain"))
    assert main(["--root", str(plain.root), "check-changes", "--base", "main"]) == 2
    assert "kein git-Repository" in capsys.readouterr().err


def test_overnight_move_shows_both_days(repo: ContentFolder):
    repo.event("2027-01-20-werkstatt", 'title: Werkstatt\nstart: "2027-01-20 18:00"\nend: "2027-01-21 13:00"\n' + VENUE)
    [(_, _, message)] = changes(repo)
    assert message == "Verschoben: 2027-01-20 10:00–12:00 → 2027-01-20 18:00 – 2027-01-21 13:00"


def test_removed_city_warns_about_its_calendar(repo: ContentFolder):
    repo.write("content/cities.yml", "- name: Essen\n  state: Nordrhein-Westfalen\n- name: Berlin\n  state: Berlin\n")
    [(level, path, message)] = changes(repo)
    assert (level, path) == ("warnung", "content/cities.yml") and "staedte/frankfurt-oder/kalender.ics" in message
