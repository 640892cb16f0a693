"""JSON Schemas for the front matter of each content type, generated from ``schema.py`` and ``kinds.py``.

Committed under ``schemas/`` for editors' tools (YAML language servers, other
validators); a test fails when they no longer match the model.
"""

from __future__ import annotations

import json
from pathlib import Path

from quartier.content.kinds import object_schema
from quartier.content.schema import CITY_FIELDS, CONTENT_TYPES, ContentType, FieldSpec
from quartier.text.json_types import JsonObject

SCHEMA_DIR = "schemas"


def content_type_schema(ctype: ContentType) -> JsonObject:
    schema = object_schema(ctype.fields)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://quartier.example.org/schemas/{ctype.name}.schema.json",
        "title": f"Quartier: {ctype.label}",
        **schema,
    }


def cities_schema(cities: tuple[FieldSpec, ...] = CITY_FIELDS) -> JsonObject:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://quartier.example.org/schemas/cities.schema.json",
        "title": "Quartier: Städte",
        "type": "array",
        "items": object_schema(cities),
    }


def all_schemas(
    types: tuple[ContentType, ...] = CONTENT_TYPES, cities: tuple[FieldSpec, ...] = CITY_FIELDS
) -> dict[str, str]:
    """File name → JSON text, as committed under ``schemas/``."""
    schemas = {f"{ctype.name}.schema.json": content_type_schema(ctype) for ctype in types}
    schemas["cities.schema.json"] = cities_schema(cities)
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in schemas.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in all_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schemas that differ from the model (or are missing)."""
    return [
        name
        for name, text in all_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
