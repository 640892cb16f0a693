"""Pictures of events, projects, programs and posts: the sizes published, read back as a
browser and Pillow read them; what validation says about them."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import VENUE, ContentFolder
from PIL import Image, ImageFilter
from PIL.TiffImagePlugin import IFDRational

from quartier.cache import ContentCache
from quartier.content.files import FileCode
from quartier.content.files.pictures import HEIC_HOW_TO, make_picture, make_pictures, widths_for
from quartier.content.kinds import KindCode
from quartier.content.readers import ReadCode
from quartier.problems import format_report
from quartier.site.build import build

TODAY = date(2026, 11, 21)
SERIAL = b"QX-7731-SERIENNR"
OWNER = b"Max Mustermann"


def phone_photo(size: tuple[int, int] = (4000, 3000), orientation: int = 1, fmt: str = "JPEG") -> bytes:
    """A photo as a phone writes it: 12 megapixels of detail and sensor noise, with the
    GPS position, the camera's serial number and its owner in EXIF, and XMP."""
    width, height = size
    small = (width // 8, height // 8)
    detail = Image.effect_mandelbrot(small, (-2.2, -1.3, 0.9, 1.3), 60)
    sky = Image.linear_gradient("L").resize(small)
    red = Image.merge("RGB", (detail, sky, Image.effect_noise(small, 40))).resize(size, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(size, 18).convert("RGB")
    photo = Image.blend(red.filter(ImageFilter.GaussianBlur(2)), noise, 0.12)
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    exif[0x0112] = orientation
    exif[0x013B] = OWNER.decode()
    extra = exif.get_ifd(0x8769)
    extra[0xA431] = SERIAL.decode()  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (IFDRational(52), IFDRational(31), IFDRational(7919, 1000))
    gps[3], gps[4] = "E", (IFDRational(13), IFDRational(24), IFDRational(3571, 1000))
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + OWNER + b"</rdf:Description></x:xmpmeta>"
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.from_pillow(photo).save(out, quality=85, exif=exif.tobytes(), xmp=xmp)
    else:
        photo.save(out, format=fmt, quality=92, exif=exif.tobytes(), xmp=xmp)
    return out.getvalue()


def traces(data: bytes) -> list[str]:
    found = [name for name, mark in (("serial", SERIAL), ("owner", OWNER), ("exif", b"Exif\x00\x00")) if mark in data]
    return found + (["xmp"] if b"xmpmeta" in data else [])


def event_with_picture(folder: ContentFolder, image: str, data: bytes, extra: str = "") -> None:
    folder.write(f"content/events/bilder/{image}", data)
    front = "title: Werkstatt\nstart: 2027-05-06\n" + VENUE + f"image: bilder/{image}\n" + extra
    folder.event("2027-05-06-werkstatt", front)


@pytest.fixture(scope="module")
def photo() -> bytes:
    return phone_photo()


def test_a_phone_photo_is_published_in_sizes_without_its_metadata(folder: ContentFolder, photo: bytes):
    assert traces(photo) == ["serial", "owner", "exif", "xmp"]  # the test photo carries it all
    event_with_picture(folder, "werkstatt.jpg", photo, 'image_alt: "Menschen im Saal"\nimage_credit: "Foto: Ada"\n')
    result = build(folder.config(), TODAY)
    assert result.output is not None, format_report(result.problems)
    files = {p: d for p, d in result.output.files.items() if p.startswith("veranstaltungen/bilder/")}
    # Only the sizes are published, never the photo as uploaded.
    assert sorted(files) == sorted(
        f"veranstaltungen/bilder/werkstatt-{w}w.{e}" for w in (240, 480, 960, 1600) for e in ("jpg", "webp")
    )
    for path, data in files.items():
        assert traces(data) == [], path
        with Image.open(io.BytesIO(data)) as image:
            width = int(path.rsplit("-", 1)[1].split("w.")[0])
            assert image.size == (width, width * 3 // 4) and image.width <= 2000
            assert image.format == ("WEBP" if path.endswith(".webp") else "JPEG")
            assert not image.getexif() and "icc_profile" not in image.info and "xmp" not in image.info
    sizes = {path.rsplit("/", 1)[1]: len(data) for path, data in files.items()}
    assert max(sizes["werkstatt-480w.webp"], sizes["werkstatt-480w.jpg"]) < 60_000, sizes
    assert sizes["werkstatt-240w.webp"] < 60_000
    page = next(p for p in result.output.pages if p.url_path == "veranstaltungen/2027-05-06-werkstatt/")
    html = BeautifulSoup(page.html, "html.parser")
    img = html.select_one("figure.q-picture img")
    assert img["alt"] == "Menschen im Saal" and img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("960", "720") and img["src"] == "../bilder/werkstatt-960w.jpg"
    assert img["srcset"].split(", ")[-1] == "../bilder/werkstatt-1600w.jpg 1600w"
    webp = html.select_one("figure.q-picture source[type='image/webp']")
    assert [c.split()[0] for c in webp["srcset"].split(", ")] == [
        f"../bilder/werkstatt-{w}w.webp" for w in (240, 480, 960, 1600)
    ]
    assert html.select_one("figcaption").get_text() == "Foto: Ada"
    # link previews and search engines get the largest JPEG, absolute
    assert (
        page.meta.extra["quartier_image"] == "https://quartier.example.org/veranstaltungen/bilder/werkstatt-1600w.jpg"
    )
    assert '"image":["https://quartier.example.org/veranstaltungen/bilder/werkstatt-1600w.jpg"]' in str(
        page.meta.extra["quartier_json_ld"]
    )


def test_a_turned_photo_is_published_upright(folder: ContentFolder):
    # EXIF orientation 6: the phone was held upright; viewers turn the stored picture 90°.
    event_with_picture(folder, "hochkant.jpg", phone_photo((1200, 900), 6), 'image_alt: "A"\nimage_credit: "B"\n')
    files = build(folder.config(), TODAY).output.files
    with Image.open(io.BytesIO(files["veranstaltungen/bilder/hochkant-480w.webp"])) as image:
        assert image.size == (480, 640)


def test_widths_never_exceed_the_original_or_2000_pixels():
    assert widths_for(4000) == (240, 480, 960, 1600)
    assert widths_for(1200) == (240, 480, 960, 1200)
    assert widths_for(1000) == (240, 480, 960)  # 1,000 is close enough to 960
    assert widths_for(600) == (240, 480, 600)
    # A tall picture: no side over 2,000 either.
    tall = make_picture(phone_photo((1600, 4000)), ".jpg")
    assert max(max(size.width, size.height) for size in tall.sizes) == 2000


def test_a_picture_with_transparency_falls_back_to_png():
    image = Image.new("RGBA", (800, 400), (30, 60, 200, 0))
    image.paste((200, 30, 30, 255), (100, 100, 700, 300))
    out = io.BytesIO()
    image.save(out, format="PNG")
    made = make_picture(out.getvalue(), ".png")
    assert sorted({size.kind.value for size in made.sizes}) == ["png", "webp"]
    for size in made.sizes:
        with Image.open(io.BytesIO(size.data)) as read:
            assert read.mode == "RGBA" and read.getpixel((0, 0))[3] == 0


def test_the_cache_keeps_pictures_and_reads_them_back_exactly(tmp_path: Path, photo: bytes):
    cache = ContentCache(tmp_path / "cache")
    first = make_pictures([(photo, ".jpg")], cache)
    assert (cache.hits, cache.misses) == (0, 1)
    second = make_pictures([(photo, ".jpg")], cache)
    assert (cache.hits, cache.misses) == (1, 1) and second == first
    cache.close()


def test_an_image_without_a_description_is_an_error_at_the_line_of_image(folder: ContentFolder):
    event_with_picture(folder, "werkstatt.jpg", phone_photo((800, 600)), 'image_credit: "Foto: Ada"\n')
    errors = folder.validate().errors
    assert [(e.line, e.field, e.code) for e in errors] == [(8, "image_alt", ReadCode.ALT_MISSING)]
    # The wording, as an example for editors: it says how to mark a picture as decoration.
    assert [e.format_text() for e in errors] == [
        "content/events/2027-05-06-werkstatt.md:8: image_alt: Bildbeschreibung fehlt "
        '(Erwartet: image_alt: "Was auf dem Bild zu sehen ist" (oder image_alt: "" für ein reines Schmuckbild))'
    ]


def test_an_empty_description_marks_a_decorative_picture(folder: ContentFolder):
    event_with_picture(folder, "muster.png", _png((800, 400)), 'image_alt: ""\nimage_credit: "Grafik: Ada"\n')
    result = build(folder.config(), TODAY)
    assert result.output is not None, format_report(result.problems)
    page = next(p for p in result.output.pages if p.url_path == "veranstaltungen/2027-05-06-werkstatt/")
    assert BeautifulSoup(page.html, "html.parser").select_one("figure.q-picture img")["alt"] == ""
    assert "quartier_image_alt" in page.meta.extra and page.meta.extra["quartier_image_alt"] == ""


@pytest.mark.parametrize(
    ("name", "data", "code", "named"),
    [
        ("klein.jpg", "small", FileCode.TOO_SMALL, "320 × 240"),
        ("kaputt.jpg", b"\xff\xd8\xff\xe0kaputt", FileCode.UNREADABLE, "JPEG"),
        ("falsch.png", "jpeg", FileCode.WRONG_FORMAT, "JPEG"),
        ("riesig.png", "huge", FileCode.TOO_LARGE, "10000 × 10000"),
    ],
)
def test_unusable_images_are_errors_at_the_line_of_image(
    folder: ContentFolder, name: str, data, code: FileCode, named: str
):
    content = {"small": phone_photo((320, 240)), "jpeg": phone_photo((800, 600)), "huge": _huge_png()}.get(data, data)
    event_with_picture(folder, name, content, 'image_alt: "A"\nimage_credit: "B"\n')
    errors = folder.validate().errors
    [(in_event, in_image)] = [(e, i) for e in errors if e.path.endswith(".md") for i in errors if i is not e]
    assert (in_event.line, in_event.field, in_event.code) == (8, "image", KindCode.IMAGE_REFUSED)  # the line of `image`
    assert (in_image.path, in_image.code) == (f"content/events/bilder/{name}", code)
    # The event says which image, and why: the image's own problem, and what it found.
    assert f"bilder/{name}" in in_event.message and in_event.message.endswith(in_image.message)
    assert named in in_image.message


def test_an_image_outside_the_folder_of_its_file_is_refused(folder: ContentFolder):
    folder.write("content/news/bilder/foto.jpg", phone_photo((800, 600)))
    front = "title: W\nstart: 2027-05-06\n" + VENUE + "image: ../news/bilder/foto.jpg\nimage_alt: A\nimage_credit: B\n"
    folder.event("2027-05-06-werkstatt", front)
    [error] = folder.validate().errors
    assert (error.field, error.code) == ("image", KindCode.IMAGE_OUTSIDE)
    assert "../news/bilder/foto.jpg" in error.message and "content/events/" in error.message


def test_heic_from_a_phone_is_converted(folder: ContentFolder):
    pytest.importorskip("pillow_heif")
    event_with_picture(
        folder, "iphone.heic", phone_photo((1200, 900), fmt="HEIF"), 'image_alt: "A"\nimage_credit: "B"\n'
    )
    result = build(folder.config(), TODAY)
    assert result.output is not None, format_report(result.problems)
    files = {p: d for p, d in result.output.files.items() if "iphone" in p}
    assert sorted(files) == sorted(
        f"veranstaltungen/bilder/iphone-{w}w.{e}" for w in (240, 480, 960, 1200) for e in ("jpg", "webp")
    )
    assert all(traces(data) == [] for data in files.values())


def test_heic_without_its_library_is_refused_with_a_how_to(monkeypatch):
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # import fails as if not installed
    made = make_picture(b"\x00\x00\x00\x18ftypheic", ".heic")
    assert [(flaw.code, flaw.message) for flaw in made.flaws] == [(FileCode.UNSUPPORTED, HEIC_HOW_TO)]
    assert "als JPEG exportieren" in HEIC_HOW_TO


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.radial_gradient("L").resize(size).convert("RGB").save(out, format="PNG")
    return out.getvalue()


def _huge_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    return out.getvalue()
