"""The GitHub workflows: the Pages deployment builds strictly, checks the built site before
it uploads it, rebuilds daily, and holds no more permissions than publishing needs; pull
requests run the CI entry point."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def commands(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


@pytest.fixture(scope="module")
def pages():
    return load("pages.yml")


def test_pages_runs_on_push_to_main_daily_and_by_hand(pages):
    triggers = pages["on"]
    assert triggers["push"] == {"branches": ["main"]}
    [schedule] = triggers["schedule"]
    assert schedule["cron"].split()[2:] == ["*", "*", "*"], schedule  # every day
    assert "workflow_dispatch" in triggers


def test_pages_holds_only_the_permissions_publishing_needs(pages):
    assert pages["permissions"] == {"contents": "read"}
    # The build runs course code with a read-only token; only the deploy job may publish
    # (and mint an OIDC token), only the job that pushes the Colab branch writes, and
    # neither runs course code.
    elevated = {
        name: job["permissions"] for name, job in pages["jobs"].items() if "permissions" in job
    }
    assert elevated == {
        "deploy": {"pages": "write", "id-token": "write"},
        "colab": {"contents": "write"},
    }
    assert [u.split("@")[0] for u in uses(pages["jobs"]["colab"])] == ["actions/download-artifact"]
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "secrets." not in (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")


def test_pages_builds_strictly_and_checks_the_site_before_uploading_it(pages):
    build = pages["jobs"]["build"]
    runs = commands(build)
    [build_command] = [run for run in runs if run.startswith("coursekit build")]
    assert {"--strict", "--pdf"} <= set(build_command.split())
    step = next(s for s in build["steps"] if s.get("run") == build_command)
    # The site is built for the address Pages serves it at.
    assert '--site-url "$SITE_URL/"' in build_command
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    # Links to sources and the Colab branch name the repository the colab job pushes to.
    assert '--repository "$REPOSITORY"' in build_command
    assert step["env"]["REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "coursekit check --site site" in runs
    assert runs.index(build_command) < runs.index("coursekit check --site site")
    assert 'python -m pip install -e ".[course,pdf]"' in runs  # --pdf needs the [pdf] extra
    steps = build["steps"]
    pages_step = next(i for i, s in enumerate(steps) if s.get("id") == "pages")
    assert steps[pages_step]["uses"].startswith("actions/configure-pages@")
    assert pages_step < next(i for i, s in enumerate(steps) if s.get("run") == build_command)
    check = next(i for i, s in enumerate(steps) if s.get("run") == "coursekit check --site site")
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert check < upload
    assert steps[upload]["with"] == {"path": "site"}
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/"
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    node = next(s for s in steps if s.get("uses", "").startswith("actions/setup-node@"))
    assert node["with"]["cache"] == "npm"


def test_pages_prints_pdfs_with_a_chromium_the_runner_has(pages):
    steps = pages["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    chosen = next(i for i, run in enumerate(runs) if "COURSEKIT_CHROMIUM=$browser" in run)
    assert '>> "$GITHUB_ENV"' in runs[chosen] and "google-chrome" in runs[chosen]
    assert chosen < next(i for i, run in enumerate(runs) if run.startswith("coursekit build"))


def test_pages_deploys_the_uploaded_site_to_the_pages_environment(pages):
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [u.split("@")[0] for u in uses(deploy)] == ["actions/deploy-pages"]


@pytest.mark.parametrize("name", ["pages.yml", "tests.yml"])
def test_actions_are_pinned_to_a_major_version(name):
    workflow = load(name)
    for job in workflow["jobs"].values():
        for action in uses(job):
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", action), action


def test_colab_branch_receives_the_notebooks_the_build_exported(pages):
    from coursekit.schedule.load import load_course

    build, colab = pages["jobs"]["build"], pages["jobs"]["colab"]
    export = "coursekit export-notebooks site --out colab-notebooks"
    assert export in commands(build)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"] == "colab-notebooks"
    download = colab["steps"][0]
    assert download["with"]["name"] == upload["with"]["name"]
    assert colab["needs"] == "build"
    # The branch the notebook pages' Colab links name is the one the job pushes.
    branch = load_course(REPO).schedule.course.notebooks.colab_branch
    assert colab["env"]["BRANCH"] == branch
    assert "git push -q --force" in commands(colab)[0]
    assert '"HEAD:refs/heads/$BRANCH"' in commands(colab)[0]


def test_pull_requests_run_the_ci_entry_point():
    tests = load("tests.yml")
    assert "pull_request" in tests["on"]
    assert tests["permissions"] == {"contents": "read"}
    [job] = tests["jobs"].values()
    assert commands(job)[-1] == "bash .ci/run"


def test_colab_job_script_replaces_the_branch(pages, tmp_path):
    """Run the job's push script against a local bare repository standing in for GitHub."""
    import subprocess

    colab = pages["jobs"]["colab"]
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", remote], check=True)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "BRANCH": colab["env"]["BRANCH"],
        "GH_TOKEN": "token",
        "GITHUB_SHA": "abc123",
        "GITHUB_REPOSITORY": "owner/course",
        # git resolves the GitHub URL to the local repository.
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{remote}.insteadOf",
        "GIT_CONFIG_VALUE_0": "https://x-access-token:token@github.com/owner/course.git",
    }

    def branch(*args: str) -> str:
        git = ["git", "--git-dir", remote, *args]
        return subprocess.run(git, capture_output=True, text=True, check=True).stdout

    heads = []
    runs = (("first", "first"), ("second", "second"), ("daily", "second"))
    for day, (build, notebook) in enumerate(runs, start=1):
        # Each run on its own day: a new commit would have a new hash.
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"2027-01-0{day}T05:17:00Z"
        folder = tmp_path / build
        (folder / "S2027").mkdir(parents=True)
        (folder / "S2027" / f"{notebook}.ipynb").write_text("{}")
        subprocess.run(
            ["bash", "-eo", "pipefail", "-c", commands(colab)[0]], cwd=folder, env=env, check=True
        )
        heads.append(branch("rev-parse", colab["env"]["BRANCH"]))
        if build == "second":
            listed = branch("ls-tree", "-r", "--name-only", colab["env"]["BRANCH"])
            assert listed.split() == ["S2027/second.ipynb"]  # replaced, not accumulated
    # The same notebooks again (a daily rebuild of the same commit): no new commit.
    assert heads[0] != heads[1] == heads[2]


# --- Hardening, checked on every workflow -------------------------------------------------

ALL = sorted(path.name for path in WORKFLOWS.glob("*.yml"))


def steps_of(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, job, step


@pytest.mark.parametrize("name", ALL)
def test_no_expression_is_pasted_into_a_shell_script(name):
    """`${{ … }}` in `run:` is text substitution: a branch name or title with `"; curl …`
    in it would run. Values reach scripts through `env:` as ordinary variables."""
    pasted = [
        (job, step.get("name", step["run"][:40]))
        for job, _, step in steps_of(load(name))
        if "run" in step and "${{" in step["run"]
    ]
    assert pasted == []


@pytest.mark.parametrize("name", ALL)
def test_checkouts_leave_no_credentials_behind(name):
    """The token a checkout stores in .git/config would be readable by every later step,
    notebooks and pull-request code included. No job pushes from a checkout (the Colab job
    checks nothing out and passes its token to the one `git push`)."""
    checkouts = [
        (job, step)
        for job, _, step in steps_of(load(name))
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts, f"{name} checks nothing out"
    for job, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{name}: {job}"


@pytest.mark.parametrize("name", ALL)
def test_npm_installs_run_no_package_scripts(name):
    workflow = load(name)
    for job_name, job in workflow["jobs"].items():
        runs = commands(job)
        npm = [run for run in runs if re.search(r"\bnpm (ci|install|i)\b", run)]
        for run in npm:
            assert run.startswith("npm ci ") and "--ignore-scripts" in run.split(), run
        # A job that sets up node installs from the lock file itself, before anything else
        # would (the slides runtime otherwise runs npm on first use).
        if any(u.startswith("actions/setup-node@") for u in uses(job)):
            assert npm, f"{name}: {job_name} sets up node but runs no 'npm ci --ignore-scripts'"


@pytest.mark.parametrize("name", ALL)
def test_only_a_deploy_job_may_publish_pages_or_mint_oidc_tokens(name):
    workflow = load(name)
    assert not {"pages", "id-token"} & set(workflow.get("permissions", {})), name
    for job_name, job in workflow["jobs"].items():
        granted = {"pages", "id-token"} & set(job.get("permissions", {}))
        deploys = any(u.startswith("actions/deploy-pages@") for u in uses(job))
        assert not granted or deploys, f"{name}: {job_name} holds {granted} but deploys nothing"


def test_the_slides_runtime_installs_reveal_js_without_install_scripts(tmp_path, monkeypatch):
    """Builds that find no reveal.js run `npm ci` themselves: without package scripts too."""
    import json
    import subprocess

    from coursekit.slides import runtime

    (tmp_path / "package-lock.json").write_text(
        json.dumps({"packages": {"node_modules/reveal.js": {"version": "6.0.2"}}})
    )
    calls = []

    def fake_run(args, **kwargs):
        calls.append(args)
        dist = tmp_path / "node_modules" / "reveal.js" / "dist"
        dist.mkdir(parents=True)
        (dist / "reveal.js").write_text("")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(runtime, "PROJECT", tmp_path)
    monkeypatch.setattr(runtime.shutil, "which", lambda name: "/usr/bin/npm")
    monkeypatch.setattr(runtime.subprocess, "run", fake_run)
    monkeypatch.delenv("COURSEKIT_REVEAL_DIST", raising=False)
    runtime.reveal_dist.cache_clear()
    try:
        runtime.reveal_dist()
    finally:
        runtime.reveal_dist.cache_clear()
    assert calls and calls[0][1:3] == ["ci", "--ignore-scripts"], calls
