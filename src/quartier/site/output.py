"""Writing a folder all or nothing: a failed write leaves the previous one as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """Let ``fill`` write into a fresh sibling folder, then put it in ``target``'s place.

    On any failure (in ``fill`` too) the staging folder is removed and ``target`` stays
    untouched; the swap itself is two renames on the same file system.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        fill(staging)
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


__all__ = ["replace_folder"]
