"""The three builders on the same content, in one run: MkDocs and ProperDocs with the hook, and Zensical.

    python bench/bench_builders.py                       # N = 2,000 events (500 projects, 285 posts)
    python bench/bench_builders.py --events 200 --json builders.json

All start from the same synthetic project (bench/synthetic.py) and end with the same
site, search index included:

- MkDocs: ``mkdocs build`` (the hook validates, renders, and runs Pagefind);
- ProperDocs: ``properdocs build -f mkdocs.yml``, the same hook;
- Zensical: ``quartier generate OUT``, ``zensical build`` in OUT, ``quartier index OUT/site``.

Each step runs in its own process, so its peak memory is its own. The figures to read are
the ratios of the totals to MkDocs', measured minutes apart on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project  # noqa: E402

TODAY = "2026-11-21"
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak memory of one process (its own rusage, from wait4)."""
    env = dict(os.environ, QUARTIER_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')[-3000:]}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def site_figures(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "pages": sum(1 for p in files if p.name == "index.html"),
        "output_mb": sum(p.stat().st_size for p in files) / 1e6,
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(work: Path, events: int, posts: int | None = None, rounds: int = 1) -> dict[str, Any]:
    """Both builders ``rounds`` times, taking turns (a busy machine slows both alike); medians."""
    project = make_project(work / f"p{events}", events, posts)
    mkdocs_site = work / f"mkdocs{events}"
    properdocs_site = work / f"properdocs{events}"
    out = work / f"zensical{events}"
    mkdocs_runs: list[dict[str, float]] = []
    properdocs_runs: list[dict[str, float]] = []
    zensical_runs: list[dict[str, dict[str, float]]] = []
    for _ in range(rounds):
        mkdocs_runs.append(timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(mkdocs_site)], project))
        properdocs_runs.append(
            timed([str(BIN / "properdocs"), "build", "-q", "-f", "mkdocs.yml", "-d", str(properdocs_site)], project)
        )
        zensical_runs.append(
            {
                "generate": timed([str(BIN / "quartier"), "--root", str(project), "generate", str(out)], project),
                "build": timed([str(BIN / "zensical"), "build", "--clean"], out),
                # The project's Pagefind: the generated folder has no search/ of its own.
                "index": timed([str(BIN / "quartier"), "--root", str(project), "index", str(out / "site")], out),
            }
        )
    mkdocs = {key: _median([run[key] for run in mkdocs_runs]) for key in ("seconds", "peak_mb")}
    properdocs = {key: _median([run[key] for run in properdocs_runs]) for key in ("seconds", "peak_mb")}
    steps = {
        name: {key: _median([run[name][key] for run in zensical_runs]) for key in ("seconds", "peak_mb")}
        for name in zensical_runs[0]
    }
    zensical_seconds = _median([sum(step["seconds"] for step in run.values()) for run in zensical_runs])
    return {
        "rounds": rounds,
        "mkdocs_runs": [run["seconds"] for run in mkdocs_runs],
        "properdocs_runs": [run["seconds"] for run in properdocs_runs],
        "zensical_runs": [sum(step["seconds"] for step in run.values()) for run in zensical_runs],
        "events": events,
        "mkdocs": {**mkdocs, **site_figures(mkdocs_site)},
        "properdocs": {**properdocs, **site_figures(properdocs_site)},
        "zensical": {
            "seconds": zensical_seconds,
            "peak_mb": max(step["peak_mb"] for step in steps.values()),
            "steps": steps,
            **site_figures(out / "site"),
        },
        "ratio": zensical_seconds / mkdocs["seconds"],
        "properdocs_ratio": properdocs["seconds"] / mkdocs["seconds"],
    }


def show(row: dict[str, Any]) -> None:
    m, p, z = row["mkdocs"], row["properdocs"], row["zensical"]
    steps = ", ".join(f"{name} {step['seconds']:.1f} s" for name, step in z["steps"].items())
    print(
        f"N={row['events']:>6}  pages {m['pages']}/{p['pages']}/{z['pages']}  MkDocs "
        f"{m['seconds']:.1f} s ({m['peak_mb']:.0f} MB, {m['output_mb']:.0f} MB out)  "
        f"ProperDocs {p['seconds']:.1f} s ({p['peak_mb']:.0f} MB; ratio to MkDocs {row['properdocs_ratio']:.2f})  "
        f"Zensical {z['seconds']:.1f} s = {steps} ({z['peak_mb']:.0f} MB, {z['output_mb']:.0f} MB out)  "
        f"ratio Zensical/MkDocs {row['ratio']:.2f} (median of {row['rounds']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="N (repeatable); default 2000")
    parser.add_argument("--posts", type=int, help="posts (default N/7)")
    parser.add_argument("--rounds", type=int, default=1, help="builds per builder, taking turns; medians (default 1)")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="quartier-builders-") as tmp:
        for events in args.events or [2000]:
            row = measure(Path(tmp), events, args.posts, args.rounds)
            show(row)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
