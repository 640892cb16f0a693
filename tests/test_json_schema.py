"""The committed JSON Schemas match the model, and real content validates against them."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import REPO

from quartier.content.loading import load_document, load_yaml
from quartier.editor.json_schema import SCHEMA_DIR, all_schemas, stale_schemas

SCHEMAS = REPO / SCHEMA_DIR


def test_committed_schemas_are_up_to_date():
    assert stale_schemas(SCHEMAS) == [], "run: quartier schemas"


def test_schemas_are_valid_draft_2020_12():
    for _name, text in all_schemas().items():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("events", "content/events"),
        ("projects", "content/projects"),
        ("programs", "content/programs"),
        ("posts", "content/news"),
    ],
)
def test_example_content_matches_its_schema(name: str, folder: str):
    check = validator(name)
    files = sorted((REPO / folder).glob("*.md"))
    assert files
    for path in files:
        doc = load_document(path, path.name)
        errors = [e.message for e in check.iter_errors({k: v.plain() for k, v in doc.fields.items()})]
        assert errors == [], f"{path.name}: {errors}"


def test_cities_match_their_schema():
    value, _ = load_yaml((REPO / "content/cities.yml").read_text(encoding="utf-8"), "cities.yml")
    assert list(validator("cities").iter_errors(value.plain())) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"title": "W"},  # no start
        {"title": "W", "start": "14.09.2022"},
        {"title": "W", "start": "2022-09-14", "status": "canceled"},
        {"title": "W", "start": "2022-09-14", "online_url": "http://x.example.org/"},
        {"title": "W", "start": "2022-09-14", "strat": "2022-09-14"},
        {"title": "W", "start": "2022-09-14", "venue": {"name": "Hub"}},
    ],
)
def test_schema_rejects_what_the_validator_rejects(bad: dict):
    assert list(validator("events").iter_errors(bad))


@pytest.mark.parametrize(
    "written",
    [
        {"status": "abgesagt", "format": "vor Ort"},
        {"status": "verschoben", "format": "hybrid"},
        {"status": "geplant", "format": "online"},
        # The English values of earlier versions stay valid, as in the validator.
        {"status": "cancelled", "format": "in-person"},
    ],
)
def test_schema_accepts_the_german_values_and_the_english_ones(written: dict):
    assert list(validator("events").iter_errors({"title": "W", "start": "2027-09-14", **written})) == []


def test_schema_offers_the_german_values_first():
    status = json.loads((SCHEMAS / "events.schema.json").read_text(encoding="utf-8"))["properties"]["status"]
    words, codes = status["anyOf"]
    assert words == {"enum": ["geplant", "abgesagt", "verschoben"]}
    assert codes["enum"] == ["scheduled", "cancelled", "postponed"] and codes["deprecated"] is True
    assert status["default"] == "geplant"


@pytest.mark.parametrize(
    "start,validator_accepts",
    [
        ("2027-09-14", True),
        ("2027-09-14 17:00", True),
        ("2027-09-14 9:05", True),
        ("14.09.2027", False),
        ("14.09.2027 17:00", False),
        ("14.9.2027, 17.00 Uhr", False),
        ("2027-09-14T17:00", True),
    ],
)
def test_schema_and_validator_accept_the_same_spellings_of_a_start(folder, start: str, validator_accepts: bool):
    schema_accepts = not list(validator("events").iter_errors({"title": "W", "start": start, "format": "online"}))
    folder.write("content/events/2027-09-14-w.md", f'---\ntitle: W\nstart: "{start}"\nformat: online\n---\nText.\n')
    problems = [p for p in folder.validate().problems if p.severity == "error"]
    assert (not problems) is validator_accepts, problems
    assert schema_accepts is validator_accepts
