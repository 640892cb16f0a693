"""What gets published: the docs/ allowlist, symlinks, path collisions, dead links, redirects
loops, and a strict build that fails without touching the previous site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import REPO, VENUE, ContentFolder, image_bytes
from test_site_build import copy_project, mkdocs_build

from quartier.content.files import FileCode
from quartier.content.kinds import KindCode
from quartier.content.loading import LoadCode
from quartier.content.moments import MomentCode
from quartier.content.publishing import DocsCode
from quartier.content.readers import ReadCode
from quartier.content.redirects import RedirectCode
from quartier.content.validation import validate_site
from quartier.problems import ProblemCode
from quartier.site.build import build
from quartier.site.site_paths import PathCode
from quartier.text import markup

TODAY = date(2026, 11, 22)
EVENT = 'title: W\nstart: "2027-05-06 10:00"\nend: "12:00"\n' + VENUE


def lines(folder: ContentFolder, **config) -> list[str]:
    return [p.format_text() for p in build(folder.config(**config), TODAY).problems]


def test_site_markdown_matches_the_engines():
    """Hand-written pages (MkDocs) and content bodies (the engine) use one Markdown dialect."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    listed = {
        next(iter(e)) if isinstance(e, dict) else e: (e[next(iter(e))] if isinstance(e, dict) else {})
        for e in config["markdown_extensions"]
    }
    assert tuple(listed) == markup.EXTENSIONS
    assert {
        k: {o: str(v).lower() if isinstance(v, bool) else v for o, v in opts.items()}
        for k, opts in markup.EXTENSION_CONFIGS.items()
    } == {k: listed[k] for k in markup.EXTENSION_CONFIGS}


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("docs/seite.html", "<script>alert(1)</script>", DocsCode.HTML_FILE),
        ("docs/x.js", "alert(1)", DocsCode.HTML_FILE),
        ("docs/beitrag.markdown", "# X", DocsCode.PAGE_SUFFIX),
        ("docs/beitrag.MD", "# X", DocsCode.PAGE_SUFFIX),
        ("docs/programm.exe", "MZ", DocsCode.FILE_TYPE),
        (
            "docs/bild.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            FileCode.ACTIVE_CONTENT,
        ),
        ("docs/bild2.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', FileCode.ACTIVE_CONTENT),
        (
            "docs/bild3.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
            FileCode.ACTIVE_CONTENT,
        ),
        ("docs/assets/javascripts/bundle.md", "# X", PathCode.RESERVED),
        ("docs/veranstaltungen/index.md", "# X", PathCode.TAKEN),
        ("docs/kalender.ics", "BEGIN:VCALENDAR", DocsCode.FILE_TYPE),
        ("content/news/beitrag.markdown", "---\ntitle: X\n---\n", ReadCode.FILE_NOT_READ),
        ("content/news/ordner/beitrag.md", "---\ntitle: X\n---\n", ReadCode.FILE_NOT_READ),
        ("content/events/x.MD", "---\ntitle: X\n---\n", ReadCode.FILE_NOT_READ),
    ],
)
def test_files_that_are_not_published_are_errors(folder: ContentFolder, name: str, content: str, code: ProblemCode):
    folder.write(name, content)
    found = build(folder.config(), TODAY).problems
    assert [(p.path, p.line, p.field, p.code) for p in found] == [(name, 1, "-", code)], lines(folder)


def test_the_wording_of_files_that_are_not_published(folder: ContentFolder):
    # The wording, as examples for editors: what is wrong, and the address in question.
    folder.write("docs/assets/javascripts/bundle.md", "# X")
    folder.write("docs/veranstaltungen/index.md", "# X")
    assert lines(folder) == [
        (
            "docs/assets/javascripts/bundle.md:1: -: Adresse „/assets/javascripts/bundle/“ ist für die Website "
            "selbst reserviert oder leer (Erwartet: einen anderen Dateinamen oder Namen)"
        ),
        (
            "docs/veranstaltungen/index.md:1: -: Adresse „veranstaltungen/“ gibt es schon (die Übersichtsseite "
            "/veranstaltungen/); eine würde die andere überschreiben (Erwartet: einen anderen Dateinamen)"
        ),
    ]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("docs/seite.html", DocsCode.HTML_FILE),
        ("docs/beitrag.markdown", DocsCode.PAGE_SUFFIX),
        ("docs/programm.exe", DocsCode.FILE_TYPE),
        ("content/news/beitrag.markdown", ReadCode.FILE_NOT_READ),
    ],
)
def test_each_kind_of_unpublished_file_has_its_code(folder: ContentFolder, name: str, code: DocsCode | ReadCode):
    folder.write(name, "x")
    [problem] = validate_site(folder.config()).problems
    assert (problem.path, problem.code) == (name, code)


def test_links_in_docs_have_their_codes(folder: ContentFolder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (folder.root / "docs").mkdir(exist_ok=True)
    (folder.root / "docs/ordner").symlink_to(outside, target_is_directory=True)
    folder.write("docs/werkzeug.exe", b"MZ")
    os.symlink("werkzeug.exe", folder.root / "docs/werkzeug.pdf")
    (outside / "geheim.pdf").write_bytes(b"%PDF")
    os.symlink(outside / "geheim.pdf", folder.root / "docs/geheim.pdf")
    codes = {p.path: p.code for p in validate_site(folder.config()).problems}
    assert codes == {
        "docs/ordner": DocsCode.FOLDER_IS_LINK,
        "docs/werkzeug.exe": DocsCode.FILE_TYPE,
        "docs/werkzeug.pdf": DocsCode.LINK_TO_UNPUBLISHED,
        "docs/geheim.pdf": LoadCode.LINK_OUTSIDE_PROJECT,
    }


def test_allowed_files_are_published_and_nothing_else(folder: ContentFolder):
    for name in (
        "docs/impressum.md",
        "docs/stylesheets/site.css",
        "docs/bild.png",
        "docs/logo.svg",
        "docs/flyer.pdf",
        "docs/.hidden",
    ):
        folder.write(
            name,
            '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
            if name.endswith(".svg")
            else image_bytes("PNG")
            if name.endswith(".png")
            else ".a { color: red; }"
            if name.endswith(".css")
            else "x",
        )
    result = build(folder.config(), TODAY)
    assert result.problems == []
    assert result.output.docs_files == ("bild.png", "flyer.pdf", "impressum.md", "logo.svg", "stylesheets/site.css")


def test_symlinks_out_of_the_project_are_refused_wherever_they_are(folder: ContentFolder, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "environ.txt"
    secret.write_text("TOKEN=geheim\n")
    folder.write("docs/impressum.md", "# Impressum\n")
    os.symlink("/proc/self/environ", folder.root / "docs/umgebung.pdf")
    os.symlink(secret, folder.root / "docs/geheim.pdf")
    (folder.root / "docs/ordner").symlink_to(secret.parent, target_is_directory=True)
    found = build(folder.config(), TODAY).problems
    assert [(p.path, p.line, p.code) for p in found] == [
        ("docs/geheim.pdf", 1, LoadCode.LINK_OUTSIDE_PROJECT),
        ("docs/ordner", 1, DocsCode.FOLDER_IS_LINK),
        ("docs/umgebung.pdf", 1, LoadCode.LINK_OUTSIDE_PROJECT),
    ]


def test_a_symlink_to_a_published_file_inside_docs_is_fine(folder: ContentFolder):
    folder.write("docs/flyer.pdf", "%PDF")
    os.symlink(folder.root / "docs/flyer.pdf", folder.root / "docs/flyer-2027.pdf")
    os.symlink(folder.root / "content/cities.yml", folder.root / "docs/staedte.pdf")
    folder.write("docs/werkzeug.exe", b"MZ")
    os.symlink("werkzeug.exe", folder.root / "docs/werkzeug.pdf")
    os.symlink(".versteckt.pdf", folder.root / "docs/versteckt.pdf")
    folder.write("docs/.versteckt.pdf", "%PDF")
    # The wording, as an example for editors: the endings that are published.
    found = lines(folder)
    assert [line for line in found if "werkzeug.exe" in line] == [
        (
            "docs/werkzeug.exe:1: -: Dateityp „.exe“ wird nicht veröffentlicht "
            "(Erwartet: eine der Endungen .md, .avif, .gif, .jpeg, .jpg, .png, .svg, .webp, .css, "
            ".pdf, .odt, .ods, .odp, .docx, .xlsx, .pptx, .csv)"
        )
    ]
    assert [(p.path, p.code) for p in build(folder.config(), TODAY).problems if p.path != "docs/werkzeug.exe"] == [
        ("docs/staedte.pdf", LoadCode.LINK_OUTSIDE_FOLDER),
        ("docs/versteckt.pdf", LoadCode.LINK_HIDDEN),
        ("docs/werkzeug.pdf", DocsCode.LINK_TO_UNPUBLISHED),
    ]


@pytest.mark.parametrize("kind", ["projects", "programs", "events", "news"])
def test_a_content_file_named_index_is_refused_before_anything_is_built(folder: ContentFolder, kind: str):
    folder.write(f"content/{kind}/index.md", "---\ntitle: X\ncity: Essen\n---\n")
    found = build(folder.config(), TODAY).problems
    assert [(p.line, p.field, p.code) for p in found if p.path == f"content/{kind}/index.md"] == [
        (1, "-", ReadCode.FILE_NAME_RESERVED)
    ]


@pytest.mark.parametrize("name", ["🏙️", "Index", "---"])
def test_a_city_without_an_address_of_its_own(folder: ContentFolder, name: str):
    folder.write("content/cities.yml", f'- name: Essen\n  state: NRW\n- name: "{name}"\n  state: NRW\n')
    [problem] = build(folder.config(), TODAY).problems
    assert (problem.path, problem.line, problem.field, problem.code) == (
        "content/cities.yml",
        3,
        "name",
        ReadCode.CITY_WITHOUT_ADDRESS,
    )
    assert f"„{name}“" in problem.message


def test_links_to_pages_that_do_not_exist(folder: ContentFolder):
    folder.write(
        "content/projects/p.md",
        "---\ntitle: P\ncity: Essen\n---\nSiehe [Programm](../../programme/initiative-ergreifen/).\n",
    )
    folder.event(
        "e",
        EVENT,
        body=(
            "Text.\n\nMehr im [Projekt](../../projekte/gibt-es-nicht/) und ![Bild](bild.png).\n\n"
            "[Seite](../../redaktion/felder.md)\n"
        ),
    )
    folder.write(
        "docs/hilfe.md", "# Hilfe\n\n[gut](redaktion/felder.md) [schlecht](fehlt.md#x) [extern](https://example.org/)\n"
    )
    assert lines(folder) == [
        (
            "content/events/e.md:12: Text: Link-Ziel „../../projekte/gibt-es-nicht/“ gibt "
            "es auf dieser Website nicht (Erwartet: eine Seite oder Datei dieser Website)"
        ),
        (
            "content/events/e.md:12: Text: Link-Ziel „bild.png“ gibt es auf "
            "dieser Website nicht (Erwartet: eine Seite oder Datei dieser Website)"
        ),
        (
            "content/events/e.md:14: Text: Link-Ziel „../../redaktion/felder.md“ gibt es auf "
            "dieser Website nicht (Erwartet: die Adresse der Seite, z. B. ../../projekte/name/)"
        ),
        (
            "docs/hilfe.md:3: Text: Link-Ziel „fehlt.md#x“ gibt es auf dieser "
            "Website nicht (Erwartet: eine Seite oder Datei dieser Website)"
        ),
    ]
    assert {p.code for p in build(folder.config(), TODAY).problems} == {PathCode.DEAD_LINK}


@pytest.mark.parametrize(
    ("redirects", "expected"),
    [
        ("kreis/: kreis/\n", [(1, "kreis/", "(kreis/ → kreis/ …)")]),
        ("a/: b/\nb/: a/\n", [(1, "a/", "(a/ → b/ …)"), (2, "b/", "(b/ → a/ …)")]),
    ],
)
def test_redirect_loops(folder: ContentFolder, redirects: str, expected: list[tuple[int, str, str]]):
    folder.write("content/redirects.yml", redirects)
    found = build(folder.config(), TODAY).problems
    assert [(p.path, p.line, p.field, p.code) for p in found] == [
        ("content/redirects.yml", line, field, RedirectCode.LOOP) for line, field, _ in expected
    ]
    for problem, (_, _, cycle) in zip(found, expected, strict=True):
        assert cycle in problem.message  # the way round, as far as it goes


@pytest.mark.parametrize(
    ("front", "field", "code", "named"),
    [
        (
            'title: W\nstart: "2022-09-14 10:00"\nend: "12:00"\ntimezone: localtime\nformat: online\n',
            "timezone",
            KindCode.ZONE_UNKNOWN,
            "„localtime“",
        ),
        (
            'title: W\nstart: "2022-09-14 10:00"\nend: "12:00"\ntimezone: Factory\nformat: online\n',
            "timezone",
            KindCode.ZONE_UNKNOWN,
            "„Factory“",
        ),
        (
            'title: W\nstart: "2022-09-14 10:00"\nend: "12:00"\ntimezone: EST5EDT\nformat: online\n',
            "timezone",
            KindCode.ZONE_UNKNOWN,
            "„EST5EDT“",
        ),
        ('title: W\nstart: "0001-01-01 00:10"\nformat: online\n', "start", MomentCode.YEAR_OUT_OF_RANGE, "Jahr 1 "),
        (
            'title: W\nstart: "9999-12-31 20:00"\ntimezone: America/Los_Angeles\nformat: online\n',
            "start",
            MomentCode.YEAR_OUT_OF_RANGE,
            "Jahr 9999 ",
        ),
        ("title: W\nstart: 9999-12-31\nformat: online\n", "start", MomentCode.YEAR_OUT_OF_RANGE, "Jahr 9999 "),
    ],
)
def test_zones_and_years_that_cannot_be_right(
    folder: ContentFolder, front: str, field: str, code: ProblemCode, named: str
):
    folder.event("e", front)
    [problem] = build(folder.config(), TODAY).problems
    assert (problem.field, problem.code) == (field, code) and named in problem.message


def test_many_equal_tags_are_kept_once_in_order(folder: ContentFolder):
    tags = ", ".join(["b", "a"] * 20_000 + ["c"])
    folder.event("e", EVENT + f"tags: [{tags}]\n")
    assert build(folder.config(), TODAY).validation.site.events[0].tags == ("b", "a", "c")


def test_strict_build_that_fails_leaves_the_previous_site(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    config = project / "mkdocs.yml"
    # A navigation entry to a missing page: only MkDocs notices, and strict mode aborts
    # after it has written every page.
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - Start: index.md\n", "  - Start: index.md\n  - Fehlt: fehlt.md\n"
        ),
        encoding="utf-8",
    )
    # Without -q: MkDocs counts strict warnings only when it logs them.
    env = dict(os.environ, QUARTIER_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
    failed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    assert failed.returncode != 0 and "fehlt.md" in failed.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging folder left


def test_bad_content_stops_the_build_before_the_site_is_touched(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    count = sum(1 for _ in site.rglob("*"))
    (project / "content/projects/index.md").write_text("---\ntitle: X\ncity: Essen\n---\n", encoding="utf-8")
    failed = mkdocs_build(project, site)
    assert failed.returncode != 0 and re.search(r"content/projects/index\.md:1", failed.stderr)
    assert sum(1 for _ in site.rglob("*")) == count
