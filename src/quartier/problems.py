"""Problems found in content, reported to editors as ``path:line: field: message``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: an error stops the build, a warning is reported only (and
    stops ``mkdocs build --strict``)."""

    ERROR = "error"
    WARNING = "warning"


class ProblemCode(StrEnum):
    """What a problem is, for machines: code and tests compare codes, never German prose.

    Each area declares its own codes as a subclass next to the checks that raise them
    (``class TimeCode(ProblemCode)``), so a new check is one line beside it. Values are
    ``area.what`` in lowercase English (``time.end-before-start``); ``all_codes()`` gathers
    them, and a test keeps them unique."""


def all_codes() -> tuple[ProblemCode, ...]:
    """Every declared code, of every area whose module has been imported."""
    found: list[ProblemCode] = []
    pending: list[type[ProblemCode]] = list(ProblemCode.__subclasses__())
    while pending:
        area = pending.pop(0)
        found.extend(area)
        pending.extend(area.__subclasses__())
    return tuple(found)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one content file."""

    path: str
    """Path of the file relative to the project root, with forward slashes."""

    line: int
    """1-based line of the field (1 for problems that concern the whole file)."""

    field: str
    """The field as the editor wrote it (``venue.city``), or ``-`` for the whole file."""

    message: str
    """What is wrong, in German."""

    expected: str = ""
    """What would be right, in German (``YYYY-MM-DD HH:MM``); may be empty."""

    severity: Severity = Severity.ERROR

    code: ProblemCode = dataclass_field(compare=False, kw_only=True)
    """What the problem is, for machines (``time.end-before-start``); the JSON report carries it."""

    def __post_init__(self) -> None:
        # A problem read back from a JSON report carries its severity as text.
        object.__setattr__(self, "severity", Severity(self.severity))

    def format_text(self) -> str:
        """The one-line form: ``path:line: field: message (Erwartet: ...)``, safe for a terminal."""
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        if self.expected:
            text += f" (Erwartet: {self.expected})"
        if self.severity is Severity.WARNING:
            text = "Warnung: " + text
        return visible(text)

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown on the pull request's diff."""
        command = self.severity.value
        message = self.message + (f" (Erwartet: {self.expected})" if self.expected else "")
        title = f"{self.field}" if self.field != "-" else "Datei"
        # The runner's log renders ANSI sequences, and a newline would end the command.
        return (
            f"::{command} file={_escape_property(visible(self.path))},line={self.line},"
            f"title={_escape_property(visible(title))}::{_escape_data(visible(message))}"
        )


# File names, field names and quoted values come from the content repository, i.e.
# from anyone who can open a pull request: an ESC in a file name would otherwise
# recolour, move or hide lines in the terminal of whoever runs the validator.
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f]")
_UNESCAPED_BY_JSON = re.compile("[\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with C0 and C1 controls and DEL written as ``\\x1b``, so that printing it is harmless."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class ContentError(Exception):
    """Raised by front ends when validation found errors; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = errors_in(problems)
        super().__init__(f"{len(errors)} Fehler im Inhalt:\n" + "\n".join(p.format_text() for p in errors))


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def format_report(problems: Iterable[Problem], fmt: str = "text") -> str:
    """All problems in one of the output formats of ``quartier validate``."""
    ordered = sorted(problems)
    if fmt == "json":
        # json.dumps escapes C0 controls but writes DEL and C1 controls as they are;
        # escaping them as \\u00XX keeps the data identical for any JSON reader.
        text = json.dumps([asdict(p) for p in ordered], ensure_ascii=False, indent=2)
        return _UNESCAPED_BY_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if fmt == "github":
        return "\n".join(p.format_github() for p in ordered)
    return "\n".join(p.format_text() for p in ordered)


# GitHub's workflow command escaping (actions/toolkit, command.ts).
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
