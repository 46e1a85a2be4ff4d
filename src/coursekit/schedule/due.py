"""When a due item is due: its date is its session's, its time the item's own `time` or the
course's `assignments.due_time`. The schedule and assignment pages and `calendar.ics` ask here,
so the three always agree."""

from __future__ import annotations

import datetime as dt

from coursekit.schedule.model import DueItem
from coursekit.schedule.settings import Course
from coursekit.schedule.timerange import clock_of


def due_time(item: DueItem, course: Course) -> dt.time | None:
    """The time of day `item` is due, or None when neither it nor the course says."""
    written = item.time or course.assignments.due_time
    return clock_of(written) if written else None
