"""Exercise notebooks with solutions marked the nbgrader way: students get placeholders until
the session's `solutions:` day, then a solution page publishes itself (issue 16, part 2)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from coursekit.notebooks.solutions import (
    has_solutions,
    marker_problems,
    solution_version,
    student_version,
)

SECRET = "THE_ANSWER_IS_42"
EXERCISE = f'''
# %% [markdown]
# ## Exercise
#
# Compute the answer.

# %%
def answer():
    ### BEGIN SOLUTION
    return "{SECRET}"
    ### END SOLUTION

# %% tags=["solution"]
print("{SECRET}", "tagged")

# %%
print("after the exercise")
'''
PLACEHOLDER = "# your code here\nraise NotImplementedError"


def _notebook(*sources: str, tags: list[str] | None = None):
    cells = [nbformat.v4.new_code_cell(s, metadata={"tags": tags or []}) for s in sources]
    return nbformat.v4.new_notebook(cells=cells)


def test_a_marked_region_becomes_the_placeholder_at_its_indentation():
    notebook = _notebook(
        "def f():\n    ### BEGIN SOLUTION\n    return 42\n    ### END SOLUTION\nprint(f())"
    )
    notebook.cells[0].outputs = [nbformat.v4.new_output("stream", text="42\n")]
    student = student_version(notebook, PLACEHOLDER)
    assert student.cells[0].source == (
        "def f():\n    # your code here\n    raise NotImplementedError\nprint(f())"
    )
    assert student.cells[0].outputs == []  # what the solution printed is gone too
    assert solution_version(notebook).cells[0].source == "def f():\n    return 42\nprint(f())"
    assert "BEGIN SOLUTION" in notebook.cells[0].source  # the input is left alone


def test_a_tagged_cell_is_replaced_whole_and_markdown_gets_the_text_stub():
    notebook = _notebook("x = 42", tags=["solution"])
    notebook.cells.append(
        nbformat.v4.new_markdown_cell("The answer:", metadata={"tags": ["solution"]})
    )
    notebook.cells.append(nbformat.v4.new_code_cell("print(1)"))
    assert has_solutions(notebook)
    student = student_version(notebook, "pass  # TODO")
    assert [c.source for c in student.cells] == ["pass  # TODO", "YOUR ANSWER HERE", "print(1)"]
    assert not has_solutions(_notebook("print(1)"))


def test_an_unclosed_marker_is_reported_at_its_line(tmp_path, run):
    source = tmp_path / "ex.py"
    source.write_text(
        "# %%\nx = 1\n\n# %%\ndef f():\n    ### BEGIN SOLUTION\n    return 1\n", encoding="utf-8"
    )
    result = run("notebook", str(source), "--out", str(tmp_path / "out"))
    assert result.code == 1
    assert "ex.py:6: `### BEGIN SOLUTION` is never closed" in result.err
    assert "mark each solution with one `### BEGIN SOLUTION`" in result.err
    assert not (tmp_path / "out").exists()
    problems = marker_problems(_notebook("### END SOLUTION"), "x.ipynb", lambda i, n: None)
    assert [str(p) for p in problems] == [
        "x.ipynb: cells[0]: `### END SOLUTION` without a `### BEGIN SOLUTION` before it "
        "(line 1 of the cell) (mark each solution with one `### BEGIN SOLUTION` and one "
        "`### END SOLUTION`)"
    ]


def test_notebook_command_renders_either_version(tmp_path, run):
    source = tmp_path / "ex.py"
    source.write_text(EXERCISE, encoding="utf-8")
    assert run("notebook", str(source), "--out", str(tmp_path / "s")).code == 0
    student = (tmp_path / "s/ex.html").read_text()
    assert SECRET not in student and "your code here" in student
    assert run("notebook", str(source), "--solution", "--out", str(tmp_path / "a")).code == 0
    solution = (tmp_path / "a/ex.html").read_text()
    assert SECRET in solution and "BEGIN SOLUTION" not in solution


@pytest.fixture
def exercise_course(make_course) -> Path:
    course = make_course("materials")
    (course / "recitations/arrays.py").write_text(
        (course / "recitations/arrays.py").read_text() + EXERCISE, encoding="utf-8"
    )
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "notebook: recitations/arrays.py\n",
            "notebook: recitations/arrays.py\n        solutions: session + 2 days\n",
        ),
        encoding="utf-8",
    )
    return course


def _files_holding(site: Path, text: str) -> list[str]:
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file() and text.encode() in p.read_bytes()
    )


def test_before_the_solutions_day_no_file_of_the_site_holds_a_solution(
    exercise_course, run, tmp_path
):
    out = exercise_course / "site"
    schedule = exercise_course / "schedule.yaml"  # with the browser notebooks (JupyterLite)
    schedule.write_text(schedule.read_text().replace("enabled: false", "enabled: true"))
    result = run("build", "--root", str(exercise_course), "--as-of", "2026-01-17", "--strict")
    assert result.code == 0, result
    assert (out / "S2026/lite/files/recitations/arrays.ipynb").is_file()
    assert _files_holding(out, SECRET) == []
    colab = tmp_path / "colab"  # what the deploy workflow pushes to the notebooks branch
    assert run("export-notebooks", str(out), "--out", str(colab)).code == 0
    assert sorted(str(p.relative_to(colab)) for p in colab.rglob("*.ipynb")) == [
        "S2026/recitations/arrays.ipynb"
    ]
    assert _files_holding(colab, SECRET) == []
    page = out / "S2026/recitations/arrays/index.html"
    assert "your code here" in page.read_text()
    student = json.loads((out / "S2026/recitations/arrays.ipynb").read_text())
    assert "raise NotImplementedError" in json.dumps(student)
    assert "after the exercise" in page.read_text()  # the rest of the notebook is there
    # The repository's copy holds the solutions: no Binder or source link to it yet, and
    # Colab opens the site's own students' version on the notebooks branch.
    assert "mybinder.org" not in page.read_text()
    assert "blob/main/recitations/arrays.py" not in page.read_text()
    assert "blob/notebooks/S2026/recitations/arrays.ipynb" in page.read_text()
    assert not (out / "S2026/recitations/arrays-solution").exists()
    assert ">solution<" not in (out / "S2026/schedule/index.html").read_text()


def test_on_the_solutions_day_the_solution_page_is_published_and_linked(exercise_course, run):
    out = exercise_course / "site"
    result = run("build", "--root", str(exercise_course), "--as-of", "2026-01-18", "--strict")
    assert result.code == 0, result
    solution = out / "S2026/recitations/arrays-solution/index.html"
    assert SECRET in solution.read_text()
    assert SECRET in (out / "S2026/recitations/arrays-solution.ipynb").read_text()
    assert SECRET not in (out / "S2026/recitations/arrays/index.html").read_text()
    notebook_page = (out / "S2026/recitations/arrays/index.html").read_text()
    assert 'href="../arrays-solution/">Solution</a>' in notebook_page
    schedule = (out / "S2026/schedule/index.html").read_text()
    assert '<a href="../recitations/arrays-solution/">solution</a>' in schedule
    assert "mybinder.org" in notebook_page  # the repository's copy may be shown now


def test_a_solutions_date_that_is_no_date_names_line_and_fix(exercise_course, run):
    schedule = exercise_course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace("session + 2 days", "tomorrow"), encoding="utf-8"
    )
    result = run("check", "--root", str(exercise_course))
    assert result.code == 1
    assert "schedule.yaml:20:20: offerings.S2026.sessions[1].solutions" in result.err
    assert "write e.g. 2027-02-12, `due + 2 days` or `session + 7 days`" in result.err
