"""axe-core (WCAG 2.0/2.1, A and AA) finds nothing on any kind of page; the basics a
screen reader and a keyboard need are there."""

from __future__ import annotations

from itertools import pairwise

import pytest

from .helpers import PAGES, format_violations, run_axe, search

EVENT_PAGE_NAMES = [name for name in PAGES if name.startswith("event")]


@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(report, axe, name: str):
    violations = report(name).violations
    assert not violations, f"{PAGES[name] or '/'}:\n{format_violations(violations)}"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations_on_a_phone(phone_visit, axe, name: str):
    phone_visit.open(PAGES[name])
    violations = run_axe(phone_visit.page)
    assert not violations, f"{PAGES[name] or '/'} (390 px):\n{format_violations(violations)}"


def test_no_axe_violations_with_search_results_open(visit, axe):
    visit.open("")
    assert search(visit.page, "Werkstatt")  # results with lists and code from the help pages
    violations = run_axe(visit.page)
    assert not violations, f"search open:\n{format_violations(violations)}"


@pytest.mark.parametrize("name", list(PAGES))
def test_german_page(report, name: str):
    assert report(name).status == 200
    assert report(name).lang == "de"


@pytest.mark.parametrize("name", list(PAGES))
def test_skip_link_is_the_first_stop_and_leads_to_the_content(report, name: str):
    skip = report(name).skip
    assert "md-skip" in skip["cls"].split() and skip["text"] == "Zum Inhalt", skip
    assert skip["visible"], f"the focused skip link is not on screen: {skip}"
    assert skip["target_exists"] and skip["hash_after_enter"] == skip["href"], skip
    assert skip["next_in_content"], f"after the skip link, Tab does not land in the content: {skip}"


@pytest.mark.parametrize("name", EVENT_PAGE_NAMES)
def test_event_headings_in_order(report, name: str):
    headings = report(name).headings
    assert headings and headings[0][0] == 1, headings
    assert [level for level, _ in headings].count(1) == 1, headings
    for (before, _), (after, text) in pairwise(headings):
        assert after <= before + 1, f"{PAGES[name]}: <h{after}> {text!r} follows <h{before}>: {headings}"
