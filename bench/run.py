"""The benchmark: Quartier's build against the MkDocs floor, measured in one run.

    python bench/run.py                      # N = 2,000 and 10,000 events, news at 300 and 2,000 posts
    python bench/run.py --events 200 --news  # quick
    make bench                               # N = 500, three rounds, kept in bench/results/

For each N: (a) the generated site (N events, N/4 projects, 100 cities, 20 programs,
N/7 posts) and (b) the floor: as many plain Markdown pages as (a) has pages, with the
same theme and search, kept out of the navigation. Prints both times, their ratio,
peak memory (the build's process and, apart, Pagefind's), output and search index
sizes, and the time to write all feeds.

Quartier's build is a full one: the content cache (``.cache/quartier/``) is deleted
first. Each round then changes one event and builds again with the cache of the build
before (``rebuild``: what an editor waits for), and times ``quartier validate`` with
and without the cache; all three as ratios to the same round's floor.

``--repeat K`` builds both K times, alternating (ours, floor, ours, floor, …), and takes
the median of the rounds' ratios (and each side's median time): on a shared machine a
slow minute then hits both sides of a round. The processor time of each build (with
Pagefind's) is reported too, with its own ratio: a busy machine disturbs it far less.
``--results DIR`` keeps the figures as
``DIR/YYYY-MM-DD-<commit>.json`` (``-2``, ``-3`` for more runs of that commit that day;
with the full commit hash and whether the work tree had changes) and compares the ratios
with the newest earlier file there, so that the next change can say what it did.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_floor, make_project  # noqa: E402

from quartier.config import load_config  # noqa: E402
from quartier.content.validation import validate_site  # noqa: E402
from quartier.feeds.ical.calendars import render_feeds  # noqa: E402

TODAY = date(2026, 11, 21)


def build(project: Path, site: Path, cold: bool = True) -> dict:
    """One ``mkdocs build``; ``cold``: without the content cache of earlier builds (a full build)."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
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


def change_one_event(project: Path, round_number: int) -> None:
    """What an editor does between two builds: one event gets another paragraph."""
    event = min((project / "content" / "events").glob("*.md"))
    with event.open("a", encoding="utf-8") as file:
        file.write(f"\nNachtrag {round_number}: Der Raum ist barrierefrei erreichbar.\n")


def validate(project: Path, cold: bool) -> dict:
    """``quartier validate`` (content, paths, links; nothing rendered), as the pull-request check runs it."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    env = dict(os.environ, QUARTIER_TODAY=TODAY.isoformat())
    started = time.perf_counter()
    out = subprocess.run(
        [str(Path(sys.executable).with_name("quartier")), "validate"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"quartier validate in {project} failed:\n{out.stderr[-3000:]}")
    return {"seconds": seconds}


def measure(work: Path, events: int, posts: int | None = None, repeat: int = 1) -> dict:
    project = make_project(work / f"quartier-{events}-{posts}", events, posts)
    ours_runs, floor_runs, rebuild_runs, cold_checks, warm_checks = [], [], [], [], []
    floor_project = None
    for number in range(repeat):
        # A full build: no content cache (a fresh clone, a new engine).
        ours_runs.append(build(project, work / f"site-{events}-{posts}"))
        if floor_project is None:
            # The floor has a start page of its own besides the plain pages.
            floor_project = make_floor(work / f"floor-{events}-{posts}", ours_runs[0]["pages"] - 1)
        floor_runs.append(build(floor_project, work / f"floor-site-{events}-{posts}"))
        # The editor's second build: one event changed, the cache of the build before.
        change_one_event(project, number)
        rebuild_runs.append(build(project, work / f"site-{events}-{posts}", cold=False))
        cold_checks.append(validate(project, cold=True))
        warm_checks.append(validate(project, cold=False))
    ratios = [ours["seconds"] / floor["seconds"] for ours, floor in zip(ours_runs, floor_runs, strict=True)]
    cpu_ratios = [ours["cpu_s"] / floor["cpu_s"] for ours, floor in zip(ours_runs, floor_runs, strict=True)]
    rebuild_ratios = [ours["seconds"] / floor["seconds"] for ours, floor in zip(rebuild_runs, floor_runs, strict=True)]
    return {
        "rebuild": _median(rebuild_runs),
        "rebuild_ratio": statistics.median(rebuild_ratios),
        "validate_cold_ratio": statistics.median(
            check["seconds"] / floor["seconds"] for check, floor in zip(cold_checks, floor_runs, strict=True)
        ),
        "validate_warm_ratio": statistics.median(
            check["seconds"] / floor["seconds"] for check, floor in zip(warm_checks, floor_runs, strict=True)
        ),
        "validate_cold_s": statistics.median(check["seconds"] for check in cold_checks),
        "validate_warm_s": statistics.median(check["seconds"] for check in warm_checks),
        "events": events,
        "posts": events // 7 if posts is None else posts,
        "quartier": _median(ours_runs),
        "floor": _median(floor_runs),
        # Each round's builds ran one after the other: the median of their ratios.
        "ratio": statistics.median(ratios),
        "ratio_runs": ratios,
        # The same for processor time, which a busy machine disturbs far less.
        "cpu_ratio": statistics.median(cpu_ratios),
        "cpu_ratio_runs": cpu_ratios,
        "feeds_s": feed_seconds(project),
    }


def _median(runs: list[dict]) -> dict:
    """The run of median time (its other figures with it), and every run's seconds."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["seconds"] = statistics.median(run["seconds"] for run in runs)
    chosen["runs_s"] = [run["seconds"] for run in runs]
    chosen["cpu_s"] = statistics.median(run["cpu_s"] for run in runs)
    return chosen


def commit() -> tuple[str, bool]:
    """The checkout's commit and whether its work tree has changes ("unknown" outside Git)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        return git("rev-parse", "HEAD"), bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return "unknown", False


def save_results(
    rows: list[dict], folder: Path, argv: list[str], today: date | None = None, measured: str | None = None
) -> Path:
    """Write the run to ``folder/YYYY-MM-DD-<short commit>[-dirty][-2].json``; return its path.

    ``measured``: the commit, when the code measured is not this checkout's (an export of
    an older commit, ``git archive``)."""
    full, dirty = (measured, False) if measured else commit()
    day = (today or date.today()).isoformat()
    stem = f"{day}-{full[:7]}{'-dirty' if dirty else ''}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.json"
    number = 1
    while path.exists():  # another run of the same commit that day
        number += 1
        path = folder / f"{stem}-{number}.json"
    record = {
        "commit": full,
        "dirty": dirty,
        "date": day,
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python bench/run.py " + " ".join(argv),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "rows": rows,
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


def previous_results(folder: Path, current: Path) -> dict | None:
    """The newest other results file in ``folder`` (by the time it records)."""
    earlier = []
    for path in folder.glob("*.json"):
        if path == current:
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and "rows" in record:
            earlier.append((record.get("time") or record.get("date", ""), path.name, record))
    return max(earlier, key=lambda item: item[:2])[2] if earlier else None


def compare(rows: list[dict], before: dict) -> list[str]:
    """One line per row that the earlier run measured too: its ratio and this one's."""
    lines = []
    for row in rows:
        for old in before["rows"]:
            if (old["events"], old["posts"]) == (row["events"], row["posts"]):
                lines.append(
                    f"events={row['events']} posts={row['posts']}: ratio {old['ratio']:.2f} "
                    f"({before['date']}, {before['commit'][:7]}{' dirty' if before.get('dirty') else ''}) "
                    f"→ {row['ratio']:.2f} now ({row['ratio'] / old['ratio'] - 1:+.0%}); "
                    f"quartier {old['quartier']['seconds']:.1f} → {row['quartier']['seconds']:.1f} s, "
                    f"floor {old['floor']['seconds']:.1f} → {row['floor']['seconds']:.1f} s"
                )
                if "cpu_ratio" in old and "cpu_ratio" in row:
                    lines.append(
                        f"{'':>6} processor time: ratio {old['cpu_ratio']:.2f} → {row['cpu_ratio']:.2f} "
                        f"({row['cpu_ratio'] / old['cpu_ratio'] - 1:+.0%}); quartier "
                        f"{old['quartier']['cpu_s']:.1f} → {row['quartier']['cpu_s']:.1f} s"
                    )
    return lines


def show(row: dict) -> None:
    q, f = row["quartier"], row["floor"]
    print(
        f"events={row['events']:>6} posts={row['posts']:>5} pages={q['pages']:>6} | "
        f"quartier {q['seconds']:6.1f} s {q['peak_mb']:6.0f} MB out "
        f"{q['output_mb']:6.1f} MB index {q['search_index_mb']:5.1f} MB | "
        f"floor {f['seconds']:6.1f} s {f['peak_mb']:6.0f} MB | ratio {row['ratio']:.2f} | feeds {row['feeds_s']:.2f} s",
        flush=True,
    )
    print(
        f"{'':>6} processor time: quartier {q['cpu_s']:.1f} s, floor {f['cpu_s']:.1f} s, ratio {row['cpu_ratio']:.2f}",
        flush=True,
    )
    if "rebuild" in row:
        print(
            f"{'':>6} after one changed event (warm cache): {row['rebuild']['seconds']:.1f} s, "
            f"ratio {row['rebuild_ratio']:.2f} (target 1.25) | quartier validate: cold "
            f"{row['validate_cold_s']:.1f} s = {row['validate_cold_ratio']:.2f}, warm {row['validate_warm_s']:.1f} s "
            f"= {row['validate_warm_ratio']:.2f} of the floor (target 0.5) | Pagefind's peak "
            f"{q.get('children_peak_mb', 0):.0f} MB",
            flush=True,
        )
    if len(q.get("runs_s", [])) > 1:
        shown = ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(q["runs_s"], f["runs_s"], strict=True))
        print(f"{'':>6} rounds (quartier/floor, s): {shown}; medians taken", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="N (repeatable); default 2000 and 10000")
    parser.add_argument("--news", action="store_true", help="also measure news alone at 300 and 2,000 posts")
    parser.add_argument("--posts", type=int, action="append", help="post counts for --news (default 300, 2000)")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument("--repeat", type=int, default=1, help="build each side this many times, alternating")
    parser.add_argument("--results", type=Path, help="keep the run in this folder, named by date and commit")
    parser.add_argument("--commit", help="the commit measured, for a checkout outside Git (git archive)")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="quartier-bench-") as tmp:
        work = Path(tmp)
        for events in args.events or [2000, 10000]:
            rows.append(measure(work, events, repeat=args.repeat))
            show(rows[-1])
        if len(rows) >= 2:
            print(
                f"growth {rows[0]['events']} → {rows[-1]['events']} events: "
                f"{rows[-1]['quartier']['seconds'] / rows[0]['quartier']['seconds']:.2f}x "
                f"(floor {rows[-1]['floor']['seconds'] / rows[0]['floor']['seconds']:.2f}x)"
            )
        if args.news:
            for posts in args.posts or [300, 2000]:
                rows.append(measure(work, 0, posts, repeat=args.repeat))
                show(rows[-1])
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if args.results:
        saved = save_results(rows, args.results, sys.argv[1:] if argv is None else argv, measured=args.commit)
        print(f"kept in {saved}")
        before = previous_results(args.results, saved)
        for line in compare(rows, before) if before else ["no earlier run there to compare with"]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
