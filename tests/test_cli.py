"""The quartier command: validate (text, github, json) and generate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, VENUE, ContentFolder

from quartier.frontends.cli import main
from quartier.site.project import MARKER, MARKER_TEXT


def broken(folder: ContentFolder) -> ContentFolder:
    folder.event("a", "title: A\nstart: 2022-02-30\n" + VENUE)
    folder.event("b", "start: 2022-09-14\n" + VENUE)
    return folder


def test_validate_ok(capsys):
    assert main(["--root", str(FIXTURES / "valid_site"), "validate"]) == 0
    assert "in Ordnung" in capsys.readouterr().err


def test_validate_text_reports_everything(folder: ContentFolder, capsys):
    assert main(["--root", str(broken(folder).root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "content/events/a.md:3: start: Das Datum 2022-02-30 gibt es nicht" in err
    assert "content/events/b.md:1: title: Pflichtfeld fehlt" in err
    assert "2 Fehler" in err


def test_validate_github_annotations(folder: ContentFolder, capsys):
    assert main(["--root", str(broken(folder).root), "validate", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "::error file=content/events/a.md,line=3,title=start::Das Datum 2022-02-30 gibt es nicht"
    )


def test_validate_json(folder: ContentFolder, capsys):
    assert main(["--root", str(broken(folder).root), "validate", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(d["path"], d["line"], d["field"]) for d in data] == [
        ("content/events/a.md", 3, "start"),
        ("content/events/b.md", 1, "title"),
    ]


def test_not_a_project(tmp_path: Path, capsys):
    assert main(["--root", str(tmp_path), "validate"]) == 2
    assert "kein Quartier-Projekt" in capsys.readouterr().err


def test_generate_writes_pages_and_feeds(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("QUARTIER_TODAY", "2026-11-21")
    out = tmp_path / "out"
    assert main(["--root", str(FIXTURES / "valid_site"), "generate", str(out)]) == 0
    docs = out / "docs"
    assert (docs / "veranstaltungen/index.md").is_file()
    assert (docs / "veranstaltungen/2022-09-14-transformation.md").read_text(encoding="utf-8").startswith("---\n")
    assert (docs / "staedte/frankfurt-oder.md").is_file()
    # Files go beside the pages: the output is a project a builder without hooks builds as it is.
    assert (docs / "kalender.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (docs / "staedte/essen/kalender.ics").is_file()
    assert not (out / "files").exists()


def test_generate_with_errors_leaves_outdir_untouched(folder: ContentFolder, tmp_path: Path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("alt")
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # an earlier generate's folder
    assert main(["--root", str(broken(folder).root), "generate", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "keep.txt"]
    assert "unverändert" in capsys.readouterr().err


def test_generated_markdown_keeps_the_sanitized_body_for_any_builder(folder: ContentFolder, tmp_path: Path):
    """A builder without the hook converts the generated Markdown itself: the body must come
    out as the sanitizer left it, text that looks like Markdown included."""
    import markdown
    from bs4 import BeautifulSoup

    body = (
        "Erster Absatz.\n\n<section>[x](javascript:alert(1)) *kein*</section>\n\n"
        "    zeile\n\n\n    nach leeren Zeilen\n"
    )
    folder.event("e", "title: E\nstart: 2027-05-06\nformat: online\n", body=body)
    folder.write(
        "mkdocs.yml", "site_url: https://quartier.example.org/\nextra:\n  quartier:\n    removed_html: warning\n"
    )
    out = tmp_path / "out"
    assert main(["--root", str(folder.root), "generate", str(out)]) == 0
    text = (out / "docs/veranstaltungen/e.md").read_text(encoding="utf-8")
    html = markdown.markdown(text.split("---\n", 2)[2], extensions=["md_in_html"])
    soup = BeautifulSoup(html, "html.parser")
    body_div = soup.select_one("div.q-body")
    assert not [a for a in soup.find_all("a") if a.get("href", "").startswith("javascript")]
    assert "[x](javascript:alert(1)) *kein*" in body_div.get_text() and not body_div.find("em")
    assert "zeile\n\n\nnach leeren Zeilen" in body_div.pre.get_text()


# -- generate replaces only a folder it may replace -------------------------------------


def project_with_git(folder: ContentFolder) -> ContentFolder:
    import subprocess

    folder.write("mkdocs.yml", "site_url: https://quartier.example.org/\n")
    folder.write("hooks/quartier_mkdocs.py", "# the hook\n")
    subprocess.run(["git", "init", "-q", str(folder.root)], check=True)
    return folder


def test_generate_refuses_git_hooks_and_any_folder_it_did_not_make(folder: ContentFolder, tmp_path: Path, capsys):
    project = project_with_git(folder)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-fremd"
    elsewhere.mkdir()
    (elsewhere / "notizen.txt").write_text("wichtig")
    a_file = tmp_path.parent / f"{tmp_path.name}-datei"
    a_file.write_text("wichtig")
    forged = tmp_path.parent / f"{tmp_path.name}-falsch"
    forged.mkdir()
    (forged / MARKER).write_text("irgendwas")
    (forged / "notizen.txt").write_text("wichtig")
    before = {
        p: p.read_bytes() for base in (project.root, elsewhere, forged) for p in sorted(base.rglob("*")) if p.is_file()
    }
    for target in (
        ".git",
        ".git/hooks",
        ".git/neu",
        "hooks",
        "content/events",
        str(elsewhere),
        str(a_file),
        str(forged),
    ):
        assert main(["--root", str(project.root), "generate", str(project.root / target)]) == 2, target
        err = capsys.readouterr().err
        assert "Traceback" not in err and "bitte" in err.lower(), err
    after = {
        p: p.read_bytes() for base in (project.root, elsewhere, forged) for p in sorted(base.rglob("*")) if p.is_file()
    }
    assert after == before and a_file.read_text() == "wichtig"
    assert not (project.root / ".git/neu").exists()


def test_generate_writes_into_a_new_or_empty_folder_and_replaces_its_own(folder: ContentFolder, tmp_path: Path):
    project = project_with_git(folder)
    empty = tmp_path.parent / f"{tmp_path.name}-leer"
    empty.mkdir()
    new = tmp_path.parent / f"{tmp_path.name}-neu" / "projekt"
    for out in (empty, new):
        assert main(["--root", str(project.root), "generate", str(out)]) == 0
        assert (out / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
        (out / "site").mkdir()
        (out / "site" / "alt.html").write_text("vom letzten Bau")
        # Its own output again: replaced as a whole.
        assert main(["--root", str(project.root), "generate", str(out)]) == 0
        assert (out / "mkdocs.yml").is_file() and not (out / "site").exists()


@pytest.mark.parametrize(
    ("argv", "german"),
    [
        (["new", "project", "--repeat", "x"], "quartier: Fehler: unbekannte Angabe: --repeat x (--help zeigt alle)"),
        (["new", "event", "--title"], "quartier new event: Fehler: --title braucht einen Wert"),
        (["validate", "--format", "xml"], "quartier validate: Fehler: --format: 'xml' gibt es nicht (möglich: "),
    ],
)
def test_typing_mistakes_on_the_command_line_are_told_in_german(argv: list[str], german: str, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and german in err
    assert "error:" not in err and "usage:" in err
