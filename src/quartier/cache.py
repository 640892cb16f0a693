"""The content cache: the engine's expensive per-file work, kept between builds.

Rendering a body (Markdown, sanitizer, the report of what it removed) and writing an
image or stylesheet again depend on nothing but the file's bytes and the engine. Their
results are kept in one SQLite file (``.cache/quartier/inhalt.sqlite`` by default), so
that a build after one changed event redoes that event's work and reads the rest.

The key of an entry is a SHA-256 over the kind of work, the engine's fingerprint (the
bytes of every file of this package and the versions of the libraries whose output it
keeps) and the input's bytes: a changed engine or library finds nothing it did not
write itself. The cache decides nothing about content; an entry is a value the engine
would compute again, so:

- deleting the folder is always safe (the next build computes everything);
- an entry that cannot be read back exactly (a checksum or format that does not match,
  a database that SQLite calls malformed, a locked file) counts as missing and is
  computed again: it is never trusted, and it never fails a build;
- values are JSON and plain bytes, never pickles: reading an entry runs no code.

Who can write the cache folder can write ``content/`` and ``hooks/`` too: it sits in
the project, and CI restores it only for the same branch (``actions/cache``).

Work that is not in the cache (a cold cache, a new engine) runs in a process pool when
there is enough of it to pay for the workers (``POOL_MINIMUM``), on every core but one
reserved for nothing: the build waits for the results anyway.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Generic, TypeVar

A = TypeVar("A")
R = TypeVar("R")

CACHE_VARIABLE = "QUARTIER_CACHE"
"""``QUARTIER_CACHE=aus`` builds without the cache; any other value is the folder to use."""

OFF = frozenset({"aus", "off", "0", "nein", "no", "false"})

DEFAULT_FOLDER = ".cache/quartier"
DATABASE = "inhalt.sqlite"

FORMAT = 1
"""The layout of the database and of every value in it: a new layout is a new file."""

KEEP_UNUSED_SECONDS = 14 * 24 * 3600
"""Entries no build has asked for in two weeks go (the old versions of edited files)."""

LIBRARIES = ("markdown", "nh3", "pillow", "pillow-heif", "defusedxml", "tinycss2", "pyyaml")
"""The libraries whose output the cache keeps: another version may write other bytes."""

POOL_MINIMUM = 64
"""Below this many uncached items, starting the workers costs more than they save."""


class Work(Enum):
    """What the cache keeps: one kind of work each, never mixed under one key."""

    BODY = "body"
    """A content body → sanitized HTML, headings, removals (``text.markup.render``)."""

    FILE = "file"
    """An image or stylesheet → the bytes the engine writes again, or its flaws."""

    PICTURE = "picture"
    """An image named by ``image:`` → its published sizes, or its flaws (``files.pictures``)."""


@dataclass(frozen=True)
class Stored:
    """One value as it is kept: JSON for its structure, bytes for what is binary."""

    meta: str
    data: bytes = b""


@dataclass(frozen=True)
class Codec(Generic[R]):
    """How one kind of result is kept. ``decode`` raises ``ValueError`` (or ``KeyError``,
    ``TypeError``) for anything that is not exactly what ``encode`` wrote."""

    encode: Callable[[R], Stored]
    decode: Callable[[Stored], R]
    keep: Callable[[R], bool] = lambda result: True
    """Whether a result may be kept (not one that depends on the machine's speed)."""


@cache
def engine_fingerprint() -> str:
    """What makes this engine's output what it is: its own files and its libraries' versions."""
    digest = hashlib.sha256(f"quartier-cache {FORMAT}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    return digest.hexdigest()


def entry_key(work: Work, data: bytes) -> str:
    digest = hashlib.sha256(f"{work.value}\0{engine_fingerprint()}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def _checksum(key: str, stored: Stored) -> str:
    # Over the key too: an entry copied under another key does not match.
    return hashlib.sha256(key.encode() + b"\0" + stored.meta.encode() + b"\0" + stored.data).hexdigest()


class ContentCache:
    """The open database. Every failure of SQLite makes it a cache that has nothing."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started = int(time.time())
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / ".gitignore").exists():
                # A cache committed by accident would be a second copy of every page.
                (folder / ".gitignore").write_text("*\n", encoding="utf-8")
            db = sqlite3.connect(folder / DATABASE, timeout=5, isolation_level=None)
            db.execute(
                "CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, meta TEXT NOT NULL,"
                " data BLOB NOT NULL, checksum TEXT NOT NULL, used INTEGER NOT NULL)"
            )
            self._db = db
        except (sqlite3.Error, OSError):
            self._db = None

    @property
    def usable(self) -> bool:
        return self._db is not None

    def _fail(self) -> None:
        # Malformed or locked: this build goes on without the cache (next time it may work).
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def load(self, keys: Sequence[str]) -> dict[str, Stored]:
        """The entries that exist and read back exactly; others are left out (computed again)."""
        found: dict[str, Stored] = {}
        if self._db is None or not keys:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, meta, data, checksum FROM entry WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, meta, data, checksum in rows:
                    if not (isinstance(meta, str) and isinstance(data, bytes)):
                        continue
                    stored = Stored(meta, data)
                    if checksum == _checksum(key, stored):
                        found[key] = stored
                if found:
                    self._db.execute(f"UPDATE entry SET used = ? WHERE key IN ({marks})", [self.started, *chunk])
        except sqlite3.Error:
            self._fail()
            return {}
        return found

    def save(self, entries: dict[str, Stored]) -> None:
        if self._db is None or not entries:
            return
        rows = [(k, s.meta, s.data, _checksum(k, s), self.started) for k, s in entries.items()]
        try:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error:
            self._fail()

    def prune(self) -> None:
        """Forget what no build has asked for in a while (called after a successful build)."""
        if self._db is None:
            return
        try:
            self._db.execute("DELETE FROM entry WHERE used < ?", (self.started - KEEP_UNUSED_SECONDS,))
        except sqlite3.Error:
            self._fail()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def open_cache(root: Path, environ: dict[str, str] | None = None) -> ContentCache | None:
    """The project's cache as ``QUARTIER_CACHE`` sets it: ``None`` when switched off."""
    value = (environ if environ is not None else os.environ).get(CACHE_VARIABLE, "").strip()
    if value.casefold() in OFF:
        return None
    folder = Path(value) if value else root / DEFAULT_FOLDER
    return ContentCache(folder if folder.is_absolute() else root / folder)


@contextmanager
def project_cache(root: Path) -> Iterator[ContentCache | None]:
    """The project's cache for one build, closed afterwards (``open_cache``)."""
    cache = open_cache(root)
    try:
        yield cache
    finally:
        if cache is not None:
            cache.close()


def cached_map(
    cache: ContentCache | None,
    work: Work,
    function: Callable[[A], R],
    items: Sequence[A],
    key_bytes: Callable[[A], bytes],
    codec: Codec[R],
) -> list[R]:
    """``[function(item) for item in items]``, from the cache where it has the result.

    ``function`` must be a module-level function of its argument alone (it may run in
    another process). Equal items are computed once.
    """
    keys = [entry_key(work, key_bytes(item)) for item in items]
    results: dict[str, R] = {}
    if cache is not None:
        for key, stored in cache.load(sorted(set(keys))).items():
            try:
                results[key] = codec.decode(stored)
            except (ValueError, KeyError, TypeError, IndexError):
                continue  # not what encode wrote: computed again below
    missing: dict[str, A] = {}
    for key, item in zip(keys, items, strict=True):
        if key not in results:
            missing.setdefault(key, item)
    if cache is not None:
        cache.hits += len(set(keys)) - len(missing)
        cache.misses += len(missing)
    computed = _compute(function, list(missing.values()))
    fresh = dict(zip(missing, computed, strict=True))
    results.update(fresh)
    if cache is not None:
        cache.save({key: codec.encode(result) for key, result in fresh.items() if codec.keep(result)})
    return [results[key] for key in keys]


WORKERS_VARIABLE = "QUARTIER_WORKERS"
"""``QUARTIER_WORKERS=1`` does uncached work in the build's own process (to compare, or to debug)."""


def workers(environ: dict[str, str] | None = None) -> int:
    """Processes for uncached work: ``QUARTIER_WORKERS``, or the cores this process may use."""
    value = (environ if environ is not None else os.environ).get(WORKERS_VARIABLE, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _compute(function: Callable[[A], R], items: list[A]) -> list[R]:
    count = workers()
    if len(items) < POOL_MINIMUM or count < 2 or "forkserver" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    # A fork server, not fork: `mkdocs serve` has threads, and forking a process with
    # threads can copy a lock that a thread held. The server forks from a clean process.
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported the function's module once.
    context.set_forkserver_preload([function.__module__])
    chunk = max(1, len(items) // (count * 4))
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        return list(pool.map(function, items, chunksize=chunk))


__all__ = [
    "CACHE_VARIABLE",
    "Codec",
    "ContentCache",
    "Stored",
    "Work",
    "cached_map",
    "engine_fingerprint",
    "entry_key",
    "open_cache",
    "project_cache",
    "workers",
]
