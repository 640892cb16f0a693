"""The engine alone (validate, render every page, feeds, path checks), without MkDocs.

    python bench/profile_engine.py --events 2000                 # timed, then under cProfile
    python bench/profile_engine.py --events 2000 --profile engine.prof --top 25

First one build without the profiler: the engine's seconds and, in the same build, the
seconds spent in the QR codes of the printed notices (``render.pages.qr_svg``, timed by a
wrapper), and what a code for every event (past ones too) would take. Then one build
under cProfile (``--profile`` keeps the file for ``pstats`` or snakeviz): the QR share
as cProfile sees it and the largest costs by cumulative time.
The project is the synthetic one of ``bench/run.py``, built as of ``run.TODAY``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import TODAY  # noqa: E402
from synthetic import make_project  # noqa: E402

from quartier.config import load_config  # noqa: E402
from quartier.content.validation import validate_site  # noqa: E402
from quartier.render import pages  # noqa: E402
from quartier.site.build import build  # noqa: E402


def timed_build(project: Path) -> tuple[float, float, int]:
    """Engine seconds, QR seconds within them, and how many codes were made."""
    original: Callable[[str], str] = pages.qr_svg
    spent = [0.0, 0]

    def counting(url: str) -> str:
        started = time.perf_counter()
        try:
            return original(url)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    forget_codes()
    pages.qr_svg = counting  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        result = build(load_config(project), TODAY)
        seconds = time.perf_counter() - started
    finally:
        pages.qr_svg = original  # type: ignore[assignment]
    assert result.output is not None, result.problems[:5]
    return seconds, float(spent[0]), int(spent[1])


def every_event_code(project: Path) -> float:
    """Seconds to make the code of every event's page, as the build's own function does."""
    config = load_config(project)
    site = validate_site(config).site
    assert site is not None
    urls = [config.absolute_url(event.url_path) for event in site.events]
    forget_codes()
    started = time.perf_counter()
    for url in urls:
        pages.qr_svg(url)
    return time.perf_counter() - started


def forget_codes() -> None:
    """Codes are kept per URL within a process (``mkdocs serve``): each measured build starts without."""
    getattr(pages.qr_svg, "cache_clear", lambda: None)()


def profiled_build(project: Path, out: Path, top: int) -> None:
    forget_codes()
    profiler = cProfile.Profile()
    profiler.enable()
    result = build(load_config(project), TODAY)
    profiler.disable()
    assert result.output is not None
    profiler.dump_stats(str(out))
    stats = pstats.Stats(str(out))
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(cum for (_, _, _, cum, _) in entries.values())
    qr = sum(cum for (path, _, name), (_, _, _, cum, _) in entries.items() if name == "qr_svg")
    print(f"under cProfile: engine {total:.1f} s, QR codes {qr:.2f} s = {qr / total:.1%}  ({out})")
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--profile", type=Path, help="where to keep the cProfile output")
    parser.add_argument("--top", type=int, default=30, help="how many functions to list by cumulative time")
    parser.add_argument("--no-profile", action="store_true", help="only the timed build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quartier-engine-") as tmp:
        project = make_project(Path(tmp) / "project", args.events)
        seconds, qr, codes = timed_build(project)
        print(
            f"events={args.events}: engine {seconds:.2f} s, QR codes {qr:.3f} s for {codes} codes "
            f"= {qr / seconds:.1%} of the engine",
            flush=True,
        )
        every = every_event_code(project)
        print(f"a code for every event's page (past ones too): {every:.3f} s = {every / (seconds - qr + every):.1%}")
        if not args.no_profile:
            profiled_build(project, args.profile or Path(tmp) / "engine.prof", args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
