"""``quartier new``: every kind of file it writes validates as written."""

from __future__ import annotations

import pytest

from conftest import ContentFolder
from quartier.cli import main
from quartier.new_file import NewFileError, ask_missing, create


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        ("event", {"title": "Werkstatt: Dorf & Stadt", "start": "2027-05-06 18:00", "end": "20:00", "city": "Essen", "venue": "Zeche", "programs": "initiative-ergreifen"}, "content/events/2027-05-06-werkstatt-dorf-stadt.md"),
        ("event", {"title": "Online-Runde", "start": "2027-01-01"}, "content/events/2027-01-01-online-runde.md"),
        ("event", {"title": "Tage im Dorf", "start": "2027-03-10", "end": "2027-03-12", "city": "Frankfurt (Oder)", "address": "Markt 1, 15230"}, "content/events/2027-03-10-tage-im-dorf.md"),
        ("project", {"title": "Bürgerhaus Köln", "city": "Berlin"}, "content/projects/buergerhaus-koeln.md"),
        ("program", {"title": "Soziale Stadt NRW"}, "content/programs/soziale-stadt-nrw.md"),
        ("post", {"title": "Rückblick: 10 Jahre", "date": "2026-11-21"}, "content/news/2026-11-21-rueckblick-10-jahre.md"),
    ],
)
def test_new_files_validate_as_written(folder: ContentFolder, kind: str, values: dict, expected: str):
    created = create(kind, values, folder.config())
    assert created.path.relative_to(folder.root).as_posix() == expected
    result = folder.validate()
    assert result.problems == [], [p.format_text() for p in result.problems]
    assert "# summary:" in created.text  # optional fields are offered as comments
    if kind == "post":
        assert "\ndate: 2026-11-21\n" in created.text


def test_existing_file_is_not_overwritten(folder: ContentFolder):
    create("program", {"title": "Programm"}, folder.config())
    with pytest.raises(NewFileError, match="gibt es schon"):
        create("program", {"title": "Programm"}, folder.config())


def test_missing_essentials(folder: ContentFolder):
    with pytest.raises(NewFileError, match="start"):
        create("event", {"title": "W"}, folder.config())
    with pytest.raises(NewFileError, match="city"):
        create("project", {"title": "P"}, folder.config())


def test_interactive_questions_fill_what_is_missing():
    answers = iter(["Werkstatt", "2027-05-06 18:00", "", "Essen", "Zeche Carl", ""])
    values = ask_missing("event", {}, lambda question: next(answers), today=__import__("datetime").date(2026, 11, 21))
    assert values == {"title": "Werkstatt", "start": "2027-05-06 18:00", "end": "", "city": "Essen", "venue": "Zeche Carl", "address": ""}


def test_new_then_edit_then_validate_reports_editor_mistakes(folder: ContentFolder, capsys):
    assert main(["--root", str(folder.root), "new", "event", "--title", "W", "--start", "2027-05-06 18:00", "--city", "Essen", "--no-input"]) == 0
    path = folder.root / capsys.readouterr().out.strip()
    path.write_text(path.read_text(encoding="utf-8").replace('city: "Essen"', 'city: "Esen"'), encoding="utf-8")
    assert main(["--root", str(folder.root), "validate"]) == 1
    assert "meinten Sie „Essen“" in capsys.readouterr().err


def test_cli_refuses_bad_input_without_traceback(folder: ContentFolder, capsys):
    assert main(["--root", str(folder.root), "new", "event", "--title", "W", "--start", "2022-02-30", "--city", "Essen", "--no-input"]) == 1
    assert "2022-02-30 gibt es nicht" in capsys.readouterr().err
