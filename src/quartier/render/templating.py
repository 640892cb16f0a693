"""The Jinja2 environment for every template of the engine (pages, post additions).

One environment, built once: templates are compiled once per process, not per renderer.
It must not hold anything that depends on a site; such values go into the render context.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from quartier import paths
from quartier.render import urls
from quartier.render.listings import SeriesCard
from quartier.render.wording import FORMAT_WORDS, STATUS_WORDS, Placed, change_notice, occurrence_note, place_short
from quartier.text import german_dates


def where_short(event: Placed) -> str:
    """``· Essen``, ``· Essen und online`` or ``· Online`` after an event in a list."""
    return "· " + place_short(event)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("quartier.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals.update(
        link=paths.relative,
        city_path=paths.city_path,
        webcal=urls.webcal,
        google_subscribe=urls.google_subscribe,
        month_heading=german_dates.month_heading,
        short_date=german_dates.short_date,
        day_month_year=german_dates.day_month_year,
        feed_help=paths.FEED_HELP,
        when_short=lambda e: german_dates.event_when_short(e.when),
        where_short=where_short,
        date_badge=german_dates.date_badge,
        format_words=FORMAT_WORDS,
        status_words=STATUS_WORDS,
        search_page=paths.SEARCH_PAGE,
        occurrence_note=occurrence_note,
        change_notice=change_notice,
    )
    env.tests["series_card"] = lambda value: isinstance(value, SeriesCard)
    return env
