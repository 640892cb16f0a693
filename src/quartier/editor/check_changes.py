"""``quartier check-changes``: what a pull request changes for subscribers and visitors.

The content at a base revision is taken from git, both states are validated, and the
events are compared. Deleting or renaming an event that is still in the feed window
leaves subscribers with a ghost entry (their calendar keeps the old UID); changing a
``uid`` duplicates the event. Those fail; moved and cancelled events are listed, and
for a series (``repeat``) a changed rule and each added or withdrawn cancellation or
move of one of its dates, in words.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from quartier import paths
from quartier.config import SiteConfig
from quartier.content.model import Event, Series, Site
from quartier.content.schema import EventStatusChoices
from quartier.content.validation import validate_site
from quartier.content.when import AllDay
from quartier.render.wording import STATUS_WORDS
from quartier.text.german_dates import event_when, long_date
from quartier.text.german_rules import rule_text

Level = Literal["fehler", "warnung", "info"]


class CheckChangesError(Exception):
    """The comparison could not be made (no git, unknown base); German message."""


@dataclass(frozen=True, order=True)
class Change:
    level: Level
    path: str
    """The file the change concerns (the new file where there is one)."""

    message: str

    def format_text(self) -> str:
        return f"{self.level.capitalize()}: {self.path}: {self.message}"

    def format_github(self) -> str:
        command = {"fehler": "error", "warnung": "warning", "info": "notice"}[self.level]
        return f"::{command} file={self.path},line=1,title=Änderung für Abonnenten::{self.message}"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise CheckChangesError("git ist nicht installiert.") from None


def export_base(config: SiteConfig, base: str, target: Path) -> None:
    """Write the content of ``base`` (content/ and mkdocs.yml) into ``target``."""
    if _git(config.root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise CheckChangesError(f"{config.root} ist kein git-Repository; check-changes braucht die Versionsgeschichte.")
    if _git(config.root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        raise CheckChangesError(
            f"Die Basis „{base}“ gibt es in diesem Repository nicht (z. B. origin/main nach git fetch)."
        )
    prefix = _git(config.root, "rev-parse", "--show-prefix").stdout.decode().strip()
    wanted = [config.content_dir, "mkdocs.yml"]
    listed = _git(config.root, "ls-tree", "-r", "--name-only", base, "--", *[prefix + w for w in wanted])
    paths = [line for line in listed.stdout.decode().splitlines() if line]
    if not paths:
        return
    archive = _git(config.root, "archive", "--format=tar", base, "--", *paths)
    if archive.returncode != 0:
        raise CheckChangesError(f"Inhalt der Basis „{base}“ lässt sich nicht lesen: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = member.name[len(prefix) :] if member.name.startswith(prefix) else member.name
            out = target / name
            out.parent.mkdir(parents=True, exist_ok=True)
            data = tar.extractfile(member)
            if data is not None:  # a regular file always has its data
                out.write_bytes(data.read())


def compare(old: Site, new: Site, config: SiteConfig, today: date) -> list[Change]:
    window_start = today - timedelta(days=config.feed_past_days)
    redirects = dict(new.redirects)
    changes = [
        *_event_changes(old, new, redirects, window_start),
        *_added_events(old, new),
        *_removed_pages(old, new, redirects),
        *_removed_cities(old, new, redirects),
        *_removed_posts(old, new, redirects),
    ]
    return sorted(changes, key=lambda c: (_LEVEL_ORDER[c.level], c.path, c.message))


_LEVEL_ORDER: dict[Level, int] = {"fehler": 0, "warnung": 1, "info": 2}


def _event_changes(old: Site, new: Site, redirects: dict[str, str], window_start: date) -> list[Change]:
    """Each event of ``old``: gone (with or without a successor by uid) or changed in place."""
    new_by_uid = {e.uid: e for e in new.events}
    changes: list[Change] = []
    for before in old.events:
        after = new.event_by_slug.get(before.slug)
        if after is None:
            in_window = before.last_day >= window_start
            changes.append(_gone(before, new_by_uid.get(before.uid), redirects, in_window))
        else:
            changes += _changed_event(before, after)
    return changes


def _changed_event(before: Event, after: Event) -> list[Change]:
    """What changed in an event that kept its file name."""
    changes: list[Change] = []
    if after.uid != before.uid:
        changes.append(
            Change(
                "fehler",
                after.source,
                (
                    f"uid von „{before.uid}“ zu „{after.uid}“ geändert: Abonnenten "
                    "sähen die Veranstaltung doppelt. Bitte die alte uid behalten."
                ),
            )
        )
    if after.when != before.when:
        changes.append(Change("info", after.source, f"Verschoben: {_when(before)} → {_when(after)}"))
    if after.status != before.status:
        label = STATUS_WORDS[after.status].change
        changes.append(Change("info", after.source, f"{label}: „{after.title}“"))
    if before.repeat != after.repeat:
        changes += series_changes(before, after)
    return changes


def _added_events(old: Site, new: Site) -> list[Change]:
    """Events that are new by both file name and uid (a rename is reported by ``_gone``)."""
    old_uids = {e.uid for e in old.events}
    changes: list[Change] = []
    for after in new.events:
        if after.slug not in old.event_by_slug and after.uid not in old_uids:
            rule = f" ({rule_text(after)})" if after.repeat is not None else ""
            changes.append(Change("info", after.source, f"Neu: „{after.title}“ am {_when(after)}{rule}"))
    return changes


def _removed_pages(old: Site, new: Site, redirects: dict[str, str]) -> list[Change]:
    """Projects and programs that are gone without a redirect."""
    changes: list[Change] = []
    for kind, before_items, after_map in (
        ("Projekt", old.projects, new.project_by_slug),
        ("Programm", old.programs, new.program_by_slug),
    ):
        for item in before_items:
            if item.slug not in after_map and item.url_path not in redirects:
                feed = " und sein Kalender (Abonnenten erhalten keine Termine mehr)" if kind == "Programm" else ""
                changes.append(
                    Change(
                        "warnung",
                        item.source,
                        (
                            f"{kind} entfernt: /{item.url_path}{feed} ist dann nicht mehr "
                            "erreichbar (Weiterleitung in content/redirects.yml eintragen)"
                        ),
                    )
                )
    return changes


def _removed_cities(old: Site, new: Site, redirects: dict[str, str]) -> list[Change]:
    """Cities that are gone without a redirect: their page and their feed disappear."""
    changes: list[Change] = []
    for city in old.cities:
        path = paths.city_path(city.slug)
        if city.slug not in new.city_by_slug and path not in redirects:
            changes.append(
                Change(
                    "warnung",
                    "content/cities.yml",
                    (
                        f"Stadt „{city.name}“ entfernt oder umbenannt: /{path} und ihr Kalender /{path}kalender.ics "
                        "sind dann nicht mehr erreichbar; Abonnenten erhalten keine Termine mehr"
                    ),
                )
            )
    return changes


def _removed_posts(old: Site, new: Site, redirects: dict[str, str]) -> list[Change]:
    """Posts that are gone without a redirect."""
    new_posts = {p.slug for p in new.posts}
    return [
        Change(
            "warnung",
            post.source,
            (
                f"Beitrag entfernt: /{post.url_path} ist dann nicht mehr "
                "erreichbar (Weiterleitung in content/redirects.yml eintragen)"
            ),
        )
        for post in old.posts
        if post.slug not in new_posts and post.url_path not in redirects
    ]


def series_changes(before: Event, after: Event) -> list[Change]:
    """What changed in the ``repeat`` of an event, in words (all ``info``)."""
    path, title = after.source, after.title
    if before.repeat is None:
        return [Change("info", path, f"Wird zur Reihe: „{title}“, {rule_text(after)}")]
    if after.repeat is None:
        return [
            Change(
                "info",
                path,
                f"Keine Reihe mehr: „{title}“ (bisher {rule_text(before)}); es bleibt nur der Termin am {_when(after)}",
            )
        ]
    changes: list[Change] = []
    old, new = before.repeat, after.repeat
    if rule_text(before) != rule_text(after) or _rule(old) != _rule(new):
        changes.append(
            Change("info", path, f"Regel geändert: „{title}“ bisher {rule_text(before)}, jetzt {rule_text(after)}")
        )
    for day in sorted(set(new.cancelled) - set(old.cancelled)):
        changes.append(Change("info", path, f"Termin abgesagt: „{title}“ am {long_date(day)}"))
    for day in sorted(set(old.cancelled) - set(new.cancelled)):
        changes.append(
            Change("info", path, f"Absage zurückgenommen: „{title}“ findet am {long_date(day)} wieder statt")
        )
    old_moves = {m.original: m for m in old.moved}
    new_moves = {m.original: m for m in new.moved}
    for day, move in sorted(new_moves.items()):
        if old_moves.get(day) != move:
            again = "neu " if day in old_moves else ""
            changes.append(
                Change(
                    "info", path, f"Termin {again}verlegt: „{title}“ vom {long_date(day)} auf {event_when(move.when)}"
                )
            )
    for day in sorted(set(old_moves) - set(new_moves)):
        if day not in new.cancelled:
            changes.append(Change("info", path, f"Verlegung zurückgenommen: „{title}“ wieder am {long_date(day)}"))
    return changes


def _rule(series: Series) -> tuple[object, ...]:
    return (series.freq, series.interval, series.byday, series.bymonthday, series.until, series.count)


def _gone(before: Event, successor: Event | None, redirects: dict[str, str], in_window: bool) -> Change:
    if successor is not None:
        if redirects.get(before.url_path) == successor.url_path:
            return Change("info", successor.source, f"Umbenannt von {before.slug} mit gleicher uid und Weiterleitung")
        return Change(
            "fehler",
            successor.source,
            f"Umbenannt von {before.slug}: die alte Adresse /{before.url_path} braucht eine Weiterleitung "
            f"(content/redirects.yml: „{before.url_path}: {successor.url_path}“)",
        )
    if in_window:
        return Change(
            "fehler",
            before.source,
            f"Veranstaltung „{before.title}“ ({_when(before)}) gelöscht "
            "oder umbenannt, obwohl sie noch in den Kalender-Feeds steht: "
            "Abonnenten behielten einen Geister-Termin. Stattdessen "
            f"„status: {EventStatusChoices.CANCELLED.value.word}“ setzen; beim Umbenennen „uid: {before.uid}“ "
            "in die neue Datei schreiben und eine Weiterleitung eintragen.",
        )
    if before.url_path in redirects:
        return Change("info", before.source, f"Vergangene Veranstaltung „{before.title}“ entfernt, mit Weiterleitung")
    return Change(
        "warnung",
        before.source,
        f"Vergangene Veranstaltung „{before.title}“ entfernt: /{before.url_path} ist dann nicht mehr erreichbar",
    )


def _when(event: Event) -> str:
    """The time as the editor writes it in front matter (the report quotes the files)."""
    when = event.when
    if isinstance(when, AllDay):
        return when.first.isoformat() + (f" bis {when.last.isoformat()}" if when.days else "")
    text = when.start.strftime("%Y-%m-%d %H:%M")
    if when.end is None:
        return text
    return text + when.end.strftime(" – %Y-%m-%d %H:%M" if when.days else "–%H:%M")


def check_changes(config: SiteConfig, base: str, today: date) -> list[Change]:
    """All changes against ``base``; raises ``CheckChangesError`` when no comparison is possible."""
    current = validate_site(config)
    if current.site is None:
        raise CheckChangesError(
            f"Der aktuelle Stand hat {len(current.errors)} Fehler; bitte zuerst „quartier validate“ beheben."
        )
    with tempfile.TemporaryDirectory(prefix="quartier-base-") as folder:
        export_base(config, base, Path(folder))
        previous = validate_site(replace(config, root=Path(folder)))
    if previous.site is None:
        return [Change("warnung", "-", f"Die Basis „{base}“ enthält selbst Fehler; verglichen wird nicht.")]
    return compare(previous.site, current.site, config, today)
