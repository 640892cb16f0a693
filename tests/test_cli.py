"""The quartier command: validate (text, github, json) and generate."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, VENUE, ContentFolder

from quartier.frontends.cli import main


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
    assert main(["--root", str(broken(folder).root), "generate", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
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
