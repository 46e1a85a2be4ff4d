"""Assignment pages (`assignments/*.md` with YAML front matter) and their agreement with
the schedule, which is the one source of truth for due dates.

`load.py` reads every linked page once (`read_assignments`) and runs `check_assignments` with
the other checks; the site reads the loaded front matter from `Course.assignments`. A page
that repeats a due date or names sessions must agree with the schedule rows that link to it.

```yaml
---
title: "I1: Case Study"
kind: individual
points: 100
released: 2027-01-20
sessions: [modelquality1]   # the session(s) it is due at
submit: https://www.gradescope.com/courses/123456   # where students hand it in
---
```

A page with parts due on different days lists them as `milestones`; a due item that links a
part (`project.md#milestone-1`) shows the points of the milestone it names (`M1: …`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from coursekit.errors import Problem
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import BuiltOffering, Schedule
from coursekit.schedule.yamlsource import YamlSource, read_front_matter

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


@dataclass(frozen=True)
class Milestone:
    """A part of an assignment due on its own day (`milestones:` in the front matter)."""

    id: str
    title: str | None = None
    points: int | None = None


@dataclass(frozen=True)
class Assignment:
    """What an assignment page's front matter says, and the line of each key."""

    path: str
    title: str | None = None
    kind: str | None = None
    points: int | None = None
    released: dt.date | None = None
    due: dt.date | None = None
    sessions: tuple[str, ...] = ()
    submit: str | None = None
    submit_label: str | None = None
    milestones: tuple[Milestone, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)

    def milestone(self, title: str) -> Milestone | None:
        """The milestone a due item's `title` names: by its id as the first word
        (`M1: Modeling` → `M1`) or by its title inside the item's."""
        words = title.replace(":", " ").split()
        first = words[0].casefold() if words else ""
        for part in self.milestones:
            if part.id.casefold() == first:
                return part
        named = title.casefold()
        return next((m for m in self.milestones if m.title and m.title.casefold() in named), None)


def _web_address(value: str) -> str:
    """A `submit:` link is an absolute http(s) address: students open it from any page."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not a web address")
    return value.strip()


class _Milestone(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    id: str
    title: str | None = None
    points: int | None = None


class _FrontMatter(BaseModel):
    """The keys coursekit reads from an assignment page; others are the page's own."""

    model_config = ConfigDict(extra="allow", strict=True)

    title: str | None = None
    kind: str | None = None
    points: int | None = None
    released: dt.date | None = None
    due: dt.date | None = None
    sessions: list[str] | str | None = None
    submit: Annotated[str, AfterValidator(_web_address)] | None = None
    submit_label: str | None = None
    milestones: list[_Milestone] | None = None


# What each typed key expects, in the words and with the example the error shows.
_EXPECTED = {
    "points": ("a whole number", "100"),
    "released": ("a date (YYYY-MM-DD)", "2027-01-20"),
    "due": ("a date (YYYY-MM-DD)", "2027-01-20"),
    "submit": ("a web address (https://…)", "https://www.gradescope.com/courses/123456"),
    "submit_label": ("text", "Submit on Gradescope"),
    "milestones": ("a list of {id, title, points}", "[{id: M1, title: Modeling, points: 100}]"),
}


def read_assignment(root: Path, path: str) -> tuple[Assignment, list[Problem]]:
    """The front matter of the page `path`, validated, with the line of each key."""
    text = (root / path).read_text(encoding="utf-8")
    match = _FRONT.match(text)
    if not match:
        return Assignment(path), []
    meta, problems = read_front_matter(match.group(1), path, first_line=2)
    if problems:
        return Assignment(path), problems
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        return Assignment(path), [
            Problem(
                "front matter must be keys and values",
                path,
                2,
                fix="write `key: value` lines, e.g. `title: A1`",
            )
        ]
    lines = {
        key: number
        for number, line in enumerate(match.group(1).splitlines(), start=2)
        for key in meta
        if line.startswith(f"{key}:")
    }
    known = {key: meta.get(key) for key in _FrontMatter.model_fields}
    problems = []
    try:
        front = _FrontMatter.model_validate(known)
    except ValidationError as error:
        wrong = {str(e["loc"][0]) for e in error.errors()}
        for key in sorted(wrong, key=list(_FrontMatter.model_fields).index):
            if key in _EXPECTED:
                expected, example = _EXPECTED[key]
                problems.append(
                    Problem(
                        f"{key}: expected {expected}, got '{known[key]}'",
                        path,
                        lines.get(key),
                        fix=f"write e.g. `{key}: {example}`",
                    )
                )
        # Keys the site only shows (title, kind, sessions) are taken as written.
        front = _FrontMatter.model_construct(
            **{k: (None if k in wrong and k in _EXPECTED else v) for k, v in known.items()}
        )
    sessions = front.sessions or []
    if isinstance(sessions, str):
        sessions = [sessions]
    assignment = Assignment(
        path,
        title=front.title,
        kind=front.kind,
        points=front.points,
        released=front.released,
        due=front.due,
        sessions=tuple(str(s) for s in sessions),
        submit=front.submit,
        submit_label=front.submit_label,
        milestones=_milestones(front.milestones),
        lines=lines,
    )
    return assignment, problems


def _milestones(parts: list | None) -> tuple[Milestone, ...]:
    # Valid parts, or raw ones beside another key's error (the build stops at that one).
    shown = [_Milestone.model_validate(part) for part in parts or []]
    return tuple(Milestone(part.id, part.title, part.points) for part in shown)


def read_assignments(schedule: Schedule, root: Path) -> tuple[dict[str, Assignment], list[Problem]]:
    """Every assignment page a built offering's due items link, read once per load
    (repository path → front matter), and the problems of their front matter."""
    pages: dict[str, Assignment] = {}
    problems: list[Problem] = []
    for offering in schedule.built().values():
        for _, _, path in linked_assignments(offering):
            if path not in pages:
                pages[path], found = read_assignment(root, path)
                problems += found
    return pages, problems


def linked_assignments(offering: BuiltOffering) -> list[tuple[int, int, str]]:
    """(session index, due index, page path) for each due item that links a local page."""
    found = []
    for i, session in enumerate(offering.sessions):
        for j, item in enumerate(session.due):
            if item.url and is_local(item.url) and local_target(item.url).endswith(".md"):
                found.append((i, j, local_target(item.url)))
    return found


def check_assignments(
    schedule: Schedule, source: YamlSource, pages: dict[str, Assignment]
) -> list[Problem]:
    """Pages (from `read_assignments`) must agree with the schedule on due dates and
    sessions."""
    problems: list[Problem] = []
    for oid, offering in schedule.built().items():
        dates = offering.session_dates()
        for i, j, path in linked_assignments(offering):
            page = pages[path]
            session = offering.sessions[i]
            item = session.due[j]
            schedule_says = f"{source.file} has it due"
            at = f"({_shown(source, ('offerings', oid, 'sessions', i, 'due', j, 'url'))})"
            whole = "#" not in (item.url or "")
            if whole and page.due and page.due != dates[i]:
                problems.append(
                    _disagreement(
                        page,
                        "due",
                        f"{page.due} here, but {schedule_says} {dates[i]} {at}",
                        fix="remove `due:` from the page; the schedule is the source of truth",
                    )
                )
            if page.sessions and session.id not in page.sessions:
                due_at = f"session '{session.id}'" if session.id else f"sessions[{i}] (no id)"
                problems.append(
                    _disagreement(
                        page,
                        "sessions",
                        f"{list(page.sessions)} here, but {schedule_says} at {due_at} {at}",
                        fix="make the page's `sessions` name the schedule's session ids",
                    )
                )
    return problems


def _disagreement(page: Assignment, key: str, says: str, *, fix: str) -> Problem:
    """The page's front matter `key` contradicts the schedule: located at the page's key."""
    return Problem(f"{key}: {says}", file=page.path, line=page.lines.get(key), fix=fix)


def _shown(source: YamlSource, where: tuple) -> str:
    line, _ = source.where(where)
    return f"line {line}"
