"""Files that reach the site are read, checked and written again by the engine, never copied.

Each kind of file has its own module: ``raster`` (JPEG, PNG, GIF, WebP, AVIF: decoded
with Pillow and encoded again without metadata), ``svg`` (parsed with an XML parser that
refuses DTDs and entities, then serialized again from an allowlist) and ``css`` (parsed
with tinycss2: no ``@import``, ``url()`` only to the site's own files). What comes out is
either the engine's bytes or flaws, each with the line of the file it concerns; nothing
is removed silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quartier.content.loading import TooLarge, read_bounded
from quartier.problems import Problem, ProblemCode


class FileCode(ProblemCode):
    """Why an image, an SVG or a stylesheet is not published."""

    TOO_LARGE = "file.too-large"
    """More bytes or pixels than the engine reads."""

    UNREADABLE = "file.unreadable"
    """Broken, incomplete, or not readable at all."""

    NOT_AN_IMAGE = "file.not-an-image"
    """An ending that names no image format, or an SVG file whose root is not ``<svg>``."""

    WRONG_FORMAT = "file.wrong-format"
    """The ending names one format, the bytes are another."""

    UNSUPPORTED = "file.unsupported"
    """A format the installed libraries cannot decode (AVIF, HEIC)."""

    TOO_SMALL = "file.too-small"
    """Narrower than a picture of the site must be."""

    TOO_COMPLEX = "file.too-complex"
    """An animation or a nesting of CSS beyond the engine's bounds."""

    COLOUR_PROFILE = "file.colour-profile"
    """A colour profile that cannot be converted to sRGB."""

    NO_SIZE = "file.no-size"
    """An SVG that says neither its viewBox nor its width and height in pixels."""

    EMPTY = "file.empty"
    """An SVG without any element."""

    INVALID_XML = "file.invalid-xml"
    """An SVG that is no well-formed XML."""

    DOCTYPE = "file.doctype"
    """An SVG with a document type declaration (``<!DOCTYPE …>``)."""

    ACTIVE_CONTENT = "file.active-content"
    """Script or active content: ``<script>``, an ``on…`` attribute, an entity, ``expression()``."""

    NOT_PUBLISHED = "file.not-published"
    """An element, attribute, processing instruction or at-rule outside the allowlist."""

    ADDRESS = "file.address"
    """An address the file may not point to (another server, ``data:``, a page, …)."""

    UNCHECKED_ADDRESS = "file.unchecked-address"
    """An address that is computed (``image-set()``, ``url()`` without a string), so cannot be checked."""

    CSS_SYNTAX = "file.css-syntax"
    """CSS that cannot be read."""

    CHARSET = "file.charset"
    """``@charset`` names another encoding than UTF-8."""


@dataclass(frozen=True)
class Refusal:
    """Why a file may not point to an address."""

    code: FileCode
    reason: str
    """German, after the address: ``führt Skript aus``."""


UrlRule = Callable[[str], Refusal | None]
"""What a file may point to: why not, or ``None`` when the address is fine."""


@dataclass(frozen=True, order=True)
class Flaw:
    """Why a file is not published, at a line of that file."""

    line: int
    message: str
    code: FileCode


@dataclass(frozen=True)
class Cleaned:
    """The bytes the site publishes for a file, or why there are none."""

    data: bytes
    """What the engine wrote; empty when there are flaws."""

    flaws: tuple[Flaw, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.flaws

    def problems(self, display: str, expected: str) -> list[Problem]:
        return [Problem(display, flaw.line, "-", flaw.message, expected, code=flaw.code) for flaw in self.flaws]


def refused(code: FileCode, message: str, line: int = 1) -> Cleaned:
    return Cleaned(b"", (Flaw(line, message, code),))


def read_at_most(path: Path, limit: int, what: str) -> bytes | Cleaned:
    """The file's bytes, or why it is not read: through the one bounded reader
    (``loading.read_bounded``), so never more than ``limit`` bytes, never a pipe."""
    try:
        return read_bounded(path, limit)
    except TooLarge:
        return refused(FileCode.TOO_LARGE, f"{what} ist zu groß (mehr als {limit:,} Bytes)".replace(",", "."))
    except OSError as exc:
        return refused(FileCode.UNREADABLE, f"{what} kann nicht gelesen werden ({exc.strerror})")


def unique_flaws(flaws: list[Flaw]) -> tuple[Flaw, ...]:
    """Each finding once, on the line where it first appears, in the order of the file."""
    first: dict[str, Flaw] = {}
    for flaw in flaws:
        if flaw.message not in first or flaw.line < first[flaw.message].line:
            first[flaw.message] = flaw
    return tuple(sorted(first.values()))


def shown(value: str, limit: int = 60) -> str:
    """A value from the file as a message may quote it: short, whitespace visible."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


__all__ = ["Cleaned", "FileCode", "Flaw", "Refusal", "UrlRule", "read_at_most", "refused", "shown", "unique_flaws"]
