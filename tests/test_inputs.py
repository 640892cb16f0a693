"""Nothing reaches the site unread: one rule for links, and every input read with a bound.

A symlink is read only when it leads to a regular file inside the same published folder
(``link_problem``); every file is read through ``read_bounded``, whose bound is on the
bytes actually read (``st_size`` is 0 for /proc files). The hostile case throughout: a
news image that links to ``.git/config``, where actions/checkout keeps the job's token.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import REPO, VENUE, ContentFolder, image_bytes
from test_site_build import copy_project, mkdocs_build

from quartier.config import SiteConfig
from quartier.content.loading import LoadCode, TooLarge, link_problem, read_bounded, read_input
from quartier.content.readers import ReadCode
from quartier.frontends.cli import main

TOKEN = "FAKE-TOKEN-123"
EXTRAHEADER = f"AUTHORIZATION: basic {TOKEN}"
EXPECTED_NEWS = "(Erwartet: eine echte Datei in content/news/ oder einen Verweis auf eine Datei dort)"


def git_repository(root: Path) -> None:
    """``root`` as actions/checkout leaves it: a repository whose config holds the token."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "config", "http.https://github.com/.extraheader", EXTRAHEADER], check=True)
    assert TOKEN in (root / ".git/config").read_text(encoding="utf-8")


def files_holding(folder: Path, text: str) -> list[str]:
    return [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink() and text.encode() in path.read_bytes()
    ]


# -- reading with a bound -----------------------------------------------------------


@pytest.mark.parametrize("name", ["/proc/self/environ", "/proc/self/pagemap"])
def test_the_bound_is_on_the_bytes_read_not_on_st_size(name: str):
    path = Path(name)
    if not path.exists():
        pytest.skip(f"{name} fehlt auf diesem System")
    assert path.stat().st_size == 0  # what a check of st_size alone would have let through
    with pytest.raises(TooLarge) as raised:
        read_bounded(path, 8)
    assert raised.value.size is None and raised.value.limit == 8


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    fifo = tmp_path / "cities.yml"
    os.mkfifo(fifo)
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(read_bounded(fifo, 1000))
        except OSError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "read_bounded wartet auf einen Schreiber"
    assert isinstance(outcome[0], OSError)
    data, [problem] = read_input(fifo, "content/cities.yml", 1000)
    assert data is None and problem.code is LoadCode.NOT_A_FILE


def test_a_file_larger_than_its_bound_is_refused_with_its_size(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(b"a" * 1001)
    assert read_bounded(path, 1001) == b"a" * 1001
    data, [problem] = read_input(path, "content/events/x.md", 1000)
    assert data is None and problem.code is LoadCode.TOO_LARGE
    assert problem.message == "Datei ist zu groß (1.001 Bytes)"  # the wording, as an example for editors


# -- the one rule for links -----------------------------------------------------------


def test_the_rule_for_links(tmp_path: Path):
    root = tmp_path / "projekt"
    news = root / "content/news"
    (news / "bilder").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git/config").write_text(EXTRAHEADER)
    (news / "bilder/a.png").write_bytes(b"\x89PNG")
    (news / ".geheim.png").write_bytes(b"\x89PNG")
    (root / "docs").mkdir()
    (root / "docs/b.png").write_bytes(b"\x89PNG")
    links = {
        "gleich.png": "a.png",
        "git.png": "../../../.git/config",
        "docs.png": "../../../docs/b.png",
        "versteckt.png": "../.geheim.png",
        "proc.png": "/proc/self/environ",
        "leer.png": "fehlt.png",
        "ordner.png": "..",
    }
    for name, target in links.items():
        (news / "bilder" / name).symlink_to(target)

    def rule(name: str) -> LoadCode | None:
        found = link_problem(news / "bilder" / name, news, root)
        return found.code if found else None

    assert rule("a.png") is None and rule("gleich.png") is None
    assert rule("git.png") is LoadCode.LINK_OUTSIDE_FOLDER
    assert rule("docs.png") is LoadCode.LINK_OUTSIDE_FOLDER
    assert rule("versteckt.png") is LoadCode.LINK_HIDDEN
    assert rule("proc.png") is LoadCode.LINK_OUTSIDE_PROJECT
    assert rule("leer.png") is LoadCode.LINK_DANGLING
    assert rule("ordner.png") is LoadCode.NOT_A_FILE
    # The wording, as examples for editors: the folder a link must stay in is named.
    outside = link_problem(news / "bilder/git.png", news, root)
    assert outside is not None
    assert outside.message == "Datei ist ein Verweis (Symlink) auf eine Datei außerhalb von content/news/"
    assert outside.expected == "eine echte Datei in content/news/ oder einen Verweis auf eine Datei dort"
    folder = link_problem(news / "bilder/ordner.png", news, root)
    assert folder is not None
    assert folder.message == "Datei führt auf keine gewöhnliche Datei (sondern einen Ordner, eine Pipe oder ein Gerät)"
    # A folder on the way that is a link counts like the file being one.
    (root / "content/events").symlink_to(root / "docs", target_is_directory=True)
    found = link_problem(root / "content/events/b.png", root / "content/events", root)
    assert found is not None and found.code is LoadCode.LINK_OUTSIDE_FOLDER and "content/events/" in found.message


# -- every input, one rule ------------------------------------------------------------


@pytest.fixture
def repo(folder: ContentFolder) -> ContentFolder:
    folder.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-06 10:00"\n' + VENUE)
    git_repository(folder.root)
    return folder


def reported(folder: ContentFolder, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    """What ``quartier validate --format json`` reports: its exit code and the problems, codes included."""
    code = main(["--root", str(folder.root), "validate", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and TOKEN not in out + err
    return code, json.loads(out)


def found(problems: list[dict[str, object]], path: str) -> list[tuple[object, object, object]]:
    return [(p["line"], p["field"], p["code"]) for p in problems if p["path"] == path]


@pytest.mark.parametrize(
    "link",
    [
        "content/news/bilder/token.png",
        "content/news/bilder/token.svg",
        "content/events/token.md",
        "content/projects/token.md",
        "content/programs/token.md",
        "content/news/token.md",
        "docs/token.pdf",
        "docs/token.md",
        "docs/stylesheets/token.css",
    ],
)
def test_no_input_may_link_to_git_config(repo: ContentFolder, capsys: pytest.CaptureFixture[str], link: str):
    path = repo.root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(os.path.relpath(repo.root / ".git/config", path.parent))
    code, problems = reported(repo, capsys)
    assert code == 1
    assert found(problems, link) == [(1, "-", LoadCode.LINK_OUTSIDE_FOLDER.value)]
    folder = "docs" if link.startswith("docs/") else "/".join(link.split("/")[:2])
    [problem] = [p for p in problems if p["path"] == link]
    assert f"{folder}/" in str(problem["message"])  # the folder the link must stay in


@pytest.mark.parametrize("name", ["cities.yml", "redirects.yml", "start.md"])
@pytest.mark.parametrize(
    ("target", "refusal"),
    [
        ("/proc/self/pagemap", LoadCode.LINK_OUTSIDE_PROJECT),
        ("/proc/self/environ", LoadCode.LINK_OUTSIDE_PROJECT),
        ("../.git/config", LoadCode.LINK_OUTSIDE_FOLDER),
        ("../../elsewhere.yml", LoadCode.LINK_OUTSIDE_PROJECT),
        ("fehlt.yml", LoadCode.LINK_DANGLING),
    ],
)
def test_the_single_files_of_content_follow_the_same_rule(
    repo: ContentFolder, capsys: pytest.CaptureFixture[str], name: str, target: str, refusal: LoadCode
):
    (repo.root.parent / "elsewhere.yml").write_text("- name: Essen\n  state: NRW\n")
    path = repo.root / "content" / name
    path.unlink(missing_ok=True)
    path.symlink_to(target)
    code, problems = reported(repo, capsys)
    assert code == 1
    assert found(problems, f"content/{name}") == [(1, "-", refusal.value)]


def test_a_pipe_in_place_of_a_content_file_is_an_error_not_a_hang(folder: ContentFolder, capsys):
    (folder.root / "content/events").mkdir()
    os.mkfifo(folder.root / "content/events/pipe.md")
    os.mkfifo(folder.root / "content/start.md")
    code, problems = reported(folder, capsys)
    assert code == 1
    for name in ("content/events/pipe.md", "content/start.md"):
        assert found(problems, name) == [(1, "-", LoadCode.NOT_A_FILE.value)]


def test_a_linked_folder_in_the_news_is_reported_not_followed(repo: ContentFolder, capsys):
    (repo.root / "content/news").mkdir(parents=True)
    (repo.root / "content/news/bilder").symlink_to(repo.root / ".git", target_is_directory=True)
    code, problems = reported(repo, capsys)
    assert code == 1 and found(problems, "content/news/bilder") == [(1, "-", ReadCode.FOLDER_IS_LINK.value)]


def test_a_news_image_may_link_to_another_in_its_folder(repo: ContentFolder):
    from datetime import date

    from quartier.site.build import build

    repo.write("content/news/bilder/original.png", image_bytes("PNG"))
    (repo.root / "content/news/bilder/kopie.png").symlink_to("original.png")
    result = build(repo.config(), date(2027, 1, 10))
    assert result.output is not None, result.problems
    # Published as the engine wrote the image it links to again.
    published = result.output.files["aktuelles/bilder/kopie.png"]
    assert published == result.output.files["aktuelles/bilder/original.png"]
    assert published.startswith(b"\x89PNG\r\n\x1a\n")


# -- the hostile project, end to end ---------------------------------------------------


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """The example project as CI checks it out, with a news image linked to .git/config."""
    project = copy_project(tmp_path / "project")
    git_repository(project)
    return project


def link_token_image(project: Path) -> None:
    (project / "content/news/bilder/token.png").symlink_to("../../../.git/config")


def test_validate_names_the_link(hostile_project: Path, capsys: pytest.CaptureFixture[str]):
    link_token_image(hostile_project)
    assert main(["--root", str(hostile_project), "validate"]) == 1
    err = capsys.readouterr().err
    assert (
        "content/news/bilder/token.png:1: -: Datei ist ein Verweis (Symlink) auf eine Datei außerhalb von "
        f"content/news/ {EXPECTED_NEWS}"
    ) in err
    assert TOKEN not in err


def test_mkdocs_publishes_nothing_of_it(hostile_project: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert mkdocs_build(hostile_project, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    link_token_image(hostile_project)
    failed = mkdocs_build(hostile_project, site)
    assert failed.returncode != 0 and "content/news/bilder/token.png:1" in failed.stderr
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert files_holding(tmp_path, TOKEN) == ["project/.git/config"]


def test_generate_writes_nothing_of_it(hostile_project: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    link_token_image(hostile_project)
    assert main(["--root", str(hostile_project), "generate", str(out)]) == 1
    assert "content/news/bilder/token.png:1" in capsys.readouterr().err
    assert not out.exists()
    assert files_holding(tmp_path, TOKEN) == ["project/.git/config"]


def test_generate_copies_no_linked_theme_file(hostile_project: Path, tmp_path: Path, capsys):
    """The theme overrides are copied by the same rule: a link out of overrides/ stops generate."""
    (hostile_project / "overrides/token.css").symlink_to("../.git/config")
    out = tmp_path / "out"
    assert main(["--root", str(hostile_project), "generate", str(out)]) == 1
    err = capsys.readouterr().err
    assert "overrides/token.css: Datei ist ein Verweis (Symlink) auf eine Datei außerhalb von overrides/" in err
    assert not out.exists() and files_holding(tmp_path, TOKEN) == ["project/.git/config"]


def test_a_theme_template_linked_to_git_config_stops_mkdocs(hostile_project: Path, tmp_path: Path):
    """Jinja reads the overrides itself: a footer that links to .git/config would be in every page."""
    site = tmp_path / "site"
    assert mkdocs_build(hostile_project, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    footer = hostile_project / "overrides/partials/footer.html"
    footer.unlink()
    footer.symlink_to("../../.git/config")
    failed = mkdocs_build(hostile_project, site)
    assert failed.returncode != 0
    assert (
        "overrides/partials/footer.html: Datei ist ein Verweis (Symlink) auf eine Datei außerhalb von overrides/"
        in (failed.stderr)
    )
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert files_holding(tmp_path, TOKEN) == ["project/.git/config"]


def test_a_file_of_the_form_linked_to_git_config_stops_both_builders(hostile_project: Path, tmp_path: Path, capsys):
    """admin/ is published as it is (the form at /admin/): its files answer to the same rule."""
    from quartier.editor import cms

    admin = hostile_project / cms.ADMIN_DIR
    admin.mkdir(exist_ok=True)
    for name in cms.OWN_FILES:
        shutil.copy2(REPO / cms.ADMIN_DIR / name, admin / name)
    (admin / cms.BUNDLE_DIR).mkdir(parents=True)
    (admin / cms.BUNDLE_DIR / cms.BUNDLE).write_text("// bundle\n")
    (admin / cms.YAML_DIR).mkdir(parents=True)
    (admin / cms.YAML_DIR / "index.js").write_text("// yaml\n")
    site = tmp_path / "site"
    assert mkdocs_build(hostile_project, site).returncode == 0
    assert (site / "admin/quartier-cms.js").is_file()
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (admin / "quartier-cms.js").unlink()
    (admin / "quartier-cms.js").symlink_to("../.git/config")
    with pytest.raises(cms.AdminUnreadable, match="admin/quartier-cms.js:1: -: Datei ist ein Verweis"):
        cms.admin_files(SiteConfig(root=hostile_project, site_url="https://quartier.example.org/"))
    failed = mkdocs_build(hostile_project, site)
    assert failed.returncode != 0 and "admin/quartier-cms.js:1" in failed.stderr
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    out = tmp_path / "out"
    assert main(["--root", str(hostile_project), "generate", str(out)]) == 1
    assert "admin/quartier-cms.js:1" in capsys.readouterr().err and not out.exists()
    assert files_holding(tmp_path, TOKEN) == ["project/.git/config"]
