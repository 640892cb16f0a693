"""What the content's Git history says about each event: SEQUENCE, DTSTAMP, LAST-MODIFIED.

RFC 5546 (3.2.2, PUBLISH): a calendar that imported an event replaces it with a newer
version only when its SEQUENCE is higher. RFC 5545 (3.8.7.4): "the "Organizer"
includes this property in an iCalendar object that it sends to an "Attendee" to specify
the current version of the calendar component"; its value is incremented "each time
the "Organizer" makes a significant revision" -- here: a change of the event's time,
place or status. A static site has no database to count revisions in, so they are
counted in the commits of ``content/events/`` (as Hugo's ``enableGitInfo`` does for
dates): the same commit always gives the same numbers, and no editor has to do anything.

Versions are grouped by UID, so a renamed file that kept its ``uid`` keeps its count.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from quartier.config import SiteConfig
from quartier.content.loading import parse_document, read_text
from quartier.content.model import Site

SIGNIFICANT = ("start", "end", "timezone", "venue", "format", "online_url", "status", "repeat")
"""Fields whose change is a revision for subscribers (time, place, status; for a series
its rule, cancelled and moved dates: RFC 5546 2.1.4 names RRULE, RDATE and EXDATE among
the properties whose change is a revision)."""


@dataclass(frozen=True)
class Revision:
    """The history of one event."""

    sequence: int
    """How often its time, place or status changed, committed or in the working tree."""

    modified: datetime
    """Commit time (UTC) of the last commit that changed its file, or of HEAD for a new file."""


@dataclass(frozen=True)
class History:
    revisions: Mapping[str, Revision] = field(default_factory=dict)
    """By UID."""

    note: str = ""
    """Why there is no history (German), or ''."""

    shallow: bool = False
    """A shallow clone: counts would be wrong, so none are given (a real misconfiguration)."""


def _git(root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, check=False)


def read_history(config: SiteConfig, site: Site) -> History:
    root = config.root
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
    except OSError:
        return History(note="git ist nicht installiert: Kalender-Versionen (SEQUENCE) bleiben 0")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        return History(note="kein git-Repository: Kalender-Versionen (SEQUENCE) bleiben 0")
    if _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
        return History(
            note="Die Versionsgeschichte ist unvollständig (flacher Klon): Kalender-Versionen (SEQUENCE) bleiben 0 "
            "und Änderungen erreichen manche Kalender nicht. Beim Auschecken fetch-depth: 0 setzen.",
            shallow=True,
        )
    head = _git(root, "log", "-1", "--format=%ct")
    if head.returncode != 0:
        return History(note="noch kein Commit: Kalender-Versionen (SEQUENCE) bleiben 0")
    head_time = _utc(int(head.stdout.strip()))
    folder = f"{config.content_dir}/events"
    log = _git(root, "log", "--relative", "--no-renames", "--format=%x00%H %ct", "--name-only", "--", folder)
    touches: list[tuple[str, int, str]] = []  # (commit, time, path), newest first
    for record in log.stdout.decode("utf-8", "replace").split("\x00")[1:]:
        header, *paths = record.strip("\n").split("\n")
        commit, stamp = header.split(" ")
        touches += [(commit, int(stamp), p) for p in paths if p.endswith(".md")]
    versions = _contents(root, [(commit, path) for commit, _, path in touches])
    # Oldest first: (time, fingerprint) per UID.
    timeline: dict[str, list[tuple[int, tuple[object, ...]]]] = defaultdict(list)
    for (_commit, seconds, path), text in reversed(list(zip(touches, versions, strict=True))):
        if text is None:
            continue  # the commit deleted the file
        uid, fingerprint = _reading(text, path, config)
        timeline[uid].append((seconds, fingerprint))
    revisions: dict[str, Revision] = {}
    events = root / folder
    for event in site.events:
        now, _ = read_text(root / event.source, event.source, config.max_file_bytes, folder=events, root=root)
        past = timeline.get(event.uid, [])
        fingerprints = [f for _, f in past] + ([_reading(now, event.source, config)[1]] if now is not None else [])
        changes = sum(1 for before, after in pairwise(fingerprints) if before != after)
        modified = _utc(past[-1][0]) if past else head_time
        revisions[event.uid] = Revision(changes, modified)
    return History(revisions)


def _contents(root: Path, objects: list[tuple[str, str]]) -> list[str | None]:
    """The text of each ``(commit, path)``, read through one ``git cat-file --batch``."""
    if not objects:
        return []
    request = "".join(f"{commit}:./{path}\n" for commit, path in objects).encode("utf-8")
    out = _git(root, "cat-file", "--batch", data=request).stdout
    texts: list[str | None] = []
    at = 0
    for _ in objects:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            texts.append(None)  # "missing": deleted in that commit
            continue
        size = int(header[2])
        texts.append(out[at : at + size].decode("utf-8", "replace"))
        at += size + 1
    return texts


def _reading(text: str, path: str, config: SiteConfig) -> tuple[str, tuple[object, ...]]:
    """The version's UID and what subscribers would notice changing."""
    slug = Path(path).stem
    document = parse_document(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), path, slug)
    fields = document.fields
    uid_value = fields.get("uid")
    uid = (
        uid_value.data.strip() if uid_value is not None and isinstance(uid_value.data, str) else f"{slug}@{config.host}"
    )
    return uid, tuple(repr(fields[name].plain()) if name in fields else None for name in SIGNIFICANT)


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


__all__ = ["History", "Revision", "read_history", "SIGNIFICANT"]
