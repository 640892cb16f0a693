"""Front matter of hand-written pages under docs/: an allowlist, checked like content.

MkDocs hands every front matter key of a page to Material's templates, which write some
of them raw (``subtitle`` and ``status`` of every page in the navigation, into every
page), render the template a page names (``template: redirect.html`` sends visitors to
``location``, ``javascript:`` included), include the file ``icon`` names (a traceback
when it is missing), and write a ``title`` that is no string as it is. Our own
``main.html`` took ``quartier: event`` as the mark of an engine page and wrote its
``quartier_json_ld`` and description unescaped.

Each attack here is a page in a copy of the valid fixture site. ``quartier validate``
must report it in German at the file and line of the key, with the allowed fields as
"Erwartet", all of them in one run; and nothing may be built: the engine's build has no
output, ``quartier generate`` leaves its folder as it was, ``mkdocs build`` fails and
leaves the previous site.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO
from test_site_build import mkdocs_build

from quartier.config import load_config
from quartier.content.docs_pages import DocsPageCode, read_docs_page
from quartier.content.kinds import KindCode
from quartier.content.validation import ValidationResult, validate_site
from quartier.frontends.cli import main
from quartier.problems import Problem, ProblemCode
from quartier.site.build import BuildResult, build
from quartier.site.project import MARKER, MARKER_TEXT

TODAY = date(2026, 11, 22)
ALLOWED = "eines von: title, description, hide, search"


class Said(NamedTuple):
    """What a problem is (its code), and a value its message must name, if any."""

    code: ProblemCode
    named: str | None = None


NOT_ALLOWED = Said(DocsPageCode.FIELD_NOT_ALLOWED)
RESERVED = Said(DocsPageCode.FIELD_RESERVED)
LINES = Said(DocsPageCode.FIELD_FROM_FIRST_LINES)


def wrong_type(found: str) -> Said:
    """A value of the wrong kind; the message names the kind ``found``."""
    return Said(KindCode.WRONG_TYPE, found)


Expected = list[tuple[int, str, Said, str]]
"""Per problem: line, field, what it is, the whole "Erwartet"."""

ATTACKS: dict[str, tuple[str, Expected]] = {
    # subtitle: written raw under the page's entry in the navigation of every page.
    "subtitle-script": (
        '---\ntitle: Über uns\nsubtitle: "<script>alert(1)</script>"\n---\n# Über uns\n',
        [(3, "subtitle", NOT_ALLOWED, ALLOWED)],
    ),
    "subtitle-img": (
        "---\nsubtitle: <img src=x onerror=alert(1)>\n---\nText.\n",
        [(2, "subtitle", NOT_ALLOWED, ALLOWED)],
    ),
    "subtitle-lines": (
        # No --- block: MkDocs reads MultiMarkdown fields (and lowercases the name).
        "Subtitle: <script>alert(1)</script>\n\nText.\n",
        [(1, "subtitle", LINES, ALLOWED)],
    ),
    # status: written raw into a class attribute and a tooltip in the navigation.
    "status-word": ("---\nstatus: new\n---\nText.\n", [(2, "status", NOT_ALLOWED, ALLOWED)]),
    "status-breakout": (
        '---\ntitle: T\n\nstatus: "new\\"><script>alert(1)</script>"\n---\nText.\n',
        [(4, "status", NOT_ALLOWED, ALLOWED)],
    ),
    # template: redirect.html sends the visitor to location, whatever its scheme.
    "redirect-javascript": (
        '---\ntemplate: redirect.html\nlocation: "javascript:alert(1)"\n---\nText.\n',
        [(2, "template", NOT_ALLOWED, ALLOWED), (3, "location", NOT_ALLOWED, ALLOWED)],
    ),
    "redirect-script": (
        "---\ntemplate: redirect.html\nlocation: '\");alert(1);//'\n---\nText.\n",
        [(2, "template", NOT_ALLOWED, ALLOWED), (3, "location", NOT_ALLOWED, ALLOWED)],
    ),
    "redirect-lines": (
        "template: redirect.html\nlocation: javascript:alert(1)\n\nText.\n",
        [(1, "template", LINES, ALLOWED), (2, "location", LINES, ALLOWED)],
    ),
    "redirect-fence-with-spaces": (
        # MkDocs accepts blanks after the ---; the engine must find the same block.
        '---  \ntemplate: redirect.html\nlocation: "javascript:alert(1)"\n--- \nText.\n',
        [(2, "template", NOT_ALLOWED, ALLOWED), (3, "location", NOT_ALLOWED, ALLOWED)],
    ),
    "redirect-dots-close": (
        '---\ntemplate: redirect.html\nlocation: "javascript:alert(1)"\n...\nText.\n',
        [(2, "template", NOT_ALLOWED, ALLOWED), (3, "location", NOT_ALLOWED, ALLOWED)],
    ),
    # title: escaped only when it is a string.
    "title-list": (
        '---\ntitle: ["<script>alert(1)</script>"]\n---\nText.\n',
        [(2, "title", wrong_type("Liste"), "Text in einer Zeile")],
    ),
    "title-block-list": (
        "---\ndescription: D\ntitle:\n  - <script>alert(1)</script>\n---\nText.\n",
        [(3, "title", wrong_type("Liste"), "Text in einer Zeile")],
    ),
    "title-map": (
        '---\ntitle: {"<script>": "alert(1)"}\n---\nText.\n',
        [(2, "title", wrong_type("Zuordnung"), "Text in einer Zeile")],
    ),
    "title-number": (
        "---\ntitle: 2026\n---\nText.\n",
        [(2, "title", wrong_type("Zahl ('2026'"), "Text in einer Zeile")],
    ),
    "title-bool": (
        "---\ntitle: yes\n---\nText.\n",
        [(2, "title", wrong_type("Wahrheitswert"), "Text in einer Zeile")],
    ),
    "title-empty": ("---\ntitle:\n---\nText.\n", [(2, "title", Said(KindCode.MISSING_VALUE), "Text in einer Zeile")]),
    # quartier: the engine's own mark, with its JSON-LD written unescaped.
    "quartier-event": (
        '---\nquartier: event\nquartier_json_ld: "</script><script>alert(1)</script>"\n---\nText.\n',
        [(2, "quartier", RESERVED, ALLOWED), (3, "quartier_json_ld", RESERVED, ALLOWED)],
    ),
    "quartier-city": (
        '---\ntitle: T\nquartier: city\ndescription: "<script>alert(1)</script>"\n---\nText.\n',
        [(3, "quartier", RESERVED, ALLOWED)],
    ),
    "quartier-anything": ("---\nquartier_x: 1\n---\nText.\n", [(2, "quartier_x", RESERVED, ALLOWED)]),
    "quartier-capital": ("---\nQuartier: event\n---\nText.\n", [(2, "Quartier", RESERVED, ALLOWED)]),
    "quartier-lines": ("quartier: event\n\nText.\n", [(1, "quartier", RESERVED, ALLOWED)]),
    # template and icon: a Jinja traceback after validation passed.
    "template-missing": ("---\ntemplate: missing.html\n---\nText.\n", [(2, "template", NOT_ALLOWED, ALLOWED)]),
    "template-main": ("---\ntemplate: main.html\n---\nText.\n", [(2, "template", NOT_ALLOWED, ALLOWED)]),
    "icon-traversal": (
        "---\nicon: ../../../../etc/passwd\n---\nText.\n",
        [(2, "icon", NOT_ALLOWED, ALLOWED)],
    ),
    "icon-existing": ("---\nicon: material/home\n---\nText.\n", [(2, "icon", NOT_ALLOWED, ALLOWED)]),
    # The allowed fields, with the wrong kind or word.
    "description-list": (
        "---\ndescription: [a, b]\n---\nText.\n",
        [(2, "description", wrong_type("Liste"), "Text")],
    ),
    "hide-text": (
        "---\nhide: navigation\n---\nText.\n",
        [(2, "hide", wrong_type("Text"), "Liste aus: navigation, toc")],
    ),
    "hide-unknown-word": (
        "---\nhide:\n  - toc\n  - footer\n---\nText.\n",
        [(4, "hide", Said(KindCode.CHOICE_UNKNOWN, "„footer“"), "Liste aus: navigation, toc")],
    ),
    "search-flag": (
        "---\nsearch: false\n---\nText.\n",
        [(2, "search", wrong_type("Wahrheitswert"), "eingerückte Felder darunter")],
    ),
    "search-unknown": (
        "---\nsearch:\n  boost: 2\n---\nText.\n",
        [(3, "search.boost", Said(KindCode.FIELD_UNKNOWN), "eines von: exclude")],
    ),
    "search-exclude-text": (
        '---\nsearch:\n  exclude: "ja"\n---\nText.\n',
        [(3, "search.exclude", wrong_type("Text"), "true oder false")],
    ),
    "unknown-with-suggestion": (
        "---\ntitel: Über uns\n---\nText.\n",
        [(2, "titel", Said(DocsPageCode.FIELD_NOT_ALLOWED, "meinten Sie „title“"), ALLOWED)],
    ),
    "unclosed": (
        "---\ntemplate: redirect.html\nText.\n",
        [(1, "-", Said(DocsPageCode.NOT_CLOSED), "Felder zwischen zwei Zeilen mit ---")],
    ),
}


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """The valid fixture site with these pages under docs/."""
    root = tmp_path / "projekt"
    shutil.copytree(FIXTURES / "valid_site", root)
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def docs_problems(root: Path) -> list[Problem]:
    return [p for p in validate_site(load_config(root)).problems if p.path.startswith("docs/")]


@pytest.mark.parametrize("name", list(ATTACKS))
def test_each_attack_is_reported_on_its_line(tmp_path: Path, name: str):
    text, expected = ATTACKS[name]
    root = project(tmp_path, {"seite.md": text, "ok.md": "---\ntitle: Gut\n---\nText.\n"})
    problems = docs_problems(root)
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("docs/seite.md", line, field) for line, field, _, _ in expected
    ]
    for problem, (_, _, said, erwartet) in zip(problems, expected, strict=True):
        assert problem.severity == "error"
        assert problem.code is said.code, problem.format_text()
        assert said.named is None or said.named in problem.message, problem.format_text()
        assert problem.expected == erwartet, problem.format_text()
    # Nothing is built: the engine's build stops, and so does every front end.
    assert build(load_config(root), TODAY).output is None


def test_every_attack_is_reported_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    root = project(tmp_path, {f"{name}.md": text for name, (text, _) in ATTACKS.items()})
    assert main(["--root", str(root), "validate", "--format", "json"]) == 1
    captured = capsys.readouterr()
    reported = sorted((p["path"], p["line"], p["field"], p["code"], p["expected"]) for p in json.loads(captured.out))
    assert reported == sorted(
        (f"docs/{name}.md", line, field, said.code.value, erwartet)
        for name, (_, expected) in ATTACKS.items()
        for line, field, said, erwartet in expected
    )
    assert "Traceback" not in captured.err


def test_generate_refuses_and_leaves_its_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch):
    monkeypatch.setenv("QUARTIER_TODAY", "2026-11-22")
    root = project(tmp_path, {"seite.md": ATTACKS["quartier-event"][0]})
    out = tmp_path / "out"
    out.mkdir()
    (out / "alt.txt").write_text("vorher", encoding="utf-8")
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # an earlier generate's folder
    assert main(["--root", str(root), "generate", str(out)]) == 1
    err = capsys.readouterr().err
    # The wording, as an example for editors:
    assert "docs/seite.md:2: quartier: Feld ist den Seiten vorbehalten, die Quartier selbst erzeugt" in err
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "alt.txt"]
    assert "Traceback" not in err


def test_allowed_fields_pass_and_reach_the_theme_checked(tmp_path: Path, monkeypatch):
    text = (
        "---\n"
        'title: "Über <uns> & „Sie“"\n'
        "description: >\n  Zwei\n  Zeilen\n"
        "hide: [navigation, toc]\n"
        "search:\n  exclude: true\n"
        "---\n# Über uns\n"
    )
    root = project(tmp_path, {"seite.md": text, "ohne.md": "# Nur eine Überschrift\n\nText.\n"})
    result = validate_site(load_config(root))
    assert result.ok, [p.format_text() for p in result.problems]
    assert result.docs_meta["seite.md"] == {
        "title": "Über <uns> & „Sie“",
        "description": "Zwei Zeilen",
        "hide": ("navigation", "toc"),
        "search": {"exclude": True},
    }
    assert result.docs_meta["ohne.md"] == {}
    # quartier generate writes that reading, the title escaped for the theme, and nothing else.
    monkeypatch.setenv("QUARTIER_TODAY", "2026-11-22")
    out = tmp_path / "out"
    assert main(["--root", str(root), "generate", str(out)]) == 0
    front = yaml.safe_load((out / "docs/seite.md").read_text(encoding="utf-8").split("---\n")[1])
    assert front == {
        "title": "Über &lt;uns&gt; &amp; „Sie“",
        "description": "Zwei Zeilen",
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
    }


def test_a_blank_first_line_keeps_text_that_looks_like_a_field(tmp_path: Path):
    # MkDocs reads "Stand: …" in the first line as a field and drops it from the page.
    assert [p.field for p in docs_problems(project(tmp_path / "a", {"seite.md": "Stand: 1. Mai\n\nText.\n"}))] == [
        "stand"
    ]
    assert docs_problems(project(tmp_path / "b", {"seite.md": "\nStand: 1. Mai\n\nText.\n"})) == []


@pytest.mark.parametrize(
    ("text", "fields", "body"),
    [
        ("---\ntitle: A\n---\nText\n", {"title": "A"}, "Text\n"),
        ("--- \t\ntitle: A\n... \nText\n", {"title": "A"}, "Text\n"),
        ("title: A\n    und B\nhide: x\n\nText\n", {"title": "A und B", "hide": "x"}, "\nText\n"),
        ("# Kopf\ntitle: A\n", {}, "# Kopf\ntitle: A\n"),
        ("\ntitle: A\n", {}, "\ntitle: A\n"),
        ("----\ntitle: A\n----\n", {}, "----\ntitle: A\n----\n"),
    ],
)
def test_front_matter_is_found_where_mkdocs_finds_it(text: str, fields: dict[str, str], body: str):
    from mkdocs.utils.meta import get_data

    page = read_docs_page(text, "docs/x.md")
    assert {key: value.plain() for key, value in page.document.fields.items()} == fields
    assert page.document.body == body
    mkdocs_body, mkdocs_meta = get_data(text)
    assert mkdocs_meta == fields
    assert mkdocs_body == body.lstrip("\n")


def _hook(monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location("quartier_hook_under_test", REPO / "hooks" / "quartier_mkdocs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_the_hook_gives_the_theme_the_engines_reading_not_the_file(monkeypatch: pytest.MonkeyPatch):
    """Even where MkDocs read more than the engine allowed, the theme gets the engine's reading."""
    hook = _hook(monkeypatch)
    validation = ValidationResult(None, docs_meta={"seite.md": {"title": "<T>", "hide": ("toc",)}})
    hook._state.result = BuildResult(validation, None)
    hook._state.pages = {}
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="seite.md"),
        meta={"title": ["<script>"], "quartier": "event", "template": "redirect.html", "icon": "x", "hide": ["toc"]},
    )
    assert hook.on_page_markdown("Text", page, None, None) == "Text"
    assert page.meta == {"title": "&lt;T&gt;", "hide": ["toc"]}
    unknown = SimpleNamespace(file=SimpleNamespace(src_uri="anders.md"), meta={"quartier": "event"})
    hook.on_page_markdown("Text", unknown, None, None)
    assert unknown.meta == {}


MKDOCS = """\
site_name: Testseite
site_url: https://quartier.example.org/
theme:
  name: material
  language: de
  font: false
  custom_dir: {overrides}
plugins:
  - search:
      enabled: false
hooks:
  - {hook}
nav:
  - Start: index.md
  - Veranstaltungen: veranstaltungen/index.md
  - Seite: seite.md
"""


HEADING = "Kopf `</title><script>alert(1)</script>` & „Zitat“"


def test_mkdocs_build_fails_and_keeps_the_previous_site(tmp_path: Path):
    # kopf.md has no title and is not in the navigation: its <title> is its heading.
    root = project(tmp_path, {"seite.md": "---\ntitle: Seite\n---\nText.\n", "kopf.md": f"# {HEADING}\n"})
    (root / "mkdocs.yml").write_text(
        MKDOCS.format(overrides=REPO / "overrides", hook=REPO / "hooks" / "quartier_mkdocs.py"), encoding="utf-8"
    )
    site = tmp_path / "site"
    first = mkdocs_build(root, site)
    assert first.returncode == 0, first.stderr
    # Material writes page.title through striptags, which made the heading's &lt;/title&gt; markup.
    page = BeautifulSoup((site / "kopf" / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = "Kopf </title><script>alert(1)</script> & „Zitat“"
    assert page.title.get_text() == f"{shown} - Testseite"
    assert page.find("meta", property="og:title")["content"] == shown
    assert not [script for script in page.find_all("script") if "alert" in script.get_text()]
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (root / "docs" / "seite.md").write_text(
        '---\ntitle: Seite\nsubtitle: "<script>alert(1)</script>"\ntemplate: missing.html\n'
        "icon: ../../../../etc/passwd\nquartier: event\n---\nText.\n",
        encoding="utf-8",
    )
    second = mkdocs_build(root, site)
    assert second.returncode != 0
    for line, field in ((3, "subtitle"), (4, "template"), (5, "icon"), (6, "quartier")):
        assert f"docs/seite.md:{line}: {field}: " in second.stderr, second.stderr
    assert "Traceback" not in second.stderr
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
