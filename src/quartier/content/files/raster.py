"""Raster images: decoded with Pillow and encoded again, without metadata.

A photo straight from a phone carries its EXIF block: GPS position, camera serial number,
time, sometimes the owner's name; XMP and comments carry more. None of it is copied:
the image is opened as the format its ending names (nothing else is tried, so an EPS
file named ``.jpg`` never reaches Ghostscript), decoded within bounds, turned upright by
its EXIF orientation, converted to sRGB when it carries another colour profile, and
encoded again in the same format with fixed encoder options, so that the same file
always gives the same bytes. Only the pixels, the frame timing of an animation and
transparency are kept; no EXIF, XMP, comment, text chunk or ICC profile is written.

- JPEG: the original's quantization tables and chroma subsampling (the quality stays as
  it was), optimized Huffman tables, progressive if the original was;
- PNG: the same mode (palette, grey, 16 bit, alpha, the transparent colour), zlib level 6;
  animated PNG keeps its frames;
- GIF: the palette and transparency; animated GIF keeps its frames, durations and loop;
- WebP: lossless if the original was, else quality 90; animation kept;
- AVIF: quality 80; animation kept. Only if the installed Pillow reads and writes AVIF
  (wheels from 11.2 on do); otherwise an AVIF file is refused with that reason.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PIL import ExifTags, Image, ImageCms, ImageSequence, JpegImagePlugin, UnidentifiedImageError, features

from quartier.content.files import Cleaned, FileCode, refused

R = TypeVar("R")

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP", ".avif": "AVIF"}
"""Ending → the one format Pillow may read the file as."""

MAX_IMAGE_BYTES = 20_000_000
"""A phone photo is 2–8 MB; a camera's 24-megapixel JPEG about 12 MB."""

MAX_IMAGE_PIXELS = 50_000_000
"""Checked from the header, before anything is decoded (a 50-megapixel phone photo fits).
Pillow's own bomb check (``Image.MAX_IMAGE_PIXELS``) is higher and stays as it is."""

MAX_FRAMES = 1_000
MAX_ANIMATION_PIXELS = 100_000_000
"""Frames × width × height of an animation: what decoding it may cost at most."""

JPEG_QUALITY_WITHOUT_TABLES = 90
WEBP_LOSSY_QUALITY = 90
AVIF_QUALITY = 80

EXPECTED = "ein Bild, das sich öffnen lässt (JPEG, PNG, GIF, WebP oder AVIF; Endung passend zum Format)"

_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
_LABELS = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP", "AVIF": "AVIF"}

_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""EXIF orientation → the turn that makes the image upright (as ``ImageOps.exif_transpose``)."""

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
"""Object addresses in an exception's text: messages must be the same in every run."""

_SRGB_NAMES = ("srgb iec61966-2.1", "srgb iec61966-2-1", "srgb", "srgb built-in", "srgb2014")


def sniffed_format(data: bytes) -> str:
    """The format the first bytes announce ('' when none of ours)."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if data.lstrip()[:1] == b"<":
        return "SVG"
    return ""


def avif_supported() -> bool:
    return bool(features.check("avif"))


def clean_raster(data: bytes, suffix: str) -> Cleaned:
    """The image as the engine writes it, or why it cannot be published."""
    return _opened(data, suffix, lambda image, fmt: Cleaned(_encode(image, fmt, data)))


def upright_still(data: bytes, suffix: str, draft: tuple[int, int] | None = None) -> Image.Image | Cleaned:
    """The image's first frame as the site's sizes are made from it: decoded within the same
    bounds as ``clean_raster``, upright, in sRGB, as RGB or RGBA, without any metadata.

    ``draft``: a JPEG may be decoded at 1/2, 1/4 or 1/8 of its size (libjpeg's own scaling,
    much cheaper than decoding all pixels and scaling down) as long as it stays at least
    this large, upright.
    """

    def still(image: Image.Image, fmt: str) -> Image.Image:
        orientation = _orientation(image)
        profile = image.info.get("icc_profile")
        if draft is not None and fmt == "JPEG":
            wide, high = (draft[1], draft[0]) if orientation in (5, 6, 7, 8) else draft
            image.draft(image.mode, (wide, high))
        image.load()
        frame = _prepared(image, fmt, profile, orientation, animated=False)
        return frame.convert("RGBA" if _has_alpha(frame) else "RGB")

    return _opened(data, suffix, still)


def _opened(data: bytes, suffix: str, use: Callable[[Image.Image, str], R]) -> R | Cleaned:
    """``use(image, format)`` on the file opened as the format its ending names, within
    bounds; every way a file can fail is a ``Cleaned`` with the reason."""
    expected = FORMATS[suffix.lower()]
    label = _LABELS[expected]
    if len(data) > MAX_IMAGE_BYTES:
        return refused(FileCode.TOO_LARGE, f"Bild ist zu groß (mehr als {MAX_IMAGE_BYTES:,} Bytes)".replace(",", "."))
    actual = sniffed_format(data)
    if actual != expected:
        found = f"ein {_LABELS.get(actual, actual)}-Bild" if actual else f"kein {label}-Bild"
        return refused(FileCode.WRONG_FORMAT, f"Datei endet auf {suffix}, ist aber {found}")
    if expected == "AVIF" and not avif_supported():
        return refused(FileCode.UNSUPPORTED, "AVIF-Bilder kann die installierte Bildbibliothek (Pillow) nicht lesen")
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own, higher limit; ours below refuses first.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[expected]) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return refused(
                        FileCode.TOO_LARGE,
                        f"Bild hat zu viele Pixel ({width} × {height}; höchstens {MAX_IMAGE_PIXELS:,})".replace(
                            ",", "."
                        ),
                    )
                frames = int(getattr(image, "n_frames", 1))
                if frames > MAX_FRAMES or frames * width * height > MAX_ANIMATION_PIXELS:
                    return refused(
                        FileCode.TOO_COMPLEX,
                        f"Animation ist zu aufwendig ({frames} Bilder zu {width} × {height} Pixeln)",
                    )
                return use(image, expected)
    except _ColourProfileError as exc:
        return refused(FileCode.COLOUR_PROFILE, f"Farbprofil des Bildes lässt sich nicht umrechnen ({exc})")
    except UnidentifiedImageError:
        return refused(FileCode.UNREADABLE, f"{label}-Bild kann nicht gelesen werden (beschädigt oder unvollständig)")
    except Exception as exc:  # anything a decoder raises on a broken file means: unreadable
        return refused(
            FileCode.UNREADABLE,
            f"{label}-Bild kann nicht gelesen werden ({type(exc).__name__}: {unreadable_reason(exc)})",
        )


def srgb_still(image: Image.Image, profile: bytes) -> Image.Image | Cleaned:
    """A decoded still image in sRGB (for decoders other than Pillow's own, such as HEIC)."""
    try:
        return _to_srgb(image, profile)
    except _ColourProfileError as exc:
        return refused(FileCode.COLOUR_PROFILE, f"Farbprofil des Bildes lässt sich nicht umrechnen ({exc})")


def unreadable_reason(exc: Exception) -> str:
    """An exception's text as a message may quote it: short, the same in every run."""
    return _ADDRESS.sub("", str(exc))[:80]


class _ColourProfileError(Exception):
    pass


def _encode(image: Image.Image, fmt: str, data: bytes) -> bytes:
    orientation = _orientation(image)
    info = dict(image.info)
    tables = getattr(image, "quantization", None) if fmt == "JPEG" else None
    sampling = JpegImagePlugin.get_sampling(image) if isinstance(image, JpegImagePlugin.JpegImageFile) else -1
    source_mode = image.mode
    animated = int(getattr(image, "n_frames", 1)) > 1
    frames: list[Image.Image] = []
    durations: list[int] = []
    for frame in ImageSequence.Iterator(image):
        # Decoding the frame (some formats set its duration only then); a still image is
        # worked on in place, which saves a copy of every pixel.
        current = frame.copy() if animated else frame
        current.load()
        durations.append(int(frame.info.get("duration", 0) or 0))
        frames.append(_prepared(current, fmt, info.get("icc_profile"), orientation, animated))
    options = _options(info, fmt, frames, durations, data)
    if fmt == "JPEG":
        if tables and source_mode == frames[0].mode:
            options["qtables"] = tables
        else:
            options["quality"] = JPEG_QUALITY_WITHOUT_TABLES
        if sampling != -1 and frames[0].mode == "RGB":
            options["subsampling"] = sampling
    out = io.BytesIO()
    frames[0].save(out, format=fmt, **options)
    return out.getvalue()


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # a broken EXIF block: the image itself may still be fine
        return 1
    return value if isinstance(value, int) else 1


def _prepared(frame: Image.Image, fmt: str, profile: bytes | None, orientation: int, animated: bool) -> Image.Image:
    transparency = frame.info.get("transparency")
    if profile:
        frame = _to_srgb(frame, profile)
        transparency = None
    if orientation in _ORIENTATION:
        frame = frame.transpose(_ORIENTATION[orientation])
    if animated and frame.mode != "RGBA":
        frame = frame.convert("RGBA")
    elif fmt == "JPEG" and frame.mode not in ("L", "RGB"):
        frame = frame.convert("RGB")
    elif fmt in ("WEBP", "AVIF") and frame.mode not in ("RGB", "RGBA"):
        frame = frame.convert("RGBA" if _has_alpha(frame) else "RGB")
    elif fmt == "GIF" and frame.mode not in ("P", "L"):
        frame = frame.convert("RGBA" if _has_alpha(frame) else "RGB")
    frame.info = {}
    if transparency is not None and frame.mode in ("P", "L", "RGB", "I;16", "I", "1"):
        frame.info["transparency"] = transparency
    return frame


def _has_alpha(frame: Image.Image) -> bool:
    return "A" in frame.getbands() or "transparency" in frame.info


def _to_srgb(frame: Image.Image, profile: bytes) -> Image.Image:
    """The pixels in sRGB, so that the profile need not be published."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if ImageCms.getProfileDescription(source).strip().lower() in _SRGB_NAMES:
            return frame
        alpha = frame.getchannel("A") if "A" in frame.getbands() else None
        if frame.mode == "P":
            alpha = frame.convert("RGBA").getchannel("A") if _has_alpha(frame) else None
        space = source.profile.xcolor_space.strip()
        if frame.mode.startswith("I"):  # 16-bit grey (PNG): to 8 bit by scaling, not by clipping
            base = frame.convert("I").point(lambda value: value * (1 / 257)).convert("L")
        elif frame.mode in ("RGB", "L", "CMYK"):
            base = frame
        else:  # with alpha or a palette: the colours in the profile's own colour space
            base = frame.convert("L" if space == "GRAY" else "RGB")
        converted = ImageCms.profileToProfile(
            base, source, ImageCms.createProfile("sRGB"), outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
        )
    except (ImageCms.PyCMSError, OSError, ValueError) as exc:
        raise _ColourProfileError(str(exc)[:80]) from None
    assert converted is not None
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _options(
    # Any: Pillow's own type of Image.info, whose values differ by format.
    info: Mapping[str | tuple[int, int], Any],
    fmt: str,
    frames: list[Image.Image],
    durations: list[int],
    data: bytes,
) -> dict[str, object]:
    first = frames[0]
    options: dict[str, object] = {}
    if "transparency" in first.info:
        options["transparency"] = first.info["transparency"]
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if fmt in ("PNG", "WEBP", "AVIF"):
            options["loop"] = int(info.get("loop", 0) or 0)
        elif "loop" in info:
            options["loop"] = int(info["loop"])
    if fmt == "JPEG":
        options.update(optimize=True, progressive=bool(info.get("progressive")))
    elif fmt == "PNG":
        options["compress_level"] = 6
    elif fmt == "WEBP":
        lossless = b"VP8 " not in data
        options.update(lossless=lossless, method=4)
        if not lossless:
            options["quality"] = WEBP_LOSSY_QUALITY
    elif fmt == "AVIF":
        options.update(quality=AVIF_QUALITY, speed=6, max_threads=1)
    return options


__all__ = [
    "EXPECTED",
    "FORMATS",
    "MAX_ANIMATION_PIXELS",
    "MAX_FRAMES",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "avif_supported",
    "clean_raster",
    "sniffed_format",
    "srgb_still",
    "unreadable_reason",
    "upright_still",
]
