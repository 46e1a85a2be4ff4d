"""`schedule.yaml` → a validated `Schedule`, or a `ScheduleError` listing every problem.

Called by every command. Pydantic's errors are rewritten into the shape users act on:
`schedule.yaml:41:11: offerings.S2022.sessions[7].date: 'Feb 30' is not a date (use YYYY-MM-DD)`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from coursekit.errors import Problem, ScheduleError
from coursekit.schedule import checks
from coursekit.schedule.assignments import Assignment, check_assignments, read_assignments
from coursekit.schedule.calendar import TermCalendar, offering_calendar
from coursekit.schedule.model import (
    BuiltOffering,
    ExternalOffering,
    Schedule,
    Session,
    Term,
    offering_shape,
)
from coursekit.schedule.yamlsource import KeyPath, YamlSource, read_yaml

SCHEDULE_FILE = "schedule.yaml"
_TAGS = {"built": BuiltOffering, "external": ExternalOffering}


@dataclass(frozen=True)
class Course:
    """A loaded course: its root folder, the schedule (every session dated by the term
    calendar), each offering's calendar, where each value came from, and warnings."""

    root: Path
    schedule: Schedule
    source: YamlSource
    calendars: dict[str, TermCalendar] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    # The front matter of every assignment page a due item links (repository path → page).
    assignments: dict[str, Assignment] = field(default_factory=dict)


def load_course(root: Path) -> Course:
    """Load and check `<root>/schedule.yaml`; raise `ScheduleError` with every problem."""
    root = root.resolve()
    path = root / SCHEDULE_FILE
    if not path.is_file():
        raise ScheduleError(
            Problem(
                f"no {SCHEDULE_FILE} in {root}",
                fix="run coursekit in the course folder, or pass --root",
            )
        )
    source = read_yaml(path, SCHEDULE_FILE)
    if source.data is None:  # unreadable: nothing further can be checked
        raise ScheduleError(source.problems)
    problems = list(source.problems)  # e.g. duplicate keys: reported, and we go on
    try:
        schedule = Schedule.model_validate(source.data)
    except ValidationError as error:
        problems += _translate(error, source) + _salvage(source, root)
        raise ScheduleError(_unique_sorted(problems)) from None
    problems += checks.check_schedule(schedule, source, root)
    calendars: dict[str, TermCalendar] = {}
    assignments: dict[str, Assignment] = {}
    warnings: list[Problem] = []
    if not problems:
        for oid, offering in schedule.built().items():
            calendars[oid], errors, found = offering_calendar(oid, offering, source)
            problems += errors
            # A date outside the term is already an error of checks.py.
            warnings += [w for w in found if "outside the term" not in w.message]
    if not problems:
        schedule = _dated(schedule, calendars)
        # Pages are read only once the links to them are known to be good.
        assignments, found = read_assignments(schedule, root)
        problems += found + check_assignments(schedule, source, assignments)
    if problems:
        raise ScheduleError(_unique_sorted(problems))
    warnings += checks.unmatched_never_execute(schedule, source)
    return Course(root, schedule, source, calendars, _unique_sorted(warnings), assignments)


def _dated(schedule: Schedule, calendars: dict[str, TermCalendar]) -> Schedule:
    """The schedule with the calendar's date on every session without one (except rows
    that `continue` the previous session), so pages need not know about the engine."""
    offerings = dict(schedule.offerings)
    for oid, dated in calendars.items():
        offering = offerings[oid]
        assert isinstance(offering, BuiltOffering)
        days = {row.index: row.date for row in dated.sessions if row.index is not None}
        sessions = [
            s if s.date or s.continues else s.model_copy(update={"date": days.get(i)})
            for i, s in enumerate(offering.sessions)
        ]
        offerings[oid] = offering.model_copy(update={"sessions": sessions})
    return schedule.model_copy(update={"offerings": offerings})


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    unique = {str(p): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line or 0, p.column or 0))


def _salvage(source: YamlSource, root: Path) -> list[Problem]:
    """When the schedule as a whole is invalid, still check each session that is valid on
    its own, so one typo does not hide a wrong date three rows down."""
    offerings = source.data.get("offerings") if isinstance(source.data, dict) else None
    if not isinstance(offerings, dict):
        return []
    problems: list[Problem] = []
    for oid, raw in offerings.items():
        if not isinstance(raw, dict) or offering_shape(raw) != "built":
            continue
        try:
            term = Term.model_validate(raw.get("term"))
        except ValidationError:
            term = None
        valid: list[tuple[int, Session]] = []
        sessions = raw.get("sessions")
        for i, session in enumerate(sessions if isinstance(sessions, list) else []):
            checked = _valid_part(session)
            if checked is not None:
                valid.append((i, checked))
        problems += checks.check_sessions(str(oid), term, valid, source, root)
    return problems


def _valid_part(raw: Any) -> Session | None:
    """The session without the keys that failed validation, so a bad `date` does not hide
    a missing `slides:` file in the same row (those keys are reported already)."""
    if not isinstance(raw, dict):
        return None
    try:
        return Session.model_validate(raw)
    except ValidationError as error:
        bad = {item["loc"][0] for item in error.errors() if item["loc"]}
    kept = {key: value for key, value in raw.items() if key not in bad}
    kept.setdefault("title", "(untitled)")  # a missing title is reported already
    try:
        return Session.model_validate(kept)
    except ValidationError:
        return None


def _translate(error: ValidationError, source: YamlSource) -> list[Problem]:
    items = error.errors(include_url=False)
    # A misspelt key also makes the real one "missing"; say only "did you mean".
    guessed = set()
    for item in items:
        if item["type"] == "extra_forbidden":
            loc = _data_path(item["loc"])
            allowed = _allowed_keys(item["loc"][:-1])
            for guess in difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6):
                guessed.add((*loc[:-1], guess))
    return [
        _explain(item, _data_path(item["loc"]), source)
        for item in items
        if not (item["type"] == "missing" and _data_path(item["loc"]) in guessed)
    ]


def _data_path(loc: tuple[Any, ...]) -> KeyPath:
    """Drop pydantic's union tags so the path reads like the YAML: offerings.S2022.title."""
    return tuple(
        part
        for i, part in enumerate(loc)
        if not (i == 2 and loc[0] == "offerings" and part in _TAGS)
    )


def _explain(item: ErrorDetails, loc: KeyPath, source: YamlSource) -> Problem:
    kind, value = item["type"], item.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(item["loc"][:-1])
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        fix = f"did you mean '{guess[0]}'?" if guess else f"allowed keys: {', '.join(allowed)}"
        return source.problem(loc, f"unknown key '{name}'", fix, key=True)
    if kind == "missing":
        parent = loc[:-1]
        if len(parent) == 2 and parent[0] == "offerings" and loc[-1] == "url":
            return source.problem(
                parent,
                "'url' is required: an offering without `term` and `sessions` is built "
                "elsewhere and links to its site",
                "add `url:` with the offering's site, or `term:` and `sessions:` to build it here",
            )
        return source.problem(parent, f"'{loc[-1]}' is required", f"add `{loc[-1]}:` here")
    if kind.startswith("date") or (kind == "value_error" and isinstance(value, dt.datetime)):
        return source.problem(loc, describe_bad_date(value), "use YYYY-MM-DD, e.g. 2027-01-20")
    if kind == "string_type":
        if isinstance(value, (int, float, bool, dt.date)):
            return source.problem(
                loc, f"expected text, got {_shown(value)}", "put the value in quotes"
            )
        return source.problem(
            loc, f"expected text, got {_kind_of(value)}", "write the text on the key's line"
        )
    if kind in ("bool_type", "bool_parsing"):
        return source.problem(
            loc,
            f"expected true or false, got {_shown(value)}",
            "write true or false; yes, no, on and off are text",
        )
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", item["ctx"]["expected"])
        guess = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        fix = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(options)}"
        return source.problem(loc, f"{_shown(value)} is not allowed here", fix)
    if kind == "list_type":
        return source.problem(
            loc, f"expected a list, got {_kind_of(value)}", "write one item per '- ' line"
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if not loc:
            return source.problem(
                loc,
                "expected `course:` and `offerings:` at the top of the file, "
                f"got {_kind_of(value)}",
                "start from the example in docs/reference/schedule.md",
            )
        return source.problem(
            loc,
            f"expected keys and values, got {_kind_of(value)}",
            "write `key: value` lines indented under it",
        )
    if kind == "string_pattern_mismatch" and "{n" in item["ctx"].get("pattern", ""):
        return source.problem(
            loc,
            f"{_shown(value)} has no {{n}} where the chapter number goes",
            "write e.g. https://example.org/book/chapter-{n}",
        )
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            return source.problem(
                loc, f"'{loc[-1]}' is not a valid id", "use letters, digits, - and _", key=True
            )
        return source.problem(
            loc, f"{_shown(value)} is not a valid id", "use letters, digits, - and _"
        )
    if kind == "string_too_short":
        return source.problem(loc, "must not be empty", "give it a value, or remove the key")
    if kind == "too_short":
        return source.problem(loc, "must not be empty", "give it at least one entry")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return source.problem(
            loc, f"expected a whole number, got {_shown(value)}", "write digits only, e.g. 12"
        )
    if kind in ("greater_than_equal", "greater_than"):
        bound = item["ctx"].get("ge", item["ctx"].get("gt"))
        at_least = "at least" if kind == "greater_than_equal" else "more than"
        return source.problem(loc, f"{_shown(value)} is too small", f"use {at_least} {bound}")
    if kind == "value_error":
        error = item["ctx"].get("error")
        message = str(error or item["msg"])
        # A whole mapping (a holiday) is not worth repeating; a single value is.
        shown = "" if isinstance(value, (dict, list)) else f"{_shown(value)}: "
        return source.problem(loc, f"{shown}{message}", getattr(error, "fix", None))
    return source.problem(loc, item["msg"], "see docs/reference/schedule.md")


def describe_bad_date(value: Any) -> str:
    """Why `value` is not a date, as specific as we can: `'2027-02-30' is not a date
    (February 2027 has 28 days)`. Also used for dates given on the command line."""
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and day > calendar.monthrange(year, month)[1]:
            last = calendar.monthrange(year, month)[1]
            name = calendar.month_name[month]
            return f"'{text}' is not a date ({name} {year} has {last} days)"
    if isinstance(value, dt.datetime):
        return f"'{value}' has a time of day; expected a date only"
    return f"{_shown(value)} is not a date"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{value}'"
    return _kind_of(value)


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'" if isinstance(value, str) else type(value).__name__


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found at `loc` (for "did you mean")."""
    target: Any = Schedule
    for part in loc:
        target = _unwrap(target)
        if isinstance(part, str) and part in _TAGS:
            target = _TAGS[part]
        elif isinstance(target, type) and issubclass(target, BaseModel):
            field = target.model_fields.get(str(part))
            if field is None:
                return []
            target = field.annotation
        else:
            args = typing.get_args(target)
            target = args[-1] if args else None
    target = _unwrap(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, …] → X; X | None → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation
