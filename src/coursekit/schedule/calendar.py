"""The term calendar: which day, time and room each session of an offering falls on.

Sessions without a `date` take the next free meeting slot of their kind, holidays are skipped
and shown as "No class" rows, and what looks wrong comes back as findings with key paths.
Plain data in and out; called by the schedule page, `ics.py` and `coursekit new-semester`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import difflib
import zoneinfo
from collections.abc import Iterator, Sequence

from coursekit.errors import Problem
from coursekit.schedule.dated import (
    DatedSession,
    Deadline,
    Finding,
    TermCalendar,
)
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.kinds import LECTURE_LIKE
from coursekit.schedule.model import WEEKDAYS, BuiltOffering, Meeting, Session, Term
from coursekit.schedule.timerange import parse_time_range
from coursekit.schedule.yamlsource import KeyPath, YamlSource

__all__ = [
    "DatedSession", "Deadline", "Finding", "Holiday", "TermCalendar", "date_sessions",
    "offering_calendar", "parse_time_range",
]  # fmt: skip

_WHOLE_DAY = dt.time.max  # a pinned session outside any slot occupies its whole day


@dataclasses.dataclass(frozen=True, order=True)
class _Slot:
    date: dt.date
    start: dt.time
    end: dt.time
    location: str | None = dataclasses.field(compare=False)
    stream: str = dataclasses.field(compare=False)

    @property
    def at(self) -> tuple[dt.date, dt.time]:
        return (self.date, self.start)


def date_sessions(
    term: Term,
    meetings: Sequence[Meeting],
    sessions: Sequence[Session],
    holidays: Sequence[Holiday] | None = None,
) -> TermCalendar:
    """Date every session of an offering; see the module docstring and `_Placer`.

    `holidays` defaults to `term.holidays` once the model has that field.
    """
    if holidays is None:
        holidays = getattr(term, "holidays", None) or ()
    return _Placer(term, meetings, sessions, holidays).run()


def offering_calendar(
    oid: str, offering: BuiltOffering, source: YamlSource
) -> tuple[TermCalendar, list[Problem], list[Problem]]:
    """An offering's calendar and its (errors, warnings) placed in `source`; what `load.py`
    and the site call once `Term.holidays` exists."""
    calendar = date_sessions(offering.term, offering.meetings, offering.sessions)
    base: KeyPath = ("offerings", oid)
    errors = [f.problem(source, base) for f in calendar.errors]
    warnings = [f.problem(source, base) for f in calendar.warnings]
    return calendar, errors, warnings


class _Placer:
    """Places sessions in list order.

    An undated session takes the first free, open slot of its stream (its kind's meeting
    pattern, or the lecture pattern) after the previous session of the same stream. Other
    streams than the lecture one (recitations, labs) also come after every row before them
    in the list, so a recitation follows the lectures it goes with; lectures keep their own
    pace, so a holiday that moves a Friday recitation does not push the next week's lectures.
    A pinned (dated) session keeps its date and slot, and every later undated row follows it.
    """

    def __init__(
        self,
        term: Term,
        meetings: Sequence[Meeting],
        sessions: Sequence[Session],
        holidays: Sequence[Holiday],
    ):
        self.term, self.sessions, self.holidays = term, list(sessions), list(holidays)
        self.findings: list[Finding] = []
        self.zone = self._zone()
        self.holiday_on: dict[dt.date, Holiday] = {}
        for holiday in self.holidays:
            for day in holiday.days():
                self.holiday_on.setdefault(day, holiday)
        # A dated break row closes its day for undated sessions, like a holiday.
        self.closed = set(self.holiday_on) | {
            s.date for s in self.sessions if s.kind == "break" and s.date and not s.continues
        }
        self.patterns = {m.kind for m in meetings}
        self.slots: dict[str, list[_Slot]] = {}
        for meeting in meetings:
            self.slots.setdefault(meeting.kind, []).extend(_slots(meeting, term))
        for stream in self.slots.values():
            stream.sort()
        # Sorted start times per stream and slots per day: placing a session looks up where
        # to start instead of scanning the term (a 5,000-day term has 5,000 slots).
        self.starts = {kind: [s.at for s in stream] for kind, stream in self.slots.items()}
        self.on_day: dict[tuple[str, dt.date], list[_Slot]] = {}
        for kind, stream in self.slots.items():
            for slot in stream:
                self.on_day.setdefault((kind, slot.date), []).append(slot)
        self.used: dict[_Slot, int] = {}

    def stream(self, kind: str) -> str | None:
        if kind in self.patterns:
            return kind
        return "lecture" if kind in LECTURE_LIKE and "lecture" in self.patterns else None

    def run(self) -> TermCalendar:
        pinned_slot = self._reserve_pinned()
        rows: list[tuple[tuple, DatedSession]] = []
        unplaced: list[int] = []
        before_term = (self.term.start - dt.timedelta(days=1), _WHOLE_DAY)
        pinned_floor = listed_floor = before_term  # after the last pinned row / any row
        cursor: dict[str, tuple[dt.date, dt.time]] = {}
        previous: DatedSession | None = None
        latest_undated: tuple[int, dt.date] | None = None
        for i, session in enumerate(self.sessions):
            stream = self.stream(session.kind)
            row: DatedSession | None = None
            if session.continues:
                if previous is not None:
                    row = _continued(previous, i, session)
            elif session.date is not None:
                slot = pinned_slot.get(i)
                row = self._row(i, session, session.date, slot)
                at = slot.at if slot else (session.date, _WHOLE_DAY)
                pinned_floor = max(pinned_floor, at)
                if stream and session.kind != "break":
                    cursor[stream] = max(cursor.get(stream, at), at)
                if latest_undated and latest_undated[1] > session.date:
                    self._out_of_order(latest_undated, i, session)
                    latest_undated = None
            elif session.kind == "break":
                self._error(
                    "break-needs-date",
                    ("sessions", i),
                    f"the break '{session.title}' has no date",
                    "add `date: YYYY-MM-DD`, or list it under `term.holidays`",
                )
            elif stream is None:
                self._no_pattern(i, session)
            else:
                lower = max(pinned_floor, cursor.get(stream, before_term))
                if stream != "lecture":
                    lower = max(lower, listed_floor)
                slot = self._next_slot(stream, lower)
                if slot is not None:
                    self.used[slot] = i
                    row = self._row(i, session, slot.date, slot)
                    cursor[stream] = slot.at
                    latest_undated = (i, slot.date)
            if row is None:
                unplaced.append(i)
            else:
                at = (row.date, row.start_time or _WHOLE_DAY)
                listed_floor = max(listed_floor, at)
                rows.append(((row.date, row.start_time or dt.time.min, i), row))
            previous = row
        self._report_unplaced(unplaced)
        rows += self._holiday_rows()
        dated = [row for _, row in sorted(rows, key=lambda pair: pair[0])]
        deadlines = self._deadlines(dated)
        return TermCalendar(dated, deadlines, self.findings, sorted(unplaced))

    def _zone(self) -> str:
        try:
            zoneinfo.ZoneInfo(self.term.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            guess = difflib.get_close_matches(
                self.term.timezone, zoneinfo.available_timezones(), n=1
            )
            fix = f"did you mean '{guess[0]}'?" if guess else "use an IANA name: America/New_York"
            self._error(
                "timezone", ("term", "timezone"), f"unknown time zone '{self.term.timezone}'", fix
            )
            return "UTC"
        return self.term.timezone

    def _reserve_pinned(self) -> dict[int, _Slot]:
        """Dated sessions take their slots first, so undated ones flow around them."""
        taken: dict[int, _Slot] = {}
        for i, session in enumerate(self.sessions):
            if session.date is None or session.continues or session.kind == "break":
                continue
            day = session.date
            here = ("sessions", i, "date")
            if not self.term.start <= day <= self.term.end:
                self._warn(
                    "outside-term",
                    here,
                    f"{day} is outside the term ({self.term.start} to {self.term.end})",
                    "fix the date or the offering's `term`",
                )
            if day in self.holiday_on:
                holiday = self.holiday_on[day]
                self._warn(
                    "on-holiday",
                    here,
                    f"'{session.title}' is on {day}, during {holiday.name} ({holiday.shown()})",
                    "move it, or remove `date` to let it take the next free slot",
                )
            stream = self.stream(session.kind)
            todays = self.on_day.get((stream or "", day), [])
            free = [s for s in todays if s not in self.used]
            if free:
                self.used[free[0]] = i
                taken[i] = free[0]
            elif todays:
                other = self.used[todays[0]]
                self._warn(
                    "slot-clash",
                    here,
                    f"'{session.title}' and '{self.sessions[other].title}' "
                    f"(sessions[{other}]) are both in the {stream} slot on {day}",
                    "move one, or write `continues: true` (and no date) for a second topic "
                    "in the same meeting",
                )
                taken[i] = todays[0]
        return taken

    def _next_slot(self, stream: str, lower: tuple[dt.date, dt.time]) -> _Slot | None:
        """The first free slot of `stream` after `lower` that no holiday or break closes."""
        slots = self.slots.get(stream, [])
        first = bisect.bisect_right(self.starts.get(stream, []), lower)
        for k in range(first, len(slots)):
            slot = slots[k]
            if slot not in self.used and slot.date not in self.closed:
                return slot
        return None

    def _out_of_order(self, undated: tuple[int, dt.date], i: int, pinned: Session) -> None:
        j, day = undated
        self._warn(
            "order",
            ("sessions", j),
            f"'{self.sessions[j].title}' falls on {day}, after '{pinned.title}' "
            f"(sessions[{i}], pinned to {pinned.date}) that follows it in the list",
            "move the pinned date later, or give the earlier session a date",
        )

    def _row(self, i: int, session: Session, day: dt.date, slot: _Slot | None) -> DatedSession:
        start, end = (slot.start, slot.end) if slot else (None, None)
        if session.time:
            start, end = parse_time_range(session.time) or (start, end)
        return DatedSession(
            index=i,
            date=day,
            start_time=start,
            end_time=end,
            location=slot.location if slot else None,
            kind=session.kind,
            title=session.title,
            id=session.id,
            link=session.url or session.slides,
            notes=session.notes,
            timezone=self.zone,
        )

    def _no_pattern(self, i: int, session: Session) -> None:
        stream = "lecture" if session.kind in LECTURE_LIKE else session.kind
        self._error(
            "no-pattern",
            ("sessions", i),
            f"'{session.title}' has no date and `meetings` has no {stream} pattern to place it in",
            f'add e.g. `- {{kind: {stream}, days: [Fri], time: "10:10-11:00"}}` under '
            "`meetings`, or give the session a date",
        )

    def _report_unplaced(self, unplaced: list[int]) -> None:
        reported = {f.path[1] for f in self.findings if f.error and len(f.path) > 1}
        missing = [i for i in unplaced if i not in reported and not self.sessions[i].continues]
        if not missing:
            return
        first = self.sessions[missing[0]]
        stream = self.stream(first.kind) or first.kind
        open_slots = sum(1 for s in self.slots.get(stream, []) if s.date not in self.closed)
        wanted = sum(
            1
            for s in self.sessions
            if not s.continues and s.kind != "break" and self.stream(s.kind) == stream
        )
        more = f"; {len(missing) - 1} more after it do not fit either" if len(missing) > 1 else ""
        self.findings.append(
            Finding(
                "no-slot",
                ("sessions", missing[0]),
                f"'{first.title}' does not fit: no free {stream} slot is left before the end "
                f"of the term ({self.term.end}); the term has {open_slots} {stream} slots "
                f"for {wanted} sessions{more}",
                "extend `term.end`, add meeting days, or merge sessions with `continues: true`",
                error=True,
            )
        )

    def _holiday_rows(self) -> list[tuple[tuple, DatedSession]]:
        """One "No class" row per holiday and week in which it cancels a meeting, unless the
        schedule already has a break row inside the holiday."""
        meeting_days = {s.date for stream in self.slots.values() for s in stream}
        written = {s.date for s in self.sessions if s.kind == "break" and s.date}
        rows = []
        for holiday in self.holidays:
            days = [d for d in holiday.days() if d in meeting_days]
            if not days or written & set(holiday.days()):
                continue
            weeks: dict[tuple[int, int], dt.date] = {}
            for day in days:
                weeks.setdefault(day.isocalendar()[:2], day)
            for day in weeks.values():
                row = DatedSession(
                    None, day, None, None, None, "break", holiday.name, True, timezone=self.zone
                )
                rows.append(((day, dt.time.min, -1), row))
        return rows

    def _deadlines(self, dated: list[DatedSession]) -> list[Deadline]:
        deadlines = []
        for row in dated:
            if row.index is None:
                continue
            session = self.sessions[row.index]
            for j, item in enumerate(session.due):
                deadlines.append(
                    Deadline(row.date, item.title, item.url, item.detail, row.index, j, session.id)
                )
            if not session.due:
                continue
            day_off = None
            if row.date.weekday() >= 5:
                day_off = f"a {row.date:%A}"
            elif row.date in self.holiday_on:
                day_off = f"during {self.holiday_on[row.date].name}"
            if day_off:
                titles = ", ".join(f"'{item.title}'" for item in session.due)
                self._warn(
                    "due-day-off",
                    ("sessions", row.index, "due"),
                    f"{titles} {'is' if len(session.due) == 1 else 'are'} due on "
                    f"{row.date}, {day_off}",
                    "move the due item to a session on a class day",
                )
        return deadlines

    def _warn(self, code: str, path: KeyPath, message: str, fix: str | None = None) -> None:
        self.findings.append(Finding(code, path, message, fix))

    def _error(self, code: str, path: KeyPath, message: str, fix: str | None = None) -> None:
        self.findings.append(Finding(code, path, message, fix, error=True))


def _slots(meeting: Meeting, term: Term) -> Iterator[_Slot]:
    start, end = meeting.times()
    weekdays = {WEEKDAYS.index(day) for day in meeting.days}
    day = term.start
    while day <= term.end:
        if day.weekday() in weekdays:
            yield _Slot(day, start, end, meeting.location, meeting.kind)
        day += dt.timedelta(days=1)


def _continued(row: DatedSession, i: int, session: Session) -> DatedSession:
    """A `continues` row shares the date, time and room of the row before it."""
    return dataclasses.replace(
        row,
        index=i,
        kind=session.kind,
        title=session.title,
        id=session.id,
        continues=True,
        link=session.url or session.slides,
        notes=session.notes,
    )
