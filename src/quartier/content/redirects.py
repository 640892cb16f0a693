"""Redirects for renamed pages: ``content/redirects.yml`` → small HTML pages at the old URLs.

Written by the engine rather than a MkDocs plugin so that every builder of the
generated files gets them. Each maps an old site path to a new one:

    veranstaltungen/2027-05-06-alter-name/: veranstaltungen/2027-05-06-neuer-name/
"""

from __future__ import annotations

import html
import re

from quartier.config import SiteConfig
from quartier.paths import relative

_PATH = re.compile(r"^(?!/)(?!.*\.\.)(?!.*//)[a-z0-9][a-z0-9/_-]*/$")


def path_problem(path: str) -> str:
    """Why a redirect path is not acceptable ('' if it is)."""
    if not _PATH.match(path):
        return "Pfad der Website wie veranstaltungen/name/ (klein, ohne ../, mit / am Ende)"
    return ""


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
        files[old + "index.html"] = page.encode("utf-8")
    return files
