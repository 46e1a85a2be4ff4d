"""Announcements of one semester as students meet them: the announcements page, the latest
three on the home page (pinned first), entries of the Atom feed and, when the course says so,
all-day items in `calendar.ics`.

Called by `changes_page.history_docs` (page, feed, calendar) and `home_page.py` (the home
page's list). What is published is `history.published`: this offering's announcements whose
`release` day has come on the build's `as_of` day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
import markdown
from markupsafe import Markup

from coursekit.clock import build_time
from coursekit.history import Announcement, FeedEntry, published
from coursekit.i18n import gettext_for
from coursekit.schedule.ics import plain_text
from coursekit.site.plan import ANNOUNCEMENTS, CHANGES, SemesterPlan
from coursekit.site.templating import render

PAGE_URL = "announcements/"
HOME_COUNT = 3


@dataclass(frozen=True)
class ShownAnnouncement:
    anchor: str
    title: str
    day: dt.date
    pin: bool
    body: Markup  # the course's own markdown, published as written (like its pages)


def _anchor(item: Announcement) -> str:
    return "announcement-" + re.sub(r"[^A-Za-z0-9_-]+", "-", item.slug).strip("-").lower()


def _shown(item: Announcement) -> ShownAnnouncement:
    return ShownAnnouncement(_anchor(item), item.title, item.date, item.pin, Markup(item.body))


def announcements_markdown(plan: SemesterPlan) -> str:
    items = [_shown(item) for item in _published(plan)]
    return render(
        "announcements.md.j2", locale=plan.locale, offering=plan.offering, announcements=items
    )


@dataclass(frozen=True)
class HomeAnnouncements:
    items: list[ShownAnnouncement]
    changes: bool  # the offering has a "What changed" page to link


def home_announcements(plan: SemesterPlan) -> HomeAnnouncements:
    """The latest `HOME_COUNT` announcements, pinned ones first (none where the offering
    has no announcements page)."""
    items = sorted(_published(plan), key=lambda item: not item.pin)  # stable: newest first
    if ANNOUNCEMENTS not in plan.generated:
        items = []
    shown = [_shown(item) for item in items[:HOME_COUNT]]
    return HomeAnnouncements(shown, CHANGES in plan.generated)


def _published(plan: SemesterPlan) -> list[Announcement]:
    return published(plan.course.announcements, plan.oid, plan.as_of)


def announcement_entries(plan: SemesterPlan, base: str) -> list[FeedEntry]:
    """Feed entries (category `announcements`) for the published announcements; `base` is
    the offering's address (empty: links relative to the feed)."""
    label = gettext_for(plan.locale)("Announcements")
    zone = _zone(plan)
    found = []
    for item in _published(plan):
        day = item.release or item.date
        found.append(
            FeedEntry(
                f"tag:coursekit,{item.date.year}:{plan.oid}/{item.path}",
                item.title,
                dt.datetime.combine(day, dt.time(), zone),
                f"{base}{PAGE_URL}#{_anchor(item)}",
                markdown.markdown(item.body),
                "announcements",
                label,
            )
        )
    return found


def with_announcement_events(
    plan: SemesterPlan, site_url: str | None, calendar: str | bytes | None
) -> dict[str, str | bytes]:
    """`calendar.ics` with an all-day item for each published announcement, when the course
    sets `announcements: {calendar: true}`; else nothing to change."""
    setting = plan.course.schedule.course.announcements.calendar
    items = _published(plan)
    if not (setting and items and plan.calendar_file and calendar is not None):
        return {}
    ics = icalendar.Calendar.from_ical(calendar)
    host = (urlsplit(site_url).hostname if site_url else None) or "coursekit"
    page = f"{site_url.rstrip('/')}/{plan.oid}/{PAGE_URL}" if site_url else None
    _ = gettext_for(plan.locale)
    for item in items:
        event = icalendar.Event()
        event.add("UID", f"{plan.oid}-{_anchor(item)}@{host}")
        event.add("DTSTAMP", build_time())
        event.add("SUMMARY", _("Announcement: %(title)s") % {"title": item.title})
        event.start = item.date
        event.end = item.date + dt.timedelta(days=1)
        event.add("TRANSP", "TRANSPARENT")  # news, not a meeting: nobody is busy
        event.add("DESCRIPTION", plain_text(item.body, keep_urls=True))
        if page:
            event.add("URL", f"{page}#{_anchor(item)}")
        ics.add_component(event)
    return {plan.calendar_file: ics.to_ical()}


def _zone(plan: SemesterPlan) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(plan.offering.term.timezone)
