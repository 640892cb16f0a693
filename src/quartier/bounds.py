"""Limits every stage agrees on: years, time zones, file sizes.

A leaf module: the site options (``config``) and the content checks (``content``) both
refuse a year or a zone by these same rules.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates outside these years are typing errors; they would also overflow time-zone
arithmetic near the ends of Python's calendar (9999-12-31 in Los Angeles)."""

DEFAULT_MAX_FILE_BYTES = 200_000
"""Python-Markdown needs seconds for arbitrary 1 MB input; 200 kB is a long page."""

MAX_PUBLISHED_FILE_BYTES = 50_000_000
"""Images and downloads that are copied as they are (news images, docs/ files in a
generated project): GitHub warns at 50 MB per file, and the build holds them in memory."""

_ZONE_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """IANA zones that name a place: ``localtime``, ``Factory``, ``EST5EDT`` and ``Etc/*``
    are refused, because they depend on the build machine or carry no rules of a place."""
    return frozenset(z for z in available_timezones() if z.split("/", 1)[0] in _ZONE_AREAS and "/" in z) | {"UTC"}
