"""Errors the core raises; only `cli.py` turns them into messages and exit codes.

A `Problem` is one finding with its place (file:line:col and key path); a `CourseError` carries
one or more problems so a check can report everything it found at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding: `file:line:col: key.path: message (fix)`."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str | None = None  # key path such as offerings.S2022.sessions[7].date
    fix: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        key = f"{self.path}: " if self.path else ""
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}{key}{self.message}{fix}"


class CourseError(Exception):
    """Something in the course cannot be built; holds every problem found."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ScheduleError(CourseError):
    """`schedule.yaml` is not valid."""


class BuildError(CourseError):
    """The site engine, a deck or a notebook failed while building."""


def relative(path: Path, root: Path) -> str:
    """Show a path relative to the course root when it lies inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
