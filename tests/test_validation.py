"""Every validation error of the content contract, as an editor would see it."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import VENUE, ContentFolder

from quartier.content.kinds import KindCode, Lookup
from quartier.content.loading import LoadCode
from quartier.content.moments import MomentCode
from quartier.content.readers import ReadCode
from quartier.content.site_checks import SiteCode
from quartier.content.times import TimeCode
from quartier.content.validation import ContentCode
from quartier.problems import Problem

BERLIN = ZoneInfo("Europe/Berlin")


def only_error(result):
    errors = result.errors
    assert len(errors) == 1, [p.format_text() for p in result.problems]
    assert result.site is None
    return errors[0]


def test_valid_event_becomes_a_model(folder: ContentFolder):
    folder.event(
        "2022-09-14-werkstatt",
        'title: Werkstatt\nstart: "2022-09-14 10:00"\nend: "12:00"\n' + VENUE + "programs: [initiative-ergreifen]\n",
    )
    result = folder.validate()
    assert result.problems == []
    [event] = result.site.events
    assert event.start == datetime(2022, 9, 14, 10, 0, tzinfo=BERLIN)
    assert event.end == datetime(2022, 9, 14, 12, 0, tzinfo=BERLIN)
    assert event.uid == "2022-09-14-werkstatt@quartier.example.org"
    assert event.summary == "Text."
    assert event.venue.city.slug == "essen"


def test_unquoted_time_means_the_time_not_minutes(folder: ContentFolder):
    folder.event("e", "title: W\nstart: 2022-09-14 10:00\nend: 12:00\n" + VENUE)
    [event] = folder.validate().site.events
    assert event.end == datetime(2022, 9, 14, 12, 0, tzinfo=BERLIN)


def test_all_day_end_is_inclusive(folder: ContentFolder):
    folder.event("e", "title: W\nstart: 2022-09-14\nend: 2022-09-16\n" + VENUE)
    [event] = folder.validate().site.events
    assert (event.start, event.end, event.all_day) == (date(2022, 9, 14), date(2022, 9, 16), True)
    assert event.last_day == date(2022, 9, 16)


def test_missing_title(folder: ContentFolder):
    folder.event("e", "start: 2022-09-14\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.path, error.field, error.code) == ("content/events/e.md", "title", KindCode.FIELD_MISSING)


def test_unknown_city_suggests_the_right_one(folder: ContentFolder):
    folder.event("e", "title: W\nstart: 2022-09-14\nvenue:\n  name: Hub\n  city: Esen\n")
    error = only_error(folder.validate())
    assert (error.line, error.field, error.code) == (6, "venue.city", KindCode.CITY_UNKNOWN)
    assert "„Esen“" in error.message and "meinten Sie „Essen“" in error.message


def test_end_before_start(folder: ContentFolder):
    folder.event("e", 'title: W\nstart: "2022-09-14 10:00"\nend: "09:00"\n' + VENUE)
    error = only_error(folder.validate())
    assert (error.line, error.field, error.code) == (4, "end", TimeCode.END_NOT_AFTER_START)


def test_all_day_end_before_start(folder: ContentFolder):
    folder.event("e", "title: W\nstart: 2022-09-14\nend: 2022-09-13\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("end", TimeCode.LAST_DAY_BEFORE_START)


def test_date_that_does_not_exist(folder: ContentFolder):
    folder.event("e", "title: W\nstart: 2022-02-30\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.line, error.field, error.code) == (3, "start", MomentCode.NO_SUCH_DATE)


def test_local_time_in_the_spring_gap(folder: ContentFolder):
    folder.event("e", 'title: W\nstart: "2022-03-27 02:30"\nend: "04:00"\n' + VENUE)
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("start", MomentCode.CLOCK_GAP)


def test_ambiguous_autumn_time_warns_and_takes_the_first(folder: ContentFolder):
    folder.event("e", 'title: W\nstart: "2022-10-30 02:30"\nend: "04:00"\n' + VENUE)
    result = folder.validate()
    assert result.errors == []
    [warning] = result.problems
    assert (warning.severity, warning.code) == ("warning", MomentCode.CLOCK_FOLD)
    [event] = result.site.events
    assert event.start.utcoffset().total_seconds() == 7200  # the first 02:30, still summer time


def test_unknown_timezone(folder: ContentFolder):
    folder.event("e", 'title: W\nstart: "2022-09-14 10:00"\ntimezone: Europe/Berln\n' + VENUE)
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("timezone", KindCode.ZONE_UNKNOWN)
    assert "Europe/Berlin" in error.message  # the zone it was meant to be


def test_timezone_path_traversal_is_just_an_unknown_zone(folder: ContentFolder):
    folder.event("e", 'title: W\nstart: "2022-09-14 10:00"\ntimezone: ../../etc/passwd\n' + VENUE)
    assert only_error(folder.validate()).field == "timezone"


def test_program_slug_that_does_not_exist(folder: ContentFolder):
    folder.event("e", "title: W\nstart: 2022-09-14\n" + VENUE + "programs: [initiative-ergriefen]\n")
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("programs", KindCode.SLUG_UNKNOWN)
    assert "initiative-ergreifen" in error.message  # the program it was meant to be


def test_two_files_with_the_same_uid(folder: ContentFolder):
    folder.event("a", "title: A\nstart: 2022-09-14\nuid: same@x\n" + VENUE)
    folder.event("b", "title: B\nstart: 2022-09-15\nuid: same@x\n" + VENUE)
    error = only_error(folder.validate())
    assert error.code is SiteCode.DUPLICATE_UID
    assert error.path == "content/events/b.md" and error.field == "uid" and "content/events/a.md" in error.message


def test_key_given_twice(folder: ContentFolder):
    folder.event("e", "title: A\nstart: 2022-09-14\ntitle: B\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.line, error.field, error.code) == (4, "title", LoadCode.DUPLICATE_KEY)


def test_unknown_key_suggests_the_known_one(folder: ContentFolder):
    folder.event("e", "title: A\nstart: 2022-09-14\norganiser: X\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("organiser", KindCode.FIELD_UNKNOWN)
    assert "meinten Sie „organizer“" in error.message


def test_python_tag(folder: ContentFolder):
    folder.event("e", "title: A\nstart: 2022-09-14\nsummary: !!python/object/apply:os.getcwd []\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.line, error.code) == (4, LoadCode.TAG)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "JavaScript:alert(1)", "ftp://example.org/"]
)
def test_unsafe_url(folder: ContentFolder, url: str):
    folder.event("e", f"title: A\nstart: 2022-09-14\nregistration: '{url}'\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("registration", KindCode.LINK)


def test_online_url_must_be_https(folder: ContentFolder):
    folder.event("e", "title: A\nstart: 2022-09-14\nformat: online\nonline_url: http://example.org/\n")
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("online_url", KindCode.LINK) and "https" in error.message


def test_venue_required_unless_online(folder: ContentFolder):
    folder.event("e", "title: A\nstart: 2022-09-14\n")
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("venue", ContentCode.VENUE_MISSING)
    folder.event("e", "title: A\nstart: 2022-09-14\nformat: online\n")
    assert folder.validate().ok


def test_number_where_text_is_expected(folder: ContentFolder):
    folder.event("e", "title: 2022\nstart: 2022-09-14\n" + VENUE)
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("title", KindCode.WRONG_TYPE)
    assert "Anführungszeichen" in error.message  # the fix: write the number as text


def test_every_problem_is_reported_in_one_run(folder: ContentFolder):
    folder.event("a", "title: A\nstart: 2022-02-30\n" + VENUE)
    folder.event("b", "start: 2022-09-14\ntimezone: Mars/Olympus\n" + VENUE)
    folder.write("content/projects/p.md", "---\ntitle: P\ncity: Atlantis\n---\n")
    result = folder.validate()
    fields = {(p.path, p.field) for p in result.errors}
    assert fields == {
        ("content/events/a.md", "start"),
        ("content/events/b.md", "title"),
        ("content/events/b.md", "timezone"),
        ("content/projects/p.md", "city"),
    }


def test_file_name_that_is_no_slug(folder: ContentFolder):
    folder.event("Werkstatt in Köln", "title: A\nstart: 2022-09-14\n" + VENUE)
    error = only_error(folder.validate())
    assert error.code is ReadCode.FILE_NAME_NOT_SLUG and "werkstatt-in-koeln.md" in error.expected


def test_reserved_event_slug(folder: ContentFolder):
    folder.event("archiv", "title: A\nstart: 2022-09-14\n" + VENUE)
    assert only_error(folder.validate()).code is ReadCode.FILE_NAME_RESERVED


def test_symlink_out_of_the_project(folder: ContentFolder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text("---\ntitle: geheim\nstart: 2022-09-14\n---\n")
    (folder.root / "content/events").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, folder.root / "content/events/link.md")
    error = only_error(folder.validate())
    assert error.code is LoadCode.LINK_OUTSIDE_PROJECT


def test_script_in_body(folder: ContentFolder):
    folder.event("e", "title: A\nstart: 2022-09-14\n" + VENUE, body="Hallo\n\n<script>alert(1)</script>\n")
    error = only_error(folder.validate())
    assert (error.line, error.code) == (11, ReadCode.HTML_REMOVED) and "<script>" in error.message
    relaxed = folder.validate(removed_html="warning")
    assert relaxed.ok and [p.severity for p in relaxed.problems] == ["warning"]
    assert "alert" not in relaxed.site.body("content/events/e.md").html


def test_project_end_before_start_and_unknown_status(folder: ContentFolder):
    folder.write(
        "content/projects/p.md", "---\ntitle: P\ncity: Essen\nstatus: done\nstart_year: 2020\nend_year: 2019\n---\n"
    )
    result = folder.validate()
    assert {p.field for p in result.errors} == {"status"}  # end_year is checked once the rest is valid
    folder.write("content/projects/p.md", "---\ntitle: P\ncity: Essen\nstart_year: 2020\nend_year: 2019\n---\n")
    error = only_error(folder.validate())
    assert (error.field, error.code) == ("end_year", ContentCode.PROJECT_ENDS_BEFORE_START)


def test_cities_file_missing(folder: ContentFolder):
    (folder.root / "content/cities.yml").unlink()
    assert only_error(folder.validate()).code is ReadCode.CITIES_MISSING


def test_duplicate_city_slug(folder: ContentFolder):
    folder.write("content/cities.yml", "- name: Köln\n  state: NRW\n- name: Koeln\n  state: NRW\n")
    assert only_error(folder.validate()).code is ReadCode.CITY_DUPLICATE


def _warning_problems(folder: ContentFolder) -> list[Problem]:
    result = folder.validate()
    assert result.errors == [], [p.format_text() for p in result.problems]
    return [p for p in result.problems if p.severity == "warning"]


def _warnings(folder: ContentFolder) -> list[str]:
    return [p.format_text() for p in _warning_problems(folder)]


def _duplicate_at(warning: Problem, path: str, code: SiteCode) -> bool:
    return (warning.path, warning.line, warning.field, warning.code) == (path, 3, "start", code)


def test_an_event_saved_twice_is_a_warning_that_names_both_files(folder: ContentFolder):
    # What the form leaves when "Speichern" is pressed twice on a new entry.
    front = 'title: Quartier gestalten\nstart: "2027-05-06 18:00"\nend: "20:00"\n' + VENUE
    folder.event("2027-05-06-quartier-gestalten", front)
    folder.event("2027-05-06-quartier-gestalten-1", front)
    # The wording, as an example for editors:
    assert _warnings(folder) == [
        "Warnung: content/events/2027-05-06-quartier-gestalten-1.md:3: start: Doppelter Eintrag? Gleicher Titel "
        "und gleicher Beginn (2027-05-06 18:00) wie content/events/2027-05-06-quartier-gestalten.md (Erwartet: "
        "eine der beiden Dateien löschen; finden beide statt: parallel_to: [2027-05-06-quartier-gestalten])"
    ]


def test_the_same_title_at_the_same_start_is_a_duplicate_whatever_the_case_and_spacing(folder: ContentFolder):
    folder.event("a", "title: Offene Sprechstunde\nstart: 2027-05-06\nformat: online\n")
    folder.event("b", "title: offene  sprechstunde\nstart: 2027-05-06\nformat: online\n")
    [warning] = _warning_problems(folder)
    assert _duplicate_at(warning, "content/events/b.md", SiteCode.DUPLICATE_TITLE)
    assert "content/events/a.md" in warning.message  # which


def test_the_same_start_at_the_same_venue_is_a_duplicate_under_another_title(folder: ContentFolder):
    folder.event("a", 'title: Werkstatt\nstart: "2027-05-06 18:00"\nend: "20:00"\n' + VENUE)
    folder.event("b", 'title: Werkstattgespräch\nstart: "2027-05-06 18:00"\nend: "21:00"\n' + VENUE)
    [warning] = _warning_problems(folder)
    assert _duplicate_at(warning, "content/events/b.md", SiteCode.DUPLICATE_PLACE)
    assert "(ImpactHUB Ruhr)" in warning.message and "content/events/a.md" in warning.message


@pytest.mark.parametrize(
    "second",
    [
        'title: Werkstatt\nstart: "2027-05-06 19:00"\nend: "21:00"\n' + VENUE,  # another start
        "title: Werkstatt\nstart: 2027-05-06\n" + VENUE,  # all day, not at 18:00
        'title: Forum\nstart: "2027-05-06 18:00"\nend: "20:00"\nformat: online\n',  # no venue, another title
        'title: Forum\nstart: "2027-05-06 18:00"\nend: "20:00"\n'
        + VENUE.replace("ImpactHUB Ruhr", "Zeche Carl"),  # another venue
    ],
)
def test_what_is_no_duplicate(folder: ContentFolder, second: str):
    folder.event("a", 'title: Werkstatt\nstart: "2027-05-06 18:00"\nend: "20:00"\n' + VENUE)
    folder.event("b", second)
    assert _warnings(folder) == []


def test_parallel_workshops_at_one_venue_say_so_in_either_file(folder: ContentFolder):
    folder.event("forum-a", 'title: Forum A\nstart: "2027-06-24 14:00"\nend: "16:00"\n' + VENUE)
    folder.event("forum-b", 'title: Forum B\nstart: "2027-06-24 14:00"\nend: "16:00"\nparallel_to: [forum-a]\n' + VENUE)
    folder.event("forum-c", 'title: Forum C\nstart: "2027-06-24 14:00"\nend: "16:00"\n' + VENUE)
    # forum-c names none of them: it is reported against the first file, and only it.
    [warning] = _warning_problems(folder)
    assert _duplicate_at(warning, "content/events/forum-c.md", SiteCode.DUPLICATE_PLACE)
    folder.event(
        "forum-a",
        'title: Forum A\nstart: "2027-06-24 14:00"\nend: "16:00"\nparallel_to: [forum-c]\n' + VENUE,
    )
    assert _warnings(folder) == []
    [event] = [e for e in folder.validate().site.events if e.slug == "forum-b"]
    assert event.parallel_to == ("forum-a",)


def test_validate_names_both_files_of_a_duplicate_and_counts_the_warning(folder: ContentFolder, capsys):
    from quartier.frontends.cli import main

    front = 'title: Quartier gestalten\nstart: "2027-05-06 18:00"\nend: "20:00"\n' + VENUE
    folder.event("2027-05-06-quartier-gestalten", front)
    folder.event("2027-05-06-quartier-gestalten-1", front)
    assert main(["--root", str(folder.root), "validate"]) == 0
    err = capsys.readouterr().err
    assert "content/events/2027-05-06-quartier-gestalten-1.md:3" in err
    assert "wie content/events/2027-05-06-quartier-gestalten.md" in err
    assert err.rstrip().endswith("0 Fehler, 1 Warnung")
    assert "Alle Inhalte sind in Ordnung." not in err


def test_the_codes_of_reading_and_checking_are_unique_and_shaped_area_dot_what():
    import re

    from quartier.content.docs_pages import DocsPageCode
    from quartier.content.publishing import DocsCode
    from quartier.content.redirects import RedirectCode

    codes = [
        code
        for area in (LoadCode, ReadCode, SiteCode, ContentCode, DocsPageCode, DocsCode, RedirectCode)
        for code in area
    ]
    values = [code.value for code in codes]
    assert len(values) == len(set(values))
    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*", value) for value in values), values


def test_a_types_reader_returns_its_item_body_and_problems_and_changes_nothing(folder: ContentFolder):
    from quartier.content.readers import read_cities, read_folder
    from quartier.content.schema import PROJECT
    from quartier.content.validation import Context, read_project

    folder.write("content/projects/p.md", "---\ntitle: P\ncity: Essen\nstart_year: 2020\nend_year: 2019\n---\nText.\n")
    config = folder.config()
    cities = read_cities(config)
    [doc] = read_folder(config, PROJECT).documents
    context = Context(config, None, Lookup(root=config.root, cities=dict(cities.by_name)), {}, {})
    first, again = read_project(doc, context), read_project(doc, context)
    assert first == again  # nothing collected between the two
    assert first.item is None and first.body is not None and first.body.html == "<p>Text.</p>"
    assert [(p.field, p.code) for p in first.problems] == [("end_year", ContentCode.PROJECT_ENDS_BEFORE_START)]


def test_the_second_file_for_one_address_is_the_one_reported():
    from quartier.content.readers import Publication
    from quartier.content.site_checks import publish

    files, problems = publish(
        [
            Publication("aktuelles/bilder/a.png", b"1", "content/news/bilder/a.png"),
            Publication("aktuelles/bilder/a.png", b"1", "content/news/bilder/a.png"),  # the same bytes again
            Publication("aktuelles/bilder/a.png", b"2", "content/news/bilder/b.png"),
        ]
    )
    assert files == {"aktuelles/bilder/a.png": b"1"}
    assert [(p.path, p.code) for p in problems] == [("content/news/bilder/b.png", SiteCode.ADDRESS_TAKEN)]
