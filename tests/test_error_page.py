"""The preview's error page: every problem with its place, escaped like any page of the site."""

from __future__ import annotations

from bs4 import BeautifulSoup

from quartier.site.error_page import error_page_html


def test_each_problem_is_listed_with_its_place_and_nothing_an_editor_wrote_becomes_markup():
    problems = [
        "content/events/a.md:3: start: „<img src=x onerror=alert(1)>“ ist kein gültiges Datum",
        "overrides/main.html:1: -: Datei ist ein Verweis (Symlink)",
        "QUARTIER_TODAY=„morgen“ ist kein Datum",
    ]
    soup = BeautifulSoup(error_page_html(problems, "Quartier <Test>", admin=True), "html.parser")
    assert soup.html["lang"] == "de" and soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert soup.title.get_text() == "Vorschau angehalten: 3 Fehler im Inhalt – Quartier <Test>"
    items = soup.select("ol.q-problems li")
    assert [li.code.get_text() if li.code else None for li in items] == [
        "content/events/a.md:3",
        "overrides/main.html:1",
        None,
    ]
    assert items[0].get_text() == problems[0]
    assert soup.find("img") is None and soup.find("script") is None
    assert soup.select_one("a[href='/admin/']") is not None


def test_without_the_form_there_is_no_link_to_it():
    soup = BeautifulSoup(error_page_html(["x.md:1: -: kaputt"], "Quartier"), "html.parser")
    assert soup.select_one("a[href='/admin/']") is None
