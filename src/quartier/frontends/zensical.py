"""Zensical on the generated project: ``zensical build`` and the search index, all or nothing.

``zensical build`` writes its site in place and leaves what it managed to write when it
fails. ``quartier generate OUT --zensical`` therefore runs it (and Pagefind) inside the
staging folder ``generate`` writes its project into; only when both succeeded does that
folder replace ``OUT``, so a failed build leaves the previous project and site as they were.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from quartier.render.search import IndexJob, SearchIndexError, build_index, finish_index
from quartier.site.project import site_folder

ENVIRONMENT = "QUARTIER_ZENSICAL"
"""Names another ``zensical`` executable (the default: the one beside the running Python, then PATH)."""

_OUTPUT_LINES = 30


class ZensicalError(Exception):
    """Zensical is missing or its build or the search index failed (a German message)."""


def zensical_command() -> list[str]:
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return [configured]
    beside = Path(sys.executable).with_name("zensical")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("zensical")
    if found is None:
        raise ZensicalError(
            "Zensical ist nicht installiert (make install, oder pip install -e '.[zensical]'; "
            f"{ENVIRONMENT}=/pfad/zu/zensical nennt ein anderes)"
        )
    return [found]


def build_site(project: Path, root: Path, index: IndexJob | None = None) -> str:
    """``zensical build --clean`` in ``project``, then the search index of its site with the
    Pagefind of the project at ``root`` (the one ``project`` was generated from); Pagefind's summary.

    ``index``: Pagefind already at work on the searchable pages (``render.search.start_index``),
    beside Zensical; its index goes into the site once both are done."""
    command = zensical_command()
    try:
        result = subprocess.run(
            [*command, "build", "--clean"], cwd=project, capture_output=True, text=True, errors="replace", check=False
        )
    except OSError as exc:
        raise ZensicalError(f"„zensical build“ lässt sich nicht starten ({exc.strerror})") from None
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).strip().splitlines()[-_OUTPUT_LINES:])
        raise ZensicalError(f"„zensical build“ ist fehlgeschlagen (Exit-Code {result.returncode}):\n{output}")
    site = site_folder(project)
    if not (site / "index.html").is_file():
        raise ZensicalError(f"„zensical build“ hat keine Website geschrieben ({site.name}/index.html fehlt)")
    try:
        return finish_index(index, site) if index is not None else build_index(site, root)
    except SearchIndexError as exc:
        raise ZensicalError(str(exc)) from None


__all__ = ["ENVIRONMENT", "ZensicalError", "build_site", "zensical_command"]
