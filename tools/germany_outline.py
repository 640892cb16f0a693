"""Writes src/quartier/render/germany.json: Germany's outline for the map page (/karte/).

The data is Natural Earth's 1:50m admin-0 countries (public domain) as the npm package
world-atlas 2.0.2 (ISC licence) ships it in TopoJSON. The package is not a dependency of
the site: run this once when the outline should change, and commit its output.

    npm pack world-atlas@2.0.2          # world-atlas-2.0.2.tgz, checked against INTEGRITY
    python tools/germany_outline.py world-atlas-2.0.2.tgz

The output holds each ring of Germany's multipolygon as [longitude, latitude] pairs in
degrees, rounded to 3 decimals (about 100 m, far below a pixel of the map).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import tarfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
"""npm's integrity of the tarball (``npm view world-atlas@2.0.2 dist.integrity``)."""
MEMBER = "package/countries-50m.json"
GERMANY = "276"  # ISO 3166-1 numeric
OUT = Path(__file__).resolve().parents[1] / "src" / "quartier" / "render" / "germany.json"


def rings(topology: dict, arcs_of_ring: list[int]) -> list[list[float]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    points: list[list[float]] = []
    for index in arcs_of_ring:
        arc = topology["arcs"][index if index >= 0 else ~index]
        x = y = 0
        decoded = []
        for dx, dy in arc:  # delta-encoded, quantized
            x, y = x + dx, y + dy
            decoded.append([round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)])
        if index < 0:
            decoded.reverse()
        points.extend(decoded[1:] if points else decoded)  # arcs share their end points
    return points


def main(tarball: str) -> None:
    data = Path(tarball).read_bytes()
    found = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if found != INTEGRITY:
        sys.exit(f"{tarball}: integrity {found} is not {PACKAGE}'s {INTEGRITY}")
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(MEMBER)
        assert member is not None
        topology = json.load(member)
    geometry = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == GERMANY)
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    outline = [rings(topology, ring) for polygon in polygons for ring in polygon]
    OUT.write_text(
        json.dumps(
            {
                "source": f"Natural Earth 1:50m admin-0 countries (public domain), from npm {PACKAGE} ({MEMBER})",
                "generated_by": "tools/germany_outline.py",
                "rings": outline,
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(outline)} rings, {sum(len(r) for r in outline)} points")


if __name__ == "__main__":
    main(sys.argv[1])
