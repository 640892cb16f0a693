"""MkDocs front end for the Quartier engine (listed under ``hooks:`` in mkdocs.yml).

Content is loaded, validated and rendered in ``on_pre_build``, before MkDocs empties
``site_dir``. ``mkdocs build`` then writes into a sibling staging folder that replaces
the previous site only when the build succeeded, strict warnings included: a failed
build leaves the previous site untouched. Generated pages are added in ``on_files``
and kept out of the navigation (Material renders the navigation into every page).

``mkdocs serve`` (``make serve``, ``make cms``) does not stop at content errors: it
serves a German error page listing them at every address the site had, and the form at
/admin/, until a save fixes the content and the next rebuild brings the site back.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

# Imported at the top: MkDocs puts this folder on sys.path only while it loads the hook.
from quartier.cache import project_cache
from quartier.config import ConfigError, SiteConfig, config_from_mapping, today_from_environment
from quartier.editor.cms import AdminMissing, AdminUnreadable, admin_files
from quartier.frontends.material import MATERIAL
from quartier.problems import Severity, errors_in
from quartier.render.pages import Page as EnginePage
from quartier.render.search import IndexJob, SearchIndexError, build_index, cancel_index, finish_index, start_index
from quartier.site.build import BuildResult, build
from quartier.site.error_page import error_page_html
from quartier.site.project import theme_files
from quartier.site.search_pages import search_documents
from quartier.text.markup import TocEntry
from quartier.text.sanitize import sanitize

log = logging.getLogger("mkdocs.plugins.quartier")

_BUILDER_LOGGER = MkDocsConfig.__module__.partition(".")[0]
"""The logger above every message of the builder running this hook: ``mkdocs``, or
``properdocs`` under ProperDocs, which answers ``import mkdocs`` with itself and logs its
own warnings under its own name (``mkdocs.*``, this hook's included, is made its child)."""


class _WarningCounter(logging.Handler):
    """Counts the builder's warnings as its strict mode does, to know before it aborts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _HookState:
    """What one build carries from event to event."""

    config: SiteConfig | None = None
    result: BuildResult | None = None
    pages: dict[str, EnginePage] = field(default_factory=dict)
    """Generated pages by their source path below docs/."""

    command: str = ""
    indexing: IndexJob | None = None
    """Pagefind indexing this build's searchable pages beside MkDocs (from on_files)."""

    final_site_dir: str = ""
    """Where the site goes once the build succeeded ('' when building in place)."""

    warnings: _WarningCounter = field(default_factory=_WarningCounter)

    overrides: Path | None = None
    """The theme overrides (``theme.custom_dir``), absolute; ``None`` without any."""

    failed: tuple[str, ...] = ()
    """``mkdocs serve`` only: the problems that stopped this build, shown on the error page."""

    served_pages: tuple[str, ...] = ()
    """``mkdocs serve`` only: the HTML files of the last good build (the hook's state lives
    as long as the server), where the error page goes so that every open page reloads."""


_state = _HookState()
_MARK = "<!-- quartier:page -->"


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command


def on_shutdown() -> None:
    _stop_indexing()


def _stop_indexing() -> None:
    """End an index of a build that did not finish (an error, a serve rebuild cut short)."""
    if _state.indexing is not None:
        cancel_index(_state.indexing)
    _state.indexing = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root, docs_dir, overrides = _project_paths(config)
    _state.overrides = overrides
    try:
        _state.config = config_from_mapping(
            root,
            {
                "site_url": config.site_url,
                "site_name": config.site_name,
                "docs_dir": docs_dir,
                "extra": dict(config.extra),
            },
        )
    except ConfigError as exc:
        raise PluginError(str(exc)) from None
    return config


def _project_paths(config: MkDocsConfig) -> tuple[Path, str, Path | None]:
    """The project folder, ``docs_dir`` below it, and the theme overrides: the one place
    where the hook learns where the project is.

    MkDocs keeps the config file's path as it was typed after ``-f`` (``mkdocs.yml``,
    ``./mkdocs.yml``, ``../quartier/mkdocs.yml``) and joins ``docs_dir`` and
    ``custom_dir`` to that path's folder, which for ``-f mkdocs.yml`` is ``''``: the
    folders are only right as seen from the current folder. Everything is made absolute
    here as MkDocs makes ``docs_dir`` absolute (``os.path.abspath``, symlinks kept), so
    that the engine, the theme check and the search index never depend on where the
    command was started.
    """
    config_file = Path(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    root = config_file.parent
    docs = Path(os.path.abspath(config.docs_dir))
    if not docs.is_relative_to(root) or docs == root:
        # The engine reads and publishes docs/ as part of the project (links, history).
        raise PluginError(
            f"docs_dir in {config_file.name} muss ein Ordner im Projektordner {root} sein "
            f"(z. B. docs_dir: docs), nicht {docs}"
        )
    custom_dir = getattr(config.theme, "custom_dir", None)
    overrides = Path(os.path.abspath(custom_dir)) if custom_dir else None
    return root, docs.relative_to(root).as_posix(), overrides


def on_pre_build(config: MkDocsConfig) -> None:
    _stop_indexing()
    site_config = _site_config()
    _state.failed = ()
    # Read per build, not once in on_config: `mkdocs serve` rebuilds across midnight.
    try:
        today = today_from_environment()
    except ConfigError as exc:
        _fail(config, str(exc), [str(exc)])
        return
    if _check_theme(config, site_config):
        return
    with project_cache(site_config.root) as cache:
        result = build(site_config, today, cache)
    for problem in result.problems:
        if problem.severity is Severity.WARNING:
            log.warning(problem.format_text())
    if result.output is None:
        errors = [problem.format_text() for problem in errors_in(result.problems)]
        _fail(config, f"{len(errors)} Fehler im Inhalt, Website nicht gebaut:\n" + "\n".join(errors), errors)
        return
    for warning in result.output.warnings:
        log.warning(warning)
    for note in result.output.notes:
        log.info(note)
    _state.result = result
    _stage(config)


def _check_theme(config: MkDocsConfig, site_config: SiteConfig) -> bool:
    """The overrides are read by MkDocs and Jinja, not the engine: the same rule for links holds.
    True when they failed it."""
    if _state.overrides is None:
        return False
    _, problems = theme_files(site_config.root, _state.overrides)
    if problems:
        _fail(config, f"{len(problems)} Fehler im Theme, Website nicht gebaut:\n" + "\n".join(problems), problems)
    return bool(problems)


def _fail(config: MkDocsConfig, message: str, problems: list[str]) -> None:
    """Stop a build; a preview server goes on with the error page instead (see on_post_build)."""
    if _state.command != "serve":
        raise PluginError(message)
    log.error(message)
    _state.failed = tuple(problems)
    # No pages this time: without a nav MkDocs does not warn about each missing one.
    config.nav = None


def _stage(config: MkDocsConfig) -> None:
    """Let MkDocs empty and fill a staging folder instead of the site itself."""
    _state.final_site_dir = ""
    if _state.command != "build":
        return  # `mkdocs serve` builds into a temporary folder of its own
    final = Path(config.site_dir)
    staging = final.with_name(final.name + ".quartier-neu")
    shutil.rmtree(staging, ignore_errors=True)
    _state.final_site_dir = str(final)
    config.site_dir = str(staging)
    _state.warnings.count = 0
    logging.getLogger(_BUILDER_LOGGER).addHandler(_state.warnings)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _state.failed:
        # The theme's own assets and the form stay; the pages are the error page (on_post_build).
        kept = Files([file for file in files if not _in_docs(file, config)])
        for path, data in _admin_page().items():
            kept.append(File.generated(config, path, content=data))
        return kept
    result = _result()
    assert result.output is not None
    published = set(result.output.docs_files)
    contents = result.output.docs_contents
    for file in list(files):
        # Only what the engine allowed from docs/ is published (theme files stay).
        if file.abs_src_path and file.generated_by is None and _in_docs(file, config) and file.src_uri not in published:
            files.remove(file)
        elif file.generated_by is None and _in_docs(file, config) and file.src_uri in contents:
            # Images and stylesheets: the engine's bytes, decoded and written again, not the file MkDocs found.
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=contents[file.src_uri]))
    _state.pages = {}
    for page in result.output.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        if files.get_file_from_path(page.source) is not None:
            raise PluginError(
                f"docs/{page.source} überschneidet sich mit einer erzeugten Seite; bitte umbenennen oder entfernen."
            )
        # MkDocs converts only a mark; the engine's finished, sanitized HTML replaces it
        # in on_page_content. No editor Markdown reaches MkDocs' own converter.
        _state.pages[page.source] = page
        files.append(
            File.generated(
                config, page.source, content=MATERIAL.front_matter(page.meta) + _MARK + "\n", inclusion=inclusion
            )
        )
    for path, data in result.output.files.items():
        files.append(File.generated(config, path, content=data))
    documents = search_documents(result.output, result.validation.docs_bodies, result.validation.docs_meta, MATERIAL)
    if documents is not None:
        try:
            _state.indexing = start_index(documents, _site_config().root)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
    # From here the pages live in _state.pages only, each until MkDocs has its HTML:
    # at N = 10,000 events a second copy of every page was a few hundred megabytes.
    _state.result = replace(result, output=replace(result.output, pages=()))
    for path, data in _admin_page().items():
        files.append(File.generated(config, path, content=data))
    return files


def _admin_page() -> dict[str, bytes]:
    """The form at /admin/; a site without the npm packages (copies made by tests,
    builds outside `make site`) is built without it, and says so."""
    try:
        return admin_files(_site_config())
    except AdminMissing as exc:
        log.info(str(exc))
        return {}
    except AdminUnreadable as exc:
        raise PluginError(f"Formular unter /admin/, Website nicht gebaut:\n{exc}") from None


def _in_docs(file: File, config: MkDocsConfig) -> bool:
    return Path(file.abs_src_path or "").is_relative_to(Path(config.docs_dir))


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _state.pages.pop(page.file.src_uri, None)
    if generated is None:
        # Hand-written pages are content too: what they may publish is decided here,
        # on the HTML MkDocs made of them.
        return sanitize(html_text)
    page.toc = TableOfContents([_anchor(entry) for entry in generated.body.toc])
    if page.toc.items:
        page.toc.items[0].active = True  # type: ignore[attr-defined]  # as MkDocs' get_toc does
    return generated.html


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The engine's pages arrive with their front matter written by the adapter. A
    # hand-written page's front matter as MkDocs read it never reaches the theme: its
    # meta is the engine's reading (only the fields of DOCS_PAGE, checked, the title
    # escaped), so no file can name a template, an icon, or the mark of an engine page.
    if page.file.src_uri not in _state.pages:
        page.meta = MATERIAL.docs_meta(_result().validation.docs_meta.get(page.file.src_uri, {}))
    return markdown


def _anchor(entry: TocEntry) -> AnchorLink:
    anchor = AnchorLink(MATERIAL.heading(entry.name), entry.id, entry.level)
    anchor.children = [_anchor(child) for child in entry.children]
    return anchor


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    job, _state.indexing = _state.indexing, None
    if _state.failed:
        if job is not None:
            cancel_index(job)
        _write_error_page(site)
        return
    if _state.command == "serve":
        _state.served_pages = tuple(
            path.relative_to(site).as_posix()
            for path in site.rglob("*.html")
            if not path.relative_to(site).as_posix().startswith("admin/")
        )
    # The search index is part of the site, in place before the new site replaces the
    # old one: a failed index leaves the old site as it was. Pagefind has been indexing
    # since on_files, beside MkDocs; only a site whose indexed text depends on MkDocs
    # (search_documents) is indexed here, from the finished HTML.
    try:
        if job is not None:
            summary = finish_index(job, Path(config.site_dir))
        else:
            summary = build_index(Path(config.site_dir), _site_config().root)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    if summary:
        log.debug(summary)
    if not _state.final_site_dir:
        return
    logging.getLogger(_BUILDER_LOGGER).removeHandler(_state.warnings)
    staging = Path(config.site_dir)
    if config.strict and _state.warnings.count:
        shutil.rmtree(staging, ignore_errors=True)
        return  # MkDocs aborts next; the previous site stays as it was
    final = Path(_state.final_site_dir)
    old = final.with_name(final.name + ".quartier-alt")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(final)


def _write_error_page(site: Path) -> None:
    """The error page at the start page, as 404.html (any other address) and at every page
    the last good build had, where MkDocs' reload script finds it."""
    page = error_page_html(_state.failed, _site_config().site_name, admin=(site / "admin").is_dir())
    for relative in {"index.html", "404.html", *_state.served_pages}:
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def on_build_error(error: Exception) -> None:
    _stop_indexing()
    if _state.final_site_dir:
        logging.getLogger(_BUILDER_LOGGER).removeHandler(_state.warnings)
        final = Path(_state.final_site_dir)
        shutil.rmtree(final.with_name(final.name + ".quartier-neu"), ignore_errors=True)


class _Memo:
    """Template output that is the same for many pages, rendered once per build.

    Called from overrides/main.html as ``{% call quartier_memo(name, key) %}…{% endcall %}``
    for the navigation and tabs of generated pages outside the navigation.
    """

    def __init__(self) -> None:
        self.values: dict[tuple[object, ...], str] = {}

    def __call__(self, *key: object, caller: Any) -> str:
        if key not in self.values:
            self.values[key] = caller()
        return self.values[key]


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if _site_config().memoize_nav:
        env.globals["quartier_memo"] = _Memo()  # a new one each build: the nav may change
    else:
        env.globals.pop("quartier_memo", None)
    return env


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_site_config().content_path))
    return server


def _site_config() -> SiteConfig:
    assert _state.config is not None, "on_config runs first"
    return _state.config


def _result() -> BuildResult:
    assert _state.result is not None, "on_pre_build runs first"
    return _state.result
