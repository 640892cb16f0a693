"""What the sizes of a picture cost: N phone photos named by ``image:``, cold and cached.

    python bench/bench_pictures.py [--photos 12] [--json out.json]

Makes N distinct 4032 × 3024 JPEGs with EXIF, GPS and a camera serial (every other one
turned, orientation 6; the same photos as ``bench_images.py``), then times
``make_pictures`` over all of them:

- cold, one process (``QUARTIER_WORKERS=1``): the cost per image;
- cold, the process pool a build uses when 64 or more images miss (wall-clock);
- cached: the same call again on the same cache (every entry read back and checked).

It also prints what the sizes weigh (per width and format, medians), and the processor
time next to the wall-clock, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import quartier  # noqa: F401
except ImportError:  # running from a checkout without the editable install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from bench_images import make_photos

from quartier import cache as cache_module
from quartier.cache import ContentCache
from quartier.content.files.pictures import make_pictures


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = make_photos(Path(folder) / "fotos", args.photos)
        items = [(p.read_bytes(), ".jpg") for p in paths]
        report: dict[str, object] = {"photos": len(items), "megabytes": round(sum(len(d) for d, _ in items) / 1e6, 1)}

        os.environ["QUARTIER_WORKERS"] = "1"
        cold = ContentCache(Path(folder) / "kalt")
        made, wall, cpu = timed(lambda: make_pictures(items, cold))
        assert all(m.ok for m in made) and cold.misses == len(items)
        report["cold_one_process_s_per_image"] = round(wall / len(items), 3)
        report["cold_one_process_cpu_s_per_image"] = round(cpu / len(items), 3)

        os.environ.pop("QUARTIER_WORKERS")
        minimum, cache_module.POOL_MINIMUM = cache_module.POOL_MINIMUM, 1  # the pool a large build uses
        pooled = ContentCache(Path(folder) / "pool")
        _, wall, _ = timed(lambda: make_pictures(items, pooled))
        cache_module.POOL_MINIMUM = minimum
        report["cold_pool_s_per_image"] = round(wall / len(items), 3)
        report["workers"] = cache_module.workers()

        again, wall, cpu = timed(lambda: make_pictures(items, cold))
        assert again == made and cold.hits == len(items)
        report["cached_ms_per_image"] = round(1000 * wall / len(items), 2)
        report["cached_cpu_ms_per_image"] = round(1000 * cpu / len(items), 2)

        weights: dict[str, list[int]] = {}
        for picture in made:
            for size in picture.sizes:
                weights.setdefault(f"{size.width}w.{size.kind.value}", []).append(len(size.data))
        report["kilobytes_median"] = {k: round(statistics.median(v) / 1024, 1) for k, v in sorted(weights.items())}
        cold.close()
        pooled.close()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
