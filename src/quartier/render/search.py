"""Search: what each page tells Pagefind, the search page's choices, and the index itself.

Pagefind indexes the finished HTML of the built site (``build_index``), so any builder's
output can be searched. The engine marks what belongs to the index: each item page is
wrapped in ``data-pagefind-body`` and carries its kind, city, program, format, year and
"kommend"/"vergangen" as filter attributes (empty elements, so they add no words), and
the date and place a result shows as metadata. Listings, the search page and the editor
reference are not indexed: they repeat what the item pages say.

Metadata is searched too (Pagefind 1.5), and the search page weighs a match in a field
by ``META_WEIGHTS``: the place an event or project is at (``ort``: venue and city) counts
more than the same word in running text, and the page of a city or program (``stadt``,
``programm``, which only that page carries) comes first for its own name.
"""

from __future__ import annotations

import html
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from quartier.content.model import City, Event, Picture, Post, Program, Project, Site
from quartier.render.wording import STATUS_WORDS, place_with_venue
from quartier.text import german_dates

INDEX_FOLDER = "pagefind"
"""Where the index goes, below the site folder (the search page loads it from there)."""

FORMAT_WORDS = {"in-person": "vor Ort", "online": "online", "hybrid": "hybrid"}
"""An event's format as visitors read it (filters, results)."""

KINDS = ("Veranstaltung", "Projekt", "Programm", "Stadt", "Aktuelles", "Seite")
"""The ``art`` filter: what kind of page a result is."""

UPCOMING, PAST = "kommend", "vergangen"

EXCLUDED = (".q-print-only", ".q-date")
"""What Pagefind leaves out of every page: the printed notice's QR code and page address
(the address would count the words of an event's slug, „…-essen“, as a match and show
up in excerpts), and the date badges of listed events (hidden from assistive technology
too: the card says the date in full; indexed, they ran together as „Di5Jan“)."""

META_WEIGHTS = {"title": 5.0, "titel": 0.0, "ort": 5.0, "stadt": 6.0, "programm": 6.0}
"""How much a match in a metadata field adds to a result's score (Pagefind's
``ranking.metaWeights``; a field not named counts 1.0). A field's boost is its weight
times the matched words' IDF (times the share of the query they cover, squared), while
each word form matched in running text scores at most about 4.3 times its IDF however
often it occurs (BM25 saturates at ``termSaturation + 1 = 2.4``, times Pagefind's 1.8
for an exact match). So with 5.0 a page whose place is the word outranks pages that only
mention it; ``title`` keeps Pagefind's default 5.0; ``titel``, the title as written, is
only shown; and the 6.0 of a city's or program's own field lifts its page above events
that carry the same name in title and place. The search page's script gets these from
the page (``data-ranking`` on the form)."""

PAST_FACTOR = 0.5
"""A past event's score counts half in the search page's order: an upcoming or ongoing
event comes first unless the past one matches at least twice as well."""


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind learns about one page besides its text."""

    kind: str
    filters: tuple[tuple[str, str], ...] = ()
    """``(filter, value)`` pairs: ``("stadt", "Essen")``."""

    meta: tuple[tuple[str, str], ...] = ()
    """Shown with a result: ``("datum", "Do., 24.06.2027")``."""

    sort_date: str = ""
    """ISO date for sorting by date."""

    title: str = ""
    """The page's title: ranked as ``title`` in ``plain_words``, shown as ``titel`` when they differ."""

    def attributes(self) -> str:
        """Empty elements carrying the filters and metadata (escaped; no words to index)."""
        meta = list(self.meta)
        if self.title:
            meta.append(("title", plain_words(self.title)))
            if plain_words(self.title) != self.title:
                meta.append(("titel", self.title))
        parts = [f'<span data-pagefind-filter="art:{_value(self.kind)}"></span>']
        parts += [f'<span data-pagefind-filter="{name}:{_value(value)}"></span>' for name, value in self.filters]
        parts += [f'<span data-pagefind-meta="{name}:{_value(value)}"></span>' for name, value in meta]
        if self.sort_date:
            parts.append(f'<span data-pagefind-sort="datum:{self.sort_date}"></span>')
        return '<div class="q-search-data" hidden>' + "".join(parts) + "</div>"

    def wrap(self, content: str) -> str:
        return f"<div data-pagefind-body>\n{self.attributes()}\n{content}\n</div>"


def plain_words(text: str) -> str:
    """``text`` with punctuation outside ASCII as spaces: „Initiative ergreifen“ →
    Initiative ergreifen. Pagefind 1.5 splits a word only at ASCII punctuation; a word
    with „ or “ attached is indexed once more, as a "compound", and a metadata match
    then counts that query word twice (its coverage squared above 1): an event titled
    „Initiative ergreifen“ would outrank the program's own page. The ranked fields get
    their words plain; the title as written is kept to be shown."""
    spaced = "".join(" " if ord(c) > 127 and unicodedata.category(c).startswith("P") else c for c in text)
    return " ".join(spaced.split())


def _value(text: str) -> str:
    # Pagefind 1.5 splits "name:value" at the first colon and takes the rest as it is
    # (commas and colons included); only names before the colon are split at commas.
    return html.escape(text, quote=True)


def picture_meta(picture: Picture | None) -> tuple[tuple[str, str], ...]:
    """The thumbnail a result shows (site paths: the search page resolves them): the
    smallest WebP (``bild``) and its JPEG/PNG (``bild_ersatz``); nothing for an SVG."""
    if picture is None or not picture.modern:
        return ()
    return (("bild", picture.modern[0].path), ("bild_ersatz", picture.fallback[0].path))


def event_record(event: Event, site: Site, today: date) -> SearchRecord:
    filters: list[tuple[str, str]] = [("format", FORMAT_WORDS[event.format]), ("jahr", str(event.first_day.year))]
    filters.append(("zeit", UPCOMING if event.is_upcoming(today) else PAST))
    if event.venue is not None:
        filters.append(("stadt", event.venue.city.name))
    filters += [("programm", site.program_by_slug[s].title) for s in event.programs]
    when = german_dates.event_when_short(event.when)
    status = STATUS_WORDS[event.status].adjective
    meta = [("datum", when), ("ort", place_with_venue(event))] + ([("status", status)] if status else [])
    meta += picture_meta(event.picture)
    return SearchRecord("Veranstaltung", tuple(filters), tuple(meta), event.first_day.isoformat(), event.title)


def project_record(project: Project, site: Site) -> SearchRecord:
    filters: list[tuple[str, str]] = [("stadt", project.city.name)]
    filters += [("programm", site.program_by_slug[s].title) for s in project.programs]
    if project.start_year:
        filters.append(("jahr", str(project.start_year)))
    meta = (("ort", project.city.name), *picture_meta(project.picture))
    return SearchRecord("Projekt", tuple(filters), meta, title=project.title)


def program_record(program: Program) -> SearchRecord:
    meta = (("programm", plain_words(program.title)), *picture_meta(program.picture))
    return SearchRecord("Programm", (("programm", program.title),), meta, title=program.title)


def city_record(city: City) -> SearchRecord:
    meta = (("ort", f"{city.name} ({city.state})"), ("stadt", plain_words(city.name)))
    return SearchRecord("Stadt", (("stadt", city.name),), meta, title=city.name)


def post_record(post: Post, site: Site) -> SearchRecord:
    filters = [("jahr", str(post.day.year))] + [("programm", site.program_by_slug[s].title) for s in post.programs]
    meta = (("datum", german_dates.short_date(post.day)), *picture_meta(post.picture))
    return SearchRecord("Aktuelles", tuple(filters), meta, post.day.isoformat(), post.title)


@dataclass(frozen=True)
class SearchChoices:
    """What the search page offers to narrow a search, from the content itself."""

    cities: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    formats: tuple[str, ...] = field(default=tuple(FORMAT_WORDS.values()))
    kinds: tuple[str, ...] = KINDS


def search_choices(site: Site) -> SearchChoices:
    used = {e.venue.city.slug for e in site.events if e.venue} | {p.city.slug for p in site.projects}
    cities = tuple(c.name for c in sorted(site.cities, key=lambda c: c.name.casefold()) if c.slug in used)
    years = {e.first_day.year for e in site.events} | {p.day.year for p in site.posts}
    years |= {p.start_year for p in site.projects if p.start_year}
    return SearchChoices(
        cities, tuple(p.title for p in site.programs), tuple(str(y) for y in sorted(years, reverse=True))
    )


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (its message, in German)."""


def build_index(site_dir: Path) -> str:
    """Index the built site at ``site_dir`` into ``site_dir/pagefind/``; Pagefind's summary.

    The binary comes in the ``pagefind[bin]`` wheel: nothing is downloaded.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", INDEX_FOLDER]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(
        [*command, "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Suchindex nicht erstellt: {(result.stderr or result.stdout).strip()[:500]}")
    return result.stdout.strip()


__all__ = [
    "SearchRecord",
    "SearchChoices",
    "search_choices",
    "build_index",
    "INDEX_FOLDER",
    "FORMAT_WORDS",
    "KINDS",
    "META_WEIGHTS",
    "plain_words",
    "PAST_FACTOR",
    "event_record",
    "project_record",
    "program_record",
    "city_record",
    "post_record",
]
