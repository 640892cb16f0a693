"""The benchmark runs end to end at a small N, so that it cannot rot (no timing asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from run import compare, measure, previous_results, save_results  # noqa: E402
from synthetic import make_project  # noqa: E402

from quartier.config import load_config  # noqa: E402
from quartier.content.validation import validate_site  # noqa: E402


def test_synthetic_content_is_valid_and_sized(tmp_path: Path):
    project = make_project(tmp_path / "p", events=70)
    result = validate_site(load_config(project))
    assert result.problems == []
    site = result.site
    assert (len(site.events), len(site.projects), len(site.programs), len(site.cities), len(site.posts)) == (
        70,
        17,
        20,
        100,
        10,
    )
    formats = {e.format for e in site.events}
    assert formats == {"in-person", "online", "hybrid"} and any(e.all_day for e in site.events)


def test_benchmark_compares_the_same_number_of_pages(tmp_path: Path):
    row = measure(tmp_path, events=30)
    assert row["quartier"]["pages"] == row["floor"]["pages"] > 30
    for side in ("quartier", "floor"):
        assert row[side]["seconds"] > 0 and row[side]["peak_mb"] > 0 and row[side]["search_index_mb"] > 0
        assert row[side]["cpu_s"] > 0
    assert row["ratio"] > 0 and row["feeds_s"] > 0 and row["cpu_ratio"] > 0
    # The editor's second build and the pull-request check are measured in the same rounds.
    assert row["rebuild"]["pages"] == row["quartier"]["pages"] and row["rebuild_ratio"] > 0
    assert row["validate_cold_s"] > 0 and row["validate_warm_s"] > 0
    assert "children_peak_mb" in row["quartier"]


def _row(ratio: float) -> dict:
    side = {"seconds": 1.0, "cpu_s": 1.0, "peak_mb": 1.0, "pages": 3, "output_mb": 1.0, "search_index_mb": 1.0}
    return {"events": 500, "posts": 71, "quartier": side, "floor": side, "ratio": ratio, "cpu_ratio": ratio}


def test_results_are_kept_by_date_and_commit_and_compared(tmp_path: Path):
    # What `make bench` keeps in bench/results/ so that the next change can compare.
    import json
    import subprocess
    from datetime import date

    first = save_results([_row(1.5)], tmp_path, ["--events", "500"], date(2026, 12, 1), measured="a" * 40)
    assert first.name == "2026-12-01-aaaaaaa.json"
    assert previous_results(tmp_path, first) is None
    second = save_results([_row(1.2)], tmp_path, ["--events", "500"], date(2026, 12, 2))
    record = json.loads(second.read_text(encoding="utf-8"))
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode == 0:
        assert record["commit"] == head.stdout.strip() and second.name.startswith(f"2026-12-02-{record['commit'][:7]}")
    assert record["command"] == "python bench/run.py --events 500" and record["rows"][0]["ratio"] == 1.2
    before = previous_results(tmp_path, second)
    assert before is not None and before["commit"] == "a" * 40
    line, cpu_line = compare(record["rows"], before)
    assert "ratio 1.50 (2026-12-01, aaaaaaa)" in line and "→ 1.20 now (-20%)" in line
    assert "processor time: ratio 1.50 → 1.20 (-20%)" in cpu_line
    again = save_results([_row(1.1)], tmp_path, ["--events", "2000"], date(2026, 12, 1), measured="a" * 40)
    assert again.name == "2026-12-01-aaaaaaa-2.json" and json.loads(first.read_text())["rows"][0]["ratio"] == 1.5
