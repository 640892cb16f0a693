"""Validation time of one hostile file at the size limit, against plain text of the same size.

    python bench/bench_validate.py [--bytes 200000] [--json out.json]

Each case is one event file whose body (or front matter) fills the size limit with a
pattern known to make parsers slow: unclosed brackets (Python-Markdown looks for the
end of each ``[``/``<`` from where it stands), entities, deep lists, tables, a long
list of tags. The baseline is the same number of bytes of ordinary German paragraphs,
validated in the same run. The target (issue "Safe by construction"): every case under
2 s on the project machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

try:
    import quartier  # noqa: F401
except ImportError:  # running from a checkout without the editable install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from quartier.config import SiteConfig
from quartier.site.build import build

FRONT = "---\ntitle: Werkstatt\nstart: 2027-05-06\nformat: online\n---\n"
PARAGRAPH = (
    "Im Quartier treffen sich Nachbarinnen und Nachbarn, Vereine und die Verwaltung, um über "
    "leere Läden, Spielplätze und den Weg zur Schule zu sprechen. Die Werkstatt sammelt Ideen, "
    "ordnet sie und verabredet, wer was bis zum nächsten Treffen vorbereitet.\n\n"
)


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def cases(size: int) -> dict[str, str]:
    body = size - len(FRONT) - 16
    return {
        "baseline: German paragraphs": FRONT + _fill(PARAGRAPH, body),
        "[ unclosed, one paragraph": FRONT + _fill("[", body),
        "[ unclosed, many paragraphs": FRONT + _fill("[" * 300 + "\n\n", body),
        "[a]( unclosed links": FRONT + _fill("[a](", body),
        "![ unclosed images": FRONT + _fill("![", body),
        "<a unclosed tags": FRONT + _fill("<a ", body),
        "[[ ]] nested brackets": FRONT + "[[" * (body // 8) + "]]" * (body // 8),
        "&#x41; entities": FRONT + _fill("&#x41;", body),
        "* emphasis": FRONT + _fill("*a ", body),
        "` backticks": FRONT + _fill("`", body),
        "> deep quote": FRONT + ">" * min(body, 5000) + " x\n",
        "- nested lists": FRONT + "".join("  " * (i % 200) + "- x\n" for i in range(body // 210)),
        "| wide table": FRONT + "|a" * (body // 6) + "\n" + "|-" * (body // 6) + "\n" + "|b" * (body // 6) + "\n",
        "{: attribute lists": FRONT + _fill("# a {: x=1 }\n\n", body),
        "<b> many tags": FRONT + _fill("<b>", body),
        "tags: 100,000 equal entries": "---\ntitle: W\nstart: 2027-05-06\nformat: online\ntags: ["
        + ", ".join(["b", "a"] * min(100_000, body // 6))
        + "]\n---\nText.\n",
    }


def measure(text: str, size: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content/events").mkdir(parents=True)
        (root / "content/cities.yml").write_text("- name: Essen\n  state: NRW\n", encoding="utf-8")
        (root / "content/events/fall.md").write_text(text, encoding="utf-8")
        config = SiteConfig(root=root, site_url="https://quartier.example.org/", max_file_bytes=size)
        started = time.perf_counter()
        result = build(config, date(2026, 11, 22))
        return time.perf_counter() - started, len(result.problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--bytes",
        type=int,
        default=SiteConfig(root=Path(".")).max_file_bytes,
        help="file size (default: the size limit)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    baseline = None
    for name, text in cases(args.bytes).items():
        seconds, problems = measure(text, args.bytes)
        baseline = baseline or seconds
        rows.append(
            {
                "case": name,
                "bytes": len(text.encode()),
                "seconds": round(seconds, 3),
                "ratio": round(seconds / baseline, 2),
                "problems": problems,
            }
        )
        print(
            (
                f"{name:32} {len(text.encode()):>9,} B {seconds:7.3f} s  "
                f"{seconds / baseline:6.2f}× baseline  {problems} problems"
            ),
            flush=True,
        )
    worst = max(rows, key=lambda r: r["seconds"])
    print(f"slowest: {worst['case']} {worst['seconds']} s (target < 2 s)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
