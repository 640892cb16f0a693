"""What writing images again costs: N phone-size photos, cleaned one by one and in a build.

    python bench/bench_images.py [--photos 50] [--build] [--json out.json]

Makes N distinct 4032 × 3024 JPEGs (about 1.5 MB each, quality 90) with EXIF, GPS and a
camera serial number, every other one turned (orientation 6), in a temporary folder, and
times ``clean_image_file`` on each (decode, turn upright, encode again without metadata).
With ``--build`` it also copies the example project with the photos in ``docs/fotos/`` and
times ``mkdocs build`` with them and without them, each in its own process (peak memory
from ``/usr/bin/time`` where it exists).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import quartier  # noqa: F401
except ImportError:  # running from a checkout without the editable install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from PIL import Image, ImageFilter
from PIL.TiffImagePlugin import IFDRational

from quartier.content.files.images import clean_image_file

REPO = Path(__file__).resolve().parent.parent
SIZE = (4032, 3024)


def make_photos(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    gradient = Image.radial_gradient("L").resize(SIZE)
    linear = Image.linear_gradient("L").resize(SIZE)
    paths = []
    for index in range(count):
        noise = Image.effect_noise(SIZE, 30 + index % 20)
        red = Image.blend(gradient, noise, 0.35)
        blue = Image.blend(noise, linear, 0.6)
        photo = Image.merge("RGB", (red, linear.rotate(index % 360), blue)).filter(ImageFilter.GaussianBlur(1))
        exif = Image.Exif()
        exif[0x010F] = "Telefon"
        exif[0x0112] = 6 if index % 2 else 1
        exif.get_ifd(0x8769)[0xA431] = f"SERIENNUMMER-{index}"
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = "N", (IFDRational(52), IFDRational(31), IFDRational(7919 + index, 1000))
        out = io.BytesIO()
        photo.save(out, format="JPEG", quality=90, exif=exif)
        path = folder / f"foto-{index:03d}.jpg"
        path.write_bytes(out.getvalue())
        paths.append(path)
    return paths


def clean_each(paths: list[Path]) -> dict[str, float]:
    times = []
    written = 0
    for path in paths:
        started = time.perf_counter()
        cleaned = clean_image_file(path)
        times.append(time.perf_counter() - started)
        assert cleaned.ok, cleaned.flaws
        written += len(cleaned.data)
    return {
        "photos": len(paths),
        "seconds": round(sum(times), 2),
        "median_ms": round(statistics.median(times) * 1000),
        "max_ms": round(max(times) * 1000),
        "mb_in": round(sum(p.stat().st_size for p in paths) / 1e6, 1),
        "mb_out": round(written / 1e6, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def timed_build(project: Path, site: Path) -> dict[str, float]:
    env = dict(os.environ, QUARTIER_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    memory = project / "peak.txt"
    if Path("/usr/bin/time").exists():
        command = ["/usr/bin/time", "-f", "%M", "-o", str(memory), *command]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=project, env=env)
    seconds = time.perf_counter() - started
    peak = int(memory.read_text().split()[-1]) / 1024 if memory.exists() else 0.0
    return {"seconds": round(seconds, 2), "peak_mb": round(peak)}


def build_with_and_without(work: Path, photos: list[Path]) -> dict[str, dict[str, float]]:
    rows = {}
    for name, with_photos in (("without", False), ("with", True)):
        project = work / f"projekt-{name}"
        project.mkdir()
        for part in ("mkdocs.yml", "docs", "content", "hooks", "overrides"):
            source = REPO / part
            if source.is_dir():
                shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, project / part)
        (project / "search").symlink_to(REPO / "search", target_is_directory=True)  # its Pagefind
        if with_photos:
            (project / "docs/fotos").mkdir()
            for photo in photos:
                shutil.copy2(photo, project / "docs/fotos" / photo.name)
        rows[name] = timed_build(project, work / f"site-{name}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--build", action="store_true", help="also time mkdocs build with the photos in docs/")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_photos(args.make, args.photos)
        return
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        # Made in another process, so that the peak memory measured here is the cleaning's.
        subprocess.run(
            [sys.executable, __file__, "--make", str(work / "fotos"), "--photos", str(args.photos)], check=True
        )
        photos = sorted((work / "fotos").glob("*.jpg"))
        result: dict[str, object] = {"clean": clean_each(photos)}
        if args.build:
            result["build"] = build_with_and_without(work, photos)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
