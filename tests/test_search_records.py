"""What a page tells the search index (render/search.py): the place as results show it,
titles in plain words for ranking, metadata written so Pagefind reads it whole."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from quartier.content.model import City, EventFormat, Venue
from quartier.render.search import META_WEIGHTS, SearchRecord, plain_words
from quartier.render.wording import place_with_venue

ESSEN = City(name="Essen", slug="essen", state="Nordrhein-Westfalen", lat=51.4566, lon=7.0123)
OFFENBACH = City(name="Offenbach am Main", slug="offenbach-am-main", state="Hessen", lat=50.1, lon=8.76)


@dataclass(frozen=True)
class _Placed:
    venue: Venue | None
    format: EventFormat = "in-person"
    online_url: str | None = None


@pytest.mark.parametrize(
    ("venue", "format", "expected"),
    [
        (Venue("Zeche Zollverein", "Gelsenkirchener Straße 181, 45309", ESSEN), "in-person", "Zeche Zollverein, Essen"),
        (Venue("ImpactHUB Ruhr", "", ESSEN), "hybrid", "ImpactHUB Ruhr, Essen und online"),
        (Venue("Museum Folkwang Essen", "", ESSEN), "in-person", "Museum Folkwang Essen"),  # says the city
        (Venue("Essener Tafel", "", ESSEN), "hybrid", "Essener Tafel, Essen und online"),  # a word, not the city
        (Venue("Rathaus Offenbach", "", OFFENBACH), "in-person", "Rathaus Offenbach, Offenbach am Main"),
        (Venue("Zeche Zollverein", "", ESSEN), "online", "Online"),
        (None, "online", "Online"),
    ],
)
def test_a_result_names_the_venue_and_its_city(venue: Venue | None, format: EventFormat, expected: str) -> None:
    assert place_with_venue(_Placed(venue, format)) == expected


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("Projektbörse „Initiative ergreifen“ 2027", "Projektbörse Initiative ergreifen 2027"),
        ("»Wir im Quartier« – ein Rückblick…", "Wir im Quartier ein Rückblick"),
        ('Ko-kreative Transformation (Teil 2): "Wohnen"', 'Ko-kreative Transformation (Teil 2): "Wohnen"'),
        ("Bürgerhaus Alte Schule", "Bürgerhaus Alte Schule"),
    ],
)
def test_ranked_titles_lose_the_punctuation_pagefind_would_count_twice(title: str, plain: str) -> None:
    # ASCII punctuation stays: Pagefind splits words there itself.
    assert plain_words(title) == plain


def _meta(record: SearchRecord) -> dict[str, str]:
    soup = BeautifulSoup(record.attributes(), "html.parser")
    pairs = [span["data-pagefind-meta"].split(":", 1) for span in soup.select("[data-pagefind-meta]")]
    return {name: value for name, value in pairs}


def test_a_title_with_quotes_is_ranked_plain_and_shown_as_written() -> None:
    record = SearchRecord("Veranstaltung", meta=(("ort", "Zeche Zollverein, Essen"),), title="„Essen“ & Trinken")
    meta = _meta(record)
    assert meta == {"ort": "Zeche Zollverein, Essen", "title": "Essen & Trinken", "titel": "„Essen“ & Trinken"}
    assert "&amp;" in record.attributes() and "Zollverein, Essen" in record.attributes()  # escaped, comma kept
    assert _meta(SearchRecord("Stadt", title="Essen")) == {"title": "Essen"}  # nothing else to show


def test_the_shown_title_does_not_count_for_the_ranking() -> None:
    assert META_WEIGHTS["titel"] == 0.0
    assert META_WEIGHTS["ort"] >= META_WEIGHTS["title"]
    assert META_WEIGHTS["stadt"] > META_WEIGHTS["title"] and META_WEIGHTS["programm"] > META_WEIGHTS["title"]
