"""Hostile front matter in the example site's hand-written pages: refused by both builders.

Material writes ``subtitle`` and ``status`` of every page in the navigation into every
page, raw; ``template: redirect.html`` sends visitors to ``location``; a ``title`` that is
a list is written as it is; ``quartier: event`` made our templates write the page's
``quartier_json_ld`` unescaped; ``template: missing.html`` and a path in ``icon`` stopped
the build with a Jinja traceback after validation had passed.

A copy of the example project is built as it is, then four of its pages get such front
matter (one in the navigation, one as MultiMarkdown lines without ``---``). ``mkdocs
build --strict`` must fail with the German errors on the keys' lines and leave the
previous site byte for byte; ``quartier generate`` (the Zensical path) must fail the same
way and leave its folder. The previous site is then opened in Chromium: the attacked
pages stay inert (no dialog, no ``window.__pwned``, no navigation away, no request to
another host), checked against a control page that does all of these.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from quartier.site.project import MARKER, MARKER_TEXT

from .helpers import TODAY, copy_project, foreign, serve

PWNED = "window.__pwned=1"
ATTACKS = {
    # In the navigation: Material would write both into every page's navigation.
    "ueber-das-programm/index.md": (
        "---",
        f'subtitle: "<img src=x onerror={PWNED}>"',
        f'status: "new\\"><script>{PWNED}</script>"',
        "---",
    ),
    # MultiMarkdown lines at the top, no ---: MkDocs reads them as front matter too.
    "kalender-abonnieren.md": ("template: redirect.html", f"location: javascript:{PWNED}", ""),
    "impressum.md": (
        f'title: ["<script>{PWNED}</script>"]',
        "quartier: event",
        f'quartier_json_ld: "</script><script>{PWNED}</script>"',
    ),
    "datenschutz.md": ("template: missing.html", "icon: ../../../../etc/passwd"),
}
EXPECTED = [
    ("ueber-das-programm/index.md", 2, "subtitle", "Feld ist auf Seiten unter docs/ nicht erlaubt"),
    ("ueber-das-programm/index.md", 3, "status", "Feld ist auf Seiten unter docs/ nicht erlaubt"),
    ("kalender-abonnieren.md", 1, "template", "Feld ist auf Seiten unter docs/ nicht erlaubt"),
    ("kalender-abonnieren.md", 2, "location", "Feld ist auf Seiten unter docs/ nicht erlaubt"),
    ("impressum.md", 2, "title", "Wert ist eine Liste"),
    ("impressum.md", 3, "quartier", "Feld ist den Seiten vorbehalten, die Quartier selbst erzeugt"),
    ("impressum.md", 4, "quartier_json_ld", "Feld ist den Seiten vorbehalten, die Quartier selbst erzeugt"),
    ("datenschutz.md", 2, "template", "Feld ist auf Seiten unter docs/ nicht erlaubt"),
    ("datenschutz.md", 3, "icon", "Feld ist auf Seiten unter docs/ nicht erlaubt"),
]
PAGES = ["", "ueber-das-programm/", "kalender-abonnieren/", "impressum/", "datenschutz/", "veranstaltungen/"]
CONTROL = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kontrolle</title></head>
<body><script>alert(1); window.__pwned = 1</script><img src="https://tracker.example.org/x.png" alt=""></body></html>
"""


def _attack(project: Path) -> None:
    """Each page's text with the hostile keys as its front matter's first lines."""
    for name, lines in ATTACKS.items():
        path = project / "docs" / name
        text = path.read_text(encoding="utf-8")
        added = "\n".join(lines) + "\n"
        # Into an existing block after its first line; else before the text (a whole block,
        # or MultiMarkdown fields ended by a blank line).
        text = "---\n" + added + text[len("---\n") :] if text.startswith("---\n") else added + text
        path.write_text(text, encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd)


def _reported(output: str) -> None:
    for name, line, field, message in EXPECTED:
        shown = f"docs/{name}:{line}: {field}: {message}"
        assert shown in output, f"{shown!r} fehlt in:\n{output[-4000:]}"
    assert "Traceback" not in output, output[-4000:]


def _inspect(browser, url: str) -> list[str]:
    """What a visitor's browser did on one page: dialogs, the flag, leaving the page, other hosts."""
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])(?!data:)(?!blob:)(?!about:)"), lambda r: r.abort())
    requests: list[str] = []
    dialogs: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # a redirect by script or meta refresh has happened by now
        problems = [f"Dialog {message!r}" for message in dialogs]
        if page.evaluate("() => window.__pwned !== undefined"):
            problems.append("window.__pwned ist gesetzt")
        if page.url != url:
            problems.append(f"Seite verlassen: {page.url}")
        problems += [f"Anfrage an fremden Server: {u}" for u in foreign(requests)]
        return problems
    finally:
        context.close()


def test_hostile_front_matter_is_refused_by_both_builders(browser, tmp_path: Path) -> None:
    # Asks for the browser first: without Chromium the test skips before the builds.
    project = copy_project(tmp_path / "projekt")
    site = tmp_path / "site"
    mkdocs = ["-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    first = _run(mkdocs, project)
    assert first.returncode == 0, first.stderr[-4000:]
    before = _files(site)

    _attack(project)

    # MkDocs with the hook: stopped before MkDocs touches the site.
    second = _run(mkdocs, project)
    assert second.returncode != 0
    _reported(second.stderr)
    assert _files(site) == before, "die bisherige Website wurde verändert"
    assert not site.with_name(site.name + ".quartier-neu").exists()

    # The Zensical path: quartier generate refuses, its folder stays as it was.
    out = tmp_path / "zensical"
    out.mkdir()
    (out / "alt.txt").write_text("vorher", encoding="utf-8")
    (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # an earlier generate's folder
    generate = _run(["-m", "quartier", "--root", str(project), "generate", str(out)], project)
    assert generate.returncode == 1, generate.stderr[-4000:]
    _reported(generate.stderr)
    assert _files(out) == {"alt.txt": b"vorher", MARKER: MARKER_TEXT.encode("utf-8")}

    # What visitors get is still the previous site, and it runs nothing.
    served = tmp_path / "served"
    shutil.copytree(site, served)
    (served / "_kontrolle").mkdir()
    (served / "_kontrolle" / "index.html").write_text(CONTROL, encoding="utf-8")
    with serve(served, "e2e-front-matter-http") as url:
        control = "\n".join(_inspect(browser, url + "_kontrolle/"))
        for expected in ("Dialog '1'", "window.__pwned ist gesetzt", "Anfrage an fremden Server"):
            assert expected in control, f"Kontrollseite: {expected!r} nicht erkannt:\n{control}"
        problems = {path: _inspect(browser, url + path) for path in PAGES}
    assert not any(problems.values()), problems
