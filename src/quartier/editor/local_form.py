"""The form on this computer (``make cms``) works in a copy of its own, never in the editor's folder.

decap-server's Git backend checks out branches in the folder it is given and commits
everything uncommitted there into the entry being saved: a new event started with
``quartier new``, or any other unfinished file, would vanish from the editor's folder
into a form branch. So the form gets a clone, ``.formular/`` in the project (ignored by
Git), on the branch the form's configuration names (``cms_branch``), made from the
commit the editor has checked out. Its branches (``cms/…`` for drafts, and the merges
"Veröffentlichen" makes) stay there until the editor takes them over with
``git pull .formular main``. Nothing here writes to the editor's files or refs; the copy
is added to Git's list of ignored paths (``.git/info/exclude``).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

FORM_COPY = ".formular"
"""The copy's folder, in the project (listed in .gitignore)."""

_GIT_SECONDS = 120


class FormCopyError(Exception):
    """The copy cannot be made or used (a German message)."""


@dataclass(frozen=True)
class FormCopy:
    path: Path
    notes: tuple[str, ...] = ()
    """What the editor should know (German): the copy was made, or holds work not yet taken over."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False, timeout=_GIT_SECONDS
        )
    except FileNotFoundError:
        raise FormCopyError("git ist nicht installiert; das Formular auf diesem Rechner braucht es.") from None
    except subprocess.TimeoutExpired:
        raise FormCopyError(f"git {' '.join(args[:2])} hat nach {_GIT_SECONDS} s nicht geantwortet.") from None


def _must(folder: Path, *args: str) -> str:
    result = _git(folder, *args)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise FormCopyError(f"git {' '.join(args)} in {folder} schlug fehl: {detail[-1] if detail else '?'}")
    return result.stdout.strip()


def _is_ancestor(folder: Path, older: str, newer: str) -> bool:
    return _git(folder, "merge-base", "--is-ancestor", older, newer).returncode == 0


def _ignore(root: Path, relative: str) -> None:
    """The copy is no file of the editor's: Git's own list of ignored paths (in .git, not in
    the working tree) says so for projects whose .gitignore does not."""
    exclude = Path(_must(root, "rev-parse", "--path-format=absolute", "--git-path", "info/exclude"))
    line = f"/{relative}/"
    text = exclude.read_text(encoding="utf-8") if exclude.is_file() else ""
    if line not in text.splitlines():
        exclude.parent.mkdir(parents=True, exist_ok=True)
        exclude.write_text(text + ("" if not text or text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")


def prepare_form_copy(root: Path, branch: str) -> FormCopy:
    """The copy decap-server works in: made on first use, brought up to the editor's
    checked-out commit when that loses nothing of the form's, left as it is otherwise."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise FormCopyError(
            f"{root} ist kein Git-Repository. Das Formular auf diesem Rechner speichert in Git "
            "(git init, dann git add -A und git commit)."
        )
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").stdout.strip()
    if not head:
        raise FormCopyError(f"{root} hat noch keinen Commit: zuerst git add -A und git commit.")
    top = Path(_must(root, "rev-parse", "--show-toplevel"))
    copy = root / FORM_COPY
    _ignore(root, copy.relative_to(top).as_posix())
    take_over = f"git pull {FORM_COPY} {branch}"
    if not (copy / ".git").exists():
        if copy.exists() and any(copy.iterdir()):
            raise FormCopyError(f"{copy} gibt es schon, ist aber keine Arbeitskopie des Formulars: bitte umbenennen.")
        _must(root, "clone", "--quiet", "--no-checkout", str(top), str(copy))
        _must(copy, "checkout", "--quiet", "-B", branch, head)
        for key in ("user.name", "user.email"):
            # Commits are made in the copy: with the name the editor's own folder uses.
            value = _git(root, "config", key).stdout.strip()
            if value:
                _must(copy, "config", key, value)
        return FormCopy(copy, (f"Arbeitskopie des Formulars angelegt: {copy} (Zweig {branch}, Stand {head[:8]}).",))
    _must(copy, "fetch", "--quiet", "origin", "HEAD")
    if _git(copy, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}").returncode != 0:
        _must(copy, "branch", branch, head)
    _must(copy, "checkout", "--quiet", branch)
    ours = _must(copy, "rev-parse", branch)
    if ours == head:
        return FormCopy(copy)
    if _is_ancestor(copy, ours, head):
        _must(copy, "merge", "--quiet", "--ff-only", head)
        return FormCopy(copy, (f"Arbeitskopie des Formulars auf Ihren Stand {head[:8]} gebracht.",))
    if _is_ancestor(copy, head, ours):
        note = f"Im Formular Veröffentlichtes ist noch nicht in Ihrem Ordner; übernehmen mit: {take_over}"
    else:
        note = (
            f"Ihr Ordner und die Arbeitskopie des Formulars ({copy}) haben beide Neues; "
            f"das Formular arbeitet mit seinem Stand. Übernehmen mit: {take_over}"
        )
    return FormCopy(copy, (note,))
