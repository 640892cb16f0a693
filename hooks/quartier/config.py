"""Site settings: read from ``mkdocs.yml`` (``site_url``, ``site_name``, ``extra.quartier``).

Read with plain YAML so that the engine does not need MkDocs to know them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .loading import DEFAULT_MAX_FILE_BYTES

TODAY_VARIABLE = "QUARTIER_TODAY"


@dataclass(frozen=True)
class SiteConfig:
    """Everything the engine needs to know about the site besides its content."""

    root: Path
    """The project folder: ``content/`` and ``mkdocs.yml`` live here."""

    site_url: str = "https://example.org/"
    """Absolute URL of the site, ending in ``/`` (feeds and UIDs need it)."""

    site_name: str = "Quartier"
    timezone: str = "Europe/Berlin"
    """Default IANA zone for event times written without one."""

    content_dir: str = "content"
    docs_dir: str = "docs"
    posts_dir: str = "docs/aktuelles/posts"
    """News posts: real files, because Material's blog plugin reads them itself."""

    feed_past_days: int = 180
    """Events that ended less than this many days ago stay in the feeds."""

    feed_max_bytes: int = 1_000_000
    """Google Calendar refuses feeds above 1 MB; the window shrinks to stay below."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    raw_html: str = "safe"
    """``safe``: script, event handlers and javascript: links in bodies are errors;
    ``allow``: any HTML is passed through (only for trusted editor teams)."""

    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "localhost"

    def absolute_url(self, path: str) -> str:
        """``veranstaltungen/x/`` → ``https://host/base/veranstaltungen/x/``."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name:`` and ``!ENV`` tags meant for MkDocs."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def load_config(root: Path, mkdocs_file: str = "mkdocs.yml") -> SiteConfig:
    """Settings from ``root/mkdocs.yml``; defaults where it says nothing."""
    path = root / mkdocs_file
    data: dict[str, Any] = {}
    if path.is_file():
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return config_from_mapping(root, data)


def config_from_mapping(root: Path, data: dict[str, Any]) -> SiteConfig:
    """Settings from an already loaded mkdocs.yml (the MkDocs hook passes its own)."""
    options = dict((data.get("extra") or {}).get("quartier") or {})
    site_url = data.get("site_url") or "https://example.org/"
    if not site_url.endswith("/"):
        site_url += "/"
    known = {f for f in SiteConfig.__dataclass_fields__} - {"root", "site_url", "site_name", "extra"}
    settings = {key: options.pop(key) for key in list(options) if key in known}
    if data.get("docs_dir"):
        settings.setdefault("docs_dir", data["docs_dir"])
    return SiteConfig(root=root, site_url=site_url, site_name=data.get("site_name") or "Quartier", extra=options, **settings)


def today_from_environment(environ: dict[str, str] | None = None) -> date:
    """The build's "today": ``QUARTIER_TODAY=YYYY-MM-DD`` or the machine's date."""
    value = (environ if environ is not None else os.environ).get(TODAY_VARIABLE, "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise SystemExit(f"{TODAY_VARIABLE}={value!r} ist kein Datum (Erwartet: YYYY-MM-DD)") from None
    return date.today()


__all__ = ["SiteConfig", "load_config", "config_from_mapping", "today_from_environment", "replace"]
