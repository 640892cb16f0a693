"""URL slugs: German transliteration for city names, strict checks for file names."""

from __future__ import annotations

import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """``Frankfurt (Oder)`` → ``frankfurt-oder``, ``Prädikow`` → ``praedikow``.

    German umlauts become two letters (the way Germans spell them without umlauts);
    other accents are dropped, everything else that is not a letter or digit becomes a hyphen.
    """
    text = text.translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", text.lower()).strip("-")


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG_PATTERN.match(slug))
