"""``quartier new``: every kind of file it writes validates once its text is written,
and nothing is written that would not."""

from __future__ import annotations

import builtins
import sys
from datetime import date

import pytest
from conftest import ContentFolder

from quartier.content import validation
from quartier.content.loading import LoadCode
from quartier.content.readers import ReadCode
from quartier.editor.new_file import PLACEHOLDER_BODY, NewFileError, ask_missing, create, create_interactively
from quartier.frontends.cli import main
from quartier.problems import Problem

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        (
            "event",
            {
                "title": "Werkstatt: Dorf & Stadt",
                "start": "2027-05-06 18:00",
                "end": "20:00",
                "city": "Essen",
                "venue": "Zeche",
                "programs": "initiative-ergreifen",
            },
            "content/events/2027-05-06-werkstatt-dorf-stadt.md",
        ),
        ("event", {"title": "Online-Runde", "start": "2027-01-01"}, "content/events/2027-01-01-online-runde.md"),
        (
            "event",
            {
                "title": "Tage im Dorf",
                "start": "2027-03-10",
                "end": "2027-03-12",
                "city": "Frankfurt (Oder)",
                "address": "Markt 1, 15230",
            },
            "content/events/2027-03-10-tage-im-dorf.md",
        ),
        ("project", {"title": "Bürgerhaus Köln", "city": "Berlin"}, "content/projects/buergerhaus-koeln.md"),
        ("program", {"title": "Soziale Stadt NRW"}, "content/programs/soziale-stadt-nrw.md"),
        (
            "post",
            {"title": "Rückblick: 10 Jahre", "date": "2026-11-21"},
            "content/news/2026-11-21-rueckblick-10-jahre.md",
        ),
    ],
)
def test_new_files_validate_as_written(folder: ContentFolder, kind: str, values: dict, expected: str):
    created = create(kind, values, folder.config())
    assert created.path.relative_to(folder.root).as_posix() == expected
    # As written, the body is the placeholder, which the editor has to replace (and the
    # validator may refuse): nothing else of the file is wrong.
    assert PLACEHOLDER_BODY in created.text
    body_starts = created.text.split("\n").index("---", 1) + 2
    as_written = folder.validate().problems
    assert all(p.path == expected and p.line >= body_starts for p in as_written), [p.format_text() for p in as_written]
    created.path.write_text(created.text.replace(PLACEHOLDER_BODY, "Ein Abend für alle."), encoding="utf-8")
    result = folder.validate()
    assert result.problems == [], [p.format_text() for p in result.problems]
    assert "# summary:" in created.text  # optional fields are offered as comments
    if kind == "post":
        assert '\ndate: "2026-11-21"\n' in created.text


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
    answers = iter(["2027-05-06 18:00", "", "Werkstatt", "Essen", "Zeche Carl", ""])
    values = ask_missing("event", {}, lambda question: next(answers), today=__import__("datetime").date(2026, 11, 21))
    assert values == {
        "title": "Werkstatt",
        "start": "2027-05-06 18:00",
        "end": "",
        "city": "Essen",
        "venue": "Zeche Carl",
        "address": "",
    }


def test_new_then_edit_then_validate_reports_editor_mistakes(folder: ContentFolder, capsys):
    assert (
        main(
            [
                "--root",
                str(folder.root),
                "new",
                "event",
                "--title",
                "W",
                "--start",
                "2027-05-06 18:00",
                "--city",
                "Essen",
                "--no-input",
            ]
        )
        == 0
    )
    path = folder.root / capsys.readouterr().out.strip()
    path.write_text(path.read_text(encoding="utf-8").replace('city: "Essen"', 'city: "Esen"'), encoding="utf-8")
    assert main(["--root", str(folder.root), "validate"]) == 1
    assert "meinten Sie „Essen“" in capsys.readouterr().err


def test_cli_refuses_bad_input_without_traceback(folder: ContentFolder, capsys):
    assert (
        main(
            [
                "--root",
                str(folder.root),
                "new",
                "event",
                "--title",
                "W",
                "--start",
                "2022-02-30",
                "--city",
                "Essen",
                "--no-input",
            ]
        )
        == 1
    )
    assert "2022-02-30 gibt es nicht" in capsys.readouterr().err
    assert not (folder.root / "content/events").exists()  # checked before writing: nothing written


# -- checked before it writes --------------------------------------------------------


def content_files(folder: ContentFolder) -> list[str]:
    return sorted(p.relative_to(folder.root).as_posix() for p in folder.root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("kind", "values", "path", "line"),
    [
        (
            "event",
            {"title": "W", "start": "2022-02-30 18:00", "city": "Essen"},
            "content/events/2022-02-30-w.md",
            "  start: Das Datum 2022-02-30 gibt es nicht",
        ),
        (
            "event",
            {"title": "W", "start": "2027-05-06 18:00", "city": "Esen"},
            "content/events/2027-05-06-w.md",
            "  venue.city: Unbekannte Stadt „Esen“ (meinten Sie „Essen“?)",
        ),
        (
            "event",
            {"title": "W", "start": "2027-05-06", "programs": "initiative-ergreiffen"},
            "content/events/2027-05-06-w.md",
            (
                "  programs: „initiative-ergreiffen“ gibt es nicht in "
                "content/programs/ (meinten Sie „initiative-ergreifen“?)"
            ),
        ),
        ("project", {"title": "P", "city": "Atlantis"}, "content/projects/p.md", "  city: Unbekannte Stadt „Atlantis“"),
        ("post", {"title": "B", "date": "2026-13-01"}, "content/news/2026-13-01-b.md", "  date: "),
    ],
)
def test_nothing_is_written_when_the_validator_refuses(
    folder: ContentFolder, kind: str, values: dict, path: str, line: str
):
    before = content_files(folder)
    with pytest.raises(NewFileError) as caught:
        create(kind, values, folder.config())
    message = str(caught.value)
    assert message.startswith(f"{path} hätte 1 Fehler:\n")
    assert message.splitlines()[1].startswith(line)
    assert content_files(folder) == before


def test_a_start_that_is_no_day_cannot_name_a_file(folder: ContentFolder):
    before = content_files(folder)
    for start in ("../../x", "morgen", "06.05.27"):
        with pytest.raises(NewFileError) as caught:
            create("event", {"title": "W", "start": start, "city": "Essen"}, folder.config())
        # The message repeats what was typed.
        assert str(caught.value) == f"start: „{start}“ ist kein Datum (Erwartet: z. B. 14.09.2027 17:00)"
        assert caught.value.questions == ("start",)
    assert content_files(folder) == before and not (folder.root.parent / "x-w.md").exists()


def test_the_check_ignores_only_the_placeholder(folder: ContentFolder):
    """The validator refuses the placeholder body (the editor must write the text); the
    check before writing must still let `quartier new` write its file."""
    created = create(
        "event", {"title": "W", "start": "2027-05-06 18:00", "end": "20:00", "city": "Essen"}, folder.config()
    )
    problems = validation.validate_site(folder.config()).problems
    assert [(p.field, p.code) for p in problems] == [("Text", ReadCode.PLACEHOLDER_TEXT)]
    assert created.text.count("\n", 0, created.text.index(PLACEHOLDER_BODY)) + 1 == problems[0].line
    assert created.path.read_text(encoding="utf-8") == created.text
    # a real problem still stops it
    with pytest.raises(NewFileError, match="2022-02-30 gibt es nicht"):
        create("event", {"title": "X", "start": "2022-02-30", "city": "Essen"}, folder.config())


def test_the_check_works_in_a_project_without_that_folder_yet(tmp_path):
    folder = ContentFolder(tmp_path)
    assert not (tmp_path / "content/news").exists()
    created = create("post", {"title": "Erster Beitrag", "date": "2026-11-21"}, folder.config())
    assert created.path == tmp_path / "content/news/2026-11-21-erster-beitrag.md"


def test_a_warning_does_not_stop_the_file(folder: ContentFolder, monkeypatch):
    real = validation.validate_site

    def warning(config):
        result = real(config)
        result.problems.append(
            Problem("content/programs/p.md", 2, "title", "Titel ist sehr kurz", severity="warning", code=LoadCode.EMPTY)
        )
        return result

    monkeypatch.setattr(validation, "validate_site", warning)
    created = create("program", {"title": "P"}, folder.config())
    assert created.path.is_file() and [w.message for w in created.warnings] == ["Titel ist sehr kurz"]


# -- interactive: the failing question again ----------------------------------------


class Dialogue:
    """Scripted answers; records the questions and what the editor was told."""

    def __init__(self, *answers: str):
        self.answers = list(answers)
        self.questions: list[str] = []
        self.told: list[str] = []

    def ask(self, question: str) -> str:
        self.questions.append(question)
        return self.answers.pop(0)

    def tell(self, text: str) -> None:
        self.told.append(text)


def test_interactive_asks_an_impossible_date_again(folder: ContentFolder):
    talk = Dialogue("2022-02-30 18:00", "20:00", "Werkstatt", "Essen", "Zeche Carl", "", "2027-05-06 18:00")
    created = create_interactively("event", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert [q.split(",")[0].split(" ")[0] for q in talk.questions] == [
        "Beginn",
        "Ende",
        "Titel:",
        "Stadt",
        "Name",
        "Straße",
        "Beginn",
    ]
    [told] = talk.told
    assert (
        "content/events/2022-02-30-werkstatt.md hätte 1 Fehler:" in told
        and "start: Das Datum 2022-02-30 gibt es nicht" in told
    )
    assert told.endswith("Bitte noch einmal:")
    assert created.path.name == "2027-05-06-werkstatt.md" and 'start: "2027-05-06 18:00"' in created.text
    assert not (folder.root / "content/events/2022-02-30-werkstatt.md").exists()


def test_interactive_asks_an_unknown_city_again(folder: ContentFolder):
    talk = Dialogue("2027-05-06", "", "Werkstatt", "Esen", "Zeche Carl", "", "Essen")
    created = create_interactively("event", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert talk.questions[-1].startswith("Stadt")
    assert "venue.city: Unbekannte Stadt „Esen“ (meinten Sie „Essen“?)" in talk.told[0]
    assert 'city: "Essen"' in created.text and 'name: "Zeche Carl"' in created.text


def test_interactive_asks_an_empty_required_answer_again(folder: ContentFolder):
    talk = Dialogue(
        "",
        "Programm",
    )
    created = create_interactively("program", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert talk.told == ["title: ohne Angabe geht es nicht."] and created.path.name == "programm.md"


def test_interactive_asks_for_another_title_when_the_file_exists(folder: ContentFolder):
    create("program", {"title": "Programm"}, folder.config())
    talk = Dialogue("Programm", "Programm Zwei")
    created = create_interactively("program", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert "gibt es schon" in talk.told[0] and created.path.name == "programm-zwei.md"


def test_interactive_gives_up_on_what_no_question_can_fix(folder: ContentFolder):
    # --program is an option, not a question: asking again would not help
    talk = Dialogue("2027-05-06", "", "Werkstatt", "")
    with pytest.raises(NewFileError, match="initiative-ergreiffen"):
        create_interactively(
            "event", {"programs": "initiative-ergreiffen"}, folder.config(), talk.ask, talk.tell, TODAY
        )
    assert talk.told == [] and not (folder.root / "content/events").exists()


def test_cli_interactive_in_a_terminal(folder: ContentFolder, monkeypatch, capsys):
    answers = iter(["2027-02-29", "", "Werkstatt", "Essen", "", "", "2028-02-29"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda question="": next(answers))
    assert main(["--root", str(folder.root), "new", "event"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "content/events/2028-02-29-werkstatt.md"
    assert "start: Das Datum 2027-02-29 gibt es nicht" in captured.err and "Bitte noch einmal:" in captured.err


def test_cli_interactive_ends_quietly_when_input_ends(folder: ContentFolder, monkeypatch, capsys):
    def no_more(question=""):
        raise EOFError

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", no_more)
    assert main(["--root", str(folder.root), "new", "program"]) == 1
    assert "Abgebrochen, nichts angelegt." in capsys.readouterr().err
    assert content_files(folder) == ["content/cities.yml", "content/programs/initiative-ergreifen.md"]


def test_cli_without_a_terminal_does_not_ask(folder: ContentFolder, capsys):
    # pytest's stdin is no terminal: like --no-input
    assert main(["--root", str(folder.root), "new", "project", "--title", "P", "--city", "Atlantis"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nicht angelegt: content/projects/p.md hätte 1 Fehler:\n  city: Unbekannte Stadt „Atlantis“")
    assert not (folder.root / "content/projects").exists()


def test_the_template_lists_the_values_the_validator_takes(folder: ContentFolder):
    created = create("event", {"title": "W", "start": "2027-05-06", "city": "Essen"}, folder.config())
    lines = created.text.splitlines()
    assert "# status: abgesagt   # erlaubt: geplant, abgesagt, verschoben" in lines
    assert "# format: hybrid   # erlaubt: vor Ort, online, hybrid" in lines
    # Each value the template offers, uncommented, validates.
    for line in ("status: verschoben", "format: vor Ort", "format: hybrid"):
        text = created.text.replace(PLACEHOLDER_BODY, "Text.").replace("---\n", f"---\n{line}\n", 1)
        created.path.write_text(text, encoding="utf-8")
        assert folder.validate().problems == [], line


def _example(question: str) -> str:
    """What a question shows after „z. B.“, up to the next comma or bracket."""
    return question.split("z. B. ", 1)[1].split(" (")[0].split(",")[0]


@pytest.mark.parametrize(
    "answers,start,end",
    [
        # Exactly what the prompts show: a German date and time, a time on the same day.
        ("example", "2027-09-14 17:00", "19:00"),
        # The files' own spelling, with the quotes the README writes around it.
        (['"2027-09-14 17:00"', '"19:00"'], "2027-09-14 17:00", "19:00"),
        (["„14.09.2027 17:00“", "15.09.2027 13:00"], "2027-09-14 17:00", "2027-09-15 13:00"),
        (["14.9.2027", "16.09.2027"], "2027-09-14", "2027-09-16"),
        (["14.09.2027, 17.00 Uhr", "19.30 Uhr"], "2027-09-14 17:00", "19:30"),
    ],
)
def test_interactive_new_event_asks_the_start_first_and_takes_what_its_prompt_shows(
    folder: ContentFolder, answers, start: str, end: str
):
    from quartier.editor.new_file import QUESTIONS

    questions = dict(QUESTIONS["event"])
    assert next(iter(questions)) == "start"
    if answers == "example":
        answers = [_example(questions["start"]), _example(questions["end"])]
        assert answers == ["14.09.2027 17:00", "19:00"]
    talk = Dialogue(*answers, "Werkstatt", "Essen", "Zeche Carl", "")
    created = create_interactively("event", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert talk.told == [] and created.warnings == ()
    assert created.path.name == f"{start[:10]}-werkstatt.md"
    assert f'start: "{start}"' in created.text and f'end: "{end}"' in created.text


def test_a_german_date_that_does_not_exist_is_asked_again_with_what_was_typed(folder: ContentFolder):
    talk = Dialogue("31.02.2027 17:00", "19:00", "Werkstatt", "Essen", "", "", "14.09.2027 17:00")
    created = create_interactively("event", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert talk.told == ["start: Das Datum „31.02.2027 17:00“ gibt es nicht.\nBitte noch einmal:"]
    assert [q.split(",")[0] for q in talk.questions][::6] == ["Beginn", "Beginn"]
    assert created.path.name == "2027-09-14-werkstatt.md"


def test_a_post_asks_its_date_in_german_and_takes_the_shown_default(folder: ContentFolder):
    talk = Dialogue("Rückblick", "")
    created = create_interactively("post", {}, folder.config(), talk.ask, talk.tell, TODAY)
    assert talk.questions[1] == "Datum, z. B. 21.11.2026 [21.11.2026]: "
    assert created.path.name == "2026-11-21-rueckblick.md" and '\ndate: "2026-11-21"\n' in created.text
