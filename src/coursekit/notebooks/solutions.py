"""A notebook's two versions: what students get before the solutions are released, and the
solutions. Marked the nbgrader way: code between `### BEGIN SOLUTION` and `### END SOLUTION`
inside a cell, or a whole cell tagged `solution`.

`notebooks/build.py` renders both from one executed notebook; the course build publishes the
solution version only once its `solutions:` date has come. Nothing here runs code.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from nbformat import NotebookNode

from coursekit.errors import Problem

SOLUTION_TAG = "solution"
# nbgrader's stub for a markdown answer.
TEXT_PLACEHOLDER = "YOUR ANSWER HERE"
_BEGIN = re.compile(r"^([ \t]*)(?:#+|<!--)\s*BEGIN SOLUTION\s*(?:-->)?\s*$")
_END = re.compile(r"^[ \t]*(?:#+|<!--)\s*END SOLUTION\s*(?:-->)?\s*$")


def has_solutions(notebook: NotebookNode) -> bool:
    """True if any cell holds a solution (a marked region or the `solution` tag)."""
    return any(_is_solution(cell) for cell in notebook.cells)


def student_version(notebook: NotebookNode, placeholder: str) -> NotebookNode:
    """A copy with every solution replaced by `placeholder` (the course's
    `notebooks.solution_placeholder`; in markdown `YOUR ANSWER HERE`)
    and the outputs of solution cells removed: they would show what the solution printed."""
    student = copy.deepcopy(notebook)
    for cell in student.cells:
        if not _is_solution(cell):
            continue
        stub = placeholder if cell.cell_type == "code" else TEXT_PLACEHOLDER
        if _tagged(cell):
            cell.source = stub
        else:
            cell.source = _replace_regions(cell.source, stub)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return student


def solution_version(notebook: NotebookNode) -> NotebookNode:
    """A copy with the solutions shown and the marker lines gone."""
    solution = copy.deepcopy(notebook)
    for cell in solution.cells:
        if _is_solution(cell) and not _tagged(cell):
            cell.source = _replace_regions(cell.source, None)
    return solution


def _is_solution(cell: NotebookNode) -> bool:
    return _tagged(cell) or any(_BEGIN.match(line) for line in _lines(cell.source))


def _tagged(cell: NotebookNode) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def _lines(source: str | list[str]) -> list[str]:
    text = "".join(source) if isinstance(source, list) else source
    return text.split("\n")


def marker_problems(
    notebook: NotebookNode, shown: str, locate: Callable[[int, int], int | None]
) -> list[Problem]:
    """Solution markers that do not pair up (a BEGIN never closed, an END with no BEGIN),
    each at its line: `locate(cell index, line in cell)` gives the file's line if known."""
    problems = []
    for index, cell in enumerate(notebook.cells):
        begin: int | None = None
        for number, line in enumerate(_lines(cell.source), start=1):
            if _BEGIN.match(line):
                if begin is not None:
                    problems.append(_unbalanced(shown, index, number, locate, "BEGIN"))
                begin = number
            elif _END.match(line):
                if begin is None:
                    problems.append(_unbalanced(shown, index, number, locate, "END"))
                begin = None
        if begin is not None:
            problems.append(_unbalanced(shown, index, begin, locate, "open"))
    return problems


def _replace_regions(source: str | list[str], stub: str | None) -> str:
    """`source` with each marked region replaced by `stub` at the region's indentation, or
    (`stub` None) with only the marker lines removed. `marker_problems` has checked that
    the markers pair up."""
    out: list[str] = []
    inside = False
    for line in _lines(source):
        start = _BEGIN.match(line)
        if start and not inside:
            inside = True
            if stub is not None:
                out.extend(start.group(1) + stub_line for stub_line in stub.split("\n"))
        elif _END.match(line):
            inside = False
        elif not inside or stub is None:
            out.append(line)
    return "\n".join(out)


def _unbalanced(
    shown: str, index: int, line: int, locate: Callable[[int, int], int | None], what: str
) -> Problem:
    message = {
        "open": "`### BEGIN SOLUTION` is never closed",
        "END": "`### END SOLUTION` without a `### BEGIN SOLUTION` before it",
        "BEGIN": "a second `### BEGIN SOLUTION` before the first one is closed",
    }[what]
    at = locate(index, line)
    return Problem(
        message if at else f"{message} (line {line} of the cell)",
        file=shown,
        line=at,
        path=None if at else f"cells[{index}]",
        fix="mark each solution with one `### BEGIN SOLUTION` and one `### END SOLUTION`",
    )
