"""Redirects from content/redirects.yml: validated, and written as pages at the old URLs."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import VENUE, ContentFolder

from quartier.content.redirects import RedirectCode, render_redirects


def test_redirect_page_points_to_the_new_url(folder: ContentFolder):
    folder.event("neu", "title: N\nstart: 2027-01-01\n" + VENUE)
    folder.write("content/redirects.yml", "veranstaltungen/alt/: veranstaltungen/neu/\n")
    site = folder.validate().site
    files = render_redirects(site.redirects, folder.config())
    soup = BeautifulSoup(files["veranstaltungen/alt/index.html"], "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../neu/"
    assert soup.find("link", rel="canonical")["href"] == "https://quartier.example.org/veranstaltungen/neu/"


def test_bad_redirects(folder: ContentFolder):
    folder.event("neu", "title: N\nstart: 2027-01-01\n" + VENUE)
    folder.write(
        "content/redirects.yml",
        "veranstaltungen/neu/: veranstaltungen/neu/\n"
        "veranstaltungen/x/: veranstaltungen/gibt-es-nicht/\n"
        "../../etc/: veranstaltungen/neu/\n"
        "veranstaltungen/y/: https://evil.example.com/\n",
    )
    errors = folder.validate().errors
    assert [(e.line, e.field, e.code) for e in errors] == [
        (1, "veranstaltungen/neu/", RedirectCode.PAGE_EXISTS),
        (2, "veranstaltungen/x/", RedirectCode.TARGET_MISSING),
        (3, "../../etc/", RedirectCode.BAD_PATH),
        (4, "veranstaltungen/y/", RedirectCode.BAD_PATH),
    ]


def test_redirect_to_a_section_page(folder: ContentFolder):
    folder.write("content/redirects.yml", "programme/aufgeloest/: programme/\n")
    assert folder.validate().site.redirects == (("programme/aufgeloest/", "programme/"),)


def test_a_long_chain_is_walked_once_and_a_cycle_at_its_end_is_found():
    from quartier.content.loading import Value, ValueKind
    from quartier.content.redirects import check_redirects

    n = 20_000
    chain = {f"alt/{i}/": Value(f"alt/{i + 1}/", ValueKind.STR, i + 1) for i in range(n)}
    # Before: each start walked the rest of the chain through a list, n³/6 steps.
    result = check_redirects(Value(chain, ValueKind.MAP, 1), "content/redirects.yml", set(), set())
    assert result.problems == () and len(result.value) == n
    chain[f"alt/{n}/"] = Value("alt/0/", ValueKind.STR, n + 1)
    looping = check_redirects(Value(chain, ValueKind.MAP, 1), "content/redirects.yml", set(), set())
    assert looping.value == [] and len(looping.problems) == n + 1
    assert {problem.code for problem in looping.problems} == {RedirectCode.LOOP}
    assert looping.problems[0].message == "Weiterleitung führt im Kreis (alt/0/ → alt/1/ …)"
