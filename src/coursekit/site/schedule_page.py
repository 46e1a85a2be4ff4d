"""The schedule page of one semester: the seeds' table (Date | Topic | Reading | Assignments),
one `<tr data-date data-kind>` per session, grouped by week. The last cell says what is due
("Due: I1, 23:59") and what comes out that day ("Out: I2"); an archived offering says so and
points to the current one.

Called by `render.py`: `schedule_markdown(plan)` fills `templates/schedule.md.j2` with one
view model per row. The table is raw HTML inside the markdown page so every row carries the
data attributes the browser scripts and tests rely on; `coursekit.css` turns rows into cards
on phones.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from coursekit.dates import monday_of, week_number
from coursekit.i18n import gettext_for
from coursekit.schedule import kinds
from coursekit.schedule.dated import TermCalendar
from coursekit.schedule.due import due_time
from coursekit.schedule.kinds import KINDS
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import BuiltOffering, ExternalOffering, Session
from coursekit.site.inline import has_link, render_inline, without_links
from coursekit.site.links import relative_href
from coursekit.site.places import is_deck
from coursekit.site.plan import SemesterPlan
from coursekit.site.templating import render

PAGE_URL = "schedule/"


@dataclass(frozen=True)
class Item:
    """A reading or due item as a cell shows it."""

    title: str
    href: str | None
    available: dt.date | None  # set while its assignment page is not released
    detail: str | None
    alternative: bool


@dataclass(frozen=True)
class Deadline:
    """A due item as the assignments cell shows it: a deadline, with its time."""

    title: str
    href: str | None  # None while its assignment page is not released
    time: dt.time | None
    detail: str | None
    alternative: bool


@dataclass(frozen=True)
class Release:
    """An assignment page that comes out on a session's day ("Out: …")."""

    title: str
    href: str | None


@dataclass(frozen=True)
class Topic:
    """A session's topic cell."""

    kind: str
    badge: str | None
    title: Markup
    title_href: str | None = None
    available: dt.date | None = None  # set while the session is not released
    links: tuple[tuple[str, str | None], ...] = ()
    notes: Markup | None = None


@dataclass(frozen=True)
class Row:
    """A week heading (`week` set) or a session."""

    day: dt.date
    week: dt.date | None = None
    number: int = 0
    session: Session | None = None
    topic: Topic | None = None
    readings: tuple[Item, ...] = ()
    due: tuple[Deadline, ...] = ()
    out: tuple[Release, ...] = ()


def schedule_markdown(plan: SemesterPlan) -> str:
    rows: list[Row] = []
    week_start = None
    sessions = _sessions(plan.offering, plan.dates, plan.calendar, plan.locale)
    releases = _releases(plan, sessions)
    for i, (session, day) in enumerate(sessions):
        monday = monday_of(day)
        if monday != week_start:
            week_start = monday
            number = week_number(monday, plan.offering.term.start)
            rows.append(Row(day, week=monday, number=number))
        rows.append(_row(session, day, plan, releases.get(i, ())))
    return render(
        "schedule.md.j2",
        locale=plan.locale,
        oid=plan.oid,
        offering=plan.offering,
        # No one should subscribe to a past term's calendar, so an archived offering offers
        # none; its calendar.ics is still written, so that existing subscriptions keep
        # working instead of failing in every subscriber's calendar app.
        calendar_file=None if plan.archived else plan.calendar_file,
        archived=plan.archived,
        current=_current(plan),
        rows=rows,
    )


def _current(plan: SemesterPlan) -> tuple[str, str | None] | None:
    """(title, schedule URL) of the offering an archived one points to."""
    if not plan.archived or plan.current is None:
        return None
    offering = plan.course.schedule.offerings[plan.current]
    if isinstance(offering, ExternalOffering):
        return offering.title, offering.url
    # Each built offering is a folder beside this one: <out>/<ID>/schedule/.
    return offering.title, f"../../{plan.current}/{PAGE_URL}"


def _releases(
    plan: SemesterPlan, sessions: list[tuple[Session, dt.date]]
) -> dict[int, tuple[Release, ...]]:
    """Row index → the assignment pages that come out that day: each page the offering's
    due items link, at the first class meeting on or after its `released` date."""
    titles: dict[str, str] = {}
    for session in plan.offering.sessions:
        for item in session.due:
            if item.url and is_local(item.url):
                titles.setdefault(local_target(item.url), item.title)
    # The first meeting on or after a day is the first whose running maximum of days
    # reaches it: a bisection (rows out of date order included), not a scan per page.
    meetings: list[tuple[dt.date, int]] = []
    for i, (s, day) in enumerate(sessions):
        if s.kind != "break":
            meetings.append((max(day, meetings[-1][0]) if meetings else day, i))
    found: dict[int, list[Release]] = {}
    for source, first_title in titles.items():
        page = plan.assignments.get(source)
        if page is None or page.released is None:
            continue
        released = page.released
        k = bisect.bisect_left(meetings, (released, -1))
        at = meetings[k][1] if k < len(meetings) else None
        if at is not None:
            href = None if plan.withheld(released) else plan.href(source, PAGE_URL)
            found.setdefault(at, []).append(Release(page.title or first_title, href))
    return {i: tuple(out) for i, out in found.items()}


def _sessions(
    offering: BuiltOffering,
    dates: Sequence[dt.date],
    calendar: TermCalendar | None,
    locale: str,
) -> list[tuple[Session, dt.date]]:
    """The table's rows in date order: the offering's sessions, and a "No class" row for
    each holiday the term calendar found on a meeting day."""
    rows = list(zip(offering.sessions, dates, strict=True))
    if calendar is None:
        return rows
    result = []
    for row in calendar.sessions:
        if row.index is not None:
            result.append(rows[row.index])
        elif row.generated:
            _ = gettext_for(locale)
            kind = _(KINDS["break"].label)
            title = _("%(kind)s: %(title)s") % {"kind": kind, "title": row.title}
            holiday = Session(kind="break", title=title, date=row.date)
            result.append((holiday, row.date))
    return result


def _row(session: Session, day: dt.date, plan: SemesterPlan, out: tuple[Release, ...]) -> Row:
    return Row(
        day,
        session=session,
        topic=_topic(session, plan),
        readings=items(session.readings, plan, PAGE_URL),
        due=_deadlines(session, plan),
        out=out,
    )


def _deadlines(session: Session, plan: SemesterPlan) -> tuple[Deadline, ...]:
    course = plan.course.schedule.course
    shown = []
    for item in session.due:
        held = plan.withheld(plan.page_release(item.url) if item.url else None)
        href = plan.href(item.url, PAGE_URL) if item.url and not held else None
        time = due_time(item, course)
        shown.append(Deadline(item.title, href, time, item.detail, item.alternative))
    return tuple(shown)


def _topic(session: Session, plan: SemesterPlan) -> Topic:
    label = kinds.badge(session.kind)
    badge = gettext_for(plan.locale)(label) if label else None
    if plan.withheld(session.release):
        # Not online yet: the topic without links, and when it will be.
        plain = without_links(render_inline(session.title, lambda link: "#"))
        return Topic(session.kind, badge, plain, available=session.release)
    title = render_inline(session.title, lambda link: plan.href(link, PAGE_URL))
    target = title_href(session, plan)
    notes = None
    if session.notes:
        notes = render_inline(session.notes, lambda link: plan.href(link, PAGE_URL))
    return Topic(
        session.kind,
        badge,
        title,
        title_href=target if target and not has_link(session.title) else None,
        links=topic_links(session, plan),
        notes=notes,
    )


def title_href(session: Session, plan: SemesterPlan, page_url: str = PAGE_URL) -> str | None:
    """Where a session's title links from the page at `page_url`: its `url`, else the slides
    (a rendered deck or a URL), else the notebook page (the schedule and week pages)."""
    if session.url:
        return plan.href(session.url, page_url)
    if is_deck(session.slides):
        return relative_href(plan.decks[local_target(session.slides or "")].slides_url, page_url)
    if session.slides:
        return plan.href(session.slides, page_url)
    if session.notebook:
        place = plan.notebooks.get(local_target(session.notebook))
        return (
            relative_href(place.url, page_url) if place else plan.href(session.notebook, page_url)
        )
    return None


def topic_links(
    session: Session, plan: SemesterPlan, page_url: str = PAGE_URL, *, videos: bool = True
) -> tuple[tuple[str, str | None], ...]:
    """A session's labelled links after its title, from the page at `page_url` (the schedule
    and week pages; `videos` False leaves recordings to the week page's players)."""
    _ = gettext_for(plan.locale)
    labelled: list[tuple[str, str | None]] = []
    if is_deck(session.slides):
        place = plan.decks[local_target(session.slides or "")]
        labelled.append((_("handout"), relative_href(place.handout_url, page_url)))
        labelled.append((_("md"), plan.markdown_href(place.source, page_url, place.md_url)))
        if plan.pdf:
            labelled.append((_("pdf"), relative_href(place.pdf_url, page_url)))
    if session.md:  # the rendered view where the repository is known (plan.markdown_href)
        labelled.append((_("md"), plan.markdown_href(session.md, page_url)))
    if session.pdf:
        labelled.append((_("pdf"), plan.href(session.pdf, page_url)))
    solved = local_target(session.notebook) if session.notebook else None
    if solved in plan.solutions:
        url = plan.notebooks[solved].solution.url
        labelled.append((_("solution"), relative_href(url, page_url)))
    for label, values in (
        (_("video"), session.video if videos else []),
        (_("book chapter"), session.book),
        (_("blog post"), session.blog),
        (_("lecture notes"), session.lecture_notes),
    ):
        for i, value in enumerate(values, start=1):
            name = f"{label} {i}" if len(values) > 1 else label
            labelled.append((name, plan.href(value, page_url)))
    labelled += [
        (extra.label, plan.href(extra.url, page_url) if extra.url else None)
        for extra in session.links
    ]
    return tuple((label, href or None) for label, href in labelled)


def items(entries, plan: SemesterPlan, page_url: str) -> tuple[Item, ...]:  # type: ignore[no-untyped-def]
    """Readings or due items: a due item whose assignment page is not released yet is shown
    without its link."""
    shown = []
    for item in entries:
        release = plan.page_release(item.url) if item.url else None
        held = plan.withheld(release)
        href = plan.href(item.url, page_url) if item.url and not held else None
        shown.append(
            Item(item.title, href, release if held else None, item.detail, item.alternative)
        )
    return tuple(shown)
