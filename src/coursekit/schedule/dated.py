"""What the term calendar returns: dated rows, deadlines and findings, as frozen dataclasses.

Built by `calendar.py`; read by the schedule page, `ics.py` and `coursekit new-semester`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from coursekit.errors import Problem
from coursekit.schedule.kinds import SessionKind
from coursekit.schedule.yamlsource import KeyPath, YamlSource


@dataclass(frozen=True)
class DatedSession:
    """One row of the dated schedule: a session of the offering, or a generated break."""

    index: int | None  # position in `offering.sessions`; None for a generated row
    date: dt.date
    start_time: dt.time | None  # local wall-clock time in `timezone`
    end_time: dt.time | None
    location: str | None
    kind: SessionKind
    title: str
    generated: bool = False
    id: str | None = None  # the session's `id`
    continues: bool = False
    link: str | None = None  # where the title links: `url`, else `slides`
    notes: str | None = None
    timezone: str = "America/New_York"

    @property
    def start(self) -> dt.datetime | None:
        """Start as an aware datetime; the wall-clock time holds across DST changes."""
        return self._at(self.start_time)

    @property
    def end(self) -> dt.datetime | None:
        return self._at(self.end_time)

    def _at(self, time: dt.time | None) -> dt.datetime | None:
        if time is None:
            return None
        return dt.datetime.combine(self.date, time, tzinfo=zoneinfo.ZoneInfo(self.timezone))


@dataclass(frozen=True)
class Deadline:
    """An item of a session's `due` list, due on the session's date."""

    date: dt.date
    title: str
    url: str | None
    detail: str | None
    index: int  # the session's position in `offering.sessions`
    item: int  # position in its `due` list
    session_id: str | None = None


@dataclass(frozen=True)
class Finding:
    """A problem with the calendar; `path` is relative to the offering, e.g.
    `("sessions", 7, "date")`, so `load.py` can place it with `problem(source, base)`."""

    code: str  # on-holiday, slot-clash, due-day-off, outside-term, order, no-slot, …
    path: KeyPath
    message: str
    fix: str | None = None
    error: bool = False

    def problem(self, source: YamlSource, base: KeyPath) -> Problem:
        return source.problem((*base, *self.path), self.message, self.fix)


@dataclass(frozen=True)
class TermCalendar:
    """An offering's dated schedule and what the calendar found wrong with it."""

    sessions: list[DatedSession]  # every dated row in date order, generated breaks included
    deadlines: list[Deadline]
    findings: list[Finding]
    unplaced: list[int]  # indices of sessions that did not fit

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.error]
