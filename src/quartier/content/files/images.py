"""Every image the site publishes, whatever its format: the engine's bytes or its flaws."""

from __future__ import annotations

from pathlib import Path

from quartier.content.files import Cleaned, read_at_most, refused
from quartier.content.files.raster import EXPECTED as RASTER_EXPECTED
from quartier.content.files.raster import FORMATS, MAX_IMAGE_BYTES, clean_raster
from quartier.content.files.svg import EXPECTED as SVG_EXPECTED
from quartier.content.files.svg import MAX_SVG_BYTES, clean_svg

IMAGE_SUFFIXES = frozenset({*FORMATS, ".svg"})


def clean_image(data: bytes, suffix: str) -> Cleaned:
    """Decode ``data`` as the image its ending names and write it again."""
    suffix = suffix.lower()
    if suffix == ".svg":
        return clean_svg(data)
    if suffix in FORMATS:
        return clean_raster(data, suffix)
    return refused(f"„{suffix}“ ist keine Bilddatei")


def clean_image_file(path: Path) -> Cleaned:
    limit = MAX_SVG_BYTES if path.suffix.lower() == ".svg" else MAX_IMAGE_BYTES
    data = read_at_most(path, limit, "Bild")
    return data if isinstance(data, Cleaned) else clean_image(data, path.suffix)


def expected_for(suffix: str) -> str:
    """The "Erwartet" text for a refused image."""
    return SVG_EXPECTED if suffix.lower() == ".svg" else RASTER_EXPECTED


__all__ = ["IMAGE_SUFFIXES", "clean_image", "clean_image_file", "expected_for"]
