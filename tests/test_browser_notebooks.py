"""Notebooks that run in the student's browser (issue 16, part 1): each notebook page links
the offering's JupyterLite site, which runs the notebook's cells with Pyodide served from
this machine (`pyodide: local`), with no request leaving it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.lite.imports import missing_modules, notebook_imports, provided_modules
from coursekit.lite.pyodide import pyodide_core, read_lock
from coursekit.lite.site import user_cache

LACKING = "# %%\nimport tensorflow as tf\nfrom sklearn import tree\nimport json, os.path\n"


def _enable(course: Path, pyodide: str = "local") -> None:
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "browser: {enabled: false}", f"browser: {{enabled: true, pyodide: {pyodide}}}"
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def browser_site(tmp_path_factory):
    from coursekit.cli import main
    from coursekit.layout import copy_course

    course = copy_course(
        Path(__file__).parent / "courses/materials", tmp_path_factory.mktemp("lite")
    )
    _enable(course)
    assert main(["build", "--root", str(course), "--strict"]) == 0
    return course / "site"


def test_a_notebook_runs_in_the_browser_with_nothing_from_the_network(
    browser_site, serve_site, browser
):
    base = serve_site(browser_site)
    page = browser.new_page()
    leaving: list[str] = []

    def only_here(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            leaving.append(route.request.url)
            route.abort()

    notebook_page = browser.new_page()
    notebook_page.goto(f"{base}S2026/recitations/arrays/")
    button = notebook_page.get_by_role("link", name="Run in your browser")
    lite = button.evaluate("a => a.href")
    notebook_page.close()
    page.route("**/*", only_here)
    page.goto(lite)
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    cell = page.locator(".jp-CodeCell").first
    cell.click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector(".jp-OutputArea-output:has-text('42')", timeout=120_000)
    assert leaving == []
    page.close()


def test_the_lite_site_holds_the_notebook_with_its_files(browser_site):
    lite = browser_site / "S2026/lite"
    assert (lite / "files/recitations/arrays.ipynb").is_file()
    assert (lite / "files/recitations/img/sum.svg").is_file()  # beside the notebook
    assert (lite / "static/pyodide/pyodide.mjs").is_file()  # the local copy
    assert not list(lite.rglob("*.map"))  # no source maps: a third of the size


def test_a_notebook_importing_what_pyodide_lacks_says_so_instead(make_course, run):
    course = make_course("materials")
    _enable(course, "cdn")
    notebook = course / "recitations/arrays.py"
    notebook.write_text(notebook.read_text() + LACKING, encoding="utf-8")
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace("execute: auto", "execute: 'off'"), encoding="utf-8"
    )
    result = run("build", "--root", str(course))
    assert result.code == 0, result
    html = (course / "site/S2026/recitations/arrays/index.html").read_text()
    assert "Run in your browser" not in html
    note = re.search(r'<p class="ck-notebook-browser-note">([^<]*)</p>', html)
    assert note and note.group(1) == "Cannot run in your browser: Pyodide cannot import tensorflow."


def test_imports_are_read_from_code_cells_and_checked_against_pyodide():
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("%pip install x\nimport numpy as np\nfrom .local import y"),
            nbformat.v4.new_code_cell("import tensorflow.keras\nfrom sklearn.tree import T"),
            nbformat.v4.new_code_cell("this is not python"),
        ]
    )
    imports = notebook_imports(notebook)
    assert imports == ["numpy", "tensorflow", "sklearn"]
    lock = read_lock(pyodide_core(user_cache()))
    assert missing_modules(imports, provided_modules(lock)) == ["tensorflow"]
    # A local copy holds only pure-Python packages: NumPy is built for WebAssembly.
    assert "numpy" in missing_modules(imports, provided_modules(lock, ["micropip"]))
