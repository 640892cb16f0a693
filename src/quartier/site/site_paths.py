"""Every path the site writes, claimed once: collisions and dead local links, before anything is deleted.

A project named ``index`` would replace the projects listing, a city whose name has no
letters would replace the cities listing, a page in ``docs/assets/`` would replace the
theme's scripts. Each output claims its site path and its source path here; a second
claim is an error in ``quartier validate``, long before a builder empties ``site/``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from quartier.problems import Problem, ProblemCode
from quartier.text.markup import RenderedBody

THEME_PATHS: tuple[str, ...] = ("assets/", "search/", "pagefind/", "sitemap.xml", "sitemap.xml.gz", "404.html", "404/")
"""What the builder, its theme and the search index write themselves (scripts, index, sitemap, error page)."""


class PathCode(ProblemCode):
    RESERVED = "path.reserved"
    """A page or file would land where the builder or its theme writes (``assets/``), or nowhere."""

    TAKEN = "path.taken"
    """Two outputs claim the same site path or the same source: one would overwrite the other."""

    DEAD_LINK = "path.dead-link"
    """A local link or image leads to nothing the site contains."""


@dataclass(frozen=True)
class Output:
    """One thing the site will contain."""

    url: str
    """Site path: ``projekte/x/`` for a page, ``kalender.ics`` for a file."""

    source: str = ""
    """Path of the page's Markdown below ``docs/`` (builders turn it into ``url``)."""

    owner: str = ""
    """The content file it comes from, for messages ('' for the engine's own pages)."""


def docs_page_url(uri: str) -> str:
    """``ueber/index.md`` → ``ueber/``, ``impressum.md`` → ``impressum/``, ``index.md`` → ''."""
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def collisions(outputs: Iterable[Output]) -> list[Problem]:
    """A problem for every path claimed twice, or claimed inside the theme's folders."""
    claimed: dict[str, Output] = {}
    problems: list[Problem] = []
    for output in outputs:
        owner = output.owner or "mkdocs.yml"
        theme = next(
            (
                t
                for t in THEME_PATHS
                if output.url.casefold() == t or (t.endswith("/") and output.url.casefold().startswith(t))
            ),
            None,
        )
        if theme is not None or output.url.startswith("/") or "//" in output.url:
            problems.append(
                Problem(
                    owner,
                    1,
                    "-",
                    f"Adresse „/{output.url}“ ist für die Website selbst reserviert oder leer",
                    "einen anderen Dateinamen oder Namen",
                    code=PathCode.RESERVED,
                )
            )
            continue
        for key in ("url:" + output.url.casefold(), "src:" + output.source.casefold() if output.source else ""):
            if not key:
                continue
            first = claimed.get(key)
            if first is None:
                claimed[key] = output
                continue
            what = "Adresse" if key.startswith("url:") else "Seitendatei"
            shown = output.url if key.startswith("url:") else output.source
            other = first.owner or f"die Übersichtsseite /{first.url}"
            problems.append(
                Problem(
                    owner,
                    1,
                    "-",
                    f"{what} „{shown}“ gibt es schon ({other}); eine würde die andere überschreiben",
                    "einen anderen Dateinamen",
                    code=PathCode.TAKEN,
                )
            )
            break
    return problems


@dataclass(frozen=True)
class DeadLink:
    """A link in a body whose target the site does not contain."""

    owner: str
    """The file whose body holds the link."""

    link: str
    """The link as the rendered HTML has it (how the file writes it, as a rule)."""

    expected: str
    """German: what would be right."""

    def problem(self, line: int = 1) -> Problem:
        """The problem on ``line`` of the owner (1: the file as a whole)."""
        message = f"Link-Ziel „{self.link}“ gibt es auf dieser Website nicht"
        return Problem(self.owner, line, "Text", message, self.expected, code=PathCode.DEAD_LINK)


def dead_links(outputs: list[Output], bodies: Iterable[tuple[Output, RenderedBody, str]]) -> list[DeadLink]:
    """Relative links and images in bodies whose target the site does not contain.

    ``bodies`` holds each page with its body and the base its links are read from:
    the page's URL for engine-rendered bodies, the source folder for docs/ pages (whose
    ``.md`` links the builder rewrites).
    """
    urls = {o.url for o in outputs}
    sources = {o.source for o in outputs if o.source}
    dead: list[DeadLink] = []
    for output, body, base in bodies:
        for link in body.links:
            target = _local_target(link, base)
            if target is None:
                continue
            known = (
                target in sources
                if target.endswith(".md") and base.endswith(".md")
                else (target in urls or target + "/" in urls or target.rstrip("/") in urls)
            )
            if not known:
                hint = (
                    "die Adresse der Seite, z. B. ../../projekte/name/"
                    if target.endswith(".md") and not base.endswith(".md")
                    else "eine Seite oder Datei dieser Website"
                )
                dead.append(DeadLink(output.owner, link, hint))
    return dead


def _local_target(link: str, base: str) -> str | None:
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path:
        return None  # other servers, mailto:, tel:, and #anchors on the same page
    path = unquote(parts.path)
    folder = posixpath.dirname(base) if base.endswith(".md") else base.rstrip("/")
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
    normal = posixpath.normpath(joined)
    if normal in (".", ""):
        return ""
    if normal.startswith(".."):
        return normal  # leaves the site: never known
    return normal + ("/" if path.endswith("/") else "")


__all__ = ["DeadLink", "Output", "PathCode", "THEME_PATHS", "collisions", "dead_links", "docs_page_url"]
