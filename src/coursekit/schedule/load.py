"""`schedule.yaml` → a validated `Schedule`, or a `ScheduleError` listing every problem.

Called by every command. Pydantic's errors are rewritten into the shape users act on:
`schedule.yaml:41:11: offerings.S2022.sessions[7].date: 'Feb 30' is not a date (use YYYY-MM-DD)`.
"""

from __future__ import annotations

import dataclasses
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
    RefOffering,
    Schedule,
    Session,
    Term,
    offering_shape,
)
from coursekit.schedule.problems import describe_bad_date as describe_bad_date
from coursekit.schedule.problems import validation_problems
from coursekit.schedule.yamlloader import collector_paused
from coursekit.schedule.yamlsource import YamlSource, read_yaml

SCHEDULE_FILE = "schedule.yaml"
_TAGS = {"built": BuiltOffering, "external": ExternalOffering, "ref": RefOffering}


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
    # Offerings built from a git ref: the folder their files were materialised in.
    roots: dict[str, Path] = field(default_factory=dict)
    # How problems name their files: `F2022:` for an offering from ref F2022, else "".
    labels: dict[str, str] = field(default_factory=dict)
    label: str = ""

    def of(self, oid: str) -> Course:
        """The course as offering `oid` reads its files: rooted in its ref's folder when it
        is built from a git ref (sources/refs.py), else this course."""
        root = self.roots.get(oid)
        if root is None:
            return self
        return dataclasses.replace(self, root=root, roots={}, labels={}, label=self.labels[oid])

    def named(self, problems: list[Problem]) -> list[Problem]:
        """`problems` with their files named as this course's label says (`F2022:…`)."""
        return [
            dataclasses.replace(p, file=f"{self.label}{p.file}")
            if self.label and p.file and not p.file.startswith(self.label)
            else p
            for p in problems
        ]

    def by_root(self) -> list[Course]:
        """This course without its offerings from git refs, then each of those alone, rooted
        in its ref's folder: the parts whose files one root holds (for `check`)."""
        offerings = self.schedule.offerings
        here = {oid: o for oid, o in offerings.items() if oid not in self.roots}
        parts = [self._with(here)]
        parts += [self._with({oid: offerings[oid]}, self.of(oid)) for oid in self.roots]
        return parts

    def _with(self, offerings: dict[str, Any], course: Course | None = None) -> Course:
        schedule = self.schedule.model_copy(update={"offerings": offerings})
        return dataclasses.replace(course or self, schedule=schedule, roots={}, labels={})


def load_course(root: Path) -> Course:
    """Load and check `<root>/schedule.yaml`; raise `ScheduleError` with every problem."""
    # A long schedule is some 300,000 objects, made at once and none of them in a cycle:
    # the cycle collector would walk them again and again (a third of the time) for nothing.
    with collector_paused():
        return _load(root)


def _load(root: Path) -> Course:
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
    roots: dict[str, Path] = {}
    labels: dict[str, str] = {}
    if not problems and schedule.from_refs():
        schedule, roots, labels, found, ref_warnings = _from_refs(
            schedule, source, root, calendars, assignments
        )
        problems += found
        warnings += ref_warnings
    if problems:
        raise ScheduleError(_unique_sorted(problems))
    warnings += checks.unmatched_never_execute(schedule, source)
    warnings = _unique_sorted(warnings)
    return Course(
        root, schedule, source, calendars, warnings, assignments, announcements, roots, labels
    )


def _from_refs(
    schedule: Schedule,
    source: YamlSource,
    root: Path,
    calendars: dict[str, TermCalendar],
    assignments: dict[str, Assignment],
) -> tuple[Schedule, dict[str, Path], dict[str, str], list[Problem], list[Problem]]:
    """The schedule with each `source: {ref: …}` offering read from its ref (dated, like
    the others), the folders their files are in, and the problems and warnings found;
    their calendars and assignment pages join `calendars` and `assignments`."""
    from coursekit.sources.refs import read_ref_offerings  # only courses with refs need it

    read = read_ref_offerings(schedule, source, root)
    offerings = dict(schedule.offerings) | read.offerings
    schedule = _dated(schedule.model_copy(update={"offerings": offerings}), read.calendars)
    calendars |= read.calendars
    problems = list(read.problems)
    for oid, folder in read.roots.items():
        # An assignment page a ref's due item links is that ref's page.
        alone = schedule.model_copy(update={"offerings": {oid: schedule.offerings[oid]}})
        pages, found = read_assignments(alone, folder)
        problems += found + check_assignments(alone, read.sources[oid], pages)
        for path, page in pages.items():
            assignments.setdefault(path, page)
    return schedule, read.roots, read.labels, problems, read.warnings


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
