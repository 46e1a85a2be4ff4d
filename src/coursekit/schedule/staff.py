"""Who teaches an offering and when they hold office hours: the `staff` and `office_hours`
models, their cross-field checks, and each office hour as a weekly series of dates.

`settings.py` (course staff) and `model.py` (offering staff and office hours) use the models;
`checks.py` calls `check_staff`; the staff page, the home page and `ics.py` read the series.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, Field

from coursekit.errors import Problem
from coursekit.schedule.fields import Link, Model, Text
from coursekit.schedule.fixable import FixableError
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.scalars import WEEKDAYS, Date, Weekday
from coursekit.schedule.timerange import MeetingTime, meeting_times
from coursekit.schedule.yamlsource import YamlSource

if TYPE_CHECKING:
    from coursekit.schedule.model import BuiltOffering, Schedule
    from coursekit.schedule.settings import Course

_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _email(value: str) -> str:
    if not re.match(_EMAIL, value.strip()):
        raise FixableError("expected an email address", "write it as name@example.org")
    return value.strip()


Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"pattern": _EMAIL})]


class StaffMember(Model):
    """Someone on the course staff, shown on the offering's staff page.

    ```yaml
    staff:
      - name: Christian Kaestner
        role: Instructor
        pronouns: he/him
        email: kaestner@cs.cmu.edu
        photo: docs/staff/kaestner.jpg
        bio: Works on [software engineering for AI](https://example.org).
    ```
    """

    name: Text
    """Full name, as students should see it; office hours name it in `who`."""
    role: Text | None = None
    """What they do in the course: `Instructor`, `Teaching assistant`, …"""
    pronouns: str | None = None
    """How to refer to them, e.g. `she/her`."""
    email: Email | None = None
    """Contact address, linked from the staff page."""
    url: Link | None = None
    """Home page, linked from the name."""
    photo: Link | None = None
    """A picture: an image file of the course (published with the site) or a URL."""
    bio: Text | None = None
    """A sentence or two (inline markdown)."""


class OfficeHours(Model):
    """A weekly office hour; the staff page, `calendar.ics` (a weekly event) and the home
    page show it. No office hours are held on the term's holidays.

    ```yaml
    office_hours:
      - {who: Christian Kaestner, days: [Wed], time: "15:00-16:00", location: TCS 345}
      - {who: Jane Doe, days: [Mon, Thu], time: "10:00-11:00", url: https://zoom.us/j/1,
         start: 2027-02-01}
    ```
    """

    who: Text
    """The name of someone on the offering's `staff` (or the course's)."""
    days: list[Weekday] = Field(min_length=1)
    """Weekdays, as `Mon` … `Sun`."""
    time: MeetingTime
    """Start and end in 24-hour time, e.g. `"15:00-16:00"` (quote it)."""
    location: str | None = None
    """Room or building."""
    url: Link | None = None
    """A video call or sign-up link, for office hours held online."""
    start: Date | None = None
    """First day they are held (YYYY-MM-DD); the term's start when left out."""
    end: Date | None = None
    """Last day they are held (YYYY-MM-DD); the term's end when left out."""

    def times(self) -> tuple[dt.time, dt.time]:
        return meeting_times(self.time)


def staff_of(offering: BuiltOffering, course: Course) -> list[StaffMember]:
    """The offering's staff, else the course's."""
    return list(offering.staff if offering.staff is not None else course.staff)


def check_staff(schedule: Schedule, source: YamlSource) -> list[Problem]:
    """Office hours name someone on the staff and end after they start."""
    problems = []
    for oid, offering in schedule.built().items():
        names = [person.name for person in staff_of(offering, schedule.course)]
        for i, hours in enumerate(offering.office_hours):
            path = ("offerings", oid, "office_hours", i)
            if hours.who not in names:
                message = f"'{hours.who}' is not on the staff"
                problems.append(source.problem((*path, "who"), message, _who_fix(hours.who, names)))
            if hours.start and hours.end and hours.end < hours.start:
                message = f"the office hours end ({hours.end}) before they start ({hours.start})"
                fix = "swap `start` and `end`"
                problems.append(source.problem((*path, "end"), message, fix))
    return problems


def _who_fix(who: str, names: list[str]) -> str:
    guess = difflib.get_close_matches(who, names, n=1)
    if guess:
        return f"did you mean '{guess[0]}'?"
    if names:
        return f"use one of: {', '.join(names)}"
    return "add them under the offering's (or the course's) `staff`"


@dataclass(frozen=True)
class WeeklySeries:
    """One office hour on one weekday: its first date, last possible date and the dates in
    between it skips (holidays). `identity` names it in UIDs: who, day and time, never its
    position, so adding an office hour leaves the others' UIDs alone."""

    identity: str
    hours: OfficeHours
    person: StaffMember | None
    day: Weekday
    first: dt.date
    until: dt.date
    skipped: tuple[dt.date, ...]

    @property
    def start(self) -> dt.time:
        return self.hours.times()[0]

    @property
    def end(self) -> dt.time:
        return self.hours.times()[1]

    def dates(self) -> list[dt.date]:
        """Every date it is held."""
        days = []
        day = self.first
        while day <= self.until:
            if day not in self.skipped:
                days.append(day)
            day += dt.timedelta(days=7)
        return days


def weekly_series(offering: BuiltOffering, course: Course) -> list[WeeklySeries]:
    """Each office hour and weekday of the offering as a series inside the term, in the
    order written."""
    people = {person.name: person for person in staff_of(offering, course)}
    closed = _holidays(offering.term.holidays)
    series = []
    for hours in offering.office_hours:
        begin = max(hours.start or offering.term.start, offering.term.start)
        until = min(hours.end or offering.term.end, offering.term.end)
        for day in dict.fromkeys(hours.days):
            first = begin + dt.timedelta(days=(WEEKDAYS.index(day) - begin.weekday()) % 7)
            if first > until:
                continue
            # Holidays on its weekday: the dates a weekly rule must leave out.
            skipped = tuple(d for d in closed if first <= d <= until and (d - first).days % 7 == 0)
            identity = f"office-hours-{_slug(hours.who)}-{day.lower()}-{hours.times()[0]:%H%M}"
            person = people.get(hours.who)
            series.append(WeeklySeries(identity, hours, person, day, first, until, skipped))
    return series


def next_office_hours(
    series: Sequence[WeeklySeries], after: dt.date, days: int = 7
) -> list[tuple[dt.date, WeeklySeries]]:
    """Office hours held from `after` for `days` days, by date and time."""
    last = after + dt.timedelta(days=days - 1)
    found = [(d, s) for s in series for d in s.dates() if after <= d <= last]
    return sorted(found, key=lambda pair: (pair[0], pair[1].start, pair[1].hours.who))


def _holidays(holidays: Sequence[Holiday]) -> list[dt.date]:
    return sorted({day for holiday in holidays for day in holiday.days()})


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "staff"
