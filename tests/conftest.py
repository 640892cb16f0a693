"""Shared helpers: small content folders written per test, and the fixture sites."""

from __future__ import annotations

import io
import os
import textwrap
from pathlib import Path

import pytest

from quartier.config import SiteConfig
from quartier.content.validation import ValidationResult, validate_site
from quartier.render.search import PAGEFIND_EXECUTABLE, PAGEFIND_VARIABLE

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

# Every site the tests build (copies of the example and throwaway projects, which have no
# search/ of their own) is indexed by the repository's Pagefind: search/, installed by
# `make test` with `npm ci`. Without it the builds stop and say so.
if (REPO / PAGEFIND_EXECUTABLE).is_file():
    os.environ.setdefault(PAGEFIND_VARIABLE, str(REPO / PAGEFIND_EXECUTABLE))

CITIES = """\
- name: Essen
  state: Nordrhein-Westfalen
  lat: 51.4556
  lon: 7.0116
- name: Frankfurt (Oder)
  state: Brandenburg
  lat: 52.3471
  lon: 14.5506
- name: Berlin
  state: Berlin
  lat: 52.5200
  lon: 13.4050
"""

PROGRAM = """\
---
title: Initiative ergreifen
---
Ein Programm.
"""


class ContentFolder:
    """A throwaway project folder with ``content/``; files are written as given."""

    def __init__(self, root: Path):
        self.root = root
        self.write("content/cities.yml", CITIES)
        self.write("content/programs/initiative-ergreifen.md", PROGRAM)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def event(self, slug: str, front_matter: str, body: str = "Text.\n") -> Path:
        return self.write(f"content/events/{slug}.md", "---\n" + textwrap.dedent(front_matter) + "---\n" + body)

    def config(self, **overrides) -> SiteConfig:
        return SiteConfig(root=self.root, site_url="https://quartier.example.org/", **overrides)

    def validate(self, **overrides) -> ValidationResult:
        return validate_site(self.config(**overrides))


@pytest.fixture
def folder(tmp_path: Path) -> ContentFolder:
    return ContentFolder(tmp_path)


VENUE = """\
venue:
  name: ImpactHUB Ruhr
  address: Hollestraße 1, 45127
  city: Essen
"""


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (4, 3), **options) -> bytes:
    """A small real image: the engine decodes every image it publishes, so a few magic
    bytes no longer pass for one."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format=fmt, **options)
    return out.getvalue()
