"""The content contract: which fields each kind of content file has.

This is the one source of truth: the validator checks against it and maps it onto the
model; the JSON Schemas under ``schemas/``, the field reference of the editor guide, the
form's configuration and ``quartier new``'s questions and template are generated from it.
Descriptions, labels and questions are German because editors read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from enum import Enum
from typing import Literal

Kind = Literal[
    "text",  # one line of plain text
    "longtext",  # plain text, may span lines
    "date",  # YYYY-MM-DD
    "start",  # YYYY-MM-DD or YYYY-MM-DD HH:MM
    "end",  # YYYY-MM-DD, YYYY-MM-DD HH:MM or HH:MM
    "timezone",  # IANA name
    "choice",
    "url",  # http(s)
    "https_url",
    "slugs",  # list of slugs of other content
    "texts",  # list of short texts
    "year",
    "latitude",
    "longitude",
    "city",  # a name from content/cities.yml
    "mapping",  # nested fields
    "organizer",  # text, or mapping name + url + email
    "image",  # a path to an image file beside the content file (bilder/x.jpg)
    "alt",  # one line of plain text, or "" for a decorative image
    "flag",  # true or false
    "uid",
    "email",  # an e-mail address
    "integer",  # a whole number between FieldSpec.minimum and .maximum
    "weekdays",  # list of mo … su, for monthly with a number: 1tu, -1fr
    "monthdays",  # list of days of the month: 1 … 31, -1 (the last)
    "dates",  # list of YYYY-MM-DD
    "moves",  # list of mappings (repeat.moved)
]


@dataclass(frozen=True)
class Choice:
    """One allowed value of a ``choice`` field: declared once, for the validator, the
    JSON Schema, the field reference, the form and ``quartier new``."""

    word: str
    """What editors write and the form saves (German where the site is German: ``abgesagt``)."""

    code: str
    """The model's value (``cancelled``). Accepted in files too: the English values that were
    the only ones before the German words, so every existing file stays valid."""

    label: str = ""
    """The form's label where it says more than the word (``hybrid (vor Ort und online)``)."""

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every spelling a file may use, the documented word first."""
        return (self.word,) if self.code == self.word else (self.word, self.code)

    @property
    def shown(self) -> str:
        return self.label or self.word


class EventStatusChoices(Enum):
    """``status`` of an event."""

    SCHEDULED = Choice("geplant", "scheduled")
    CANCELLED = Choice("abgesagt", "cancelled")
    POSTPONED = Choice("verschoben", "postponed")


class EventFormatChoices(Enum):
    """``format`` of an event."""

    IN_PERSON = Choice("vor Ort", "in-person")
    ONLINE = Choice("online", "online")
    HYBRID = Choice("hybrid", "hybrid", "hybrid (vor Ort und online)")


class ProjectStatusChoices(Enum):
    """``status`` of a project."""

    ACTIVE = Choice("laufend", "active")
    COMPLETED = Choice("abgeschlossen", "completed")


class FrequencyChoices(Enum):
    """``repeat.freq``: the words of RFC 5545, as ``byday`` uses its weekday codes."""

    DAILY = Choice("daily", "daily", "täglich")
    WEEKLY = Choice("weekly", "weekly", "wöchentlich")
    MONTHLY = Choice("monthly", "monthly", "monatlich")
    YEARLY = Choice("yearly", "yearly", "jährlich")


class DocsHideChoices(Enum):
    """What a hand-written page may hide: the left sidebar and the table of contents. (The
    footer is the site's own and ``path``, ``tags`` and ``feedback`` are features the site
    does not use.)"""

    NAVIGATION = Choice("navigation", "navigation")
    TOC = Choice("toc", "toc")


def choices(values: type[Enum]) -> tuple[Choice, ...]:
    return tuple(member.value for member in values)


def choice_code(spec_choices: tuple[Choice, ...], written: str) -> str | None:
    """The model's value of ``written`` (a word or its code), or ``None`` if it is neither."""
    for choice in spec_choices:
        if written in choice.accepted:
            return choice.code
    return None


@dataclass(frozen=True)
class Ask:
    """``quartier new`` asks for the field: interactively in ``order``, or as an option."""

    question: str
    """German, with an example the answer may copy (a test types each)."""

    order: int = 0
    """Within its content type, lowest first."""

    answer: str = ""
    """The answer's name (``--venue``) where it is not the field's (``venue.name``)."""

    today: bool = False
    """Today's date is offered when nothing is typed, and taken when nothing is asked."""

    option: str = ""
    """The command-line option where it is not the answer's name (``--program`` for
    ``programs``); an underscore is written as a hyphen (``--online-url``)."""

    prompt: bool = True
    """Asked in a terminal; else only an option (``--repeat``: a rule is no answer to type)."""

    @property
    def example(self) -> str:
        """What the question shows after „z. B.“, up to a comma or bracket ('' without one):
        the answer a message offers when it refuses one."""
        _, shown, rest = self.question.partition("z. B. ")
        return rest.split(" (")[0].split(",")[0] if shown else ""


@dataclass(frozen=True)
class Derived:
    """The reader builds the model's attribute from this field, with other fields or the
    site's settings, instead of taking the converted value as it is."""

    attribute: str = ""
    """The model's attribute; empty: the field's name."""


@dataclass(frozen=True)
class FieldSpec:
    """One front matter field: everything the validator, the model, the JSON Schema, the
    form, ``quartier new`` and the field reference need to know of it, and nowhere else."""

    name: str
    kind: Kind
    description: str
    """German, one sentence, for the editor guide and the JSON Schema."""

    example: str
    """As an editor would write it in YAML (after ``name:``)."""

    required: bool = False
    choices: tuple[Choice, ...] = ()
    default: str | None = None
    """As an editor would write it (for a choice: its word)."""

    fields: tuple[FieldSpec, ...] = ()
    """Sub-fields of a ``mapping`` or ``organizer``."""

    refers_to: str | None = None
    """For ``slugs``: the content type the slugs name (``programs``, ``projects``, ``events``)."""

    minimum: int | None = None
    maximum: int | None = None
    """For ``integer``: the allowed range (inclusive)."""

    form_hint: str = ""
    """The form's hint where the description speaks of files and keys (``content/cities.yml``,
    ``format: online``): German for people who never see the file. Empty: the description."""

    label: str = field(kw_only=True)
    """The form's German label (``Beginn``)."""

    item_label: str = ""
    """For a list: the form's label of one entry (``Schlagwort``). Empty: the kind's own."""

    collapsed: bool = False
    """For a group: the form shows it folded until needed."""

    ask: Ask | None = None
    """Whether and how ``quartier new`` asks for it. ``None``: the new file has it as a comment."""

    derived: Derived | None = None
    """How it reaches the model: ``None``, the converted value under the same name."""

    @property
    def hint(self) -> str:
        return self.form_hint or self.description

    @property
    def attribute(self) -> str:
        """The model's attribute that holds it, or is built from it."""
        return self.derived.attribute or self.name if self.derived else self.name


MODEL_OWN = ("slug", "source", "body", "body_line", "picture")
"""Model attributes that no front matter field declares: the file's name, path and text,
and the picture made from the image fields."""


def model_gaps(specs: Iterable[FieldSpec], model: type, own: Iterable[str] = MODEL_OWN) -> list[str]:
    """Where the declaration and a model dataclass disagree; empty when every field lands on
    an attribute (its own name, or the one it is derived into) and every attribute is some
    field's or the model's ``own``. For the developer who adds a field, so in English."""
    specs = tuple(specs)
    attributes = {item.name for item in dataclass_fields(model)}
    gaps = [
        f"{model.__name__} has no attribute {spec.attribute!r} for the field {spec.name!r}"
        for spec in specs
        if spec.attribute not in attributes
    ]
    landed = {spec.attribute for spec in specs} | set(own)
    gaps += [
        f"{model.__name__}.{name} is neither a declared field nor the model's own"
        for name in sorted(attributes - landed)
    ]
    return gaps


@dataclass(frozen=True)
class ContentType:
    """A folder of content files and the fields its files may have."""

    name: str
    """``events``, ``projects``, ``programs``."""

    folder: str
    """Below ``content/``."""

    label: str
    """German name for messages and the guide."""

    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


_LAT = FieldSpec("lat", "latitude", "Geografische Breite in Dezimalgrad (WGS 84).", "51.4556", label="Breitengrad")
_LON = FieldSpec("lon", "longitude", "Geografische Länge in Dezimalgrad (WGS 84).", "7.0116", label="Längengrad")
_SUMMARY = FieldSpec(
    "summary",
    "longtext",
    "Kurzer Anreißer als reiner Text (ohne Markdown); ohne Angabe der erste Absatz des Textes.",
    "Workshop für junge Stadtmacherinnen und Stadtmacher.",
    label="Kurzbeschreibung",
)
_TAGS = FieldSpec(
    "tags",
    "texts",
    "Schlagwörter als Liste.",
    "[Workshop, Engagement]",
    form_hint="Schlagwörter, je eines pro Eintrag.",
    label="Schlagwörter",
    item_label="Schlagwort",
)
_CITY_HINT = "Stadt aus der Liste der Städte (eine neue Stadt zuerst unter „Städte“ anlegen)."
_CITY = FieldSpec(
    "city",
    "city",
    "Stadt, genau wie in content/cities.yml.",
    "Essen",
    required=True,
    form_hint=_CITY_HINT,
    label="Stadt",
)
"""A place's city, for a venue and a project alike; each asks for it in its own words."""
IMAGE_FIELDS = (
    FieldSpec(
        "image",
        "image",
        (
            "Bild: Pfad relativ zur Datei, z. B. bilder/werkstatt.jpg im Unterordner bilder/ "
            "(JPEG, PNG, WebP, AVIF, GIF, HEIC oder SVG, mindestens 480 Pixel breit). "
            "Veröffentlicht wird es in passenden Größen, ohne Metadaten wie den Aufnahmeort."
        ),
        "bilder/werkstatt.jpg",
        form_hint="Bild: aus den vorhandenen Bildern wählen oder ein neues hochladen (mindestens 480 Pixel breit).",
        label="Bild",
    ),
    FieldSpec(
        "image_credit",
        "text",
        "Bildnachweis; Pflicht, wenn ein Bild angegeben ist.",
        '"Foto: Geschäftsstelle Quartier"',
        label="Bildnachweis",
    ),
    FieldSpec(
        "image_alt",
        "alt",
        (
            "Beschreibung des Bildes für Menschen, die es nicht sehen; Pflicht, wenn ein Bild "
            'angegeben ist. Leer ("") nur für ein reines Schmuckbild, das nichts mitteilt.'
        ),
        '"Menschen an Stehtischen im Workshop"',
        form_hint=("Beschreibung des Bildes für Menschen, die es nicht sehen; Pflicht, wenn ein Bild gewählt ist."),
        label="Bildbeschreibung",
    ),
)
"""The picture of an event, project, program or post: declared once for all four."""
FREQUENCIES = tuple(choice.code for choice in choices(FrequencyChoices))
MAX_INTERVAL = 99
MAX_COUNT = 1000
"""``repeat.count``: at most as many occurrences as any series may have within the horizon."""

REPEAT_OPTION = "RHYTHMUS[/N][:TAGE][:until=JJJJ-MM-TT|:count=N]"
"""The form of ``quartier new --repeat``, RHYTHMUS being the ``freq``: ``monthly:1tu`` (first
Tuesday of the month), ``weekly:mo,we``, ``weekly/2:we`` (every second Wednesday),
``monthly:15`` (the 15th), ``daily:count=10``, ``monthly:-1fr:until=2027-12-31``, ``yearly``."""

REPEAT = FieldSpec(
    "repeat",
    "mapping",
    (
        "Wiederholung: macht die Veranstaltung zu einer Reihe. start und end "
        "sind der erste Termin; jeder weitere hat dieselbe Uhrzeit (Ortszeit)."
    ),
    "",
    ask=Ask(f"Terminreihe: {REPEAT_OPTION}, z. B. monthly:1tu oder weekly/2:we", prompt=False),
    form_hint=(
        "Macht die Veranstaltung zu einer Reihe. Beginn und Ende oben sind der erste Termin; "
        "jeder weitere hat dieselbe Uhrzeit (Ortszeit)."
    ),
    fields=(
        FieldSpec(
            "freq",
            "choice",
            "Rhythmus: täglich (daily), wöchentlich (weekly), monatlich (monthly) oder jährlich (yearly).",
            "monthly",
            required=True,
            choices=choices(FrequencyChoices),
            form_hint="Wie oft: täglich, wöchentlich, monatlich oder jährlich.",
            label="Rhythmus",
        ),
        FieldSpec(
            "interval",
            "integer",
            "Nur jede n-te Wiederholung, z. B. 2 mit weekly: alle zwei Wochen.",
            "2",
            default="1",
            minimum=1,
            maximum=MAX_INTERVAL,
            form_hint="Nur jede n-te Wiederholung, z. B. 2 bei wöchentlich: alle zwei Wochen.",
            label="Abstand",
        ),
        FieldSpec(
            "byday",
            "weekdays",
            "Wochentage (mo, tu, we, th, fr, sa, su): bei weekly z. B. [mo, we]; bei monthly mit Nummer: "
            "1tu = erster Dienstag, -1fr = letzter Freitag im Monat. Ohne Angabe der Wochentag von start.",
            '["1tu"]',
            form_hint=(
                "Wochentage als Kürzel: mo (Montag), tu (Dienstag), we (Mittwoch), th (Donnerstag), "
                "fr (Freitag), sa (Samstag), su (Sonntag). Bei monatlich mit Nummer: 1tu ist der erste "
                "Dienstag, -1fr der letzte Freitag im Monat. Leer: der Wochentag des Beginns."
            ),
            label="Wochentage",
            item_label="Wochentag",
        ),
        FieldSpec(
            "bymonthday",
            "monthdays",
            (
                "Tage im Monat bei monthly, z. B. [15]; -1 ist der letzte "
                "Tag. Ohne Angabe (und ohne byday) der Tag von start."
            ),
            "[15]",
            form_hint=(
                "Tage im Monat bei monatlich, z. B. 15; -1 ist der letzte Tag. "
                "Leer (und ohne Wochentage): der Tag des Beginns."
            ),
            label="Tage im Monat",
            item_label="Tag",
        ),
        FieldSpec(
            "until",
            "date",
            "Letzter möglicher Tag der Reihe (einschließlich). Ohne until und count läuft die Reihe ohne Ende.",
            "2027-12-31",
            form_hint=(
                "Letzter möglicher Tag der Reihe (einschließlich). Ohne diesen Tag und ohne "
                "Anzahl der Termine läuft die Reihe ohne Ende."
            ),
            label="Bis einschließlich",
        ),
        FieldSpec(
            "count",
            "integer",
            "Anzahl der Termine, statt until.",
            "12",
            minimum=1,
            maximum=MAX_COUNT,
            form_hint="Anzahl der Termine, statt eines letzten Tages.",
            label="Anzahl der Termine",
        ),
        FieldSpec(
            "except",
            "dates",
            "Abgesagte Termine der Reihe, je mit ihrem Datum.",
            "[2027-08-03]",
            label="Abgesagte Termine",
            item_label="Datum",
            derived=Derived("cancelled"),
        ),
        FieldSpec(
            "moved",
            "moves",
            "Verlegte Termine: from ist das Datum nach der Regel, start und end die neue Zeit (wie oben).",
            '[{from: 2027-04-06, start: "2027-04-07 18:00", end: "20:00"}]',
            form_hint="Verlegte Termine: je das ursprüngliche Datum nach der Regel und die neue Zeit.",
            fields=(
                FieldSpec(
                    "from",
                    "date",
                    "Datum des Termins nach der Regel.",
                    "2027-04-06",
                    required=True,
                    label="Ursprüngliches Datum",
                ),
                FieldSpec(
                    "start",
                    "start",
                    "Neuer Beginn: Datum mit Uhrzeit (bei ganztägigen Reihen nur das Datum).",
                    '"2027-04-07 18:00"',
                    required=True,
                    label="Beginn",
                ),
                FieldSpec(
                    "end",
                    "end",
                    "Neues Ende wie bei end; ohne Angabe so lang wie die anderen Termine.",
                    '"20:00"',
                    form_hint="Neues Ende wie oben beim Ende; ohne Angabe so lang wie die anderen Termine.",
                    label="Ende",
                ),
            ),
            label="Verlegte Termine",
            item_label="Verlegung",
            derived=Derived(),
        ),
    ),
    label="Wiederholung",
    collapsed=True,
    derived=Derived(),
)

_PROGRAMS = FieldSpec(
    "programs",
    "slugs",
    "Programme, zu denen der Eintrag gehört (Dateinamen ohne .md aus content/programs/).",
    "[initiative-ergreifen]",
    refers_to="programs",
    form_hint="Programme, zu denen der Eintrag gehört.",
    label="Programme",
    ask=Ask(
        "Programm (Dateiname ohne .md), mehrere mit Komma, z. B. initiative-ergreifen", option="program", prompt=False
    ),
)

EVENT = ContentType(
    "events",
    "events",
    "Veranstaltung",
    (
        FieldSpec(
            "title",
            "text",
            "Titel der Veranstaltung.",
            '"Werkstattgespräch im Quartier"',
            required=True,
            label="Titel",
            ask=Ask("Titel", 3),
        ),
        FieldSpec(
            "start",
            "start",
            (
                "Beginn: nur Datum für ganztägige Veranstaltungen, sonst Datum "
                "und Uhrzeit (Ortszeit). Uhrzeiten in Anführungszeichen setzen."
            ),
            '"2022-09-14 10:00"',
            required=True,
            # Quoting is the form's job, not the editor's.
            form_hint="Beginn: nur Datum für ganztägige Veranstaltungen, sonst Datum und Uhrzeit (Ortszeit).",
            label="Beginn",
            ask=Ask("Beginn, z. B. 14.09.2027 17:00 (nur das Datum: ganztägig)", 1),
            derived=Derived("when"),
        ),
        FieldSpec(
            "end",
            "end",
            (
                "Ende: bei ganztägigen Veranstaltungen der letzte Tag (einschließlich), "
                "sonst Datum und Uhrzeit oder nur die Uhrzeit am selben Tag."
            ),
            '"12:00"',
            label="Ende",
            ask=Ask(
                "Ende, z. B. 19:00 (am selben Tag), 15.09.2027 13:00 oder bei ganztägigen der letzte Tag 16.09.2027", 2
            ),
            derived=Derived("when"),
        ),
        REPEAT,
        FieldSpec(
            "timezone",
            "timezone",
            "Zeitzone nach IANA, nur wenn nicht die des Auftritts.",
            "Europe/Berlin",
            default="Europe/Berlin",
            form_hint="Nur für Veranstaltungen in einer anderen Zeitzone, z. B. America/New_York.",
            label="Zeitzone",
            derived=Derived(),
        ),
        FieldSpec(
            "status",
            "choice",
            "Stand: geplant, abgesagt oder verschoben (bei einer Reihe gilt er für alle Termine).",
            "abgesagt",
            choices=choices(EventStatusChoices),
            default=EventStatusChoices.SCHEDULED.value.word,
            label="Stand",
        ),
        FieldSpec(
            "format",
            "choice",
            "Vor Ort, online oder hybrid (vor Ort und online).",
            "hybrid",
            choices=choices(EventFormatChoices),
            default=EventFormatChoices.IN_PERSON.value.word,
            label="Format",
            derived=Derived(),
        ),
        FieldSpec(
            "venue",
            "mapping",
            "Veranstaltungsort; Pflicht außer bei format: online.",
            "",
            form_hint="Pflicht, außer wenn die Veranstaltung nur online stattfindet.",
            fields=(
                FieldSpec(
                    "name",
                    "text",
                    "Name des Ortes.",
                    '"ImpactHUB Ruhr"',
                    required=True,
                    label="Name",
                    ask=Ask("Name des Ortes", 5, answer="venue"),
                ),
                FieldSpec(
                    "address",
                    "text",
                    "Straße, Hausnummer und Postleitzahl.",
                    '"Friedrich-Ebert-Straße 10, 45127"',
                    label="Adresse",
                    ask=Ask("Straße und Postleitzahl", 6, answer="address"),
                ),
                replace(_CITY, ask=Ask("Stadt (leer für eine Online-Veranstaltung)", 4, answer="city")),
                _LAT,
                _LON,
            ),
            label="Veranstaltungsort",
            derived=Derived(),
        ),
        FieldSpec(
            "online_url",
            "https_url",
            "Link zur Online-Teilnahme (nur https).",
            "https://konferenz.example.org/raum",
            label="Link zur Online-Teilnahme",
            ask=Ask("Link zur Online-Teilnahme, z. B. https://konferenz.example.org/raum", prompt=False),
        ),
        _PROGRAMS,
        FieldSpec(
            "projects",
            "slugs",
            "Projekte, um die es geht (Dateinamen ohne .md aus content/projects/).",
            "[buergerhaus-alte-schule-altendorf]",
            refers_to="projects",
            form_hint="Projekte, um die es geht.",
            label="Projekte",
        ),
        FieldSpec(
            "organizer",
            "organizer",
            "Veranstalter: ein Name, oder name mit url und email.",
            '"startklar"',
            form_hint="Wer die Veranstaltung ausrichtet: ein Name, auf Wunsch mit Website und E-Mail-Adresse.",
            fields=(
                FieldSpec("name", "text", "Name des Veranstalters.", '"startklar"', required=True, label="Name"),
                FieldSpec("url", "url", "Website des Veranstalters.", "https://www.example.org/", label="Website"),
                FieldSpec(
                    "email",
                    "email",
                    (
                        "E-Mail-Adresse des Veranstalters; Kalender zeigen sie "
                        "als Organisator (sonst die Kontaktadresse der Website)."
                    ),
                    "kontakt@startklar.example.org",
                    label="E-Mail-Adresse",
                ),
            ),
            label="Veranstalter",
        ),
        FieldSpec(
            "registration", "url", "Link zur Anmeldung.", "https://anmeldung.example.org/", label="Link zur Anmeldung"
        ),
        *IMAGE_FIELDS,
        _SUMMARY,
        _TAGS,
        FieldSpec(
            "uid",
            "uid",
            (
                "Feste Kalender-ID; nur setzen, wenn eine Veranstaltung "
                "umbenannt wird und ihre bisherige ID behalten soll."
            ),
            '"2022-09-14-ko-kreative-transformation@example.org"',
            label="Kalender-ID",
            derived=Derived(),
        ),
        FieldSpec(
            "parallel_to",
            "slugs",
            (
                "Veranstaltungen mit gleichem Beginn und gleichem Ort oder Titel, die trotzdem keine doppelten "
                "Einträge sind (z. B. parallele Workshops); sonst warnt die Prüfung (Dateinamen ohne .md)."
            ),
            "[2027-06-24-forum-b]",
            refers_to="events",
            form_hint=(
                "Veranstaltungen, die zur selben Zeit am selben Ort oder unter demselben Titel stattfinden "
                "und trotzdem keine doppelten Einträge sind (z. B. parallele Workshops)."
            ),
            label="Gleichzeitig, aber kein doppelter Eintrag",
        ),
    ),
)

PROJECT = ContentType(
    "projects",
    "projects",
    "Projekt",
    (
        FieldSpec(
            "title",
            "text",
            "Name des Projekts.",
            '"Bürgerhaus Altendorf"',
            required=True,
            label="Titel",
            ask=Ask("Name des Projekts", 1),
        ),
        replace(_CITY, ask=Ask("Stadt", 2)),
        _PROGRAMS,
        FieldSpec(
            "status",
            "choice",
            "Laufend oder abgeschlossen.",
            "abgeschlossen",
            choices=choices(ProjectStatusChoices),
            default=ProjectStatusChoices.ACTIVE.value.word,
            label="Stand",
        ),
        FieldSpec("start_year", "year", "Jahr des Projektbeginns.", "2019", label="Beginn (Jahr)"),
        FieldSpec("end_year", "year", "Jahr des Projektendes.", "2023", label="Ende (Jahr)"),
        FieldSpec("organization", "text", "Träger des Projekts.", '"Bürgerverein Altendorf e. V."', label="Träger"),
        FieldSpec("website", "url", "Website des Projekts.", "https://buergerhaus.example.org/", label="Website"),
        _LAT,
        _LON,
        *IMAGE_FIELDS,
        _SUMMARY,
        _TAGS,
    ),
)

PROGRAM = ContentType(
    "programs",
    "programs",
    "Programm",
    (
        FieldSpec(
            "title",
            "text",
            "Name des Programms.",
            '"Initiative ergreifen"',
            required=True,
            label="Titel",
            ask=Ask("Name des Programms", 1),
        ),
        FieldSpec("funder", "text", "Fördergeber.", '"Land Nordrhein-Westfalen"', label="Fördergeber"),
        FieldSpec(
            "region", "text", "Gebiet, in dem das Programm fördert.", "Nordrhein-Westfalen", label="Fördergebiet"
        ),
        FieldSpec("website", "url", "Website des Programms.", "https://www.example.org/", label="Website"),
        *IMAGE_FIELDS,
        _SUMMARY,
    ),
)

POST = ContentType(
    "posts",
    "news",
    "Beitrag",
    (
        FieldSpec(
            "title",
            "text",
            "Überschrift des Beitrags.",
            '"Rückblick: Workshop Next Generation"',
            required=True,
            label="Titel",
            ask=Ask("Überschrift", 1),
        ),
        FieldSpec(
            "date",
            # A post's date may carry a time (the order of two posts on one day), as a
            # start does; the ``date`` kind is a day only.
            "start",
            "Erscheinungsdatum; bestimmt die Reihenfolge und das Datum in den Feeds.",
            "2020-02-05",
            required=True,
            label="Erscheinungsdatum",
            ask=Ask("Datum, z. B. 21.11.2026", 2, today=True),
            derived=Derived(),
        ),
        FieldSpec(
            "categories",
            "texts",
            "Kategorien für das Archiv der Beiträge.",
            "[Rückblick]",
            label="Kategorien",
            item_label="Kategorie",
        ),
        FieldSpec(
            "authors",
            "texts",
            "Namen der Autorinnen und Autoren.",
            "[Geschäftsstelle Quartier]",
            label="Autorinnen und Autoren",
            item_label="Name",
        ),
        _SUMMARY,
        *IMAGE_FIELDS,
        FieldSpec(
            "events",
            "slugs",
            "Veranstaltungen, über die berichtet wird.",
            "[2020-01-28-next-generation-stadtmacher]",
            refers_to="events",
            label="Veranstaltungen",
        ),
        FieldSpec(
            "projects",
            "slugs",
            "Projekte, um die es geht.",
            "[buergerhaus-alte-schule-altendorf]",
            refers_to="projects",
            label="Projekte",
        ),
        FieldSpec(
            "programs",
            "slugs",
            "Programme, um die es geht.",
            "[initiative-ergreifen]",
            refers_to="programs",
            label="Programme",
        ),
        FieldSpec("draft", "flag", "Entwurf: wird nicht veröffentlicht.", "true", label="Entwurf"),
        FieldSpec("pin", "flag", "Beitrag oben im Archiv anheften.", "true", label="Oben anheften"),
    ),
)
"""News posts in ``content/news/``."""

HOME = ContentType(
    "home",
    "",
    "Startseite",
    (
        FieldSpec(
            "title",
            "text",
            "Überschrift der Startseite.",
            '"Quartier: Programme für Stadt und Dorf"',
            required=True,
            label="Titel",
        ),
        _SUMMARY,
    ),
)
"""``content/start.md``: the start page's introduction (listings are added below it)."""

DOCS_HIDE = tuple(choice.code for choice in choices(DocsHideChoices))

DOCS_PAGE = ContentType(
    "docs",
    "docs",
    "Seiten unter docs/",
    (
        FieldSpec(
            "title",
            "text",
            (
                "Titel der Seite (im Fenstertitel, in der Kopfzeile und in Linkvorschauen); "
                "ohne Angabe der Name im Menü oder die erste Überschrift."
            ),
            '"Kalender abonnieren"',
            label="Titel",
        ),
        FieldSpec(
            "description",
            "longtext",
            "Kurzbeschreibung für Suchmaschinen und Linkvorschauen, als reiner Text.",
            # No example: the field reference would show "description:", which its test
            # takes as front matter leaking into the page.
            "",
            label="Beschreibung",
        ),
        FieldSpec(
            "hide",
            "texts",
            "Blendet die Navigation links (navigation) oder das Inhaltsverzeichnis rechts (toc) aus.",
            "[toc]",
            choices=choices(DocsHideChoices),
            label="Ausblenden",
        ),
        FieldSpec(
            "search",
            "mapping",
            "Einstellungen für die Suche der Website.",
            "",
            fields=(
                FieldSpec("exclude", "flag", "Seite nicht in die Suche aufnehmen.", "true", label="Nicht in der Suche"),
            ),
            label="Suche",
        ),
    ),
)
"""The front matter a page under ``docs/`` may have, and nothing else: MkDocs hands every
key to the theme, whose templates write some raw (``subtitle``, ``status``), choose a
template by one (``template``) or include a file named by one (``icon``). Title and
description are escaped by the adapter and the templates; ``hide`` and ``search`` are
only compared with fixed words."""

CITY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "name",
        "text",
        "Name der Stadt, wie er auf der Website erscheint.",
        '"Frankfurt (Oder)"',
        required=True,
        label="Name",
    ),
    FieldSpec("state", "text", "Bundesland.", "Brandenburg", required=True, label="Bundesland"),
    FieldSpec("lat", "latitude", "Geografische Breite des Stadtzentrums.", "52.3471", label="Breitengrad"),
    FieldSpec("lon", "longitude", "Geografische Länge des Stadtzentrums.", "14.5506", label="Längengrad"),
)

CONTENT_TYPES: tuple[ContentType, ...] = (PROGRAM, PROJECT, EVENT, POST)
"""In the order they are validated: events refer to projects, projects to programs."""

PLACEHOLDER_BODY = (
    "Platzhalter: Hier steht der Text (Markdown). Der erste Absatz ist die Kurzbeschreibung, wenn summary fehlt."
)
"""The body ``quartier new`` writes. A body that still contains it is an error: the
editor has to write the text before the file can be published."""

EMAIL_PATTERN = (
    r"^[^@\s<>\"(),;:\\]{1,64}@"  # local part
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"  # first domain label
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$"  # further labels, at least one
)
"""Deliberately plain: what a calendar's mailto: and a person can use (no quoted local parts)."""
