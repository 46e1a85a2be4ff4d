"""Playwright is the `[pdf]` extra: without it `--pdf` stops before building, with one line
naming the install, and nothing else in coursekit imports it.

Each case runs in a subprocess whose Python cannot import playwright (as after a plain
`pip install coursekit`), so the test environment's own Playwright stays out of the way.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import coursekit

# sys.modules[name] = None is how Python marks a module as not importable.
HIDE_PLAYWRIGHT = "import sys; sys.modules['playwright'] = None\n"
NEEDS = 'Error: --pdf needs Playwright: pip install "coursekit[pdf]"\n'


def without_playwright(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", HIDE_PLAYWRIGHT + code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def coursekit_without_playwright(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return without_playwright(
        f"from coursekit.cli import main; sys.exit(main({list(args)!r}))", cwd
    )


@pytest.mark.parametrize(
    "args, written",
    [
        (["build", "--pdf", "--out", "site"], "site"),
        (["slides", "lectures", "--out", "decks", "--pdf"], "decks"),
    ],
)
def test_pdf_without_playwright_fails_at_once_naming_the_extra(make_course, args, written):
    course = make_course("materials")
    result = coursekit_without_playwright(*args, cwd=course)
    assert (result.returncode, result.stderr) == (1, NEEDS), result
    assert not (course / written).exists(), "it stopped before building"
    assert not (course / ".cache").exists(), "it stopped before building"


def test_building_without_pdf_needs_no_playwright(make_course):
    course = make_course("minimal")
    result = coursekit_without_playwright("build", "--out", "site", cwd=course)
    assert result.returncode == 0, result.stderr
    assert (course / "site" / "S2026" / "index.html").is_file()


def test_no_module_imports_playwright_when_loaded():
    """Every Playwright import sits inside the function that prints."""
    package = Path(coursekit.__file__).parent
    modules = sorted(
        "coursekit." + ".".join(path.relative_to(package).with_suffix("").parts)
        for path in package.rglob("*.py")
        if path.name != "__init__.py" and "scaffold" not in path.parts
    )
    code = f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
    result = without_playwright(code, cwd=package)
    assert result.returncode == 0, result.stderr
