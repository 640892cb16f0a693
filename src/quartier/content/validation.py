"""Validation: loaded documents → checked model objects, or every problem at once.

Nothing here raises for bad content: each check adds a ``Problem`` naming the file,
the line, the field and what was expected, and validation goes on so that an editor
sees everything that is wrong in one run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from quartier import paths
from quartier.cache import ContentCache
from quartier.config import SiteConfig
from quartier.content import kinds, recurrence
from quartier.content.docs_pages import read_docs_page
from quartier.content.files import Cleaned, read_at_most
from quartier.content.files.images import clean_image_files, expected_for
from quartier.content.files.pictures import HEIF_SUFFIXES, PICTURE_SUFFIXES, Kind, PictureFiles, make_pictures
from quartier.content.files.raster import MAX_IMAGE_BYTES
from quartier.content.files.svg import MAX_SVG_BYTES
from quartier.content.kinds import Lookup, model_fields
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
from quartier.content.model import City, Event, HomeText, Picture, Post, Program, Project, Rendition, Site, Venue
from quartier.content.moments import Converted, Spot, parse_moment
from quartier.content.publishing import DocsPlan, plan_docs
from quartier.content.redirects import check_redirects
from quartier.content.schema import (
    CITY_FIELDS,
    EVENT,
    HOME,
    PLACEHOLDER_BODY,
    POST,
    PROGRAM,
    PROJECT,
    ContentType,
    FieldSpec,
)
from quartier.content.times import check_event_times
from quartier.paths import RESERVED_SLUGS
from quartier.problems import Problem, Severity, errors_in
from quartier.text import markup
from quartier.text.plain_text import first_paragraph_text
from quartier.text.slugs import SLUG_PATTERN, slugify

T = TypeVar("T")


@dataclass
class ValidationResult:
    """The outcome of validating all content of a site."""

    site: Site | None
    """The model, or ``None`` when there were errors (a build must not go on)."""

    problems: list[Problem] = field(default_factory=list)
    """Errors and warnings, sorted by file and line."""

    docs: DocsPlan = field(default_factory=lambda: DocsPlan((), (), ()))
    """What is published from docs/ (also when there were errors)."""

    docs_bodies: dict[str, markup.RenderedBody] = field(default_factory=dict)
    """The hand-written pages as the engine reads them, by path below docs/ (for the link check)."""

    docs_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Their checked front matter, by path below docs/: all the theme may get of it."""

    content_files: dict[str, bytes] = field(default_factory=dict)
    """The images of the content folders as the engine publishes them, by site path: the
    sizes of each picture named by ``image:``, every other image written again."""

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def ok(self) -> bool:
        return self.site is not None


def validate_site(config: SiteConfig, cache: ContentCache | None = None) -> ValidationResult:
    """Load and check everything under ``content/``; per-file work comes from ``cache`` where it can."""
    checker = _SiteChecker(config, cache)
    site = checker.run()
    docs = checker.check_docs()
    problems = sorted(checker.problems)
    if errors_in(problems):
        return ValidationResult(None, problems, docs, checker.docs_bodies, checker.docs_meta)
    return ValidationResult(site, problems, docs, checker.docs_bodies, checker.docs_meta, checker.content_files)


class _SiteChecker:
    def __init__(self, config: SiteConfig, cache: ContentCache | None = None):
        self.config = config
        self.cache = cache
        self.rendered: dict[str, markup.RenderedBody] = {}
        """Bodies rendered ahead, all at once (from the cache, or in a process pool)."""
        self.root = config.root
        self.problems: list[Problem] = []
        self.error_count = 0
        self.cities: dict[str, City] = {}
        self.city_by_name: dict[str, City] = {}
        self.slugs: dict[str, set[str]] = {"programs": set(), "projects": set(), "events": set(), "posts": set()}
        self.bodies: dict[str, markup.RenderedBody] = {}
        self.docs_bodies: dict[str, markup.RenderedBody] = {}
        self.docs_meta: dict[str, dict[str, Any]] = {}
        self.news_images: list[str] = []
        self.content_files: dict[str, bytes] = {}
        self.folder_images: list[tuple[ContentType, Path, str]] = []
        """Every image file below a content folder: its type, path, and path below the folder."""
        self.pictures: dict[str, PictureFiles] = {}
        """The sizes of the images named by ``image:``, by resolved path."""
        self.refused_images: dict[str, str] = {}
        self.city_lines: dict[str, int] = {}
        self.lookup = self.make_lookup()

    def make_lookup(self) -> Lookup:
        """What the field kinds may look up: asked again once cities and slugs are known."""
        return Lookup(
            root=self.root,
            # A name wins over a slug that happens to be spelled the same.
            cities={**self.cities, **self.city_by_name},
            city_names=tuple(sorted(self.city_by_name)),
            slugs={name: frozenset(slugs) for name, slugs in self.slugs.items()},
            refused_images=dict(self.refused_images),
            sorted_slugs={name: tuple(sorted(slugs)) for name, slugs in self.slugs.items()},
        )

    def add(
        self,
        path: str,
        line: int,
        field_name: str,
        message: str,
        expected: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.extend([Problem(path, line, field_name, message, expected, severity)])

    def extend(self, problems: list[Problem]) -> None:
        # Counted as they come: "did this document add errors?" is asked per document
        # and per nested field, and rescanning the whole list made that quadratic.
        self.problems.extend(problems)
        self.error_count += sum(1 for p in problems if p.severity is Severity.ERROR)

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    # -- the whole site ---------------------------------------------------

    def run(self) -> Site:
        self.load_cities()
        documents = {ctype.name: self.read_folder(ctype) for ctype in (PROGRAM, PROJECT, EVENT, POST)}
        for name, docs in documents.items():
            self.slugs[name] = {doc.slug for doc in docs}
        self.read_images(documents)
        self.render_ahead([doc.body for docs in documents.values() for doc in docs])
        self.lookup = self.make_lookup()
        programs = [p for p in (self.program(doc) for doc in documents["programs"]) if p]
        projects = [p for p in (self.project(doc) for doc in documents["projects"]) if p]
        events = [e for e in (self.event(doc) for doc in documents["events"]) if e]
        posts = [p for p in (self.post(doc) for doc in documents["posts"]) if p]
        self.check_unique_uids(events)
        self.check_duplicates(events, {doc.path: doc for doc in documents["events"]})
        self.check_city_places(events, projects)
        redirects = self.load_redirects(programs, projects, events, posts)
        home = self.home()
        site = Site.assemble(
            list(self.cities.values()), programs, projects, events, home, posts, redirects, self.bodies
        )
        return replace(site, news_images=tuple(self.news_images))

    def read_images(self, documents: dict[str, list[Document]]) -> None:
        """Every image of the content folders, read once: the ones ``image:`` names as the
        site's sizes of them (``files.pictures``), every other one written again as it is
        (a body may show it). All at once: from the cache, or in a process pool."""
        named: set[str] = set()
        for ctype in (PROGRAM, PROJECT, EVENT, POST):
            for doc in documents[ctype.name]:
                value = doc.fields.get("image")
                if value is not None and value.kind is ValueKind.STR and isinstance(value.data, str):
                    named.add(str(((self.root / doc.path).parent / value.data.strip()).resolve()))
        pictures = [(path, key) for _, path, _ in self.folder_images if (key := str(path.resolve())) in named]
        read = [
            (path, read_at_most(path, MAX_SVG_BYTES if path.suffix.lower() == ".svg" else MAX_IMAGE_BYTES, "Bild"))
            for path, _ in pictures
        ]
        made = iter(make_pictures([(data, path.suffix) for path, data in read if isinstance(data, bytes)], self.cache))
        for (path, key), (_, data) in zip(pictures, read, strict=True):
            files = next(made) if isinstance(data, bytes) else PictureFiles(flaws=data.flaws)
            if files.ok:
                self.pictures[key] = files
            else:
                # In the image at its lines, and at the line of `image` (kinds._image).
                self.extend(Cleaned(b"", files.flaws).problems(self.display(path), expected_for(path.suffix)))
                first = files.flaws[0]
                where = f" (Zeile {first.line} der Bilddatei)" if first.line > 1 else ""
                self.refused_images[key] = first.message + where
        others = [
            (ctype, path, relative) for ctype, path, relative in self.folder_images if str(path.resolve()) not in named
        ]
        for _, path, _ in others:
            if path.suffix.lower() in HEIF_SUFFIXES:
                self.add(
                    self.display(path),
                    1,
                    "-",
                    "HEIC-Fotos veröffentlicht die Website nur als Bild einer Seite (image:)",
                    "für den Text ein JPEG (HEIC-Foto als JPEG exportieren)",
                )
        raster = [item for item in others if item[1].suffix.lower() not in HEIF_SUFFIXES]
        cleaned = clean_image_files([path for _, path, _ in raster], self.cache)
        for (ctype, path, relative), result in zip(raster, cleaned, strict=True):
            if result.ok:
                self.publish(paths.content_file(ctype.name, relative), result.data, path)
                if ctype is POST:
                    self.news_images.append(relative)
            else:
                self.extend(result.problems(self.display(path), expected_for(path.suffix)))
                first = result.flaws[0]
                self.refused_images[str(path.resolve())] = f"{first.message} (Zeile {first.line} der Bilddatei)"

    def publish(self, site_path: str, data: bytes, source: Path) -> None:
        """One file of a content folder on the site; a second file for the same address is an error."""
        if self.content_files.get(site_path, data) != data:
            self.add(
                self.display(source),
                1,
                "-",
                f"Die Adresse /{site_path} ist schon vergeben (eine Größe eines anderen Bildes)",
                "einen anderen Dateinamen",
            )
            return
        self.content_files[site_path] = data

    def picture(self, ctype: ContentType, doc: Document, data: dict[str, Any]) -> Picture | None:
        """The picture of a checked document, its sizes published under the type's folder."""
        relative = data.get("image")
        if relative is None:
            return None
        source = (self.config.content_path / ctype.folder / relative).resolve()
        files = self.pictures.get(str(source))
        if files is None:
            return None
        modern: list[Rendition] = []
        fallback: list[Rendition] = []
        for size in files.sizes:
            if size.kind is Kind.SVG:
                site_path = paths.content_file(ctype.name, relative)
            else:
                site_path = paths.picture_size(ctype.name, relative, size.width, size.kind.value)
            self.publish(site_path, size.data, source)
            rendition = Rendition(site_path, size.width, size.height, size.kind.mime)
            (modern if size.kind is Kind.WEBP else fallback).append(rendition)
        return Picture(data.get("image_alt") or "", data.get("image_credit") or "", tuple(modern), tuple(fallback))

    def check_city_places(self, events: list[Event], projects: list[Project]) -> None:
        """A city that events or projects use, without coordinates, cannot be placed on the map."""
        used = {e.venue.city.slug for e in events if e.venue} | {p.city.slug for p in projects}
        display = self.display(self.config.content_path / "cities.yml")
        for slug in sorted(used):
            city = self.cities.get(slug)
            if city is not None and (city.lat is None or city.lon is None):
                self.add(
                    display,
                    self.city_lines.get(slug, 1),
                    "lat" if city.lat is None else "lon",
                    f"Stadt „{city.name}“ hat keine Koordinaten: Sie steht in der Liste der Karte "
                    f"/{paths.MAP_PAGE}, aber nicht als Punkt darauf",
                    "lat und lon der Stadtmitte, z. B. lat: 51.4566 und lon: 7.0123",
                    Severity.WARNING,
                )

    def render_ahead(self, sources: list[str]) -> None:
        self.rendered.update(zip(sources, markup.render_all(sources, self.cache), strict=True))

    def check_docs(self) -> DocsPlan:
        """Decide what docs/ publishes; read its pages as the sanitizer will see them, and
        their front matter as MkDocs will (only the fields of ``DOCS_PAGE``)."""
        plan = plan_docs(self.root, self.config.docs_dir, self.config.download_suffixes, self.cache)
        self.extend(list(plan.problems))
        pages = {}
        for uri in plan.pages:
            path = self.root / self.config.docs_dir / uri
            display = self.display(path)
            text, problems = self.read(path, display, self.root / self.config.docs_dir)
            self.extend(problems)
            if text is not None:
                pages[uri] = read_docs_page(text, display)
        self.render_ahead([page.document.body for page in pages.values()])
        for uri, page in pages.items():
            self.extend(list(page.problems))
            self.docs_meta[uri] = page.meta
            self.docs_bodies[uri] = self.check_body(page.document)
        return plan

    def read(self, path: Path, display: str, folder: Path) -> tuple[str | None, list[Problem]]:
        """An input's text, read by the one rule for links and sizes (``read_input``)."""
        return read_text(path, display, self.config.max_file_bytes, folder=folder, root=self.root)

    def refused_link(self, path: Path, folder: Path) -> bool:
        """Report ``path`` if the rule for links refuses it (see ``link_problem``)."""
        problem = link_problem(path, folder, self.root)
        if problem is not None:
            self.add(self.display(path), 1, "-", *problem)
        return problem is not None

    def stray_files(self, folder: Path, ctype: ContentType) -> None:
        """Files a content folder holds that are not read: an editor's text must not vanish silently."""
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if path.is_symlink() and path.is_dir():
                # Not descended into: what it holds would be outside the folder.
                self.add(self.display(path), 1, "-", "Ordner ist ein Verweis (Symlink)", "einen echten Ordner")
                continue
            if path.is_dir():
                continue
            if len(relative.parts) == 1 and path.name.endswith(".md"):
                continue
            if ctype.field("image") is not None and path.suffix.lower() in PICTURE_SUFFIXES:
                # Read with the documents (read_images): a picture named by `image:` is
                # published in its sizes, every other image as the engine writes it again.
                # A link must pass the one rule first.
                if not self.refused_link(path, folder):
                    self.folder_images.append((ctype, path, relative.as_posix()))
                continue
            where = f"{self.config.content_dir}/{ctype.folder}/"
            self.add(
                self.display(path),
                1,
                "-",
                "Datei wird nicht gelesen und nicht veröffentlicht",
                f"eine Datei NAME.md direkt in {where}",
            )

    def load_redirects(
        self, programs: list[Program], projects: list[Project], events: list[Event], posts: list[Post]
    ) -> list[tuple[str, str]]:
        path = self.config.content_path / "redirects.yml"
        if not os.path.lexists(path):
            return []
        display = self.display(path)
        text, problems = self.read(path, display, self.config.content_path)
        self.extend(problems)
        value, problems = load_yaml(text, display) if text is not None else (None, [])
        self.extend(problems)
        if value is None:
            return []
        existing = {item.url_path for group in (programs, projects, events, posts) for item in group}
        existing |= {paths.city_path(slug) for slug in self.cities}
        return self.take(check_redirects(value, display, existing, existing | set(paths.LISTINGS))) or []

    def home(self) -> HomeText | None:
        path = self.config.content_path / "start.md"
        if not os.path.lexists(path):
            return None
        doc = load_document(
            path, self.display(path), self.config.max_file_bytes, folder=self.config.content_path, root=self.root
        )
        self.extend(doc.problems)
        data = self.common(doc, HOME) if doc.fields else None
        return HomeText(source=doc.path, body=doc.body, **model_fields(data, HOME.fields, HomeText)) if data else None

    def load_cities(self) -> None:
        path = self.config.content_path / "cities.yml"
        display = self.display(path)
        if not os.path.lexists(path):
            self.add(display, 1, "-", "Städteliste fehlt", "content/cities.yml mit einer Liste von Städten")
            return
        text, problems = self.read(path, display, self.config.content_path)
        self.extend(problems)
        if text is None:
            return
        value, problems = load_yaml(text, display)
        self.extend(problems)
        if value is None:
            return
        if value.kind is not ValueKind.SEQ:
            self.add(display, value.line, "-", f"Städteliste ist {kind_name(value.kind)}", "eine Liste: - name: Essen")
            return
        for item in value.data:
            if item.kind is not ValueKind.MAP:
                self.add(display, item.line, "-", f"Eintrag ist {kind_name(item.kind)}", "name, state, lat, lon")
                continue
            data = self.check_fields(display, item.data, CITY_FIELDS, item.line)
            if "name" not in data or "state" not in data:
                continue
            slug = slugify(data["name"])
            if not slug or slug == "index":
                self.add(
                    display,
                    item.line,
                    "name",
                    f"Aus dem Namen „{data['name']}“ entsteht keine eigene Adresse (/staedte/{slug}/)",
                    "einen Namen mit Buchstaben",
                )
                continue
            if slug in self.cities:
                self.add(
                    display, item.line, "name", f"Stadt „{data['name']}“ ist doppelt (gleiche Adresse /staedte/{slug}/)"
                )
                continue
            city = City(data["name"], slug, data["state"], data.get("lat"), data.get("lon"))
            self.city_lines[slug] = item.line
            self.cities[slug] = city
            self.city_by_name[city.name] = city

    def read_folder(self, ctype: ContentType) -> list[Document]:
        folder = self.config.content_path / ctype.folder
        self.stray_files(folder, ctype)
        documents: list[Document] = []
        seen: dict[str, str] = {}
        for path in iter_content_files(folder):
            display = self.display(path)
            if self.refused_link(path, folder):
                continue
            slug = path.stem
            if not SLUG_PATTERN.match(slug):
                suggestion = slugify(slug)
                self.add(
                    display,
                    1,
                    "-",
                    "Dateiname taugt nicht als Adresse (nur Kleinbuchstaben a–z, Ziffern und Bindestriche)",
                    f"{suggestion}.md" if suggestion else "z. B. 2022-09-14-werkstatt.md",
                )
                continue
            if slug in RESERVED_SLUGS.get(ctype.name, ()):
                self.add(
                    display,
                    1,
                    "-",
                    f"Dateiname „{slug}“ ist für eine Übersichtsseite reserviert",
                    "z. B. 2022-09-14-werkstatt.md",
                )
                continue
            if slug.casefold() in seen:
                self.add(
                    display,
                    1,
                    "-",
                    f"Dateiname unterscheidet sich nur in Groß-/Kleinschreibung von {seen[slug.casefold()]}",
                    "eindeutige Dateinamen",
                )
                continue
            seen[slug.casefold()] = display
            doc = load_document(path, display, self.config.max_file_bytes, folder=folder, root=self.root)
            self.extend(doc.problems)
            if doc.fields:
                documents.append(doc)
        return documents

    def check_unique_uids(self, events: list[Event]) -> None:
        first: dict[str, Event] = {}
        for event in sorted(events, key=lambda e: e.source):
            if event.uid in first:
                self.add(
                    event.source,
                    1,
                    "uid",
                    f"Kalender-ID „{event.uid}“ ist schon vergeben an {first[event.uid].source}",
                    "eine eindeutige uid",
                )
            else:
                first[event.uid] = event

    def check_duplicates(self, events: list[Event], documents: dict[str, Document]) -> None:
        """Two events with the same title and start, or the same start and venue, are most likely
        one event saved twice (the form gives the second file a ``-1``): a warning naming both."""
        seen: dict[tuple[object, ...], Event] = {}
        # By slug: the copy (x-1) comes after its original (x) and gets the warning.
        for event in sorted(events, key=lambda e: e.slug):
            keys: list[tuple[tuple[object, ...], str]] = [
                (("title", _same_text(event.title), event.start), "Gleicher Titel")
            ]
            if event.venue is not None and event.format != "online":
                venue = ("venue", _same_text(event.venue.name), event.venue.city.slug, event.start)
                keys.append((venue, f"Gleicher Ort ({event.venue.name})"))
            for key, same in keys:
                first = seen.setdefault(key, event)
                if first is event or first.slug in event.parallel_to or event.slug in first.parallel_to:
                    continue
                self.add(
                    event.source,
                    documents[event.source].fields["start"].line,
                    "start",
                    f"Doppelter Eintrag? {same} und gleicher Beginn ({_shown_start(event)}) wie {first.source}",
                    f"eine der beiden Dateien löschen; finden beide statt: parallel_to: [{first.slug}]",
                    Severity.WARNING,
                )
                break

    # -- fields -------------------------------------------------------------

    def check_fields(
        self, path: str, fields: dict[str, Value], specs: tuple[FieldSpec, ...], line: int, prefix: str = ""
    ) -> dict[str, Any]:
        """The converted values of the good fields (see ``kinds.check_fields``)."""
        return self.take(kinds.check_fields(path, fields, specs, line, self.lookup, prefix)) or {}

    # -- content types --------------------------------------------------------

    def common(self, doc: Document, ctype: ContentType) -> dict[str, Any] | None:
        data, ok = self.fields_and_body(doc, ctype)
        return data if ok else None

    def fields_and_body(self, doc: Document, ctype: ContentType) -> tuple[dict[str, Any], bool]:
        """The converted fields, and whether they were all valid."""
        before = self.error_count
        data = self.check_fields(doc.path, doc.fields, ctype.fields, 1)
        self.check_picture_fields(doc)
        rendered = self.check_body(doc)
        data.setdefault("summary", first_paragraph_text(rendered.html))
        # Errors the loader found (a refused tag, a duplicate key) also make the document unusable.
        return data, self.error_count == before and not errors_in(doc.problems)

    def check_picture_fields(self, doc: Document) -> None:
        """An image needs its description and its credit, both said at the line of ``image``."""
        image = doc.fields.get("image")
        if image is None:
            return
        if "image_alt" not in doc.fields:
            self.add(
                doc.path,
                image.line,
                "image_alt",
                "Bildbeschreibung fehlt",
                'image_alt: "Was auf dem Bild zu sehen ist" (oder image_alt: "" für ein reines Schmuckbild)',
            )
        if "image_credit" not in doc.fields:
            self.add(doc.path, image.line, "image_credit", "Bildnachweis fehlt", 'image_credit: "Foto: Name"')

    def check_body(self, doc: Document) -> markup.RenderedBody:
        """Render the body as it will be published; report what the sanitizer holds back."""
        rendered = self.rendered.get(doc.body)
        if rendered is None:
            rendered = markup.render_all([doc.body], self.cache)[0]
        self.bodies[doc.path] = rendered
        if PLACEHOLDER_BODY in doc.body:
            self.add(
                doc.path,
                _line_of(doc.body, PLACEHOLDER_BODY, doc.body_line),
                "Text",
                "Platzhaltertext ersetzen",
                "den Text der Seite (Markdown)",
            )
        if rendered.refused:
            self.add(
                doc.path,
                doc.body_line,
                "Text",
                rendered.refused,
                "Absätze mit geschlossenen Klammern, höchstens einige tausend Zeichen",
            )
        severity = self.config.removed_html
        for removal in rendered.removals[:_MAX_REMOVALS]:
            self.add(
                doc.path,
                _line_of(doc.body, removal.needle, doc.body_line),
                "Text",
                f"Dieses HTML wird nicht veröffentlicht: {removal.what}",
                _PUBLISHED_HTML,
                severity,
            )
        if len(rendered.removals) > _MAX_REMOVALS:
            more = len(rendered.removals) - _MAX_REMOVALS
            self.add(
                doc.path,
                doc.body_line,
                "Text",
                f"… und {more} weitere Stellen, die nicht veröffentlicht werden",
                _PUBLISHED_HTML,
                severity,
            )
        return rendered

    def program(self, doc: Document) -> Program | None:
        data = self.common(doc, PROGRAM)
        if data is None:
            return None
        return Program(
            slug=doc.slug,
            source=doc.path,
            body=doc.body,
            picture=self.picture(PROGRAM, doc, data),
            **model_fields(data, PROGRAM.fields, Program),
        )

    def project(self, doc: Document) -> Project | None:
        data = self.common(doc, PROJECT)
        if data is None:
            return None
        start_year, end_year = data.get("start_year"), data.get("end_year")
        if start_year and end_year and end_year < start_year:
            self.add(
                doc.path,
                doc.fields["end_year"].line,
                "end_year",
                f"Projektende {end_year} liegt vor dem Beginn {start_year}",
                f"ein Jahr ab {start_year}",
            )
            return None
        return Project(
            slug=doc.slug,
            source=doc.path,
            body=doc.body,
            picture=self.picture(PROJECT, doc, data),
            **model_fields(data, PROJECT.fields, Project),
        )

    def post(self, doc: Document) -> Post | None:
        data, ok = self.fields_and_body(doc, POST)
        day = None
        if "date" in data:
            day = self.parse_moment(
                doc.path,
                doc.fields["date"].line,
                "date",
                data["date"],
                ZoneInfo(self.config.timezone),
                allow_time_only=False,
            )
        for name in data.get("categories", ()):
            if not slugify(name):
                self.add(
                    doc.path,
                    doc.fields["categories"].line,
                    "categories",
                    f"Kategorie „{name}“ ergibt keine Adresse (keine Buchstaben oder Ziffern)",
                    "eine Kategorie mit Buchstaben, z. B. Rückblick",
                )
                ok = False
        if not ok or day is None:
            return None
        return Post(
            slug=doc.slug,
            source=doc.path,
            body=doc.body,
            date=day,
            picture=self.picture(POST, doc, data),
            **model_fields(data, POST.fields, Post, derived=["date"]),
        )

    def event(self, doc: Document) -> Event | None:
        data, ok = self.fields_and_body(doc, EVENT)
        # Times are checked even when other fields are wrong: every problem in one run.
        zone_name = data.get("timezone", self.config.timezone)
        timing = None
        if "start" in data:
            zone_known = "timezone" in data or "timezone" not in doc.fields
            horizon = recurrence.horizon_days(self.config)
            timing = self.take(check_event_times(doc, data, zone_name if zone_known else "UTC", horizon))
        if not ok or timing is None:
            return None
        event_format = data.get("format", "in-person")
        venue = None
        if "venue" in data:
            v = data["venue"]
            venue = Venue(v["name"], v.get("address", ""), v["city"], v.get("lat"), v.get("lon"))
        elif event_format != "online":
            self.add(doc.path, 1, "venue", "Veranstaltungsort fehlt", "venue mit name und city, oder format: online")
            return None
        return Event(
            slug=doc.slug,
            source=doc.path,
            body=doc.body,
            body_line=doc.body_line,
            when=timing.when,
            repeat=timing.series,
            timezone=zone_name,
            format=event_format,
            venue=venue,
            uid=data.get("uid") or f"{doc.slug}@{self.config.host}",
            picture=self.picture(EVENT, doc, data),
            **model_fields(
                data, EVENT.fields, Event, derived=["start", "end", "repeat", "timezone", "format", "venue", "uid"]
            ),
        )

    def take(self, converted: Converted[T]) -> T | None:
        """The value; its problems join the run's."""
        self.extend(list(converted.problems))
        return converted.value

    def parse_moment(
        self,
        path: str,
        line: int,
        label: str,
        text: str,
        zone: ZoneInfo,
        allow_time_only: bool,
        day: date | None = None,
    ) -> date | datetime | None:
        return self.take(parse_moment(Spot(path, line, label), text, zone, allow_time_only, day))


_MAX_REMOVALS = 10
_PUBLISHED_HTML = (
    "Markdown ohne Skript und style; Links mit http(s), mailto, tel oder innerhalb der Website; Bilder dieser Website"
)


def _same_text(text: str) -> str:
    """Titles and venues as a person would compare them: case and spacing do not count."""
    return " ".join(text.casefold().split())


def _shown_start(event: Event) -> str:
    start = event.start
    return start.strftime("%Y-%m-%d %H:%M") if isinstance(start, datetime) else start.isoformat()


def _line_of(body: str, needle: str, body_line: int) -> int:
    """The first body line that contains ``needle`` (the body's first line if none does)."""
    if needle:
        at = body.casefold().find(needle.casefold())
        if at >= 0:
            return body_line + body.count("\n", 0, at)
    return body_line


__all__ = ["ValidationResult", "validate_site"]
