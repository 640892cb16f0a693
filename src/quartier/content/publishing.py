"""What may be published from the project's folders: an allowlist, decided before the build.

MkDocs copies every file under ``docs/`` into the site, symlinks included (a link to
``/proc/self/environ`` would publish the build's environment). The engine walks the
folder itself and names exactly the files that may go out; the front ends publish
those and nothing else.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from quartier.content.loading import TooLarge, link_problem, read_bounded
from quartier.problems import Problem

PAGE_SUFFIX = ".md"
OTHER_PAGE_SUFFIXES = frozenset({".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})
"""What builders render as pages too: refused, so that nothing is rendered unvalidated."""

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg"})
STYLE_SUFFIXES = frozenset({".css"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht", ".svgz", ".xml", ".js", ".mjs"})
DEFAULT_DOWNLOAD_SUFFIXES = (".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", ".csv")
"""Downloads the site offers unless ``extra.quartier.download_types`` names others."""

MAX_SVG_BYTES = 1_000_000

_SVG_ACTIVE = re.compile(
    r"<\s*(script|foreignObject|iframe|object|embed|handler|listener|animate|set|animateTransform|animateMotion)\b"
    r"|\son[a-z]+\s*="
    r"|javascript\s*:|vbscript\s*:|data\s*:\s*text/html"
    r"|<!ENTITY|<!DOCTYPE[^>]*\["
    r"|(?:xlink:)?href\s*=\s*[\"']?\s*(?:https?:|//)",
    re.IGNORECASE,
)
"""What makes an SVG more than a picture: script, handlers, animation of links,
entities, or a request to another server."""


def image_problem(path: Path) -> str:
    """Why an image file must not be published ('' if it may)."""
    if path.suffix.lower() != ".svg":
        return ""
    try:
        text = read_bounded(path, MAX_SVG_BYTES).decode("utf-8", errors="replace")
    except TooLarge:
        return "SVG-Bild ist zu groß"
    except OSError as exc:
        return f"Bild kann nicht gelesen werden ({exc.strerror})"
    match = _SVG_ACTIVE.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        return (
            "SVG-Bild enthält Skript oder aktive Inhalte "
            f"(„{match.group(0).strip()[:30]}“ in Zeile {line} der SVG-Datei)"
        )
    return ""


@dataclass(frozen=True)
class DocsPlan:
    """The hand-written part of the site."""

    pages: tuple[str, ...]
    """Markdown pages, as paths below ``docs/`` with forward slashes."""

    files: tuple[str, ...]
    """Every file that is published, pages included."""

    problems: tuple[Problem, ...]


def plan_docs(root: Path, docs_dir: str, download_suffixes: tuple[str, ...] = DEFAULT_DOWNLOAD_SUFFIXES) -> DocsPlan:
    """Walk ``docs/`` (not following links) and decide for every file."""
    docs = root / docs_dir
    pages: list[str] = []
    files: list[str] = []
    problems: list[Problem] = []
    if not docs.is_dir():
        return DocsPlan((), (), ())
    for folder, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(folder)
        for name in dirnames:
            if (here / name).is_symlink():
                problems.append(
                    Problem(
                        _display(root, here / name), 1, "-", "Ordner ist ein Verweis (Symlink)", "einen echten Ordner"
                    )
                )
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        for name in sorted(filenames):
            if name.startswith("."):
                continue  # never published: MkDocs leaves dot files out too
            path = here / name
            uri = path.relative_to(docs).as_posix()
            problem = _file_problem(root, docs, path, download_suffixes)
            if problem:
                problems.append(Problem(_display(root, path), 1, "-", problem[0], problem[1]))
                continue
            files.append(uri)
            if name.endswith(PAGE_SUFFIX):
                pages.append(uri)
    return DocsPlan(tuple(pages), tuple(files), tuple(problems))


def _file_problem(root: Path, docs: Path, path: Path, downloads: tuple[str, ...]) -> tuple[str, str] | None:
    suffix = path.suffix.lower()
    allowed = ", ".join((PAGE_SUFFIX, *sorted(IMAGE_SUFFIXES), *STYLE_SUFFIXES, *downloads))
    refused = link_problem(path, docs, root)
    if refused is not None:
        return refused
    if path.is_symlink():
        # Inside docs/ (the rule above): the file it names must be one that is published.
        target = docs / os.path.relpath(os.path.realpath(path), os.path.realpath(docs))
        if _file_problem(root, docs, target, downloads):
            return ("Datei ist ein Verweis (Symlink) auf etwas, das nicht veröffentlicht wird", "eine echte Datei")
    if suffix in HTML_SUFFIXES:
        return (
            f"{suffix}-Dateien werden nicht veröffentlicht (sie könnten Skript ausführen)",
            "eine Markdown-Seite (.md)",
        )
    if suffix in OTHER_PAGE_SUFFIXES or (suffix == PAGE_SUFFIX and not path.name.endswith(PAGE_SUFFIX)):
        return ("Seiten werden nur mit der Endung .md veröffentlicht", "Datei in …" + PAGE_SUFFIX + " umbenennen")
    if suffix == PAGE_SUFFIX or suffix in STYLE_SUFFIXES or suffix in downloads:
        return None
    if suffix in IMAGE_SUFFIXES:
        problem = image_problem(path)
        return (problem, "ein Bild ohne Skript (als PNG oder JPEG speichern)") if problem else None
    return (f"Dateityp „{suffix or path.name}“ wird nicht veröffentlicht", f"eine der Endungen {allowed}")


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = ["DocsPlan", "plan_docs", "image_problem", "IMAGE_SUFFIXES", "DEFAULT_DOWNLOAD_SUFFIXES"]
