"""``(meinten Sie „Essen“?)``: the nearest known word, for messages to editors."""

from __future__ import annotations

import difflib
from collections.abc import Mapping


def closest(word: str, candidates: list[str] | tuple[str, ...]) -> str | None:
    """The nearest candidate, or one that differs only in case, or ``None``."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if not matches:
        by_case = [c for c in candidates if c.casefold() == word.casefold()]
        matches = by_case[:1]
    return matches[0] if matches else None


def suggest(word: str, candidates: list[str] | tuple[str, ...] | Mapping[str, str]) -> str:
    """`` (meinten Sie „Essen“?)`` or ''. With a mapping, its keys are compared and its
    value is suggested (``canceled`` is near ``cancelled``; „abgesagt“ is what to write)."""
    keys = list(candidates)
    match = closest(word, keys)
    if match is None:
        return ""
    shown = candidates[match] if isinstance(candidates, Mapping) else match
    return f" (meinten Sie „{shown}“?)"
