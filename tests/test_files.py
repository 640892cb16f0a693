"""Nothing reaches the site unread (issue 24): images and stylesheets are decoded, checked
and written again by the engine; what an allowlist does not name is an error at its line.

``tests/corpus/files/bad/`` holds attack files, one family per name prefix (script in every
namespace, other encodings, links, handlers, animation, embedded documents, DTDs, styles
that load something, editors' tools, CSS that loads something); ``<file>.expected`` holds
the lines ``quartier validate`` must print for it. ``tests/corpus/files/good/`` holds files
that must pass. The tests here go through the engine's public way in (validation, build,
``mkdocs build``, ``quartier generate``), so that they also run against an engine that
copied files as they were, and fail there.
"""

from __future__ import annotations

import io
import struct
from datetime import date
from pathlib import Path

import pytest
from conftest import ContentFolder, image_bytes
from PIL import Image, ImageSequence
from PIL.TiffImagePlugin import IFDRational
from test_site_build import copy_project, mkdocs_build

from quartier.content.files import FileCode
from quartier.content.files.images import expected_for
from quartier.content.files.svg import clean_svg
from quartier.content.kinds import KindCode
from quartier.frontends.cli import main
from quartier.problems import Severity
from quartier.site.build import build

CORPUS = Path(__file__).parent / "corpus" / "files"
BAD = sorted(p for p in (CORPUS / "bad").iterdir() if p.suffix in (".svg", ".css"))
GOOD = sorted(p for p in (CORPUS / "good").iterdir() if p.suffix in (".svg", ".css"))
TODAY = date(2026, 11, 22)


def target_of(case: Path) -> str:
    return f"docs/bilder/{case.name}" if case.suffix == ".svg" else f"docs/stylesheets/{case.name}"


def place(folder: ContentFolder, case: Path, target: str) -> None:
    folder.write("docs/bilder/logo.png", image_bytes("PNG"))
    folder.write(target, case.read_bytes())


def report(folder: ContentFolder) -> list[str]:
    return [p.format_text() for p in folder.validate().problems]


# -- the corpus ---------------------------------------------------------------------


def test_the_corpus_covers_every_family():
    families = {case.name.split("--")[0] for case in BAD}
    assert {
        "script",
        "encoding",
        "href",
        "on",
        "animate",
        "foreign",
        "dtd",
        "style",
        "image",
        "import",
        "url",
        "at-rule",
    } <= families
    assert sum(case.suffix == ".svg" for case in BAD) >= 50
    assert sum(case.suffix == ".css" for case in BAD) >= 25


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.name)
def test_bad_file_in_docs_gives_its_errors(folder: ContentFolder, case: Path):
    target = target_of(case)
    place(folder, case, target)
    expected = Path(f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert [line.replace(target, "{path}") for line in report(folder)] == expected
    assert expected and all(line.startswith("{path}:") for line in expected)


@pytest.mark.parametrize("case", [c for c in BAD if c.suffix == ".svg"], ids=lambda p: p.name)
def test_bad_svg_in_the_news_folder_gives_the_same_errors(folder: ContentFolder, case: Path):
    target = f"content/news/bilder/{case.name}"
    folder.write(target, case.read_bytes())
    expected = Path(f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert [line.replace(target, "{path}") for line in report(folder)] == expected


@pytest.mark.parametrize("case", GOOD, ids=lambda p: p.name)
def test_good_files_pass_and_go_out_as_the_engine_wrote_them(folder: ContentFolder, case: Path):
    target = target_of(case)
    place(folder, case, target)
    result = build(folder.config(), TODAY)
    assert result.problems == []
    uri = target.removeprefix("docs/")
    assert uri in result.output.docs_files
    written = result.output.docs_contents[uri]
    if case.suffix == ".svg":
        assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
        written.decode("utf-8")
        # Written again, the engine's output is its own fixed point.
        folder.write(target, written)
        assert build(folder.config(), TODAY).output.docs_contents[uri] == written
    else:
        assert written == case.read_bytes()  # well-formed CSS serializes to the same text


def test_the_example_sites_images_and_stylesheet_pass(folder: ContentFolder):
    from conftest import REPO

    folder.write("docs/stylesheets/quartier.css", (REPO / "docs/stylesheets/quartier.css").read_bytes())
    folder.write("content/news/bilder/b.svg", (REPO / "content/news/bilder/projektboerse.svg").read_bytes())
    result = build(folder.config(), TODAY)
    assert result.problems == []
    assert (
        result.output.docs_contents["stylesheets/quartier.css"] == (REPO / "docs/stylesheets/quartier.css").read_bytes()
    )
    assert result.output.files["aktuelles/bilder/b.svg"].startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')


def test_a_post_image_that_is_refused_is_reported_on_the_post_and_in_the_image(folder: ContentFolder):
    folder.write("content/news/bilder/grafik.svg", (CORPUS / "bad/script--xhtml-namespace.svg").read_bytes())
    folder.write(
        "content/news/2022-09-20-p.md",
        '---\ntitle: A\ndate: 2022-09-20\nimage: bilder/grafik.svg\nimage_credit: "Grafik: Ada"\n'
        "image_alt: Grafik\n---\nText.\n",
    )
    problems = sorted(folder.validate().problems)
    assert [(p.path, p.line, p.field, p.code) for p in problems] == [
        ("content/news/2022-09-20-p.md", 4, "image", KindCode.IMAGE_REFUSED),
        ("content/news/bilder/grafik.svg", 3, "-", FileCode.ACTIVE_CONTENT),
    ]
    # The post names the image, the image's own reason and where in the image it is.
    in_post, in_image = problems
    assert "bilder/grafik.svg" in in_post.message and in_image.message in in_post.message
    assert "<script>" in in_image.message and "Zeile 3 der Bilddatei" in in_post.message


@pytest.mark.parametrize("where", ["docs/bilder", "content/news/bilder"])
@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("foto.jpg", b"\xff\xd8\xff", FileCode.UNREADABLE),
        ("foto.jpg", image_bytes("PNG"), FileCode.WRONG_FORMAT),
        ("grafik.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', FileCode.WRONG_FORMAT),
        ("foto.jpg", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 1 1\n", FileCode.WRONG_FORMAT),
        ("foto.webp", image_bytes("JPEG"), FileCode.WRONG_FORMAT),
        ("foto.gif", image_bytes("GIF")[:20], FileCode.UNREADABLE),
        ("riesig.png", None, FileCode.TOO_LARGE),
    ],
)
def test_an_image_that_cannot_be_read_is_an_error(
    folder: ContentFolder, where: str, name: str, data: bytes | None, code: FileCode
):
    if data is None:
        out = io.BytesIO()
        Image.new("1", (10_000, 10_000)).save(out, format="PNG")  # 100 megapixels in a few kB
        data = out.getvalue()
    folder.write(f"{where}/{name}", data)
    [problem] = folder.validate().problems
    assert (problem.path, problem.line, problem.field, problem.code) == (f"{where}/{name}", 1, "-", code)
    assert problem.severity is Severity.ERROR


def test_an_unreadable_image_is_named_in_german_with_its_format(folder: ContentFolder):
    """One example of the wording editors read (the cases above compare codes)."""
    folder.write("docs/bilder/foto.jpg", image_bytes("PNG"))
    assert report(folder) == [
        "docs/bilder/foto.jpg:1: -: Datei endet auf .jpg, ist aber ein PNG-Bild (Erwartet: "
        + expected_for(".jpg")
        + ")"
    ]


# -- what a photo carries ------------------------------------------------------------

SERIAL = "QX-7731-SERIENNR"
LATITUDE = ((52, 1), (31, 1), (7919, 1000))
LONGITUDE = ((13, 1), (24, 1), (3571, 1000))


def rationals(value: tuple[tuple[int, int], ...]) -> tuple[IFDRational, ...]:
    return tuple(IFDRational(*part) for part in value)


def camera_jpeg(size: tuple[int, int] = (320, 240), orientation: int = 1) -> bytes:
    """A photo as a phone writes it: GPS position, camera serial number, owner, XMP, comment."""
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    exif[0x0110] = "Modell 7"
    exif[0x0112] = orientation
    exif[0x013B] = "Max Mustermann"  # Artist
    extra = exif.get_ifd(0x8769)
    extra[0xA431] = SERIAL  # BodySerialNumber
    extra[0xA430] = "Max Mustermann"  # CameraOwnerName
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", rationals(LATITUDE), "E", rationals(LONGITUDE)
    image = Image.new("RGB", size)
    for x in range(size[0]):
        for y in range(size[1]):
            image.putpixel((x, y), (x % 256, y % 256, (x * y) % 256))
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>52,31.13N</exif:GPSLatitude></x:xmpmeta>'
    image.save(out, format="JPEG", exif=exif, xmp=xmp, comment=b"Max Mustermann, Gartenweg 3", quality=92)
    return out.getvalue()


def traces(data: bytes) -> list[str]:
    """What of the photo's metadata is still in ``data``."""
    found = []
    for needle in (SERIAL.encode(), b"Max Mustermann", b"Kamerahersteller", b"Gartenweg", b"52,31.13N", b"Exif\x00"):
        if needle in data:
            found.append(needle.decode("latin-1"))
    for degrees in (LATITUDE, LONGITUDE):
        for order in ("<", ">"):
            if struct.pack(f"{order}II", *degrees[2]) in data:
                found.append(f"GPS {degrees[2]}")
    return found


def test_the_test_photo_carries_what_is_to_be_removed():
    assert len(traces(camera_jpeg())) >= 6


def test_photo_metadata_reaches_no_published_file(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    photo = camera_jpeg((640, 480))
    (project / "docs/fotos").mkdir()
    (project / "docs/fotos/kamera.jpg").write_bytes(photo)
    (project / "content/news/bilder/kamera.jpg").write_bytes(photo)
    post = project / "content/news/2026-10-15-projektboerse-2027-angekuendigt.md"
    text = post.read_text(encoding="utf-8")
    image_line = next(line for line in text.splitlines() if line.startswith("image:"))
    post.write_text(text.replace(image_line, "image: bilder/kamera.jpg"), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    generated = tmp_path / "generated"
    assert main(["--root", str(project), "generate", str(generated)]) == 0
    published = [p for folder in (site, generated) for p in folder.rglob("*") if p.is_file()]
    assert [(p, traces(p.read_bytes())) for p in published if traces(p.read_bytes())] == []
    # The post's picture is published in its sizes only (not the photo as uploaded).
    sizes = {
        f"kamera-{width}w.{ending}": (width, round(width * 3 / 4))
        for width in (240, 480, 640)
        for ending in ("jpg", "webp")
    }
    assert sorted(p.name for p in (site / "aktuelles/bilder").iterdir() if p.name.startswith("kamera")) == sorted(sizes)
    for image, size in (
        (site / "fotos/kamera.jpg", (640, 480)),
        (generated / "docs/fotos/kamera.jpg", (640, 480)),
        *((site / "aktuelles/bilder" / name, size) for name, size in sizes.items()),
        *((generated / "docs/aktuelles/bilder" / name, size) for name, size in sizes.items()),
    ):
        with Image.open(image) as opened:
            assert opened.format == ("WEBP" if image.suffix == ".webp" else "JPEG") and opened.size == size
            assert dict(opened.getexif()) == {} and "icc_profile" not in opened.info and "xmp" not in opened.info
    assert (site / "fotos/kamera.jpg").read_bytes() == (generated / "docs/fotos/kamera.jpg").read_bytes()


def test_photos_stay_upright(folder: ContentFolder):
    # EXIF orientation 6: the camera was turned; viewers turn the picture 90° clockwise.
    folder.write("docs/hochkant.jpg", camera_jpeg((64, 48), orientation=6))
    written = build(folder.config(), TODAY).output.docs_contents["hochkant.jpg"]
    with Image.open(io.BytesIO(written)) as image:
        assert image.size == (48, 64)
        assert image.getexif().get(0x0112) is None
        # The original's top-left corner (black) is now at the top right.
        assert sum(image.getpixel((47, 0))) < 60 and sum(image.getpixel((0, 0))) > 60


def test_the_same_image_gives_the_same_bytes(folder: ContentFolder):
    folder.write("docs/foto.jpg", camera_jpeg())
    folder.write("docs/grafik.svg", (CORPUS / "good/gradient-use-style.svg").read_bytes())
    first = build(folder.config(), TODAY).output.docs_contents
    second = build(folder.config(), TODAY).output.docs_contents
    assert first == second and set(first) == {"foto.jpg", "grafik.svg"}


# -- every raster format -------------------------------------------------------------


def frames_of(data: bytes) -> list[tuple[tuple[int, int], bytes, int]]:
    with Image.open(io.BytesIO(data)) as image:
        return [
            (frame.size, frame.convert("RGBA").tobytes(), int(frame.info.get("duration", 0) or 0))
            for frame in ImageSequence.Iterator(image)
        ]


def animation(fmt: str, **options) -> bytes:
    frames = [Image.new("RGBA", (30, 20), colour) for colour in ("red", "green", "blue")]
    frames[1].paste((0, 0, 0, 0), (5, 5, 15, 15))
    out = io.BytesIO()
    frames[0].save(
        out, format=fmt, save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0, **options
    )
    return out.getvalue()


def still(mode: str, fmt: str, **options) -> bytes:
    image = Image.new("RGBA", (16, 12), (10, 200, 30, 128)).convert(mode) if mode != "P" else None
    if image is None:
        image = Image.new("P", (16, 12), 3)
        image.putpalette([i % 256 for i in range(768)])
        options.setdefault("transparency", 3)
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


LOSSLESS = [
    ("bild.png", still("RGBA", "PNG")),
    ("bild.png", still("RGB", "PNG")),
    ("bild.png", still("L", "PNG")),
    ("bild.png", still("LA", "PNG")),
    ("bild.png", still("P", "PNG")),
    ("bild.png", still("I;16", "PNG")),
    ("bild.gif", still("P", "GIF")),
    ("bild.gif", still("L", "GIF")),
    ("bild.webp", still("RGBA", "WEBP", lossless=True)),
    ("animiert.gif", animation("GIF")),
    ("animiert.png", animation("PNG")),
    ("animiert.webp", animation("WEBP", lossless=True)),
]


@pytest.mark.parametrize(("name", "data"), LOSSLESS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(LOSSLESS)])
def test_lossless_images_keep_every_pixel_frame_and_duration(folder: ContentFolder, name: str, data: bytes):
    folder.write(f"docs/{name}", data)
    result = build(folder.config(), TODAY)
    assert result.problems == []
    written = result.output.docs_contents[name]
    assert frames_of(written) == frames_of(data)
    with Image.open(io.BytesIO(written)) as image, Image.open(io.BytesIO(data)) as original:
        assert image.format == original.format and image.mode in (original.mode, "RGBA", "RGB")
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
        if getattr(original, "n_frames", 1) > 1:
            assert image.n_frames == original.n_frames and image.info.get("loop") == original.info.get("loop")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("foto.jpg", image_bytes("JPEG", (64, 48), quality=75)),
        ("foto.jpg", still("L", "JPEG")),
        ("foto.webp", image_bytes("WEBP", (64, 48), quality=80)),
        ("animiert.webp", animation("WEBP", quality=80)),
        ("foto.avif", image_bytes("AVIF", (64, 48)) if Image.registered_extensions().get(".avif") else b""),
    ],
)
def test_lossy_images_keep_size_frames_and_format(folder: ContentFolder, name: str, data: bytes):
    if not data:
        pytest.skip("this Pillow has no AVIF")
    folder.write(f"docs/{name}", data)
    result = build(folder.config(), TODAY)
    assert result.problems == []
    written = result.output.docs_contents[name]
    before, after = frames_of(data), frames_of(written)
    assert [(size, duration) for size, _, duration in after] == [(size, duration) for size, _, duration in before]
    with Image.open(io.BytesIO(written)) as image, Image.open(io.BytesIO(data)) as original:
        assert image.format == original.format
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)


def test_jpeg_keeps_its_quality(folder: ContentFolder):
    original = camera_jpeg((320, 240))
    folder.write("docs/foto.jpg", original)
    written = build(folder.config(), TODAY).output.docs_contents["foto.jpg"]
    with Image.open(io.BytesIO(written)) as image, Image.open(io.BytesIO(original)) as source:
        assert image.quantization == source.quantization
        # One more decode and encode with the same tables: no more loss than Pillow's own
        # quality="keep", and far less than its default quality.
        keep, default = io.BytesIO(), io.BytesIO()
        source.save(keep, format="JPEG", quality="keep")
        source.save(default, format="JPEG")
        loss = {name: difference(source, data) for name, data in (("engine", written), ("keep", keep), ("75", default))}
        assert loss["engine"] <= loss["keep"] * 1.02 < loss["75"] / 2, loss


def difference(source: Image.Image, data: bytes | io.BytesIO) -> float:
    with Image.open(io.BytesIO(data) if isinstance(data, bytes) else data) as image:
        pairs = zip(image.tobytes(), source.tobytes(), strict=True)
        return sum(abs(a - b) for a, b in pairs) / len(image.tobytes())


def icc_profile(description: str, grey: bool = False) -> bytes:
    """A small ICC v2 display profile with Display P3 primaries (D50) and gamma 2.2
    (or a grey one with the same gamma)."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    ascii_text = description.encode("ascii") + b"\x00"
    desc = (
        b"desc"
        + bytes(4)
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + bytes(4)
        + bytes(4)
        + bytes(3)
        + bytes(67)
    )
    curve = b"curv" + bytes(4) + struct.pack(">I", 1) + struct.pack(">H", 0x0233) + bytes(2)
    colour_tags = [
        (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)),
        (b"gXYZ", xyz(0.2919, 0.6922, 0.0419)),
        (b"bXYZ", xyz(0.1572, 0.0666, 0.7841)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        *([(b"kTRC", curve)] if grey else colour_tags),
        (b"cprt", b"text" + bytes(4) + b"Max Mustermann\x00\x00"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data + bytes(-len(data) % 4)
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + bytes(4)
        + bytes([2, 0x10, 0, 0])
        + (b"mntrGRAYXYZ " if grey else b"mntrRGB XYZ ")
        + bytes(12)
        + b"acsp"
        + bytes(24)
        + bytes(4)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def test_colour_profiles_are_applied_and_not_published(folder: ContentFolder):
    image = Image.new("RGB", (8, 8), (200, 100, 50))
    for fmt, name in (("JPEG", "p3.jpg"), ("PNG", "p3.png"), ("WEBP", "p3.webp")):
        out = io.BytesIO()
        image.save(out, format=fmt, icc_profile=icc_profile("Display P3 von Max Mustermann"), quality=95)
        folder.write(f"docs/{name}", out.getvalue())
    result = build(folder.config(), TODAY)
    assert result.problems == []
    for name in ("p3.jpg", "p3.png", "p3.webp"):
        written = result.output.docs_contents[name]
        assert b"Mustermann" not in written and b"acsp" not in written
        with Image.open(io.BytesIO(written)) as published:
            assert "icc_profile" not in published.info
            red, green, blue = published.convert("RGB").getpixel((4, 4))
            # Display P3 (200, 100, 50) is a stronger orange than sRGB (200, 100, 50).
            assert red > 205 and green < 100 and blue < 50, (name, red, green, blue)


@pytest.mark.parametrize(("mode", "value"), [("I;16", 40_000), ("LA", (155, 128)), ("L", 155)])
def test_grey_images_with_a_grey_profile_keep_their_brightness(folder: ContentFolder, mode: str, value):
    out = io.BytesIO()
    Image.new(mode, (8, 8), value).save(out, format="PNG", icc_profile=icc_profile("Grau 2.2", grey=True))
    folder.write("docs/grau.png", out.getvalue())
    result = build(folder.config(), TODAY)
    assert result.problems == []
    with Image.open(io.BytesIO(result.output.docs_contents["grau.png"])) as published:
        assert "icc_profile" not in published.info
        red, green, blue = published.convert("RGB").getpixel((4, 4))
        # 40000 / 65535 of white is 155 of 255 (16 bit scaled, not clipped to white).
        assert red == green == blue and 145 < red < 165


def test_an_unreadable_colour_profile_is_an_error(folder: ContentFolder):
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG", icc_profile=b"kein Profil" * 20)
    folder.write("docs/bild.png", out.getvalue())
    [problem] = folder.validate().problems
    assert (problem.path, problem.line, problem.code) == ("docs/bild.png", 1, FileCode.COLOUR_PROFILE)


def test_animations_are_bounded(folder: ContentFolder):
    frames = [Image.new("L", (400, 300), i % 256) for i in range(900)]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    folder.write("docs/lang.gif", out.getvalue())
    [problem] = folder.validate().problems
    assert (problem.path, problem.line, problem.code) == ("docs/lang.gif", 1, FileCode.TOO_COMPLEX)
    assert "900 Bilder zu 400 × 300 Pixeln" in problem.message  # what makes it too much


def test_avif_is_refused_with_its_reason_where_pillow_cannot_read_it(folder: ContentFolder, monkeypatch):
    from quartier.content.files import raster

    monkeypatch.setattr(raster, "avif_supported", lambda: False)
    folder.write("docs/foto.avif", b"\x00\x00\x00\x1cftypavif" + bytes(64))
    [problem] = folder.validate().problems
    assert (problem.path, problem.line, problem.code) == ("docs/foto.avif", 1, FileCode.UNSUPPORTED)
    assert "AVIF" in problem.message and problem.expected  # which format, and what to do instead


@pytest.mark.parametrize(
    ("markup", "code"),
    [
        ('<use href="javascript:alert(1)"/>', FileCode.ACTIVE_CONTENT),
        ('<use href="https://tracker.example/p.svg#a"/>', FileCode.ADDRESS),
        ("<rect style=\"fill: url('javascript:alert(1)')\"/>", FileCode.ACTIVE_CONTENT),
        ('<rect style="fill: url(https://tracker.example/p.png)"/>', FileCode.ADDRESS),
        ("<script>alert(1)</script>", FileCode.ACTIVE_CONTENT),
        ("<blink/>", FileCode.NOT_PUBLISHED),
        ('<rect width="1" height="1"/>', None),
    ],
)
def test_an_svg_s_flaws_say_what_they_are(markup: str, code: FileCode | None):
    """Script and a link elsewhere are told apart by the address check's own code."""
    cleaned = clean_svg(f'<svg xmlns="http://www.w3.org/2000/svg">{markup}</svg>'.encode())
    assert [flaw.code for flaw in cleaned.flaws] == ([code] if code else [])
