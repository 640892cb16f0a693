"""Hand-written pages under ``docs/``: their front matter, read as MkDocs reads it, and checked.

MkDocs reads a page's front matter itself and hands every key to the theme. Material
writes ``subtitle`` and ``status`` of every page in the navigation into every page
without escaping, renders the template a page names in ``template`` (``redirect.html``
sends visitors to ``location``, ``javascript:`` included), includes the file named by
``icon`` (a missing one stops the build with a traceback), and writes a ``title`` that is
not a string as it is. Our own templates took ``quartier`` as the mark of an engine page.

So the engine reads a page's front matter exactly where MkDocs finds it (a ``---`` block,
or MultiMarkdown-style ``name: value`` lines at the top of a page without one) and allows
only the fields of ``schema.DOCS_PAGE``, each with its kind; every other key is an error
on its line. The front ends then give the theme the engine's reading, never the file's:
the hook replaces MkDocs' ``page.meta`` of a hand-written page with it, and ``quartier
generate`` writes it as the page's front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from quartier.content.kinds import Lookup, check_fields
from quartier.content.loading import Document, LoadCode, Value, ValueKind, load_front_matter
from quartier.content.schema import DOCS_PAGE
from quartier.problems import Problem, ProblemCode
from quartier.text.suggest import suggest

_YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""The front matter block MkDocs reads (``mkdocs.utils.meta.YAML_RE``), to the character."""

_OPENING = re.compile(r"^-{3}[ \t]*(?:\n|$)")
"""A first line that opens front matter, whether or not MkDocs finds its end."""

_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
"""MultiMarkdown metadata as MkDocs reads it without a ``---`` block (``META_RE``,
``META_MORE_RE``): ``name: value`` lines up to the first blank line, indented lines
continuing the value before them."""

Form = Literal["yaml", "lines", "none"]

_ALLOWED = tuple(spec.name for spec in DOCS_PAGE.fields)
_EXPECTED = "eines von: " + ", ".join(_ALLOWED)
_NO_LOOKUP = Lookup(root=Path("."))
"""The kinds of ``DOCS_PAGE`` look nothing up."""


@dataclass(frozen=True)
class DocsPage:
    """One hand-written page as the engine reads it."""

    document: Document
    """Its front matter as written (with lines) and its Markdown body."""

    meta: dict[str, object] = field(default_factory=dict)
    """The checked values of its allowed fields: all a theme may learn from its front matter."""

    problems: tuple[Problem, ...] = ()
    """Reading and checking, every problem."""


class DocsPageCode(ProblemCode):
    """Problems of the front matter of a hand-written page under docs/."""

    FIELD_RESERVED = "docs-page.field-reserved"
    FIELD_NOT_ALLOWED = "docs-page.field-not-allowed"
    FIELD_FROM_FIRST_LINES = "docs-page.field-from-first-lines"
    NOT_CLOSED = "docs-page.front-matter-not-closed"


def read_docs_page(text: str, display: str) -> DocsPage:
    """Split a page's text (read by ``read_text``) as MkDocs does, and check its front matter."""
    document, form = _split(text, display)
    problems = list(document.problems)
    allowed: dict[str, Value] = {}
    for key, value in document.fields.items():
        if key in _ALLOWED:
            allowed[key] = value
        else:
            message, code = _not_allowed(key, form)
            problems.append(Problem(display, value.line, key, message, _EXPECTED, code=code))
    checked = check_fields(display, allowed, DOCS_PAGE.fields, document.body_line, _NO_LOOKUP)
    problems += checked.problems
    return DocsPage(document, checked.value or {}, tuple(problems))


def _not_allowed(key: str, form: Form) -> tuple[str, DocsPageCode]:
    if key.lower().startswith("quartier"):
        return "Feld ist den Seiten vorbehalten, die Quartier selbst erzeugt", DocsPageCode.FIELD_RESERVED
    message = "Feld ist auf Seiten unter docs/ nicht erlaubt"
    if form == "lines":
        return (
            message + " (MkDocs liest „name: wert“ in den ersten Zeilen einer Seite als Feld; "
            "eine Leerzeile am Anfang der Seite verhindert das)"
        ), DocsPageCode.FIELD_FROM_FIRST_LINES
    return message + suggest(key, _ALLOWED), DocsPageCode.FIELD_NOT_ALLOWED


def _split(text: str, display: str) -> tuple[Document, Form]:
    slug = PurePosixPath(display).stem
    block = _YAML_BLOCK.match(text)
    if block is not None:
        fields, problems = load_front_matter(block.group(1), display, first_line=2)
        body_line = text.count("\n", 0, block.end()) + 1
        return Document(display, slug, fields, text[block.end() :], body_line, problems), "yaml"
    if _OPENING.match(text):
        # MkDocs would show these lines as text; the editor meant front matter.
        problem = Problem(
            display,
            1,
            "-",
            "Front Matter wird nicht abgeschlossen oder ist leer",
            "Felder zwischen zwei Zeilen mit ---",
            code=DocsPageCode.NOT_CLOSED,
        )
        return Document(display, slug, {}, "", 1, [problem]), "yaml"
    return _metadata_lines(text, display, slug)


def _metadata_lines(text: str, display: str, slug: str) -> tuple[Document, Form]:
    """MultiMarkdown-style fields at the top of a page, as ``mkdocs.utils.meta.get_data`` reads them."""
    lines = text.split("\n")
    fields: dict[str, Value] = {}
    problems: list[Problem] = []
    key = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        entry = _META_LINE.match(line)
        more = _META_MORE.match(line) if entry is None else None
        if entry is not None:
            key = entry.group("key").lower().strip()
            value = entry.group("value").strip()
            if key in fields:
                problems.append(
                    Problem(
                        display,
                        index + 1,
                        key,
                        f"Feld ist doppelt angegeben (zuerst in Zeile {fields[key].line})",
                        "jedes Feld nur einmal",
                        code=LoadCode.DUPLICATE_KEY,
                    )
                )
            else:
                fields[key] = Value(value, ValueKind.STR, index + 1, value)
        elif more is not None and key:
            before = fields[key]
            joined = f"{before.data} {more.group('value').strip()}"
            fields[key] = Value(joined, ValueKind.STR, before.line, joined)
        else:
            break
        index += 1
    if not fields:
        return Document(display, slug, {}, text, 1), "none"
    return Document(display, slug, fields, "\n".join(lines[index:]), index + 1, problems), "lines"


__all__ = ["DocsPage", "read_docs_page"]
