"""Redirects for renamed pages: ``content/redirects.yml`` → small HTML pages at the old URLs.

Written by the engine rather than a MkDocs plugin so that every builder of the
generated files gets them. Each maps an old site path to a new one:

    veranstaltungen/2027-05-06-alter-name/: veranstaltungen/2027-05-06-neuer-name/
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from quartier.config import SiteConfig
from quartier.content.loading import Value, ValueKind, kind_name
from quartier.content.moments import Converted
from quartier.paths import relative
from quartier.problems import Problem, ProblemCode

_PATH = re.compile(r"^(?!/)(?!.*\.\.)(?!.*//)[a-z0-9][a-z0-9/_-]*/$")


class RedirectCode(ProblemCode):
    """Problems of ``redirects.yml``."""

    NOT_A_MAPPING = "redirect.not-a-mapping"
    TARGET_NOT_TEXT = "redirect.target-not-text"
    BAD_PATH = "redirect.bad-path"
    PAGE_EXISTS = "redirect.page-exists"
    TARGET_MISSING = "redirect.target-missing"
    LOOP = "redirect.loop"


def path_problem(path: str) -> str:
    """Why a redirect path is not acceptable ('' if it is)."""
    if not _PATH.match(path):
        return "Pfad der Website wie veranstaltungen/name/ (klein, ohne ../, mit / am Ende)"
    return ""


_SECTIONS = ("veranstaltungen", "projekte", "programme", "staedte", "aktuelles")
"""Site paths below these are the engine's: a redirect into them must name a page that exists."""


def check_redirects(
    value: Value, display: str, existing: Collection[str], targets: Collection[str]
) -> Converted[list[tuple[str, str]]]:
    """The usable redirects of ``redirects.yml`` and every problem with the others.

    ``existing``: the site paths of pages (an old path must not be one); ``targets``: those
    and the listings (a target in the engine's sections must be one).
    """
    if value.kind is not ValueKind.MAP:
        return Converted(
            None,
            (
                Problem(
                    display,
                    value.line,
                    "-",
                    f"Weiterleitungen sind {kind_name(value.kind)}",
                    "alter/pfad/: neuer/pfad/ je Zeile",
                    code=RedirectCode.NOT_A_MAPPING,
                ),
            ),
        )
    problems: list[Problem] = []
    result: list[tuple[str, str]] = []
    for old, target in value.data.items():
        problem = _entry_problem(old, target, existing, targets)
        if problem is None:
            result.append((old, target.data))
        else:
            message, expected, code = problem
            problems.append(Problem(display, target.line, old, message, expected, code=code))
    looping = _looping(dict(result))
    target_of = dict(result)
    for old in sorted(looping):
        via = " → ".join([old, target_of[old]])
        problems.append(
            Problem(
                display,
                value.data[old].line,
                old,
                f"Weiterleitung führt im Kreis ({via} …)",
                "ein Ziel, das eine Seite ist",
                code=RedirectCode.LOOP,
            )
        )
    return Converted([(old, new) for old, new in result if old not in looping], tuple(problems))


def _entry_problem(
    old: str, target: Value, existing: Collection[str], targets: Collection[str]
) -> tuple[str, str, RedirectCode] | None:
    """What is wrong with one redirect by itself: message, expected text and code; ``None`` if nothing."""
    if target.kind is not ValueKind.STR:
        return f"Ziel ist {kind_name(target.kind)}", "neuer/pfad/", RedirectCode.TARGET_NOT_TEXT
    for candidate in (old, target.data):
        problem = path_problem(candidate)
        if problem:
            return f"„{candidate}“ ist kein gültiger Pfad", problem, RedirectCode.BAD_PATH
    if old in existing:
        return (
            "Unter dieser Adresse gibt es noch eine Seite; sie würde überschrieben",
            "nur Adressen, die es nicht mehr gibt",
            RedirectCode.PAGE_EXISTS,
        )
    if target.data not in targets and target.data.split("/")[0] in _SECTIONS:
        return f"Ziel „{target.data}“ gibt es nicht", "die Adresse einer vorhandenen Seite", RedirectCode.TARGET_MISSING
    return None


def _looping(target_of: dict[str, str]) -> set[str]:
    """The old paths from which following the redirects never reaches a page (a cycle).

    Each path is walked once: a walk stops at a path already decided, so a long chain
    costs its length, not its length squared.
    """
    decided: dict[str, bool] = {}
    for start in target_of:
        walk: list[str] = []
        on_walk: set[str] = set()
        current = start
        while current in target_of and current not in decided and current not in on_walk:
            walk.append(current)
            on_walk.add(current)
            current = target_of[current]
        loops = decided.get(current, current in on_walk)
        for path in walk:
            decided[path] = loops
    return {path for path, loops in decided.items() if loops}


def redirect_file(old: str) -> str:
    """The file that answers at the old address ``old`` (a folder path)."""
    return old + "index.html"


def render_redirects(redirects: tuple[tuple[str, str], ...], config: SiteConfig) -> dict[str, bytes]:
    files = {}
    for old, new in redirects:
        target = relative(old, new)
        absolute = config.absolute_url(new)
        page = (
            '<!doctype html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Weitergeleitet</title>\n"
            f'<link rel="canonical" href="{html.escape(absolute)}">\n'
            f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
            '<meta name="robots" content="noindex">\n</head>\n<body>\n'
            f'<p>Diese Seite ist umgezogen: <a href="{html.escape(target)}">{html.escape(absolute)}</a></p>\n'
            "</body>\n</html>\n"
        )
        files[redirect_file(old)] = page.encode("utf-8")
    return files
