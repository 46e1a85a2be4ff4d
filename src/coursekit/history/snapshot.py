"""What students see of one offering in one version of `schedule.yaml`: each session's
date (from the term calendar when the row has none), title, kind, readings and materials,
and every due item with its due date and time.

Called by `changelog.py` for each commit's text; `diff.py` compares two snapshots. A version
that no longer validates (an old field, a typo fixed later) raises `SnapshotError`, which the
change log turns into a note instead of a failed build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from coursekit.history.chunks import Pieces, split_offering
from coursekit.schedule import due, yamlsource
from coursekit.schedule import settings as course_settings
from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import BuiltOffering, Session

Course = course_settings.Course
load_text = yamlsource.load_text

# Links that put a session's material online, by the word the change log uses.
MATERIALS = ("slides", "notebook", "video", "lecture_notes")


class SnapshotError(Exception):
    """This version of the schedule cannot be read with today's model."""


@dataclass(frozen=True)
class SessionState:
    index: int  # position among the offering's sessions
    id: str | None
    title: str
    kind: str
    date: dt.date | None
    readings: tuple[str, ...]
    materials: tuple[str, ...]  # names from MATERIALS the session links


@dataclass(frozen=True)
class DueState:
    title: str
    date: dt.date | None
    time: dt.time | None
    session: int  # index of the session it is due at
    page: str | None = None  # the assignment page it links (`assignments/a1.md`), if any


@dataclass(frozen=True)
class Snapshot:
    sessions: tuple[SessionState, ...]
    due: tuple[DueState, ...]


class SnapshotReader:
    """Reads the snapshots of offering `oid` from many versions of one schedule, parsing
    and validating each piece of text (`chunks.py`) once however many versions share it."""

    def __init__(self, oid: str):
        self.oid = oid
        self._snapshots: dict[object, Snapshot | None] = {}
        self._courses: dict[str, Course] = {}
        self._heads: dict[str, BuiltOffering] = {}
        self._sessions: dict[str, Session] = {}

    def read(self, text: str) -> Snapshot | None:
        """The offering's snapshot in `text`; None where it has no such built offering.
        Raises `SnapshotError` where today's model cannot read this version."""
        pieces = split_offering(text, self.oid)
        key: object = (pieces.course, pieces.head, pieces.sessions) if pieces else text
        if key not in self._snapshots:
            try:
                result = self._from_pieces(pieces) if pieces else self._whole(text)
            except (yaml.YAMLError, ValidationError, ValueError):
                # A piece that is no document of its own (an alias, odd indentation).
                result = self._whole(text)
            self._snapshots[key] = result
        return self._snapshots[key]

    def _whole(self, text: str) -> Snapshot | None:
        try:
            data = load_text(text)
        except yaml.YAMLError as error:
            raise SnapshotError("its YAML does not parse") from error
        offerings = data.get("offerings") if isinstance(data, dict) else None
        raw = offerings.get(self.oid) if isinstance(offerings, dict) else None
        if not isinstance(raw, dict) or "sessions" not in raw:
            return None
        try:
            offering = BuiltOffering.model_validate(raw)
            course = Course.model_validate(data.get("course"))
        except ValidationError as error:
            raise SnapshotError("it does not validate with today's schedule model") from error
        return snapshot(offering, course)

    def _from_pieces(self, pieces: Pieces) -> Snapshot:
        if pieces.course not in self._courses:
            data = load_text(pieces.course)
            self._courses[pieces.course] = Course.model_validate(data["course"])
        if pieces.head not in self._heads:
            head = load_text(pieces.head) or {}
            head = {**head, "sessions": []}
            self._heads[pieces.head] = BuiltOffering.model_validate(head)
        sessions = []
        for piece in pieces.sessions:
            if piece not in self._sessions:
                items = load_text(piece)
                if not isinstance(items, list) or len(items) != 1:
                    raise ValueError("not one session")
                self._sessions[piece] = Session.model_validate(items[0])
            sessions.append(self._sessions[piece])
        offering = self._heads[pieces.head].model_copy(update={"sessions": sessions})
        return snapshot(offering, self._courses[pieces.course])


def snapshot(offering: BuiltOffering, course: Course) -> Snapshot:
    """The snapshot of a validated offering, dated as `load.py` dates it."""
    days = _days(offering)
    sessions: list[SessionState] = []
    due_items: list[DueState] = []
    for i, session in enumerate(offering.sessions):
        day = session.date or days.get(i)
        if day is None and session.continues and sessions:
            day = sessions[-1].date
        # Sessions are shared by versions (SnapshotReader): their states are too.
        key = (id(session), i, day, id(course))
        if key not in _STATES:
            if len(_STATES) > 100_000:
                _STATES.clear()
            dues = tuple(
                DueState(d.title, day, due.due_time(d, course), i, _page(d.url))
                for d in session.due
            )
            _STATES[key] = (_state(i, session, day), dues, session, course)
        state, dues, _, _ = _STATES[key]
        sessions.append(state)
        due_items += dues
    return Snapshot(tuple(sessions), tuple(due_items))


def _days(offering: BuiltOffering) -> dict[int, dt.date]:
    """Each session's date from the term calendar (session index → date). Only dates,
    kinds, times and `continues` place sessions, so versions that differ in titles, readings or
    links share one calendar run."""
    placing = tuple((s.date, s.kind, s.continues, s.time) for s in offering.sessions)
    key = (
        offering.term.model_dump_json(),
        tuple(m.model_dump_json() for m in offering.meetings),
        placing,
    )
    if key not in _CALENDARS:
        if len(_CALENDARS) > 256:
            _CALENDARS.clear()
        calendar = date_sessions(offering.term, offering.meetings, offering.sessions)
        _CALENDARS[key] = {r.index: r.date for r in calendar.sessions if r.index is not None}
    return _CALENDARS[key]


_CALENDARS: dict[object, dict[int, dt.date]] = {}
# (id(session), index, day, id(course)) → its state and due items; the session and course
# are kept in the value so their ids are not reused while the entry lives.
_STATES: dict[tuple[int, int, dt.date | None, int], tuple] = {}


def _page(url: str | None) -> str | None:
    """The assignment page a due item links, as `assignments.linked_assignments` finds it."""
    if url and is_local(url) and local_target(url).endswith(".md"):
        return local_target(url)
    return None


def _state(i: int, session: Session, day: dt.date | None) -> SessionState:
    materials = tuple(name for name in MATERIALS if getattr(session, name))
    readings = tuple(reading.title for reading in session.readings)
    return SessionState(i, session.id, session.title, session.kind, day, readings, materials)
