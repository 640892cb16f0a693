"""MkDocs front end for the Quartier engine (listed under ``hooks:`` in mkdocs.yml).

Content is loaded and validated in ``on_pre_build``: MkDocs empties ``site_dir``
only after that event, so a build with bad content stops with the previous site
still in place. Generated pages are added in ``on_files`` and kept out of the
navigation (Material renders the navigation into every page).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# Imported at the top: MkDocs puts this folder on sys.path only while it loads the hook.
from quartier.build import BuildResult, build
from quartier.config import SiteConfig, config_from_mapping, today_from_environment
from quartier.news import post_markdown
from quartier.problems import errors_in, format_report

log = logging.getLogger("mkdocs.plugins.quartier")

_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    _state["config"] = config_from_mapping(
        root,
        {
            "site_url": config.site_url,
            "site_name": config.site_name,
            "docs_dir": Path(config.docs_dir).relative_to(root).as_posix(),
            "extra": dict(config.extra),
        },
    )
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    site_config: SiteConfig = _state["config"]  # type: ignore[assignment]
    result = build(site_config, today_from_environment())
    for problem in result.problems:
        if problem.severity == "warning":
            log.warning(problem.format_text())
    if result.output is None:
        errors = errors_in(result.problems)
        raise PluginError(f"{len(errors)} Fehler im Inhalt, Website nicht gebaut:\n" + format_report(errors))
    for warning in result.output.warnings:
        log.warning(warning)
    _state["result"] = result


def on_files(files: Files, config: MkDocsConfig) -> Files:
    result: BuildResult = _state["result"]  # type: ignore[assignment]
    assert result.output is not None
    splices: dict[str, tuple[str, str]] = {}
    _state["splices"] = splices
    for page in result.output.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.source)
        if existing is not None:
            raise PluginError(f"docs/{page.source} überschneidet sich mit einer erzeugten Seite; bitte umbenennen oder entfernen.")
        # MkDocs gets only the editor's Markdown between two marks; the finished HTML
        # around it is put in after conversion (on_page_content). Running Python-Markdown
        # over HTML that is already final was a third of the per-page cost.
        source = page.front_matter + _BEFORE + "\n\n" + page.body.strip("\n") + "\n\n" + _AFTER + "\n"
        splices[page.source] = (page.before, page.after)
        files.append(File.generated(config, page.source, content=source, inclusion=inclusion))
    for path, data in result.output.files.items():
        files.append(File.generated(config, path, content=data))
    return files


_BEFORE = "<!-- quartier:before -->"
_AFTER = "<!-- quartier:after -->"


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    splice = _state.get("splices", {}).get(page.file.src_uri)  # type: ignore[union-attr]
    if splice is None:
        return html_text
    before, after = splice
    return html_text.replace(_BEFORE, before, 1).replace(_AFTER, after, 1)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """News posts get the excerpt mark and the block of what they name (from the engine).

    Titles set in front matter are escaped: Material writes ``page.title`` into
    ``<title>``, headers and (for posts) excerpt headings without escaping.
    Generated pages arrive with their titles escaped already.
    """
    if page.file.generated_by is None and isinstance(page.meta.get("title"), str):
        page.meta["title"] = html.escape(page.meta["title"], quote=True)
    result: BuildResult = _state["result"]  # type: ignore[assignment]
    site = result.validation.site
    post = _post_by_source(site).get(page.file.src_uri) if site else None
    if post is None:
        return markdown
    # The blog plugin reads page.markdown (not the chain's value) at a later priority.
    page.markdown = post_markdown(post, markdown, site)
    return page.markdown


def _post_by_source(site) -> dict:  # type: ignore[no-untyped-def]
    cache = _state.get("posts")
    if cache is None or cache[0] is not site:
        site_config: SiteConfig = _state["config"]  # type: ignore[assignment]
        prefix = site_config.docs_dir.rstrip("/") + "/"
        cache = (site, {post.source.removeprefix(prefix): post for post in site.posts})
        _state["posts"] = cache
    return cache[1]  # type: ignore[index]


class _Memo:
    """Template output that is the same for many pages, rendered once per build.

    Called from overrides/main.html as ``{% call quartier_memo(name, key) %}…{% endcall %}``
    for the navigation and tabs of generated pages outside the navigation.
    """

    def __init__(self) -> None:
        self.values: dict[tuple, str] = {}

    def __call__(self, *key: object, caller) -> str:  # type: ignore[no-untyped-def]
        if key not in self.values:
            self.values[key] = caller()
        return self.values[key]


def on_env(env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    site_config: SiteConfig = _state["config"]  # type: ignore[assignment]
    if site_config.extra.get("memoize_nav", True):
        env.globals["quartier_memo"] = _Memo()  # a new one each build: the nav may change
    else:
        env.globals.pop("quartier_memo", None)
    return env


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    site_config: SiteConfig = _state["config"]  # type: ignore[assignment]
    server.watch(str(site_config.content_path))
    return server
