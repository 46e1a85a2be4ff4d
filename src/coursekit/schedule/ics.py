"""One offering's schedule as an iCalendar file (RFC 5545) that students can subscribe to.

Takes the rows and deadlines `calendar.py` computed (and the lines `event_text.py` writes);
the site writes the bytes next to the schedule page. UIDs come from the offering and each
session's identity (its `id`, else its kind and title), never its position, so inserting a
session leaves the other events alone.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

import icalendar

from coursekit.clock import build_time
from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for
from coursekit.schedule.dated import DatedSession, Deadline
from coursekit.schedule.due import due_time
from coursekit.schedule.event_text import (
    EventLinks,
    due_label,
    is_web,
    plain_text,
    session_lines,
)
from coursekit.schedule.ics_event import EventCache, IcsEvent, event_bytes, ics_bytes
from coursekit.schedule.kinds import calendar_prefix
from coursekit.schedule.model import DueItem, Session
from coursekit.schedule.settings import Course
from coursekit.schedule.staff import WeeklySeries
from coursekit.schedule.timerange import clock_of

__all__ = ["calendar_ics", "plain_text"]

_END = b"END:VCALENDAR\r\n"

_LINKED = re.compile(r"\]\(https?://")


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
    sessions: Sequence[Session] = (),
    course: Course | None = None,
    links: EventLinks | None = None,
    office_hours: Sequence[WeeklySeries] = (),
    cache: EventCache | None = None,
) -> bytes:
    """The `.ics` bytes: timed events for class meetings and deadlines, all-day ones for
    deadlines without a time and (unless `include_breaks` is off) days without class.

    `site_url` is the root of the published site (the folder holding `<ID>/`); without it
    events link only to what schedule.yaml gives as full URLs (a calendar app cannot resolve
    a link relative to the site), with it `links` (default: `EventLinks`) may make course
    files absolute and events without slides link `<site_url>/<ID>/schedule/#<id>`.
    `sessions` (the offering's, which `DatedSession.index` counts) give the descriptions their
    materials, readings and due items; `course` the due time (`due.due_time`). `stamp` is the
    DTSTAMP of every event (default: the build's time, `clock.build_time()`: the same for
    every build of a commit, so a re-published calendar is byte for byte the same file).
    `office_hours` become weekly events until their last day, skipping holidays. Summaries
    are in `locale`. `cache` keeps each event's bytes by what it says (`ics_event.py`).
    """
    _ = gettext_for(locale)
    zone = zoneinfo.ZoneInfo(timezone)
    stamp = stamp or build_time()
    host = urlsplit(site_url).hostname if site_url else None
    page = f"{site_url.rstrip('/')}/{offering_id}/schedule/" if site_url else None
    if links is None:
        links = EventLinks()
        links.schedule = page
    calendar = icalendar.Calendar.new(
        prodid=f"-//coursekit//coursekit {version('coursekit')}//EN",
        method="PUBLISH",
        name=f"{course_title} ({offering_title})",
        uid=f"{offering_id}@{host or 'coursekit'}",
        url=page,
    )
    calendar.add("X-WR-TIMEZONE", timezone)
    events = _Events(_Uids(offering_id, host or "coursekit"), stamp, zone, links, _)
    events.sessions, events.course = sessions, course
    found = [events.meeting(rows) for rows in _meetings(dated_sessions, include_breaks)]
    found += [events.deadline(group) for group in _deadline_groups(deadlines, sessions)]
    found += [events.office_hours(series) for series in office_hours]
    days = [row.date for row in dated_sessions] + [d.date for d in deadlines]
    days += [day for series in office_hours for day in (series.first, series.until)]
    timed = next((event.start for event in found if isinstance(event.start, dt.datetime)), None)
    if days and timed is not None:
        # The library picks the VTIMEZONE from what the events use: all share one zone,
        # so one event standing in for them is enough.
        calendar.add_component(icalendar.Event.new(start=timed))
        calendar.add_missing_timezones(min(days), max(days) + dt.timedelta(days=1))
        calendar.subcomponents = [c for c in calendar.subcomponents if c.name != "VEVENT"]
    head = ics_bytes(calendar).removesuffix(_END)
    return b"".join([head, *(event_bytes(event, cache) for event in found), _END])


class _Events:
    """Makes the events of one calendar: they share UIDs, stamp, zone, links and words."""

    sessions: Sequence[Session] = ()
    course: Course | None = None

    def __init__(
        self,
        uids: _Uids,
        stamp: dt.datetime,
        zone: zoneinfo.ZoneInfo,
        links: EventLinks,
        _: Callable[[str], str],
    ):
        self.uids, self.stamp, self.zone, self.links, self._ = uids, stamp, zone, links, _

    def session(self, row: DatedSession | Deadline) -> Session | None:
        index = row.index
        return self.sessions[index] if index is not None and index < len(self.sessions) else None

    def due_time(self, item: DueItem) -> dt.time | None:
        if self.course is not None:
            return due_time(item, self.course)
        return clock_of(item.time) if item.time else None

    def meeting(self, rows: list[DatedSession]) -> IcsEvent:
        """One class meeting (its rows joined) as a timed event, or an all-day one without
        times."""
        _ = self._
        first = rows[0]
        summary = "; ".join(plain_text(row.title) for row in rows)
        prefix = calendar_prefix(first.kind)
        if prefix:
            summary = _("%(kind)s: %(title)s") % {"kind": _(prefix), "title": summary}
        identity = first.id or f"{first.kind}-{_slug(first.title)}"
        session = self.session(first)
        url = self.links.session_url(session) if session else None
        if first.start_time and first.end_time:
            when = self._span(first.date, first.start_time, first.end_time)
        else:
            when = _all_day(first.date)
        return IcsEvent(
            uid=self.uids.make(identity),
            summary=summary,
            stamp=self.stamp,
            location=session.location if session and session.location else first.location,
            url=url or self.links.row(first.id),
            description=self._description(rows),
            categories=(first.kind,),
            **when,
        )

    def _span(self, day: dt.date, start: dt.time, end: dt.time) -> dict[str, Any]:
        return {
            "start": dt.datetime.combine(day, start, tzinfo=self.zone),
            "end": dt.datetime.combine(day, end, tzinfo=self.zone),
        }

    def _description(self, rows: list[DatedSession]) -> str:
        """Each row's materials, readings and due items; with more than one topic in the
        meeting, each under its title (one alone is the summary already)."""
        lines = []
        for row in rows:
            if len(rows) > 1 or _LINKED.search(row.title):
                # A title's own links are its materials: keep their URLs.
                lines.append(plain_text(row.title, keep_urls=True))
            session = self.session(row)
            if session is not None:
                lines += session_lines(session, self.links, self._, self.due_time)
            else:
                lines += [plain_text(row.notes, keep_urls=True)] if row.notes else []
                lines += [row.link] if row.link and is_web(row.link) else []
        if self.links.schedule:
            lines.append(self._("Schedule: %(url)s") % {"url": self.links.row(rows[0].id)})
        return "\n".join(lines)

    def deadline(self, group: list[tuple[Deadline, DueItem]]) -> IcsEvent:
        """Due items (one, or one and its alternatives) as an event at their due time, all
        day when no time is known, linking the first item's page (or its schedule row)."""
        _ = self._
        first, item = group[0]
        titles = f" {_('or')} ".join(plain_text(d.title) for d, _i in group)
        url = self.links.link(first.url) if first.url else None
        row = self.links.row(first.session_id)
        lines = [due_label(i, self.links) for _d, i in group[:1]]
        lines += [f"{_('or')} {due_label(i, self.links)}" for _d, i in group[1:]]
        if row:
            lines.append(_("Schedule: %(url)s") % {"url": row})
        time = self.due_time(item)
        # A moment, not a span: DTEND equal to DTSTART, and no one is marked busy.
        when = _all_day(first.date) if time is None else self._span(first.date, time, time)
        when["transparent"] = True
        return IcsEvent(
            uid=self.uids.make(f"due-{_slug(first.title)}"),
            summary=_("Due: %(title)s") % {"title": titles},
            stamp=self.stamp,
            url=url or row,
            description="\n".join(lines),
            categories=("due",),
            **when,
        )

    def office_hours(self, series: WeeklySeries) -> IcsEvent:
        """One office hour on one weekday: weekly until its last day (RRULE), without the
        holidays (EXDATE)."""
        hours, person = series.hours, series.person
        lines = [person.role] if person and person.role else []
        url = self.links.link(hours.url) if hours.url else None
        lines += [url] if url else []
        # With a TZID start, UNTIL must be in UTC (RFC 5545 3.3.10).
        until = dt.datetime.combine(series.until, series.end, tzinfo=self.zone)
        return IcsEvent(
            uid=self.uids.make(series.identity),
            summary=self._("Office hours: %(name)s") % {"name": plain_text(hours.who)},
            stamp=self.stamp,
            location=hours.location,
            url=url,
            description="\n".join(lines) or None,
            categories=("office-hours",),
            until=until.astimezone(dt.UTC),
            skipped=tuple(
                dt.datetime.combine(d, series.start, tzinfo=self.zone) for d in series.skipped
            ),
            **self._span(series.first, series.start, series.end),
        )


def _deadline_groups(
    deadlines: Sequence[Deadline], sessions: Sequence[Session]
) -> list[list[tuple[Deadline, DueItem]]]:
    """Deadlines with their due items, an `alternative: true` item joining the one before;
    without the sessions, each deadline alone (an item made from what it says)."""
    groups: list[list[tuple[Deadline, DueItem]]] = []
    for deadline in deadlines:
        if deadline.index < len(sessions) and deadline.item < len(sessions[deadline.index].due):
            item = sessions[deadline.index].due[deadline.item]
        else:
            item = DueItem.model_construct(
                title=deadline.title, url=deadline.url, detail=deadline.detail
            )
        previous = groups[-1][0][0] if groups else None
        if item.alternative and previous and previous.index == deadline.index:
            groups[-1].append((deadline, item))
        else:
            groups.append([(deadline, item)])
    return groups


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


def _all_day(day: dt.date) -> dict[str, Any]:
    # All-day items (deadlines, breaks) should not mark anyone busy.
    return {"start": day, "end": day + dt.timedelta(days=1), "transparent": True}


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
