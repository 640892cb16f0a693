"""Which fixed mask suits this site's QR codes: the reasoning behind ``render.qr.MASK``.

    python bench/qr_masks.py [--site https://quartier.example.org/] [--count 400]

Scores all eight masks (the penalty rules of ISO/IEC 18004, 7.8.3, as Nayuki's reference
encoder computes them; lower is better) for the URLs of the example site's event pages
and 2 × ``--count`` URLs of the same form (dated and worded slugs), and prints per mask how often it
scored best and its mean and largest excess over the best mask of each URL.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from qrcodegen import QrCode, QrSegment

REPO = Path(__file__).resolve().parent.parent
WORDS = ["fest", "werkstatt", "quartier", "buergerforum", "stadtteil", "netzwerktreffen", "2027", "im", "der"]


def urls(site: str, count: int) -> list[str]:
    base = site.rstrip("/") + "/veranstaltungen/"
    found = [f"{base}{path.stem}/" for path in sorted((REPO / "content" / "events").glob("*.md"))]
    rng = random.Random(1)
    for i in range(count):
        found.append(f"{base}20{rng.randrange(20, 29)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}-{i:05d}/")
        found.append(base + "-".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 10))) + "/")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="https://quartier.example.org/")
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    sample = urls(args.site, args.count)
    best = [0] * 8
    excess = [[0] * 8 for _ in sample]
    for n, url in enumerate(sample):
        segment = [QrSegment.make_bytes(url.encode("utf-8"))]
        scores = [
            QrCode.encode_segments(segment, QrCode.Ecc.MEDIUM, 1, 40, mask, True)._get_penalty_score()
            for mask in range(8)
        ]
        best[scores.index(min(scores))] += 1
        excess[n] = [score - min(scores) for score in scores]
    print(f"{len(sample)} URLs")
    for mask in range(8):
        column = [row[mask] for row in excess]
        print(
            f"mask {mask}: best for {best[mask] / len(sample):5.1%}, "
            f"mean excess {sum(column) / len(column):6.1f}, largest {max(column)}"
        )


if __name__ == "__main__":
    main()
