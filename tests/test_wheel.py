"""The package a user installs: the wheel is built here (its build fetches reveal.js from npm),
installed into a fresh venv outside the repository, and run with no node or npm on PATH and no
COURSEKIT_REVEAL_DIST: it builds a course whose deck loads reveal.js from the site and advances
in Chromium.

Slow (a venv of coursekit's dependencies from PyPI, through pip's cache): one wheel, one venv and
one build per module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.slides.reveal_package import PACKAGED_FOLDER, shipped_files

pytestmark = pytest.mark.slow

TESTS = Path(__file__).parent
REPO = TESTS.parent
# What an sdist carries besides src/ (MANIFEST.in, setuptools' defaults).
PACKAGING = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "package.json",
    "package-lock.json",
)
NOT_SHIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
RUN_TIME_FREE_OF = {"node", "nodejs", "npm", "npx", "corepack"}


def path_without_node(folder: Path) -> str:
    """PATH as it is, but through one folder of links that leaves node and npm out."""
    folder.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.scandir(directory):
            link = folder / entry.name
            if entry.name in RUN_TIME_FREE_OF or link.exists() or link.is_symlink():
                continue
            if entry.is_file() and os.access(entry.path, os.X_OK):
                link.symlink_to(entry.path)
    return str(folder)


def run(args: list, env: dict | None = None, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [str(a) for a in args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return time.perf_counter() - started


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """The files an sdist holds, outside the repository (a build writes build/ beside them)."""
    folder = tmp_path_factory.mktemp("sdist")
    for name in PACKAGING:
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(REPO / "src", folder / "src", ignore=NOT_SHIPPED)
    return folder


@pytest.fixture(scope="module")
def wheel(source, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    seconds = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, source])
    (built,) = out.glob("coursekit-*.whl")
    print(f"wheel: built in {seconds:.0f} s, {built.stat().st_size / 1e3:.0f} kB")
    return built


@pytest.fixture(scope="module")
def user_env(tmp_path_factory) -> dict:
    """A user's shell: no node or npm, no reveal.js override, nothing of this checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "COURSEKIT_REVEAL_DIST", "VIRTUAL_ENV"}
    }
    env["PATH"] = path_without_node(tmp_path_factory.mktemp("path") / "bin")
    assert not {name for name in RUN_TIME_FREE_OF if shutil.which(name, path=env["PATH"])}
    return env


TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def venv(wheel, user_env, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", folder], env=user_env)
    python = folder / "bin" / "python"
    # Dependencies from PyPI (through pip's cache); --no-compile: the test runs each file once.
    seconds = run([python, "-m", "pip", "install", "-q", "--no-compile", wheel], env=user_env)
    print(f"wheel: installed with its dependencies in {seconds:.0f} s")
    TIMES["install"] = seconds
    return folder


@pytest.fixture(scope="module")
def site(venv, user_env, tmp_path_factory) -> Path:
    """A new instructor's first minutes: `init` in an empty folder, build, check."""
    course = tmp_path_factory.mktemp("user") / "course"
    env = {**user_env, "PATH": f"{venv / 'bin'}{os.pathsep}{user_env['PATH']}"}
    term = ["--id", "S27", "--start", "2027-01-19", "--end", "2027-05-07"]
    seconds = run(["coursekit", "init", course, *term], env=env, cwd=course.parent)
    seconds += run(["coursekit", "build", "--strict"], env=env, cwd=course)
    seconds += run(["coursekit", "check", "--site", "site"], env=env, cwd=course)
    total = TIMES.get("install", 0) + seconds
    print(f"wheel: init, build and check in {seconds:.0f} s; from pip install {total:.0f} s")
    return course / "site" / "S27"


def test_the_wheel_ships_every_package_file_and_reveal_js(source, wheel):
    package = source / "src" / "coursekit"
    expected = {
        path.relative_to(package.parent).as_posix() for path in package.rglob("*") if path.is_file()
    }
    expected |= {f"coursekit/slides/{PACKAGED_FOLDER}/{name}" for name in shipped_files()}
    names = set(zipfile.ZipFile(wheel).namelist())
    assert expected - names == set()


def test_the_installed_coursekit_runs_the_locked_reveal_js_it_carries(venv, user_env):
    code = "import coursekit.slides.runtime as r; print(r.reveal_dist(), r.reveal_version())"
    result = subprocess.run(
        [venv / "bin" / "python", "-c", code],
        env=user_env,
        cwd=venv,
        capture_output=True,
        text=True,
        check=True,
    )
    dist, version = result.stdout.split()
    assert Path(dist).is_relative_to(venv / "lib"), dist
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert version == lock["packages"]["node_modules/reveal.js"]["version"]


def test_a_deck_loads_reveal_js_from_the_site(site, venv):
    deck = site / "slides" / "01-welcome" / "welcome" / "index.html"
    page = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser")
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    reveal = [src for src in scripts if src.endswith("/reveal.js")]
    assert len(reveal) == 1, scripts
    assert "://" not in reveal[0], "loaded from the site, not a CDN"
    (packaged,) = venv.glob(f"lib/python*/site-packages/coursekit/slides/{PACKAGED_FOLDER}")
    served = (deck.parent / reveal[0]).resolve()
    assert served.read_bytes() == (packaged / "dist" / "reveal.js").read_bytes(), served


@pytest.mark.browser
def test_the_deck_advances_in_chromium(site, browser, serve_site):
    base_url = serve_site(site)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}slides/01-welcome/welcome/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.evaluate("Reveal.next()")
    assert page.evaluate("Reveal.getIndices().h") == 1
    page.close()
    assert errors == []


def test_the_init_course_s_notebook_executed_in_the_installed_tool(site):
    # recitations/index.html lists the notebooks; the notebook's page is further down.
    [page] = [
        p for p in (site / "recitations").rglob("index.html") if p.parent.name != "recitations"
    ]
    assert "mean 79.4, median 80" in page.read_text(encoding="utf-8")
    assert (site / "lite/notebooks/index.html").is_file()  # it runs in the browser too
