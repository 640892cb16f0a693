"""Site settings: read from ``mkdocs.yml`` (``site_url``, ``site_name``, ``extra.quartier``).

Read with plain YAML so that the engine does not need MkDocs to know them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import yaml

from quartier.bounds import DEFAULT_MAX_FILE_BYTES, FIRST_YEAR, LAST_YEAR, known_zones
from quartier.problems import Severity, visible
from quartier.text.suggest import suggest
from quartier.text.yaml_syntax import syntax_problem

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

TODAY_VARIABLE = "QUARTIER_TODAY"
_TODAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ConfigError(ValueError):
    """A site setting that cannot be used; the front ends report it and stop."""


@dataclass(frozen=True, kw_only=True)
class OptionKind:
    """A type of setting: what a value must be, said in German, and whether one is."""

    name: str
    expected: Callable[[Option[object]], str]
    """German, with an example: what a value must be."""

    accepts: Callable[[Option[object], object], bool]
    problem: Callable[[Option[object], str], str | None] = lambda option, value: None
    """A more precise German message for a text of the right form that still cannot be used."""

    stored: Callable[[object], object] = lambda value: value
    """The value as ``SiteConfig`` keeps it. Called only with a value ``accepts`` took, but
    it narrows again: ``accepts`` tells the reader, not mypy, what the value is."""


def _is_int(option: Option[object], value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (option.minimum is None or value >= option.minimum)
        and (option.maximum is None or value <= option.maximum)
    )


def _int_expected(option: Option[object]) -> str:
    bounds = (
        f" von {option.minimum} bis {option.maximum}"
        if option.maximum is not None
        else f" ab {option.minimum}"
        if option.minimum is not None
        else ""
    )
    return f"eine ganze Zahl{bounds} (z. B. {option.default})"


def _empty_or(pattern: str) -> Callable[[Option[object], object], bool]:
    # Empty means "none": no repository, no own OAuth service, no contact address.
    return lambda option, value: isinstance(value, str) and (not value or re.match(pattern, value) is not None)


def _is_text(option: Option[object], value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and (not option.choices or value in option.choices)


def _text_expected(option: Option[object]) -> str:
    return " oder ".join(option.choices) if option.choices else f"ein Text (z. B. {option.default})"


def _zone_problem(option: Option[object], value: str) -> str | None:
    # The rule of the events' own timezone field: the site's zone is their default.
    if value in known_zones():
        return None
    return (
        f"extra.quartier.{option.name}: Zeitzone {_shown(value)} gibt es nicht{suggest(value, sorted(known_zones()))} "
        "(Erwartet: ein IANA-Name wie Europe/Berlin)"
    )


def _folder_problem(option: Option[object], value: str) -> str | None:
    if Path(value).is_absolute() or ".." in Path(value).parts:
        return (
            f"extra.quartier.{option.name} muss ein Ordner im Projekt "
            f"sein (z. B. {option.default}), nicht {_shown(value)}"
        )
    return None


_REPO = r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"
"""owner/name, or on GitLab group/subgroup/name (which GitHub refuses: checked with cms_backend)."""
_APP_ID = r"^[A-Za-z0-9_-]{1,128}$"
_ENDING = re.compile(r"^\.?[A-Za-z0-9]+$")
# Enough to catch a name or a link written where the address belongs; the feed writes it as mailto:.
_EMAIL = r"^[^@\s:/<>\"]+@[^@\s:/<>\"]+\.[^@\s:/<>\"]+$"

_INT = OptionKind(name="int", expected=_int_expected, accepts=_is_int)
_TEXT = OptionKind(name="str", expected=_text_expected, accepts=_is_text)
_ZONE = OptionKind(name="timezone", expected=_text_expected, accepts=_is_text, problem=_zone_problem)
_FOLDER = OptionKind(name="folder", expected=_text_expected, accepts=_is_text, problem=_folder_problem)
_SEVERITY = OptionKind(
    name="str",
    expected=_text_expected,
    accepts=_is_text,
    stored=lambda value: Severity(value) if isinstance(value, str) else value,
)
_BOOL = OptionKind(
    name="bool", expected=lambda option: "true oder false", accepts=lambda option, value: isinstance(value, bool)
)
_ENDINGS = OptionKind(
    name="endings",
    expected=lambda option: "eine Liste von Dateiendungen (z. B. [pdf, odt])",
    accepts=lambda option, value: (
        isinstance(value, (list, tuple)) and all(isinstance(item, str) and _ENDING.match(item) for item in value)
    ),
    stored=lambda value: tuple(value) if isinstance(value, (list, tuple)) else value,
)
_EMAIL_KIND = OptionKind(
    name="email", expected=lambda option: "eine E-Mail-Adresse (z. B. redaktion@example.org)", accepts=_empty_or(_EMAIL)
)
_REPO_KIND = OptionKind(
    name="repo",
    expected=lambda option: (
        "owner/name eines Repositorys (z. B. programmbuero/quartier; bei GitLab auch gruppe/untergruppe/name) oder leer"
    ),
    accepts=_empty_or(_REPO),
)
_APP_ID_KIND = OptionKind(
    name="app_id",
    expected=lambda option: "die Anwendungs-ID (Application ID) aus GitLab, Buchstaben und Ziffern, oder leer",
    accepts=_empty_or(_APP_ID),
)
_HTTPS = OptionKind(
    name="https",
    expected=lambda option: "ein Link, der mit https:// beginnt (z. B. https://anmeldung.example.org) oder leer",
    accepts=_empty_or(r"^https://[^\s/]+(/\S*)?$"),
)
_LABEL_LONG = OptionKind(
    name="name",
    expected=lambda option: "ein Name in einer Zeile, höchstens 200 Zeichen (z. B. Programmbüro Quartier)",
    accepts=lambda option, value: isinstance(value, str) and len(value) <= 200 and "\n" not in value,
)
_CONTRIBUTOR = OptionKind(
    name="contributor",
    expected=lambda option: (
        "eine Kennung aus http://dcat-ap.de/def/contributors/ (z. B. …/contributors/bmwsb) oder leer"
    ),
    accepts=_empty_or(r"^http://dcat-ap\.de/def/contributors/[A-Za-z0-9_.-]+$"),
)


def _tiles_problem(option: Option[object], value: str) -> str | None:
    if not value:
        return None
    parts = urlsplit(value.replace("{s}", "a"))
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        return f"extra.quartier.{option.name}: Kartenbilder nur über https:// laden, nicht {_shown(value)}"
    if not all(mark in value for mark in ("{z}", "{x}", "{y}")):
        return f"extra.quartier.{option.name} braucht {{z}}, {{x}} und {{y}} in der Adresse, nicht {_shown(value)}"
    return None


_TILES = OptionKind(
    name="tiles",
    expected=lambda option: (
        "die Adresse der Kartenbilder mit {z}, {x} und {y} (z. B. https://karte.example.org/{z}/{x}/{y}.png) oder leer"
    ),
    accepts=lambda option, value: isinstance(value, str) and "\n" not in value,
    problem=_tiles_problem,
)
_LABEL = OptionKind(
    name="label",
    expected=lambda option: "ein kurzer Text in einer Zeile, höchstens 40 Zeichen (z. B. Quartier)",
    # May stay empty (the theme then uses the site name).
    accepts=lambda option, value: isinstance(value, str) and len(value) <= 40 and "\n" not in value,
)


_TEXT_LINE = OptionKind(
    name="text",
    expected=lambda option: "ein Text in einer Zeile (z. B. © OpenStreetMap-Mitwirkende)",
    accepts=lambda option, value: isinstance(value, str) and "\n" not in value and len(value) <= 300,
)


@dataclass(frozen=True)
class License:
    """A licence the open data in /daten/ can be published under (``open_data_license``)."""

    name: str
    """As GovData names it, in German."""

    url: str
    """The licence text."""

    dcat: str
    """Its IRI in DCAT-AP.de's licence vocabulary (http://dcat-ap.de/def/licenses/): the
    catalog's dct:license (DCAT-AP.de convention K31 wants an IRI from that list)."""

    attribution: bool
    """Whether users must name the source (the catalog then gives the text to use)."""


LICENSES: dict[str, License] = {
    "dl-de/by-2-0": License(
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "https://www.govdata.de/dl-de/by-2-0",
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        attribution=True,
    ),
    "dl-de/zero-2-0": License(
        "Datenlizenz Deutschland – Zero – Version 2.0",
        "https://www.govdata.de/dl-de/zero-2-0",
        "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
        attribution=False,
    ),
    "cc-by/4.0": License(
        "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/deed.de",
        "http://dcat-ap.de/def/licenses/cc-by/4.0",
        attribution=True,
    ),
    "cc-zero": License(
        "Creative Commons Zero 1.0 (CC0)",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
        "http://dcat-ap.de/def/licenses/cc-zero",
        attribution=False,
    ),
}
"""By the short names GovData uses in its URLs (``dl-de/by-2-0``); the open ones of the
DCAT-AP.de list that fit data a public body publishes about its own program."""


@dataclass(frozen=True)
class Option(Generic[T_co]):
    """One setting under ``extra.quartier`` in mkdocs.yml: its type, default and meaning.

    Declared once, as an attribute of ``SiteConfig`` (``option(...)``), whose type is the
    attribute's; ``OPTIONS`` lists them by name."""

    kind: OptionKind
    default: T_co
    description: str
    """German: what the option does (for people who edit mkdocs.yml)."""

    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    name: str = ""
    """The attribute's name, filled in by ``OPTIONS``."""

    @property
    def expected(self) -> str:
        """German: what a value must be, with an example."""
        return self.kind.expected(self)


_OPTION = "quartier.option"
"""The key of a ``SiteConfig`` field's metadata that holds its ``Option``."""


def option(
    kind: OptionKind,
    default: T,
    description: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    choices: tuple[str, ...] = (),
) -> T:
    """A ``SiteConfig`` attribute that is a setting under ``extra.quartier`` (as MkDocs'
    ``config_options`` declare an option where its typed attribute is declared)."""
    declared = Option(kind, default, description, minimum, maximum, choices)
    return field(default=default, metadata={_OPTION: declared})


@dataclass(frozen=True)
class SiteConfig:
    """Everything the engine needs to know about the site besides its content.

    Every setting under ``extra.quartier`` is a typed attribute, declared here with its
    kind, default and German description (``option``); ``config_from_mapping`` checks
    mkdocs.yml against these declarations.
    """

    root: Path
    """The project folder: ``content/`` and ``mkdocs.yml`` live here."""

    site_url: str = "https://example.org/"
    """Absolute URL of the site, ending in ``/`` (feeds and UIDs need it)."""

    site_name: str = "Quartier"
    docs_dir: str = "docs"
    """MkDocs' ``docs_dir`` (top level of mkdocs.yml)."""

    timezone: str = option(
        _ZONE, "Europe/Berlin", "Zeitzone für Uhrzeiten ohne eigene Zeitzone (IANA-Name wie Europe/Berlin)"
    )
    content_dir: str = option(_FOLDER, "content", "Ordner mit den Inhalten, relativ zum Projektordner")
    # The upper bound keeps "today minus the window" a date (year 1 is 740,000 days back).
    feed_past_days: int = option(
        _INT,
        180,
        "So viele Tage nach ihrem Ende bleiben Veranstaltungen in den Kalender-Abos",
        minimum=0,
        maximum=100_000,
    )
    feed_max_bytes: int = option(
        _INT,
        1_000_000,
        (
            "Höchstgröße eines Kalender-Abos in Bytes; Google Kalender "
            "liest höchstens 1 MB, darüber wird der Zeitraum kürzer"
        ),
        minimum=1,
    )
    max_file_bytes: int = option(
        _INT,
        DEFAULT_MAX_FILE_BYTES,
        "Höchstgröße einer Inhaltsdatei in Bytes; größere Dateien werden abgelehnt",
        minimum=1,
    )
    removed_html: Severity = option(
        _SEVERITY,
        Severity.ERROR,
        "Was die Prüfung aus HTML macht, das die Bereinigung entfernt: "
        "error (Fehler, nichts wird gebaut) oder warning (Warnung). "
        "Veröffentlicht wird solches HTML nie.",
        choices=(Severity.ERROR.value, Severity.WARNING.value),
    )
    download_types: tuple[str, ...] = option(
        _ENDINGS,
        ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv"),
        "Dateiendungen in docs/, die als Download veröffentlicht werden (außer Seiten, Bildern und CSS)",
    )
    repeat_horizon_days: int = option(
        _INT,
        365,
        "So viele Tage im Voraus nennt die Seite einer Reihe ihre Termine (die Listen zeigen eine Reihe einmal)",
        minimum=0,
        maximum=3650,
    )
    short_name: str = option(_LABEL, "", "Kurzer Name der Website für schmale Bildschirme (Kopfzeile auf dem Telefon)")
    memoize_nav: bool = option(
        _BOOL,
        True,
        "Navigation erzeugter Seiten nur einmal je Ordner erzeugen (schneller, gleiches Ergebnis)",
    )
    cms_backend: str = option(
        _TEXT,
        "github",
        (
            "Wo das Formular unter /admin/ speichert und anmeldet: github (Anmeldung über einen "
            "OAuth-Dienst) oder gitlab (Anmeldung direkt bei GitLab mit PKCE, ohne eigenen Dienst)"
        ),
        choices=("github", "gitlab"),
    )
    cms_repo: str = option(
        _REPO_KIND,
        "",
        (
            "Repository (owner/name), in dem das Formular unter /admin/ Pull-Requests "
            "(bei GitLab: Merge-Requests) öffnet; leer: nur lokal mit make cms"
        ),
    )
    cms_branch: str = option(_TEXT, "main", "Branch, in den die Pull-Requests des Formulars münden")
    cms_auth_url: str = option(
        _HTTPS,
        "",
        (
            "Nur bei cms_backend: github: Adresse des OAuth-Dienstes für die Anmeldung am "
            "Formular (leer: der von Netlify, siehe README)"
        ),
    )
    cms_gitlab_url: str = option(
        _HTTPS,
        "",
        "Nur bei cms_backend: gitlab: Adresse der GitLab-Instanz, z. B. https://gitlab.opencode.de (leer: gitlab.com)",
    )
    cms_app_id: str = option(
        _APP_ID_KIND,
        "",
        (
            "Nur bei cms_backend: gitlab: die Anwendungs-ID (Application ID) der Anwendung, "
            "die in GitLab für das Formular angelegt ist (siehe README)"
        ),
    )
    map_tiles: str = option(
        _TILES,
        "",
        (
            "Adresse der Kartenbilder (Kacheln) für die interaktive Karte auf /karte/, z. B. ein eigener "
            "Kachelserver; leer: keine interaktive Karte. Sie lädt erst nach einem Klick, der den Server nennt"
        ),
    )
    map_tiles_attribution: str = option(
        _TEXT_LINE,
        "",
        "Nachweis der Kartenbilder, den die interaktive Karte zeigt (z. B. © OpenStreetMap-Mitwirkende)",
    )
    contact_email: str = option(
        _EMAIL_KIND,
        "",
        "E-Mail-Adresse, die in den Kalender-Abos als Veranstalter steht, wenn eine Veranstaltung keine eigene hat",
    )
    open_data_license: str = option(
        _TEXT,
        "dl-de/by-2-0",
        "Lizenz der offenen Daten unter /daten/ (Tabellen, JSON-LD, Katalog)",
        choices=tuple(LICENSES),
    )
    open_data_publisher: str = option(
        _LABEL_LONG,
        "",
        "Wer die offenen Daten herausgibt (Name der Stelle, z. B. das Programmbüro); leer: der Name der Website",
    )
    open_data_contributor: str = option(
        _CONTRIBUTOR,
        "",
        "Kennung der Stelle bei GovData (dcatde:contributorID, http://dcat-ap.de/def/contributors/…); leer: keine",
    )

    @property
    def download_suffixes(self) -> tuple[str, ...]:
        return tuple("." + t.lower().lstrip(".") for t in self.download_types)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "localhost"

    @property
    def license(self) -> License:
        """The open data's licence (``open_data_license``, checked against ``LICENSES``)."""
        return LICENSES[self.open_data_license]

    @property
    def publisher(self) -> str:
        """Who publishes the open data: ``open_data_publisher``, else the site's name."""
        return self.open_data_publisher.strip() or self.site_name

    def absolute_url(self, path: str) -> str:
        """``veranstaltungen/x/`` → ``https://host/base/veranstaltungen/x/``."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")


OPTIONS: dict[str, Option[object]] = {
    item.name: replace(item.metadata[_OPTION], name=item.name)
    for item in fields(SiteConfig)
    if _OPTION in item.metadata
}
"""Every setting under ``extra.quartier``, by name; anything else there is refused."""

_GONE = {
    "raw_html": (
        "extra.quartier.raw_html gibt es nicht mehr: HTML aus Inhalten wird immer bereinigt "
        "(siehe README, „What the validator guarantees“); Option entfernen"
    ),
    # The engine and MkDocs must read the same folder, so there is only MkDocs' setting.
    "docs_dir": "extra.quartier.docs_dir gibt es nicht: docs_dir steht in mkdocs.yml ganz oben (ohne extra.quartier)",
}


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name:`` and ``!ENV`` tags meant for MkDocs."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def load_config(root: Path, mkdocs_file: str = "mkdocs.yml") -> SiteConfig:
    """Settings from ``root/mkdocs.yml``; defaults where it says nothing."""
    path = root / mkdocs_file
    data: object = {}
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=_TolerantLoader) or {}
        except yaml.MarkedYAMLError as exc:
            raise ConfigError(syntax_problem(exc, mkdocs_file, 1, text).format_text()) from None
        except yaml.YAMLError:
            raise ConfigError(f"{mkdocs_file} kann nicht gelesen werden (kein gültiges YAML)") from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"{mkdocs_file} enthält keine Einstellungen (Erwartet: name: wert je Zeile, z. B. site_url: https://…)"
        )
    return config_from_mapping(root, data)


def config_from_mapping(root: Path, data: Mapping[str, object]) -> SiteConfig:
    """Settings from an already loaded mkdocs.yml (the MkDocs hook passes its own).

    Raises ``ConfigError`` naming every unusable option at once.
    """
    extra = data.get("extra") or {}
    options = extra.get("quartier") if isinstance(extra, dict) else None
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise ConfigError("extra.quartier muss eine Zuordnung sein (Erwartet: darunter eingerückt name: wert je Zeile)")
    errors: list[str] = []
    # Any: each value was checked against the option its key names, whose type is the
    # attribute's; mypy cannot tie a key of **values to the type of that attribute.
    values: dict[str, Any] = {}
    for key, value in options.items():
        message = _option_problem(str(key), value)
        if message:
            errors.append(message)
        elif value is not None:
            values[str(key)] = OPTIONS[str(key)].kind.stored(value)
    if errors:
        raise ConfigError("\n".join(errors))
    site_url = data.get("site_url") or "https://example.org/"
    if not isinstance(site_url, str):
        raise ConfigError(
            f"site_url muss ein Link sein (z. B. https://quartier.example.org/), nicht {_shown(site_url)}"
        )
    if not site_url.endswith("/"):
        site_url += "/"
    site_name = data.get("site_name") or "Quartier"
    if not isinstance(site_name, str):
        raise ConfigError(f"site_name muss ein Text sein (z. B. Quartier), nicht {_shown(site_name)}")
    docs_dir = data.get("docs_dir")
    if docs_dir:
        if not isinstance(docs_dir, str):
            raise ConfigError(f"docs_dir muss ein Ordner im Projekt sein (z. B. docs), nicht {_shown(docs_dir)}")
        values["docs_dir"] = docs_dir
    config = SiteConfig(root=root, site_url=site_url, site_name=site_name, **values)
    errors = _form_problems(config)
    if errors:
        raise ConfigError("\n".join(errors))
    return config


def _form_problems(config: SiteConfig) -> list[str]:
    """Settings of the form that only make sense together (German, one line each): the
    check across options, after each was checked alone (MkDocs' ``post_validation``)."""
    problems = []
    gitlab = config.cms_backend == "gitlab"
    only = "extra.quartier.{} gilt nur bei cms_backend: {}; bitte entfernen oder cms_backend: {} setzen"
    if gitlab and config.cms_auth_url:
        problems.append(only.format("cms_auth_url", "github", "github"))
    if not gitlab and config.cms_gitlab_url:
        problems.append(only.format("cms_gitlab_url", "gitlab", "gitlab"))
    if not gitlab and config.cms_app_id:
        problems.append(only.format("cms_app_id", "gitlab", "gitlab"))
    if not gitlab and config.cms_repo.count("/") > 1:
        problems.append(
            f"extra.quartier.cms_repo muss bei GitHub owner/name sein, nicht {_shown(config.cms_repo)} "
            "(Untergruppen gibt es nur bei GitLab: cms_backend: gitlab)"
        )
    if gitlab and config.cms_repo and not config.cms_app_id:
        problems.append(
            "extra.quartier.cms_app_id fehlt: die Anmeldung bei GitLab braucht die Anwendungs-ID "
            "(Erwartet: die Application ID der GitLab-Anwendung, siehe README „Editing in the form“)"
        )
    return problems


def _option_problem(key: str, value: object) -> str | None:
    """German: why ``extra.quartier.<key>: value`` cannot be used, or ``None``."""

    name = f"extra.quartier.{key}"
    if key in _GONE:
        return _GONE[key]
    option = OPTIONS.get(key)
    if option is None:
        return (
            f"{name} gibt es nicht{suggest(key, sorted(OPTIONS))} "
            f"(Erwartet: eine der Optionen {', '.join(sorted(OPTIONS))})"
        )
    if value is None:
        # Written without a value, or with a tag only MkDocs resolves (!ENV): the default.
        return None
    if not option.kind.accepts(option, value):
        return f"{name} muss {option.expected} sein, nicht {_shown(value)}"
    # Only texts have a further check (a zone, a folder, an address of map tiles).
    return option.kind.problem(option, value) if isinstance(value, str) else None


def _shown(value: object) -> str:
    """A value from mkdocs.yml as an editor would recognise it in a German message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"„{visible(value[:80])}“"
    if isinstance(value, (list, tuple)):
        return "[" + visible(", ".join(_shown(item).strip("„“") for item in value)[:80]) + "]"
    if isinstance(value, dict):
        return "eine Zuordnung"
    return visible(str(value)[:80])


def today_from_environment(environ: dict[str, str] | None = None) -> date:
    """The build's "today": ``QUARTIER_TODAY=YYYY-MM-DD`` or the machine's date.

    Raises ``ConfigError`` for anything else: building as of a wrong day would silently
    drop or keep events in the feeds.
    """

    value = (environ if environ is not None else os.environ).get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    shown = f"{TODAY_VARIABLE}=„{visible(value[:40])}“"
    expected = f"(Erwartet: JJJJ-MM-TT zwischen {FIRST_YEAR} und {LAST_YEAR}, z. B. 2026-11-21)"
    # fromisoformat alone would also take 20261121 and 2026-W47-6.
    try:
        today = date.fromisoformat(value) if _TODAY.match(value) else None
    except ValueError:
        today = None
    if today is None:
        raise ConfigError(f"{shown} ist kein Datum {expected}")
    if not FIRST_YEAR <= today.year <= LAST_YEAR:
        # Feed windows count back from today: year 1 would overflow the date arithmetic.
        raise ConfigError(f"{shown} liegt nicht zwischen {FIRST_YEAR} und {LAST_YEAR} {expected}")
    return today


__all__ = [
    "ConfigError",
    "LICENSES",
    "License",
    "OPTIONS",
    "Option",
    "SiteConfig",
    "load_config",
    "config_from_mapping",
    "today_from_environment",
    "replace",
]
