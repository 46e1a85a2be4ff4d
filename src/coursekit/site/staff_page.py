"""The staff page of one semester (who teaches, with photo, role, pronouns, email and bio, and
their office hours as a week grid, a list on phones) and the next office hours for the home
page.

Called by `render.py` (`staff_markdown`, filling `templates/staff.md.j2`) and `home_page.py`
(`upcoming_office_hours`, read by `templates/home_office_hours.md.j2`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from coursekit.dates import weekday_abbreviation
from coursekit.schedule import (
    WEEKDAYS,
    StaffMember,
    WeeklySeries,
    next_office_hours,
    staff_of,
    weekly_series,
)
from coursekit.site.inline import render_inline
from coursekit.site.plan import STAFF, SemesterPlan
from coursekit.site.templating import render

PAGE_URL = "staff/"
_STEP = 15  # minutes per row of the week grid


@dataclass(frozen=True)
class Hours:
    """One office hour on one weekday, as the grid, the list and the home page show it."""

    who: str
    day: str  # the weekday's abbreviation in the page's language
    start: str
    end: str
    location: str | None
    href: str | None
    column: int = 0  # grid column (1 holds the times)
    rows: tuple[int, int] = (0, 0)  # grid rows it spans


@dataclass(frozen=True)
class Person:
    name: str
    href: str | None
    role: str | None
    pronouns: str | None
    email: str | None
    photo: str | None
    bio: Markup | None


@dataclass(frozen=True)
class Grid:
    """The week grid: day columns, time labels and the office hours placed on it."""

    days: tuple[tuple[str, int], ...]  # (label, column)
    times: tuple[tuple[str, int], ...]  # (label, row), every full hour
    hours: tuple[Hours, ...]
    rows: int


def staff_markdown(plan: SemesterPlan) -> str:
    course = plan.course.schedule.course
    people = [_person(person, plan) for person in staff_of(plan.offering, course)]
    series = weekly_series(plan.offering, course)
    return render(
        "staff.md.j2",
        locale=plan.locale,
        offering=plan.offering,
        people=people,
        grid=_grid(series, plan),
        by_day=_by_day(series, plan),
    )


def _person(person: StaffMember, plan: SemesterPlan) -> Person:
    bio = render_inline(person.bio, lambda link: plan.href(link, PAGE_URL)) if person.bio else None
    return Person(
        person.name,
        plan.href(person.url, PAGE_URL) if person.url else None,
        person.role,
        person.pronouns,
        person.email,
        plan.href(person.photo, PAGE_URL) if person.photo else None,
        bio,
    )


def _hours(series: WeeklySeries, plan: SemesterPlan, from_url: str = PAGE_URL) -> Hours:
    href = plan.href(series.hours.url, from_url) if series.hours.url else None
    return Hours(
        series.hours.who,
        weekday_abbreviation(series.day, plan.locale),
        f"{series.start:%H:%M}",
        f"{series.end:%H:%M}",
        series.hours.location,
        href or None,
    )


def _row(time: dt.time, top: int) -> int:
    """The grid row a time starts (row 1 holds the day names)."""
    return (time.hour * 60 + time.minute - top) // _STEP + 2


def _grid(series: Sequence[WeeklySeries], plan: SemesterPlan) -> Grid | None:
    """Columns for the weekdays that have office hours, rows of 15 minutes from the first
    full hour before the earliest start to the latest end."""
    if not series:
        return None
    days = [day for day in WEEKDAYS if any(s.day == day for s in series)]
    top = min(s.start.hour for s in series) * 60
    bottom = max(s.end.hour * 60 + s.end.minute for s in series)
    rows = (bottom - top + _STEP - 1) // _STEP
    columns = {day: i + 2 for i, day in enumerate(days)}
    ordered = sorted(series, key=lambda s: (WEEKDAYS.index(s.day), s.start))
    placed = [
        replace(_hours(s, plan), column=columns[s.day], rows=(_row(s.start, top), _row(s.end, top)))
        for s in ordered
    ]
    hours = range(top // 60, (bottom + 59) // 60)
    return Grid(
        tuple((weekday_abbreviation(day, plan.locale), columns[day]) for day in days),
        tuple((f"{hour:02d}:00", _row(dt.time(hour), top)) for hour in hours),
        tuple(placed),
        rows + 1,
    )


def _by_day(series: Sequence[WeeklySeries], plan: SemesterPlan) -> list[tuple[str, list[Hours]]]:
    """The list shown on phones: weekdays in order, each with its office hours by time."""
    days = []
    for day in WEEKDAYS:
        todays = sorted((s for s in series if s.day == day), key=lambda s: s.start)
        if todays:
            label = weekday_abbreviation(day, plan.locale)
            days.append((label, [_hours(s, plan) for s in todays]))
    return days


def upcoming_office_hours(plan: SemesterPlan, days: int = 7) -> list[tuple[dt.date, Hours]]:
    """Office hours in the `days` days from the build's day (or the term's start, before
    it), for the home page; links are relative to the home page."""
    if STAFF not in plan.generated:
        return []
    series = weekly_series(plan.offering, plan.course.schedule.course)
    after = max(plan.as_of, plan.offering.term.start)
    return [(day, _hours(one, plan, "")) for day, one in next_office_hours(series, after, days)]
