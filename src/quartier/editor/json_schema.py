"""JSON Schemas for the front matter of each content type, generated from ``schema.py``.

Committed under ``schemas/`` for editors' tools (YAML language servers, other
validators); a test fails when they no longer match the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quartier.content.schema import EMAIL_PATTERN, CITY_FIELDS, CONTENT_TYPES, ContentType, FieldSpec

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"\d{1,2}:\d{2}"
SCHEMA_DIR = "schemas"


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    kind = spec.kind
    text = {"type": "string", "minLength": 1}
    schema: dict[str, Any]
    if kind in ("text", "uid", "city", "timezone"):
        schema = dict(text, pattern=r"^[^\n]+$")
    elif kind == "longtext":
        schema = dict(text)
    elif kind == "date":
        schema = {"type": "string", "pattern": f"^{_DATE}( {_TIME})?$"}
    elif kind == "start":
        schema = {"type": "string", "pattern": f"^{_DATE}( {_TIME})?$"}
    elif kind == "end":
        schema = {"type": "string", "pattern": f"^({_DATE}( {_TIME})?|{_TIME})$"}
    elif kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices)}
    elif kind == "url":
        schema = {"type": "string", "format": "uri", "pattern": "^https?://"}
    elif kind == "https_url":
        schema = {"type": "string", "format": "uri", "pattern": "^https://"}
    elif kind == "slugs":
        schema = {"type": "array", "items": {"type": "string", "pattern": _SLUG}, "uniqueItems": True}
    elif kind == "texts":
        schema = {"type": "array", "items": {"type": "string", "minLength": 1}}
    elif kind == "year":
        schema = {"type": "integer", "minimum": 1900, "maximum": 2200}
    elif kind == "latitude":
        schema = {"type": "number", "minimum": -90, "maximum": 90}
    elif kind == "longitude":
        schema = {"type": "number", "minimum": -180, "maximum": 180}
    elif kind == "mapping":
        schema = _object(spec.fields)
    elif kind == "organizer":
        schema = {"oneOf": [dict(text), _object(spec.fields)]}
    elif kind == "image":
        schema = {"type": "string", "pattern": r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^\n]+\.(jpe?g|png|webp|svg|gif|avif)$"}
    elif kind == "flag":
        schema = {"type": "boolean"}
    elif kind == "email":
        schema = {"type": "string", "format": "email", "pattern": EMAIL_PATTERN}
    elif kind == "integer":
        schema = {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    elif kind == "weekdays":
        pattern = r"^([+-]?[1-5])?([mM][oO]|[tT][uU]|[wW][eE]|[tT][hH]|[fF][rR]|[sS][aA]|[sS][uU])$"
        schema = {"type": "array", "items": {"type": "string", "pattern": pattern}, "minItems": 1}
    elif kind == "monthdays":
        schema = {"type": "array", "items": {"type": "integer", "minimum": -1, "maximum": 31, "not": {"const": 0}}, "minItems": 1}
    elif kind == "dates":
        schema = {"type": "array", "items": {"type": "string", "pattern": f"^{_DATE}$"}}
    elif kind == "moves":
        schema = {"type": "array", "items": _object(spec.fields)}
    else:  # pragma: no cover - a new kind must be mapped here
        raise ValueError(f"no JSON Schema for kind {kind!r}")
    schema["description"] = spec.description
    if spec.default is not None:
        schema["default"] = spec.default
    return schema


def _object(fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {spec.name: _field_schema(spec) for spec in fields},
        "required": [spec.name for spec in fields if spec.required],
        "additionalProperties": False,
    }


def content_type_schema(ctype: ContentType) -> dict[str, Any]:
    schema = _object(ctype.fields)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://quartier.example.org/schemas/{ctype.name}.schema.json",
        "title": f"Quartier: {ctype.label}",
        **schema,
    }


def cities_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://quartier.example.org/schemas/cities.schema.json",
        "title": "Quartier: Städte",
        "type": "array",
        "items": _object(CITY_FIELDS),
    }


def all_schemas() -> dict[str, str]:
    """File name → JSON text, as committed under ``schemas/``."""
    schemas = {f"{ctype.name}.schema.json": content_type_schema(ctype) for ctype in CONTENT_TYPES}
    schemas["cities.schema.json"] = cities_schema()
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
    return [name for name, text in all_schemas().items() if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
