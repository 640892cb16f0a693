"""The sizes a content image is published in: made once from the editor's file, never the file itself.

An event, project, program or post names its picture with ``image:``. A phone photo is
4,000 × 3,000 pixels and several megabytes, with the camera's metadata (often the GPS
position of where it was taken); a visitor on a phone needs a few hundred pixels. So the
named image is decoded (within the bounds of ``raster``), turned upright, converted to
sRGB, and written out in a few widths (``WIDTHS``, never wider than the original, no side
over ``MAX_SIDE``), each twice: WebP for every current browser and JPEG (PNG when the
image has transparency) as the fallback that link previews and older software read.
Nothing but pixels is written: no EXIF, XMP, ICC profile or comment.

HEIC/HEIF (what iPhones save) is read through libheif (``pillow-heif``); where it is not
installed the file is refused with a German how-to for exporting a JPEG. An SVG needs no
sizes: it is published as ``svg`` writes it again, with its size from ``viewBox``.

Same file, same bytes: fixed encoder options, Lanczos scaling, single-threaded encoders.
The work goes through the content cache (``cache.Work.PICTURE``), so an unchanged image is
made once per engine version, and a cold cache makes them in a process pool.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PIL import Image

from quartier.cache import Codec, ContentCache, Stored, Work, cached_map
from quartier.content.files import Cleaned, FileCode, Flaw, refused
from quartier.content.files.raster import FORMATS, MAX_IMAGE_PIXELS, srgb_still, unreadable_reason, upright_still
from quartier.content.files.svg import clean_svg

WIDTHS = (240, 480, 960, 1600)
"""The widths made (when the original is wider): 240 for thumbnails in lists, 480 for a
phone's content column, 960 for a phone with a dense screen and a desktop column, 1600
for a dense desktop screen."""

MAX_SIDE = 2000
"""No published size is wider or taller than this."""

MIN_WIDTH = 480
"""Narrower originals look blurred in the content column of any phone: refused."""

NEAR = 1.15
"""The original's own width is made too when it is this much wider than the largest step
below it (a 1,200 px photo gets 240, 480, 960 and 1,200); closer, the step suffices."""

WEBP_QUALITY = 75
JPEG_QUALITY = 80
HEIF_SUFFIXES = frozenset({".heic", ".heif"})
PICTURE_SUFFIXES = frozenset({*FORMATS, *HEIF_SUFFIXES, ".svg"})

HEIC_HOW_TO = (
    "HEIC-Fotos (vom iPhone) kann diese Installation nicht lesen: bitte als JPEG exportieren "
    "(iPhone: Einstellungen → Kamera → Formate → „Maximale Kompatibilität“; Mac: Foto in "
    "„Vorschau“ öffnen, Ablage → Exportieren → Format JPEG; Windows: in „Fotos“ öffnen, "
    "… → Speichern unter → .jpg)"
)


class Kind(Enum):
    """The file type of one published size."""

    WEBP = "webp"
    JPEG = "jpg"
    PNG = "png"
    SVG = "svg"

    @property
    def mime(self) -> str:
        return {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png", "svg": "image/svg+xml"}[self.value]


@dataclass(frozen=True)
class Size:
    """One published file of a picture."""

    width: int
    height: int
    kind: Kind
    data: bytes


@dataclass(frozen=True)
class PictureFiles:
    """Every size of one picture, or why there are none."""

    sizes: tuple[Size, ...] = ()
    flaws: tuple[Flaw, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.flaws


def widths_for(width: int) -> tuple[int, ...]:
    """The widths made of an original ``width`` pixels wide (at most ``MAX_SIDE``)."""
    widest = min(width, MAX_SIDE)
    steps = [step for step in WIDTHS if step < widest]
    if widest <= WIDTHS[-1] and (not steps or widest > steps[-1] * NEAR):
        steps.append(widest)
    return tuple(steps)


def _height(width: int, original: tuple[int, int]) -> int:
    return max(1, round(original[1] * width / original[0]))


def _dimensions(original: tuple[int, int]) -> list[tuple[int, int]]:
    """Each size as (width, height), no side over ``MAX_SIDE`` (a tall photo gets narrower)."""
    found: dict[int, tuple[int, int]] = {}
    for width in widths_for(original[0]):
        height = _height(width, original)
        if height > MAX_SIDE:
            width, height = max(1, round(width * MAX_SIDE / height)), MAX_SIDE
        found.setdefault(width, (width, height))
    return sorted(found.values())


def make_picture(data: bytes, suffix: str) -> PictureFiles:
    """The published sizes of one image file (its bytes and its ending), or its flaws."""
    suffix = suffix.lower()
    if suffix == ".svg":
        return _svg(data)
    if suffix in HEIF_SUFFIXES:
        still = _heif_still(data)
    elif suffix in FORMATS:
        still = _still(data, suffix)
    else:
        return PictureFiles(flaws=(Flaw(1, f"„{suffix}“ ist keine Bilddatei", FileCode.NOT_AN_IMAGE),))
    if isinstance(still, Cleaned):
        return PictureFiles(flaws=still.flaws)
    with still:
        if still.width < MIN_WIDTH:
            return PictureFiles(
                flaws=(
                    Flaw(
                        1,
                        f"Bild ist zu klein ({still.width} × {still.height} Pixel; mindestens {MIN_WIDTH} breit)",
                        FileCode.TOO_SMALL,
                    ),
                )
            )
        return PictureFiles(tuple(_sizes(still)))


def _still(data: bytes, suffix: str) -> Image.Image | Cleaned:
    # A JPEG is decoded at the smallest libjpeg scale that still holds the largest size.
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit; the bounds of upright_still refuse first.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[FORMATS[suffix]]) as probe:
                size = probe.size
    except Exception:  # the full open below says why, in the words every image gets
        size = (0, 0)
    largest = _dimensions(size)[-1] if size[0] else None
    return upright_still(data, suffix, largest)


def _heif_still(data: bytes) -> Image.Image | Cleaned:
    try:
        import pillow_heif
    except ImportError:
        return refused(FileCode.UNSUPPORTED, HEIC_HOW_TO)
    try:
        heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=True)
        width, height = heif.size
        if width * height > MAX_IMAGE_PIXELS:
            return refused(
                FileCode.TOO_LARGE,
                f"Bild hat zu viele Pixel ({width} × {height}; höchstens {MAX_IMAGE_PIXELS:,})".replace(",", "."),
            )
        # libheif turns the picture upright itself (its own rotation, not EXIF's).
        image = heif.to_pillow()
    except Exception as exc:  # a broken or foreign file: unreadable, with libheif's reason
        return refused(
            FileCode.UNREADABLE, f"HEIC-Bild kann nicht gelesen werden ({type(exc).__name__}: {unreadable_reason(exc)})"
        )
    profile = image.info.get("icc_profile")
    if profile:
        converted = srgb_still(image, profile)
        if isinstance(converted, Cleaned):
            return converted
        image = converted
    image.info = {}
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")


def _sizes(still: Image.Image) -> list[Size]:
    low = still.getchannel("A").getextrema()[0] if still.mode == "RGBA" else 255
    transparent = isinstance(low, (int, float)) and low < 255
    image = still if transparent else still.convert("RGB")
    fallback = Kind.PNG if transparent else Kind.JPEG
    sizes: list[Size] = []
    # Largest first, each smaller one from the one before: cheaper than scaling the
    # original every time, and the same image for the same file.
    source = image
    for width, height in reversed(_dimensions(still.size)):
        scaled = source if source.size == (width, height) else source.resize((width, height), Image.Resampling.LANCZOS)
        sizes.append(Size(width, height, Kind.WEBP, _encode(scaled, Kind.WEBP)))
        sizes.append(Size(width, height, fallback, _encode(scaled, fallback)))
        source = scaled
    return sorted(sizes, key=lambda size: (size.width, size.kind.value))


def _encode(image: Image.Image, kind: Kind) -> bytes:
    out = io.BytesIO()
    if kind is Kind.WEBP:
        image.save(out, format="WEBP", quality=WEBP_QUALITY, method=4, exact=False)
    elif kind is Kind.JPEG:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, subsampling="4:2:0")
    else:
        image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def _svg(data: bytes) -> PictureFiles:
    cleaned = clean_svg(data)
    if not cleaned.ok:
        return PictureFiles(flaws=cleaned.flaws)
    size = svg_size(cleaned.data)
    if size is None:
        return PictureFiles(
            flaws=(
                Flaw(
                    1,
                    "SVG-Grafik nennt ihre Größe nicht (viewBox oder width und height in Pixeln fehlen)",
                    FileCode.NO_SIZE,
                ),
            )
        )
    return PictureFiles((Size(size[0], size[1], Kind.SVG, cleaned.data),))


def svg_size(data: bytes) -> tuple[int, int] | None:
    """The size of an SVG as the engine wrote it (``width``/``height`` in pixels, else ``viewBox``)."""
    from defusedxml import ElementTree

    root = ElementTree.fromstring(data)
    width, height = (_NUMBER.match(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        found = (round(float(width.group(1))), round(float(height.group(1))))
    else:
        box = root.get("viewBox", "").replace(",", " ").split()
        try:
            found = (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else (0, 0)
        except ValueError:
            found = (0, 0)
    return found if found[0] > 0 and found[1] > 0 else None


def make_pictures(items: Sequence[tuple[bytes, str]], cache: ContentCache | None) -> list[PictureFiles]:
    """``make_picture`` for each (bytes, ending): from the cache, the rest in a process pool."""
    return cached_map(cache, Work.PICTURE, _make_item, items, _item_key, PICTURE_CODEC)


def _make_item(item: tuple[bytes, str]) -> PictureFiles:
    return make_picture(*item)


def _item_key(item: tuple[bytes, str]) -> bytes:
    return item[1].lower().encode() + b"\0" + item[0]


def _encode_stored(made: PictureFiles) -> Stored:
    meta = {
        "sizes": [[size.width, size.height, size.kind.value, len(size.data)] for size in made.sizes],
        "flaws": [[flaw.line, flaw.message, flaw.code] for flaw in made.flaws],
    }
    return Stored(json.dumps(meta, separators=(",", ":")), b"".join(size.data for size in made.sizes))


def _decode_stored(stored: Stored) -> PictureFiles:
    meta = json.loads(stored.meta)
    if not isinstance(meta, dict) or set(meta) != {"sizes", "flaws"}:
        raise ValueError("picture entry")
    sizes, at = [], 0
    for width, height, kind, length in meta["sizes"]:
        if not all(isinstance(n, int) and n > 0 for n in (width, height, length)):
            raise ValueError("size")
        sizes.append(Size(width, height, Kind(kind), stored.data[at : at + length]))
        at += length
    flaws = []
    for line, message, code in meta["flaws"]:
        if not (isinstance(line, int) and isinstance(message, str)):
            raise TypeError("flaw")
        flaws.append(Flaw(line, message, FileCode(code)))
    if at != len(stored.data) or bool(sizes) == bool(flaws):
        raise ValueError("either sizes or flaws, and every byte accounted for")
    return PictureFiles(tuple(sizes), tuple(flaws))


PICTURE_CODEC: Codec[PictureFiles] = Codec(_encode_stored, _decode_stored)
"""How the content cache keeps a picture's sizes (``cache.Work.PICTURE``): JSON for the
list of sizes, the files one after another as bytes."""


__all__ = [
    "HEIC_HOW_TO",
    "HEIF_SUFFIXES",
    "MAX_SIDE",
    "MIN_WIDTH",
    "PICTURE_CODEC",
    "PICTURE_SUFFIXES",
    "WIDTHS",
    "Kind",
    "PictureFiles",
    "Size",
    "make_picture",
    "make_pictures",
    "svg_size",
    "widths_for",
]
