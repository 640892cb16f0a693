"""Every image the site publishes, whatever its format: the engine's bytes or its flaws."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from quartier.cache import Codec, ContentCache, Stored, Work, cached_map
from quartier.content.files import Cleaned, FileCode, Flaw, read_at_most, refused
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
    return refused(FileCode.NOT_AN_IMAGE, f"„{suffix}“ ist keine Bilddatei")


def clean_image_file(path: Path) -> Cleaned:
    return clean_image_files([path], None)[0]


def clean_image_files(paths: Sequence[Path], cache: ContentCache | None) -> list[Cleaned]:
    """``clean_image_file`` for each path: read from the cache, the rest in a process pool."""
    read = [
        read_at_most(path, MAX_SVG_BYTES if path.suffix.lower() == ".svg" else MAX_IMAGE_BYTES, "Bild")
        for path in paths
    ]
    items = [(data, path.suffix.lower()) for path, data in zip(paths, read, strict=True) if isinstance(data, bytes)]
    cleaned = iter(cached_map(cache, Work.FILE, _clean_item, items, _item_key, CLEANED_CODEC))
    return [data if isinstance(data, Cleaned) else next(cleaned) for data in read]


def _clean_item(item: tuple[bytes, str]) -> Cleaned:
    return clean_image(*item)


def _item_key(item: tuple[bytes, str]) -> bytes:
    return item[1].encode() + b"\0" + item[0]


def _cleaned_from_stored(stored: Stored) -> Cleaned:
    flaws = json.loads(stored.meta)
    if not isinstance(flaws, list):
        raise TypeError("flaws")
    found = []
    for line, message, code in flaws:
        if not (isinstance(line, int) and isinstance(message, str)):
            raise TypeError("flaw")
        found.append(Flaw(line, message, FileCode(code)))
    if bool(found) == bool(stored.data):
        raise ValueError("either bytes or flaws")
    return Cleaned(stored.data, tuple(found))


CLEANED_CODEC: Codec[Cleaned] = Codec(
    lambda cleaned: Stored(json.dumps([[f.line, f.message, f.code] for f in cleaned.flaws]), cleaned.data),
    _cleaned_from_stored,
)
"""How the content cache keeps an image written again (``cache.Work.FILE``)."""


def expected_for(suffix: str) -> str:
    """The "Erwartet" text for a refused image."""
    return SVG_EXPECTED if suffix.lower() == ".svg" else RASTER_EXPECTED


__all__ = ["CLEANED_CODEC", "IMAGE_SUFFIXES", "clean_image", "clean_image_file", "clean_image_files", "expected_for"]
