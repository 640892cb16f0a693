"""The example site's engine output, byte for byte, against a recorded digest.

Restructuring the engine (issue 14) must not change one byte of what visitors and
subscribers get. Every page (its Markdown form and its finished HTML) and every file
(feeds, redirects, images) is hashed; the recorded list is
``tests/golden/example-output.sha256``. When content or output changes on purpose,
rewrite it with ``QUARTIER_WRITE_GOLDEN=1 pytest tests/test_example_golden.py`` and
read the diff before committing it.

The project is copied without its Git history, so the feeds' DTSTAMP and SEQUENCE do
not depend on how deep CI's clone is.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

from quartier.config import load_config
from quartier.frontends.material import MATERIAL
from quartier.site.build import build

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "example-output.sha256"
TODAY = date(2026, 11, 22)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def example_digest(tmp_path: Path) -> list[str]:
    project = tmp_path / "projekt"
    for name in ("content", "docs"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = build(load_config(project), TODAY)
    assert result.output is not None, result.problems
    lines = []
    for page in sorted(result.output.pages, key=lambda p: p.source):
        lines.append(f"{_sha(page.markdown(MATERIAL).encode('utf-8'))}  page {page.source}")
        lines.append(f"{_sha(page.body.html.encode('utf-8'))}  body {page.source}")
    for path in sorted(result.output.files):
        lines.append(f"{_sha(result.output.files[path])}  file {path}")
    # Images and stylesheets of docs/ as the engine writes them again.
    for path in sorted(result.output.docs_contents):
        lines.append(f"{_sha(result.output.docs_contents[path])}  docs {path}")
    return lines


def test_example_output_is_unchanged(tmp_path: Path) -> None:
    lines = example_digest(tmp_path)
    if os.environ.get("QUARTIER_WRITE_GOLDEN") == "1":
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recorded = GOLDEN.read_text(encoding="utf-8").splitlines()
    changed = sorted(set(lines) ^ set(recorded))
    assert lines == recorded, "changed or missing:\n" + "\n".join(changed[:40])
    # Every kind of output is covered, so a digest of nothing cannot pass.
    kinds = {line.split()[2].split("/")[0] for line in lines if " file " in line}
    assert {"kalender.ics", "staedte", "programme", "veranstaltungen", "aktuelles"} <= kinds
    assert sum(" page " in line for line in lines) > 50
