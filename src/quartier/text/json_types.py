"""The one type of JSON-shaped data the engine writes: JSON Schemas, JSON-LD, the open
data catalogue and the form's configuration (which PyYAML writes as YAML).

``Json`` is what a writer accepts. Its containers are ``Mapping`` and ``Sequence``, not
``dict`` and ``list``: those are read-only and so covariant, which lets a ``dict[str, str]``
or a ``list[JsonObject]`` be a value without a copy. A builder that fills an object key by
key declares it as ``JsonObject``, the mutable dict of ``Json`` values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

# A TypeAlias, not the `type` statement: the project supports Python 3.11.
Json: TypeAlias = Mapping[str, "Json"] | Sequence["Json"] | str | int | float | bool | None
"""Any JSON value (``bool`` and ``int`` are named although ``float`` takes them, for the reader)."""

JsonObject: TypeAlias = dict[str, Json]
"""A JSON object under construction."""
