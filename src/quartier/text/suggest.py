"""``(meinten Sie „Essen“?)``: the nearest known word, for messages to editors."""

from __future__ import annotations

import difflib


def suggest(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """`` (meinten Sie „Essen“?)`` or ''."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if not matches:
        by_case = [c for c in candidates if c.casefold() == word.casefold()]
        matches = by_case[:1]
    return f" (meinten Sie „{matches[0]}“?)" if matches else ""
