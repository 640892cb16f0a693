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
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from typing import IO, NamedTuple
from zoneinfo import ZoneInfo

from quartier.bounds import LAST_YEAR, known_zones
from quartier.config import SiteConfig
from quartier.content.loading import Value, parse_document, read_text
from quartier.content.model import Event, Site
from quartier.content.moments import Role, Spot, Written, read_moment
from quartier.content.when import day_of

SIGNIFICANT = ("start", "end", "timezone", "venue", "format", "online_url", "status", "repeat")
"""Fields whose change is a revision for subscribers (time, place, status; for a series
its rule, cancelled and moved dates: RFC 5546 2.1.4 names RRULE, RDATE and EXDATE among
the properties whose change is a revision)."""

HISTORY_SECONDS = 60.0
"""The budget for reading the history, all git calls together. Reading is linear in the
commits that touched ``content/events/`` (each version at most ``max_file_bytes``); a
history that needs longer gives no counts, with a warning, rather than a build that hangs."""

FIRST_COMMIT_SECOND = 0
"""1970-01-01: commit times before it are mistakes (or forgeries), and are passed over."""

LAST_COMMIT_SECOND = int(datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC).timestamp()) - 1
"""The end of 2200 (``bounds.LAST_YEAR``): a commit dated later (``GIT_COMMITTER_DATE`` can say
year 33658) would overflow the calendar arithmetic; it is passed over with a note."""

_NAMED = 5
"""How many passed-over commits or versions a note names before it only counts."""


@dataclass(frozen=True)
class Revision:
    """The history of one event."""

    sequence: int
    """How often its time, place or status changed, committed or in the working tree."""

    modified: datetime
    """Commit time (UTC) of the last commit that changed its file, or of HEAD for a new file."""

    previous_starts: tuple[date | datetime, ...] = ()
    """Earlier starts of a single event (not a series), oldest first, each once: the
    starts of committed versions that differ from today's (another day, or another time
    of a timed event; a time added on the same day is no move). Empty when it never moved."""


@dataclass(frozen=True)
class History:
    revisions: Mapping[str, Revision] = field(default_factory=dict)
    """By UID."""

    note: str = ""
    """Why there is no history (German), or ''."""

    incomplete: bool = False
    """A shallow clone, or a history that could not be read within ``HISTORY_SECONDS``:
    counts would be wrong, so none are given (``note`` says why; a warning)."""

    passed_over: tuple[str, ...] = ()
    """Commits and versions the counts leave out, each named (German). They are facts of
    the history that no later commit can change, so they must not stop a strict build."""


class _OutOfTime(Exception):
    """The history's budget is spent."""


class _Git:
    """git in the project folder, every call within one deadline."""

    def __init__(self, root: Path, seconds: float):
        self.root = root
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        seconds = self.deadline - time.monotonic()
        if seconds <= 0:
            raise _OutOfTime
        return seconds

    def run(self, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", "-C", str(self.root), *args], input=data, capture_output=True, check=False, timeout=self.left()
            )
        except subprocess.TimeoutExpired:
            raise _OutOfTime from None

    def blobs(self, objects: list[tuple[str, int]]) -> Iterator[bytes]:
        """The bytes of each ``(object id, size)``, one at a time, as ``git cat-file --batch`` streams them.

        The sizes were asked first (``--batch-check``): nothing larger than the caller
        allows is requested, and no more than one version is held at a time.
        """
        if not objects:
            return
        process = subprocess.Popen(
            ["git", "-C", str(self.root), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdin is not None and process.stdout is not None
        request = "".join(f"{oid}\n" for oid, _ in objects).encode("ascii")
        writer = threading.Thread(target=_feed, args=(process.stdin, request), daemon=True)
        watchdog = threading.Timer(self.left(), process.kill)
        writer.start()
        watchdog.start()
        try:
            for _, size in objects:
                header = process.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob" or header[2] != str(size).encode("ascii"):
                    raise _OutOfTime  # killed by the watchdog (git answers every request otherwise)
                data = process.stdout.read(size + 1)
                if len(data) != size + 1:
                    raise _OutOfTime
                yield data[:size]
        finally:
            watchdog.cancel()
            process.kill()
            process.wait()
            writer.join()


def _feed(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except (BrokenPipeError, ValueError):  # git was stopped: the reader reports it
        pass


def read_history(config: SiteConfig, site: Site) -> History:
    try:
        return _read_history(config, site, _Git(config.root, HISTORY_SECONDS))
    except OSError:
        return History(note="git ist nicht installiert: Kalender-Versionen (SEQUENCE) bleiben 0")
    except _OutOfTime:
        return History(
            note=f"Die Versionsgeschichte ließ sich nicht in {HISTORY_SECONDS:g} s lesen: Kalender-Versionen "
            "(SEQUENCE) bleiben 0, und Änderungen erreichen manche Kalender nicht.",
            incomplete=True,
        )


def _read_history(config: SiteConfig, site: Site, git: _Git) -> History:
    unusable = _unusable_repository(git)
    if unusable is not None:
        return unusable
    head = git.run("log", "-1", "--format=%H %ct")
    if head.returncode != 0:
        return History(note="noch kein Commit: Kalender-Versionen (SEQUENCE) bleiben 0")
    head_commit, head_stamp = head.stdout.decode("utf-8", "replace").strip().partition(" ")[::2]
    head_seconds = _commit_seconds(head_stamp)
    bad_times = {head_commit: head_stamp} if head_seconds is None else {}
    folder = f"{config.content_dir}/events"
    log = git.run("log", "--relative", "--no-renames", "--format=%x00%H %ct", "--name-only", "--", folder)
    touches, bad_log_times = _touches(log.stdout.decode("utf-8", "replace"))
    bad_times |= bad_log_times
    sizes = _sizes(git, [(touch.commit, touch.path) for touch in touches])
    limit = config.max_file_bytes
    too_large = [
        (touch.commit, touch.path) for touch, found in zip(touches, sizes, strict=True) if found and found[1] > limit
    ]
    readings = _read_versions(git, touches, sizes, config)
    timeline = _timeline(touches, sizes, readings)
    revisions: dict[str, Revision] = {}
    for event in site.events:
        revision = _revision(event, timeline.get(event.uid, []), head_seconds, config)
        if revision is not None:
            revisions[event.uid] = revision
    return History(revisions, passed_over=_passed_over(bad_times, too_large, config.max_file_bytes))


def _unusable_repository(git: _Git) -> History | None:
    """Why the project's history cannot give counts (no repository, a shallow clone), or ``None``."""
    inside = git.run("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        return History(note="kein git-Repository: Kalender-Versionen (SEQUENCE) bleiben 0")
    if git.run("rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
        return History(
            note="Die Versionsgeschichte ist unvollständig (flacher Klon): Kalender-Versionen (SEQUENCE) bleiben 0 "
            "und Änderungen erreichen manche Kalender nicht. Beim Auschecken fetch-depth: 0 setzen.",
            incomplete=True,
        )
    return None


class _Touch(NamedTuple):
    """A commit that touched an event file."""

    commit: str
    seconds: int
    path: str


def _touches(log: str) -> tuple[list[_Touch], dict[str, str]]:
    """The event files each commit of ``log`` touched, newest first; and the commits whose
    time is out of range (commit -> its stamp), which are passed over."""
    touches: list[_Touch] = []
    bad_times: dict[str, str] = {}
    for record in log.split("\x00")[1:]:
        header, *paths = record.strip("\n").split("\n")
        commit, _, stamp = header.partition(" ")
        seconds = _commit_seconds(stamp)
        if seconds is None:
            bad_times[commit] = stamp
            continue
        touches += [_Touch(commit, seconds, p) for p in paths if p.endswith(".md")]
    return touches, bad_times


def _read_versions(
    git: _Git, touches: list[_Touch], sizes: list[tuple[str, int] | None], config: SiteConfig
) -> dict[tuple[str, str], _Reading]:
    """Each version not larger than ``max_file_bytes``, read: (object id, path) -> reading."""
    limit = config.max_file_bytes
    paths_of: dict[str, set[str]] = defaultdict(set)
    for touch, found in zip(touches, sizes, strict=True):
        if found and found[1] <= limit:
            paths_of[found[0]].add(touch.path)
    wanted = sorted({found for found in sizes if found and found[1] <= limit})
    # Streamed: each version is read, reduced to its UID and fingerprint, and let go.
    readings: dict[tuple[str, str], _Reading] = {}
    for (oid, _), data in zip(wanted, git.blobs(wanted), strict=True):
        text = data.decode("utf-8", "replace")
        for path in paths_of[oid]:
            readings[oid, path] = _reading(text, path, config)
    return readings


def _timeline(
    touches: list[_Touch], sizes: list[tuple[str, int] | None], readings: Mapping[tuple[str, str], _Reading]
) -> dict[str, list[tuple[int, _Reading]]]:
    """Per UID, its committed versions oldest first, each with its commit time."""
    timeline: dict[str, list[tuple[int, _Reading]]] = defaultdict(list)
    for touch, found in reversed(list(zip(touches, sizes, strict=True))):
        reading = readings.get((found[0], touch.path)) if found else None
        if reading is None:
            continue  # the commit deleted the file, or the version was too large to read
        timeline[reading.uid].append((touch.seconds, reading))
    return timeline


def _revision(
    event: Event, past: list[tuple[int, _Reading]], head_seconds: int | None, config: SiteConfig
) -> Revision | None:
    """The event's count of changes (committed versions, then the working tree) and its last change."""
    root = config.root
    events = root / f"{config.content_dir}/events"
    now, _ = read_text(root / event.source, event.source, config.max_file_bytes, folder=events, root=root)
    fingerprints = [r.fingerprint for _, r in past]
    fingerprints += [_reading(now, event.source, config).fingerprint] if now is not None else []
    changes = sum(1 for before, after in pairwise(fingerprints) if before != after)
    moved = previous_starts(event, [r for _, r in past], config)
    if past:
        return Revision(changes, _utc(past[-1][0]), moved)
    if head_seconds is not None:
        return Revision(changes, _utc(head_seconds), moved)
    return None


def previous_starts(event: Event, versions: list[_Reading], config: SiteConfig) -> tuple[date | datetime, ...]:
    """The starts ``versions`` (oldest first) had before ``event``'s, each once, oldest first.

    Only for single events: a series' start is the first date of its rule, and a date of
    a series that moved is written in ``repeat.moved``, which says so itself. A version
    whose start cannot be read (it failed validation then) is passed over.
    """
    if event.repeat is not None:
        return ()
    found: list[date | datetime] = []
    for version in versions:
        if version.series or version.start is None:
            continue
        start = _start_of(version, config)
        if start is None or not _moved(start, event.start) or start in found:
            continue
        found.append(start)
    return tuple(found)


def _moved(before: date | datetime, now: date | datetime) -> bool:
    """Another day, or another instant of two timed starts; a time added to a day is no move."""
    if isinstance(before, datetime) and isinstance(now, datetime):
        return before != now
    return day_of(before) != day_of(now)


def _start_of(version: _Reading, config: SiteConfig) -> date | datetime | None:
    zone_name = version.timezone or config.timezone
    if zone_name not in known_zones():
        return None
    written = Written(version.start or "", Spot(version.path, 1, "start"))
    return read_moment(written, Role.START, ZoneInfo(zone_name)).value


def _commit_seconds(stamp: str) -> int | None:
    """A commit time (``%ct``) inside 1970–2200, or ``None``."""
    try:
        seconds = int(stamp)
    except ValueError:
        return None
    return seconds if FIRST_COMMIT_SECOND <= seconds <= LAST_COMMIT_SECOND else None


def _sizes(git: _Git, objects: list[tuple[str, str]]) -> list[tuple[str, int] | None]:
    """Object id and size of each ``(commit, path)`` (``None``: deleted in that commit), nothing read."""
    if not objects:
        return []
    request = "".join(f"{commit}:./{path}\n" for commit, path in objects).encode("utf-8")
    lines = git.run("cat-file", "--batch-check", data=request).stdout.split(b"\n")
    found: list[tuple[str, int] | None] = []
    for line in lines[: len(objects)]:
        parts = line.split(b" ")
        if len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit():
            found.append((parts[0].decode("ascii"), int(parts[2])))
        else:
            found.append(None)  # "missing": deleted in that commit (or not a file there)
    return found + [None] * (len(objects) - len(found))


def _passed_over(bad_times: Mapping[str, str], too_large: list[tuple[str, str]], limit: int) -> tuple[str, ...]:
    notes: list[str] = []
    for commit, stamp in list(bad_times.items())[:_NAMED]:
        notes.append(
            f"Commit {commit} hat eine unmögliche Zeit ({_year_text(stamp)}) und wird für die "
            "Kalender-Versionen (SEQUENCE, DTSTAMP) übergangen"
        )
    if len(bad_times) > _NAMED:
        notes.append(f"… und {len(bad_times) - _NAMED} weitere Commits mit unmöglicher Zeit")
    bound = f"{limit:,}".replace(",", ".")
    for commit, path in too_large[:_NAMED]:
        notes.append(
            f"{path} in Commit {commit} ist größer als {bound} Bytes (max_file_bytes) und wird für die "
            "Kalender-Versionen nicht gelesen"
        )
    if len(too_large) > _NAMED:
        notes.append(f"… und {len(too_large) - _NAMED} weitere zu große Fassungen")
    return tuple(notes)


def _year_text(stamp: str) -> str:
    """``Jahr 33658`` for a commit time in seconds, or the stamp as git wrote it."""
    try:
        seconds = int(stamp)
    except ValueError:
        return f"„{stamp[:40]}“"
    return f"etwa Jahr {1970 + seconds // 31_556_952}, außerhalb von 1970–{LAST_YEAR}"


@dataclass(frozen=True)
class _Reading:
    """What one version of an event file says that the history needs."""

    uid: str
    fingerprint: tuple[object, ...]
    """What subscribers would notice changing (``SIGNIFICANT``)."""

    path: str
    start: str | None
    """``start`` as written (``None``: missing or not a scalar)."""

    timezone: str | None
    series: bool


def _reading(text: str, path: str, config: SiteConfig) -> _Reading:
    """The version's UID, its fingerprint and its start as written."""
    slug = Path(path).stem
    document = parse_document(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), path, slug)
    fields = document.fields
    uid_value = fields.get("uid")
    uid = (
        uid_value.data.strip() if uid_value is not None and isinstance(uid_value.data, str) else f"{slug}@{config.host}"
    )
    fingerprint = tuple(repr(fields[name].plain()) if name in fields else None for name in SIGNIFICANT)
    return _Reading(
        uid, fingerprint, path, _scalar(fields.get("start")), _scalar(fields.get("timezone")), "repeat" in fields
    )


def _scalar(value: Value | None) -> str | None:
    """A date, a time or a name as the editor wrote it (YAML may have read a date as one)."""
    if value is None:
        return None
    data = value.plain()
    return str(data) if isinstance(data, (str, date)) and not isinstance(data, bool) else None


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


__all__ = ["History", "Revision", "read_history", "SIGNIFICANT"]
