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
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    # Only the job that pushes the Colab branch writes, and it runs no course code.
    elevated = {name for name, job in pages["jobs"].items() if "permissions" in job}
    assert elevated == {"colab"}
    assert pages["jobs"]["colab"]["permissions"] == {"contents": "write"}
    assert [u.split("@")[0] for u in uses(pages["jobs"]["colab"])] == ["actions/download-artifact"]
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "secrets." not in (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")


def test_pages_builds_strictly_and_checks_the_site_before_uploading_it(pages):
    build = pages["jobs"]["build"]
    runs = commands(build)
    [build_command] = [run for run in runs if run.startswith("coursekit build")]
    assert {"--strict", "--pdf"} <= set(build_command.split())
    # The site is built for the address Pages serves it at.
    assert '--site-url "${{ steps.pages.outputs.base_url }}/"' in build_command
    # Links to sources and the Colab branch name the repository the colab job pushes to.
    assert '--repository "${{ github.server_url }}/${{ github.repository }}"' in build_command
    assert "coursekit check --site site" in runs
    assert runs.index(build_command) < runs.index("coursekit check --site site")
    assert 'python -m pip install -e ".[course]"' in runs
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
    for build in ("first", "second"):
        folder = tmp_path / build
        (folder / "S2027").mkdir(parents=True)
        (folder / "S2027" / f"{build}.ipynb").write_text("{}")
        subprocess.run(
            ["bash", "-eo", "pipefail", "-c", commands(colab)[0]], cwd=folder, env=env, check=True
        )
    listed = subprocess.run(
        ["git", "--git-dir", remote, "ls-tree", "-r", "--name-only", colab["env"]["BRANCH"]],
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout.split() == ["S2027/second.ipynb"]  # replaced, not accumulated
