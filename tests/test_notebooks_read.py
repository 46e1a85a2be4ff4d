"""Reading sources: jupytext formats, pairing, per-notebook settings and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from coursekit.errors import BuildError
from coursekit.notebooks.build import build_notebooks
from coursekit.notebooks.cache import cache_key, hash_files
from coursekit.notebooks.read import Settings, read_source, resolve_source, settings

FIXTURES = Path(__file__).parent / "notebooks"


def test_text_formats_are_read_with_jupytext(notebooks):
    percent = read_source(notebooks / "percent.py")
    assert percent.format == "py:percent"
    assert [c.cell_type for c in percent.notebook.cells] == ["markdown", "code", "markdown", "code"]
    assert percent.notebook.cells[3].metadata["tags"] == ["hide-input"]
    myst = read_source(notebooks / "myst.md")
    assert myst.format == "md:myst"
    assert myst.notebook.cells[1].source.startswith("squares = ")
    assert read_source(notebooks / "basic.ipynb").format == "ipynb"


def test_file_line_points_into_text_sources(notebooks):
    percent = read_source(notebooks / "percent.py")
    lines = (notebooks / "percent.py").read_text().splitlines()
    assert lines[percent.file_line(1, 2) - 1] == "print(sorted(values))"
    assert lines[percent.file_line(3) - 1] == "sum(values)"
    assert read_source(notebooks / "basic.ipynb").file_line(1) is None


def test_paired_ipynb_reads_its_committed_text_source(notebooks):
    (notebooks / "jupytext.toml").write_text('formats = "ipynb,py:percent"\n')
    (notebooks / "percent.ipynb").write_text("not even json")  # a stale build output
    assert resolve_source(notebooks / "percent.ipynb", notebooks) == notebooks / "percent.py"
    source = read_source(notebooks / "percent.ipynb", notebooks)
    assert source.path == notebooks / "percent.py"
    # An unpaired .ipynb is read as it is.
    assert resolve_source(notebooks / "basic.ipynb", notebooks) == notebooks / "basic.ipynb"


def test_pairing_in_notebook_metadata(tmp_path):
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.metadata["jupytext"] = {"formats": "ipynb,md:myst"}
    (tmp_path / "lab.ipynb").write_text(json.dumps(nb))
    (tmp_path / "lab.md").write_text("---\njupytext:\n  formats: ipynb,md:myst\n---\n\n# Lab\n")
    assert resolve_source(tmp_path / "lab.ipynb", tmp_path) == tmp_path / "lab.md"


def test_settings_come_from_execution_or_mystnb_metadata(notebooks):
    assert settings(read_source(notebooks / "timeout.ipynb")) == Settings(timeout=2.0)
    assert settings(read_source(notebooks / "basic.ipynb"), default_timeout=30) == Settings(30)
    nb = new_notebook(metadata={"mystnb": {"execution_timeout": -1}})
    nb.metadata["execution"] = {"allow_errors": True}
    nb.metadata["coursekit"] = {"data": "data/train.csv"}
    path = notebooks / "meta.ipynb"
    path.write_text(json.dumps(nb))
    assert settings(read_source(path)) == Settings(None, True, ("data/train.csv",))


def test_bad_settings_name_the_key_and_the_fix(notebooks):
    nb = new_notebook(metadata={"execution": {"timeout": "fast", "allow_errors": "yes"}})
    (notebooks / "bad.ipynb").write_text(json.dumps(nb))
    with pytest.raises(BuildError) as caught:
        build_notebooks([Path("notebooks/bad.ipynb")], root=notebooks.parent, mode="off")
    assert [str(p) for p in caught.value.problems] == [
        "notebooks/bad.ipynb:1: metadata.execution.timeout: 'fast' is not a number of seconds "
        "(use e.g. 300, or -1 for no limit)",
        "notebooks/bad.ipynb:1: metadata.execution.allow_errors: 'yes' is not true or false "
        "(write true or false)",
    ]


def test_unreadable_and_missing_notebooks_are_all_reported(notebooks):
    (notebooks / "broken.ipynb").write_text('{"cells": [')
    with pytest.raises(BuildError) as caught:
        build_notebooks(
            [Path("notebooks/broken.ipynb"), Path("notebooks/nope.ipynb")],
            root=notebooks.parent,
            mode="off",
        )
    messages = [str(p) for p in caught.value.problems]
    assert messages[0] == (
        "notebooks/broken.ipynb:1:12: is not valid JSON: Expecting value "
        "(restore the file from git, or open and save it in Jupyter)"
    )
    assert messages[1] == "notebooks/nope.ipynb: notebook not found"


def test_a_marimo_app_is_refused_with_the_export_command(tmp_path):
    app = tmp_path / "drift.py"
    app.write_text(
        'import marimo\n\n__generated_with = "0.25.0"\napp = marimo.App(width="medium")\n\n\n'
        "@app.cell\ndef _():\n    import numpy as np\n    return (np,)\n"
    )
    with pytest.raises(BuildError) as caught:
        read_source(app, tmp_path)
    assert str(caught.value) == (
        "drift.py:1: is a marimo notebook, which coursekit cannot read (link its Jupyter export "
        "instead: marimo export ipynb drift.py -o drift.ipynb --sort=top-down)"
    )
    plain = tmp_path / "uses_marimo.py"  # merely importing marimo is fine
    plain.write_text("# %%\nimport marimo\nprint(marimo.__name__)\n")
    assert read_source(plain).format == "py:percent"


def test_missing_data_file_is_an_error_before_any_kernel_starts(notebooks):
    nb = new_notebook(cells=[new_code_cell("open('data/x.csv')")])
    nb.metadata["coursekit"] = {"data": ["data/x.csv"]}
    (notebooks / "data.ipynb").write_text(json.dumps(nb))
    with pytest.raises(BuildError) as caught:
        build_notebooks([Path("notebooks/data.ipynb")], root=notebooks.parent)
    assert str(caught.value) == (
        "notebooks/data.ipynb: metadata.coursekit.data[0]: data file 'data/x.csv' does not "
        "exist (paths are relative to the notebook's folder)"
    )


def test_cache_key_ignores_markdown_but_not_code_data_kernel_or_lock(notebooks):
    nb = read_source(notebooks / "percent.py").notebook
    base = {"kernel": "python3", "data": {"d.csv": "1"}, "lock": {"requirements.txt": "a"}}
    key = cache_key(nb, **base)
    nb.cells[0].source += "\nMore words."
    assert cache_key(nb, **base) == key
    nb.cells[1].source += "\n"
    assert cache_key(nb, **base) != key
    nb.cells[1].source = nb.cells[1].source[:-1]
    assert cache_key(nb, **{**base, "kernel": "other"}) != key
    assert cache_key(nb, **{**base, "data": {"d.csv": "2"}}) != key
    assert cache_key(nb, **{**base, "lock": {"requirements.txt": "b"}}) != key


def test_hash_files_covers_folders_and_missing_files(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("1")
    first = hash_files([tmp_path / "data", tmp_path / "gone.txt"], base=tmp_path)
    assert first["gone.txt"] is None
    (tmp_path / "data" / "a.csv").write_text("2")
    assert hash_files([tmp_path / "data"], base=tmp_path)["data"] != first["data"]


def test_cells_without_ids_are_read_quietly(tmp_path):
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    del nb.cells[0]["id"]
    (tmp_path / "old.ipynb").write_text(json.dumps(nb))
    source = read_source(tmp_path / "old.ipynb")  # filterwarnings=error: no warning either
    assert source.notebook.cells[0].id
