"""The editors' field reference (German), generated from ``schema.py`` like the JSON Schemas."""

from __future__ import annotations

from quartier.content.kinds import KINDS
from quartier.content.schema import CITY_FIELDS, CONTENT_TYPES, DOCS_PAGE, HOME, ContentType, FieldSpec
from quartier.render.pages import Page
from quartier.render.theme import PageMeta
from quartier.text import markup

_WHERE = {
    "events": "content/events/JJJJ-MM-TT-titel.md",
    "projects": "content/projects/name.md",
    "programs": "content/programs/name.md",
    "posts": "content/news/JJJJ-MM-TT-titel.md",
    "docs": "docs/…/name.md",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(fields: tuple[FieldSpec, ...], prefix: str = "") -> list[str]:
    rows = []
    for spec in fields:
        need = "Pflicht" if spec.required else "optional"
        allowed = KINDS[spec.kind].allowed(spec)
        default = f" Standard: `{spec.default}`." if spec.default else ""
        example = f"`{spec.name}: {spec.example}`" if spec.example else ""
        rows.append(
            f"| `{prefix}{spec.name}` | {need} | {_cell(spec.description)}{default} "
            f"| {_cell(allowed)} | {_cell(example)} |"
        )
        if spec.fields:
            rows += _rows(spec.fields, prefix=f"{prefix}{spec.name}.")
    return rows


def _table(fields: tuple[FieldSpec, ...]) -> str:
    head = "| Feld | | Bedeutung | Erlaubt | Beispiel |\n| --- | --- | --- | --- | --- |"
    return head + "\n" + "\n".join(_rows(fields))


def field_reference_markdown(
    types: tuple[ContentType, ...] = (*CONTENT_TYPES, HOME, DOCS_PAGE), cities: tuple[FieldSpec, ...] = CITY_FIELDS
) -> str:
    parts = [
        "# Felder im Überblick\n",
        "Diese Seite wird aus derselben Beschreibung erzeugt, mit der die Prüfung arbeitet; "
        "sie ist deshalb immer auf dem Stand der Website. Felder, "
        "die hier nicht stehen, meldet die Prüfung als unbekannt.\n",
    ]
    for ctype in types:
        where = _WHERE.get(ctype.name, "content/start.md")
        parts.append(f"## {ctype.label}\n\nDatei: `{where}`\n\n{_table(ctype.fields)}\n")
    parts.append(
        f"## Städte\n\nDatei: `content/cities.yml`, eine Liste mit einem Eintrag je Stadt.\n\n{_table(cities)}\n"
    )
    return "\n".join(parts)


def field_reference_page() -> Page:
    """The page ``/redaktion/felder/``, rendered like every other page of the engine."""
    description = "Alle Felder der Inhaltsdateien mit Bedeutung und Beispiel."
    return Page(
        "redaktion/felder.md",
        "redaktion/felder/",
        PageMeta(title="Felder im Überblick", description=description, kind="reference"),
        "",
        markup.render(field_reference_markdown()),
        in_nav=True,
    )
