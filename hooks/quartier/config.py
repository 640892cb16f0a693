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

    feed_past_days: int = 180
    """Events that ended less than this many days ago stay in the feeds."""

    feed_max_bytes: int = 1_000_000
    """Google Calendar refuses feeds above 1 MB; the window shrinks to stay below."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    removed_html: str = "error"
    """What validation makes of HTML the sanitizer removes: ``error`` (the build stops)
    or ``warning``. Visitors never get it either way: there is no switch for raw HTML."""

    download_types: tuple[str, ...] = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv")
    """File endings in docs/ that are published as downloads (besides pages, images, CSS)."""

    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def download_suffixes(self) -> tuple[str, ...]:
        return tuple("." + t.lower().lstrip(".") for t in self.download_types)

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


class ConfigError(ValueError):
    """A site setting that cannot be used; the front ends report it and stop."""


def config_from_mapping(root: Path, data: dict[str, Any]) -> SiteConfig:
    """Settings from an already loaded mkdocs.yml (the MkDocs hook passes its own)."""
    options = dict((data.get("extra") or {}).get("quartier") or {})
    if "raw_html" in options:
        raise ConfigError(
            "extra.quartier.raw_html gibt es nicht mehr: HTML aus Inhalten wird immer bereinigt "
            "(siehe README, „What the validator guarantees“); Option entfernen"
        )
    if options.get("removed_html", "error") not in ("error", "warning"):
        raise ConfigError("extra.quartier.removed_html muss error oder warning sein")
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
