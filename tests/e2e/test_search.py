"""Material's search, typed into like a visitor does, finds venues, cities, programs and
German word forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import PAGES, PAST_EVENT, UPCOMING_EVENT, built_file, search


@pytest.mark.parametrize(("query", "expected"), [
    ("Gleisdreieck", [PAST_EVENT]),                                      # a venue's surroundings
    ("Zollverein", [UPCOMING_EVENT]),                                    # a venue
    ("Essen", ["staedte/essen/", UPCOMING_EVENT, PAGES["project"]]),     # a city: its page, events, projects
    ("Initiative ergreifen", ["programme/initiative-ergreifen/", UPCOMING_EVENT]),  # a program
])
def test_search_finds(visit, query: str, expected: list[str]):
    visit.open("")
    found = search(visit.page, query)
    for path in expected:
        assert path in found, f"{query!r}: {path} not among {found}"


def _text(site: Path, path: str) -> str:
    return built_file(site, path).read_text(encoding="utf-8")


def test_german_stemming_finds_other_word_forms(visit, site_dir: Path):
    """"Werkstätten" finds pages that only say "Werkstatt"."""
    visit.open("")
    found = search(visit.page, "Werkstätten")
    only_singular = [p for p in found if re.search(r"Werkstatt\b", _text(site_dir, p)) and "Werkstätten" not in _text(site_dir, p)]
    assert only_singular, f"no page with only 'Werkstatt' among {found}"
    assert "veranstaltungen/2026-03-19-perspektiven-werkstatt-leerstand-offenbach/" in found


def test_partial_words_still_find_while_typing(visit):
    visit.open("")
    assert PAST_EVENT in search(visit.page, "Gleisdrei")
