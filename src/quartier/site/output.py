"""Writing a build's pages and files into a folder, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from quartier.site.build import SiteOutput


def write_output(output: SiteOutput, target: Path) -> None:
    """Replace ``target`` with the output; on any failure the old folder stays as it was.

    Pages go to ``target/docs/`` (Markdown for a builder), files to ``target/files/``
    (copy them into the built site as they are).
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for page in output.pages:
            _write(staging / "docs" / page.source, page.markdown.encode("utf-8"))
        for path, data in output.files.items():
            _write(staging / "files" / path, data)
        if target.exists():
            old = target.with_name(f".{target.name}-old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
            os.replace(staging, target)
            shutil.rmtree(old)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
