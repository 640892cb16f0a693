"""One declaration per field (issue 29): a field written once in ``content/schema.py`` reaches
the converter, the model, the JSON Schema, the form, ``quartier new``, the field reference
and the form's script, and nothing else has to be told about it.

A test-only field is added to a copy of the event type; every generator is handed that copy
(each takes the declaration as a parameter, the real one by default)."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from quartier.content import model
from quartier.content.kinds import Lookup, check_fields, model_fields
from quartier.content.loading import Value, ValueKind
from quartier.content.schema import (
    CITY_FIELDS,
    EVENT,
    HOME,
    POST,
    PROGRAM,
    PROJECT,
    REPEAT,
    Ask,
    Choice,
    ContentType,
    Derived,
    FieldSpec,
    model_gaps,
)
from quartier.editor import cms
from quartier.editor.json_schema import all_schemas, content_type_schema
from quartier.editor.new_file import NewFileError, ask_missing, prepare, questions, render_new_file
from quartier.frontends import cli
from quartier.render.field_reference import field_reference_markdown

PATH = "content/events/2027-05-06-werkstatt.md"


@dataclass(frozen=True)
class TestKind:
    """One kind the test field is declared with, a value a file may hold and one it may not."""

    spec: FieldSpec
    good: Value
    good_model: object
    bad: Value

    __test__ = False


_QUESTION = Ask("Testfeld, z. B. https://test.example.org/", 7)
TEST_KINDS = {
    "https_url": TestKind(
        FieldSpec(
            "test_field",
            "https_url",
            "Testfeld: ein Link, nur für diesen Test.",
            "https://test.example.org/",
            label="Testfeld",
            ask=_QUESTION,
        ),
        Value("https://test.example.org/a", ValueKind.STR, 9, "https://test.example.org/a"),
        "https://test.example.org/a",
        Value("http://test.example.org/a", ValueKind.STR, 9, "http://test.example.org/a"),
    ),
    "choice": TestKind(
        FieldSpec(
            "test_field",
            "choice",
            "Testfeld: laut oder leise, nur für diesen Test.",
            "leise",
            choices=(Choice("laut", "loud"), Choice("leise", "quiet", "leise (ohne Musik)")),
            default="laut",
            label="Testfeld",
            ask=_QUESTION,
        ),
        Value("leise", ValueKind.STR, 9, "leise"),
        "quiet",
        Value("still", ValueKind.STR, 9, "still"),
    ),
    "organizer": TestKind(
        FieldSpec(
            "test_field",
            "organizer",
            "Testfeld: ein Name, oder name mit url, nur für diesen Test.",
            '"Testverein"',
            fields=(
                FieldSpec("name", "text", "Name.", '"Testverein"', required=True, label="Name"),
                FieldSpec("url", "url", "Website.", "https://test.example.org/", label="Website"),
            ),
            label="Testfeld",
            ask=_QUESTION,
        ),
        Value("Testverein", ValueKind.STR, 9, "Testverein"),
        model.Organizer("Testverein"),
        Value(12, ValueKind.INT, 9, "12"),
    ),
}


@dataclass(frozen=True)
class TestEvent(model.Event):
    """The model with the test field: a model must have an attribute for every declared field."""

    test_field: object = None
    __test__ = False


def _with(spec: FieldSpec) -> ContentType:
    return replace(EVENT, fields=(*EVENT.fields, spec))


def _lookup(tmp_path: Path) -> Lookup:
    essen = model.City("Essen", "essen", "Nordrhein-Westfalen")
    return Lookup(root=tmp_path, cities={"Essen": essen}, city_names=("Essen",), slugs={}, sorted_slugs={})


def _help(parser: argparse.ArgumentParser, *words: str) -> str:
    """The ``--help`` text of a command, as the editor sees it."""
    output = io.StringIO()
    with pytest.raises(SystemExit), contextlib.redirect_stdout(output):
        parser.parse_args([*words, "--help"])
    return output.getvalue()


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in fields}


@pytest.mark.parametrize("kind", list(TEST_KINDS))
def test_a_field_declared_once_reaches_every_place(kind: str, tmp_path: Path):
    case = TEST_KINDS[kind]
    spec = case.spec
    ctype = _with(spec)

    # 1. The converter: known, converted to the model's value, a bad value named by field and line.
    fields = {"test_field": case.good}
    converted = check_fields(PATH, fields, ctype.fields, 1, _lookup(tmp_path))
    assert converted.value["test_field"] == case.good_model
    assert "test_field" not in {problem.field for problem in converted.problems}
    refused = check_fields(PATH, {"test_field": case.bad}, ctype.fields, 1, _lookup(tmp_path))
    assert "test_field" not in refused.value
    assert [(p.field, p.line) for p in refused.problems if p.field.startswith("test_field")] == [("test_field", 9)]
    # The real declaration does not know it: the declaration is what makes it a field.
    unknown = check_fields(PATH, fields, EVENT.fields, 1, _lookup(tmp_path))
    assert [p.field for p in unknown.problems if p.field == "test_field"] == ["test_field"]

    # 2. The model: the mapping is checked both ways, and the reader hands the value over.
    assert model_gaps(ctype.fields, TestEvent) == []
    assert model_gaps(ctype.fields, model.Event) == ["Event has no attribute 'test_field' for the field 'test_field'"]
    assert model_gaps(EVENT.fields, TestEvent) == [
        "TestEvent.test_field is neither a declared field nor the model's own"
    ]
    assert model_fields(converted.value, ctype.fields, TestEvent)["test_field"] == case.good_model
    with pytest.raises(TypeError, match="test_field"):
        model_fields(converted.value, ctype.fields, model.Event)

    # 3. The JSON Schema: described, and accepting and refusing what the converter does.
    schema = content_type_schema(ctype)
    assert schema["properties"]["test_field"]["description"].startswith(spec.description)
    assert "test_field" not in content_type_schema(EVENT)["properties"]
    validator = jsonschema.Draft202012Validator(schema["properties"]["test_field"])
    assert validator.is_valid(case.good.data) and not validator.is_valid(case.bad.data)
    assert '"test_field"' in all_schemas((ctype,))["events.schema.json"]

    # 4. The form: label, hint, widget (and choices) from the declaration.
    collection = replace(cms.COLLECTIONS[0], ctype=ctype)
    form = _by_name(cms.folder_collection(collection, "content")["fields"])["test_field"]
    assert (form["label"], form["required"]) == ("Testfeld", False)
    assert form["hint"].startswith(spec.hint)
    widget = cms.WIDGETS[spec.kind](spec)
    assert {key: form[key] for key in widget} == json.loads(json.dumps(widget))

    # 5. quartier new: the question, asked in its order, and the template with and without an answer.
    asked = questions(ctype)
    assert [q.answer for q in asked][-1] == "test_field"
    assert asked[-1].text == "Testfeld, z. B. https://test.example.org/"
    assert "test_field" not in [q.answer for q in questions(EVENT)]
    prompts: list[str] = []
    answers = iter(["14.09.2027 17:00", "19:00", "Werkstatt", "", "Testverein"])

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    values = ask_missing("event", {}, ask, date(2027, 9, 1), types={"event": ctype})
    assert prompts[-1] == "Testfeld, z. B. https://test.example.org/: "
    assert values["test_field"] == "Testverein"
    types = {"event": ctype}
    # ... and its command-line option, named after the field, the question as its help.
    argv = ["new", "event", "--title", "W", "--test-field", "https://test.example.org/b"]
    assert cli.new_values(cli.parser(types).parse_args(argv), types) == {
        "title": "W",
        "test_field": "https://test.example.org/b",
    }
    help_text = _help(cli.parser(types), "new", "event")
    assert "--test-field TEST_FIELD" in help_text
    assert " ".join(help_text.split()).count("Testfeld, z. B. https://test.example.org/") == 1
    assert "--test-field" not in _help(cli.parser(), "new", "event")
    with pytest.raises(SystemExit):
        cli.parser().parse_args(argv)
    template = render_new_file("event", {"title": "W", "start": "2027-09-14 17:00"}, types)
    assert f"# test_field: {spec.description}" in template.splitlines()
    assert "test_field" not in render_new_file("event", {"title": "W", "start": "2027-09-14 17:00"})
    written = render_new_file("event", {"title": "W", "start": "2027-09-14 17:00", "test_field": "x"}, types)
    assert 'test_field: "x"' in written.splitlines()

    # 6. The field reference.
    reference = field_reference_markdown((ctype,))
    [row] = [line for line in reference.splitlines() if line.startswith("| `test_field` |")]
    assert spec.description in row and (spec.example in row or not spec.example)
    assert "`test_field`" not in field_reference_markdown()

    # 7. The form's script: its checks are the configuration's (patterns, options) and
    #    the generated quartier-felder.js.
    if kind == "https_url":
        assert form["pattern"][0] == "^https://"
    if kind == "choice":
        assert form["options"] == [
            {"label": "laut", "value": "laut", "code": "loud"},
            {"label": "leise (ohne Musik)", "value": "leise", "code": "quiet"},
        ]
        assert form["default_label"] == "ohne Angabe: laut"
    module = cms.form_module((collection,), HOME, CITY_FIELDS)
    assert ("test_field" in module["NAME_OR_FIELDS"]) is (kind == "organizer")
    assert ("test_field" in cms.form_module_text((collection,))) is (kind == "organizer")


def test_a_field_declared_once_in_a_group_is_asked_and_written_in_its_group():
    """A question for a field of a group (the venue's): its option, asked after the group's
    first question, and written inside the group."""
    venue = EVENT.field("venue")
    assert venue is not None
    sub = FieldSpec("test_field", "text", "Testfeld.", '"Saal 2"', label="Testfeld", ask=Ask("Raum, z. B. Saal 2", 7))
    grown = replace(venue, fields=(*venue.fields, sub))
    types = {"event": replace(EVENT, fields=tuple(grown if spec is venue else spec for spec in EVENT.fields))}
    argv = ["new", "event", "--city", "Essen", "--test-field", "Saal 2"]
    values = cli.new_values(cli.parser(types).parse_args(argv), types)
    assert values == {"city": "Essen", "test_field": "Saal 2"}
    lines = render_new_file("event", {"title": "W", "start": "2027-09-14", **values}, types).splitlines()
    start = lines.index("venue:")
    assert lines[start : start + 4] == ["venue:", '  name: "Essen"', '  city: "Essen"', '  test_field: "Saal 2"']
    # Without the group's first answer (the city) the group is not written, nor asked.
    alone = render_new_file("event", {"title": "W", "start": "2027-09-14", "test_field": "x"}, types)
    assert "venue:" not in alone.splitlines() and 'test_field: "x"' not in alone
    answers = iter(["14.09.2027", "", "W", ""])
    asked = ask_missing("event", {}, lambda _: next(answers), date(2027, 9, 1), types=types)
    assert "test_field" not in asked


def test_a_choice_value_declared_once_reaches_the_form_and_needs_the_site_s_words():
    """A new value of an event's format is in the form's options from its declaration; the
    preview says what the event's page says, so a value the site has no word for stops
    ``quartier cms`` instead of showing a bare code."""
    spec = EVENT.field("format")
    assert spec is not None
    added = replace(spec, choices=(*spec.choices, Choice("testweise", "test-format")))
    ctype = replace(EVENT, fields=tuple(added if field is spec else field for field in EVENT.fields))
    collection = replace(cms.COLLECTIONS[0], ctype=ctype)
    form = _by_name(cms.folder_collection(collection, "content")["fields"])["format"]
    assert form["options"][-1] == {"label": "testweise", "value": "testweise", "code": "test-format"}
    with pytest.raises(LookupError, match="format „test-format“"):
        cms.form_module((collection,))
    words = cms.preview_words()
    assert list(words["FORMAT_WORDS"]) == [choice.code for choice in spec.choices]
    assert words["FORMAT_WORDS"]["in-person"] == "vor Ort"
    assert words["STATUS_NOTICES"] == {
        "cancelled": {"badge": "Abgesagt", "text": "Diese Veranstaltung findet nicht statt."},
        "postponed": {
            "badge": "Verschoben",
            "text": "Diese Veranstaltung wird verschoben. Der neue Termin wird hier bekannt gegeben.",
        },
    }


def test_a_required_question_is_asked_again_and_a_group_follows_its_first_answer():
    """Whether an answer may stay empty and which questions follow which come from the declaration."""
    spec = replace(TEST_KINDS["https_url"].spec, required=True)
    ctype = replace(PROGRAM, fields=(*PROGRAM.fields, spec))
    told: list[str] = []
    answers = iter(["Programm", "", "https://test.example.org/"])
    values = ask_missing("program", {}, lambda _: next(answers), date(2027, 9, 1), told.append, {"program": ctype})
    assert values == {"title": "Programm", "test_field": "https://test.example.org/"}
    assert told == ["test_field: ohne Angabe geht es nicht."]
    # An event without a city: the place's name and address are not asked.
    prompts: list[str] = []
    answers = iter(["14.09.2027 17:00", "", "Werkstatt", ""])
    ask_missing("event", {}, lambda prompt: prompts.append(prompt) or next(answers), date(2027, 9, 1))
    assert [prompt.split(",")[0].split(" (")[0].removesuffix(": ") for prompt in prompts] == [
        "Beginn",
        "Ende",
        "Titel",
        "Stadt",
    ]


def test_a_date_field_declared_once_is_typed_in_german_in_quartier_new(folder):
    spec = FieldSpec(
        "test_field",
        "date",
        "Testfeld: ein Tag, nur für diesen Test.",
        "2027-01-31",
        label="Testfeld",
        ask=Ask("Testfeld, z. B. 31.01.2027", 2),
    )
    types = {"program": replace(PROGRAM, fields=(*PROGRAM.fields, spec))}
    new = prepare("program", {"title": "Programm", "test_field": "31.01.2027"}, folder.config(), types)
    assert "test_field: 2027-01-31" in new.text.splitlines()
    # What is no date is refused before a file is named, with the question's example.
    with pytest.raises(NewFileError) as refused:
        prepare("program", {"title": "Programm", "test_field": "morgen"}, folder.config(), types)
    assert (str(refused.value), refused.value.questions) == (
        "test_field: „morgen“ ist kein Datum (Erwartet: z. B. 31.01.2027)",
        ("test_field",),
    )
    # The real declaration does not ask for it: the answer is refused, not dropped.
    with pytest.raises(NewFileError) as unknown:
        prepare("program", {"title": "Programm", "test_field": "31.01.2027"}, folder.config())
    assert unknown.value.questions == ("test_field",)


def test_a_required_field_declared_once_is_required_by_quartier_new(folder):
    """Whether ``quartier new`` can do without an answer, and the option the message names,
    come from the declaration."""
    spec = replace(TEST_KINDS["https_url"].spec, required=True)
    types = {"program": replace(PROGRAM, fields=(*PROGRAM.fields, spec))}
    with pytest.raises(NewFileError) as missing:
        prepare("program", {"title": "Programm"}, folder.config(), types)
    assert (str(missing.value), missing.value.questions) == (
        'test_field: Pflichtangabe fehlt (--test-field "https://test.example.org/").',
        ("test_field",),
    )
    assert prepare("program", {"title": "Programm"}, folder.config()).path.name == "programm.md"


def test_every_field_lands_on_its_model_and_every_attribute_comes_from_a_field():
    venue = EVENT.field("venue")
    organizer = EVENT.field("organizer")
    assert venue is not None and organizer is not None
    pairs: list[tuple[tuple[FieldSpec, ...], type, tuple[str, ...]]] = [
        (EVENT.fields, model.Event, ("slug", "source", "body", "body_line", "picture")),
        (PROJECT.fields, model.Project, ("slug", "source", "body", "picture")),
        (PROGRAM.fields, model.Program, ("slug", "source", "body", "picture")),
        (POST.fields, model.Post, ("slug", "source", "body", "picture")),
        (HOME.fields, model.HomeText, ("source", "body")),
        (CITY_FIELDS, model.City, ("slug",)),
        (venue.fields, model.Venue, ()),
        (organizer.fields, model.Organizer, ()),
        # The series' last days are computed from the rule, not written.
        (REPEAT.fields, model.Series, ("last_rule_day", "last_day")),
    ]
    for specs, cls, own in pairs:
        assert model_gaps(specs, cls, own) == [], cls.__name__
    # The time of an event is built from two fields; what is derived is declared, not listed by the reader.
    assert {spec.name: spec.attribute for spec in EVENT.fields if spec.derived} == {
        "start": "when",
        "end": "when",
        "repeat": "repeat",
        "timezone": "timezone",
        "format": "format",
        "venue": "venue",
        "uid": "uid",
    }
    renamed = replace(EVENT.fields[0], name="subtitle")
    assert model_gaps((*EVENT.fields[1:], renamed), model.Event) == [
        "Event has no attribute 'subtitle' for the field 'subtitle'",
        "Event.title is neither a declared field nor the model's own",
    ]
    moved = replace(renamed, derived=Derived("title"))
    assert model_gaps((*EVENT.fields[1:], moved), model.Event) == []
