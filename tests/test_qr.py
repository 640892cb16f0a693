"""The QR codes of the printed notices: the right symbol, and a reader gets the page's URL back.

``render/qr.py`` is an encoder of its own (issue 26: segno's took 70 % of the engine's
time). Two independent checks: every symbol equals, module for module, the one Nayuki's
reference encoder (``qrcodegen``) makes with the same mask, at every version 1–40 and
at the boundaries where the version or the error correction level changes; and the SVG
the pages carry, drawn by resvg, is read back by zxing-cpp as the page's URL — the
example site's event pages, and long URLs with umlauts and percent-encoding.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date

import pytest
import resvg_py
import zxingcpp
from conftest import REPO
from PIL import Image
from qrcodegen import QrCode, QrSegment

from quartier.config import SiteConfig, load_config
from quartier.render import qr
from quartier.render.pages import Page
from quartier.site.build import build

TODAY = date(2026, 11, 22)
SVG = re.compile(r"<svg .*?</svg>", re.S)

LONG_URLS = [
    "https://quartier.example.org/veranstaltungen/2027-05-06-wirurbanismus-forum-koeln/",
    # ISO-8859-1 (the standard's default for byte mode) holds German umlauts and ß.
    "https://stadtteilbüro.example.org/veranstaltungen/grünflächen-für-alle-straßenfest-über-"
    "öffnungszeiten-im-quartier-ämter-und-bürger-im-gespräch/",
    # Beyond ISO-8859-1: UTF-8.
    "https://quartier.example.org/veranstaltungen/łódź-partnerschaft-€-förderung/",
    "https://quartier.example.org/veranstaltungen/gr%C3%BCnfl%C3%A4chen-f%C3%BCr-alle/"
    "?stadt=M%C3%BClheim%20an%20der%20Ruhr&programm=initiative-ergreifen&s=1#anmeldung",
    # Version 7 and higher carry version information: a long one as well.
    "https://quartier.example.org/veranstaltungen/" + "-".join(["werkstatt-für-straßenräume-und-plätze"] * 9) + "/",
]


def reference(text: str) -> tuple[list[str], int]:
    """Nayuki's encoder: byte mode, level M raised where it fits, the same mask."""
    try:
        data = text.encode("iso-8859-1")
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    code = QrCode.encode_segments([QrSegment.make_bytes(data)], QrCode.Ecc.MEDIUM, 1, 40, qr.MASK, True)
    size = code.get_size()
    rows = ["".join("1" if code.get_module(x, y) else "0" for x in range(size)) for y in range(size)]
    return rows, code.get_version()


def read(svg: str) -> list[str]:
    """What a reader gets from the SVG, drawn as it is (4 px a module) on white."""
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff"))
    image = Image.open(io.BytesIO(png)).convert("L")
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def _longest(version: int, level: str = "M") -> int:
    """The most bytes that fit ``version`` at ``level``."""
    count_bits = 8 if version < 10 else 16
    return (8 * qr._data_codewords(version, level) - 4 - count_bits) // 8


def test_every_version_equals_the_reference_encoder() -> None:
    for version in range(1, 41):
        text = "x" * _longest(version)
        rows, reference_version = reference(text)
        assert reference_version == version
        assert qr.qr_modules(text) == rows, f"version {version}"


@pytest.mark.parametrize("version", [1, 2, 6, 9, 10, 26])
def test_where_the_version_and_the_level_change(version: int) -> None:
    # One byte more than a version holds needs the next; a level is raised to Q or H
    # exactly while the data still fits the version there.
    for length in (_longest(version) + 1, _longest(version, "Q"), _longest(version, "Q") + 1, _longest(version, "H")):
        text = "y" * length
        rows, _ = reference(text)
        assert qr.qr_modules(text) == rows, f"{length} bytes"


@pytest.mark.parametrize("url", LONG_URLS)
def test_long_urls_equal_the_reference_and_read_back(url: str) -> None:
    assert qr.qr_modules(url) == reference(url)[0]
    assert read(qr.qr_svg(url)) == [url]


def test_the_svg_draws_exactly_the_modules() -> None:
    for url in (LONG_URLS[0], LONG_URLS[-1]):
        rows = qr.qr_modules(url)
        svg = qr.qr_svg(url)
        assert svg.count("<path") == 1 and svg.endswith("</svg>\n")
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff"))
        image = Image.open(io.BytesIO(png)).convert("L")
        size = len(rows) + 2 * qr.BORDER
        assert image.size == (size * qr.SCALE, size * qr.SCALE)
        for y in range(size):
            for x in range(size):
                inside = qr.BORDER <= x < size - qr.BORDER and qr.BORDER <= y < size - qr.BORDER
                dark = inside and rows[y - qr.BORDER][x - qr.BORDER] == "1"
                pixel = image.getpixel((x * qr.SCALE + qr.SCALE // 2, y * qr.SCALE + qr.SCALE // 2))
                assert pixel == (0 if dark else 255), (x, y)


def test_the_title_names_the_url_escaped() -> None:
    svg = qr.qr_svg("https://quartier.example.org/suche/?a=1&b=<2>")
    assert "<title>QR-Code: https://quartier.example.org/suche/?a=1&amp;b=&lt;2&gt;</title>" in svg


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteConfig, list[Page]]:
    project = tmp_path_factory.mktemp("qr") / "projekt"
    for name in ("content", "docs"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    config = load_config(project)
    result = build(config, TODAY)
    assert result.output is not None, result.problems
    return config, [page for page in result.output.pages if page.url_path.startswith("veranstaltungen/")]


def _notice(page: Page) -> str:
    block = re.search(r'<div class="q-print-only q-print-qr".*?</div>', page.html, re.S)
    assert block is not None, page.url_path
    return block.group(0)


def test_event_notices_read_back_as_their_page(example: tuple[SiteConfig, list[Page]]) -> None:
    config, pages = example
    read_back = 0
    for page in pages:
        notice = _notice(page) if "q-print-qr" in page.html else ""
        svg = SVG.search(notice)
        if svg:
            assert read(svg.group(0)) == [config.absolute_url(page.url_path)]
            read_back += 1
    assert read_back >= 5


def test_past_events_print_without_a_code(example: tuple[SiteConfig, list[Page]]) -> None:
    # The notice is for a board before the event; the page's address stays on it.
    config, pages = example
    events = [page for page in pages if "q-print-qr" in page.html]
    past = [page for page in events if "Diese Veranstaltung hat bereits stattgefunden" in page.html]
    assert past and len(past) < len(events)
    for page in events:
        notice = _notice(page)
        assert f"<p>Mehr dazu: {config.absolute_url(page.url_path)}</p>" in notice
        assert ("<svg" in notice) == (page not in past), page.url_path
