"""The one grammar for a time of day range, `13:25-14:45`, and the validator of a meeting's.

A deadline's time of day (`ClockTime`, `23:59`) is checked by `clock_time`.
`parse_time_range` reads what people write (`13:25–14:45`, `5:30-8:30 PM`, `1-4pm`); the
calendar uses it for a session's own `time`. A meeting pattern (`model.Meeting.time`) must be
24-hour `HH:MM-HH:MM`, which `meeting_time` checks and the JSON schema's pattern mirrors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, Field

from coursekit.schedule.fixable import FixableError

_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?"
_DASH = "[-–]"  # a hyphen, or the en dash word processors turn it into
_RANGE = re.compile(rf"^\s*{_CLOCK}\s*{_DASH}\s*{_CLOCK}\s*$", re.I)
# What a meeting's time may be (also its JSON schema pattern): 24-hour, minutes written.
_HOUR_MINUTE = r"([01]?[0-9]|2[0-3]):[0-5][0-9]"
MEETING_PATTERN = rf"^{_HOUR_MINUTE}\s*{_DASH}\s*{_HOUR_MINUTE}$"


def parse_time_range(text: str) -> tuple[dt.time, dt.time] | None:
    """`13:25-14:45`, `5:30-8:30 PM`, `1-4pm`, `11am–12:30pm` → (start, end); None if unclear
    or if it ends before it starts.

    A meridiem written only at the end applies to the start too, unless that would put the
    start after the end (`11-1pm` is 11 am to 1 pm).
    """
    times = _clocks(text)
    if times is None:
        return None
    start, end = times
    return (start, end) if end > start else None


def _clocks(text: str) -> tuple[dt.time, dt.time] | None:
    """The two times of a range as written, in whichever order."""
    match = _RANGE.match(text)
    if not match:
        return None
    h1, m1, p1, h2, m2, p2 = match.groups()

    def clock(hour: str, minute: str | None, meridiem: str | None) -> dt.time | None:
        h, m = int(hour), int(minute or 0)
        if meridiem:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if meridiem.lower().startswith("p") else 0)
        return dt.time(h, m) if h < 24 and m < 60 else None

    end = clock(h2, m2, p2)
    start = clock(h1, m1, p1 or p2)
    if start and end and p2 and not p1 and start > end:
        start = clock(h1, m1, "am")
    if start is None or end is None:
        return None
    return start, end


def meeting_time(value: str) -> str:
    """A meeting's `time`, checked and written the one way (`13:25-14:45`); raises
    `FixableError` saying what to write instead."""
    times = _clocks(value)
    if times is None or not re.match(MEETING_PATTERN, value.strip()):
        fix = 'write it as "HH:MM-HH:MM", in quotes'
        if times is not None:  # `1:25pm-2:45pm`: we know what they meant
            fix += f': "{times[0]:%H:%M}-{times[1]:%H:%M}"'
        raise FixableError("expected a 24-hour time range like 13:25-14:45", fix)
    start, end = times
    if end <= start:
        raise FixableError(
            f"the meeting ends ({end:%H:%M}) before it starts ({start:%H:%M})",
            f'swap the times: "{end:%H:%M}-{start:%H:%M}"',
        )
    return f"{start:%H:%M}-{end:%H:%M}"


def meeting_times(value: str) -> tuple[dt.time, dt.time]:
    """Start and end of a meeting's `time`, which `meeting_time` has checked."""
    times = parse_time_range(value)
    if times is None:  # pragma: no cover - the model validated it
        raise ValueError(f"not a time range: {value!r}")
    return times


def clock_time(value: str) -> str:
    """A due time, `23:59`, checked and written the one way; raises `FixableError` saying
    what to write instead (`5pm` → `"17:00"`)."""
    match = re.match(rf"^\s*{_CLOCK}\s*$", value, re.I)
    if match and re.match(rf"^{_HOUR_MINUTE}$", value.strip()):
        hour, minute = value.strip().split(":")
        return f"{int(hour):02d}:{minute}"
    fix = 'write it as "HH:MM" (24-hour), in quotes'
    times = _clocks(f"{value}-{value}") if match else None
    if times is not None:  # `5pm`: we know what they meant
        fix += f': "{times[0]:%H:%M}"'
    raise FixableError("expected a 24-hour time of day like 23:59", fix)


def clock_of(value: str) -> dt.time:
    """The `datetime.time` of a `ClockTime` the model has checked."""
    hour, minute = value.split(":")
    return dt.time(int(hour), int(minute))


# A time of day such as a deadline's, `23:59`.
ClockTime = Annotated[
    str, AfterValidator(clock_time), Field(json_schema_extra={"pattern": f"^{_HOUR_MINUTE}$"})
]

# A meeting's weekly time; that the range ends after it starts only the loader can tell.
MeetingTime = Annotated[
    str, AfterValidator(meeting_time), Field(json_schema_extra={"pattern": MEETING_PATTERN})
]
