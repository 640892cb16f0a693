"""The corpus of bad content files: each must give exactly the errors written beside it.

``tests/corpus/<kind>/<case>.md`` is put into a small valid site as
``content/<kind>/<case>.md``; ``<case>.expected`` holds the lines ``quartier validate``
must print for it (errors and warnings, in order). ``corpus/good/`` holds files that
look odd (BOM, CRLF, CR, tabs) but must validate.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import ContentFolder

from quartier.content.loading import LoadCode
from quartier.content.readers import ReadCode
from quartier.content.site_checks import SiteCode
from quartier.problems import ProblemCode

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for kind in ("events", "projects", "programs") for p in (CORPUS / kind).glob("*.md"))

PROJECT = "---\ntitle: Bürgerhaus Altendorf\ncity: Essen\n---\nEin Bürgerhaus.\n"


def place(folder: ContentFolder, case: Path) -> str:
    folder.write("content/projects/buergerhaus-altendorf.md", PROJECT)
    target = folder.root / "content" / case.parent.name / case.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, target)
    return f"content/{case.parent.name}/{case.name}"


def report(folder: ContentFolder, **config) -> list[str]:
    return [p.format_text() for p in folder.validate(**config).problems]


def found(folder: ContentFolder, **config) -> list[tuple[str, int, str, ProblemCode]]:
    return [(p.path, p.line, p.field, p.code) for p in folder.validate(**config).problems]


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bad_file_gives_its_errors(folder: ContentFolder, case: Path):
    path = place(folder, case)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    got = [line.replace(path, "{path}") for line in report(folder)]
    assert got == expected


@pytest.mark.parametrize("case", sorted((CORPUS / "good").glob("*.md")), ids=lambda p: p.stem)
def test_odd_but_good_files_validate(folder: ContentFolder, case: Path):
    folder.write(f"content/events/{case.name}", case.read_bytes())
    result = folder.validate()
    assert result.problems == [] and len(result.site.events) == 1
    assert result.site.events[0].title.startswith(("Werkstatt", "Alter Mac"))


def test_huge_file_is_rejected_quickly(folder: ContentFolder):
    path = folder.write(
        "content/events/riesig.md",
        b"---\ntitle: x\nstart: 2022-09-14\nformat: online\n---\n" + b"Quartier " * (10 * 1024 * 1024 // 9),
    )
    started = time.perf_counter()
    problems = folder.validate().problems
    elapsed = time.perf_counter() - started
    assert [(p.path, p.line, p.field, p.code) for p in problems] == [
        ("content/events/riesig.md", 1, "-", LoadCode.TOO_LARGE)
    ]
    assert f"{path.stat().st_size:,} Bytes".replace(",", ".") in problems[0].message  # the size, German digits
    assert elapsed < 1.0  # a size check, not a parse: measured here in milliseconds
    # A raised limit lets the file in; converting 10 MB of Markdown then runs out of the
    # time budget, which is reported on the body's first line.
    [refused] = folder.validate(max_file_bytes=20_000_000).problems
    assert (refused.path, refused.line, refused.field, refused.code) == (
        "content/events/riesig.md",
        6,
        "Text",
        ReadCode.BODY_REFUSED,
    )
    assert "1,5 s" in refused.message  # the time budget it ran out of


def test_symlink_pointing_outside_the_project(folder: ContentFolder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "passwd.md"
    outside.write_text("---\ntitle: x\nstart: 2022-09-14\nformat: online\n---\n")
    os.symlink(outside, folder.root / "content/programs/link.md")
    assert found(folder) == [("content/programs/link.md", 1, "-", LoadCode.LINK_OUTSIDE_PROJECT)]


def test_symlink_inside_its_own_folder_is_fine_and_to_another_folder_is_not(folder: ContentFolder):
    folder.write("content/programs/p.md", "---\ntitle: Geteilt\n---\nText.\n")
    os.symlink("p.md", folder.root / "content/programs/geteilt.md")
    assert report(folder) == []
    folder.write("content/shared/q.md", "---\ntitle: Anderswo\n---\nText.\n")
    os.symlink(folder.root / "content/shared/q.md", folder.root / "content/programs/anderswo.md")
    [problem] = folder.validate().problems
    assert (problem.path, problem.line, problem.code) == (
        "content/programs/anderswo.md",
        1,
        LoadCode.LINK_OUTSIDE_FOLDER,
    )
    assert "content/programs/" in problem.message  # the folder the link must stay in


def test_two_slugs_differing_only_in_case(folder: ContentFolder):
    body = "---\ntitle: W\nstart: 2022-09-14\nformat: online\n---\n"
    folder.write("content/events/werkstatt.md", body)
    folder.write("content/events/Werkstatt.md", body)
    [problem] = folder.validate().problems
    assert (problem.path, problem.line, problem.code) == ("content/events/Werkstatt.md", 1, ReadCode.FILE_NAME_NOT_SLUG)
    assert problem.expected == "werkstatt.md"  # the name to give it


def test_duplicate_uid_across_files(folder: ContentFolder):
    folder.write(
        "content/events/a.md", "---\ntitle: A\nstart: 2022-09-14\nformat: online\nuid: werkstatt@example.org\n---\n"
    )
    folder.write(
        "content/events/b.md", "---\ntitle: B\nstart: 2022-09-15\nformat: online\nuid: werkstatt@example.org\n---\n"
    )
    assert found(folder) == [("content/events/b.md", 1, "uid", SiteCode.DUPLICATE_UID)]
    # The wording, as an example for editors: the file that has the uid already is named.
    assert report(folder) == [
        (
            "content/events/b.md:1: uid: Kalender-ID „werkstatt@example.org“ ist "
            "schon vergeben an content/events/a.md (Erwartet: eine eindeutige uid)"
        )
    ]


def test_default_uid_collides_with_an_explicit_one(folder: ContentFolder):
    folder.write("content/events/a.md", "---\ntitle: A\nstart: 2022-09-14\nformat: online\n---\n")
    folder.write(
        "content/events/b.md", "---\ntitle: B\nstart: 2022-09-15\nformat: online\nuid: a@quartier.example.org\n---\n"
    )
    assert [(p.path, p.field, p.code) for p in folder.validate().problems] == [
        ("content/events/b.md", "uid", SiteCode.DUPLICATE_UID)
    ]


def test_a_budget_that_expires_inside_the_sanitizer_still_refuses_the_text(monkeypatch, capfd):
    """nh3 swallows (and prints) an exception raised in its Python callback: the expiry is
    noted there and reported when nh3 returns, with nothing printed to the editor."""
    import nh3

    from quartier.text import markup

    def slow_filter(tag: str, name: str, value: str) -> str:
        time.sleep(0.2)  # the alarm fires in here, inside nh3
        return value

    def slow_sanitizer(raw: str) -> str:
        return nh3.clean(raw, attribute_filter=slow_filter)

    monkeypatch.setattr(markup, "TIME_BUDGET_SECONDS", 0.05)
    monkeypatch.setattr(markup, "sanitize", slow_sanitizer)
    rendered = markup.render("Ein [Link](https://example.org/).\n")
    assert rendered.html == "" and rendered.refused.startswith("Text ist zu aufwendig umzuwandeln")
    assert "Traceback" not in capfd.readouterr().err
    # With time to spare, the same text is published.
    monkeypatch.setattr(markup, "TIME_BUDGET_SECONDS", 5.0)
    assert (
        markup.render("Ein [Link](https://example.org/).\n").html
        == '<p>Ein <a href="https://example.org/" rel="noopener noreferrer">Link</a>.</p>'
    )
