"""Why a notebook file cannot be read, as a `Problem` placed where an editor would show it:
broken JSON or a merge conflict in an `.ipynb`, a YAML header that does not parse, or a file
jupytext or nbformat rejects. `read.py` calls `check_json` and `unreadable_problem`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from coursekit.errors import BuildError, Problem

CONFLICT_FIX = "resolve the merge conflict: keep one side of each <<<<<<< … >>>>>>> block"


def check_json(text: str, shown: str) -> None:
    """An `.ipynb` is JSON: say where it breaks, as an editor would show it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        conflict = re.search(r"^<<<<<<< ", text, re.M)
        if conflict:
            line = text.count("\n", 0, conflict.start()) + 1
            raise BuildError(
                Problem("holds a git merge conflict", file=shown, line=line, fix=CONFLICT_FIX)
            ) from None
        raise BuildError(
            Problem(
                f"is not valid JSON: {error.msg}",
                file=shown,
                line=error.lineno,
                column=error.colno,
                fix="restore the file from git, or open and save it in Jupyter",
            )
        ) from None
    if not isinstance(data, dict) or "cells" not in data:
        raise BuildError(
            Problem(
                'is JSON but not a notebook: it has no "cells"',
                file=shown,
                line=1,
                fix="restore the file from git, or open and save it in Jupyter",
            )
        )


def unreadable_problem(error: Exception, text: str, path: Path, shown: str) -> Problem:
    """A notebook jupytext or nbformat cannot read: placed at the header line YAML
    stopped at, or named as the structure nbformat expected."""
    import yaml

    if isinstance(error, yaml.MarkedYAMLError):
        found = _header_problem(text, path, shown)
        if found is not None:
            return found
        return Problem(
            f"its YAML header is not valid: {error.problem or error.context}",
            file=shown,
            line=1,
            fix="fix the header between the first two `---` lines",
        )
    if path.suffix == ".ipynb":
        return Problem(
            f"is JSON but not a notebook: {one_line(error)}",
            file=shown,
            line=1,
            fix="restore the file from git, or open and save it in Jupyter",
        )
    return Problem(
        f"cannot be read as a notebook: {one_line(error)}",
        file=shown,
        line=1,
        fix="open it with `jupytext --to ipynb` to see the problem",
    )


def _header_problem(text: str, path: Path, shown: str) -> Problem | None:
    """The header's YAML error placed in the file, read the way schedule.yaml is (an
    unclosed quote or bracket is named where it opened). A `.py` header is commented out."""
    from coursekit.schedule.yamlsource import read_front_matter

    prefix = "# " if path.suffix == ".py" else ""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != f"{prefix}---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == f"{prefix}---"), None)
    if end is None:
        return None
    header = [line.removeprefix(prefix.rstrip()).removeprefix(" ") for line in lines[1:end]]
    _, problems = read_front_matter("\n".join(header), shown, first_line=2)
    if not problems:
        return None
    problem = problems[0]
    column = problem.column + len(prefix) if problem.column and prefix else problem.column
    fix = "fix the notebook's header between the first two `---` lines"
    return dataclasses.replace(
        problem,
        message=problem.message.replace("front matter", "the notebook's header"),
        column=column,
        fix=problem.fix if problem.fix and "quote" in problem.message else fix,
    )


def one_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none)."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
