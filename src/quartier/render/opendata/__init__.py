"""The site's open data below ``/daten/``: tables, linked data and a DCAT-AP.de catalog.

::

    daten/veranstaltungen.csv      one row per date (tables.event_rows)
    daten/veranstaltungen.jsonld   the same dates as schema.org Events with CPEV terms
    daten/projekte.csv             one row per project
    daten/programme.csv            one row per program
    daten/katalog.jsonld           DCAT-AP.de: a dataset per table, a distribution per file

Pure functions of the content, the settings, "today" and the Git history: the same
input gives the same bytes. The page ``/daten/`` that explains them is rendered with the
other pages (``pages.open_data_page``) from the same declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from quartier import paths
from quartier.config import SiteConfig
from quartier.content.history import History
from quartier.content.model import Site
from quartier.render.opendata.catalog import catalog_jsonld
from quartier.render.opendata.linked import events_jsonld
from quartier.render.opendata.tables import csv_bytes, event_columns, event_rows, program_columns, project_columns

OPEN_DATA_FILES = (
    paths.OPEN_DATA_EVENTS_CSV,
    paths.OPEN_DATA_EVENTS_JSONLD,
    paths.OPEN_DATA_PROJECTS_CSV,
    paths.OPEN_DATA_PROGRAMS_CSV,
    paths.OPEN_DATA_CATALOG,
)
"""What ``render_open_data`` writes, known without writing it (``quartier validate``)."""


def render_open_data(
    site: Site,
    config: SiteConfig,
    today: date,
    history: History | None = None,
    other_files: Mapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every file below ``daten/`` by site path. ``other_files`` (the feeds) give the
    catalog the size of the distributions written elsewhere (``kalender.ics``)."""
    rows = event_rows(site, config, today, history.revisions if history else None)
    files = {
        paths.OPEN_DATA_EVENTS_CSV: csv_bytes(event_columns(site), rows),
        paths.OPEN_DATA_EVENTS_JSONLD: events_jsonld(rows, site, config),
        paths.OPEN_DATA_PROJECTS_CSV: csv_bytes(project_columns(site, config), site.projects),
        paths.OPEN_DATA_PROGRAMS_CSV: csv_bytes(program_columns(config), site.programs),
    }
    sizes = {path: len(data) for path, data in {**(other_files or {}), **files}.items()}
    files[paths.OPEN_DATA_CATALOG] = catalog_jsonld(config, sizes)
    assert tuple(files) == OPEN_DATA_FILES
    return files


__all__ = ["OPEN_DATA_FILES", "render_open_data"]
