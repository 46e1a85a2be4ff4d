"""The assignments overview of one semester: every due item of the schedule with its due
date (newest deadline first), points and release date from the assignment page.

Called by `render.py`: `assignments_markdown(plan)` fills `templates/assignments.md.j2`.
Due dates come only from the schedule; points and release dates from the pages' front
matter, read once with the course (`schedule/assignments.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coursekit.schedule.link import is_local, local_target
from coursekit.site.inline import render_inline
from coursekit.site.plan import SemesterPlan
from coursekit.site.templating import render

PAGE_URL = "assignments/"


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    anchor: str  # the session's anchor on the schedule page
    title: str
    href: str | None
    available: dt.date | None  # set while the page is not released
    alternative: bool
    detail: str | None
    points: int | None
    released: dt.date | None


def assignments_markdown(plan: SemesterPlan) -> str:
    rows = []
    for i, session in enumerate(plan.offering.sessions):
        for item in session.due:
            page = None
            if item.url and is_local(item.url):
                page = plan.assignments.get(local_target(item.url))
            # A link to a part of the page (`#m1`) shows the page's points for none of it.
            whole = page if page is not None and "#" not in (item.url or "") else None
            held = page is not None and plan.withheld(page.released)
            rows.append(
                Deadline(
                    day=plan.dates[i],
                    anchor=f"#{session.id}" if session.id else "",
                    title=item.title,
                    href=plan.href(item.url, PAGE_URL) if item.url and not held else None,
                    available=page.released if held and page else None,
                    alternative=item.alternative,
                    detail=item.detail,
                    points=(whole.points or None) if whole else None,
                    released=whole.released if whole else None,
                )
            )
    # Newest deadline first; items due the same day keep their schedule order.
    rows.sort(key=lambda row: -row.day.toordinal())
    policy = plan.course.schedule.course.assignments.policy
    return render(
        "assignments.md.j2",
        offering=plan.offering,
        rows=rows,
        locale=plan.locale,
        # The course's own words, inline markdown as in titles; its links resolve like theirs.
        policy=render_inline(policy, lambda link: plan.href(link, PAGE_URL)) if policy else None,
    )
