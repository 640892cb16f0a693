"""``quartier new``: start a content file from the model instead of copying an old one.

The file gets every field of its type: the given ones filled in, the others as
comments with their German description and an example, so editors see what exists.
Nothing is written unless the validator accepts the file: the check runs on a copy
of the project's content with the new file in it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from quartier.config import SiteConfig
from quartier.content.moments import WIDGET_FORMS, from_german, shape_of
from quartier.content.schema import (
    EVENT,
    PLACEHOLDER_BODY,
    POST,
    PROGRAM,
    PROJECT,
    REPEAT_OPTION,
    ContentType,
    FieldSpec,
    Kind,
)
from quartier.problems import Problem, errors_in, visible
from quartier.text.slugs import slugify

TYPES: dict[str, ContentType] = {"event": EVENT, "project": PROJECT, "program": PROGRAM, "post": POST}


@dataclass(frozen=True)
class Question:
    """What ``quartier new`` asks, read from the field's ``Ask``."""

    answer: str
    """The answer's name: the key in ``values`` (``programs``)."""

    option: str
    """The command-line option (``--program``)."""

    text: str
    """The question; the option's help."""

    example: str
    """What the question shows after „z. B.“: offered when an answer is missing or refused."""

    kind: Kind
    """The field's kind: a date or time typed in German is written as the file needs it."""

    required: bool
    """The field and every group it is in are required: an empty answer is refused."""

    today: bool
    group: str
    """The top field for a field in a group (``venue``); empty for a top field."""

    order: int
    prompt: bool
    """Asked in a terminal; else only given as an option."""


def _asked(specs: tuple[FieldSpec, ...], required: bool, group: str) -> list[Question]:
    found = []
    for spec in specs:
        if spec.ask is not None:
            answer = spec.ask.answer or spec.name
            found.append(
                Question(
                    answer,
                    "--" + (spec.ask.option or answer).replace("_", "-"),
                    spec.ask.question,
                    spec.ask.example,
                    spec.kind,
                    required and spec.required,
                    spec.ask.today,
                    group,
                    spec.ask.order,
                    spec.ask.prompt,
                )
            )
        found += _asked(spec.fields, required and spec.required, group or spec.name)
    return found


def options(ctype: ContentType) -> tuple[Question, ...]:
    """``quartier new``'s command-line options for a content type: every field with an ``Ask``,
    the questions in the order they are asked, then the options that are not asked."""
    return tuple(sorted(_asked(ctype.fields, True, ""), key=lambda question: (not question.prompt, question.order)))


def questions(ctype: ContentType) -> tuple[Question, ...]:
    """``quartier new``'s questions for a content type, in the order they are asked. When
    first: the file is named after its day, and the title is easier to word once the date
    is down (the declaration's ``Ask.order``)."""
    return tuple(question for question in options(ctype) if question.prompt)


def with_today(
    kind: str, values: dict[str, str], today: date, types: Mapping[str, ContentType] = TYPES
) -> dict[str, str]:
    """``values`` with today's date for each option that offers it, where nothing was given
    and nothing will be asked (``--date`` of a post)."""
    dated = {question.answer: today.isoformat() for question in options(types[kind]) if question.today}
    return {**dated, **values}


QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((question.answer, question.text) for question in questions(ctype)) for kind, ctype in TYPES.items()
}
"""Answer name and question by kind of file, as asked."""

_QUOTES = "\"'„“”‚‘’"
_TIME_INPUT = re.compile(r"^(\d{1,2})[.:](\d{2})(?:\s*Uhr)?$")


def as_written(name: str, text: str, kind: Kind) -> str:
    """A start, end or date as typed (German, or as the files write it, in quotes or not)
    → as the file writes it. What is no date at all is left to the checks that name it."""
    text = text.strip().strip(_QUOTES).strip()
    german = from_german(text)
    if german is not None:
        value, problem = german
        if problem:
            raise NewFileError(f"{name}: {visible(problem)}.", (name,))
        return value
    time = _TIME_INPUT.match(text)
    if time and kind == "end":
        return f"{int(time.group(1)):02d}:{time.group(2)}"
    return text


# PLACEHOLDER_BODY (the body of a new file) lives in the content contract: the
# validator refuses a body that still contains it and must not import the editor tools.

_WRITTEN_BODY = "Text."
"""Stands in for the placeholder while a new file is checked (see ``check``)."""


def _answers_by_field(ctype: ContentType) -> dict[str, str]:
    """Fields in a group, by the answer they were written from: their own question's,
    else their group's (``repeat.byday`` comes from ``--repeat``). Top fields share their
    question's name."""
    return {
        f"{spec.name}.{sub.name}": _answer(sub) if sub.ask else spec.name
        for spec in ctype.fields
        for sub in spec.fields
    }


class NewFileError(Exception):
    """A German message for the editor (file exists, title missing, impossible date, ...)."""

    def __init__(self, message: str, questions: tuple[str, ...] = (), problems: tuple[Problem, ...] = ()):
        super().__init__(message)
        self.questions = questions
        """The questions (``QUESTIONS`` names) whose answers caused it: asked again interactively."""

        self.problems = problems
        """What the validator found in the file that was not written."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str
    warnings: tuple[Problem, ...] = ()
    """Warnings the validator gave for the file (they do not stop it from being written)."""


def _yaml_scalar(value: str) -> str:
    # JSON strings are valid YAML scalars and quote whatever YAML 1.1 would misread.
    return json.dumps(value, ensure_ascii=False)


def _allowed(spec: FieldSpec) -> str:
    """``erlaubt: geplant, abgesagt, verschoben`` for a choice: the words the validator takes
    (the older English values stay valid, but are no longer shown)."""
    return f"erlaubt: {', '.join(c.word for c in spec.choices)}" if spec.choices else ""


def _comment_block(spec: FieldSpec, indent: str = "") -> list[str]:
    lines = [f"{indent}# {spec.name}: {spec.description}"]
    if spec.fields:
        lines.append(f"{indent}# {spec.name}:")
        for sub in spec.fields:
            allowed = f" {_allowed(sub).capitalize()}." if sub.choices else ""
            lines.append(f"{indent}#   {sub.name}: {sub.example}   # {sub.description}{allowed}")
    elif spec.example:
        allowed = f"   # {_allowed(spec)}" if spec.choices else ""
        lines.append(f"{indent}# {spec.name}: {spec.example}{allowed}")
    return lines


_REPEAT = re.compile(r"^(daily|weekly|monthly|yearly)(?:/(\d{1,2}))?((?::[^:]+)*)$")


def repeat_lines(text: str) -> list[str]:
    """The ``repeat:`` block for ``--repeat``; what the values mean is the validator's to say."""
    match = _REPEAT.match(text.strip().lower())
    if not match:
        raise NewFileError(
            (
                f"repeat: „{visible(text)}“ ist keine Wiederholung (Erwartet: "
                f"{REPEAT_OPTION}, z. B. monthly:1tu oder weekly/2:we)"
            ),
            ("repeat",),
        )
    freq, interval, rest = match.groups()
    lines = ["repeat:", f"  freq: {freq}"]
    if interval:
        lines.append(f"  interval: {int(interval)}")
    for part in [p for p in rest.split(":") if p]:
        key, sep, value = part.partition("=")
        if key == "until" and value:
            lines.append(f"  until: {_yaml_scalar(value)}")
        elif key == "count" and value:
            lines.append(f"  count: {value if value.isdigit() else _yaml_scalar(value)}")
        elif not sep:
            items = [item.strip() for item in part.split(",") if item.strip()]
            if items and all(re.fullmatch(r"-?\d+", item) for item in items):
                lines.append(f"  bymonthday: [{', '.join(items)}]")
            else:
                lines.append(f"  byday: [{', '.join(_yaml_scalar(item) for item in items)}]")
        else:
            raise NewFileError(f"repeat: „{visible(part)}“ verstehe ich nicht (Erwartet: {REPEAT_OPTION})", ("repeat",))
    given = {line.split(":")[0].strip() for line in lines[1:]}
    spec = EVENT.field("repeat")
    assert spec is not None
    for sub in spec.fields:
        if sub.name not in given:
            lines.append(f"  # {sub.name}: {sub.example}   # {sub.description}")
    return lines


def _group_lines(spec: FieldSpec, values: dict[str, str]) -> list[str]:
    """A group whose fields are asked (``venue``), written when its first question is answered
    (the city); a required field of it left open takes that answer (the place's name)."""
    first = min(_asked(spec.fields, True, spec.name), key=lambda question: question.order, default=None)
    lead = values.get(first.answer) if first else None
    if not lead:
        return []
    lines = [f"{spec.name}:"]
    for sub in spec.fields:
        value = values.get(_answer(sub)) if sub.ask else None
        if value or (sub.required and sub.ask):
            lines.append(f"  {sub.name}: {_yaml_scalar(value or lead)}")
    return lines


def _answer(spec: FieldSpec) -> str:
    """The name of the answer a field is written from: its question's, else its own."""
    return (spec.ask.answer or spec.name) if spec.ask else spec.name


def render_new_file(kind: str, values: dict[str, str], types: Mapping[str, ContentType] = TYPES) -> str:
    """Front matter with ``values`` set and every other field as a comment."""
    ctype = types[kind]
    lines = ["---"]
    for spec in ctype.fields:
        if spec.name == "repeat" and values.get("repeat"):
            lines += repeat_lines(values["repeat"])
        elif group := _group_lines(spec, values):
            lines += group
        elif spec.name == "format" and kind == "event" and not values.get("city"):
            lines.append("format: online")
        elif spec.kind == "slugs" and values.get(spec.name):
            lines.append(f"{spec.name}: [{', '.join(values[spec.name].split(','))}]")
        elif spec.kind == "date" and values.get(spec.name):
            # A day alone is a YAML date, which needs no quotes (a time would).
            lines.append(f"{spec.name}: {values[spec.name]}")
        elif values.get(spec.name) and spec.kind != "mapping":  # a group is never one answer
            lines.append(f"{spec.name}: {_yaml_scalar(values[spec.name])}")
        else:
            lines += _comment_block(spec)
    lines.append("---")
    lines.append("")
    lines.append(PLACEHOLDER_BODY)
    lines.append("")
    return "\n".join(lines)


def day_option(ctype: ContentType) -> Question | None:
    """The required date the type's files are named after (an event's start, a post's date)."""
    return next((q for q in options(ctype) if q.required and q.kind in WIDGET_FORMS), None)


def file_name(kind: str, values: dict[str, str], types: Mapping[str, ContentType] = TYPES) -> str:
    slug = slugify(values["title"])[:60].rstrip("-")
    if not slug:
        raise NewFileError(
            f"title: Aus „{visible(values['title'])}“ lässt sich kein Dateiname bilden; "
            "bitte Buchstaben oder Ziffern verwenden.",
            ("title",),
        )
    day = day_option(types[kind])
    # ``prepare`` has checked that the day is written as the files write it.
    return f"{values[day.answer][:10]}-{slug}.md" if day else f"{slug}.md"


def folder_for(kind: str, config: SiteConfig, types: Mapping[str, ContentType] = TYPES) -> Path:
    return config.content_path / types[kind].folder


def ask_missing(
    kind: str,
    values: dict[str, str],
    ask: Callable[[str], str],
    today: date,
    tell: Callable[[str], None] | None = None,
    types: Mapping[str, ContentType] = TYPES,
) -> dict[str, str]:
    """Fill what an editor has to say; optional answers may stay empty.

    An empty answer to a required question is refused; with ``tell`` the editor is told
    why and asked again. The other questions of a group follow only a given answer to
    its first one (no name or address of a place without its city).
    """
    values = dict(values)
    asked = questions(types[kind])
    for question in asked:
        name = question.answer
        if values.get(name) is not None:
            continue
        lead = next(other for other in asked if other.group == question.group)
        if question.group and lead is not question and not values.get(lead.answer):
            continue
        default = today.strftime("%d.%m.%Y") if question.today else ""
        while True:
            answer = ask(f"{question.text}{f' [{default}]' if default else ''}: ").strip() or default
            if answer or not question.required:
                break
            if tell is None:
                raise NewFileError(f"{name}: ohne Angabe geht es nicht.", (name,))
            tell(f"{name}: ohne Angabe geht es nicht.")
        values[name] = answer
    return values


def create_interactively(
    kind: str,
    values: dict[str, str],
    config: SiteConfig,
    ask: Callable[[str], str],
    tell: Callable[[str], None],
    today: date,
) -> NewFile:
    """Ask what is missing; what the check refuses is shown and its question asked again."""
    asked = {question.answer for question in questions(TYPES[kind])}
    values = dict(values)
    while True:
        values = ask_missing(kind, values, ask, today, tell)
        try:
            return create(kind, values, config)
        except NewFileError as exc:
            again = [name for name in exc.questions if name in asked]
            if not again:
                raise
            tell(f"{exc}\nBitte noch einmal:")
            for name in again:
                values.pop(name, None)


def describe(problem: Problem) -> str:
    """A problem of a file not yet written: without its path, the field first."""
    field = "Datei" if problem.field == "-" else problem.field
    text = f"{field}: {problem.message}" + (f" (Erwartet: {problem.expected})" if problem.expected else "")
    return visible(text)


def prepare(kind: str, values: dict[str, str], config: SiteConfig, types: Mapping[str, ContentType] = TYPES) -> NewFile:
    """The file's path and text, checked only for what naming the file needs."""
    values = {k: v for k, v in values.items() if v}
    given = options(types[kind])
    for question in given:
        name, value = question.answer, values.get(question.answer)
        if not value:
            if question.required:
                example = f' "{question.example}"' if question.example else ""
                raise NewFileError(f"{name}: Pflichtangabe fehlt ({question.option}{example}).", (name,))
            continue
        form = WIDGET_FORMS.get(question.kind)
        if form is not None:
            # What is no date cannot name a file (it could even lead out of the folder);
            # whether a day that is written as one exists is the validator's to say.
            value = values[name] = as_written(name, value, question.kind)
            if shape_of(value, form) is None:
                expected = f" (Erwartet: z. B. {question.example})" if question.example else ""
                raise NewFileError(f"{name}: „{visible(value)}“ ist kein Datum{expected}", (name,))
    unknown = [name for name in values if name not in {question.answer for question in given}]
    if unknown:
        raise NewFileError(
            f"{unknown[0]}: „quartier new {kind}“ kennt diese Angabe nicht "
            f"(Erwartet: {', '.join(question.option for question in given)}).",
            tuple(unknown),
        )
    path = folder_for(kind, config, types) / file_name(kind, values, types)
    if path.exists():
        raise NewFileError(
            f"{path.relative_to(config.root).as_posix()} gibt es schon; bitte einen anderen Titel wählen.", ("title",)
        )
    return NewFile(path, render_new_file(kind, values, types))


def check(new: NewFile, config: SiteConfig) -> list[Problem]:
    """What the validator says about the file, found without touching the project.

    The site's content is copied (hard links where the file system allows) into a
    temporary folder, the file is added there, and the whole site is validated as
    usual: references, cities, duplicate ids and the file name are checked by the
    same rules as in every build, with nothing re-implemented here.

    The placeholder body is replaced by a plain sentence for the check. The validator
    refuses the placeholder on purpose (the editor has to write the text before the
    file can be published), so the file as written would always fail; what is checked
    is the file as it will be once the editor has done that, the only change they
    are asked to make.
    """
    from quartier.content.validation import validate_site  # imported here: validation imports this module

    display = new.path.relative_to(config.root).as_posix()
    with tempfile.TemporaryDirectory(prefix="quartier-neu-") as folder:
        shadow = Path(folder)
        if config.content_path.is_dir():
            shutil.copytree(
                config.content_path, shadow / config.content_dir, symlinks=True, copy_function=_link_or_copy
            )
        target = shadow / display
        if target.parent.is_symlink():
            # A content folder that is a link: the file must not be written through it.
            real = target.parent.resolve()
            target.parent.unlink()
            shutil.copytree(real, target.parent, symlinks=True, copy_function=_link_or_copy)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(new.text.replace(PLACEHOLDER_BODY, _WRITTEN_BODY), encoding="utf-8")
        result = validate_site(replace(config, root=shadow))
    return [problem for problem in result.problems if problem.path == display]


def _link_or_copy(source: str, target: str) -> None:
    # The copy is only read; a hard link costs nothing for large images in content/news.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def create(kind: str, values: dict[str, str], config: SiteConfig) -> NewFile:
    """Write the new file, or raise ``NewFileError`` with the problems it would have."""
    new = prepare(kind, values, config)
    problems = check(new, config)
    errors = errors_in(problems)
    if errors:
        display = new.path.relative_to(config.root).as_posix()
        by_field = _answers_by_field(TYPES[kind])
        fields = [by_field.get(p.field, p.field) for p in errors]
        asked = {question.answer for question in questions(TYPES[kind])}
        again = tuple(dict.fromkeys(name for name in fields if name in asked))
        count = f"{len(errors)} Fehler"
        raise NewFileError(
            f"{display} hätte {count}:\n" + "\n".join("  " + describe(p) for p in errors), again, tuple(errors)
        )
    new.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with new.path.open("x", encoding="utf-8") as handle:  # never over a file that appeared meanwhile
            handle.write(new.text)
    except FileExistsError:
        raise NewFileError(
            f"{new.path.relative_to(config.root).as_posix()} gibt es schon; bitte einen anderen Titel wählen.",
            ("title",),
        ) from None
    return NewFile(new.path, new.text, tuple(problems))
