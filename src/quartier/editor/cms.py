"""The form-based editor at ``/admin/`` (Decap CMS): its configuration, generated from
the content contract like the JSON Schemas and the field reference, and the files of the
admin page itself.

The configuration is committed as ``admin/config.yml`` so that a change to the contract
shows up in review; ``quartier cms --check`` (and a test) fail when it is stale. The build
publishes the configuration it generates, so a stale file can never reach the site.

Decap's own code is not committed: ``npm ci`` in ``admin/`` installs the pinned packages
(``admin/package-lock.json`` records their checksums) and :func:`admin_files` copies the
browser bundle from there into the site. Nothing is loaded from a CDN.
"""

from __future__ import annotations

import copy
import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import yaml

from quartier.bounds import MAX_PUBLISHED_FILE_BYTES
from quartier.config import SiteConfig
from quartier.content.kinds import FIRST_PROJECT_YEAR, KINDS, LAST_PROJECT_YEAR
from quartier.content.loading import TooLarge, read_bounded, read_input
from quartier.content.schema import (
    CITY_FIELDS,
    EVENT,
    HOME,
    POST,
    PROGRAM,
    PROJECT,
    ContentType,
    FieldSpec,
    Kind,
)
from quartier.render.wording import FORMAT_WORDS, STATUS_WORDS
from quartier.text.json_types import JsonObject

ADMIN_DIR = "admin"
"""The npm project of the admin page, below the project folder."""

CONFIG_FILE = "config.yml"
SITE_FOLDER = "admin"
"""Where the admin page is published: ``/admin/``."""

LOCAL_BACKEND_URL = "http://127.0.0.1:8081/api/v1"
"""decap-server (``make cms``); Decap uses it only when the page is opened on 127.0.0.1 or localhost."""

GITHUB_API = "https://api.github.com"


@dataclass(frozen=True)
class Collection:
    """One collection of the form: a content type, its folder and how new files are named."""

    ctype: ContentType
    name: str
    label: str
    slug: str
    summary: str
    sortable: tuple[str, ...]
    default_sort: tuple[str, str]
    """The field the list is sorted by when the editor has not chosen, and ``asc`` or ``desc``."""


COLLECTIONS = (
    Collection(
        EVENT,
        "veranstaltungen",
        "Veranstaltungen",
        "{{start | date('YYYY-MM-DD')}}-{{slug}}",
        "{{start}} · {{title}}",
        ("start", "title"),
        ("start", "desc"),  # newest first: what an editor works on is coming up
    ),
    Collection(PROJECT, "projekte", "Projekte", "{{slug}}", "{{title}}", ("title",), ("title", "asc")),
    Collection(PROGRAM, "programme", "Programme", "{{slug}}", "{{title}}", ("title",), ("title", "asc")),
    Collection(
        POST,
        "aktuelles",
        "Aktuelles",
        "{{date | date('YYYY-MM-DD')}}-{{slug}}",
        "{{date}} · {{title}}",
        ("date", "title"),
        ("date", "desc"),
    ),
)
"""Folder collections: events, projects, programs and news (the names are the site's German paths)."""

CITIES = "staedte"
FORMAT = "quartier-frontmatter"
"""Front matter written by ``quartier-cms.js``: only changed fields are rewritten."""
CITIES_FORMAT = "quartier-yaml-liste"
"""content/cities.yml is a list at its top level, which Decap's own formats cannot edit."""

_SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class CmsError(ValueError):
    """The contract has something the form cannot show (a German message)."""


def _label(spec: FieldSpec) -> str:
    if not spec.label.strip():
        raise CmsError(
            f"Feld {spec.name}: keine deutsche Beschriftung für das "
            "Formular (label in src/quartier/content/schema.py ergänzen)"
        )
    return spec.label


def _item_label(spec: FieldSpec, default: str) -> str:
    return spec.item_label or default


def _hint(spec: FieldSpec) -> str:
    hint = spec.hint
    if spec.default is not None:
        shown = next((c.shown for c in spec.choices if c.word == spec.default), spec.default)
        hint += f" Ohne Angabe: {shown}."
    return hint


def _choice(spec: FieldSpec) -> JsonObject:
    """A native select of the words: German whatever the browser's language, and no search
    box with English messages. An option's ``code`` is the value a file may still hold from
    before the German words: the form shows it as its word and keeps it as written until
    the editor picks another."""
    options: list[dict[str, str]] = []
    for choice in spec.choices:
        option = {"label": choice.shown, "value": choice.word}
        if choice.code != choice.word:
            option["code"] = choice.code
        options.append(option)
    widget: JsonObject = {"widget": "quartier-auswahl", "options": options}
    if spec.default is not None:
        shown = next(c.shown for c in spec.choices if c.word == spec.default)
        widget["default_label"] = f"ohne Angabe: {shown}"
    return widget


def _relation(collection: str, multiple: bool) -> JsonObject:
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "multiple": multiple,
        "options_length": 200,
    }


_RELATED = {ctype.name: c.name for c in COLLECTIONS for ctype in (c.ctype,)}


def _const(widget: JsonObject) -> Callable[[FieldSpec], JsonObject]:
    # A copy each time: a shared list would come out of PyYAML as an anchor and alias.
    return lambda spec: copy.deepcopy(widget)


def _slugs(spec: FieldSpec) -> JsonObject:
    if spec.refers_to not in ("events", "projects", "programs"):
        raise CmsError(f"Feld {spec.name}: Verweis auf {spec.refers_to!r} kann das Formular nicht zeigen")
    return _relation(_RELATED[spec.refers_to], multiple=True)


def _group(spec: FieldSpec) -> JsonObject:
    # An organizer may also be written as a plain name; the form always offers the
    # fields, and quartier-cms.js keeps a plain name as it was unless it is edited.
    # Most events are single dates: the series fields stay folded until needed.
    return {"widget": "object", "collapsed": spec.collapsed, "fields": _fields(spec.fields, spec)}


def _time(spec: FieldSpec) -> JsonObject:
    # Decap's own datetime widget cannot leave out the time (all-day events) or the
    # date (an end on the same day), and without a format it saves UTC with Z.
    return {"widget": "quartier-zeit", "zeit": spec.kind}


def _pattern(spec: FieldSpec, message: str) -> list[str]:
    """The form checks a text with the kind's own expression from its JSON Schema: the form,
    the editors' tools and the schema's tests read one expression, never a copy."""
    schema = KINDS[spec.kind].schema(spec)
    items = schema.get("items")
    pattern = schema.get("pattern") or (items.get("pattern") if isinstance(items, Mapping) else None)
    if not isinstance(pattern, str):
        raise CmsError(f"Feld {spec.name}: das JSON Schema der Art {spec.kind} hat kein pattern für das Formular")
    return [pattern, message]


def _text(message: str) -> Callable[[FieldSpec], JsonObject]:
    return lambda spec: {"widget": "string", "pattern": _pattern(spec, message)}


def _weekday_item(spec: FieldSpec) -> JsonObject:
    return {
        "name": "tag",
        "label": _item_label(spec, "Wochentag"),
        "widget": "string",
        "pattern": _pattern(spec, "ein Kürzel von mo bis su, bei monatlich mit Nummer wie 1tu"),
    }


WIDGETS: dict[Kind, Callable[[FieldSpec], JsonObject]] = {
    "text": _const({"widget": "string"}),
    "uid": _const({"widget": "string"}),
    "timezone": _const({"widget": "string"}),
    "longtext": _const({"widget": "text"}),
    "date": _time,
    "start": _time,
    "end": _time,
    "choice": _choice,
    "url": _text("ein Link, der mit https:// beginnt"),
    "https_url": _text("ein Link, der mit https:// beginnt"),
    "slugs": _slugs,
    "texts": lambda spec: {
        "widget": "list",
        "field": {"name": "eintrag", "label": _item_label(spec, "Eintrag"), "widget": "string"},
    },
    "year": _const({"widget": "number", "value_type": "int", "min": FIRST_PROJECT_YEAR, "max": LAST_PROJECT_YEAR}),
    "latitude": _const({"widget": "number", "value_type": "float", "min": -90, "max": 90, "step": 0.0001}),
    "longitude": _const({"widget": "number", "value_type": "float", "min": -180, "max": 180, "step": 0.0001}),
    "city": _const(
        {
            "widget": "relation",
            "collection": CITIES,
            "file": "staedte",
            "value_field": "cities.*.name",
            "search_fields": ["cities.*.name"],
            "display_fields": ["cities.*.name"],
            "options_length": 500,
        }
    ),
    "mapping": _group,
    "organizer": _group,
    "image": _const({"widget": "image", "choose_url": False}),
    # An empty field is left out of the file (quartier-cms.js), so the form cannot mark a
    # picture as decorative: that is `image_alt: ""` written in the file (the hint says so).
    "alt": _const({"widget": "string"}),
    "flag": _const({"widget": "boolean"}),
    "email": _text("eine E-Mail-Adresse wie kontakt@example.org"),
    "integer": lambda spec: {"widget": "number", "value_type": "int", "min": spec.minimum, "max": spec.maximum},
    "weekdays": lambda spec: {"widget": "list", "field": _weekday_item(spec)},
    "monthdays": lambda spec: {
        "widget": "list",
        "field": {
            "name": "tag",
            "label": _item_label(spec, "Tag"),
            "widget": "number",
            "value_type": "int",
            "min": -1,
            "max": 31,
        },
    },
    "dates": lambda spec: {
        "widget": "list",
        "field": {
            "name": "datum",
            "label": _item_label(spec, "Datum"),
            "widget": "quartier-zeit",
            "zeit": "date",
        },
    },
    "moves": lambda spec: {
        "widget": "list",
        "label_singular": _item_label(spec, "Eintrag"),
        "summary": "{{fields.from}} → {{fields.start}}",
        "fields": _fields(spec.fields, spec),
    },
}
"""Decap's widget and options for each kind of the contract: the form's side of ``content.kinds``
(Decap is this adapter's business, not the engine's). A test fails when a kind is missing."""


def _field(spec: FieldSpec, parent: FieldSpec | None = None) -> JsonObject:
    hint = _hint(spec)
    required = spec.required
    if required and parent is not None and not parent.required and parent.kind != "moves":
        # Decap checks a required field inside an optional group even when the group is
        # left empty; so the form asks for it in the hint, and the pull-request check enforces it.
        required = False
        hint = f"Pflicht, wenn „{_label(parent)}“ ausgefüllt wird. {hint}"
    field: JsonObject = {"name": spec.name, "label": _label(spec), "hint": hint, "required": required}
    field.update(WIDGETS[spec.kind](spec))
    return field


def _fields(specs: tuple[FieldSpec, ...], parent: FieldSpec | None = None) -> list[JsonObject]:
    return [_field(spec, parent) for spec in specs]


def _body(label: str) -> JsonObject:
    return {
        "name": "body",
        "label": label,
        "widget": "markdown",
        "required": False,
        "hint": "Der Text der Seite in Markdown. Der erste Absatz ist die Kurzbeschreibung, wenn keine angegeben ist.",
        # The preview renders the editor's Markdown as HTML inside /admin/, where the
        # editor is signed in: Decap passes it through DOMPurify only when this is set
        # (the default differs between Decap versions, so it is said here).
        "sanitize_preview": True,
    }


def _sortable(collection: Collection, name: str) -> JsonObject:
    spec = collection.ctype.field(name)
    assert spec is not None, name
    entry: JsonObject = {"field": name, "label": _label(spec)}
    if name == collection.default_sort[0]:
        entry["default_sort"] = collection.default_sort[1]
    return entry


def folder_collection(collection: Collection, content_dir: str) -> JsonObject:
    ctype = collection.ctype
    entry: JsonObject = {
        "name": collection.name,
        "label": collection.label,
        "label_singular": ctype.label,
        "folder": f"{content_dir}/{ctype.folder}",
        "extension": "md",
        "format": FORMAT,
        "create": True,
        "delete": False,
        "slug": collection.slug,
        "identifier_field": "title",
        "summary": collection.summary,
        "sortable_fields": [_sortable(collection, name) for name in collection.sortable],
    }
    if ctype.field("image") is not None:
        # Images sit beside the entries (content/events/bilder/, content/news/bilder/, …),
        # written as bilder/name.jpg: the path `image:` takes, relative to the entry's file.
        entry["media_folder"] = "bilder"
        entry["public_folder"] = "bilder"
    entry["fields"] = [*_fields(ctype.fields), _body("Text")]
    return entry


COMMIT_MESSAGES = {
    "create": "{{collection}} anlegen: {{slug}}",
    "update": "{{collection}} ändern: {{slug}}",
    "delete": "{{collection}} löschen: {{slug}}",
    "uploadMedia": "Bild hochladen: {{path}}",
    "deleteMedia": "Bild löschen: {{path}}",
}
"""German, for every backend (the local one too): {{collection}} is the singular label,
so a new event is „Veranstaltung anlegen: 2027-05-06-werkstatt“."""

GITLAB_COM = "https://gitlab.com"


def _backend(config: SiteConfig) -> JsonObject:
    repo = config.cms_repo
    branch = config.cms_branch
    if not repo:
        # No repository configured: the form works only with decap-server on this computer.
        return {"name": "proxy", "proxy_url": LOCAL_BACKEND_URL, "branch": branch}
    if config.cms_backend == "gitlab":
        # PKCE: the browser logs in at GitLab itself; no secret, so no server of one's own.
        gitlab = gitlab_url(config)
        return {
            "name": "gitlab",
            "repo": repo,
            "branch": branch,
            "auth_type": "pkce",
            "app_id": config.cms_app_id,
            "base_url": gitlab,
            "auth_endpoint": "oauth/authorize",
            "api_root": f"{gitlab}/api/v4",
        }
    backend: JsonObject = {"name": "github", "repo": repo, "branch": branch}
    auth_url = config.cms_auth_url
    if auth_url:
        backend["base_url"] = auth_url.rstrip("/")
    return backend


def gitlab_url(config: SiteConfig) -> str:
    return (config.cms_gitlab_url or GITLAB_COM).rstrip("/")


def connect_sources(config: SiteConfig) -> str:
    """The hosts the form may send requests to (its CSP ``connect-src``): the site, decap-server
    on this computer, and the one service that stores the content, nothing else."""
    sources = ["'self'", "blob:", "data:", "http://127.0.0.1:*"]
    backend = _backend(config)
    if backend["name"] == "gitlab":
        sources.append(urlsplit(str(backend["api_root"]))._replace(path="", query="", fragment="").geturl())
    elif backend["name"] == "github":
        sources.append(GITHUB_API)
    return " ".join(sources)


def cms_config(config: SiteConfig) -> JsonObject:
    """The Decap CMS configuration, as a mapping (``config.yml`` of the admin page)."""
    content_dir = Path(config.content_dir).as_posix().strip("/")
    backend = _backend(config)
    backend["commit_messages"] = dict(COMMIT_MESSAGES)
    collections = [folder_collection(c, content_dir) for c in COLLECTIONS]
    collections += [_cities_collection(content_dir), _start_collection(content_dir)]
    return {
        "locale": "de",
        "backend": backend,
        "local_backend": {"url": LOCAL_BACKEND_URL},
        "publish_mode": "editorial_workflow",
        "site_url": config.site_url,
        "display_url": config.site_url,
        "media_folder": f"{content_dir}/news/bilder",
        "public_folder": "bilder",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def _cities_collection(content_dir: str) -> JsonObject:
    """The city list: one file, ``cities.yml``, edited as a list."""
    return {
        "name": CITIES,
        "label": "Städte",
        "delete": False,
        "format": CITIES_FORMAT,
        "files": [
            {
                "name": "staedte",
                "label": "Liste der Städte",
                "file": f"{content_dir}/cities.yml",
                "fields": [
                    {
                        "name": "cities",
                        "label": "Städte",
                        "label_singular": "Stadt",
                        "widget": "list",
                        "required": True,
                        "summary": "{{fields.name}} ({{fields.state}})",
                        "hint": (
                            "Orte, auf die sich Veranstaltungen (Stadt des Veranstaltungsorts) und Projekte beziehen."
                        ),
                        "fields": _fields(CITY_FIELDS),
                    }
                ],
            }
        ],
    }


def _start_collection(content_dir: str) -> JsonObject:
    """The start page: one file, its fields and its introduction."""
    return {
        "name": "seiten",
        "label": "Startseite",
        "delete": False,
        "format": FORMAT,
        "files": [
            {
                "name": "start",
                "label": HOME.label,
                "file": f"{content_dir}/start.md",
                "fields": [*_fields(HOME.fields), _body("Einleitung")],
            }
        ],
    }


_HEADER = (
    "# Generated from the content contract (src/quartier/content/schema.py) and mkdocs.yml\n"
    "# by `quartier cms`; do not edit. `quartier cms --check` fails when it is stale.\n"
)


def cms_config_text(config: SiteConfig) -> str:
    """``config.yml``: deterministic (insertion order, no dates), so builds stay byte-identical."""
    body = yaml.safe_dump(cms_config(config), allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return _HEADER + body


FIELDS_MODULE = "quartier-felder.js"
"""What ``quartier-cms.js`` must know of the contract and Decap's configuration cannot tell
it (a format's ``fromFile`` never sees the configuration): generated and committed like
``config.yml``."""

_JS_HEADER = (
    "// Generated from the content contract (src/quartier/content/schema.py) and the site's words\n"
    "// (src/quartier/render/) by `quartier cms`; do not edit. `quartier cms --check` fails when it is stale.\n"
)


FormConstant = list[str] | dict[str, str] | dict[str, dict[str, str]]
"""One constant of ``quartier-felder.js``: a list of names, or words by a choice's code."""


def _codes(collections: tuple[Collection, ...], name: str) -> tuple[str, ...]:
    """The codes of the events' choice field ``name``, as the declaration lists them."""
    events = next(collection.ctype for collection in collections if collection.ctype.name == EVENT.name)
    spec = events.field(name)
    return tuple(choice.code for choice in spec.choices) if spec is not None else ()


def preview_words(collections: tuple[Collection, ...] = COLLECTIONS) -> dict[str, FormConstant]:
    """What the form's preview of an event says of its format and status: the words of the
    event's page (``render/``), for each value the declaration allows, so the preview shows
    what the site will. A value without the site's words fails here, not in the browser."""
    notices = {str(code): words for code, words in STATUS_WORDS.items()}
    format_words = {str(code): words.word for code, words in FORMAT_WORDS.items()}
    formats, statuses = _codes(collections, "format"), _codes(collections, "status")
    unsaid = [f"format „{code}“" for code in formats if code not in format_words]
    unsaid += [f"status „{code}“" for code in statuses if code not in notices]
    if unsaid:
        raise LookupError(f"render/ has no words for the event's {', '.join(unsaid)}")
    return {
        "FORMAT_WORDS": {code: format_words[code] for code in formats},
        # A status the site announces: its label and the sentence under the title.
        "STATUS_NOTICES": {
            code: {"badge": notices[code].badge, "text": notices[code].page_notice}
            for code in statuses
            if notices[code].page_notice
        },
    }


def form_module(
    collections: tuple[Collection, ...] = COLLECTIONS,
    home: ContentType = HOME,
    cities: tuple[FieldSpec, ...] = CITY_FIELDS,
) -> dict[str, FormConstant]:
    """The constants of ``quartier-felder.js``, by name."""
    types = [*(collection.ctype for collection in collections), home]
    return {
        # A field of kind "organizer" may be a plain name in a file; the form's group needs its fields.
        "NAME_OR_FIELDS": list(
            dict.fromkeys(spec.name for ctype in types for spec in ctype.fields if spec.kind == "organizer")
        ),
        # A new field of a city goes where the contract's order puts it.
        "CITY_FIELDS": [spec.name for spec in cities],
        **preview_words(collections),
    }


def form_module_text(
    collections: tuple[Collection, ...] = COLLECTIONS,
    home: ContentType = HOME,
    cities: tuple[FieldSpec, ...] = CITY_FIELDS,
) -> str:
    """``quartier-felder.js``, an ES module of constants; deterministic like ``config.yml``."""
    constants = form_module(collections, home, cities)
    return _JS_HEADER + "".join(
        f"export const {name} = {json.dumps(value, ensure_ascii=False)};\n" for name, value in constants.items()
    )


def _generated(config: SiteConfig) -> dict[Path, str]:
    admin = config.root / ADMIN_DIR
    return {admin / CONFIG_FILE: cms_config_text(config), admin / FIELDS_MODULE: form_module_text()}


def write_cms_config(config: SiteConfig) -> Path:
    """Writes ``config.yml`` and ``quartier-felder.js``; the path of ``config.yml``."""
    for path, text in _generated(config).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return config.root / ADMIN_DIR / CONFIG_FILE


def cms_config_is_stale(config: SiteConfig) -> bool:
    return any(
        not path.is_file() or path.read_text(encoding="utf-8") != text for path, text in _generated(config).items()
    )


# The admin page: our own files from admin/, Decap's bundle and the YAML library from
# admin/node_modules (installed by `npm ci`, pinned by admin/package-lock.json).
OWN_FILES = (
    "index.html",
    "quartier-cms.js",
    "quartier-cms-vorab.js",
    "quartier-cms-de.js",
    "quartier-zeit.js",
    "quartier-zeit-grammar.js",
    "quartier-cms.css",
)
BUNDLE_DIR = "node_modules/decap-cms/dist"
BUNDLE = "decap-cms.js"
YAML_DIR = "node_modules/yaml/browser/dist"


def _index_html(config: SiteConfig, template: str) -> bytes:
    values = {
        "site_name": config.site_name,
        "url": config.absolute_url(f"{SITE_FOLDER}/"),
        "description": "Formular für die Redaktion: Veranstaltungen, Projekte, Programme und Beiträge bearbeiten.",
        "connect_src": connect_sources(config),
    }
    return (
        Template(template)
        .substitute({key: html.escape(value, quote=True) for key, value in values.items()})
        .encode("utf-8")
    )


class AdminMissing(Exception):
    """The admin page's npm packages are not installed (a German message)."""


class AdminUnreadable(Exception):
    """A file of the admin page may not or cannot be read (a German message, as ``path:1: …``)."""


def _admin_file(config: SiteConfig, path: Path, folder: Path | None = None) -> bytes:
    """A published file of admin/, with the bound every input has and, for the project's
    own files (``folder`` given), its rule for links. The npm packages are not in the
    repository (``npm ci`` installs them from the lock), and may be linked in place."""
    shown = path.relative_to(config.root).as_posix()
    if folder is None:
        try:
            return read_bounded(path, MAX_PUBLISHED_FILE_BYTES)
        except (TooLarge, OSError):
            raise AdminUnreadable(f"{shown}:1: -: Datei kann nicht gelesen werden oder ist zu groß") from None
    data, problems = read_input(path, shown, MAX_PUBLISHED_FILE_BYTES, folder=folder, root=config.root)
    if data is None:
        raise AdminUnreadable(problems[0].format_text())
    return data


def admin_files(config: SiteConfig) -> dict[str, bytes]:
    """Every file of ``/admin/`` by site path. Raises ``AdminMissing`` when ``npm ci``
    has not been run in ``admin/``."""
    admin = config.root / ADMIN_DIR
    bundle = admin / BUNDLE_DIR
    if not (bundle / BUNDLE).is_file() or not (admin / YAML_DIR / "index.js").is_file():
        raise AdminMissing(
            f"Formular unter /{SITE_FOLDER}/ nicht erzeugt: Decap CMS ist nicht installiert "
            f"(im Ordner {ADMIN_DIR}/ „npm ci“ ausführen, oder make site)"
        )
    files: dict[str, bytes] = {}
    for name in OWN_FILES:
        files[f"{SITE_FOLDER}/{name}"] = _admin_file(config, admin / name, admin)
    template = files[f"{SITE_FOLDER}/index.html"].decode("utf-8")
    files[f"{SITE_FOLDER}/index.html"] = _index_html(config, template)
    files[f"{SITE_FOLDER}/{CONFIG_FILE}"] = cms_config_text(config).encode("utf-8")
    files[f"{SITE_FOLDER}/{FIELDS_MODULE}"] = form_module_text().encode("utf-8")
    # The bundle loads its chunks (and two WebAssembly files) from its own folder.
    for path in sorted(bundle.iterdir()):
        if path.name in (BUNDLE, BUNDLE + ".LICENSE.txt") or path.name.endswith((".decap-cms.js", ".wasm")):
            files[f"{SITE_FOLDER}/decap/{path.name}"] = _admin_file(config, path)
    for path in sorted((admin / YAML_DIR).rglob("*.js")):
        files[f"{SITE_FOLDER}/yaml/{path.relative_to(admin / YAML_DIR).as_posix()}"] = _admin_file(config, path)
    return files
