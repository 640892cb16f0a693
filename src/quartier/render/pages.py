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
    Item,
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
from quartier.render.qr import qr_svg
from quartier.render.search import SearchRecord
from quartier.render.structured_data import MAX_OCCURRENCES, page_json_ld, to_script_json
from quartier.render.templating import environment
from quartier.render.theme import PageKind, PageMeta, Theme
from quartier.render.wording import place_text, prefixed_title, rescheduled_notice
from quartier.text import german_dates, german_rules
from quartier.text.markup import EMPTY, RenderedBody, html_for_any_builder

BODY_MARK = "<!-- quartier:body -->"

_SERIES_DATES_SHOWN = MAX_OCCURRENCES
"""Dates of a series listed on its page: as many as its JSON-LD names, whose URLs point
to them (the feed and the month view carry every date)."""
"""Where the editor's Markdown goes in a rendered template."""


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
    """Renders all pages of one site for one "today"."""

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
        return {
            name: self.env.get_template(name + ".md.j2")
            for name in (
                "event",
                "events_index",
                "events_archive",
                "online",
                "city",
                "cities_index",
                "project",
                "projects_index",
                "program",
                "programs_index",
                "home",
                "post",
                "news_list",
                "search",
                "month",
                "events_filter",
                "open_data",
                "map",
            )
        }

    def _render(self, name: str, **context: object) -> str:
        return str(self._templates[name].render(absolute=self.config.absolute_url, **context))

    def plan(self) -> list[PlannedPage]:
        """Every page of the site, each with its address and content file known before it is rendered."""
        home = self.site.home
        planned = [
            PlannedPage("", home.source if home else "", self.home),
            PlannedPage(paths.EVENT_INDEX, "", self.events_index),
            PlannedPage(paths.EVENT_ARCHIVE, "", self.events_archive),
            PlannedPage(paths.ONLINE_EVENTS, "", self.online_events),
            PlannedPage(paths.CITY_INDEX, "", self.cities_index),
            PlannedPage(paths.MAP_PAGE, "", self.map_page),
            PlannedPage(paths.PROJECT_INDEX, "", self.projects_index),
            PlannedPage(paths.PROGRAM_INDEX, "", self.programs_index),
        ]
        planned += [PlannedPage(e.url_path, e.source, partial(self.event, e)) for e in self.site.events]
        planned += [PlannedPage(paths.city_path(c.slug), "", partial(self.city, c.slug)) for c in self.site.cities]
        planned += [PlannedPage(p.url_path, p.source, partial(self.project, p.slug)) for p in self.site.projects]
        planned += [PlannedPage(p.url_path, p.source, partial(self.program, p.slug)) for p in self.site.programs]
        planned += self.news_plan()
        planned.append(PlannedPage(paths.SEARCH_PAGE, "", self.search_page))
        planned += [
            PlannedPage(paths.month_path(year, month), "", partial(self.month, year, month))
            for year, month in self.calendar.months
        ]
        planned += [PlannedPage(t.path, "", partial(self.time_filter, t)) for t in filters.time_ranges(self.today)]
        planned += [
            PlannedPage(filters.FORMAT_PAGES[event_format], "", partial(self.format_filter, event_format))
            for event_format in FILTERED_FORMATS
        ]
        planned.append(PlannedPage(paths.OPEN_DATA, "", self.open_data))
        return planned

    def render_all(self) -> list[Page]:
        pages = []
        for planned in self.plan():
            page = planned.render()
            # The plan is what `quartier validate` checks the paths of: it must be what is built.
            assert (page.url_path, page.origin) == (planned.url_path, planned.origin), planned.url_path
            pages.append(page)
        return pages

    def open_data(self) -> Page:
        """``/daten/``: the open data's files, columns and licence, from their declarations."""
        here = paths.OPEN_DATA
        columns = {
            "veranstaltungen": opendata_tables.event_columns(self.site),
            "projekte": opendata_tables.project_columns(self.site, self.config),
            "programme": opendata_tables.program_columns(self.config),
        }
        datasets = [
            {
                "key": dataset.key,
                "title": dataset.title,
                "description": dataset.description,
                "columns": columns[dataset.key],
                "distributions": [
                    {
                        "path": d.path,
                        "name": d.path.rsplit("/", 1)[-1],
                        "label": d.format.label,
                        "anchor": opendata_catalog.distribution_iri(self.config, d).rsplit("#", 1)[1],
                        # The calendar is for subscribing (its help page says how), not only for saving.
                        "download": d.path != paths.SITE_FEED,
                    }
                    for d in dataset.distributions
                ],
            }
            for dataset in opendata_catalog.DATASETS
        ]
        past = min(max(self.config.feed_past_days, 0), (self.today - date.min).days)
        body = self._render(
            "open_data",
            here=here,
            stand=german_dates.long_date(self.today),
            license=self.config.license,
            attribution=opendata_catalog.attribution(self.config, opendata_catalog.DATASETS[0]),
            publisher=self.config.publisher,
            datasets=datasets,
            catalog_path=paths.OPEN_DATA_CATALOG,
            catalog_name=paths.OPEN_DATA_CATALOG.rsplit("/", 1)[-1],
            catalog_url=self.config.absolute_url(paths.OPEN_DATA_CATALOG),
            window_start=german_dates.day_month_year(self.today - timedelta(days=past)),
            window_end=german_dates.day_month_year(self.today + timedelta(days=self.horizon - 1)),
        )
        return self._page(
            here,
            "Offene Daten",
            "Veranstaltungen, Projekte und Programme als CSV, JSON-LD und Kalender, mit Lizenz und DCAT-AP.de-Katalog.",
            "open-data",
            body,
        )

    def search_page(self) -> Page:
        here = paths.SEARCH_PAGE
        choices = search.search_choices(self.site)
        filters = [
            ("art", "Art", choices.kinds),
            ("stadt", "Stadt", choices.cities),
            ("programm", "Programm", choices.programs),
            ("format", "Format", choices.formats),
            ("jahr", "Jahr", choices.years),
            ("zeit", "Zeit", (search.UPCOMING, search.PAST)),
        ]
        body = self._render(
            "search",
            here=here,
            filters=filters,
            ranking=json.dumps(
                {"metaWeights": search.META_WEIGHTS, "pastFactor": search.PAST_FACTOR}, separators=(",", ":")
            ),
            script_path=paths.SEARCH_SCRIPT,
            events_path=paths.EVENT_INDEX,
            projects_path=paths.PROJECT_INDEX,
            cities_path=paths.CITY_INDEX,
            programs_path=paths.PROGRAM_INDEX,
            news_path=paths.NEWS_INDEX,
        )
        return self._page(
            here, "Suche", "Veranstaltungen, Projekte, Programme, Städte und Beiträge durchsuchen.", "search", body
        )

    def _page(
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

    # -- listings -------------------------------------------------------------

    def home(self) -> Page:
        home = self.site.home
        title = home.title if home else self.config.site_name
        body = self._render(
            "home",
            here="",
            title=title,
            intro=BODY_MARK,
            next_events=next_taking_place(self.upcoming.upcoming),
            latest_posts=self.site.posts[:3],
            news_path=paths.NEWS_INDEX,
            events_path=paths.EVENT_INDEX,
            cities_path=paths.CITY_INDEX,
            calendar_path=self.this_month,
            times=self.quick_filters.times,
            site_feed=paths.SITE_FEED,
        )
        summary = (
            home.summary
            if home and home.summary
            else f"{self.config.site_name}: Veranstaltungen, Projekte und Programme."
        )
        return self._page("", title, summary, "home", body, True, source=home.source if home else "")

    def events_index(self) -> Page:
        here = paths.EVENT_INDEX
        upcoming = self.upcoming.upcoming
        body = self._render(
            "events_index",
            here=here,
            months=by_month(upcoming),
            facts={item.url_path: filters.card_facts(item, self.today) for item in upcoming},
            choices=self.quick_filters,
            stand=self.today,
            listed_until=filters.listed_until(self.today),
            timezone=self.config.timezone,
            script_path=paths.FILTER_SCRIPT,
            archive_path=paths.EVENT_ARCHIVE,
            calendar_path=self.this_month,
            online_path=paths.ONLINE_EVENTS,
            cities_path=paths.CITY_INDEX,
            site_feed=paths.SITE_FEED,
        )
        return self._page(here, "Veranstaltungen", "Kommende Veranstaltungen nach Monaten.", "events", body, True)

    def time_filter(self, time: filters.TimeRange) -> Page:
        """A quick filter by time as a page of its own, as of the build day."""
        span = (
            german_dates.long_date(time.first)
            if time.first == time.last
            else f"{german_dates.long_date(time.first)} bis {german_dates.long_date(time.last)}"
        )
        items = filters.items_in_range(self.upcoming.upcoming, time)
        return self._filter_page(
            time.path,
            time.heading,
            f"Veranstaltungen {time.phrase}: {span}.",
            items,
            lead=f"{span}: {_count(len(items))}.",
            current=("zeit", time.key),
            empty=f"{time.phrase[:1].upper()}{time.phrase[1:]} ist keine Veranstaltung angekündigt.",
            # A series shows its first date in the range: on the weekend page that may
            # not be its next one.
            next_label="Nächster Termin" if time.first == self.today else f"Nächster Termin {time.phrase}",
        )

    def format_filter(self, event_format: EventFormat) -> Page:
        """A quick filter by format as a page of its own (online events have theirs)."""
        items = filters.items_of_format(self.upcoming.upcoming, event_format)
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
        return self._filter_page(
            filters.FORMAT_PAGES[event_format],
            heading,
            description,
            items,
            lead=lead,
            current=("format", filters.FORMAT_VALUES[event_format]),
            empty=empty,
        )

    def _filter_page(
        self,
        here: str,
        heading: str,
        description: str,
        items: Sequence[Item],
        *,
        lead: str,
        current: tuple[str, str],
        empty: str,
        next_label: str = "Nächster Termin",
    ) -> Page:
        body = self._render(
            "events_filter",
            here=here,
            heading=heading,
            lead=lead,
            items=items,
            stand=self.today,
            choices=self.quick_filters,
            current=current,
            empty=empty,
            next_label=next_label,
            events_path=paths.EVENT_INDEX,
            calendar_path=self.this_month,
            next_days_path=paths.EVENTS_NEXT_30_DAYS,
        )
        return self._page(here, heading, description, "events-filter", body)

    def events_archive(self) -> Page:
        here = paths.EVENT_ARCHIVE
        body = self._render(
            "events_archive",
            here=here,
            years=by_year(self.upcoming.past),
            events_path=paths.EVENT_INDEX,
            site_feed=paths.SITE_FEED,
        )
        return self._page(
            here, "Archiv der Veranstaltungen", "Vergangene Veranstaltungen nach Jahren.", "archive", body
        )

    def online_events(self) -> Page:
        here = paths.ONLINE_EVENTS
        body = self._render(
            "online",
            here=here,
            split=split_events(self.rel.online_events, self.today),
            site_feed=paths.SITE_FEED,
        )
        return self._page(
            here, "Online-Veranstaltungen", "Veranstaltungen, die nur online stattfinden.", "online", body
        )

    def cities_index(self) -> Page:
        here = paths.CITY_INDEX
        body = self._render(
            "cities_index",
            here=here,
            counts=city_counts(self.site, self.rel, self.today),
            online_path=paths.ONLINE_EVENTS,
            online_count=len(self.rel.online_events),
        )
        return self._page(here, "Städte", "Alle Städte mit ihren Veranstaltungen und Projekten.", "cities", body, True)

    def map_page(self) -> Page:
        here = paths.MAP_PAGE
        view = city_map.map_view(self.site, self.rel, self.today)
        template = self.config.map_tiles
        tiles = None
        if template:
            data = {
                "tiles": template,
                "attribution": self.config.map_tiles_attribution,
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
            tiles = {
                "host": city_map.tile_server(template),
                "attribution": data["attribution"] or city_map.tile_server(template),
                "data": to_script_json(data),
                "script": paths.MAP_SCRIPT,
            }
        body = self._render(
            "map",
            here=here,
            view=view,
            points_count=len(view.points),
            tiles=tiles,
            cities_path=paths.CITY_INDEX,
            online_path=paths.ONLINE_EVENTS,
        )
        return self._page(
            here,
            "Karte",
            "Karte der Städte mit kommenden Veranstaltungen und Projekten, mit einer Liste nach Bundesländern.",
            "map",
            body,
            True,
        )

    def projects_index(self) -> Page:
        here = paths.PROJECT_INDEX
        active = [p for p in self.site.projects if p.status == "active"]
        completed = [p for p in self.site.projects if p.status == "completed"]
        body = self._render("projects_index", here=here, active=active, completed=completed)
        return self._page(here, "Projekte", "Laufende und abgeschlossene Projekte.", "projects", body, True)

    def programs_index(self) -> Page:
        here = paths.PROGRAM_INDEX
        body = self._render("programs_index", here=here, programs=self.site.programs)
        return self._page(here, "Programme", "Die Förderprogramme und Initiativen.", "programs", body, True)

    def month(self, year: int, month: int) -> Page:
        here = paths.month_path(year, month)
        name = german_dates.month_heading(year, month)
        before, after = self.calendar.neighbours((year, month))
        view = self.calendar.view((year, month))
        earlier, later = self.calendar.nearest_busy((year, month)) if not view.dates else (None, None)
        body = self._render(
            "month",
            here=here,
            month_name=name,
            view=view,
            previous=_month_link(before),
            next=_month_link(after),
            earlier=_month_link(earlier),
            later=_month_link(later),
            weekdays=[(day[:2], day) for day in german_rules.DAY_NAMES],
            long_date=german_dates.long_date,
            events_path=paths.EVENT_INDEX,
        )
        return self._page(
            here,
            f"Veranstaltungen im {name}",
            f"Alle Termine im {name} auf einen Blick: der Monatskalender.",
            "calendar",
            body,
        )

    # -- items ----------------------------------------------------------------

    def event(self, event: Event) -> Page:
        here = event.url_path
        page_url = self.config.absolute_url(here)
        details = f"{event.summary}\n\n{page_url}" if event.summary else page_url
        location = place_text(event)
        iso_start = event.start.isoformat()
        is_past = not event.is_upcoming(self.today)
        revision = self.revisions.get(event.uid)
        previous = revision.previous_starts if revision else ()
        body = self._render(
            "event",
            here=here,
            event=event,
            rescheduled=rescheduled_notice(event.status, previous, event.when),
            when=german_dates.event_when(event.when),
            iso_start=iso_start,
            default_timezone=self.config.timezone,
            is_past=is_past,
            programs=[self.site.program_by_slug[s] for s in event.programs],
            projects=[self.site.project_by_slug[s] for s in event.projects],
            osm=urls.osm_link(event.venue.lat, event.venue.lon, event.venue.full_address) if event.venue else "",
            body=BODY_MARK,
            reports=self.news.by_event.get(event.slug, ()),
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
            series=self.series_facts(event),
            format_word=search.FORMAT_WORDS[event.format],
            events_path=paths.EVENT_INDEX,
            page_url=page_url,
            # The printed notice is for a board before the event: a past event's has no code.
            qr_svg="" if is_past else qr_svg(page_url),
            feed_path=paths.city_feed(event.venue.city.slug) if event.venue else paths.SITE_FEED,
            feed_label=f"Veranstaltungen in {event.venue.city.name}" if event.venue else "alle Veranstaltungen",
            related=self.related_events(event),
            map_point=self.map_point(event.venue.city.slug) if event.venue else "",
        )
        description = f"{german_dates.event_when_short(event.when)}, {place_text(event)}. {event.summary}"
        json_ld = to_script_json(page_json_ld(event, self.site, self.config, self.today, previous_starts=previous))
        return self._page(
            here,
            event.title,
            description,
            "event",
            body,
            meta={"quartier_json_ld": json_ld, **self.picture_meta(event.picture)},
            source=event.source,
            record=search.event_record(event, self.site, self.today),
        )

    def picture_meta(self, picture: Picture | None) -> dict[str, object]:
        """What link previews show (``og:image``, written by the theme's template): the
        largest JPEG or PNG; an SVG is not shown by them."""
        shared = picture.shared if picture else None
        if picture is None or shared is None:
            return {}
        return {
            "quartier_image": self.config.absolute_url(shared.path),
            "quartier_image_type": shared.mime,
            "quartier_image_width": shared.width,
            "quartier_image_height": shared.height,
            "quartier_image_alt": picture.alt,
        }

    def related_events(self, event: Event) -> dict[str, object]:
        """Upcoming events to suggest on ``event``'s page: up to three in its city, and up
        to three more in its programs (none twice, not its own series, none cancelled)."""
        city = event.venue.city if event.venue else None
        in_city = related(event, self.split("city", city.slug).upcoming) if city else ()
        programs = [self.site.program_by_slug[slug] for slug in event.programs]
        in_programs = related(
            event,
            merged(*(self.split("program", p.slug).upcoming for p in programs)),
            leave_out=[item.url_path for item in in_city],
        )
        return {
            "city": city,
            "in_city": in_city,
            "programs": programs,
            "in_programs": in_programs,
        }

    def series_facts(self, event: Event) -> dict[str, object] | None:
        """What a series page shows: the rule in words, the next dates, cancelled and moved ones."""
        if not event.is_series:
            return None
        upcoming = recurrence.upcoming_occurrences(event, self.today)
        return {
            "rule": german_rules.rule_text(event),
            "dates": [
                {
                    "anchor": recurrence.occurrence_anchor(o),
                    "when": wording.occurrence_when(o),
                    "note": wording.occurrence_note(o),
                    "status": o.status,
                    "iso": o.start.isoformat(),
                }
                for o in upcoming[:_SERIES_DATES_SHOWN]
            ],
            "more": max(0, len(upcoming) - _SERIES_DATES_SHOWN),
        }

    def city(self, slug: str) -> Page:
        city = self.site.city_by_slug[slug]
        here = paths.city_path(slug)
        body = self._render(
            "city",
            here=here,
            city=city,
            split=self.split("city", slug),
            projects=self.rel.projects_by_city.get(slug, ()),
            feed_path=paths.city_feed(slug),
            calendar_path=self.this_month,
            map_point=self.map_point(slug),
        )
        return self._page(
            here,
            city.name,
            f"Veranstaltungen und Projekte in {city.name} ({city.state}).",
            "city",
            body,
            record=search.city_record(city),
        )

    def project(self, slug: str) -> Page:
        project = self.site.project_by_slug[slug]
        here = project.url_path
        body = self._render(
            "project",
            here=here,
            project=project,
            body=BODY_MARK,
            news=self.news.by_project.get(slug, ())[:3],
            programs=[self.site.program_by_slug[s] for s in project.programs],
            split=split_events(self.rel.events_by_project.get(slug, ()), self.today),
            osm=urls.osm_link(project.lat, project.lon, project.title),
        )
        return self._page(
            here,
            project.title,
            f"Projekt in {project.city.name}. {project.summary}",
            "project",
            body,
            meta=self.picture_meta(project.picture),
            source=project.source,
            record=search.project_record(project, self.site),
        )

    def program(self, slug: str) -> Page:
        program = self.site.program_by_slug[slug]
        here = program.url_path
        body = self._render(
            "program",
            here=here,
            program=program,
            body=BODY_MARK,
            news=self.news.by_program.get(slug, ())[:3],
            split=self.split("program", slug),
            projects=self.rel.projects_by_program.get(slug, ()),
            feed_path=paths.program_feed(slug),
            calendar_path=self.this_month,
        )
        return self._page(
            here,
            program.title,
            program.summary or program.title,
            "program",
            body,
            meta=self.picture_meta(program.picture),
            source=program.source,
            record=search.program_record(program),
        )

    # -- news -----------------------------------------------------------------

    def news_plan(self) -> list[PlannedPage]:
        posts = self.site.posts
        years = news.by_year(posts)
        categories = news.categories(posts)
        year_links = [(year, paths.news_year(year)) for year in years]
        category_links = [(name, paths.news_category(slug)) for slug, (name, _) in categories.items()]
        chunks = news.pages_of(news.index_order(posts))

        def news_page(number: int, chunk: Sequence[Post]) -> Page:
            here = paths.news_page(number)
            body = self._news_list(
                here,
                "Aktuelles",
                chunk,
                intro="Berichte von Veranstaltungen, Neuigkeiten aus den Programmen und Ankündigungen.",
                years=year_links,
                categories=category_links,
                number=number,
                pages=len(chunks),
                previous=paths.news_page(number - 1) if number > 1 else "",
                next=paths.news_page(number + 1) if number < len(chunks) else "",
            )
            title = "Aktuelles" if number == 1 else f"Aktuelles – Seite {number}"
            description = "Berichte, Neuigkeiten und Ankündigungen der Programme."
            return self._page(here, title, description, "news", body, in_nav=number == 1)

        def year_page(year: int, chunk: Sequence[Post]) -> Page:
            here = paths.news_year(year)
            body = self._news_list(here, f"Beiträge aus {year}", chunk, years=year_links, categories=category_links)
            return self._page(here, f"Beiträge aus {year}", f"Alle Beiträge aus dem Jahr {year}.", "news-archive", body)

        def category_page(slug: str, name: str, chunk: Sequence[Post]) -> Page:
            here = paths.news_category(slug)
            body = self._news_list(here, f"Kategorie: {name}", chunk, years=year_links, categories=category_links)
            return self._page(here, f"Kategorie: {name}", f"Beiträge der Kategorie {name}.", "news-category", body)

        planned = [
            PlannedPage(paths.news_page(number), "", partial(news_page, number, chunk))
            for number, chunk in enumerate(chunks, start=1)
        ]
        planned += [PlannedPage(paths.news_year(year), "", partial(year_page, year, c)) for year, c in years.items()]
        planned += [
            PlannedPage(paths.news_category(slug), "", partial(category_page, slug, name, c))
            for slug, (name, c) in categories.items()
        ]
        planned += [PlannedPage(post.url_path, post.source, partial(self.post, post)) for post in posts]
        return planned

    def _news_list(self, here: str, heading: str, posts: Sequence[Post], intro: str = "", **context: object) -> str:
        values: dict[str, object] = {"years": [], "categories": [], "number": 1, "pages": 1, "previous": "", "next": ""}
        values.update(context)
        return self._render(
            "news_list",
            here=here,
            heading=heading,
            posts=posts,
            intro=intro,
            rss_path=paths.NEWS_RSS,
            json_path=paths.NEWS_JSON_FEED,
            long_date=german_dates.long_date,
            **values,
        )

    def post(self, post: Post) -> Page:
        here = post.url_path
        body = self._render(
            "post",
            here=here,
            post=post,
            body=BODY_MARK,
            long_date=german_dates.long_date,
            categories=news.category_links(post),
            news_path=paths.NEWS_INDEX,
            events=[self.site.event_by_slug[s] for s in post.events],
            projects=[self.site.project_by_slug[s] for s in post.projects],
            programs=[self.site.program_by_slug[s] for s in post.programs],
        )
        return self._page(
            here,
            post.title,
            post.summary or post.title,
            "post",
            body,
            meta=self.picture_meta(post.picture),
            source=post.source,
            record=search.post_record(post, self.site),
        )


def _count(number: int) -> str:
    """``1 Veranstaltung``, ``3 Veranstaltungen``, ``keine Veranstaltungen``."""
    if number == 0:
        return "keine Veranstaltungen"
    return f"{number} Veranstaltung" if number == 1 else f"{number} Veranstaltungen"


def _month_link(month: tuple[int, int] | None) -> dict[str, str] | None:
    if month is None:
        return None
    return {"path": paths.month_path(*month), "name": german_dates.month_heading(*month)}


def render_pages(site: Site, config: SiteConfig, today: date, history: History | None = None) -> list[Page]:
    return PageRenderer(site, config, today, history).render_all()


def plan_pages(site: Site, config: SiteConfig, today: date) -> list[PlannedPage]:
    """Every page's address and content file, without rendering any (``quartier validate``)."""
    return PageRenderer(site, config, today).plan()
