"""The assignments overview of one semester and the fact box at the top of each assignment
page: due date and time, release date, points, kind, sessions and where to submit.

Called by `render.py`: `assignments_markdown(plan)` fills `templates/assignments.md.j2`;
`with_facts(plan, source, text)` puts `templates/assignment_facts.md.j2` below a page's
heading. Due dates come only from the schedule (times from `schedule.due.due_time`); points,
kind, release dates and `submit:` from the pages' front matter (`schedule/assignments.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from coursekit.i18n import N_, gettext_for
from coursekit.schedule.assignments import Assignment
from coursekit.schedule.due import due_time
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import DueItem, Session
from coursekit.schedule.yamlsource import front_matter_end
from coursekit.site.inline import render_inline, without_links
from coursekit.site.links import page_url, relative_href
from coursekit.site.plan import SemesterPlan
from coursekit.site.templating import render

PAGE_URL = "assignments/"

# Submission sites by the end of their host name: "Submit on Gradescope". A host not listed
# is named as it is ("Submit on example.org"); `submit_label` overrides either.
_SITES = {
    "gradescope.com": "Gradescope",
    "instructure.com": "Canvas",
    "classroom.github.com": "GitHub Classroom",
    "github.com": "GitHub",
    "moodle.org": "Moodle",
    "blackboard.com": "Blackboard",
    "autolab.andrew.cmu.edu": "Autolab",
    "forms.gle": "Google Forms",
    "docs.google.com": "Google Forms",
    "forms.office.com": "Microsoft Forms",
}
SUBMIT_ON = N_("Submit on %(site)s")


@dataclass(frozen=True)
class Deadline:
    """One due item of the schedule, as the overview lists it."""

    day: dt.date
    time: dt.time | None
    anchor: str  # the session's anchor on the schedule page
    page: str | None  # the assignment page it links (repository path)
    title: str
    href: str | None  # None while the page is not released (or the item links nothing)
    alternative: bool
    detail: str | None
    points: int | None
    kind: str | None
    out: dt.date | None  # the page's release date, shown once
    upcoming: bool  # due on or after the build's day


def deadlines(plan: SemesterPlan, from_url: str = PAGE_URL) -> list[Deadline]:
    """Every due item of the offering in schedule order, with what its page says."""
    course = plan.course.schedule.course
    rows = []
    for i, session in enumerate(plan.offering.sessions):
        for item in session.due:
            page = linked_page(plan, item)
            whole = page if page is not None and "#" not in (item.url or "") else None
            held = page is not None and plan.withheld(page.released)
            rows.append(
                Deadline(
                    day=plan.dates[i],
                    time=due_time(item, course),
                    anchor=f"#{session.id}" if session.id else "",
                    page=page.path if page else None,
                    title=item.title,
                    href=plan.href(item.url, from_url) if item.url and not held else None,
                    alternative=item.alternative,
                    detail=item.detail,
                    points=_points(page, item, whole is not None),
                    kind=page.kind if page else None,
                    out=page.released if page else None,
                    upcoming=plan.dates[i] >= plan.as_of,
                )
            )
    return rows


def _points(page: Assignment | None, item: DueItem, whole: bool) -> int | None:
    """The page's points for a link to the whole page; for a link to a part (`#m1`), the
    points of the milestone the item names, never the whole page's."""
    if page is None:
        return None
    if whole:
        return page.points or None
    part = page.milestone(item.title)
    return part.points if part else None


def linked_page(plan: SemesterPlan, item: DueItem) -> Assignment | None:
    """The assignment page a due item links, if it links one of the course."""
    if item.url and is_local(item.url):
        return plan.assignments.get(local_target(item.url))
    return None


def assignments_markdown(plan: SemesterPlan) -> str:
    rows = deadlines(plan)
    # What is still ahead comes first, the soonest on top; then what is past, the latest
    # on top. Items due the same day keep their schedule order (an "or" stays below its
    # alternative).
    upcoming = sorted((r for r in rows if r.upcoming), key=lambda r: r.day)
    past = sorted((r for r in rows if not r.upcoming), key=lambda r: r.day, reverse=True)
    policy = plan.course.schedule.course.assignments.policy
    return render(
        "assignments.md.j2",
        offering=plan.offering,
        groups=[group for group in (("upcoming", upcoming), ("past", past)) if group[1]],
        total=len(rows),
        locale=plan.locale,
        # The course's own words, inline markdown as in titles; its links resolve like theirs.
        policy=render_inline(policy, lambda link: plan.href(link, PAGE_URL)) if policy else None,
    )


def submit_link(page: Assignment, locale: str) -> tuple[str, str] | None:
    """(label, URL) of the page's `submit:` link: its `submit_label`, else named after the
    site it opens."""
    if not page.submit:
        return None
    if page.submit_label:
        return page.submit_label, page.submit
    host = (urlsplit(page.submit).hostname or "").removeprefix("www.")
    site = next(
        (name for end, name in _SITES.items() if host == end or host.endswith("." + end)),
        host,
    )
    return gettext_for(locale)(SUBMIT_ON) % {"site": site}, page.submit


@dataclass(frozen=True)
class SessionLink:
    """A session an assignment belongs to, linked to its schedule row."""

    day: dt.date
    title: Markup
    href: str


def assignment_facts(plan: SemesterPlan, source: str) -> str | None:
    """The fact box of the assignment page `source`, or None for a page no due item of
    the offering links."""
    page = plan.assignments.get(source)
    if page is None or source not in plan.pages:
        return None
    url = page_url(plan.pages[source])
    schedule = relative_href("schedule/", url)
    due = [d for d in deadlines(plan, url) if d.page == source]
    if not due:
        return None
    named = set(page.sessions)
    sessions = []
    for session, day in zip(plan.offering.sessions, plan.dates, strict=True):
        if session.id in named or any(_due_here(item, source) for item in session.due):
            sessions.append(_session_link(session, day, schedule))
    return render(
        "assignment_facts.md.j2",
        locale=plan.locale,
        page=page,
        due=due,
        schedule=schedule,
        sessions=sessions,
        submit=submit_link(page, plan.locale),
    )


def _due_here(item: DueItem, source: str) -> bool:
    return bool(item.url and is_local(item.url) and local_target(item.url) == source)


def _session_link(session: Session, day: dt.date, schedule: str) -> SessionLink:
    # The title's markdown as on the schedule; its own links would nest in this one.
    title = without_links(render_inline(session.title, lambda link: "#"))
    return SessionLink(day, title, schedule + (f"#{session.id}" if session.id else ""))


# A page's own first-level heading, after its front matter and blank lines.
_HEADING = re.compile(r"\n*# [^\n]*(?:\n|\Z)")


def with_facts(plan: SemesterPlan, source: str, text: str) -> str:
    """The page `text` with its fact box right below its heading, or at the top of its
    body when it has none."""
    box = assignment_facts(plan, source)
    if box is None:
        return text
    lines = text.split("\n")
    end = front_matter_end(lines)
    start = 0 if end is None else len("\n".join(lines[: end + 1])) + 1
    heading = _HEADING.match(text, start)
    at = heading.end() if heading else start
    # Blank lines around it: the box is raw HTML, a block of its own for markdown.
    return f"{text[:at]}\n{box}\n{text[at:]}"
