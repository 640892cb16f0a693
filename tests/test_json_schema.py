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
