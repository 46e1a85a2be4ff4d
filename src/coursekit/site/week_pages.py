"""Week pages: `weeks/<N>/` for every week of an offering's term, with the sessions of that
week (materials, readings, recordings), what is due (date and time) and what comes out.

`plan.py` decides which weeks there are (`term_weeks`, in `plan.weeks`); `render.py` calls
`week_pages(plan)` for their markdown, filled into `templates/week.md.j2`. The schedule's
week bands link here. Recordings on YouTube or Panopto are embedded with their
privacy-enhanced players (`videos.py`), always with a plain link beside them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from coursekit.dates import monday_of
from coursekit.i18n import gettext_for
from coursekit.schedule import kinds
from coursekit.schedule.due import due_time
from coursekit.schedule.kinds import KINDS
from coursekit.schedule.link import local_target
from coursekit.schedule.model import Session
from coursekit.site.inline import has_link, render_inline, without_links
from coursekit.site.links import relative_href
from coursekit.site.places import is_deck
from coursekit.site.plan import SemesterPlan
from coursekit.site.schedule_page import Item, items, title_href, topic_links
from coursekit.site.templating import render
from coursekit.site.videos import Video, video

WEEKS_DIR = "weeks"


def week_docs(number: int) -> str:
    return f"{WEEKS_DIR}/{number}.md"


def week_url(number: int) -> str:
    return f"{WEEKS_DIR}/{number}/"


@dataclass(frozen=True)
class Due:
    """A due item with its date and time of day."""

    title: str
    href: str | None
    day: dt.date
    time: dt.time | None
    available: dt.date | None
    alternative: bool


@dataclass(frozen=True)
class Released:
    """An assignment whose page comes out this week."""

    title: str
    href: str | None
    day: dt.date


@dataclass(frozen=True)
class WeekSession:
    """One session as the week page shows it."""

    day: dt.date
    time: str | None
    kind: str
    badge: str | None
    title: Markup
    title_href: str | None
    row_href: str
    available: dt.date | None
    materials: tuple[tuple[str, str], ...]
    readings: tuple[Item, ...]
    videos: tuple[Video, ...]
    notes: Markup | None


@dataclass(frozen=True)
class Week:
    number: int
    monday: dt.date
    sessions: tuple[WeekSession, ...]
    due: tuple[Due, ...]
    released: tuple[Released, ...]
    previous: int | None
    next: int | None


def week_announcements(plan: SemesterPlan, monday: dt.date) -> list[Any]:
    """The announcements of the week starting `monday`, newest first: objects with `title`,
    `date` and `html` (rendered markdown, `Markup`). None yet; announcements fill this."""
    return []


def week_pages(plan: SemesterPlan) -> dict[str, str]:
    """Every week page of the plan, docs path → markdown."""
    # Each week's rows, gathered in one pass: a scan of every session per week would make
    # a 5,000-session offering (~700 weeks) quadratic.
    by_week: dict[dt.date, list[tuple[Session, dt.date]]] = {}
    for session, day in _dated_sessions(plan):
        by_week.setdefault(monday_of(day), []).append((session, day))
    out_by_week: dict[dt.date, list[Any]] = {}
    for page in plan.assignments.values():
        if page.released:
            out_by_week.setdefault(monday_of(page.released), []).append(page)
    numbers = plan.weeks
    pages = {}
    for i, number in enumerate(numbers):
        monday = monday_of(plan.offering.term.start) + dt.timedelta(weeks=number - 1)
        here = by_week.get(monday, [])
        url = week_url(number)
        week = Week(
            number=number,
            monday=monday,
            sessions=tuple(_session(s, day, plan, url) for s, day in here),
            due=tuple(_due(here, plan, url)),
            released=tuple(_released(plan, out_by_week.get(monday, []), url)),
            previous=numbers[i - 1] if i > 0 else None,
            next=numbers[i + 1] if i + 1 < len(numbers) else None,
        )
        pages[week_docs(number)] = render(
            "week.md.j2",
            locale=plan.locale,
            offering=plan.offering,
            week=week,
            announcements=week_announcements(plan, monday),
        )
    return pages


def _dated_sessions(plan: SemesterPlan) -> Iterator[tuple[Session, dt.date]]:
    """The offering's sessions with their dates, and a "No class" row for each holiday the
    term calendar found on a meeting day (as the schedule shows them)."""
    rows = list(zip(plan.offering.sessions, plan.dates, strict=True))
    if plan.calendar is None:
        yield from rows
        return
    _ = gettext_for(plan.locale)
    for row in plan.calendar.sessions:
        if row.index is not None:
            yield rows[row.index]
        elif row.generated:
            kind = _(KINDS["break"].label)
            title = _("%(kind)s: %(title)s") % {"kind": kind, "title": row.title}
            yield Session(kind="break", title=title, date=row.date), row.date


def _session(session: Session, day: dt.date, plan: SemesterPlan, url: str) -> WeekSession:
    label = kinds.badge(session.kind)
    badge = gettext_for(plan.locale)(label) if label else None
    row = relative_href("schedule/", url) + (f"#{session.id}" if session.id else "")
    held = plan.withheld(session.release)
    if held:
        title = without_links(render_inline(session.title, lambda link: "#"))
    else:
        title = render_inline(session.title, lambda link: plan.href(link, url))
    href = None if held or has_link(session.title) else title_href(session, plan, url)
    return WeekSession(
        day=day,
        time=session.time,
        kind=session.kind,
        badge=badge,
        title=title,
        title_href=href,
        row_href=row,
        available=session.release if held else None,
        materials=() if held else _materials(session, plan, url),
        readings=items(session.readings, plan, url),
        videos=() if held else tuple(video(plan.href(v, url)) for v in session.video),
        notes=render_inline(session.notes, lambda link: plan.href(link, url))
        if session.notes and not held
        else None,
    )


def _materials(session: Session, plan: SemesterPlan, url: str) -> tuple[tuple[str, str], ...]:
    """The session's materials, labelled as on the schedule (recordings are shown apart)."""
    _ = gettext_for(plan.locale)
    labelled: list[tuple[str, str]] = []
    if is_deck(session.slides):
        place = plan.decks[local_target(session.slides or "")]
        labelled.append((_("slides"), relative_href(place.slides_url, url)))
    if session.notebook and local_target(session.notebook) in plan.notebooks:
        place_url = plan.notebooks[local_target(session.notebook)].url
        labelled.append((_("notebook"), relative_href(place_url, url)))
    # Then what the schedule row links, the same labels and targets.
    shown = topic_links(session, plan, url, videos=False)
    labelled += [(label, href) for label, href in shown if href]
    return tuple(labelled)


def _due(here: list[tuple[Session, dt.date]], plan: SemesterPlan, url: str) -> Iterator[Due]:
    course = plan.course.schedule.course
    for session, day in here:
        for shown, item in zip(items(session.due, plan, url), session.due, strict=True):
            yield Due(
                title=shown.title,
                href=shown.href,
                day=day,
                time=due_time(item, course),
                available=shown.available,
                alternative=shown.alternative,
            )


def _released(plan: SemesterPlan, out: list[Any], url: str) -> Iterator[Released]:
    """The assignments `out` (whose pages come out this week), in date order."""
    for page in sorted(out, key=lambda a: (a.released, a.path)):
        assert page.released is not None
        published = page.path in plan.pages and not plan.withheld(page.released)
        href = plan.href(page.path, url) if published else None
        yield Released(page.title or page.path, href, page.released)
