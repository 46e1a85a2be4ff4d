"""`schedule.yaml` → a validated `Schedule`, or a `ScheduleError` listing every problem.

Called by every command. Pydantic's errors are rewritten into the shape users act on:
`schedule.yaml:41:11: offerings.S2022.sessions[7].date: 'Feb 30' is not a date (use YYYY-MM-DD)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coursekit.errors import Problem, ScheduleError
from coursekit.history import Announcement, read_announcements
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
from coursekit.schedule.problems import describe_bad_date as describe_bad_date
from coursekit.schedule.problems import validation_problems
from coursekit.schedule.yamlsource import YamlSource, read_yaml

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
    # Every announcement (announcements/*.md), checked; the site publishes the released ones.
    announcements: tuple[Announcement, ...] = ()


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
        problems += validation_problems(error, source) + _salvage(source, root)
        raise ScheduleError(_unique_sorted(problems)) from None
    problems += checks.check_schedule(schedule, source, root)
    calendars: dict[str, TermCalendar] = {}
    assignments: dict[str, Assignment] = {}
    announcements: tuple[Announcement, ...] = ()
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
        announcements, found = read_announcements(schedule, root)
        problems += found
    if problems:
        raise ScheduleError(_unique_sorted(problems))
    warnings += checks.unmatched_never_execute(schedule, source)
    return Course(
        root, schedule, source, calendars, _unique_sorted(warnings), assignments, announcements
    )


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
