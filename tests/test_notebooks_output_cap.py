"""A notebook output larger than `course.notebooks.max_output_mb` is not published whole: the
page and the .ipynb download hold a note instead (the build warning is in the corpus:
tests/bad_inputs/confine-notebook-output-over-cap*)."""

from __future__ import annotations

import nbformat

from coursekit.notebooks.outputs import Limits, cap_notebook, render_outputs

PAYLOAD = "QkFSR0U" * 3000  # 21 kB of base64


def _image() -> dict:
    return nbformat.v4.new_output("display_data", data={"image/png": PAYLOAD})


def test_an_output_over_the_cap_becomes_a_note_on_the_page():
    html = render_outputs([_image()], limits=Limits(output_bytes=10_000), markdown=str)
    assert PAYLOAD not in html
    note = "Output of 0.021 MB not published: larger than the course&#x27;s limit of 0.010 MB"
    assert note in html
    shown = render_outputs([_image()], limits=Limits(output_bytes=30_000), markdown=str)
    assert PAYLOAD in shown


def test_text_streams_and_errors_count_too():
    stream = nbformat.v4.new_output("stream", text="x" * 20_000)
    error = nbformat.v4.new_output("error", ename="E", evalue="", traceback=["y" * 20_000])
    html = render_outputs([stream, error], limits=Limits(output_bytes=10_000), markdown=str)
    assert "x" * 100 not in html and "y" * 100 not in html
    assert html.count("not published") == 2


def test_the_download_keeps_small_outputs_and_notes_the_large_ones():
    small = nbformat.v4.new_output("stream", text="42\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("plot()", outputs=[small, _image()])]
    assert cap_notebook(notebook, 10_000)
    text = nbformat.writes(notebook)
    assert PAYLOAD not in text and "42" in text and "not published" in text
    assert not cap_notebook(notebook, 10_000)  # nothing left to cap
