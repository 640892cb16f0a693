"""A complete project for builders that run no hooks (Zensical, or MkDocs without the hook).

``quartier generate OUT`` writes everything such a builder reads, already final:

- ``OUT/mkdocs.yml``: the project's own, with ``hooks:`` removed and nothing else changed;
- ``OUT/<docs_dir>/``: the engine's pages, its files (feeds, redirects, news images) and
  what the publishing allowlist lets out of the hand-written ``docs/``, whose pages are
  replaced by the engine's sanitized HTML of them;
- ``OUT/<custom_dir>/``: the theme overrides, as they are.

A builder then only converts Markdown pages whose bodies are one HTML block each: what
it renders is what the sanitizer left, whatever its own Markdown extensions do.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

import yaml

from quartier.bounds import MAX_PUBLISHED_FILE_BYTES
from quartier.config import ConfigError, SiteConfig
from quartier.content.docs_pages import read_docs_page
from quartier.content.loading import (
    TooLarge,
    is_inside,
    link_problem,
    read_bounded,
    read_input,
    read_text,
)
from quartier.problems import errors_in
from quartier.render.pages import Page
from quartier.render.theme import Theme
from quartier.site.build import SiteOutput
from quartier.site.output import replace_folder
from quartier.site.site_paths import docs_page_url
from quartier.text.markup import RenderedBody, TocEntry, html_for_any_builder

CONFIG_FILE = "mkdocs.yml"


MARKER = ".quartier-generate"
"""The file ``generate`` leaves in its folder: only a folder holding it is ever replaced."""

MARKER_TEXT = (
    "Dieser Ordner wurde von „quartier generate“ geschrieben und wird beim nächsten Aufruf\n"
    "als Ganzes ersetzt. Nichts hier von Hand ändern.\n"
)


class ProjectError(Exception):
    """A file the project needs cannot be written into it (a German message); nothing was replaced."""


def output_folder_problem(config: SiteConfig, outdir: Path) -> str | None:
    """Why ``generate`` must not replace ``outdir`` (German), or ``None``.

    ``outdir`` is replaced as a whole, so it must be missing, empty, or a folder an
    earlier ``generate`` wrote (it holds ``MARKER`` with ``MARKER_TEXT``): never a
    folder of the project (``.git``, ``hooks``, the sources) or any other folder that
    happens to be named.
    """
    target = outdir.resolve()
    root = config.root.resolve()
    if ".git" in target.parts:
        return f"{outdir}: liegt in einem .git-Ordner; bitte einen eigenen Ordner angeben"
    sources = [(root / folder).resolve() for folder in (config.docs_dir, config.content_dir)]
    if target == root or root.is_relative_to(target) or any(target.is_relative_to(s) for s in sources):
        return f"{outdir}: das Projekt selbst oder einer seiner Quellordner; bitte einen eigenen Ordner angeben"
    if not target.exists() and not target.is_symlink():
        return None
    if not target.is_dir():
        return f"{outdir}: ist kein Ordner; bitte einen eigenen Ordner angeben"
    if not any(target.iterdir()) or _made_by_generate(target):
        return None
    return (
        f"{outdir}: Ordner ist nicht leer und nicht von „quartier generate“ angelegt (die Datei {MARKER} fehlt); "
        "er würde als Ganzes ersetzt. Bitte einen neuen oder leeren Ordner angeben"
    )


def _made_by_generate(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink():
        return False
    try:
        return read_bounded(marker, len(MARKER_TEXT.encode("utf-8"))) == MARKER_TEXT.encode("utf-8")
    except (TooLarge, OSError):
        return False


_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml to compare settings: tags meant for MkDocs (``!ENV``,
    ``!!python/name:``) become their tag and value instead of stopping the comparison."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> tuple[str, object]:
    value: object
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return (suffix, value)


_SettingsLoader.add_multi_constructor("!", _tagged)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def _settings(text: str) -> object:
    return yaml.load(text, Loader=_SettingsLoader)  # noqa: S506 - a SafeLoader subclass


def config_without_hooks(text: str) -> str:
    """``mkdocs.yml`` as written, with its top-level ``hooks:`` entry taken out.

    Edited as text, not loaded and dumped: comments, order and tags such as
    ``!!python/name:`` stay as the project wrote them. Raises ``ConfigError`` if the
    result is anything but the same settings without ``hooks``.
    """
    kept: list[str] = []
    inside_hooks = False
    for line in text.splitlines(keepends=True):
        if inside_hooks:
            # The entry's lines: indented ones, and a sequence written at column 0.
            if not line.strip() or line[0] in " \t-":
                continue
            inside_hooks = False
        match = _TOP_LEVEL_KEY.match(line)
        if match and match.group(1) == "hooks":
            inside_hooks = True
            continue
        kept.append(line)
    result = "".join(kept)
    before = _settings(text) or {}
    after = _settings(result) or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise ConfigError(f"{CONFIG_FILE} enthält keine Einstellungen")
    before.pop("hooks", None)
    if after != before or "hooks" in after:
        raise ConfigError(
            f"{CONFIG_FILE}: hooks: lässt sich nicht sicher entfernen "
            "(bitte als eigene Liste auf oberster Ebene schreiben)"
        )
    return result


def theme_folder(root: Path, text: str) -> str | None:
    """``theme.custom_dir`` when it names a folder inside the project, else ``None``."""
    data = _settings(text) or {}
    theme = data.get("theme") if isinstance(data, dict) else None
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom_dir, str) or not custom_dir.strip():
        return None
    relative = PurePosixPath(custom_dir)
    folder = root / relative
    if (
        relative.is_absolute()
        or ".." in relative.parts
        or not folder.is_dir()
        or not is_inside(folder.resolve(), root.resolve())
    ):
        raise ConfigError(f"theme.custom_dir: {custom_dir} ist kein Ordner im Projekt")
    return relative.as_posix()


_START_TAG = re.compile(r"""<([A-Za-z][\w-]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
"""A start tag as the engine's templates and the sanitizer write it: text ``<`` is always
escaped there, and no page holds inline script, so every match is a tag."""

_ATTRIBUTE = re.compile(r"""(\s+)([^\s="'>/]+)(?:=("[^"]*"|'[^']*'))?""")
_RAW_TEXT = frozenset({"script", "style", "noscript", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_LINK_ATTRIBUTES = frozenset({"href", "src"})
"""What Zensical rebases on every element (it does ``srcset`` too, which no page writes)."""


def relative_url(url: str, base: str) -> str:
    """``url`` seen from the page or folder at ``base`` (both site paths), as MkDocs writes links."""
    base_parts = [p for p in base.split("/") if p]
    if base and not base.endswith("/") and "." in base_parts[-1]:
        base_parts.pop()
    url_parts = [p for p in url.split("/") if p]
    common = 0
    for ours, theirs in zip(base_parts, url_parts, strict=False):  # stops at the shorter path
        if ours != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(base_parts) - common) + url_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def rebase_links(markup: str, source: str, resolve: Callable[[str], str | None]) -> str:
    """Every relative ``href`` and ``src`` of ``markup``, written relative to the page's file.

    Zensical reads a relative link in a page, in its HTML too, from the folder of the
    page's Markdown file and rewrites it for the page's address (``veranstaltungen/x.md``
    is served at ``veranstaltungen/x/``, one folder deeper), as MkDocs does for Markdown
    links. ``resolve`` turns a link's path into the site path it means, or ``None``
    to leave the link as written.
    """
    folder = posixpath.dirname(source)
    base = folder + "/" if folder else ""

    def attribute(match: re.Match[str]) -> str:
        name, quoted = match.group(2), match.group(3)
        if name.lower() not in _LINK_ATTRIBUTES or quoted is None:
            return match.group(0)
        quote = quoted[0]
        parts = urlsplit(html.unescape(quoted[1:-1]))
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "\\")):
            return match.group(0)
        target = resolve(parts.path)
        if target is None:
            return match.group(0)
        url = urlunsplit(("", "", relative_url(target, base), parts.query, parts.fragment))
        return f"{match.group(1)}{name}={quote}{html.escape(url, quote=True)}{quote}"

    parts: list[str] = []
    position = 0
    while (match := _START_TAG.search(markup, position)) is not None:
        parts.append(markup[position : match.start()])
        parts.append(f"<{match.group(1)}{_ATTRIBUTE.sub(attribute, match.group(2))}>")
        position = match.end()
        name = match.group(1).lower()
        if name in _RAW_TEXT:
            # Zensical parses HTML as a browser with scripting does: inside these elements
            # is text, and links there stay as written, so they are left as written here too.
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(markup, position)
            stop = end.end() if end else len(markup)
            parts.append(markup[position:stop])
            position = stop
    parts.append(markup[position:])
    return "".join(parts)


def _site_path(folder: str, path: str) -> str:
    """``path`` read from the site folder ``folder``, normalized; a trailing slash kept."""
    joined = posixpath.normpath(posixpath.join(folder, unquote(path)))
    joined = "" if joined == "." else joined
    return joined + "/" if path.endswith("/") and joined else joined


def page_for_project(page: Page, theme: Theme) -> str:
    """An engine page's Markdown with its links (written for its address) rebased to its file."""
    if posixpath.dirname(page.source) == page.url_path.rstrip("/"):
        return page.markdown(theme)  # an index page: its file's folder is its address
    return rebase_links(page.markdown(theme), page.source, lambda path: _site_path(page.url_path, path))


def docs_page(
    text: str,
    display: str,
    body: RenderedBody,
    theme: Theme,
    source: str = "",
    targets: Mapping[str, str] | None = None,
) -> str:
    """A hand-written page as a builder without the hook must get it.

    The body is the engine's sanitized HTML, one block, with its links to the site's
    files and pages (``targets``: source path → site path) written as site paths relative
    to the page's file, ``.md`` links included. The front matter is the engine's reading
    of the page's (``read_docs_page``: only the fields of ``DOCS_PAGE``, checked), as
    ``theme`` needs it; a page without a title gets its first top-level heading, as
    MkDocs would take it from the Markdown (a builder cannot find a heading inside an
    HTML block). Front matter with errors is never written: ``ConfigError``.
    """
    page = read_docs_page(text, display)
    if errors_in(list(page.problems)):
        raise ConfigError(f"{display}: Front Matter mit Fehlern (quartier validate zeigt sie)")
    meta = theme.docs_meta(page.meta)
    if not isinstance(meta.get("title"), str):
        heading = _first_heading(body.toc)
        if heading:
            meta["title"] = theme.title(heading.name)
    # JSON is valid YAML and says every value exactly (dates were strings already).
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}\n" for key, value in meta.items())
    front_matter = "---\n" + lines + "---\n\n" if lines else ""
    body_html = body.html
    if targets is not None:
        folder = posixpath.dirname(source)
        body_html = rebase_links(body_html, source, lambda path: targets.get(_site_path(folder, path).rstrip("/")))
    return front_matter + (html_for_any_builder(body_html) if body_html else "") + "\n"


def _first_heading(toc: tuple[TocEntry, ...]) -> TocEntry | None:
    return toc[0] if toc and toc[0].level == 1 else None


def write_project(
    config: SiteConfig,
    output: SiteOutput,
    docs_bodies: Mapping[str, RenderedBody],
    target: Path,
    theme: Theme,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Write the whole project into ``target``, replacing it only when everything was written.

    ``finish`` runs on the written project before the swap (a builder's build, say):
    when it raises, ``target`` stays as it was. The caller checks ``target`` first
    (``output_folder_problem``).
    """
    root = config.root
    config_path = root / CONFIG_FILE
    text = config_path.read_text(encoding="utf-8") if config_path.is_file() else _minimal_config(config)
    project_config = config_without_hooks(text)
    overrides = theme_folder(root, text)
    targets = _link_targets(output, set(docs_bodies))

    def fill(staging: Path) -> None:
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        (staging / CONFIG_FILE).write_text(project_config, encoding="utf-8")
        docs = staging / config.docs_dir
        for page in output.pages:
            _write(docs / page.source, page_for_project(page, theme).encode("utf-8"))
        for path, data in output.files.items():
            _write(docs / path, data)
        for uri in output.docs_files:
            _write(docs / uri, _docs_file(config, output, docs_bodies, theme, targets, uri))
        if overrides is not None:
            _copy_theme(root, overrides, staging)
        if finish is not None:
            finish(staging)

    replace_folder(target, fill)


def _link_targets(output: SiteOutput, docs_pages: set[str]) -> dict[str, str]:
    """Where each file of the output is published (source -> site path), for rebasing links."""
    targets = {page.source: page.url_path for page in output.pages}
    targets.update((path, path) for path in output.files)
    targets.update((uri, docs_page_url(uri) if uri in docs_pages else uri) for uri in output.docs_files)
    return targets


def _docs_file(
    config: SiteConfig,
    output: SiteOutput,
    docs_bodies: Mapping[str, RenderedBody],
    theme: Theme,
    targets: Mapping[str, str],
    uri: str,
) -> bytes:
    """The bytes the project gets for the file ``uri`` of ``docs/``; ``ProjectError`` when it cannot be read."""
    root = config.root
    docs_source = root / config.docs_dir
    source = docs_source / uri
    display = f"{config.docs_dir}/{uri}"
    if uri in docs_bodies:
        page_text, problems = read_text(source, display, config.max_file_bytes, folder=docs_source, root=root)
        if page_text is None:
            raise ProjectError(problems[0].format_text())
        return docs_page(page_text, display, docs_bodies[uri], theme, uri, targets).encode("utf-8")
    if uri in output.docs_contents:
        # Images and stylesheets: as the engine wrote them again.
        return output.docs_contents[uri]
    # The allowlist decided: the bytes go out as they are (a link inside docs/ is followed).
    copied, problems = read_input(source, display, MAX_PUBLISHED_FILE_BYTES, folder=docs_source, root=root)
    if copied is None:
        raise ProjectError(problems[0].format_text())
    return copied


def site_folder(project: Path) -> Path:
    """Where a builder writes the site of the project at ``project`` (``site_dir``, default ``site``)."""
    path = project / CONFIG_FILE
    data = _settings(path.read_text(encoding="utf-8")) if path.is_file() else {}
    written = data.get("site_dir", "site") if isinstance(data, dict) else "site"
    relative = PurePosixPath(written) if isinstance(written, str) else PurePosixPath("")
    if not isinstance(written, str) or relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ProjectError(f"site_dir: {written} ist kein Ordner im erzeugten Projekt")
    return project / relative


def theme_files(root: Path, overrides: Path) -> tuple[list[Path], list[str]]:
    """The files of the theme overrides, and why any must not be used (German, one per file).

    Builders read the overrides themselves (templates, stylesheets, scripts), so they
    answer to the same rule for links as every input (``link_problem``): a template
    that links to ``.git/config`` would be rendered into every page. Dot files and
    ``__pycache__`` are left out, as ``generate`` always did.
    """
    files: list[Path] = []
    problems: list[str] = []
    for folder, dirnames, filenames in os.walk(overrides):
        here = Path(folder)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in [d for d in dirnames if (here / d).is_symlink()]:
            problems.append(
                f"{_shown(root, here / name)}: Ordner ist ein Verweis (Symlink) (Erwartet: einen echten Ordner)"
            )
            dirnames.remove(name)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            refused = link_problem(path, overrides, root)
            if refused is not None:
                problems.append(f"{_shown(root, path)}: {refused[0]} (Erwartet: {refused[1]})")
            else:
                files.append(path)
    return files, problems


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _copy_theme(root: Path, overrides: str, staging: Path) -> None:
    """The theme overrides, file by file, by the same rule for links as every input."""
    files, problems = theme_files(root, root / overrides)
    if problems:
        raise ProjectError("\n".join(problems))
    for path in files:
        try:
            data = read_bounded(path, MAX_PUBLISHED_FILE_BYTES)
        except (TooLarge, OSError):
            raise ProjectError(f"{_shown(root, path)}: Datei kann nicht gelesen werden oder ist zu groß") from None
        _write(staging / path.relative_to(root), data)


def _minimal_config(config: SiteConfig) -> str:
    # A content folder without mkdocs.yml still makes a project a builder can read.
    return yaml.safe_dump(
        {"site_name": config.site_name, "site_url": config.site_url}, allow_unicode=True, sort_keys=False
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


__all__ = [
    "CONFIG_FILE",
    "MARKER",
    "MARKER_TEXT",
    "ProjectError",
    "output_folder_problem",
    "site_folder",
    "theme_files",
    "config_without_hooks",
    "docs_page",
    "theme_folder",
    "write_project",
]
