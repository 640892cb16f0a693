"""The form's own clone on this computer (``quartier cms --local-copy``, what ``make cms`` runs)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from quartier.editor.local_form import FORM_COPY, FormCopyError, prepare_form_copy
from quartier.frontends.cli import main

GIT = ["git", "-c", "user.name=Redaktion", "-c", "user.email=redaktion@example.org", "-c", "init.defaultBranch=main"]


def git(folder: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()


def commit(folder: Path, name: str, text: str) -> str:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", name)
    git(folder, "commit", "-q", "-m", name)
    return git(folder, "rev-parse", "HEAD")


@pytest.fixture
def editor(tmp_path: Path) -> Path:
    folder = tmp_path / "projekt"
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "Erika Redakteurin")
    git(folder, "config", "user.email", "erika@example.org")
    commit(folder, "content/events/a.md", "a\n")
    return folder


def test_the_copy_is_a_clone_of_the_editors_commit_and_leaves_the_folder_alone(editor: Path):
    (editor / "content/events/entwurf.md").write_text("noch nicht committet\n", encoding="utf-8")
    status = git(editor, "status", "--porcelain")
    made = prepare_form_copy(editor, "main")
    assert made.path == editor / FORM_COPY and "angelegt" in made.notes[0]
    assert git(made.path, "rev-parse", "main") == git(editor, "rev-parse", "HEAD")
    assert git(made.path, "branch", "--show-current") == "main"
    assert not (made.path / "content/events/entwurf.md").exists()
    assert git(editor, "status", "--porcelain") == status  # the copy is ignored, the draft still there
    # Commits in the copy carry the editor's name, as their own would.
    local = subprocess.run(["git", "config", "--local", "user.email"], cwd=made.path, capture_output=True, text=True)
    assert local.stdout.strip() == "erika@example.org"


def test_the_copy_follows_the_editors_new_commits(editor: Path):
    prepare_form_copy(editor, "main")
    newer = commit(editor, "content/events/b.md", "b\n")
    again = prepare_form_copy(editor, "main")
    assert git(again.path, "rev-parse", "main") == newer and "auf Ihren Stand" in again.notes[0]
    assert prepare_form_copy(editor, "main").notes == ()


def test_what_the_form_published_is_kept_and_the_editor_is_told_how_to_take_it_over(editor: Path):
    copy = prepare_form_copy(editor, "main").path
    published = commit(copy, "content/events/aus-dem-formular.md", "f\n")
    kept = prepare_form_copy(editor, "main")
    assert git(copy, "rev-parse", "main") == published
    assert kept.notes == (
        "Im Formular Veröffentlichtes ist noch nicht in Ihrem Ordner; übernehmen mit: git pull .formular main",
    )
    commit(editor, "content/events/c.md", "c\n")
    both = prepare_form_copy(editor, "main")
    assert git(copy, "rev-parse", "main") == published and "haben beide Neues" in both.notes[0]
    git(editor, "pull", "-q", "--no-rebase", "--no-edit", FORM_COPY, "main")
    assert (editor / "content/events/aus-dem-formular.md").read_text(encoding="utf-8") == "f\n"


def test_the_form_branch_is_the_configured_one(editor: Path):
    copy = prepare_form_copy(editor, "live").path
    assert git(copy, "branch", "--show-current") == "live"


def test_without_git_or_a_commit_the_editor_is_told_in_german(tmp_path: Path, capsys):
    with pytest.raises(FormCopyError, match="kein Git-Repository"):
        prepare_form_copy(tmp_path, "main")
    git(tmp_path, "init", "-q")
    with pytest.raises(FormCopyError, match="noch keinen Commit"):
        prepare_form_copy(tmp_path, "main")
    (tmp_path / "content").mkdir()
    assert main(["--root", str(tmp_path), "cms", "--local-copy"]) == 1
    assert capsys.readouterr().err.startswith("Formular: ")


def test_the_command_prints_the_copy_for_make_cms(editor: Path, capsys):
    (editor / "content").mkdir(exist_ok=True)
    assert main(["--root", str(editor), "cms", "--local-copy"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(editor / FORM_COPY)


def test_make_cms_points_decap_server_at_the_copy_and_never_at_the_project():
    import shutil

    if shutil.which("make") is None:
        pytest.skip("make fehlt")
    root = Path(__file__).resolve().parent.parent
    recipe = subprocess.run(["make", "-n", "cms"], cwd=root, capture_output=True, text=True, check=True).stdout
    assert "quartier cms --local-copy" in recipe
    [server] = [line for line in recipe.splitlines() if "decap-server" in line]
    assert 'GIT_REPO_DIRECTORY="$copy"' in server and str(root) not in server
