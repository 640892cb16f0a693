"""``quartier new``: start a content file from the model instead of copying an old one.

The file gets every field of its type: the given ones filled in, the others as
comments with their German description and an example, so editors see what exists.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from .config import SiteConfig
from .schema import EVENT, POST, PROGRAM, PROJECT, ContentType, FieldSpec
from .slugs import slugify

TYPES: dict[str, ContentType] = {"event": EVENT, "project": PROJECT, "program": PROGRAM, "post": POST}

QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "event": (
        ("title", "Titel"),
        ("start", 'Beginn (YYYY-MM-DD oder "YYYY-MM-DD HH:MM")'),
        ("end", "Ende (leer lassen, HH:MM oder YYYY-MM-DD)"),
        ("city", "Stadt (leer für eine Online-Veranstaltung)"),
        ("venue", "Name des Ortes"),
        ("address", "Straße und Postleitzahl"),
    ),
    "project": (("title", "Name des Projekts"), ("city", "Stadt")),
    "program": (("title", "Name des Programms"),),
    "post": (("title", "Überschrift"), ("date", "Datum (YYYY-MM-DD)")),
}


class NewFileError(Exception):
    """A German message for the editor (file exists, title missing, ...)."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str


def _yaml_scalar(value: str) -> str:
    # JSON strings are valid YAML scalars and quote whatever YAML 1.1 would misread.
    return json.dumps(value, ensure_ascii=False)


def _comment_block(spec: FieldSpec, indent: str = "") -> list[str]:
    lines = [f"{indent}# {spec.name}: {spec.description}"]
    if spec.fields:
        lines.append(f"{indent}# {spec.name}:")
        for sub in spec.fields:
            lines.append(f"{indent}#   {sub.name}: {sub.example}   # {sub.description}")
    elif spec.example:
        lines.append(f"{indent}# {spec.name}: {spec.example}")
    return lines


def render_new_file(kind: str, values: dict[str, str]) -> str:
    """Front matter with ``values`` set and every other field as a comment."""
    ctype = TYPES[kind]
    lines = ["---"]
    for spec in ctype.fields:
        if spec.name == "venue" and values.get("city"):
            lines.append("venue:")
            lines.append(f"  name: {_yaml_scalar(values.get('venue') or values['city'])}")
            if values.get("address"):
                lines.append(f"  address: {_yaml_scalar(values['address'])}")
            lines.append(f"  city: {_yaml_scalar(values['city'])}")
        elif spec.name == "format" and kind == "event" and not values.get("city"):
            lines.append("format: online")
        elif spec.name in ("programs", "projects", "events") and values.get(spec.name):
            lines.append(f"{spec.name}: [{', '.join(values[spec.name].split(','))}]")
        elif spec.name == "date" and values.get("date"):
            lines.append(f"date: {values['date']}")  # a YAML date, unquoted: the blog plugin needs one
        elif spec.name in values and values[spec.name] and spec.name not in ("venue", "address"):
            lines.append(f"{spec.name}: {_yaml_scalar(values[spec.name])}")
        else:
            lines += _comment_block(spec)
    lines.append("---")
    lines.append("")
    lines.append("Hier steht der Text (Markdown). Der erste Absatz ist die Kurzbeschreibung, wenn summary fehlt.")
    lines.append("")
    return "\n".join(lines)


def file_name(kind: str, values: dict[str, str]) -> str:
    slug = slugify(values["title"])[:60].rstrip("-")
    if not slug:
        raise NewFileError("Aus dem Titel lässt sich kein Dateiname bilden; bitte Buchstaben oder Ziffern verwenden.")
    if kind == "event":
        return f"{values['start'][:10]}-{slug}.md"
    if kind == "post":
        return f"{values['date'][:10]}-{slug}.md"
    return f"{slug}.md"


def folder_for(kind: str, config: SiteConfig) -> Path:
    return config.content_path / TYPES[kind].folder


def ask_missing(kind: str, values: dict[str, str], ask: Callable[[str], str], today: date) -> dict[str, str]:
    """Fill what an editor has to say; optional answers may stay empty."""
    values = dict(values)
    required = {"title", "start", "date"} | ({"city"} if kind == "project" else set())
    for name, question in QUESTIONS[kind]:
        if values.get(name) is not None:
            continue
        if name in ("venue", "address") and not values.get("city"):
            continue
        default = today.isoformat() if name == "date" else ""
        answer = ask(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
        if not answer and name in required:
            raise NewFileError(f"{name}: ohne Angabe geht es nicht.")
        values[name] = answer
    return values


def create(kind: str, values: dict[str, str], config: SiteConfig) -> NewFile:
    values = {k: v for k, v in values.items() if v}
    if not values.get("title"):
        raise NewFileError("title: Pflichtangabe fehlt (--title).")
    if kind == "event" and not values.get("start"):
        raise NewFileError('start: Pflichtangabe fehlt (--start "YYYY-MM-DD HH:MM").')
    if kind == "post" and not re.match(r"^\d{4}-\d{2}-\d{2}$", values.get("date", "")):
        raise NewFileError("date: Datum als YYYY-MM-DD angeben (--date).")
    if kind == "project" and not values.get("city"):
        raise NewFileError("city: Pflichtangabe fehlt (--city).")
    path = folder_for(kind, config) / file_name(kind, values)
    if path.exists():
        raise NewFileError(f"{path.relative_to(config.root).as_posix()} gibt es schon; bitte einen anderen Titel wählen.")
    text = render_new_file(kind, values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return NewFile(path, text)
