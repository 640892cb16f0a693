"""The field kinds alone: every kind declared once, converters pure, descriptions from one place."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import jsonschema
import pytest

from quartier.content.kinds import KINDS, At, KindCode, Lookup, check_fields, field_schema
from quartier.content.loading import Value, ValueKind
from quartier.content.model import City
from quartier.content.moments import Spot, Written
from quartier.content.schema import CONTENT_TYPES, EVENT, REPEAT, FieldSpec, Kind
from quartier.editor.json_schema import content_type_schema
from quartier.render.field_reference import field_reference_markdown

ESSEN = City("Essen", "essen", "Nordrhein-Westfalen", None, None)


def lookup(tmp_path: Path) -> Lookup:
    return Lookup(
        root=tmp_path,
        cities={"Essen": ESSEN, "essen": ESSEN},
        city_names=("Essen",),
        slugs={"programs": frozenset({"initiative-ergreifen"})},
        sorted_slugs={"programs": ("initiative-ergreifen",)},
    )


def scalar(data: object, kind: str, line: int = 3) -> Value:
    return Value(data, ValueKind(kind), line, None if data is None else str(data))


def convert(spec: FieldSpec, value: Value, tmp_path: Path):
    return KINDS[spec.kind].convert(value, At("content/events/e.md", spec.name, spec, lookup(tmp_path)))


def test_every_kind_is_declared_once_under_its_own_name():
    assert set(KINDS) == set(get_args(Kind))
    assert all(name == kind.name for name, kind in KINDS.items())
    # Every kind a content type uses has an "Erwartet" text, except a choice (its choices are).
    for ctype in CONTENT_TYPES:
        for spec in ctype.fields:
            assert KINDS[spec.kind].expected_for(spec), spec.name


def test_a_converter_returns_its_problems_and_keeps_no_state(tmp_path):
    spec = EVENT.field("status")
    bad = convert(spec, scalar("abgesgat", "str"), tmp_path)
    assert bad.value is None
    [problem] = bad.problems
    assert (problem.path, problem.line, problem.field, problem.code) == (
        "content/events/e.md",
        3,
        "status",
        KindCode.CHOICE_UNKNOWN,
    )
    assert problem.message == "Unbekannter Wert „abgesgat“ (meinten Sie „abgesagt“?)"
    assert problem.expected == "einer von: geplant, abgesagt, verschoben"
    # The same converter, called again, knows nothing of the first call.
    good = convert(spec, scalar("abgesagt", "str"), tmp_path)
    assert (good.value, good.problems) == ("cancelled", ())


@pytest.mark.parametrize(
    "field,written,model",
    [
        ("status", "geplant", "scheduled"),
        ("status", "abgesagt", "cancelled"),
        ("status", "verschoben", "postponed"),
        ("format", "vor Ort", "in-person"),
        ("format", "online", "online"),
        ("format", "hybrid", "hybrid"),
        # The English values of earlier versions stay valid.
        ("status", "scheduled", "scheduled"),
        ("status", "cancelled", "cancelled"),
        ("status", "postponed", "postponed"),
        ("format", "in-person", "in-person"),
    ],
)
def test_the_german_words_and_the_english_values_give_the_same_event(tmp_path, field, written, model):
    converted = convert(EVENT.field(field), scalar(written, "str"), tmp_path)
    assert (converted.value, converted.problems) == (model, ())


def test_a_project_status_in_german_or_english(tmp_path):
    from quartier.content.schema import PROJECT

    spec = PROJECT.field("status")
    assert convert(spec, scalar("abgeschlossen", "str"), tmp_path).value == "completed"
    assert convert(spec, scalar("completed", "str"), tmp_path).value == "completed"
    assert KINDS["choice"].value_when_absent(spec) == "active"


def test_a_wrong_type_for_a_choice_names_the_choices(tmp_path):
    [problem] = convert(EVENT.field("format"), scalar(5, "int"), tmp_path).problems
    assert problem.expected == "einer von: vor Ort, online, hybrid"


def test_the_model_takes_the_codes_the_choices_declare():
    from quartier.content import model
    from quartier.content.schema import PROJECT, choice_code

    for spec, literal in (
        (EVENT.field("status"), model.EventStatus),
        (EVENT.field("format"), model.EventFormat),
        (PROJECT.field("status"), model.ProjectStatus),
        (REPEAT.fields[0], model.Frequency),
    ):
        assert spec is not None
        assert tuple(choice.code for choice in spec.choices) == get_args(literal)
        assert choice_code(spec.choices, spec.default or spec.choices[0].word) in get_args(literal)


def test_a_city_is_looked_up_by_name_or_slug(tmp_path):
    spec = EVENT.field("venue").fields[2]
    assert convert(spec, scalar("essen", "str"), tmp_path).value is ESSEN
    unknown = convert(spec, scalar("Esen", "str"), tmp_path)
    assert unknown.value is None and unknown.problems[0].code == KindCode.CITY_UNKNOWN
    assert "meinten Sie „Essen“" in unknown.problems[0].message


def test_nested_fields_report_their_full_label_and_keep_going(tmp_path):
    repeat = Value(
        {"freq": scalar("fortnightly", "str", 5), "interval": scalar(0, "int", 6), "byday": scalar("tu", "str", 7)},
        ValueKind.MAP,
        4,
    )
    result = KINDS["mapping"].convert(repeat, At("e.md", "repeat", REPEAT, lookup(tmp_path)))
    assert result.value is None
    assert [(p.line, p.field) for p in result.problems] == [
        (5, "repeat.freq"),
        (6, "repeat.interval"),
        (7, "repeat.byday"),
    ]


def test_check_fields_reports_unknown_and_missing_fields_at_once(tmp_path):
    fields = {"titel": scalar("W", "str", 2), "start": scalar("2027-05-06", "timestamp", 3)}
    result = check_fields("e.md", fields, EVENT.fields, 1, lookup(tmp_path))
    # A time is kept as written, with its place: it is read once the event's zone is known.
    assert result.value == {"start": Written("2027-05-06", Spot("e.md", 3, "start"))}
    assert [(p.field, p.code) for p in result.problems] == [
        ("titel", KindCode.FIELD_UNKNOWN),
        ("title", KindCode.FIELD_MISSING),
    ]
    assert result.problems[0].message == "Unbekanntes Feld (meinten Sie „title“?)"


@pytest.mark.parametrize("spec", [spec for ctype in CONTENT_TYPES for spec in ctype.fields], ids=lambda spec: spec.name)
def test_every_field_schema_is_a_valid_json_schema_with_its_description(spec):
    schema = field_schema(spec)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["description"] == spec.description


def test_the_guide_and_the_schemas_say_what_the_kinds_declare():
    reference = field_reference_markdown()
    assert KINDS["weekdays"].expected in reference
    assert "`geplant`, `abgesagt`, `verschoben` (weiterhin gültig: `scheduled`, `cancelled`, `postponed`)" in reference
    assert "`vor Ort`, `online`, `hybrid` (weiterhin gültig: `in-person`)" in reference
    properties = content_type_schema(EVENT)["properties"]
    assert properties["repeat"]["properties"]["byday"] == field_schema(REPEAT.fields[2])


def test_the_models_take_every_field_of_their_content_type_by_name():
    from dataclasses import replace as changed

    from quartier.content import model
    from quartier.content.kinds import model_fields
    from quartier.content.schema import HOME, POST, PROGRAM, PROJECT

    pairs = [
        (PROGRAM, model.Program, ()),
        (PROJECT, model.Project, ()),
        (POST, model.Post, ("date",)),
        (HOME, model.HomeText, ()),
    ]
    for ctype, cls, derived in pairs:
        assert {spec.name for spec in ctype.fields if spec.derived} == set(derived)
        values = model_fields({}, ctype.fields, cls)
        assert set(values) == {spec.name for spec in ctype.fields} - set(derived)
    assert model_fields({}, PROJECT.fields, model.Project)["status"] == "active"
    assert model_fields({}, POST.fields, model.Post)["draft"] is False
    renamed = (*PROGRAM.fields, changed(PROGRAM.fields[0], name="subtitle"))
    with pytest.raises(TypeError, match="subtitle"):
        model_fields({}, renamed, model.Program)
