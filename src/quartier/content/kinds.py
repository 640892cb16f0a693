"""Field kinds as declarations: what each kind of front matter value accepts, and how it is described.

One ``FieldKind`` per ``schema.Kind``: a pure converter (YAML value → model value plus
the problems found), the "Erwartet" text of its messages, its JSON Schema and the
"Erlaubt" cell of the editors' field reference. Validation, the JSON Schemas under
``schemas/`` and the field reference ask ``KINDS``; none of them switches on a kind's
name, so a new kind is one declaration here, and mypy fails until it has every part.

Converters see nothing but the value, where it was written, and a ``Lookup`` of what
other files define (cities, slugs). Problems are returned, never collected in shared
state, so a converter can be tested and reused alone.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Never
from urllib.parse import urlsplit

from quartier.bounds import known_zones
from quartier.content import recurrence
from quartier.content.files.pictures import PICTURE_SUFFIXES
from quartier.content.loading import Value, ValueKind, is_inside, kind_name
from quartier.content.model import City, Organizer, Weekday
from quartier.content.moments import (
    END_EXPECTED,
    START_EXPECTED,
    Converted,
    Form,
    Role,
    Spot,
    Written,
    pattern,
    read_day,
)
from quartier.content.schema import EMAIL_PATTERN, FieldSpec, Kind, choice_code
from quartier.problems import Problem, ProblemCode, Severity, errors_in
from quartier.text.german_rules import DAY_NAMES
from quartier.text.json_types import JsonObject
from quartier.text.slugs import SLUG_PATTERN
from quartier.text.suggest import suggest

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidi embeddings, overrides and isolates: in a one-line text they can make a title
read differently in a listing, a feed or a calendar than in the file."""
_EMAIL = re.compile(EMAIL_PATTERN)
_UID = re.compile(r"^[^\s\x00-\x1f\x7f]{1,255}$")
_MAX_REPORTS_PER_LIST = 20
"""Unknown slugs reported one by one; beyond that, one line says how many more."""

_WEEKDAY_SCHEMA = r"^([+-]?[1-5])?([mM][oO]|[tT][uU]|[wW][eE]|[tT][hH]|[fF][rR]|[sS][aA]|[sS][uU])$"
FIRST_PROJECT_YEAR = 1900
LAST_PROJECT_YEAR = 2200


class KindCode(ProblemCode):
    MISSING_VALUE = "kind.missing-value"
    WRONG_TYPE = "kind.wrong-type"
    EMPTY = "kind.empty"
    CONTROL_CHARACTER = "kind.control-character"
    DIRECTION_CONTROL = "kind.direction-control"
    MULTILINE = "kind.multiline"
    UID = "kind.uid"
    INTEGER = "kind.integer"
    YEAR = "kind.year"
    WEEKDAY = "kind.weekday"
    WEEKDAY_UNKNOWN = "kind.weekday-unknown"
    WEEKDAY_ORDINAL = "kind.weekday-ordinal"
    EMPTY_LIST = "kind.empty-list"
    MONTHDAY = "kind.monthday"
    DUPLICATE_DATE = "kind.duplicate-date"
    ZONE_UNKNOWN = "kind.zone-unknown"
    CHOICE_UNKNOWN = "kind.choice-unknown"
    LINK = "kind.link"
    SLUG_UNKNOWN = "kind.slug-unknown"
    SLUGS_UNKNOWN_MORE = "kind.slugs-unknown-more"
    NUMBER_OUT_OF_RANGE = "kind.number-out-of-range"
    EMAIL = "kind.email"
    IMAGE_NOT_LOCAL = "kind.image-not-local"
    IMAGE_OUTSIDE = "kind.image-outside"
    IMAGE_NOT_PICTURE = "kind.image-not-picture"
    IMAGE_MISSING = "kind.image-missing"
    IMAGE_REFUSED = "kind.image-refused"
    CITY_UNKNOWN = "kind.city-unknown"
    FIELD_UNKNOWN = "kind.field-unknown"
    FIELD_MISSING = "kind.field-missing"


@dataclass(frozen=True, kw_only=True)
class Lookup:
    """What converters may look up besides the value itself."""

    root: Path
    """The project folder: file paths in messages are relative to it."""

    cities: Mapping[str, City] = field(default_factory=dict)
    """By name and by slug (editors write either)."""

    city_names: tuple[str, ...] = ()
    """Sorted, for "meinten Sie"."""

    slugs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Content type (``programs``) → the slugs of its files."""

    sorted_slugs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The same, sorted, for "meinten Sie"."""

    refused_images: Mapping[str, str] = field(default_factory=dict)
    """Images of the content folders (resolved paths) that are not published, and why."""


@dataclass(frozen=True)
class At:
    """One value being converted: where it is, what it should be, and what may be looked up."""

    path: str
    label: str
    spec: FieldSpec
    lookup: Lookup

    def spot(self, line: int) -> Spot:
        return Spot(self.path, line, self.label)

    def fail(self, line: int, code: ProblemCode, message: str, expected: str | None = None) -> Converted[Never]:
        return self.spot(line).fail(code, message, self.expected if expected is None else expected)

    @property
    def expected(self) -> str:
        return KINDS[self.spec.kind].expected_for(self.spec)

    def wrong_kind(self, value: Value, hint: str = "") -> Converted[Never]:
        if KINDS[self.spec.kind].is_list and value.kind == "str" and not hint:
            # Lines without "- " under a list field are one folded text to YAML.
            hint = " (eine Liste braucht [a, b] oder je Eintrag eine Zeile „- a“)"
        return self.fail(value.line, KindCode.WRONG_TYPE, f"Wert ist {kind_name(value.kind)}{hint}")


# Any: a converted value has its kind's type, and the checked fields go by name into a
# model's constructor (``model_fields``); mypy cannot tie a field's name to its kind's type.
Converter = Callable[[Value, At], Converted[Any]]


@dataclass(frozen=True, kw_only=True)
class FieldKind:
    """Everything the product knows about one kind of field."""

    name: Kind
    expected: str
    """German, after "Erwartet:" in messages and in the field reference."""

    convert: Converter
    """YAML value → the model's value, with every problem found."""

    schema: Callable[[FieldSpec], JsonObject]
    """The JSON Schema of a value (without description and default, which every kind shares)."""

    absent: object = None
    """The model's value when the field is not written (a choice takes its spec's default)."""

    is_list: bool = False
    """A list of texts: one text written where it belongs is most likely a list without "- "."""

    def expected_for(self, spec: FieldSpec) -> str:
        if not spec.choices:
            return self.expected
        return ("Liste aus: " if self.is_list else "einer von: ") + ", ".join(c.word for c in spec.choices)

    def value_when_absent(self, spec: FieldSpec) -> object:
        if spec.choices and spec.default is not None:
            return choice_code(spec.choices, spec.default)
        return self.absent

    def allowed(self, spec: FieldSpec) -> str:
        """The field reference's "Erlaubt" cell (Markdown): the words, then what is still accepted."""
        if not spec.choices:
            return self.expected
        words = ", ".join(f"`{c.word}`" for c in spec.choices)
        codes = [c.code for c in spec.choices if c.code != c.word]
        return words + (f" (weiterhin gültig: {', '.join(f'`{code}`' for code in codes)})" if codes else "")


# -- converters ----------------------------------------------------------------------


def _string(value: Value, at: At, multiline: bool = False) -> Converted[str]:
    if value.kind == "null":
        return at.fail(value.line, KindCode.MISSING_VALUE, "Wert fehlt")
    if value.kind != "str":
        hint = ""
        if value.kind in ("int", "float", "bool", "timestamp"):
            hint = f" ({value.raw!r} wird von YAML nicht als Text gelesen: in Anführungszeichen setzen)"
        return at.wrong_kind(value, hint)
    text: str = value.data.strip()
    if not text:
        return at.fail(value.line, KindCode.EMPTY, "Wert ist leer")
    if _CONTROL.search(text):
        return at.fail(value.line, KindCode.CONTROL_CHARACTER, "Wert enthält Steuerzeichen", "sichtbaren Text")
    if not multiline and _BIDI.search(text):
        return at.fail(
            value.line,
            KindCode.DIRECTION_CONTROL,
            "Wert enthält Steuerzeichen für die Schreibrichtung (U+202A–U+202E, U+2066–U+2069)",
            "Text ohne diese Zeichen (U+200E/U+200F sind erlaubt)",
        )
    if not multiline and "\n" in text:
        return at.fail(value.line, KindCode.MULTILINE, "Wert erstreckt sich über mehrere Zeilen", "Text in einer Zeile")
    return Converted(text)


def _longtext(value: Value, at: At) -> Converted[str]:
    text = _string(value, at, multiline=True)
    return Converted(" ".join(text.value.split())) if text.value else text


def _uid(value: Value, at: At) -> Converted[str]:
    text = _string(value, at)
    if text.value is not None and not _UID.match(text.value):
        return at.fail(value.line, KindCode.UID, "Kalender-ID enthält Leerzeichen oder ist zu lang")
    return text


def _written(value: Value, at: At) -> Converted[Written]:
    """The text as written, with its place: times are read once the event's zone is known
    (``times``), and a post's date once the site's (``validation``)."""
    # An unquoted 12:00 is the sexagesimal integer 720 to YAML 1.1: the text as written counts.
    sexagesimal = value.kind == "int" and ":" in (value.raw or "")
    if value.kind in ("str", "timestamp") or sexagesimal:
        return Converted(Written(value.raw or "", at.spot(value.line)))
    return at.wrong_kind(value)


def _integer(value: Value, at: At) -> Converted[int]:
    low, high = at.spec.minimum, at.spec.maximum
    if (
        value.kind != "int"
        or isinstance(value.data, bool)
        or (low is not None and value.data < low)
        or (high is not None and value.data > high)
    ):
        shown = value.raw if value.raw is not None else kind_name(value.kind)
        return at.fail(
            value.line,
            KindCode.INTEGER,
            f"„{shown}“ ist keine ganze Zahl von {low} bis {high}",
            f"eine ganze Zahl von {low} bis {high}",
        )
    return Converted(int(value.data))


def _year(value: Value, at: At) -> Converted[int]:
    if value.kind != "int" or not (FIRST_PROJECT_YEAR <= value.data <= LAST_PROJECT_YEAR):
        return at.fail(value.line, KindCode.YEAR, f"„{value.raw}“ ist keine Jahreszahl")
    return Converted(int(value.data))


def _items(value: Value, at: At) -> Converted[list[Value]]:
    if value.kind != "seq":
        hint = " (eine Liste braucht [a, b])" if value.kind in ("str", "int", "timestamp") else ""
        return at.wrong_kind(value, hint)
    return Converted([item for item in value.data if item.kind != "refused"])


def _weekday(text: str) -> tuple[KindCode | None, str, Weekday | None]:
    """A ``byday`` entry: (the problem's code and German words, or ``None`` and ''; the weekday)."""
    match = _WEEKDAY.match(text.strip())
    if not match:
        return KindCode.WEEKDAY, f"„{text}“ ist kein Wochentag", None
    number, name = match.group(1), match.group(2).lower()
    if name not in recurrence.WEEKDAY_CODES:
        guess = _WEEKDAY_WORDS.get(name)
        if guess is None and len(name) > 2 and name[:2] in recurrence.WEEKDAY_CODES:
            guess = name[:2]
        hint = f" (meinten Sie „{number or ''}{guess}“?)" if guess else ""
        return KindCode.WEEKDAY_UNKNOWN, f"„{text}“: unbekannter Wochentag „{name}“{hint}", None
    ordinal = int(number) if number else 0
    if number and not (1 <= abs(ordinal) <= 5):
        return (
            KindCode.WEEKDAY_ORDINAL,
            f"„{text}“: einen {ordinal}. {DAY_NAMES[recurrence.WEEKDAY_CODES.index(name)]} gibt es in keinem Monat",
            None,
        )
    return None, "", Weekday(recurrence.WEEKDAY_CODES.index(name), ordinal)


_WEEKDAY = re.compile(r"^([+-]?\d{1,3})?([A-Za-zÄÖÜäöü]+)$")
_WEEKDAY_WORDS = {
    # English and German abbreviations editors are likely to write: suggested, not accepted.
    "mon": "mo",
    "tue": "tu",
    "tues": "tu",
    "wed": "we",
    "thu": "th",
    "thur": "th",
    "thurs": "th",
    "fri": "fr",
    "sat": "sa",
    "sun": "su",
    "di": "tu",
    "mi": "we",
    "do": "th",
    "so": "su",
    "die": "tu",
    "mit": "we",
    "don": "th",
    "son": "su",
}


def _weekdays(value: Value, at: At) -> Converted[tuple[tuple[Weekday, int], ...]]:
    """``[mo, we]`` or ``["1tu", "-1fr"]``; each with its line, for the checks against ``freq``."""
    items = _items(value, at)
    if items.value is None:
        return Converted(None, items.problems)
    result: dict[Weekday, int] = {}
    problems: list[Problem] = []
    for item in items.value:
        text = (item.raw or "").strip() if item.kind in ("str", "int") else None
        if text is None:
            problems += at.wrong_kind(item).problems
            continue
        code, problem, weekday = _weekday(text)
        if code is not None or weekday is None:
            problems.append(at.spot(item.line).problem(code or KindCode.WEEKDAY, problem, at.expected))
            continue
        result.setdefault(weekday, item.line)
    if not problems and not result:
        problems.append(at.spot(value.line).problem(KindCode.EMPTY_LIST, "Liste ist leer", at.expected))
    return Converted(None if problems else tuple(result.items()), tuple(problems))


def _monthdays(value: Value, at: At) -> Converted[tuple[int, ...]]:
    items = _items(value, at)
    if items.value is None:
        return Converted(None, items.problems)
    result: dict[int, None] = {}
    problems: list[Problem] = []
    for item in items.value:
        if item.kind != "int" or isinstance(item.data, bool) or not (1 <= item.data <= 31 or item.data == -1):
            problems.append(
                at.spot(item.line).problem(KindCode.MONTHDAY, f"„{item.raw}“ ist kein Tag im Monat", at.expected)
            )
            continue
        result.setdefault(item.data)
    if not problems and not result:
        problems.append(at.spot(value.line).problem(KindCode.EMPTY_LIST, "Liste ist leer", at.expected))
    return Converted(None if problems else tuple(result), tuple(problems))


def _dates(value: Value, at: At) -> Converted[tuple[tuple[date, int], ...]]:
    """Each cancelled day (``except``, the one list of days) with its line: a day that is
    no occurrence is reported on its own line."""
    items = _items(value, at)
    if items.value is None:
        return Converted(None, items.problems)
    result: dict[date, int] = {}
    problems: list[Problem] = []
    ok = True
    for item in items.value:
        text = _written(item, at)
        problems += text.problems
        day: date | None = None
        if text.value is not None:
            read = read_day(text.value, Role.CANCELLED)
            problems += read.problems
            day = read.value
        if day is None:
            ok = False
            continue
        if day in result:
            problems.append(
                at.spot(item.line).problem(
                    KindCode.DUPLICATE_DATE,
                    f"Datum {day.isoformat()} steht zweimal in der Liste",
                    "jedes Datum einmal",
                    Severity.WARNING,
                )
            )
        result.setdefault(day, item.line)
    return Converted(tuple(result.items()) if ok else None, tuple(problems))


def _moves(value: Value, at: At) -> Converted[tuple[dict[str, Any], ...]]:
    """The entries' fields as written (times are read once the series' zone is known)."""
    items = _items(value, at)
    if items.value is None:
        return Converted(None, items.problems)
    result: list[dict[str, Any]] = []
    problems: list[Problem] = []
    refused = False
    for item in items.value:
        if item.kind != "map":
            problems.append(
                at.spot(item.line).problem(
                    KindCode.WRONG_TYPE,
                    f"Eintrag ist {kind_name(item.kind)}",
                    "from, start und end je Eintrag („- from: …“)",
                )
            )
            continue
        data = check_fields(at.path, item.data, at.spec.fields, item.line, at.lookup, prefix=at.label + ".")
        problems += data.problems
        if _refused_inside(item):
            refused = True
        result.append(data.value or {})
    return Converted(None if errors_in(problems) or refused else tuple(result), tuple(problems))


def _timezone(value: Value, at: At) -> Converted[str]:
    text = _string(value, at)
    if text.value is not None and text.value not in known_zones():
        return at.fail(
            value.line,
            KindCode.ZONE_UNKNOWN,
            f"Unbekannte Zeitzone „{text.value}“" + suggest(text.value, sorted(known_zones())),
        )
    return text


def _choice(value: Value, at: At) -> Converted[str]:
    """The model's value of a word or of its (English) code."""
    text = _string(value, at)
    if text.value is None:
        return text
    code = choice_code(at.spec.choices, text.value)
    if code is None:
        return at.fail(
            value.line,
            KindCode.CHOICE_UNKNOWN,
            f"Unbekannter Wert „{text.value}“" + suggest(text.value, _spellings(at.spec)),
        )
    return Converted(code)


def _spellings(spec: FieldSpec) -> dict[str, str]:
    """Every accepted spelling → the word to suggest for it."""
    return {spelling: choice.word for choice in spec.choices for spelling in choice.accepted}


def url_problem(text: str, https_only: bool = False) -> str:
    """Why a link is not acceptable ('' if it is)."""
    if any(ch.isspace() for ch in text) or _CONTROL.search(text):
        return "Link enthält Leerzeichen oder Steuerzeichen"
    try:
        parts = urlsplit(text)
    except ValueError:
        return "Link ist nicht lesbar"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = scheme + ":" if scheme else "ohne Schema"
        return f"Link-Art {shown} ist nicht erlaubt"
    if https_only and scheme != "https":
        return "Link muss verschlüsselt sein (https)"
    if not parts.hostname:
        return "Link hat keinen Servernamen"
    return ""


def _link(https_only: bool) -> Converter:
    def convert(value: Value, at: At) -> Converted[str]:
        text = _string(value, at)
        problem = url_problem(text.value, https_only) if text.value is not None else ""
        return at.fail(value.line, KindCode.LINK, problem) if problem else text

    return convert


def _slugs(value: Value, at: At) -> Converted[tuple[str, ...]]:
    if value.kind != "seq":
        return at.wrong_kind(value)
    refers_to = at.spec.refers_to or ""
    folder = f"content/{refers_to}/"
    known = at.lookup.slugs.get(refers_to, frozenset())
    # A dict keeps the first of equal entries in order, in linear time (a list's
    # "in" made 174,481 tags take minutes).
    result: dict[str, None] = {}
    problems: list[Problem] = []
    unknown = 0
    for item in value.data:
        if item.kind == "refused":
            continue
        text = _string(item, at)
        problems += text.problems
        if text.value is None:
            continue
        if text.value not in known:
            unknown += 1
            if unknown <= _MAX_REPORTS_PER_LIST:
                hint = suggest(text.value, at.lookup.sorted_slugs.get(refers_to, ()))
                problems.append(
                    at.spot(item.line).problem(
                        KindCode.SLUG_UNKNOWN,
                        f"„{text.value}“ gibt es nicht in {folder}" + hint,
                        f"Dateiname ohne .md aus {folder}",
                    )
                )
            continue
        result.setdefault(text.value)
    if unknown > _MAX_REPORTS_PER_LIST:
        more = unknown - _MAX_REPORTS_PER_LIST
        problems.append(
            at.spot(value.line).problem(
                KindCode.SLUGS_UNKNOWN_MORE, f"… und {more} weitere unbekannte Einträge", f"Dateinamen aus {folder}"
            )
        )
    return Converted(tuple(result), tuple(problems))


def _texts(value: Value, at: At) -> Converted[tuple[str, ...]]:
    if value.kind != "seq":
        return at.wrong_kind(value)
    result: dict[str, None] = {}
    problems: list[Problem] = []
    for item in value.data:
        if item.kind == "refused":
            continue
        if item.kind in ("int", "float") and item.raw:
            item = Value(item.raw, ValueKind.STR, item.line, item.raw)
        text = _string(item, at)
        problems += text.problems
        code = choice_code(at.spec.choices, text.value) if text.value is not None and at.spec.choices else None
        if text.value is not None and at.spec.choices and code is None:
            problems.append(
                at.spot(item.line).problem(
                    KindCode.CHOICE_UNKNOWN,
                    f"Unbekannter Wert „{text.value}“" + suggest(text.value, _spellings(at.spec)),
                    at.expected,
                )
            )
        elif text.value is not None:
            result.setdefault(code or text.value)
    return Converted(tuple(result), tuple(problems))


def _number(low: float, high: float) -> Converter:
    def convert(value: Value, at: At) -> Converted[float]:
        if value.kind not in ("int", "float") or isinstance(value.data, bool):
            return at.wrong_kind(value)
        number = float(value.data)
        if not (low <= number <= high):
            return at.fail(value.line, KindCode.NUMBER_OUT_OF_RANGE, f"Wert {value.raw} liegt außerhalb des Bereichs")
        return Converted(number)

    return convert


def _email(value: Value, at: At) -> Converted[str]:
    text = _string(value, at)
    if text.value is not None and not _EMAIL.match(text.value):
        return at.fail(value.line, KindCode.EMAIL, f"„{text.value}“ ist keine E-Mail-Adresse")
    return text


def _flag(value: Value, at: At) -> Converted[bool]:
    if value.kind != "bool":
        return at.wrong_kind(value)
    return Converted(bool(value.data))


def _image(value: Value, at: At) -> Converted[str]:
    """A local image beside the content file: no links to other servers, no way out of its folder."""
    text = _string(value, at)
    if text.value is None:
        return text
    written = text.value
    if "://" in written or written.startswith(("/", "\\")) or ":" in written.split("/")[0]:
        return at.fail(
            value.line,
            KindCode.IMAGE_NOT_LOCAL,
            "Bild muss eine Datei dieser Website sein (kein Link, kein absoluter Pfad)",
        )
    folder = (at.lookup.root / at.path).parent.resolve()
    label = PurePosixPath(at.path).parent.as_posix() + "/"
    target = (folder / written).resolve()
    if not is_inside(target, folder) or target == folder:
        return at.fail(value.line, KindCode.IMAGE_OUTSIDE, f"Pfad „{written}“ führt aus dem Ordner {label} hinaus")
    if target.suffix.lower() not in PICTURE_SUFFIXES:
        return at.fail(value.line, KindCode.IMAGE_NOT_PICTURE, f"„{written}“ ist keine Bilddatei")
    if not target.is_file():
        return at.fail(
            value.line,
            KindCode.IMAGE_MISSING,
            f"Bild „{written}“ gibt es nicht",
            f"eine vorhandene Datei (Pfad relativ zu {label})",
        )
    # The image itself was read with its folder; why it cannot be published is said here.
    problem = at.lookup.refused_images.get(str(target))
    if problem:
        return at.fail(
            value.line, KindCode.IMAGE_REFUSED, f"Bild „{written}“ wird nicht veröffentlicht: {problem}", IMAGE_EXPECTED
        )
    return Converted(target.relative_to(folder).as_posix())


IMAGE_EXPECTED = "ein Foto oder eine Grafik von mindestens 480 Pixeln Breite (JPEG, PNG, WebP, AVIF, GIF, HEIC, SVG)"


def _alt(value: Value, at: At) -> Converted[str]:
    """A description in one line; written as "" it marks a decorative image (``alt=""``)."""
    if value.kind == "str" and not value.data.strip():
        return Converted("")
    return _string(value, at)


def _city(value: Value, at: At) -> Converted[City]:
    text = _string(value, at)
    if text.value is None:
        return Converted(None, text.problems)
    city = at.lookup.cities.get(text.value)
    if city is None:
        return at.fail(
            value.line,
            KindCode.CITY_UNKNOWN,
            f"Unbekannte Stadt „{text.value}“" + suggest(text.value, at.lookup.city_names),
            "eine Stadt aus content/cities.yml (dort ergänzen, falls neu)",
        )
    return Converted(city)


def _mapping(value: Value, at: At) -> Converted[dict[str, Any]]:
    if value.kind != "map":
        return at.wrong_kind(value)
    data = check_fields(at.path, value.data, at.spec.fields, value.line, at.lookup, prefix=at.label + ".")
    return data if not errors_in(data.problems) and not _refused_inside(value) else Converted(None, data.problems)


def _refused_inside(value: Value) -> bool:
    """A nested value the loader refused (a tag, a 30-digit number): reported there, and
    the mapping is unusable, or a required field would be missing unannounced."""
    return any(child.kind == "refused" for child in value.data.values())


def _organizer(value: Value, at: At) -> Converted[Organizer]:
    if value.kind == "map":
        data = _mapping(value, at)
        found = data.value
        return Converted(
            Organizer(found["name"], found.get("url"), found.get("email")) if found else None, data.problems
        )
    name = _string(value, at)
    return Converted(Organizer(name.value) if name.value else None, name.problems)


# -- JSON Schemas --------------------------------------------------------------------

_TEXT: JsonObject = {"type": "string", "minLength": 1}


def _constant(schema: JsonObject) -> Callable[[FieldSpec], JsonObject]:
    return lambda spec: copy.deepcopy(schema)


def field_schema(spec: FieldSpec) -> JsonObject:
    """The JSON Schema of one field, with its description and default."""
    schema = KINDS[spec.kind].schema(spec)
    schema["description"] = spec.description
    if spec.default is not None:
        schema["default"] = spec.default
    return schema


def object_schema(fields: tuple[FieldSpec, ...]) -> JsonObject:
    return {
        "type": "object",
        "properties": {spec.name: field_schema(spec) for spec in fields},
        "required": [spec.name for spec in fields if spec.required],
        "additionalProperties": False,
    }


_ONE_LINE = _constant(dict(_TEXT, pattern=r"^[^\n]+$"))


def _choice_schema(spec: FieldSpec) -> JsonObject:
    """The words, and the codes a file may still use, marked deprecated so editors' tools offer the words."""
    words = [c.word for c in spec.choices]
    codes = [c.code for c in spec.choices if c.code != c.word]
    if not codes:
        return {"type": "string", "enum": words}
    return {
        "type": "string",
        "anyOf": [
            {"enum": words},
            {"enum": codes, "deprecated": True, "description": "Englische Werte früherer Versionen, weiterhin gültig."},
        ],
    }


_MOMENT = _constant({"type": "string", "pattern": pattern(Form.MOMENT)})


def _declare(*kinds: FieldKind) -> dict[Kind, FieldKind]:
    return {kind.name: kind for kind in kinds}


KINDS: Mapping[Kind, FieldKind] = _declare(
    FieldKind(name="text", expected="Text in einer Zeile", convert=_string, schema=_ONE_LINE),
    FieldKind(name="longtext", expected="Text", convert=_longtext, schema=_constant(_TEXT)),
    FieldKind(
        name="date",
        expected="JJJJ-MM-TT",
        convert=_written,
        schema=_constant({"type": "string", "pattern": pattern(Form.DAY)}),
    ),
    FieldKind(name="start", expected=START_EXPECTED, convert=_written, schema=_MOMENT),
    FieldKind(
        name="end",
        expected=END_EXPECTED,
        convert=_written,
        schema=_constant({"type": "string", "pattern": pattern(Form.END)}),
    ),
    FieldKind(name="timezone", expected="IANA-Zeitzone wie Europe/Berlin", convert=_timezone, schema=_ONE_LINE),
    FieldKind(name="choice", expected="", convert=_choice, schema=lambda spec: _choice_schema(spec)),
    FieldKind(
        name="url",
        expected="Link, der mit https:// beginnt",
        convert=_link(https_only=False),
        schema=_constant({"type": "string", "format": "uri", "pattern": "^https?://"}),
    ),
    FieldKind(
        name="https_url",
        expected="Link, der mit https:// beginnt",
        convert=_link(https_only=True),
        schema=_constant({"type": "string", "format": "uri", "pattern": "^https://"}),
    ),
    FieldKind(
        name="slugs",
        expected="Liste von Dateinamen ohne .md, z. B. [initiative-ergreifen]",
        convert=_slugs,
        absent=(),
        is_list=True,
        schema=_constant(
            {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN.pattern}, "uniqueItems": True}
        ),
    ),
    FieldKind(
        name="texts",
        expected="Liste von Texten, z. B. [Workshop, Engagement]",
        convert=_texts,
        absent=(),
        is_list=True,
        schema=lambda spec: {
            "type": "array",
            "items": _choice_schema(spec) if spec.choices else dict(_TEXT),
        },
    ),
    FieldKind(
        name="year",
        expected="Jahreszahl wie 2021",
        convert=_year,
        schema=_constant({"type": "integer", "minimum": FIRST_PROJECT_YEAR, "maximum": LAST_PROJECT_YEAR}),
    ),
    FieldKind(
        name="latitude",
        expected="Zahl zwischen -90 und 90",
        convert=_number(-90, 90),
        schema=_constant({"type": "number", "minimum": -90, "maximum": 90}),
    ),
    FieldKind(
        name="longitude",
        expected="Zahl zwischen -180 und 180",
        convert=_number(-180, 180),
        schema=_constant({"type": "number", "minimum": -180, "maximum": 180}),
    ),
    FieldKind(name="city", expected="Stadt aus content/cities.yml", convert=_city, schema=_ONE_LINE),
    FieldKind(
        name="mapping",
        expected="eingerückte Felder darunter",
        convert=_mapping,
        schema=lambda spec: object_schema(spec.fields),
    ),
    FieldKind(
        name="organizer",
        expected="Name oder name, url und email",
        convert=_organizer,
        schema=lambda spec: {"oneOf": [dict(_TEXT), object_schema(spec.fields)]},
    ),
    FieldKind(
        name="image",
        expected="Pfad zu einer Bilddatei neben der Datei, z. B. bilder/werkstatt.jpg",
        convert=_image,
        schema=_constant(
            {
                "type": "string",
                "pattern": r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^\n]+\."
                r"([jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP]|[sS][vV][gG]|[gG][iI][fF]|[aA][vV][iI][fF]|[hH][eE][iI][cCfF])$",
            }
        ),
    ),
    FieldKind(
        name="alt",
        expected='Text in einer Zeile, oder "" für ein reines Schmuckbild',
        convert=_alt,
        schema=_constant({"type": "string", "pattern": r"^[^\n]*$"}),
    ),
    FieldKind(
        name="flag", expected="true oder false", convert=_flag, schema=_constant({"type": "boolean"}), absent=False
    ),
    FieldKind(name="uid", expected="Text ohne Leerzeichen", convert=_uid, schema=_ONE_LINE),
    FieldKind(
        name="email",
        expected="E-Mail-Adresse wie kontakt@example.org",
        convert=_email,
        schema=_constant({"type": "string", "format": "email", "pattern": EMAIL_PATTERN}),
    ),
    FieldKind(
        name="integer",
        expected="eine ganze Zahl",
        convert=_integer,
        schema=lambda spec: {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum},
    ),
    FieldKind(
        name="weekdays",
        expected=(
            "Liste von Wochentagen: mo, tu, we, th, fr, sa, su; bei monthly "
            "mit Nummer wie 1tu (erster Dienstag) oder -1fr (letzter Freitag)"
        ),
        convert=_weekdays,
        schema=_constant({"type": "array", "items": {"type": "string", "pattern": _WEEKDAY_SCHEMA}, "minItems": 1}),
    ),
    FieldKind(
        name="monthdays",
        expected="Liste von Tagen im Monat: 1 bis 31, -1 für den letzten",
        convert=_monthdays,
        schema=_constant(
            {
                "type": "array",
                "items": {"type": "integer", "minimum": -1, "maximum": 31, "not": {"const": 0}},
                "minItems": 1,
            }
        ),
    ),
    FieldKind(
        name="dates",
        expected="Liste von Daten, z. B. [2027-08-03, 2027-09-07]",
        convert=_dates,
        schema=_constant({"type": "array", "items": {"type": "string", "pattern": pattern(Form.DAY)}}),
    ),
    FieldKind(
        name="moves",
        expected="Liste von Einträgen mit from, start und end",
        convert=_moves,
        schema=lambda spec: {"type": "array", "items": object_schema(spec.fields)},
    ),
)
"""Every kind of ``schema.Kind``; a test fails when one is missing."""


def model_fields(data: Mapping[str, Any], specs: Iterable[FieldSpec], model: type) -> dict[str, Any]:
    """The converted fields a model takes as they are, each with its value when absent.

    Fields declared ``derived`` are computed from several fields by the caller (an event's
    time, its venue). Every other field must be a field of ``model`` under the same name: a
    field added to the schema and not to the model stops the first build instead of vanishing.
    """
    names = {item.name for item in dataclass_fields(model)}
    result: dict[str, Any] = {}
    for spec in specs:
        if spec.derived is not None:
            continue
        if spec.name not in names:
            raise TypeError(f"{model.__name__} has no field {spec.name!r} of the content contract")
        result[spec.name] = data[spec.name] if spec.name in data else KINDS[spec.kind].value_when_absent(spec)
    return result


def check_fields(
    path: str, fields: Mapping[str, Value], specs: Iterable[FieldSpec], line: int, lookup: Lookup, prefix: str = ""
) -> Converted[dict[str, Any]]:
    """Check names, presence and kinds; the converted values of the good fields, and every problem."""
    by_name = {spec.name: spec for spec in specs}
    result: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in fields.items():
        if value.kind == "refused":
            continue  # reported by the loader
        label = prefix + name
        spec = by_name.get(name)
        if spec is None:
            problems.append(
                Problem(
                    path,
                    value.line,
                    label,
                    "Unbekanntes Feld" + suggest(name, list(by_name)),
                    "eines von: " + ", ".join(by_name),
                    code=KindCode.FIELD_UNKNOWN,
                )
            )
            continue
        converted = KINDS[spec.kind].convert(value, At(path, label, spec, lookup))
        problems += converted.problems
        if converted.value is not None:
            result[name] = converted.value
    for spec in by_name.values():
        if spec.required and spec.name not in fields:
            problems.append(
                Problem(
                    path,
                    line,
                    prefix + spec.name,
                    "Pflichtfeld fehlt",
                    KINDS[spec.kind].expected_for(spec),
                    code=KindCode.FIELD_MISSING,
                )
            )
    return Converted(result, tuple(problems))
