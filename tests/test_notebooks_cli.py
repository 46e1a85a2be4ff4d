"""`coursekit notebook`: standalone pages, exit codes and the messages users read."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

FIXTURES = Path(__file__).parent / "notebooks"


def test_renders_standalone_pages_without_executing(run, notebooks, tmp_path):
    out = tmp_path / "out"
    result = run("notebook", notebooks / "basic.ipynb", notebooks / "percent.py", "--out", out)
    assert result.code == 0, result
    assert result.out.splitlines() == [
        f"wrote {out / 'basic.html'}",
        f"wrote {out / 'percent.html'}",
    ]
    page = BeautifulSoup((out / "basic.html").read_text(), "html.parser")
    assert page.title.get_text() == "Basic notebook"
    assert ".highlight .nb" in page.style.get_text()  # Pygments colours are inline
    assert ".ck-notebook" in page.style.get_text()
    assert page.select_one(".ck-image img")["src"].startswith("data:image/png;base64,")
    assert not page.select("link[rel=stylesheet], script[src]")  # readable on its own
    unexecuted = BeautifulSoup((out / "percent.html").read_text(), "html.parser")
    assert unexecuted.select(".ck-outputs") == []


@pytest.mark.kernel
def test_execute_failure_exits_1_and_names_cell_and_line(run, notebooks, tmp_path):
    result = run("notebook", notebooks / "failing.ipynb", "--out", tmp_path / "out", "--execute")
    assert result.code == 1, result
    assert result.err == (
        f"Error: {notebooks / 'failing.ipynb'}: cell 3, line 2: ZeroDivisionError: division by "
        "zero in `ratio = numerator / denominator` (fix the cell, or tag it raises-exception if "
        "the error is intended (metadata.execution.allow_errors: true allows every cell))\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.kernel
def test_execute_with_cache_dir_reuses_outputs(run, notebooks, tmp_path):
    args = ["notebook", notebooks / "unrun.ipynb", "--out", tmp_path / "out", "--execute"]
    args += ["--cache-dir", tmp_path / "cache"]
    first = run(*args)
    assert first.code == 0, first
    assert "(executed in" in first.out
    second = run(*args)
    assert second.code == 0, second
    assert second.out == f"wrote {tmp_path / 'out' / 'unrun.html'} (from cache)\n"
    page = BeautifulSoup((tmp_path / "out" / "unrun.html").read_text(), "html.parser")
    assert page.select_one(".ck-stdout").get_text() == "answer is 42"


def test_two_notebooks_with_one_stem_are_refused(run, notebooks, tmp_path):
    (notebooks / "basic.py").write_text("# %%\nx = 1\n")
    result = run(
        "notebook", notebooks / "basic.ipynb", notebooks / "basic.py", "--out", tmp_path / "o"
    )
    assert result.code == 1, result
    assert "would both write" in result.err
    assert "different --out folders" in result.err


def test_missing_notebook_is_a_usage_error(run, tmp_path):
    result = run("notebook", tmp_path / "nope.ipynb", "--out", tmp_path / "out")
    assert result.code == 2, result
    assert "does not exist" in result.err


def test_standalone_pages_embed_images_from_beside_the_notebook(run, make_course, tmp_path):
    course = make_course("materials")
    result = run("notebook", course / "recitations" / "arrays.py", "--out", tmp_path / "out")
    assert result.code == 0, result
    page = BeautifulSoup((tmp_path / "out" / "arrays.html").read_text(), "html.parser")
    image = page.select_one("img[alt='The sum we compute']")
    assert image["src"].startswith("data:image/svg+xml;base64,")
