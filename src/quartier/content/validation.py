"""Validation: loaded documents → checked model objects, or every problem at once.

Nothing here raises for bad content: each check gives a ``Problem`` naming the file,
the line, the field and what was expected, and validation goes on so that an editor
sees everything that is wrong in one run.

The files are read by ``readers`` (cities, folders, images, bodies, docs/); each content
type has its reader here (``read_program`` …) that turns one document into its model
object and its problems; ``site_checks`` then checks across files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from quartier.cache import ContentCache
from quartier.config import SiteConfig
from quartier.content import kinds, recurrence
from quartier.content.files.pictures import PictureFiles
from quartier.content.kinds import Lookup, model_fields
from quartier.content.loading import Document
from quartier.content.model import Event, HomeText, Post, Program, Project, Site, Venue
from quartier.content.moments import Role, read_moment
from quartier.content.publishing import DocsPlan
from quartier.content.readers import (
    Cities,
    Publication,
    display,
    picture,
    picture_field_problems,
    read_body,
    read_cities,
    read_docs,
    read_folder,
    read_images,
    read_optional_yaml,
    read_start_page,
    render_ahead,
)
from quartier.content.schema import EVENT, HOME, POST, PROGRAM, PROJECT, ContentType
from quartier.content.site_checks import check_site
from quartier.content.times import check_event_times
from quartier.problems import Problem, ProblemCode, errors_in
from quartier.text import markup
from quartier.text.plain_text import first_paragraph_text
from quartier.text.slugs import slugify

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class ContentCode(ProblemCode):
    """Problems of one content file that its type's reader finds beyond its single fields."""

    PROJECT_ENDS_BEFORE_START = "project.ends-before-start"
    CATEGORY_WITHOUT_ADDRESS = "post.category-without-address"
    VENUE_MISSING = "event.venue-missing"


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

    docs_meta: dict[str, dict[str, object]] = field(default_factory=dict)
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
    problems: list[Problem] = []
    cities = read_cities(config)
    folders = {ctype.name: read_folder(config, ctype) for ctype in (PROGRAM, PROJECT, EVENT, POST)}
    images = read_images(config, cache, list(folders.values()))
    problems += cities.problems
    for folder in folders.values():
        problems += folder.problems
    problems += images.problems
    documents = [doc for folder in folders.values() for doc in folder.documents]
    context = Context(
        config,
        cache,
        _lookup(config, cities, {name: folder.slugs for name, folder in folders.items()}, images.refused),
        render_ahead([doc.body for doc in documents], cache),
        images.pictures,
    )
    programs = [read_program(doc, context) for doc in folders["programs"].documents]
    projects = [read_project(doc, context) for doc in folders["projects"].documents]
    events = [read_event(doc, context) for doc in folders["events"].documents]
    posts = [read_post(doc, context) for doc in folders["posts"].documents]
    start = read_start_page(config)
    home = read_home(start, context) if start is not None else Reading[HomeText](None)
    readings: list[Reading[object]] = [*programs, *projects, *events, *posts, home]
    for reading in readings:
        problems += reading.problems
    redirects, redirects_shown, redirect_problems = read_optional_yaml(config, "redirects.yml")
    problems += redirect_problems
    checked = check_site(
        cities,
        display(config.root, config.content_path / "cities.yml"),
        _items(programs),
        _items(projects),
        _items(events),
        _items(posts),
        {doc.path: doc.fields["start"].line for doc in folders["events"].documents if "start" in doc.fields},
        (redirects, redirects_shown),
        [*images.publications, *(p for reading in readings for p in reading.publications)],
    )
    problems += checked.problems
    bodies = {reading.path: reading.body for reading in readings if reading.body is not None}
    site = Site.assemble(
        list(cities.by_slug.values()),
        _items(programs),
        _items(projects),
        _items(events),
        home.item,
        _items(posts),
        list(checked.redirects),
        bodies,
    )
    site = replace(site, news_images=images.news_images)
    docs = read_docs(config, cache)
    problems = sorted([*problems, *docs.problems])
    docs_bodies, docs_meta = dict(docs.bodies), dict(docs.meta)
    if errors_in(problems):
        return ValidationResult(None, problems, docs.plan, docs_bodies, docs_meta)
    return ValidationResult(site, problems, docs.plan, docs_bodies, docs_meta, dict(checked.content_files))


def _lookup(
    config: SiteConfig, cities: Cities, slugs: Mapping[str, frozenset[str]], refused_images: Mapping[str, str]
) -> Lookup:
    """What the field kinds may look up, once cities and slugs are known."""
    return Lookup(
        root=config.root,
        # A name wins over a slug that happens to be spelled the same.
        cities={**cities.by_slug, **cities.by_name},
        city_names=tuple(sorted(cities.by_name)),
        slugs=dict(slugs),
        refused_images=dict(refused_images),
        sorted_slugs={name: tuple(sorted(names)) for name, names in slugs.items()},
    )


@dataclass(frozen=True)
class Context:
    """What every content type's reader may use besides its document."""

    config: SiteConfig
    cache: ContentCache | None
    lookup: Lookup
    rendered: Mapping[str, markup.RenderedBody]
    """Bodies rendered ahead, all at once, by their text."""

    pictures: Mapping[str, PictureFiles]
    """The sizes of the images named by ``image:``, by resolved path."""


@dataclass(frozen=True)
class Reading(Generic[T_co]):
    """One document read as its content type: the model object (``None`` if the document
    has errors), its rendered body, the files its picture publishes, and its problems."""

    item: T_co | None
    path: str = ""
    body: markup.RenderedBody | None = None
    problems: tuple[Problem, ...] = ()
    publications: tuple[Publication, ...] = ()


def _items(readings: list[Reading[T]]) -> list[T]:
    return [reading.item for reading in readings if reading.item is not None]


@dataclass(frozen=True)
class _Common:
    """What every content type reads the same way: the converted fields and the body."""

    data: dict[str, Any]
    body: markup.RenderedBody
    problems: list[Problem]
    ok: bool
    """Whether all fields were valid and the body could be published."""


def _common(doc: Document, ctype: ContentType, context: Context) -> _Common:
    """The converted values of the good fields (see ``kinds.check_fields``), and the body."""
    converted = kinds.check_fields(doc.path, doc.fields, ctype.fields, 1, context.lookup, "")
    data = converted.value or {}
    problems = [*converted.problems, *picture_field_problems(doc)]
    body, body_problems = read_body(doc, context.rendered, context.cache, context.config.removed_html)
    problems += body_problems
    data.setdefault("summary", first_paragraph_text(body.html))
    # Errors the loader found (a refused tag, a duplicate key) also make the document unusable.
    return _Common(data, body, problems, not errors_in(problems) and not errors_in(doc.problems))


def _done(
    doc: Document,
    common: _Common,
    item: T | None,
    publications: tuple[Publication, ...] = (),
    problems: tuple[Problem, ...] = (),
) -> Reading[T]:
    return Reading(item, doc.path, common.body, (*common.problems, *problems), publications)


def read_program(doc: Document, context: Context) -> Reading[Program]:
    common = _common(doc, PROGRAM, context)
    if not common.ok:
        return _done(doc, common, None)
    data = common.data
    image, publications = picture(context.config, context.pictures, PROGRAM, data)
    program = Program(
        slug=doc.slug,
        source=doc.path,
        body=doc.body,
        picture=image,
        **model_fields(data, PROGRAM.fields, Program),
    )
    return _done(doc, common, program, publications)


def read_project(doc: Document, context: Context) -> Reading[Project]:
    common = _common(doc, PROJECT, context)
    if not common.ok:
        return _done(doc, common, None)
    data = common.data
    start_year, end_year = data.get("start_year"), data.get("end_year")
    if start_year and end_year and end_year < start_year:
        problem = Problem(
            doc.path,
            doc.fields["end_year"].line,
            "end_year",
            f"Projektende {end_year} liegt vor dem Beginn {start_year}",
            f"ein Jahr ab {start_year}",
            code=ContentCode.PROJECT_ENDS_BEFORE_START,
        )
        return _done(doc, common, None, problems=(problem,))
    image, publications = picture(context.config, context.pictures, PROJECT, data)
    project = Project(
        slug=doc.slug,
        source=doc.path,
        body=doc.body,
        picture=image,
        **model_fields(data, PROJECT.fields, Project),
    )
    return _done(doc, common, project, publications)


def read_post(doc: Document, context: Context) -> Reading[Post]:
    common = _common(doc, POST, context)
    data, ok = common.data, common.ok
    problems: list[Problem] = []
    day = None
    if "date" in data:
        moment = read_moment(data["date"], Role.PUBLISHED, ZoneInfo(context.config.timezone))
        problems += moment.problems
        day = moment.value
    for name in data.get("categories", ()):
        if not slugify(name):
            problems.append(
                Problem(
                    doc.path,
                    doc.fields["categories"].line,
                    "categories",
                    f"Kategorie „{name}“ ergibt keine Adresse (keine Buchstaben oder Ziffern)",
                    "eine Kategorie mit Buchstaben, z. B. Rückblick",
                    code=ContentCode.CATEGORY_WITHOUT_ADDRESS,
                )
            )
            ok = False
    if not ok or day is None:
        return _done(doc, common, None, problems=tuple(problems))
    image, publications = picture(context.config, context.pictures, POST, data)
    post = Post(
        slug=doc.slug,
        source=doc.path,
        body=doc.body,
        date=day,
        picture=image,
        **model_fields(data, POST.fields, Post),
    )
    return _done(doc, common, post, publications, tuple(problems))


def read_event(doc: Document, context: Context) -> Reading[Event]:
    common = _common(doc, EVENT, context)
    data, config = common.data, context.config
    # Times are checked even when other fields are wrong: every problem in one run.
    zone_name = data.get("timezone", config.timezone)
    problems: tuple[Problem, ...] = ()
    timing = None
    if "start" in data:
        zone_known = "timezone" in data or "timezone" not in doc.fields
        horizon = recurrence.horizon_days(config)
        times = check_event_times(doc, data, zone_name if zone_known else "UTC", horizon)
        problems, timing = times.problems, times.value
    if not common.ok or timing is None:
        return _done(doc, common, None, problems=problems)
    event_format = data.get("format", "in-person")
    venue = None
    if "venue" in data:
        v = data["venue"]
        venue = Venue(v["name"], v.get("address", ""), v["city"], v.get("lat"), v.get("lon"))
    elif event_format != "online":
        missing = Problem(
            doc.path,
            1,
            "venue",
            "Veranstaltungsort fehlt",
            "venue mit name und city, oder format: online",
            code=ContentCode.VENUE_MISSING,
        )
        return _done(doc, common, None, problems=(*problems, missing))
    image, publications = picture(config, context.pictures, EVENT, data)
    event = Event(
        slug=doc.slug,
        source=doc.path,
        body=doc.body,
        body_line=doc.body_line,
        when=timing.when,
        repeat=timing.series,
        timezone=zone_name,
        format=event_format,
        venue=venue,
        uid=data.get("uid") or f"{doc.slug}@{config.host}",
        picture=image,
        **model_fields(data, EVENT.fields, Event),
    )
    return _done(doc, common, event, publications, problems)


def read_home(doc: Document, context: Context) -> Reading[HomeText]:
    """``start.md``: the loader's problems are the home page's own (no folder reports them)."""
    if not doc.fields:
        return Reading(None, doc.path, None, tuple(doc.problems))
    common = _common(doc, HOME, context)
    data = common.data if common.ok else None
    home = HomeText(source=doc.path, body=doc.body, **model_fields(data, HOME.fields, HomeText)) if data else None
    return Reading(home, doc.path, common.body, (*doc.problems, *common.problems))


__all__ = ["ValidationResult", "validate_site"]
