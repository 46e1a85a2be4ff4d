"""The GitHub workflows: the Pages deployment builds strictly, checks the built site before
it uploads it, rebuilds daily, and holds no more permissions than publishing needs; pull
requests run the CI entry point."""

from __future__ import annotations

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
    assert all("permissions" not in job for job in pages["jobs"].values())
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "secrets." not in (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")


def test_pages_builds_strictly_and_checks_the_site_before_uploading_it(pages):
    build = pages["jobs"]["build"]
    runs = commands(build)
    [build_command] = [run for run in runs if run.startswith("coursekit build")]
    assert "--strict" in build_command.split()
    # The site is built for the address Pages serves it at.
    assert '--site-url "${{ steps.pages.outputs.base_url }}/"' in build_command
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


def test_pull_requests_run_the_ci_entry_point():
    tests = load("tests.yml")
    assert "pull_request" in tests["on"]
    assert tests["permissions"] == {"contents": "read"}
    [job] = tests["jobs"].values()
    assert commands(job)[-1] == "bash .ci/run"
