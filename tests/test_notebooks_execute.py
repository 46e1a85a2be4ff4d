"""Execute fixture notebooks with the python3 kernel: the cache, modes and failure reports."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_notebook

from coursekit.errors import BuildError
from coursekit.notebooks.build import build_notebooks

FIXTURES = Path(__file__).parent / "notebooks"


def ran(caplog) -> list[str]:
    """What the build logged as executed or taken from the cache, then forget it."""
    lines = [
        r.getMessage().split(" (")[0]
        for r in caplog.records
        if r.name == "coursekit.notebooks" and r.getMessage().startswith(("executed", "cache"))
    ]
    caplog.clear()
    return lines


def text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


@pytest.mark.kernel
def test_second_build_executes_nothing_until_code_changes(notebooks, caplog):
    caplog.set_level(logging.INFO, logger="coursekit.notebooks")
    root = notebooks.parent
    (root / "requirements.txt").write_text("numpy\n")
    options = {
        "root": root,
        "cache_dir": Path(".cache/notebooks"),
        "lock_files": [Path("requirements.txt")],
    }
    source = notebooks / "percent.py"

    first = build_notebooks([Path("notebooks/percent.py")], **options)
    assert ran(caplog) == ["executed notebooks/percent.py"]
    assert first.executed == [source]
    assert "[1, 2, 3]" in text(first.pages[0].html)
    assert (root / ".cache/notebooks/.gitignore").exists()

    again = build_notebooks([Path("notebooks/percent.py")], **options)
    assert ran(caplog) == ["cache hit notebooks/percent.py"]
    assert (again.executed, again.cache_hits) == ([], [source])
    assert again.pages[0].html == first.pages[0].html

    source.write_text(source.read_text().replace("## Summing up", "## Adding up"))
    edited = build_notebooks([Path("notebooks/percent.py")], **options)
    assert ran(caplog) == ["cache hit notebooks/percent.py"]
    page = text(edited.pages[0].html)
    assert "Adding up" in page and "Summing up" not in page
    assert "[1, 2, 3]" in page  # the cached outputs, under the new markdown

    only_cache = build_notebooks([Path("notebooks/percent.py")], **options, mode="cache")
    assert only_cache.cache_hits == [source]
    assert ran(caplog) == ["cache hit notebooks/percent.py"]

    source.write_text(source.read_text().replace("values = [3, 1, 2]", "values = [3, 1, 2, 4]"))
    changed = build_notebooks([Path("notebooks/percent.py")], **options)
    assert ran(caplog) == ["executed notebooks/percent.py"]
    assert "[1, 2, 3, 4]" in text(changed.pages[0].html)
    assert changed.pages[0].status == "executed"

    (root / "requirements.txt").write_text("numpy\npandas\n")
    with pytest.raises(BuildError) as caught:
        build_notebooks([Path("notebooks/percent.py")], **options, mode="cache")
    assert str(caught.value) == (
        "notebooks/percent.py: no cached outputs for this version of the code, data and "
        "dependencies (build once with execution mode auto or force to fill the cache)"
    )


@pytest.mark.kernel
def test_every_failure_is_reported_with_cell_line_and_exception(notebooks):
    # The error is raised inside a function of an earlier cell: the report names the line of
    # the failing cell (the call), and its line in the .py file.
    (notebooks / "broken.py").write_text(
        "# %% [markdown]\n# # Broken\n\n# %%\nimport math\n\n\n"
        "def root(x):\n    return math.sqrt(x)\n\n\n# %%\nx = 1\nroot(-x)\n"
    )
    paths = ["failing.ipynb", "timeout.ipynb", "broken.py", "unrun.ipynb"]
    with pytest.raises(BuildError) as caught:
        build_notebooks(
            [Path("notebooks") / p for p in paths], root=notebooks.parent, mode="force", jobs=4
        )
    assert [str(p) for p in caught.value.problems] == [
        "notebooks/failing.ipynb: cell 3, line 2: ZeroDivisionError: division by zero in "
        "`ratio = numerator / denominator` (fix the cell, or tag it raises-exception if the "
        "error is intended (metadata.execution.allow_errors: true allows every cell))",
        "notebooks/timeout.ipynb: cell 3: timed out after 2 s running "
        "`time.sleep(30)  # longer than the 2 s timeout` (make the cell faster, or raise "
        "metadata.execution.timeout (now 2 s))",
        "notebooks/broken.py:14: cell 3, line 2: ValueError: math domain error in "
        "`root(-x)` (fix the cell, or tag it raises-exception if the error is intended "
        "(metadata.execution.allow_errors: true allows every cell))",
    ]


@pytest.mark.kernel
def test_auto_runs_only_notebooks_without_outputs(notebooks, caplog):
    caplog.set_level(logging.INFO, logger="coursekit.notebooks")
    allowed = new_notebook(cells=[new_code_cell("1 / 0"), new_code_cell("print('still ran')")])
    allowed.metadata["execution"] = {"allow_errors": True}
    (notebooks / "allowed.ipynb").write_text(json.dumps(allowed))
    names = ["unrun.ipynb", "myst.md", "basic.ipynb", "allowed.ipynb"]
    build = build_notebooks(
        [Path("notebooks") / n for n in names], root=notebooks.parent, mode="auto", jobs=3
    )
    assert sorted(ran(caplog)) == [
        "executed notebooks/allowed.ipynb",
        "executed notebooks/myst.md",
        "executed notebooks/unrun.ipynb",
    ]
    unrun, myst, basic, errors = build.pages
    assert "answer is 42" in text(unrun.html)
    assert b"answer is 42" in unrun.executed_ipynb
    assert "[0, 1, 4, 9]" in text(myst.html)
    assert basic.status == "saved"
    html = BeautifulSoup(errors.html, "html.parser")
    assert "ZeroDivisionError" in html.select_one(".ck-error").get_text()
    assert html.select_one(".ck-stdout").get_text() == "still ran"


def test_a_kernel_that_is_not_installed_is_named_without_starting_one(notebooks):
    nb = new_notebook(cells=[new_code_cell("1")])
    nb.metadata["kernelspec"] = {"name": "julia-1.9", "language": "julia", "display_name": "J"}
    (notebooks / "julia.ipynb").write_text(json.dumps(nb))
    with pytest.raises(BuildError) as caught:
        build_notebooks([Path("notebooks/julia.ipynb")], root=notebooks.parent, mode="force")
    assert str(caught.value) == (
        "notebooks/julia.ipynb: kernel 'julia-1.9' is not installed (install the julia-1.9 "
        "kernel, or set the notebook's kernelspec to one that `jupyter kernelspec list` shows)"
    )


def test_cache_mode_needs_a_cache_folder(notebooks):
    with pytest.raises(BuildError) as caught:
        build_notebooks([Path("notebooks/unrun.ipynb")], root=notebooks.parent, mode="cache")
    assert str(caught.value) == "execution mode 'cache' needs a cache folder (pass cache_dir)"


def test_notebooks_that_must_not_run_are_published_as_they_are(notebooks, caplog):
    """A Colab lab that installs packages or asks for a login: the course excludes it by
    pattern, or the notebook says so itself; either way no kernel starts."""
    caplog.set_level(logging.INFO, logger="coursekit.notebooks")
    root = notebooks.parent
    built = build_notebooks(
        [Path("notebooks/failing.ipynb")],
        root=root,
        cache_dir=Path(".cache"),
        never_execute=["notebooks/fail*.ipynb"],
    )
    assert ran(caplog) == []
    assert built.pages[0].status == "unexecuted"

    lab = json.loads((notebooks / "failing.ipynb").read_text())
    lab["metadata"]["coursekit"] = {"execute": "off"}
    (notebooks / "lab.ipynb").write_text(json.dumps(lab))
    built = build_notebooks([Path("notebooks/lab.ipynb")], root=root, cache_dir=Path(".cache"))
    assert ran(caplog) == [] and built.pages[0].status == "unexecuted"

    lab["metadata"]["coursekit"] = {"execute": "sometimes"}
    (notebooks / "lab.ipynb").write_text(json.dumps(lab))
    with pytest.raises(BuildError) as caught:
        build_notebooks([Path("notebooks/lab.ipynb")], root=root)
    assert str(caught.value) == (
        "notebooks/lab.ipynb:1: metadata.coursekit.execute: 'sometimes' is not an execution "
        "mode (use one of auto, force, cache, off)"
    )


@pytest.mark.kernel
def test_a_notebook_can_ask_to_run_every_build(notebooks, caplog):
    caplog.set_level(logging.INFO, logger="coursekit.notebooks")
    basic = json.loads((notebooks / "basic.ipynb").read_text())  # saved outputs: auto skips it
    basic["metadata"]["mystnb"] = {"execution_mode": "force"}
    (notebooks / "basic.ipynb").write_text(json.dumps(basic))
    build_notebooks([Path("notebooks/basic.ipynb")], root=notebooks.parent)
    assert ran(caplog) == ["executed notebooks/basic.ipynb"]
    build_notebooks([Path("notebooks/basic.ipynb")], root=notebooks.parent, mode="off")
    assert ran(caplog) == []  # the course's `off` wins: e.g. a quick preview
