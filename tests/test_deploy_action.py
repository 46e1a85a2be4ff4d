"""The reusable deploy (action.yml): its script, scripts/deploy-site.sh, run phase by phase as
the action's steps run it, against a small course. GitHub's own actions are stood in for by
what they hand the script: the Pages address in SITE_URL, step outputs read from
GITHUB_OUTPUT, variables for later steps from GITHUB_ENV."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, TESTS

SCRIPT = REPO / "scripts" / "deploy-site.sh"
BASH = shutil.which("bash") or "/bin/bash"  # tests narrow PATH to stand-ins
SITE_URL = "https://owner.github.io/course"  # configure-pages' base_url has no slash


def make_course(workspace: Path) -> Path:
    """A small course with a deck and a notebook, as a course repository's checkout holds it.
    (One function, so it can become `coursekit init` when that lands.)"""
    course = workspace / "course"
    shutil.copytree(TESTS / "courses" / "materials", course)
    return course


class Runner:
    """Runs the script's phases in one workspace as a job's steps run: each in a new
    process, with what earlier phases wrote to GITHUB_ENV in its environment."""

    def __init__(self, workspace: Path, **env: str):
        self.workspace = workspace
        self.outputs_file = workspace / "github_output"
        self.env_file = workspace / "github_env"
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", str(workspace)),
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
            "NO_MKDOCS_2_WARNING": "1",
            "GITHUB_OUTPUT": str(self.outputs_file),
            "GITHUB_ENV": str(self.env_file),
            "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "owner/course",
            "RUNNER_OS": "Linux",
            "COURSE_DIR": "course",
            **env,
        }

    def __call__(self, phase: str, **env: str) -> subprocess.CompletedProcess:
        self.outputs_file.write_text("")
        exported = dict(line.split("=", 1) for line in self._lines(self.env_file) if "=" in line)
        return subprocess.run(
            [BASH, str(SCRIPT), phase],
            cwd=self.workspace,
            env={**self.env, **exported, **env},
            capture_output=True,
            text=True,
        )

    @property
    def outputs(self) -> dict[str, str]:
        return dict(line.split("=", 1) for line in self._lines(self.outputs_file))

    @staticmethod
    def _lines(path: Path) -> list[str]:
        return path.read_text().splitlines() if path.exists() else []


def shown(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def test_the_action_builds_checks_and_caches_a_course(tmp_path, chromium):
    course = make_course(tmp_path)
    step = Runner(tmp_path, COURSEKIT_CHROMIUM=str(chromium))

    prepared = step("prepare")
    assert prepared.returncode == 0, shown(prepared)
    keys = step.outputs
    assert keys["cache-path"] == str(course / ".cache")
    python = "py{}.{}".format(*sys.version_info[:2])  # the notebooks' environment is for it
    assert keys["cache-restore-key"] == f"coursekit-cache-Linux-{python}-"
    assert keys["cache-key"].startswith(keys["cache-restore-key"])

    found = step("chromium")
    assert found.returncode == 0, shown(found)
    assert step.env_file.read_text() == f"COURSEKIT_CHROMIUM={chromium}\n"

    built = step("build", SITE_URL=SITE_URL)
    assert built.returncode == 0, shown(built)
    assert step.outputs == {"site-path": str(course / "site")}
    # Built strictly with PDFs for the Pages address, then gated by the site check.
    assert (
        f"coursekit build --strict --pdf --site-url {SITE_URL}/ "
        "--repository https://github.com/owner/course" in built.stdout
    )
    assert "site/ is ready to deploy" in built.stdout, shown(built)
    site = course / "site" / "S2026"
    home = (site / "index.html").read_text()
    assert f'<link rel="canonical" href="{SITE_URL}/S2026/">' in home
    assert (site / "slides" / "01_intro" / "intro" / "intro.pdf").read_bytes()[:5] == b"%PDF-"
    notebook = (site / "recitations" / "arrays" / "index.html").read_text()
    assert "https://github.com/owner/course/blob/main/recitations/arrays.py" in notebook

    # What the action caches for the next run: the executed notebook and the printed PDF.
    cache = Path(keys["cache-path"])
    assert [p.suffix for p in (cache / "notebooks").glob("*.ipynb")] == [".ipynb"]
    assert [p.suffix for p in (cache / "pdf").glob("*.pdf")] == [".pdf"]


def test_the_action_deploys_a_course_made_by_coursekit_init(tmp_path, chromium):
    """What a new instructor runs: `coursekit init`, push, and the action publishes it."""
    from coursekit.cli import main

    course = tmp_path / "course"
    assert (
        main(
            [
                "init",
                str(course),
                "--title",
                "Data & Society",
                "--start",
                "2027-01-19",
                "--end",
                "2027-05-07",
                "--id",
                "S27",
            ]
        )
        == 0
    )
    step = Runner(tmp_path, COURSEKIT_CHROMIUM=str(chromium))
    for phase in ("prepare", "chromium"):
        assert step(phase).returncode == 0
    built = step("build", SITE_URL=SITE_URL)
    assert built.returncode == 0, shown(built)
    assert "site/ is ready to deploy" in built.stdout, shown(built)
    site = course / "site" / "S27"
    assert "Data &amp; Society" in (site / "index.html").read_text()
    [pdf] = (site / "slides").rglob("*.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_the_cache_key_follows_the_course_sources(tmp_path):
    course = make_course(tmp_path)
    step = Runner(tmp_path, PDF="false")

    def key() -> str:
        result = step("prepare")
        assert result.returncode == 0, shown(result)
        return step.outputs["cache-key"]

    first = key()
    # What builds write is no source: a restored cache or an old site keeps the key.
    for written in (".cache/pdf/old.pdf", "site/index.html", ".coursekit/lock"):
        (course / written).parent.mkdir(parents=True, exist_ok=True)
        (course / written).write_text("x")
    assert key() == first
    (course / "recitations" / "arrays.py").write_text("print(1)\n")
    assert key() != first
    changed = key()
    (course / "requirements.txt").write_text("numpy\n")
    assert key() != changed


def test_the_script_runs_the_whole_gate_by_hand(tmp_path):
    """Without a phase, as the docs suggest before a push: inputs, Chromium, build, check."""
    course = make_course(tmp_path)
    step = Runner(tmp_path, PDF="false")
    result = step("all")
    assert result.returncode == 0, shown(result)
    assert "site/ is ready to deploy" in result.stdout
    assert step.outputs["site-path"] == str(course / "site")


def test_a_broken_schedule_fails_the_deploy_loudly(tmp_path):
    course = make_course(tmp_path)
    schedule = course / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("2026-01-16", "2026-02-30"))
    step = Runner(tmp_path, PDF="false")

    result = step("build", SITE_URL=SITE_URL)

    assert result.returncode == 1, shown(result)
    # coursekit's message names the line; the script's is shown on the run's summary page.
    problem = "schedule.yaml:15:15: offerings.S2026.sessions[1].date: '2026-02-30' is not a date"
    assert f"Error: {problem}" in result.stderr, shown(result)
    assert (
        "::error title=coursekit deploy::coursekit build failed (exit 1): nothing is published"
        in result.stdout
    )
    assert step.outputs == {}  # no site-path: the upload step has nothing to upload
    assert not (course / "site").exists()


def test_a_site_that_fails_its_check_is_not_published(tmp_path):
    """The gate after the build: `coursekit check --site` must pass too. A stand-in
    coursekit builds a site whose check fails."""
    make_course(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "coursekit"
    fake.write_text(
        '#!/bin/sh\nif [ "$1" = check ]; then echo "Error: a.html: broken" >&2; exit 1; fi\n'
    )
    fake.chmod(0o755)
    step = Runner(tmp_path, PDF="false", PATH=f"{bin_dir}:{os.environ['PATH']}")

    result = step("build")

    assert result.returncode == 1, shown(result)
    assert "broken links or images: nothing is published" in result.stdout
    assert step.outputs == {}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PDF": "yes"}, "pdf: 'yes' is not true or false (set the input to true or false)"),
        ({"STRICT": "False"}, "strict: 'False' is not true or false"),
        (
            {"COURSE_DIR": "docs"},
            "working-directory: 'docs' holds no schedule.yaml (name the course folder)",
        ),
    ],
)
def test_bad_inputs_are_named(tmp_path, env, message):
    make_course(tmp_path)
    (tmp_path / "docs").mkdir()
    result = Runner(tmp_path)("prepare", **env)
    assert result.returncode == 1, shown(result)
    assert f"Error: {message}" in result.stderr, shown(result)


def test_an_input_cannot_issue_workflow_commands(tmp_path):
    """GitHub reads `::command::` lines from a step's output: a value the error message
    repeats is escaped, so it stays text."""
    result = Runner(tmp_path)("prepare", COURSE_DIR="x%\n::add-mask::secret")
    assert result.returncode == 1, shown(result)
    lines = (result.stdout + result.stderr).splitlines()
    assert [line for line in lines if line.startswith("::")] == [
        "::error title=coursekit deploy::working-directory: 'x%25%0A::add-mask::secret' holds"
        " no schedule.yaml (name the course folder)"
    ]


@pytest.fixture
def fake_bin(tmp_path) -> Path:
    """A folder of stand-ins that log their arguments, for PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("python", "coursekit", "google-chrome"):
        stub = folder / name
        stub.write_text(f'#!/bin/sh\necho "{name} $*" >> "{tmp_path}/calls"\n')
        stub.chmod(0o755)
    return folder


def calls(tmp_path: Path) -> list[str]:
    return (tmp_path / "calls").read_text().splitlines()


@pytest.mark.parametrize(
    ("requirement", "pdf", "installs"),
    [
        # Default: the action's own source, at the ref the caller named in `uses:`.
        ("", "true", [str(REPO), "coursekit[pdf]"]),
        ("coursekit==0.2.0", "false", ["coursekit==0.2.0"]),
    ],
)
def test_install_puts_the_pinned_coursekit_into_the_python_set_up(
    tmp_path, fake_bin, requirement, pdf, installs
):
    step = Runner(tmp_path, PATH=str(fake_bin), COURSEKIT_REQUIREMENT=requirement, PDF=pdf)
    result = step("install")
    assert result.returncode == 0, shown(result)
    pip = "python -m pip install --disable-pip-version-check"
    assert calls(tmp_path) == [*(f"{pip} {r}" for r in installs), "coursekit --version"]


def test_install_without_a_requirement_says_what_to_give(tmp_path, fake_bin):
    step = Runner(tmp_path, PATH=str(fake_bin), GITHUB_ACTION_PATH="")
    result = step("install")
    assert result.returncode == 1
    assert "Error: coursekit: no requirement given (e.g. coursekit==0.2.0" in result.stderr


def test_chromium_is_the_one_the_runner_ships(tmp_path, fake_bin):
    """GitHub's Ubuntu runners have Google Chrome on PATH; later steps get it to print."""
    step = Runner(tmp_path, PATH=str(fake_bin))
    result = step("chromium")
    assert result.returncode == 0, shown(result)
    assert step.env_file.read_text() == f"COURSEKIT_CHROMIUM={fake_bin / 'google-chrome'}\n"
    step.env_file.unlink()
    assert step("chromium", PDF="false").returncode == 0
    assert not step.env_file.exists()  # no PDFs, no browser


# --- The action's steps call the script as tested above ------------------------------------


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_each_step_runs_one_phase_with_its_inputs_from_the_environment(action):
    steps = action["runs"]["steps"]
    runs = [s for s in steps if "run" in s]
    phases = [s["run"].split()[-1] for s in runs]
    assert phases == ["prepare", "install", "chromium", "build"]
    for step in runs:
        assert step["run"].startswith('bash "$GITHUB_ACTION_PATH/scripts/deploy-site.sh" ')
        assert step["shell"] == "bash"
    inputs = {s["run"].split()[-1]: s.get("env", {}) for s in runs}
    assert inputs["build"]["COURSE_DIR"] == "${{ inputs.working-directory }}"
    assert inputs["build"]["SITE_URL"] == "${{ inputs.site-url || steps.pages.outputs.base_url }}"
    assert inputs["install"]["COURSEKIT_REQUIREMENT"] == "${{ inputs.coursekit }}"


def test_steps_pass_on_what_the_script_reports(action):
    steps = action["runs"]["steps"]
    by_use = {s["uses"].split("@")[0]: i for i, s in enumerate(steps) if "uses" in s}
    index = {s.get("id"): i for i, s in enumerate(steps)}
    caches = [s["with"] for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert caches[1] == {
        "path": "${{ steps.keys.outputs.cache-path }}",
        "key": "${{ steps.keys.outputs.cache-key }}",
        "restore-keys": "${{ steps.keys.outputs.cache-restore-key }}",
    }
    assert caches[0]["key"] == "${{ steps.keys.outputs.pip-key }}"
    # The Pages address is asked for before the build and only when not given.
    assert steps[index["pages"]]["if"] == "inputs.site-url == ''"
    assert index["pages"] < index["build"] < by_use["actions/upload-pages-artifact"]
    upload = steps[by_use["actions/upload-pages-artifact"]]
    assert upload["with"] == {"path": "${{ steps.build.outputs.site-path }}"}


def test_the_documented_inputs_are_the_ones_the_action_has(action):
    assert set(action["inputs"]) == {
        "coursekit",
        "python-version",
        "working-directory",
        "pdf",
        "strict",
        "site-url",
    }
    defaults = {name: spec["default"] for name, spec in action["inputs"].items()}
    assert defaults["pdf"] == defaults["strict"] == "true"
    assert defaults["python-version"] == "3.11" and defaults["working-directory"] == "."
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in action["inputs"]:
        assert f"| `{name}` |" in readme, name
