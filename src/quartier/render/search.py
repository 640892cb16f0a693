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
import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from quartier.content.model import City, Event, Picture, Post, Program, Project, Site
from quartier.render.wording import FORMAT_WORDS, STATUS_WORDS, place_with_venue
from quartier.text import german_dates

INDEX_FOLDER = "pagefind"
"""Where the index goes, below the site folder (the search page loads it from there)."""

"""An event's format as visitors read it (filters, results)."""

KINDS = ("Veranstaltung", "Projekt", "Programm", "Stadt", "Aktuelles", "Seite")
"""The ``art`` filter: what kind of page a result is."""

UPCOMING, PAST = "kommend", "vergangen"

EXCLUDED = (".q-print-only", ".q-date")

LANGUAGE = "de"
"""The site's language, as ``<html lang>`` tells Pagefind (its word stemming)."""
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
    filters: list[tuple[str, str]] = [("format", FORMAT_WORDS[event.format].word), ("jahr", str(event.first_day.year))]
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
    formats: tuple[str, ...] = field(default=tuple(words.word for words in FORMAT_WORDS.values()))
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


PAGEFIND_VARIABLE = "QUARTIER_PAGEFIND"
"""Names another Pagefind executable than the project's own (tests, benchmarks, a comparison)."""

PAGEFIND_FOLDER = "search"
"""The npm project below the project folder that pins Pagefind (``package-lock.json``, ``npm ci``).

Pagefind from npm, not the ``pagefind[bin]`` wheel: 1.6.0 writes the same index for the
same pages (1.5.2, the newest wheel, wrote its filter and metadata chunks in another
order on every run), so two builds of the same content are the same bytes."""

PAGEFIND_EXECUTABLE = Path(PAGEFIND_FOLDER, "node_modules", ".bin", "pagefind")
"""npm's launcher of the platform's binary, below the project folder."""


def pagefind_command(root: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """How to run Pagefind for the project at ``root``: ``QUARTIER_PAGEFIND``, else the project's own."""
    configured = (environ if environ is not None else os.environ).get(PAGEFIND_VARIABLE, "").strip()
    if configured:
        return [configured]
    own = root / PAGEFIND_EXECUTABLE
    if own.is_file():
        return [str(own)]
    raise SearchIndexError(
        f"Suchindex nicht erstellt: Pagefind ist nicht installiert ({own} fehlt; im Ordner "
        f"{PAGEFIND_FOLDER}/ „npm ci“ ausführen, oder make site; "
        f"{PAGEFIND_VARIABLE}=/pfad/zu/pagefind nennt ein anderes)"
    )


def _index_command(site_dir: Path, root: Path) -> list[str]:
    command = [*pagefind_command(root), "--site", str(site_dir), "--output-subdir", INDEX_FOLDER]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return command


@dataclass
class IndexJob:
    """Pagefind indexing the site's searchable pages while the builder renders them.

    Pagefind reads only what is inside ``data-pagefind-body``, and only the engine's pages
    and the hand-written pages carry it. Given those bodies in documents of their own
    (``search_documents``), Pagefind writes the index it would write over the finished
    site, byte for byte (``tests/test_search_index.py`` compares the two), so it can run
    on the second core from the moment the engine is done, instead of after the builder.
    """

    folder: Path
    """A temporary folder: the documents, and Pagefind's output below them."""

    process: subprocess.Popen[str]


def start_index(documents: Mapping[str, str], root: Path) -> IndexJob:
    """Write ``documents`` (HTML by site path, ``x/index.html``) into a temporary folder
    and start Pagefind over it; ``finish_index`` puts the index into the site."""
    folder = Path(tempfile.mkdtemp(prefix="quartier-suche-"))
    try:
        for path, text in documents.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        command = _index_command(folder, root)
        process = subprocess.Popen(
            [*command, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace"
        )
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise SearchIndexError(
            f"Suchindex nicht erstellt: Pagefind lässt sich nicht starten ({exc.strerror})"
        ) from None
    except SearchIndexError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return IndexJob(folder, process)


def finish_index(job: IndexJob, site_dir: Path) -> str:
    """Wait for ``job`` and move its index to ``site_dir/pagefind/``; Pagefind's summary."""
    try:
        out, err = job.process.communicate()
        if job.process.returncode != 0:
            raise SearchIndexError(f"Suchindex nicht erstellt: {(err or out).strip()[:500]}")
        target = site_dir / INDEX_FOLDER
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(job.folder / INDEX_FOLDER), str(target))
        return out.strip()
    finally:
        shutil.rmtree(job.folder, ignore_errors=True)


def cancel_index(job: IndexJob) -> None:
    """A build that failed: end Pagefind and leave nothing behind."""
    if job.process.returncode is None:  # not yet waited for (finish_index waits)
        if job.process.poll() is None:
            job.process.terminate()
        job.process.communicate()
    shutil.rmtree(job.folder, ignore_errors=True)


def page_document(body: str, title: str) -> str:
    """A searchable page as Pagefind needs it: the language and the marked body (``body``
    holds ``data-pagefind-body``); the builder's frame around it adds nothing it indexes."""
    return (
        f'<!doctype html>\n<html lang="{LANGUAGE}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def build_index(site_dir: Path, root: Path) -> str:
    """Index the built site at ``site_dir`` into ``site_dir/pagefind/`` with the Pagefind of
    the project at ``root``; Pagefind's summary."""
    command = _index_command(site_dir, root)
    try:
        result = subprocess.run([*command, "--quiet"], capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        raise SearchIndexError(
            f"Suchindex nicht erstellt: {command[0]} lässt sich nicht starten ({exc.strerror})"
        ) from None
    if result.returncode != 0:
        raise SearchIndexError(f"Suchindex nicht erstellt: {(result.stderr or result.stdout).strip()[:500]}")
    return result.stdout.strip()


__all__ = [
    "SearchRecord",
    "SearchChoices",
    "search_choices",
    "build_index",
    "cancel_index",
    "finish_index",
    "IndexJob",
    "page_document",
    "start_index",
    "pagefind_command",
    "PAGEFIND_VARIABLE",
    "PAGEFIND_FOLDER",
    "PAGEFIND_EXECUTABLE",
    "INDEX_FOLDER",
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
