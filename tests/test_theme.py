"""The page kinds the engine declares (``render.theme.PageKind``) and the ones the theme's
template switches on (``overrides/main.html``) are the same words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from quartier.render.theme import PageKind

MAIN_HTML = Path(__file__).resolve().parent.parent / "overrides" / "main.html"

_COMPARED = re.compile(r"meta\.quartier\s*(?:==\s*(\"[^\"]*\")|in\s*\(([^)]*)\))")


def compared_kinds(template: str) -> set[str]:
    """Every string a template compares ``page.meta.quartier`` with (``==`` or ``in (…)``)."""
    kinds = set()
    for single, group in _COMPARED.findall(template):
        kinds |= set(re.findall(r'"([^"]*)"', single or group))
    return kinds


def test_the_template_compares_only_declared_page_kinds() -> None:
    compared = compared_kinds(MAIN_HTML.read_text(encoding="utf-8"))
    assert {"event", "calendar", "events-filter"} <= compared  # the reading finds them
    assert compared - set(get_args(PageKind)) == set()


def test_a_misspelt_kind_in_the_template_is_found() -> None:
    template = '{% if page.meta.quartier in ("event", "evnt") %}{% if q_meta.quartier == "calender" %}'
    assert compared_kinds(template) - set(get_args(PageKind)) == {"evnt", "calender"}
