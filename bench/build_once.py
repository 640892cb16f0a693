"""Build one MkDocs project in this process and print time and peak memory as JSON.

Run as a subprocess by ``bench/run.py`` so that every build has its own peak RSS.
``cpu_s`` is the processor time of the build and of what it started (Pagefind): on a
shared machine it varies far less than the wall-clock ``seconds``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("QUARTIER_TODAY", "2026-11-21")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def main(project: str, site_dir: str) -> None:
    os.chdir(project)
    started = time.perf_counter()
    cpu_started = _cpu()
    config = load_config(config_file=os.path.join(project, "mkdocs.yml"), site_dir=site_dir)
    build(config)
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu_started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # The largest process the build started and waited for (Pagefind), on its own.
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {"seconds": seconds, "cpu_s": cpu, "peak_mb": peak_kb / 1024, "children_peak_mb": children_kb / 1024}
        )
    )


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
