"""What may be published from the project's folders: an allowlist, decided before the build.

MkDocs copies every file under ``docs/`` into the site, symlinks included (a link to
``/proc/self/environ`` would publish the build's environment). The engine walks the
folder itself and names exactly the files that may go out; the front ends publish
those and nothing else. Images and stylesheets go out as the engine writes them again
(``content/files/``: decoded, checked against an allowlist, encoded anew), never as found.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quartier.cache import ContentCache
from quartier.content.files import css
from quartier.content.files.images import IMAGE_SUFFIXES, clean_image_files, expected_for
from quartier.content.loading import link_problem, read_text
from quartier.problems import Problem, ProblemCode

PAGE_SUFFIX = ".md"
OTHER_PAGE_SUFFIXES = frozenset({".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})
"""What builders render as pages too: refused, so that nothing is rendered unvalidated."""

STYLE_SUFFIXES = frozenset({".css"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht", ".svgz", ".xml", ".js", ".mjs"})
DEFAULT_DOWNLOAD_SUFFIXES = (".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", ".csv")
"""Downloads the site offers unless ``extra.quartier.download_types`` names others."""


class DocsCode(ProblemCode):
    """Files under docs/ that are not published."""

    FOLDER_IS_LINK = "docs.folder-is-link"
    LINK_TO_UNPUBLISHED = "docs.link-to-unpublished"
    HTML_FILE = "docs.html-file"
    PAGE_SUFFIX = "docs.page-suffix"
    FILE_TYPE = "docs.file-type"


@dataclass(frozen=True)
class DocsPlan:
    """The hand-written part of the site."""

    pages: tuple[str, ...]
    """Markdown pages, as paths below ``docs/`` with forward slashes."""

    files: tuple[str, ...]
    """Every file that is published, pages included."""

    problems: tuple[Problem, ...]

    contents: Mapping[str, bytes] = field(default_factory=dict)
    """What the engine publishes for every image and stylesheet in ``files``: decoded,
    checked and written again (``content/files/``), never the bytes as found. Pages
    are rendered by the engine; downloads go out as they are."""


def plan_docs(
    root: Path,
    docs_dir: str,
    download_suffixes: tuple[str, ...] = DEFAULT_DOWNLOAD_SUFFIXES,
    cache: ContentCache | None = None,
) -> DocsPlan:
    """Walk ``docs/`` (not following links) and decide for every file."""
    docs = root / docs_dir
    if not docs.is_dir():
        return DocsPlan((), (), ())
    found = _walk_docs(root, docs, download_suffixes)
    images = _clean_images(root, found.images, cache)
    # Stylesheets may only point to files that are published: checked once the images are decided.
    styles = _clean_stylesheets(root, found.stylesheets, frozenset(found.files) - images.refused)
    refused = images.refused | styles.refused
    return DocsPlan(
        found.pages,
        tuple(uri for uri in found.files if uri not in refused),
        (*found.problems, *images.problems, *styles.problems),
        images.contents | styles.contents,
    )


@dataclass(frozen=True)
class _Found:
    """What the walk of ``docs/`` found, before images and stylesheets are read."""

    pages: tuple[str, ...]
    files: tuple[str, ...]
    """Every file that may be published if its content passes, pages included."""

    images: tuple[tuple[str, Path], ...]
    stylesheets: tuple[tuple[str, Path], ...]
    problems: tuple[Problem, ...]


def _walk_docs(root: Path, docs: Path, download_suffixes: tuple[str, ...]) -> _Found:
    pages: list[str] = []
    files: list[str] = []
    problems: list[Problem] = []
    stylesheets: list[tuple[str, Path]] = []
    images: list[tuple[str, Path]] = []
    for folder, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(folder)
        problems += [_linked_folder(root, here / name) for name in dirnames if (here / name).is_symlink()]
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        for name in sorted(filenames):
            if name.startswith("."):
                continue  # never published: MkDocs leaves dot files out too
            path = here / name
            uri = path.relative_to(docs).as_posix()
            problem = _file_problem(root, docs, path, download_suffixes)
            if problem:
                problems.append(Problem(_display(root, path), 1, "-", *problem[:2], code=problem[2]))
                continue
            suffix = path.suffix.lower()
            if suffix in IMAGE_SUFFIXES:
                images.append((uri, path))  # all at once: from the cache, or in a process pool
            elif suffix in STYLE_SUFFIXES:
                stylesheets.append((uri, path))  # checked once every published file is known
            files.append(uri)
            if name.endswith(PAGE_SUFFIX):
                pages.append(uri)
    return _Found(tuple(pages), tuple(files), tuple(images), tuple(stylesheets), tuple(problems))


def _linked_folder(root: Path, path: Path) -> Problem:
    return Problem(
        _display(root, path),
        1,
        "-",
        "Ordner ist ein Verweis (Symlink)",
        "einen echten Ordner",
        code=DocsCode.FOLDER_IS_LINK,
    )


@dataclass(frozen=True)
class _Checked:
    """Files the engine wrote again, and those refused with their problems."""

    contents: dict[str, bytes]
    refused: frozenset[str]
    problems: tuple[Problem, ...]


def _clean_images(root: Path, images: tuple[tuple[str, Path], ...], cache: ContentCache | None) -> _Checked:
    contents: dict[str, bytes] = {}
    refused: set[str] = set()
    problems: list[Problem] = []
    for (uri, path), cleaned in zip(images, clean_image_files([p for _, p in images], cache), strict=True):
        if cleaned.ok:
            contents[uri] = cleaned.data
        else:
            problems += cleaned.problems(_display(root, path), expected_for(path.suffix))
            refused.add(uri)
    return _Checked(contents, frozenset(refused), tuple(problems))


def _clean_stylesheets(root: Path, stylesheets: tuple[tuple[str, Path], ...], published: frozenset[str]) -> _Checked:
    contents: dict[str, bytes] = {}
    refused: set[str] = set()
    problems: list[Problem] = []
    for uri, path in stylesheets:
        data, found = _stylesheet(_display(root, path), path, css.published_file(uri, published))
        if found:
            problems += found
            refused.add(uri)
        else:
            contents[uri] = data
    return _Checked(contents, frozenset(refused), tuple(problems))


def _stylesheet(display: str, path: Path, rule: css.UrlRule) -> tuple[bytes, list[Problem]]:
    text, problems = read_text(path, display, css.MAX_STYLESHEET_BYTES)
    if text is None:
        return b"", problems
    cleaned = css.clean_stylesheet(text, rule)
    return cleaned.data, cleaned.problems(display, css.EXPECTED)


def _file_problem(
    root: Path, docs: Path, path: Path, downloads: tuple[str, ...]
) -> tuple[str, str, ProblemCode] | None:
    """Why ``path`` is not published: message, expected text and code; ``None`` if it is."""
    suffix = path.suffix.lower()
    allowed = ", ".join((PAGE_SUFFIX, *sorted(IMAGE_SUFFIXES), *STYLE_SUFFIXES, *downloads))
    refused = link_problem(path, docs, root)
    if refused is not None:
        return refused
    if path.is_symlink():
        # Inside docs/ (the rule above): the file it names must be one that is published.
        target = docs / os.path.relpath(os.path.realpath(path), os.path.realpath(docs))
        if _file_problem(root, docs, target, downloads):
            return (
                "Datei ist ein Verweis (Symlink) auf etwas, das nicht veröffentlicht wird",
                "eine echte Datei",
                DocsCode.LINK_TO_UNPUBLISHED,
            )
    if suffix in HTML_SUFFIXES:
        return (
            f"{suffix}-Dateien werden nicht veröffentlicht (sie könnten Skript ausführen)",
            "eine Markdown-Seite (.md)",
            DocsCode.HTML_FILE,
        )
    if suffix in OTHER_PAGE_SUFFIXES or (suffix == PAGE_SUFFIX and not path.name.endswith(PAGE_SUFFIX)):
        return (
            "Seiten werden nur mit der Endung .md veröffentlicht",
            "Datei in …" + PAGE_SUFFIX + " umbenennen",
            DocsCode.PAGE_SUFFIX,
        )
    if suffix == PAGE_SUFFIX or suffix in STYLE_SUFFIXES or suffix in downloads:
        return None
    if suffix in IMAGE_SUFFIXES:
        return None  # what is inside is decided when the engine writes it again (plan_docs)
    return (
        f"Dateityp „{suffix or path.name}“ wird nicht veröffentlicht",
        f"eine der Endungen {allowed}",
        DocsCode.FILE_TYPE,
    )


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = ["DocsPlan", "plan_docs", "IMAGE_SUFFIXES", "DEFAULT_DOWNLOAD_SUFFIXES"]
