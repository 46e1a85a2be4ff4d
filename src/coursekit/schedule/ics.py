"""One offering's schedule as an iCalendar file (RFC 5545) that students can subscribe to.

Takes the rows and deadlines `calendar.py` computed; the site writes the bytes next to the
schedule page. UIDs come from the offering and each session's identity (its `id`, else its
kind and title), never its position, so inserting a session leaves the other events alone.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Callable, Sequence
from importlib.metadata import version
from urllib.parse import urlsplit

import icalendar

from coursekit.clock import build_time
from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for
from coursekit.schedule.dated import DatedSession, Deadline
from coursekit.schedule.kinds import calendar_prefix
from coursekit.schedule.link import Link

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")


def calendar_ics(
    offering_id: str,
    offering_title: str,
    dated_sessions: Sequence[DatedSession],
    deadlines: Sequence[Deadline],
    timezone: str,
    course_title: str,
    site_url: str | None,
    *,
    include_breaks: bool = True,
    stamp: dt.datetime | None = None,
    locale: str = DEFAULT_LANGUAGE,
) -> bytes:
    """The `.ics` bytes: timed events for class meetings, all-day ones for deadlines and
    (unless `include_breaks` is off) days without class.

    `site_url` is the root of the published site (the folder holding `<ID>/`); events link
    to `<site_url>/<ID>/schedule/#<id>`. `stamp` is the DTSTAMP of every event (default:
    the build's time, `clock.build_time()`: the same for every build of a commit, so a
    re-published calendar is byte for byte the same file). Summaries are in `locale`.
    """
    _ = gettext_for(locale)
    zone = zoneinfo.ZoneInfo(timezone)
    stamp = stamp or build_time()
    host = urlsplit(site_url).hostname if site_url else None
    page = f"{site_url.rstrip('/')}/{offering_id}/schedule/" if site_url else None
    calendar = icalendar.Calendar.new(
        prodid=f"-//coursekit//coursekit {version('coursekit')}//EN",
        method="PUBLISH",
        name=f"{course_title} ({offering_title})",
        uid=f"{offering_id}@{host or 'coursekit'}",
        url=page,
    )
    calendar.add("X-WR-TIMEZONE", timezone)
    uids = _Uids(offering_id, host or "coursekit")
    for rows in _meetings(dated_sessions, include_breaks):
        calendar.add_component(_meeting_event(rows, uids, stamp, zone, page, _))
    for deadline in deadlines:
        calendar.add_component(_deadline_event(deadline, uids, stamp, page, _))
    days = [row.date for row in dated_sessions] + [d.date for d in deadlines]
    if days:
        calendar.add_missing_timezones(min(days), max(days) + dt.timedelta(days=1))
    return calendar.to_ical()


def _meeting_event(
    rows: list[DatedSession],
    uids: _Uids,
    stamp: dt.datetime,
    zone: zoneinfo.ZoneInfo,
    page: str | None,
    _: Callable[[str], str],
) -> icalendar.Event:
    """One class meeting (its rows joined) as a timed event, or an all-day one without times."""
    first = rows[0]
    summary = "; ".join(plain_text(row.title) for row in rows)
    prefix = calendar_prefix(first.kind)
    if prefix:
        summary = _("%(kind)s: %(title)s") % {"kind": _(prefix), "title": summary}
    identity = first.id or f"{first.kind}-{_slug(first.title)}"
    event = icalendar.Event.new(
        uid=uids.make(identity),
        summary=summary,
        stamp=stamp,
        location=first.location,
        url=f"{page}#{first.id}" if page and first.id else page,
        description=_description(rows, page, _),
        categories=[first.kind],
    )
    if first.start_time and first.end_time:
        event.start = dt.datetime.combine(first.date, first.start_time, tzinfo=zone)
        event.end = dt.datetime.combine(first.date, first.end_time, tzinfo=zone)
    else:
        _all_day(event, first.date)
    return event


def _deadline_event(
    deadline: Deadline,
    uids: _Uids,
    stamp: dt.datetime,
    page: str | None,
    _: Callable[[str], str],
) -> icalendar.Event:
    """A deadline as an all-day event linking the assignment (or the schedule page)."""
    url = deadline.url if deadline.url and _is_web(deadline.url) else page
    detail = f"{deadline.title} ({deadline.detail})" if deadline.detail else deadline.title
    event = icalendar.Event.new(
        uid=uids.make(f"due-{_slug(deadline.title)}"),
        summary=_("Due: %(title)s") % {"title": plain_text(deadline.title)},
        stamp=stamp,
        url=url,
        description="\n".join(
            filter(None, [_("Due: %(title)s") % {"title": plain_text(detail)}, url])
        ),
        categories=["due"],
    )
    _all_day(event, deadline.date)
    return event


def _meetings(rows: Sequence[DatedSession], include_breaks: bool) -> list[list[DatedSession]]:
    """One event per class meeting: a `continues` row joins the row before it."""
    meetings: list[list[DatedSession]] = []
    for row in rows:
        if row.kind == "break" and not include_breaks:
            continue
        if row.continues and meetings and meetings[-1][0].date == row.date:
            meetings[-1].append(row)
        else:
            meetings.append([row])
    return meetings


def _all_day(event: icalendar.Event, day: dt.date) -> None:
    event.start = day
    event.end = day + dt.timedelta(days=1)
    # All-day items (deadlines, breaks) should not mark anyone busy.
    event.add("TRANSP", "TRANSPARENT")


def _description(rows: list[DatedSession], page: str | None, _: Callable[[str], str]) -> str:
    lines = []
    for row in rows:
        lines.append(plain_text(row.title, keep_urls=True))
        if row.notes:
            lines.append(plain_text(row.notes, keep_urls=True))
        if row.link and _is_web(row.link):
            lines.append(row.link)
    if page:
        lines.append(_("Schedule: %(url)s") % {"url": page})
    return "\n".join(lines)


class _Uids:
    """`<offering>-<identity>@<host>`; a second event with the same identity gets `-2`."""

    def __init__(self, offering_id: str, host: str):
        self.offering_id, self.host = offering_id, host
        self.seen: Counter[str] = Counter()

    def make(self, identity: str) -> str:
        self.seen[identity] += 1
        count = self.seen[identity]
        suffix = f"-{count}" if count > 1 else ""
        return f"{self.offering_id}-{identity}{suffix}@{self.host}"


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", plain_text(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-") or "session"


def plain_text(text: str, *, keep_urls: bool = False) -> str:
    """Inline markdown → text: `[Safety](u)` → `Safety` (or `Safety <u>`), no emphasis."""
    text = _LINK.sub(lambda m: f"{m[1]} <{m[2]}>" if keep_urls else m[1], text)
    return re.sub(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)", "", text).strip()


def _is_web(link: str) -> bool:
    return Link.parse(link).is_web
