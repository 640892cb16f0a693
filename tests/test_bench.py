"""The benchmark runs end to end at a small N, so that it cannot rot (no timing asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from run import measure  # noqa: E402
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
    assert row["ratio"] > 0 and row["feeds_s"] > 0
