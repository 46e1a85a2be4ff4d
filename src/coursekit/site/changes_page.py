"""The "What changed" page of one semester (`changes/`) and its Atom feed (`changes.xml`),
which also carries the announcements: the history package's data, shown.

Called by `render.py` through `history_docs(plan, site_url)`, which returns every file the
history adds to the docs folder (these two, the announcements page and, with
`course.announcements.calendar`, the announcements added to `calendar.ics`). Reads git once
per HEAD and offering, so the live preview does not walk the history on every save.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from coursekit.clock import build_time
from coursekit.history import (
    ChangeLog,
    ChangeLogSettings,
    FeedEntry,
    atom_feed,
    change_log,
    head_commit,
)
from coursekit.i18n import gettext_for
from coursekit.site.announcements_page import (
    announcement_entries,
    announcements_markdown,
    with_announcement_events,
)
from coursekit.site.inline import render_inline, without_links
from coursekit.site.plan import ANNOUNCEMENTS, CHANGES, SemesterPlan
from coursekit.site.templating import render

FEED = "changes.xml"
PAGE_URL = "changes/"


@dataclass(frozen=True)
class ShownChange:
    what: str
    title: Markup
    href: str | None  # the session's row on the schedule page
    before: dt.date | None
    after: dt.date | None
    name: str | None
    time: str | None
    time_before: str | None
    was: str | None  # a page's earlier points


@dataclass(frozen=True)
class ShownEntry:
    day: dt.date
    sha: str
    time: dt.datetime
    changes: tuple[ShownChange, ...]


def history_docs(
    plan: SemesterPlan, site_url: str | None, calendar: str | bytes | None
) -> dict[str, str | bytes]:
    """The files the change log and the announcements add to the semester's docs folder;
    `calendar` is the offering's `calendar.ics` so far, which may get the announcements."""
    docs: dict[str, str | bytes] = {}
    base = f"{site_url.rstrip('/')}/{plan.oid}/" if site_url else ""
    feed_entries = announcement_entries(plan, base)
    if CHANGES in plan.generated:
        log = _log(plan)
        entries = _entries(plan, log, "../schedule/")
        docs[CHANGES] = render(
            "changes.md.j2",
            locale=plan.locale,
            offering=plan.offering,
            log=log,
            entries=entries,
            today=plan.as_of,
        )
        feed_entries += _feed_entries(plan, log, base)
    if ANNOUNCEMENTS in plan.generated:
        docs[ANNOUNCEMENTS] = announcements_markdown(plan)
    if feed_entries or CHANGES in plan.generated:
        _ = gettext_for(plan.locale)
        title = f"{plan.course.schedule.course.title} ({plan.offering.title})"
        docs[FEED] = atom_feed(
            f"tag:coursekit,{plan.offering.term.start.year}:{plan.oid}/{FEED}",
            _("%(title)s: what changed") % {"title": title},
            base + PAGE_URL,
            base + FEED,
            feed_entries,
            build_time(),
            author=plan.course.schedule.course.title,
            language=plan.locale.split("_")[0],
        )
    return docs | with_announcement_events(plan, site_url, calendar)


def _log(plan: SemesterPlan) -> ChangeLog:
    meta = plan.course.schedule.course
    root = plan.course.root
    term = plan.offering.term
    return _cached_log(root, head_commit(root), plan.oid, term.start, term.end, meta.changes)


@lru_cache(maxsize=32)
def _cached_log(
    root: Path,
    head: str | None,
    oid: str,
    start: dt.date,
    end: dt.date,
    settings: ChangeLogSettings,
) -> ChangeLog:
    # `head` is only the key: a new commit is a new log.
    return change_log(root, oid, start, settings, end)


def _entries(plan: SemesterPlan, log: ChangeLog, schedule_href: str) -> list[ShownEntry]:
    zone = zoneinfo.ZoneInfo(plan.offering.term.timezone)
    shown = []
    for entry in log.entries:
        local = entry.time.astimezone(zone)
        changes = tuple(_change(change, schedule_href) for change in entry.changes)
        shown.append(ShownEntry(local.date(), entry.sha, local, changes))
    return shown


def _change(change, schedule_href: str) -> ShownChange:  # type: ignore[no-untyped-def]
    if change.what.startswith(("due_", "page_")):
        title = Markup(escape(change.title))  # a due item's or page's title is plain text
    else:
        # The session's title markdown as on the schedule; its own links would nest.
        title = without_links(render_inline(change.title, lambda link: "#"))
    removed = change.what in ("cancelled", "due_removed")
    href = None if removed else schedule_href + (f"#{change.anchor}" if change.anchor else "")
    return ShownChange(
        change.what,
        title,
        href,
        change.before,
        change.after,
        change.name,
        _clock(change.time),
        _clock(change.time_before),
        change.was,
    )


def _clock(value: dt.time | None) -> str | None:
    return f"{value.hour}:{value.minute:02d}" if value else None


def _feed_entries(plan: SemesterPlan, log: ChangeLog, base: str) -> list[FeedEntry]:
    _ = gettext_for(plan.locale)
    label = _("What changed")
    found = []
    for entry in _entries(plan, log, base + "schedule/"):
        body = render("changes_entry.html.j2", locale=plan.locale, entry=entry)
        first = _plain(render("changes_entry.html.j2", locale=plan.locale, entry=entry, only=1))
        more = len(entry.changes) - 1
        title = (
            first if not more else _("%(first)s (and %(num)s more)") % {"first": first, "num": more}
        )
        found.append(
            FeedEntry(
                f"tag:coursekit,{entry.day.year}:{plan.oid}/changes/{entry.sha}",
                title,
                entry.time,
                base + PAGE_URL,
                body,
                "changes",
                label,
            )
        )
    return found


def _plain(fragment: str) -> str:
    """Rendered HTML as the plain text a feed title is."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())
