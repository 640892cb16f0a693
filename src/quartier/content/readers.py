"""Readers of the files around the content types: the city list, the content folders and
their images, the bodies, docs/ and the redirect list.

Each reader is a function of the project's files that returns what it read and what was
wrong with it, as a frozen value: no reader sees another's problems, and none keeps a
collection that a later step fills. The content types themselves are read in
``validation`` (``read_program`` …); the checks across files are in ``site_checks``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quartier import paths
from quartier.cache import ContentCache
from quartier.config import SiteConfig
from quartier.content import kinds
from quartier.content.docs_pages import read_docs_page
from quartier.content.files import Cleaned, read_at_most
from quartier.content.files.images import clean_image_files, expected_for
from quartier.content.files.pictures import HEIF_SUFFIXES, PICTURE_SUFFIXES, Kind, PictureFiles, make_pictures
from quartier.content.files.raster import MAX_IMAGE_BYTES
from quartier.content.files.svg import MAX_SVG_BYTES
from quartier.content.kinds import Lookup
from quartier.content.loading import (
    Document,
    Value,
    ValueKind,
    iter_content_files,
    kind_name,
    link_problem,
    load_document,
    load_yaml,
    read_text,
)
from quartier.content.model import City, Picture, Rendition
from quartier.content.publishing import DocsPlan, plan_docs
from quartier.content.schema import CITY_FIELDS, PLACEHOLDER_BODY, POST, ContentType
from quartier.paths import RESERVED_SLUGS
from quartier.problems import Problem, ProblemCode, Severity
from quartier.text import markup
from quartier.text.slugs import SLUG_PATTERN, slugify


class ReadCode(ProblemCode):
    """Problems of the files around the content: the city list, folders, images, bodies."""

    CITIES_MISSING = "cities.missing"
    CITIES_NOT_A_LIST = "cities.not-a-list"
    CITY_NOT_A_MAPPING = "cities.entry-not-a-mapping"
    CITY_WITHOUT_ADDRESS = "cities.name-without-address"
    CITY_DUPLICATE = "cities.duplicate"
    FOLDER_IS_LINK = "folder.folder-is-link"
    FILE_NOT_READ = "folder.file-not-read"
    FILE_NAME_NOT_SLUG = "folder.file-name-not-address"
    FILE_NAME_RESERVED = "folder.file-name-reserved"
    FILE_NAME_CASE = "folder.file-name-differs-in-case"
    HEIC_IN_TEXT = "image.heic-not-for-text"
    ALT_MISSING = "image.alt-missing"
    CREDIT_MISSING = "image.credit-missing"
    PLACEHOLDER_TEXT = "body.placeholder"
    BODY_REFUSED = "body.refused"
    HTML_REMOVED = "body.html-removed"
    MORE_HTML_REMOVED = "body.more-html-removed"


def display(root: Path, path: Path) -> str:
    """``path`` as messages name it: relative to the project, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(config: SiteConfig, path: Path, folder: Path) -> tuple[str | None, list[Problem]]:
    """An input's text, read by the one rule for links and sizes (``read_input``)."""
    return read_text(path, display(config.root, path), config.max_file_bytes, folder=folder, root=config.root)


def _refused_link(config: SiteConfig, path: Path, folder: Path) -> Problem | None:
    """The problem if the rule for links refuses ``path`` (see ``link_problem``)."""
    refused = link_problem(path, folder, config.root)
    if refused is None:
        return None
    return Problem(display(config.root, path), 1, "-", refused.message, refused.expected, code=refused.code)


# -- cities -------------------------------------------------------------------


@dataclass(frozen=True)
class Cities:
    """The city list: every city by slug and by name, and the line of its entry."""

    by_slug: Mapping[str, City]
    by_name: Mapping[str, City]
    lines: Mapping[str, int]
    problems: tuple[Problem, ...] = ()


def read_cities(config: SiteConfig) -> Cities:
    path = config.content_path / "cities.yml"
    shown = display(config.root, path)
    if not os.path.lexists(path):
        missing = Problem(
            shown,
            1,
            "-",
            "Städteliste fehlt",
            "content/cities.yml mit einer Liste von Städten",
            code=ReadCode.CITIES_MISSING,
        )
        return Cities({}, {}, {}, (missing,))
    text, problems = _read(config, path, config.content_path)
    if text is None:
        return Cities({}, {}, {}, tuple(problems))
    value, yaml_problems = load_yaml(text, shown)
    problems += yaml_problems
    if value is None:
        return Cities({}, {}, {}, tuple(problems))
    if value.kind is not ValueKind.SEQ:
        problems.append(
            Problem(
                shown,
                value.line,
                "-",
                f"Städteliste ist {kind_name(value.kind)}",
                "eine Liste: - name: Essen",
                code=ReadCode.CITIES_NOT_A_LIST,
            )
        )
        return Cities({}, {}, {}, tuple(problems))
    by_slug: dict[str, City] = {}
    lines: dict[str, int] = {}
    # Before the cities are known, the kinds may look up nothing.
    lookup = Lookup(root=config.root)
    for item in value.data:
        city, item_problems = _city(shown, item, lookup, by_slug)
        problems += item_problems
        if city is not None:
            lines[city.slug] = item.line
            by_slug[city.slug] = city
    return Cities(by_slug, {city.name: city for city in by_slug.values()}, lines, tuple(problems))


def _city(shown: str, item: Value, lookup: Lookup, earlier: Mapping[str, City]) -> tuple[City | None, list[Problem]]:
    """One entry of the city list; ``earlier``: the cities before it, by slug."""
    if item.kind is not ValueKind.MAP:
        return None, [
            Problem(
                shown,
                item.line,
                "-",
                f"Eintrag ist {kind_name(item.kind)}",
                "name, state, lat, lon",
                code=ReadCode.CITY_NOT_A_MAPPING,
            )
        ]
    converted = kinds.check_fields(shown, item.data, CITY_FIELDS, item.line, lookup, "")
    problems = list(converted.problems)
    data = converted.value or {}
    if "name" not in data or "state" not in data:
        return None, problems
    slug = slugify(data["name"])
    if not slug or slug == "index":
        problems.append(
            Problem(
                shown,
                item.line,
                "name",
                f"Aus dem Namen „{data['name']}“ entsteht keine eigene Adresse (/staedte/{slug}/)",
                "einen Namen mit Buchstaben",
                code=ReadCode.CITY_WITHOUT_ADDRESS,
            )
        )
        return None, problems
    if slug in earlier:
        problems.append(
            Problem(
                shown,
                item.line,
                "name",
                f"Stadt „{data['name']}“ ist doppelt (gleiche Adresse /staedte/{slug}/)",
                code=ReadCode.CITY_DUPLICATE,
            )
        )
        return None, problems
    return City(data["name"], slug, data["state"], data.get("lat"), data.get("lon")), problems


# -- content folders ------------------------------------------------------------


@dataclass(frozen=True)
class FolderImage:
    """An image file below a content folder."""

    ctype: ContentType
    path: Path
    relative: str
    """Its path below the folder, with forward slashes."""


@dataclass(frozen=True)
class Folder:
    """What one content folder holds: its documents and its images."""

    ctype: ContentType
    documents: tuple[Document, ...]
    images: tuple[FolderImage, ...]
    problems: tuple[Problem, ...]

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(doc.slug for doc in self.documents)


def read_folder(config: SiteConfig, ctype: ContentType) -> Folder:
    """The documents of one content type's folder (those with fields), and its images."""
    folder = config.content_path / ctype.folder
    images, problems = _other_files(config, folder, ctype)
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in iter_content_files(folder):
        shown = display(config.root, path)
        refused = _refused_link(config, path, folder)
        if refused is not None:
            problems.append(refused)
            continue
        slug = path.stem
        if not SLUG_PATTERN.match(slug):
            suggestion = slugify(slug)
            problems.append(
                Problem(
                    shown,
                    1,
                    "-",
                    "Dateiname taugt nicht als Adresse (nur Kleinbuchstaben a–z, Ziffern und Bindestriche)",
                    f"{suggestion}.md" if suggestion else "z. B. 2022-09-14-werkstatt.md",
                    code=ReadCode.FILE_NAME_NOT_SLUG,
                )
            )
            continue
        if slug in RESERVED_SLUGS.get(ctype.name, ()):
            problems.append(
                Problem(
                    shown,
                    1,
                    "-",
                    f"Dateiname „{slug}“ ist für eine Übersichtsseite reserviert",
                    "z. B. 2022-09-14-werkstatt.md",
                    code=ReadCode.FILE_NAME_RESERVED,
                )
            )
            continue
        if slug.casefold() in seen:
            problems.append(
                Problem(
                    shown,
                    1,
                    "-",
                    f"Dateiname unterscheidet sich nur in Groß-/Kleinschreibung von {seen[slug.casefold()]}",
                    "eindeutige Dateinamen",
                    code=ReadCode.FILE_NAME_CASE,
                )
            )
            continue
        seen[slug.casefold()] = shown
        doc = load_document(path, shown, config.max_file_bytes, folder=folder, root=config.root)
        problems += doc.problems
        if doc.fields:
            documents.append(doc)
    return Folder(ctype, tuple(documents), tuple(images), tuple(problems))


def _other_files(config: SiteConfig, folder: Path, ctype: ContentType) -> tuple[list[FolderImage], list[Problem]]:
    """The images of a content folder, and a problem for every other file it holds that is
    not read: an editor's text must not vanish silently."""
    images: list[FolderImage] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return images, problems
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_symlink() and path.is_dir():
            # Not descended into: what it holds would be outside the folder.
            problems.append(
                Problem(
                    display(config.root, path),
                    1,
                    "-",
                    "Ordner ist ein Verweis (Symlink)",
                    "einen echten Ordner",
                    code=ReadCode.FOLDER_IS_LINK,
                )
            )
            continue
        if path.is_dir():
            continue
        if len(relative.parts) == 1 and path.name.endswith(".md"):
            continue
        if ctype.field("image") is not None and path.suffix.lower() in PICTURE_SUFFIXES:
            # Read with the documents (read_images): a picture named by `image:` is
            # published in its sizes, every other image as the engine writes it again.
            # A link must pass the one rule first.
            refused = _refused_link(config, path, folder)
            if refused is None:
                images.append(FolderImage(ctype, path, relative.as_posix()))
            else:
                problems.append(refused)
            continue
        where = f"{config.content_dir}/{ctype.folder}/"
        problems.append(
            Problem(
                display(config.root, path),
                1,
                "-",
                "Datei wird nicht gelesen und nicht veröffentlicht",
                f"eine Datei NAME.md direkt in {where}",
                code=ReadCode.FILE_NOT_READ,
            )
        )
    return images, problems


# -- images ---------------------------------------------------------------------


@dataclass(frozen=True)
class Publication:
    """One file of a content folder as the site publishes it; ``site_checks.publish``
    makes sure no two files want the same address."""

    site_path: str
    data: bytes
    source: str
    """The file it was made from, as messages name it."""


@dataclass(frozen=True)
class Images:
    """Every image of the content folders, read once."""

    pictures: Mapping[str, PictureFiles]
    """The sizes of the images named by ``image:``, by resolved path."""

    refused: Mapping[str, str]
    """Images that are not published (resolved path), and why."""

    publications: tuple[Publication, ...]
    """Every other image, written again as it is (a body may show it)."""

    news_images: tuple[str, ...]
    problems: tuple[Problem, ...]


def read_images(config: SiteConfig, cache: ContentCache | None, folders: Sequence[Folder]) -> Images:
    """The ones ``image:`` names as the site's sizes of them (``files.pictures``), every
    other one written again. All at once: from the cache, or in a process pool."""
    named: set[str] = set()
    for folder in folders:
        for doc in folder.documents:
            value = doc.fields.get("image")
            if value is not None and value.kind is ValueKind.STR and isinstance(value.data, str):
                named.add(str(((config.root / doc.path).parent / value.data.strip()).resolve()))
    found = [image for folder in folders for image in folder.images]
    problems: list[Problem] = []
    pictures: dict[str, PictureFiles] = {}
    refused: dict[str, str] = {}
    chosen = [(image.path, key) for image in found if (key := str(image.path.resolve())) in named]
    read = [
        (path, read_at_most(path, MAX_SVG_BYTES if path.suffix.lower() == ".svg" else MAX_IMAGE_BYTES, "Bild"))
        for path, _ in chosen
    ]
    made = iter(make_pictures([(data, path.suffix) for path, data in read if isinstance(data, bytes)], cache))
    for (path, key), (_, data) in zip(chosen, read, strict=True):
        files = next(made) if isinstance(data, bytes) else PictureFiles(flaws=data.flaws)
        if files.ok:
            pictures[key] = files
        else:
            # In the image at its lines, and at the line of `image` (kinds._image).
            problems += _image_problems(config, Cleaned(b"", files.flaws), path)
            first = files.flaws[0]
            where = f" (Zeile {first.line} der Bilddatei)" if first.line > 1 else ""
            refused[key] = first.message + where
    others = [image for image in found if str(image.path.resolve()) not in named]
    for image in others:
        if image.path.suffix.lower() in HEIF_SUFFIXES:
            problems.append(
                Problem(
                    display(config.root, image.path),
                    1,
                    "-",
                    "HEIC-Fotos veröffentlicht die Website nur als Bild einer Seite (image:)",
                    "für den Text ein JPEG (HEIC-Foto als JPEG exportieren)",
                    code=ReadCode.HEIC_IN_TEXT,
                )
            )
    raster = [image for image in others if image.path.suffix.lower() not in HEIF_SUFFIXES]
    publications: list[Publication] = []
    news_images: list[str] = []
    for image, result in zip(raster, clean_image_files([image.path for image in raster], cache), strict=True):
        if result.ok:
            site_path = paths.content_file(image.ctype.name, image.relative)
            publications.append(Publication(site_path, result.data, display(config.root, image.path)))
            if image.ctype is POST:
                news_images.append(image.relative)
        else:
            problems += _image_problems(config, result, image.path)
            first = result.flaws[0]
            refused[str(image.path.resolve())] = f"{first.message} (Zeile {first.line} der Bilddatei)"
    return Images(pictures, refused, tuple(publications), tuple(news_images), tuple(problems))


def _image_problems(config: SiteConfig, cleaned: Cleaned, path: Path) -> list[Problem]:
    # Each flaw keeps the file check's own code: it names what is wrong more closely than "refused".
    return cleaned.problems(display(config.root, path), expected_for(path.suffix))


def picture(
    config: SiteConfig, pictures: Mapping[str, PictureFiles], ctype: ContentType, data: Mapping[str, Any]
) -> tuple[Picture | None, tuple[Publication, ...]]:
    """The picture of a checked document, and its sizes as published under the type's folder."""
    relative = data.get("image")
    if relative is None:
        return None, ()
    source = (config.content_path / ctype.folder / relative).resolve()
    files = pictures.get(str(source))
    if files is None:
        return None, ()
    modern: list[Rendition] = []
    fallback: list[Rendition] = []
    publications: list[Publication] = []
    for size in files.sizes:
        if size.kind is Kind.SVG:
            site_path = paths.content_file(ctype.name, relative)
        else:
            site_path = paths.picture_size(ctype.name, relative, size.width, size.kind.value)
        publications.append(Publication(site_path, size.data, display(config.root, source)))
        rendition = Rendition(site_path, size.width, size.height, size.kind.mime)
        (modern if size.kind is Kind.WEBP else fallback).append(rendition)
    found = Picture(data.get("image_alt") or "", data.get("image_credit") or "", tuple(modern), tuple(fallback))
    return found, tuple(publications)


def picture_field_problems(doc: Document) -> list[Problem]:
    """An image needs its description and its credit, both said at the line of ``image``."""
    image = doc.fields.get("image")
    if image is None:
        return []
    problems: list[Problem] = []
    if "image_alt" not in doc.fields:
        problems.append(
            Problem(
                doc.path,
                image.line,
                "image_alt",
                "Bildbeschreibung fehlt",
                'image_alt: "Was auf dem Bild zu sehen ist" (oder image_alt: "" für ein reines Schmuckbild)',
                code=ReadCode.ALT_MISSING,
            )
        )
    if "image_credit" not in doc.fields:
        problems.append(
            Problem(
                doc.path,
                image.line,
                "image_credit",
                "Bildnachweis fehlt",
                'image_credit: "Foto: Name"',
                code=ReadCode.CREDIT_MISSING,
            )
        )
    return problems


# -- bodies ---------------------------------------------------------------------


def render_ahead(sources: Sequence[str], cache: ContentCache | None) -> dict[str, markup.RenderedBody]:
    """Bodies rendered all at once (from the cache, or in a process pool), by their text."""
    return dict(zip(sources, markup.render_all(list(sources), cache), strict=True))


def read_body(
    doc: Document,
    rendered: Mapping[str, markup.RenderedBody],
    cache: ContentCache | None,
    removed_html: Severity,
) -> tuple[markup.RenderedBody, list[Problem]]:
    """The body as it will be published, and what the sanitizer holds back."""
    body = rendered.get(doc.body)
    if body is None:
        body = markup.render_all([doc.body], cache)[0]
    problems: list[Problem] = []
    if PLACEHOLDER_BODY in doc.body:
        problems.append(
            Problem(
                doc.path,
                _line_of(doc.body, PLACEHOLDER_BODY, doc.body_line),
                "Text",
                "Platzhaltertext ersetzen",
                "den Text der Seite (Markdown)",
                code=ReadCode.PLACEHOLDER_TEXT,
            )
        )
    if body.refused:
        problems.append(
            Problem(
                doc.path,
                doc.body_line,
                "Text",
                body.refused,
                "Absätze mit geschlossenen Klammern, höchstens einige tausend Zeichen",
                code=ReadCode.BODY_REFUSED,
            )
        )
    for removal in body.removals[:_MAX_REMOVALS]:
        problems.append(
            Problem(
                doc.path,
                _line_of(doc.body, removal.needle, doc.body_line),
                "Text",
                f"Dieses HTML wird nicht veröffentlicht: {removal.what}",
                _PUBLISHED_HTML,
                removed_html,
                code=ReadCode.HTML_REMOVED,
            )
        )
    if len(body.removals) > _MAX_REMOVALS:
        more = len(body.removals) - _MAX_REMOVALS
        problems.append(
            Problem(
                doc.path,
                doc.body_line,
                "Text",
                f"… und {more} weitere Stellen, die nicht veröffentlicht werden",
                _PUBLISHED_HTML,
                removed_html,
                code=ReadCode.MORE_HTML_REMOVED,
            )
        )
    return body, problems


_MAX_REMOVALS = 10
_PUBLISHED_HTML = (
    "Markdown ohne Skript und style; Links mit http(s), mailto, tel oder innerhalb der Website; Bilder dieser Website"
)


def _line_of(body: str, needle: str, body_line: int) -> int:
    """The first body line that contains ``needle`` (the body's first line if none does)."""
    if needle:
        at = body.casefold().find(needle.casefold())
        if at >= 0:
            return body_line + body.count("\n", 0, at)
    return body_line


# -- docs/ ----------------------------------------------------------------------


@dataclass(frozen=True)
class Docs:
    """What docs/ publishes, and its pages as the engine reads them."""

    plan: DocsPlan
    bodies: Mapping[str, markup.RenderedBody]
    """The hand-written pages as the sanitizer sees them, by path below docs/."""

    meta: Mapping[str, dict[str, object]]
    """Their checked front matter (only the fields of ``DOCS_PAGE``): all the theme may get of it."""

    problems: tuple[Problem, ...]


def read_docs(config: SiteConfig, cache: ContentCache | None) -> Docs:
    """Decide what docs/ publishes; read its pages as the sanitizer will see them, and
    their front matter as MkDocs will."""
    plan = plan_docs(config.root, config.docs_dir, config.download_suffixes, cache)
    problems = list(plan.problems)
    pages = {}
    for uri in plan.pages:
        path = config.root / config.docs_dir / uri
        text, read_problems = _read(config, path, config.root / config.docs_dir)
        problems += read_problems
        if text is not None:
            pages[uri] = read_docs_page(text, display(config.root, path))
    rendered = render_ahead([page.document.body for page in pages.values()], cache)
    bodies: dict[str, markup.RenderedBody] = {}
    meta: dict[str, dict[str, object]] = {}
    for uri, page in pages.items():
        problems += page.problems
        meta[uri] = page.meta
        bodies[uri], body_problems = read_body(page.document, rendered, cache, config.removed_html)
        problems += body_problems
    return Docs(plan, bodies, meta, tuple(problems))


# -- files read whole ---------------------------------------------------------------


def read_optional_yaml(config: SiteConfig, name: str) -> tuple[Value | None, str, list[Problem]]:
    """A YAML file of the content folder that may be absent (``redirects.yml``): its value,
    the name messages give it, and what was wrong with it."""
    path = config.content_path / name
    shown = display(config.root, path)
    if not os.path.lexists(path):
        return None, shown, []
    text, problems = _read(config, path, config.content_path)
    if text is None:
        return None, shown, problems
    value, yaml_problems = load_yaml(text, shown)
    return value, shown, problems + yaml_problems


def read_start_page(config: SiteConfig) -> Document | None:
    """``start.md``, the home page's text, if there is one."""
    path = config.content_path / "start.md"
    if not os.path.lexists(path):
        return None
    return load_document(
        path, display(config.root, path), config.max_file_bytes, folder=config.content_path, root=config.root
    )
