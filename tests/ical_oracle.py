"""The test oracle: every feed built as icalendar objects and serialized by ``to_ical()``.

The engine's encoder (``quartier.feeds.ical.encoder``) must write the same bytes. This
lives in the tests, not in the engine: production never builds icalendar objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import icalendar
from icalendar import vCalAddress, vRecur, vText, vUri

from quartier.config import SiteConfig
from quartier.content.history import History, Revision
from quartier.content.model import Event, Site
from quartier.feeds.ical.calendars import Reach, _Writer, event_vevents, feed_specs, select_events
from quartier.feeds.ical.components import calendar_properties, event_properties
from quartier.feeds.ical.encoder import CAL_ADDRESS, CATEGORIES, RECUR, TEXT, URI, Prop, recur_dict
from quartier.feeds.ical.vtimezone import vtimezone_component


def _icalendar_value(prop: Prop) -> tuple[Any, dict[str, str] | None]:
    _name, kind, value, params = prop
    extra = dict(params) if params else None
    if kind == TEXT:
        return vText(value), extra
    if kind in (URI,):
        return vUri(value), extra
    if kind == CAL_ADDRESS:
        return vCalAddress(value), extra
    if kind == CATEGORIES:
        return list(value), extra
    if kind == RECUR:
        return vRecur(recur_dict(value)), extra
    return value, extra  # date-time, date, integer, geo, duration: icalendar's own mapping


def _icalendar_component(component: icalendar.cal.component.Component, props: Iterable[Prop]):
    for prop in props:
        value, parameters = _icalendar_value(prop)
        component.add(prop[0], value, parameters=parameters)
    return component


def event_component(
    event: Event,
    site: Site,
    config: SiteConfig,
    revision: Revision | None = None,
    today: date | None = None,
) -> icalendar.Event:
    """``event`` as an icalendar ``Event`` (what the encoder writes, built the slow way)."""
    return _icalendar_component(icalendar.Event(), event_properties(event, site, config, revision, today))


def event_components(
    event: Event,
    site: Site,
    config: SiteConfig,
    revision: Revision | None = None,
    today: date | None = None,
) -> list[icalendar.Event]:
    """The VEVENTs of ``event``: itself, and for a series its overrides (moved dates, and
    dates that span a clock change) after it."""
    return [
        _icalendar_component(icalendar.Event(), props) for props in event_vevents(event, site, config, revision, today)
    ]


def reference_feeds(site: Site, config: SiteConfig, today: date, history: History | None = None) -> dict[str, bytes]:
    """The same files built entirely as icalendar objects and serialized by ``to_ical()``.

    Slow (about 0.3 ms per event and file); for tests and benchmarks, which require it to
    equal ``render_feeds`` byte for byte.
    """
    writer = _Writer(site, config, history, today)
    revisions = history.revisions if history else {}
    files: dict[str, bytes] = {}
    components: dict[int, list[icalendar.Event]] = {}
    for spec in feed_specs(site, config):
        events: list[Event] | tuple[Event, ...] = spec.events
        reach: Reach | None = None
        if spec.windowed:
            events, reach, _warning = select_events(
                spec, config, today, lambda chosen, r, spec=spec: len(writer.feed(spec, chosen, r))
            )
        cal = _icalendar_component(
            icalendar.Calendar(),
            calendar_properties(
                config, spec.name, spec.page_url, config.absolute_url(spec.path), writer.describe(reach)
            ),
        )
        for tzid in writer.zones_for(events):
            cal.add_component(vtimezone_component(*writer.spans[tzid]))
        for event in events:
            if id(event) not in components:
                components[id(event)] = event_components(event, site, config, revisions.get(event.uid), today)
            for component in components[id(event)]:
                cal.add_component(component)
        files[spec.path] = cal.to_ical()
    return files
