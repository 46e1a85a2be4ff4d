"""Build hook: every wheel carries the reveal.js that package-lock.json pins, fetched from npm.

setuptools runs `build_py` whenever it builds a wheel (from this checkout, a git URL or the
sdist, which carries package.json and package-lock.json); all other packaging settings live in
pyproject.toml. An installed coursekit then needs no node, npm or checkout to build decks.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
NPM_FILES = ("package.json", "package-lock.json")


def _reveal_package():
    """src/coursekit/slides/reveal_package.py, loaded alone (coursekit's own imports need its
    dependencies, which a build environment does not have)."""
    path = HERE / "src" / "coursekit" / "slides" / "reveal_package.py"
    spec = importlib.util.spec_from_file_location("_coursekit_reveal_package", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fetch_reveal(target: Path) -> None:
    """Install the locked reveal.js into a temporary folder and copy the files decks load."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "error: building coursekit's wheel fetches reveal.js from npm, and npm is not on "
            "PATH (install Node.js with npm, e.g. apt-get install -y npm; installing the "
            "built wheel needs neither)"
        )
    package = _reveal_package()
    with tempfile.TemporaryDirectory(prefix="coursekit-reveal-") as work:
        for name in NPM_FILES:
            shutil.copy(HERE / name, Path(work) / name)
        # `ci` installs exactly the locked version and checks its integrity hash; no package
        # code runs.
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=work,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(
                f"error: 'npm ci' could not fetch reveal.js (exit {done.returncode}, npm's "
                "output above); a wheel without it could not build decks"
            )
        source = Path(work) / "node_modules" / "reveal.js"
        if target.exists():
            shutil.rmtree(target)
        for name in package.shipped_files():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / name, target / name)


class BuildPyWithReveal(build_py):
    """`build_py` that also puts reveal.js into the built package (not into the sources)."""

    def run(self) -> None:
        super().run()
        # An editable install runs from the checkout, whose node_modules/ runtime.py uses.
        if not self.editable_mode:
            folder = _reveal_package().PACKAGED_FOLDER
            fetch_reveal(Path(self.build_lib) / "coursekit" / "slides" / folder)


setup(cmdclass={"build_py": BuildPyWithReveal})
