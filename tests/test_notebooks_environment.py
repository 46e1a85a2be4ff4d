"""The course's notebook environment: a venv made from its requirements.txt on the first build,
cached by the file's hash, the kernel of every Python notebook; or coursekit's own."""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.errors import BuildError
from coursekit.notebooks import environment
from coursekit.notebooks.environment import ENV_CACHE, course_environment, ensure_environment

REPO = Path(__file__).parent.parent
CREATING = "creating the notebooks' environment from requirements.txt (first build only)…"
# A small pure-Python package coursekit does not depend on: importable only from the venv.
FOREIGN = "tomli-w"

NOTEBOOK = """\
# %% [markdown]
# # Where the kernel runs

# %%
import sys
print("prefix:", sys.prefix)

# %%
import tomli_w
print(tomli_w.dumps({"answer": 42}))
"""


def page_text(site: Path) -> str:
    html = (site / "S2026" / "recitations" / "arrays" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser").get_text()


def messages(caplog) -> list[str]:
    names = ("coursekit.notebooks", "coursekit.notice")
    found = [r.getMessage() for r in caplog.records if r.name in names]
    caplog.clear()
    return found


@pytest.mark.slow
@pytest.mark.kernel
def test_requirements_make_a_venv_once_and_notebooks_run_in_it(make_course, run, caplog):
    assert importlib.util.find_spec("tomli_w") is None, f"{FOREIGN} must not be installed here"
    course = make_course("materials")
    (course / "requirements.txt").write_text(f"# what the notebooks import\n{FOREIGN}\n")
    (course / "recitations" / "arrays.py").write_text(NOTEBOOK)
    site = course / "site"
    caplog.set_level(logging.INFO, logger="coursekit.notebooks")
    caplog.set_level(logging.INFO, logger="coursekit.notice")

    result = run("build", "--root", course, "--out", site)
    assert result.code == 0, result
    assert CREATING in messages(caplog)
    entry = course / ENV_CACHE / course_environment(course).key
    assert entry.is_symlink() and (entry / "pyvenv.cfg").is_file()
    text = page_text(site)
    assert f"prefix: {entry}" in text  # the kernel's interpreter is the cached venv's
    assert "answer = 42" in text  # a package only the course asked for

    # A new build (builds keep no pages in memory between them), a changed cell: the
    # notebook runs again, in the same venv, and pip does not.
    made = entry.resolve().stat()
    notebook = course / "recitations" / "arrays.py"
    notebook.write_text(NOTEBOOK.replace('"answer": 42', '"answer": 43'))
    result = run("build", "--root", course, "--out", site)
    assert result.code == 0, result
    logged = messages(caplog)
    assert "executed recitations/arrays.py" in " ".join(logged)
    assert not [m for m in logged if "creating" in m], logged
    again = entry.resolve().stat()
    assert (again.st_ino, again.st_mtime_ns) == (made.st_ino, made.st_mtime_ns)
    text = page_text(site)
    assert f"prefix: {entry}" in text and "answer = 43" in text


@pytest.mark.slow
def test_a_requirement_pip_cannot_install_is_named_at_its_line(make_course, run):
    course = make_course("materials")
    (course / "requirements.txt").write_text("tomli-w\ncoursekit-no-such-package-7f3a==1.0\n")
    result = run("build", "--root", course, "--out", course / "site")
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert result.err.startswith(
        "Error: requirements.txt:2: pip could not install 'coursekit-no-such-package-7f3a==1.0'"
    ), result
    assert "ERROR: No matching distribution found for coursekit-no-such-package-7f3a" in result.err
    assert "correct or remove the requirement and build again" in result.err
    # Nothing half-made is left for a later build to trust.
    assert [p.name for p in (course / ENV_CACHE).iterdir()] == [".gitignore"]


@pytest.mark.kernel
def test_environment_current_runs_in_coursekit_s_own_environment(make_course, run):
    course = make_course("materials")
    # A requirement no venv could be made from: with `current` nobody tries.
    (course / "requirements.txt").write_text("coursekit-no-such-package-7f3a==1.0\n")
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "colab_branch: notebooks,", "colab_branch: notebooks, environment: current,"
        )
    )
    notebook = course / "recitations" / "arrays.py"
    notebook.write_text(notebook.read_text().replace("print(19 + 23)", NOTEBOOK.split("\n\n")[1]))
    result = run("build", "--root", course, "--out", course / "site")
    assert result.code == 0, result
    assert f"prefix: {sys.prefix}" in page_text(course / "site")
    assert not (course / ENV_CACHE).exists()


def test_the_environment_changes_with_the_requirements_and_what_they_include(tmp_path):
    assert course_environment(tmp_path).folder is None  # no requirements: coursekit's own
    (tmp_path / "requirements.txt").write_text("-r base.txt\n")
    (tmp_path / "base.txt").write_text("tomli-w\n")
    first = course_environment(tmp_path).key
    (tmp_path / "base.txt").write_text("tomli-w==1.2.0\n")
    second = course_environment(tmp_path).key
    (tmp_path / "requirements.txt").write_text("-r base.txt\npandas\n")
    assert len({first, second, course_environment(tmp_path).key}) == 3
    assert course_environment(tmp_path, environment="current").folder is None


def test_a_requirements_file_that_names_no_package_needs_no_venv(tmp_path):
    # What `coursekit init` writes: the first build stays seconds, not a minute of pip.
    (tmp_path / "requirements.txt").write_text("# what the notebooks import\n\n")
    assert course_environment(tmp_path).folder is None
    (tmp_path / "requirements.txt").write_text("# what the notebooks import\ntomli-w\n")
    assert course_environment(tmp_path).folder is not None


FAKE_VENV = """
import sys
from pathlib import Path
from coursekit.notebooks import environment
from coursekit.cli import main

def create(env, folder):  # a "venv" whose python is this one: no pip, no network
    (folder / "bin").mkdir(parents=True)
    python = folder / "bin" / "python"
    python.write_text(f'#!/bin/sh\\nexec {sys.executable} "$@"\\n')
    python.chmod(0o755)

environment._create = create
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.kernel
def test_making_the_environment_is_announced_without_verbose(make_course):
    import subprocess

    course = make_course("materials")
    (course / "requirements.txt").write_text("tomli-w\n")
    command = [sys.executable, "-c", FAKE_VENV, "build", "--root", str(course)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert CREATING in result.stderr  # a silent minute would look like a hang
    assert "environment ready" in result.stderr


def test_a_killed_creation_leaves_nothing_a_later_build_trusts(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text("tomli-w\n")
    env = course_environment(tmp_path)

    def killed(env, folder):
        (folder / "bin").mkdir()
        (folder / "bin" / "python").write_text("half made")
        raise KeyboardInterrupt

    monkeypatch.setattr(environment, "_create", killed)
    with pytest.raises(KeyboardInterrupt):
        ensure_environment(env)
    assert sorted(p.name for p in env.folder.parent.iterdir()) == [".gitignore"]

    # A SIGKILL runs no cleanup: the folder stays, but no entry links to it.
    orphan = env.folder.parent / f"{env.key}-killed"
    (orphan / "bin").mkdir(parents=True)
    (orphan / "bin" / "python").write_text("half made")

    def made(env, folder):
        (folder / "bin").mkdir()
        (folder / "bin" / "python").write_text("complete")

    monkeypatch.setattr(environment, "_create", made)
    python = ensure_environment(env)
    assert python == env.folder / "bin" / "python" and python.read_text() == "complete"
    assert not orphan.exists()
    assert ensure_environment(env) == python  # found, not made again


def test_the_test_extra_holds_what_the_default_course_s_notebooks_import():
    """The suite builds the default course's notebooks in its own environment (copies of the
    course leave requirements.txt out), so `[test]` installs what requirements.txt lists."""
    names = [
        re.split(r"[\s<>=!~;\[]", line.strip(), maxsplit=1)[0].lower()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    test = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in extras["test"]}
    assert names and set(names) <= test, set(names) - test
    assert "course" not in extras  # the course's packages are the course's, not the tool's


def test_a_missing_module_names_the_requirements_file(tmp_path):
    (tmp_path / "requirements.txt").write_text("tomli-w\n")
    assert course_environment(tmp_path).missing_module_fix == (
        "add the package that provides it to requirements.txt"
    )
    named = tmp_path / "env" / "notebooks.txt"
    named.parent.mkdir()
    named.write_text("tomli-w\n")
    env = course_environment(tmp_path, requirements="env/notebooks.txt")
    assert env.missing_module_fix == "add the package that provides it to env/notebooks.txt"
    with pytest.raises(BuildError, match="no such file 'env/missing.txt'"):
        course_environment(tmp_path, requirements="env/missing.txt")
