"""The benchmark: Quartier's build against the MkDocs floor, measured in one run.

    python bench/run.py                      # N = 2,000 and 10,000 events, news at 300 and 2,000 posts
    python bench/run.py --events 200 --news  # quick

For each N: (a) the generated site (N events, N/4 projects, 100 cities, 20 programs,
N/7 posts) and (b) the floor: as many plain Markdown pages as (a) has pages, with the
same theme and search, kept out of the navigation. Prints both times, their ratio,
peak memory, output and search index sizes, and the time to write all feeds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_floor, make_project  # noqa: E402

from quartier.config import load_config  # noqa: E402
from quartier.content.validation import validate_site  # noqa: E402
from quartier.feeds.ical.calendars import render_feeds  # noqa: E402

TODAY = date(2026, 11, 21)


def build(project: Path, site: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("build_once.py")), str(project), str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{out.stderr[-3000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["pages"] = sum(1 for _ in site.rglob("index.html"))
    figures["output_mb"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    # The floor has Material's lunr index (one file, fetched on every page view);
    # Quartier has Pagefind's folder of chunks, of which a search fetches a few.
    lunr = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    if lunr.exists():
        figures["search_index_mb"] = lunr.stat().st_size / 1e6
    else:
        figures["search_index_mb"] = sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file()) / 1e6
    return figures


def feed_seconds(project: Path) -> float:
    site = validate_site(load_config(project)).site
    assert site is not None
    started = time.perf_counter()
    render_feeds(site, load_config(project), TODAY)
    return time.perf_counter() - started


def measure(work: Path, events: int, posts: int | None = None) -> dict:
    project = make_project(work / f"quartier-{events}-{posts}", events, posts)
    ours = build(project, work / f"site-{events}-{posts}")
    # The floor has a start page of its own besides the plain pages.
    floor = build(
        make_floor(work / f"floor-{events}-{posts}", ours["pages"] - 1), work / f"floor-site-{events}-{posts}"
    )
    return {
        "events": events,
        "posts": events // 7 if posts is None else posts,
        "quartier": ours,
        "floor": floor,
        "ratio": ours["seconds"] / floor["seconds"],
        "feeds_s": feed_seconds(project),
    }


def show(row: dict) -> None:
    q, f = row["quartier"], row["floor"]
    print(
        f"events={row['events']:>6} posts={row['posts']:>5} pages={q['pages']:>6} | "
        f"quartier {q['seconds']:6.1f} s {q['peak_mb']:6.0f} MB out "
        f"{q['output_mb']:6.1f} MB index {q['search_index_mb']:5.1f} MB | "
        f"floor {f['seconds']:6.1f} s {f['peak_mb']:6.0f} MB | ratio {row['ratio']:.2f} | feeds {row['feeds_s']:.2f} s",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="N (repeatable); default 2000 and 10000")
    parser.add_argument("--news", action="store_true", help="also measure news alone at 300 and 2,000 posts")
    parser.add_argument("--posts", type=int, action="append", help="post counts for --news (default 300, 2000)")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="quartier-bench-") as tmp:
        work = Path(tmp)
        for events in args.events or [2000, 10000]:
            rows.append(measure(work, events))
            show(rows[-1])
        if len(rows) >= 2:
            print(
                f"growth {rows[0]['events']} → {rows[-1]['events']} events: "
                f"{rows[-1]['quartier']['seconds'] / rows[0]['quartier']['seconds']:.2f}x "
                f"(floor {rows[-1]['floor']['seconds'] / rows[0]['floor']['seconds']:.2f}x)"
            )
        if args.news:
            for posts in args.posts or [300, 2000]:
                rows.append(measure(work, 0, posts))
                show(rows[-1])
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
