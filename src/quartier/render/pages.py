"""Markdown pages for every event, project, program, city and listing.

Each page is a Markdown file whose front matter sets the title and description and
whose body is HTML (from autoescaping Jinja2 templates) around the editor's Markdown.
MkDocs renders these files like any other page; another builder could do the same
with the files ``quartier generate`` writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, partial

from jinja2 import Template

from quartier import paths
from quartier.config import SiteConfig
from quartier.content import recurrence
from quartier.content.history import History
from quartier.content.model import Event, EventFormat, Picture, Post, Site
from quartier.render import city_map, filters, news, search, urls, wording
from quartier.render.listings import (
    EventSplit,
    Relations,
    by_month,
    by_year,
    city_counts,
    merged,
    next_taking_place,
    related,
    relations,
    split_events,
)
from quartier.render.months import MonthCalendar
from quartier.render.news import NewsRelations, news_relations
from quartier.render.opendata import catalog as opendata_catalog
from quartier.render.opendata import tables as opendata_tables
from quartier.render.page_context import (
    BODY_MARK,
    CONTEXTS,
    CitiesIndexContext,
    CityContext,
    DescribedColumn,
    EventContext,
    EventsArchiveContext,
    EventsFilterContext,
    EventsIndexContext,
    HomeContext,
    MapContext,
    MapTiles,
    MonthContext,
    MonthLink,
    NewsListContext,
    OnlineContext,
    OpenDataContext,
    OpenDataset,
    OpenDistribution,
    PageContext,
    PostContext,
    ProgramContext,
    ProgramsIndexContext,
    ProjectContext,
    ProjectsIndexContext,
    RelatedEvents,
    SearchContext,
    SeriesDate,
    SeriesFacts,
)
from quartier.render.qr import qr_svg
from quartier.render.search import SearchRecord
from quartier.render.structured_data import MAX_OCCURRENCES, page_json_ld, to_script_json
from quartier.render.templating import environment
from quartier.render.theme import PageKind, PageMeta, Theme
from quartier.render.wording import place_text, prefixed_title, rescheduled_notice
from quartier.text import german_dates, german_rules
from quartier.text.json_types import JsonObject
from quartier.text.markup import EMPTY, RenderedBody, html_for_any_builder

_SERIES_DATES_SHOWN = MAX_OCCURRENCES
"""Dates of a series listed on its page: as many as its JSON-LD names, whose URLs point
to them (the feed and the month view carry every date)."""


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: finished HTML around the editor's Markdown."""

    source: str
    """Path below the docs folder (``veranstaltungen/x.md``)."""

    url_path: str
    """Site path of the rendered page (``veranstaltungen/x/``)."""

    meta: PageMeta
    """Title, description and kind: a theme adapter writes them as its templates want them."""

    before: str
    """Finished HTML before the editor's Markdown (escaped by the templates)."""

    body: RenderedBody
    """The editor's text as it is published: sanitized HTML and its headings."""

    after: str = ""
    in_nav: bool = False
    """Only section indexes go into the navigation: item pages never do."""

    origin: str = ""
    """The content file the page is made from ('' for listings), for messages."""

    search: SearchRecord | None = None
    """What the search index learns about the page; ``None``: not indexed."""

    @property
    def html(self) -> str:
        """The finished page content: the templates' HTML around the sanitized body."""
        content = self.before + self.body.html + self.after
        return self.search.wrap(content) if self.search else content

    @property
    def content(self) -> str:
        """The page's Markdown below its front matter: the same for every builder."""
        body = html_for_any_builder(self.body.html) if self.body.html else ""
        parts = [self.before.rstrip("\n"), body, self.after.strip("\n")]
        if self.search:
            parts = ["<div data-pagefind-body>", self.search.attributes(), *parts, "</div>"]
        return "\n\n".join(part for part in parts if part) + "\n"

    def markdown(self, theme: Theme) -> str:
        """The whole page as one Markdown file, front matter written for ``theme``."""
        return theme.front_matter(self.meta) + self.content


FILTERED_FORMATS: tuple[EventFormat, ...] = ("in-person", "hybrid")
"""Formats with a quick filter page (online events have their own listing)."""


@dataclass(frozen=True)
class PlannedPage:
    """A page before it is rendered: where it goes and what it is made of."""

    url_path: str
    origin: str
    """The content file whose body the page shows ('' for listings)."""

    render: Callable[[], Page]


class PageRenderer:
    """What every page of one site for one "today" is made from, each part computed once;
    the pages themselves are the functions below (``event_page`` …)."""

    def __init__(self, site: Site, config: SiteConfig, today: date, history: History | None = None):
        self.site = site
        self.config = config
        self.today = today
        self.revisions = history.revisions if history else {}
        """From Git: the earlier starts of events that were moved („Verschoben vom …“)."""
        self.env = environment()
        self.horizon = recurrence.horizon_days(config)
        """How far ahead listings show the dates of a series."""
        self.rel: Relations = relations(site)
        self.news: NewsRelations = news_relations(site)
        self._splits: dict[tuple[str, str], EventSplit] = {}

    @cached_property
    def calendar(self) -> MonthCalendar:
        """Every day of the month view, computed once for all its pages."""
        return MonthCalendar(self.site.events, self.today)

    @cached_property
    def upcoming(self) -> EventSplit:
        """Every event, divided at today: the events index, the start page, the filters."""
        return split_events(self.site.events, self.today)

    def split(self, kind: str, slug: str) -> EventSplit:
        """The events of one city or program divided at today, computed once per build
        (its page and the related events of every event page ask)."""
        key = (kind, slug)
        if key not in self._splits:
            by = self.rel.events_by_city if kind == "city" else self.rel.events_by_program
            self._splits[key] = split_events(by.get(slug, ()), self.today)
        return self._splits[key]

    @cached_property
    def on_map(self) -> frozenset[str]:
        """Cities with a point on the map page (their pages and their events link to it)."""
        return city_map.on_map(self.site, self.rel, self.today)

    def map_point(self, slug: str) -> str:
        return paths.map_point(slug) if slug in self.on_map else ""

    @cached_property
    def quick_filters(self) -> filters.QuickFilters:
        return filters.quick_filters(self.site, self.upcoming.upcoming, self.today)

    @property
    def this_month(self) -> str:
        """The month view of today's month (it always has a page)."""
        return paths.month_path(self.today.year, self.today.month)

    @cached_property
    def _templates(self) -> dict[str, Template]:
        return {context.template: self.env.get_template(context.template + ".md.j2") for context in CONTEXTS}

    def render(self, context: PageContext) -> str:
        return str(self._templates[context.template].render(absolute=self.config.absolute_url, **context.variables()))

    def page(
        self,
        url_path: str,
        title: str,
        description: str,
        kind: PageKind,
        rendered: str,
        in_nav: bool = False,
        meta: dict[str, object] | None = None,
        source: str = "",
        record: SearchRecord | None = None,
    ) -> Page:
        before, _, after = rendered.partition(BODY_MARK)
        body = self.site.body(source) if source else EMPTY
        page_meta = PageMeta(title=title, description=description, kind=kind, extra=meta or {})
        return Page(paths.page_source(url_path), url_path, page_meta, before, body, after, in_nav, source, record)


# -- the whole site ---------------------------------------------------------------


def plan(r: PageRenderer) -> list[PlannedPage]:
    """Every page of the site, each with its address and content file known before it is rendered."""
    home = r.site.home
    planned = [
        PlannedPage("", home.source if home else "", partial(home_page, r)),
        PlannedPage(paths.EVENT_INDEX, "", partial(events_index_page, r)),
        PlannedPage(paths.EVENT_ARCHIVE, "", partial(events_archive_page, r)),
        PlannedPage(paths.ONLINE_EVENTS, "", partial(online_page, r)),
        PlannedPage(paths.CITY_INDEX, "", partial(cities_index_page, r)),
        PlannedPage(paths.MAP_PAGE, "", partial(map_page, r)),
        PlannedPage(paths.PROJECT_INDEX, "", partial(projects_index_page, r)),
        PlannedPage(paths.PROGRAM_INDEX, "", partial(programs_index_page, r)),
    ]
    planned += [PlannedPage(e.url_path, e.source, partial(event_page, r, e)) for e in r.site.events]
    planned += [PlannedPage(paths.city_path(c.slug), "", partial(city_page, r, c.slug)) for c in r.site.cities]
    planned += [PlannedPage(p.url_path, p.source, partial(project_page, r, p.slug)) for p in r.site.projects]
    planned += [PlannedPage(p.url_path, p.source, partial(program_page, r, p.slug)) for p in r.site.programs]
    planned += news_plan(r)
    planned.append(PlannedPage(paths.SEARCH_PAGE, "", partial(search_page, r)))
    planned += [
        PlannedPage(paths.month_path(year, month), "", partial(month_page, r, year, month))
        for year, month in r.calendar.months
    ]
    planned += [PlannedPage(t.path, "", partial(time_filter_page, r, t)) for t in filters.time_ranges(r.today)]
    planned += [
        PlannedPage(filters.FORMAT_PAGES[event_format], "", partial(format_filter_page, r, event_format))
        for event_format in FILTERED_FORMATS
    ]
    planned.append(PlannedPage(paths.OPEN_DATA, "", partial(open_data_page, r)))
    return planned


def render_all(r: PageRenderer) -> list[Page]:
    pages = []
    for planned in plan(r):
        page = planned.render()
        # The plan is what `quartier validate` checks the paths of: it must be what is built.
        assert (page.url_path, page.origin) == (planned.url_path, planned.origin), planned.url_path
        pages.append(page)
    return pages


def picture_meta(config: SiteConfig, picture: Picture | None) -> dict[str, object]:
    """What link previews show (``og:image``, written by the theme's template): the
    largest JPEG or PNG; an SVG is not shown by them."""
    shared = picture.shared if picture else None
    if picture is None or shared is None:
        return {}
    return {
        "quartier_image": config.absolute_url(shared.path),
        "quartier_image_type": shared.mime,
        "quartier_image_width": shared.width,
        "quartier_image_height": shared.height,
        "quartier_image_alt": picture.alt,
    }


# -- listings ---------------------------------------------------------------------


def open_data_page(r: PageRenderer) -> Page:
    """``/daten/``: the open data's files, columns and licence, from their declarations."""
    columns: dict[str, Sequence[DescribedColumn]] = {
        "veranstaltungen": opendata_tables.event_columns(r.site),
        "projekte": opendata_tables.project_columns(r.site, r.config),
        "programme": opendata_tables.program_columns(r.config),
    }
    datasets = [
        OpenDataset(
            key=dataset.key,
            title=dataset.title,
            description=dataset.description,
            columns=columns[dataset.key],
            distributions=tuple(
                OpenDistribution(
                    path=d.path,
                    name=d.path.rsplit("/", 1)[-1],
                    label=d.format.label,
                    anchor=opendata_catalog.distribution_iri(r.config, d).rsplit("#", 1)[1],
                    download=d.path != paths.SITE_FEED,
                )
                for d in dataset.distributions
            ),
        )
        for dataset in opendata_catalog.DATASETS
    ]
    past = min(max(r.config.feed_past_days, 0), (r.today - date.min).days)
    context = OpenDataContext(
        stand=german_dates.long_date(r.today),
        license=r.config.license,
        attribution=opendata_catalog.attribution(r.config, opendata_catalog.DATASETS[0]),
        publisher=r.config.publisher,
        datasets=datasets,
        catalog_url=r.config.absolute_url(paths.OPEN_DATA_CATALOG),
        window_start=german_dates.day_month_year(r.today - timedelta(days=past)),
        window_end=german_dates.day_month_year(r.today + timedelta(days=r.horizon - 1)),
    )
    return r.page(
        context.here,
        "Offene Daten",
        "Veranstaltungen, Projekte und Programme als CSV, JSON-LD und Kalender, mit Lizenz und DCAT-AP.de-Katalog.",
        "open-data",
        r.render(context),
    )


def map_page(r: PageRenderer) -> Page:
    """``/karte/``: the cities on a map drawn by the engine, and with tiles only where configured."""
    view = city_map.map_view(r.site, r.rel, r.today)
    tiles = _map_tiles(r.config, view) if r.config.map_tiles else None
    body = r.render(MapContext(view=view, points_count=len(view.points), tiles=tiles))
    return r.page(
        paths.MAP_PAGE,
        "Karte",
        "Karte der Städte mit kommenden Veranstaltungen und Projekten, mit einer Liste nach Bundesländern.",
        "map",
        body,
        True,
    )


def _map_tiles(config: SiteConfig, view: city_map.MapView) -> MapTiles:
    """The tile map's settings and points, for the script that draws it after the visitor's click."""
    template = config.map_tiles
    data: JsonObject = {
        "tiles": template,
        "attribution": config.map_tiles_attribution,
        "points": [
            {
                "name": p.city.name,
                "lat": p.city.lat,
                "lon": p.city.lon,
                "upcoming": p.upcoming,
                "projects": p.projects,
                "path": paths.city_path(p.city.slug),
            }
            for p in view.points
        ],
    }
    return MapTiles(
        host=city_map.tile_server(template),
        attribution=str(data["attribution"]) or city_map.tile_server(template),
        data=to_script_json(data),
        script=paths.MAP_SCRIPT,
    )


def search_page(r: PageRenderer) -> Page:
    choices = search.search_choices(r.site)
    context = SearchContext(
        filters=[
            ("art", "Art", choices.kinds),
            ("stadt", "Stadt", choices.cities),
            ("programm", "Programm", choices.programs),
            ("format", "Format", choices.formats),
            ("jahr", "Jahr", choices.years),
            ("zeit", "Zeit", (search.UPCOMING, search.PAST)),
        ],
        ranking=json.dumps(
            {"metaWeights": search.META_WEIGHTS, "pastFactor": search.PAST_FACTOR}, separators=(",", ":")
        ),
    )
    return r.page(
        context.here,
        "Suche",
        "Veranstaltungen, Projekte, Programme, Städte und Beiträge durchsuchen.",
        "search",
        r.render(context),
    )


def home_page(r: PageRenderer) -> Page:
    home = r.site.home
    title = home.title if home else r.config.site_name
    body = r.render(
        HomeContext(
            here="",
            title=title,
            next_events=next_taking_place(r.upcoming.upcoming),
            latest_posts=r.site.posts[:3],
            calendar_path=r.this_month,
            times=r.quick_filters.times,
        )
    )
    summary = (
        home.summary if home and home.summary else f"{r.config.site_name}: Veranstaltungen, Projekte und Programme."
    )
    return r.page("", title, summary, "home", body, True, source=home.source if home else "")


def events_index_page(r: PageRenderer) -> Page:
    upcoming = r.upcoming.upcoming
    context = EventsIndexContext(
        months=by_month(upcoming),
        facts={item.url_path: filters.card_facts(item, r.today) for item in upcoming},
        choices=r.quick_filters,
        stand=r.today,
        listed_until=filters.listed_until(r.today),
        timezone=r.config.timezone,
        calendar_path=r.this_month,
    )
    return r.page(
        context.here, "Veranstaltungen", "Kommende Veranstaltungen nach Monaten.", "events", r.render(context), True
    )


def time_filter_page(r: PageRenderer, time: filters.TimeRange) -> Page:
    """A quick filter by time as a page of its own, as of the build day."""
    span = (
        german_dates.long_date(time.first)
        if time.first == time.last
        else f"{german_dates.long_date(time.first)} bis {german_dates.long_date(time.last)}"
    )
    items = filters.items_in_range(r.upcoming.upcoming, time)
    return _filter_page(
        r,
        f"Veranstaltungen {time.phrase}: {span}.",
        EventsFilterContext(
            here=time.path,
            heading=time.heading,
            items=items,
            lead=f"{span}: {_count(len(items))}.",
            current=("zeit", time.key),
            empty=f"{time.phrase[:1].upper()}{time.phrase[1:]} ist keine Veranstaltung angekündigt.",
            # A series shows its first date in the range: on the weekend page that may
            # not be its next one.
            next_label="Nächster Termin" if time.first == r.today else f"Nächster Termin {time.phrase}",
            stand=r.today,
            choices=r.quick_filters,
            calendar_path=r.this_month,
        ),
    )


def format_filter_page(r: PageRenderer, event_format: EventFormat) -> Page:
    """A quick filter by format as a page of its own (online events have theirs)."""
    items = filters.items_of_format(r.upcoming.upcoming, event_format)
    if event_format == "hybrid":
        heading = "Hybride Veranstaltungen"
        description = "Kommende Veranstaltungen vor Ort, an denen man auch online teilnehmen kann."
        lead = f"Kommend: {_count(len(items))}, vor Ort und zugleich online."
        empty = "Zurzeit sind keine hybriden Veranstaltungen angekündigt."
    else:
        heading = "Veranstaltungen vor Ort"
        description = "Kommende Veranstaltungen, die nur vor Ort stattfinden."
        lead = (
            f"Kommend: {_count(len(items))}, nur vor Ort. "
            "Hybride Veranstaltungen (vor Ort und online) stehen unter „Hybrid“."
        )
        empty = "Zurzeit sind keine Veranstaltungen vor Ort angekündigt."
    return _filter_page(
        r,
        description,
        EventsFilterContext(
            here=filters.FORMAT_PAGES[event_format],
            heading=heading,
            items=items,
            lead=lead,
            current=("format", wording.FORMAT_WORDS[event_format].address),
            empty=empty,
            next_label="Nächster Termin",
            stand=r.today,
            choices=r.quick_filters,
            calendar_path=r.this_month,
        ),
    )


def _filter_page(r: PageRenderer, description: str, context: EventsFilterContext) -> Page:
    return r.page(context.here, context.heading, description, "events-filter", r.render(context))


def events_archive_page(r: PageRenderer) -> Page:
    context = EventsArchiveContext(years=by_year(r.upcoming.past))
    return r.page(
        context.here,
        "Archiv der Veranstaltungen",
        "Vergangene Veranstaltungen nach Jahren.",
        "archive",
        r.render(context),
    )


def online_page(r: PageRenderer) -> Page:
    context = OnlineContext(split=split_events(r.rel.online_events, r.today))
    return r.page(
        context.here,
        "Online-Veranstaltungen",
        "Veranstaltungen, die nur online stattfinden.",
        "online",
        r.render(context),
    )


def cities_index_page(r: PageRenderer) -> Page:
    context = CitiesIndexContext(counts=city_counts(r.site, r.rel, r.today), online_count=len(r.rel.online_events))
    return r.page(
        context.here,
        "Städte",
        "Alle Städte mit ihren Veranstaltungen und Projekten.",
        "cities",
        r.render(context),
        True,
    )


def projects_index_page(r: PageRenderer) -> Page:
    context = ProjectsIndexContext(
        active=[p for p in r.site.projects if p.status == "active"],
        completed=[p for p in r.site.projects if p.status == "completed"],
    )
    return r.page(
        context.here, "Projekte", "Laufende und abgeschlossene Projekte.", "projects", r.render(context), True
    )


def programs_index_page(r: PageRenderer) -> Page:
    context = ProgramsIndexContext(programs=r.site.programs)
    return r.page(
        context.here, "Programme", "Die Förderprogramme und Initiativen.", "programs", r.render(context), True
    )


def month_page(r: PageRenderer, year: int, month: int) -> Page:
    here = paths.month_path(year, month)
    name = german_dates.month_heading(year, month)
    before, after = r.calendar.neighbours((year, month))
    view = r.calendar.view((year, month))
    earlier, later = r.calendar.nearest_busy((year, month)) if not view.dates else (None, None)
    body = r.render(
        MonthContext(
            here=here,
            month_name=name,
            view=view,
            previous=_month_link(before),
            next=_month_link(after),
            earlier=_month_link(earlier),
            later=_month_link(later),
            weekdays=[(day[:2], day) for day in german_rules.DAY_NAMES],
        )
    )
    return r.page(
        here,
        f"Veranstaltungen im {name}",
        f"Alle Termine im {name} auf einen Blick: der Monatskalender.",
        "calendar",
        body,
    )


# -- items --------------------------------------------------------------------------


def event_page(r: PageRenderer, event: Event) -> Page:
    here = event.url_path
    page_url = r.config.absolute_url(here)
    details = f"{event.summary}\n\n{page_url}" if event.summary else page_url
    location = place_text(event)
    is_past = not event.is_upcoming(r.today)
    revision = r.revisions.get(event.uid)
    previous = revision.previous_starts if revision else ()
    body = r.render(
        EventContext(
            here=here,
            event=event,
            rescheduled=rescheduled_notice(event.status, previous, event.when),
            when=german_dates.event_when(event.when),
            iso_start=event.start.isoformat(),
            default_timezone=r.config.timezone,
            is_past=is_past,
            programs=[r.site.program_by_slug[s] for s in event.programs],
            projects=[r.site.project_by_slug[s] for s in event.projects],
            osm=urls.osm_link(event.venue.lat, event.venue.lon, event.venue.full_address) if event.venue else "",
            reports=r.news.by_event.get(event.slug, ()),
            ics_path=paths.event_feed(event.slug),
            google_link=(
                urls.google_calendar_link(event, prefixed_title(event.title, event.status), details, location)
                if event.is_series
                else urls.google_template(prefixed_title(event.title, event.status), event.when, details, location)
            ),
            # Outlook on the web takes no rule: a series offers the .ics download instead.
            outlook_link=""
            if event.is_series
            else urls.outlook_template(prefixed_title(event.title, event.status), event.when, details, location),
            series=series_facts(event, r.today),
            format_word=wording.FORMAT_WORDS[event.format].word,
            page_url=page_url,
            # The printed notice is for a board before the event: a past event's has no code.
            qr_svg="" if is_past else qr_svg(page_url),
            feed_path=paths.city_feed(event.venue.city.slug) if event.venue else paths.SITE_FEED,
            feed_label=f"Veranstaltungen in {event.venue.city.name}" if event.venue else "alle Veranstaltungen",
            related=related_events(r, event),
            map_point=r.map_point(event.venue.city.slug) if event.venue else "",
        )
    )
    description = f"{german_dates.event_when_short(event.when)}, {place_text(event)}. {event.summary}"
    json_ld = to_script_json(page_json_ld(event, r.site, r.config, r.today, previous_starts=previous))
    return r.page(
        here,
        event.title,
        description,
        "event",
        body,
        meta={"quartier_json_ld": json_ld, **picture_meta(r.config, event.picture)},
        source=event.source,
        record=search.event_record(event, r.site, r.today),
    )


def related_events(r: PageRenderer, event: Event) -> RelatedEvents:
    """Upcoming events to suggest on ``event``'s page: up to three in its city, and up
    to three more in its programs (none twice, not its own series, none cancelled)."""
    city = event.venue.city if event.venue else None
    in_city = related(event, r.split("city", city.slug).upcoming) if city else ()
    programs = [r.site.program_by_slug[slug] for slug in event.programs]
    in_programs = related(
        event,
        merged(*(r.split("program", p.slug).upcoming for p in programs)),
        leave_out=[item.url_path for item in in_city],
    )
    return RelatedEvents(city=city, in_city=in_city, programs=programs, in_programs=in_programs)


def series_facts(event: Event, today: date) -> SeriesFacts | None:
    """What a series page shows: the rule in words, the next dates, cancelled and moved ones."""
    if not event.is_series:
        return None
    upcoming = recurrence.upcoming_occurrences(event, today)
    return SeriesFacts(
        rule=german_rules.rule_text(event),
        dates=tuple(
            SeriesDate(
                anchor=recurrence.occurrence_anchor(o),
                when=wording.occurrence_when(o),
                note=wording.occurrence_note(o),
                status=o.status,
                iso=o.start.isoformat(),
            )
            for o in upcoming[:_SERIES_DATES_SHOWN]
        ),
        more=max(0, len(upcoming) - _SERIES_DATES_SHOWN),
    )


def city_page(r: PageRenderer, slug: str) -> Page:
    city = r.site.city_by_slug[slug]
    here = paths.city_path(slug)
    body = r.render(
        CityContext(
            here=here,
            city=city,
            split=r.split("city", slug),
            projects=r.rel.projects_by_city.get(slug, ()),
            feed_path=paths.city_feed(slug),
            calendar_path=r.this_month,
            map_point=r.map_point(slug),
        )
    )
    return r.page(
        here,
        city.name,
        f"Veranstaltungen und Projekte in {city.name} ({city.state}).",
        "city",
        body,
        record=search.city_record(city),
    )


def project_page(r: PageRenderer, slug: str) -> Page:
    project = r.site.project_by_slug[slug]
    here = project.url_path
    body = r.render(
        ProjectContext(
            here=here,
            project=project,
            news=r.news.by_project.get(slug, ())[:3],
            programs=[r.site.program_by_slug[s] for s in project.programs],
            split=split_events(r.rel.events_by_project.get(slug, ()), r.today),
            osm=urls.osm_link(project.lat, project.lon, project.title),
        )
    )
    return r.page(
        here,
        project.title,
        f"Projekt in {project.city.name}. {project.summary}",
        "project",
        body,
        meta=picture_meta(r.config, project.picture),
        source=project.source,
        record=search.project_record(project, r.site),
    )


def program_page(r: PageRenderer, slug: str) -> Page:
    program = r.site.program_by_slug[slug]
    here = program.url_path
    body = r.render(
        ProgramContext(
            here=here,
            program=program,
            news=r.news.by_program.get(slug, ())[:3],
            split=r.split("program", slug),
            projects=r.rel.projects_by_program.get(slug, ()),
            feed_path=paths.program_feed(slug),
            calendar_path=r.this_month,
        )
    )
    return r.page(
        here,
        program.title,
        program.summary or program.title,
        "program",
        body,
        meta=picture_meta(r.config, program.picture),
        source=program.source,
        record=search.program_record(program),
    )


# -- news ---------------------------------------------------------------------------


def news_plan(r: PageRenderer) -> list[PlannedPage]:
    posts = r.site.posts
    years = news.by_year(posts)
    categories = news.categories(posts)
    year_links = [(year, paths.news_year(year)) for year in years]
    category_links = [(name, paths.news_category(slug)) for slug, (name, _) in categories.items()]
    chunks = news.pages_of(news.index_order(posts))

    def news_page(number: int, chunk: Sequence[Post]) -> Page:
        here = paths.news_page(number)
        body = r.render(
            NewsListContext(
                here=here,
                heading="Aktuelles",
                posts=chunk,
                intro="Berichte von Veranstaltungen, Neuigkeiten aus den Programmen und Ankündigungen.",
                years=year_links,
                categories=category_links,
                number=number,
                pages=len(chunks),
                previous=paths.news_page(number - 1) if number > 1 else "",
                next=paths.news_page(number + 1) if number < len(chunks) else "",
            )
        )
        title = "Aktuelles" if number == 1 else f"Aktuelles – Seite {number}"
        description = "Berichte, Neuigkeiten und Ankündigungen der Programme."
        return r.page(here, title, description, "news", body, in_nav=number == 1)

    def year_page(year: int, chunk: Sequence[Post]) -> Page:
        here = paths.news_year(year)
        heading = f"Beiträge aus {year}"
        body = r.render(
            NewsListContext(here=here, heading=heading, posts=chunk, years=year_links, categories=category_links)
        )
        return r.page(here, heading, f"Alle Beiträge aus dem Jahr {year}.", "news-archive", body)

    def category_page(slug: str, name: str, chunk: Sequence[Post]) -> Page:
        here = paths.news_category(slug)
        heading = f"Kategorie: {name}"
        body = r.render(
            NewsListContext(here=here, heading=heading, posts=chunk, years=year_links, categories=category_links)
        )
        return r.page(here, heading, f"Beiträge der Kategorie {name}.", "news-category", body)

    planned = [
        PlannedPage(paths.news_page(number), "", partial(news_page, number, chunk))
        for number, chunk in enumerate(chunks, start=1)
    ]
    planned += [PlannedPage(paths.news_year(year), "", partial(year_page, year, c)) for year, c in years.items()]
    planned += [
        PlannedPage(paths.news_category(slug), "", partial(category_page, slug, name, c))
        for slug, (name, c) in categories.items()
    ]
    planned += [PlannedPage(post.url_path, post.source, partial(post_page, r, post)) for post in posts]
    return planned


def post_page(r: PageRenderer, post: Post) -> Page:
    here = post.url_path
    body = r.render(
        PostContext(
            here=here,
            post=post,
            categories=news.category_links(post),
            events=[r.site.event_by_slug[s] for s in post.events],
            projects=[r.site.project_by_slug[s] for s in post.projects],
            programs=[r.site.program_by_slug[s] for s in post.programs],
        )
    )
    return r.page(
        here,
        post.title,
        post.summary or post.title,
        "post",
        body,
        meta=picture_meta(r.config, post.picture),
        source=post.source,
        record=search.post_record(post, r.site),
    )


def _count(number: int) -> str:
    """``1 Veranstaltung``, ``3 Veranstaltungen``, ``keine Veranstaltungen``."""
    if number == 0:
        return "keine Veranstaltungen"
    return f"{number} Veranstaltung" if number == 1 else f"{number} Veranstaltungen"


def _month_link(month: tuple[int, int] | None) -> MonthLink | None:
    if month is None:
        return None
    return MonthLink(paths.month_path(*month), german_dates.month_heading(*month))


def render_pages(site: Site, config: SiteConfig, today: date, history: History | None = None) -> list[Page]:
    return render_all(PageRenderer(site, config, today, history))


def plan_pages(site: Site, config: SiteConfig, today: date) -> list[PlannedPage]:
    """Every page's address and content file, without rendering any (``quartier validate``)."""
    return plan(PageRenderer(site, config, today))
