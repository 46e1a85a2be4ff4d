"""The calendar of a course `coursekit init` makes: the next semester's dates, its id and
name, the weekly meeting from `--meets`, one break in the middle and the class days left.

Plain data in and out; `scaffold/render.py` turns it into `schedule.yaml`. Problems with an
option's value raise `CourseError` naming the option, so `cli.py` prints them (exit 1).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coursekit.errors import CourseError, Problem
from coursekit.schedule.model import WEEKDAYS
from coursekit.schedule.timerange import parse_time_range

MEETS_EXAMPLE = 'write e.g. --meets "Tue,Thu 10:30-11:50"'
TERM_WEEKS = 15
# Where a semester starts when no --start is given: the first Monday on or after these days,
# as most US universities start (dates can always be passed).
_SEASON_STARTS = ((1, 15, "Spring"), (8, 25, "Fall"))


@dataclass(frozen=True)
class Meets:
    """A weekly meeting: weekdays (`Tue`, `Thu`) and a 24-hour time range (`10:30-11:50`)."""

    days: tuple[str, ...]
    time: str


@dataclass(frozen=True)
class Term:
    """A term's first and last day, id (`S27`), name (`Spring 2027`) and one break."""

    id: str
    title: str
    start: dt.date
    end: dt.date
    break_name: str
    break_start: dt.date
    break_end: dt.date

    def class_days(self, meets: Meets) -> list[dt.date]:
        """Every day the course meets, outside the break: one session each."""
        weekdays = {WEEKDAYS.index(day) for day in meets.days}
        days, day = [], self.start
        while day <= self.end:
            if day.weekday() in weekdays and not self.break_start <= day <= self.break_end:
                days.append(day)
            day += dt.timedelta(days=1)
        return days


def parse_meets(text: str) -> Meets:
    """`Tue,Thu 10:30-11:50` (also `tue/thu 10:30am-11:50am`) → Meets, or a CourseError."""
    # The days are words, the time starts with a digit: "Tue, Thu 1:30-2:50pm".
    match = re.fullmatch(r"\s*([A-Za-z][A-Za-z,/\s]*?)\s*(\d.*)?", text)
    if match is None:
        raise _bad("--meets", f"'{text}' names no weekdays before its time", MEETS_EXAMPLE)
    days_text, time_text = match.group(1), (match.group(2) or "").strip()
    days = []
    for word in re.split(r"[,/\s]+", days_text.strip()):
        day = _weekday(word)
        if day is None:
            raise _bad(
                "--meets", f"'{word}' in '{text}' is not a weekday (Mon … Sun)", MEETS_EXAMPLE
            )
        if day not in days:
            days.append(day)
    if not time_text:
        raise _bad("--meets", f"'{text}' has no time range", MEETS_EXAMPLE)
    times = parse_time_range(time_text)
    if times is None:
        raise _bad(
            "--meets",
            f"'{time_text}' in '{text}' is not a time range within one day (24-hour HH:MM-HH:MM)",
            MEETS_EXAMPLE,
        )
    ordered = tuple(sorted(days, key=WEEKDAYS.index))
    return Meets(ordered, f"{times[0]:%H:%M}-{times[1]:%H:%M}")


def _weekday(word: str) -> str | None:
    """`Tue`, `tues`, `Tuesday` → `Tue`."""
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for short, name in zip(WEEKDAYS, names, strict=True):
        if len(word) >= 3 and name.startswith(word.lower()):
            return short
    return None


def choose_term(
    today: dt.date, start: dt.date | None, end: dt.date | None, offering_id: str | None
) -> Term:
    """The term from --start/--end, each defaulting from the other or from the next semester
    after `today`; the break is the week in its middle."""
    if start is None and end is None:
        start = _next_semester_start(today)
    if start is None:
        assert end is not None
        start = end - dt.timedelta(weeks=TERM_WEEKS) + dt.timedelta(days=3)
    if end is None:
        # The Friday of the term's last week.
        monday = start - dt.timedelta(days=start.weekday())
        end = monday + dt.timedelta(weeks=TERM_WEEKS - 1, days=4)
    if end < start:
        raise _bad(
            "--start",
            f"the term would start on {start}, after it ends on {end}",
            "pass a --start before --end",
        )
    season = _season(start)
    middle = start + (end - start) / 2
    monday = middle - dt.timedelta(days=middle.weekday())
    # A week off in a semester; a single day in a term of a few weeks, which a week would empty.
    first, last = max(monday, start), min(monday + dt.timedelta(days=6), end)
    if end - start < dt.timedelta(weeks=6):
        first = last = middle
    return Term(
        id=offering_id or f"{season[0]}{start.year % 100:02d}",
        title=f"{season} {start.year}",
        start=start,
        end=end,
        break_name=f"{season} break",
        break_start=first,
        break_end=last,
    )


def _next_semester_start(today: dt.date) -> dt.date:
    for year in (today.year, today.year + 1):
        for month, day, _ in _SEASON_STARTS:
            first = dt.date(year, month, day)
            monday = first + dt.timedelta(days=-first.weekday() % 7)
            if monday > today:
                return monday
    raise AssertionError("a semester starts within a year")


def _season(start: dt.date) -> str:
    if start.month <= 5:
        return "Spring"
    return "Summer" if start.month <= 7 else "Fall"


def _bad(option: str, message: str, fix: str) -> CourseError:
    return CourseError(Problem(message, path=option, fix=fix))
