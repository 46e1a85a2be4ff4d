"""The `course.changes` and `course.announcements` settings of `schedule.yaml`: how far back
the change log reads git history, and whether announcements go into `calendar.ics`.

`schedule/settings.py` puts them on the course; their docstrings feed the field reference.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, StrictBool

from coursekit.schedule import fields, scalars


class ChangeLogSettings(fields.Model):
    """Which commits the "What changed" page of each built offering reads.

    ```yaml
    changes: {weeks_before: 8}       # the default
    changes: {since: 2027-01-04}     # or a date, or a commit: {since: 4f2c9e1}
    ```

    The page lists the commits of `schedule.yaml` on the checked-out branch (its first
    parents) from `since` on; without `since`, from the offering's term start minus
    `weeks_before` weeks, so planning an offering months ahead leaves no trail; it ends
    `weeks_after` weeks after the term. The version just before the first listed commit is
    what the first entry is compared with. Uncommitted edits are not listed.
    """

    since: dt.date | str | None = None
    """A date (`YYYY-MM-DD`, commits on or after it) or a commit id (commits after it)."""
    weeks_before: scalars.WholeNumber = Field(default=8, ge=0)
    """Without `since`: weeks before each offering's term start that the log starts."""
    weeks_after: scalars.WholeNumber = Field(default=4, ge=0)
    """Commits more than this many weeks after an offering's term end are not listed: an
    archived offering's later corrections are no news to its students."""
    enabled: StrictBool = True
    """`false` publishes no "What changed" page or feed."""


class AnnouncementSettings(fields.Model):
    """Where the announcements in `announcements/*.md` appear besides the announcements
    page, the home page and the feed (see docs/reference/announcements.md).

    ```yaml
    announcements: {calendar: true}
    ```
    """

    calendar: StrictBool = False
    """`true` adds each published announcement to the offering's `calendar.ics` as an
    all-day item on its date."""
