"""One calendar event as plain data, and its iCalendar bytes made (once) by the library.

`ics.py` decides what each event says (`IcsEvent`) and joins the bytes `event_bytes` gives:
an event's bytes depend on nothing but its properties (and the icalendar version), so a
cache keyed by the event itself (its stamp set in afterwards) is never stale, and a warm
build only serializes the events that changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.metadata import version
from typing import Any, Protocol

import icalendar

# Lines up to this many octets are never folded (RFC 5545 3.1: fold before the 75th).
_UNFOLDED = 74
ICALENDAR = version("icalendar")


class EventCache(Protocol):
    """Where event bytes are kept: a dict, or the build session's bounded cache."""

    def __contains__(self, key: object, /) -> bool: ...
    def __getitem__(self, key: Any, /) -> bytes: ...
    def __setitem__(self, key: Any, value: bytes, /) -> None: ...


@dataclass(frozen=True)
class IcsEvent:
    """What one VEVENT says; `start`/`end` are dates for an all-day event."""

    uid: str
    summary: str
    stamp: dt.datetime
    start: dt.date
    end: dt.date
    description: str | None = None
    url: str | None = None
    location: str | None = None
    categories: tuple[str, ...] = ()
    transparent: bool = False
    # Office hours: weekly until this moment (UTC), without these starts.
    until: dt.datetime | None = None
    skipped: tuple[dt.datetime, ...] = ()

    def component(self) -> icalendar.Event:
        """The event as the library's component. Added property by property: `Event.new`
        sets (and then removes) every property an event may have, twice our cost."""
        event = icalendar.Event()
        event.add("DTSTAMP", self.stamp)
        event.add("UID", self.uid)
        event.add("SUMMARY", self.summary)
        for name, value in (
            ("LOCATION", self.location),
            ("URL", self.url),
            ("DESCRIPTION", self.description),
        ):
            if value is not None:
                event.add(name, value)
        if self.categories:
            event.add("CATEGORIES", list(self.categories))
        event.start, event.end = self.start, self.end
        if self.transparent:
            event.add("TRANSP", "TRANSPARENT")
        if self.until is not None:
            event.add("RRULE", {"FREQ": "WEEKLY", "UNTIL": self.until})
        if self.skipped:
            event.add("EXDATE", list(self.skipped))
        return event


def event_bytes(event: IcsEvent, cache: EventCache | None = None) -> bytes:
    """The VEVENT's bytes, from `cache` when an event equal but for its stamp was serialized
    before: every event of a build carries the build's time, so keyed with it, no event
    would be reused from one build (or preview save) to the next."""
    unstamped = replace(event, stamp=_PLACEHOLDER)
    key = (ICALENDAR, unstamped)
    if cache is not None and key in cache:
        data = cache[key]
    else:
        data = ics_bytes(unstamped.component())
        if cache is not None:
            cache[key] = data
    return data.replace(_stamp_line(_PLACEHOLDER), _stamp_line(event.stamp), 1)


_PLACEHOLDER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@lru_cache(maxsize=8)
def _stamp_line(stamp: dt.datetime) -> bytes:
    """The DTSTAMP line the library writes for `stamp`, with the line breaks around it."""
    event = icalendar.Event()
    event.add("DTSTAMP", stamp)
    return b"\r\n" + ics_bytes(event).split(b"\r\n")[1] + b"\r\n"


def ics_bytes(component: icalendar.cal.Component) -> bytes:
    """`component.to_ical()`, byte for byte: the library folds every line character by
    character, so only the lines long enough to need folding go through it."""
    lines = []
    for line in component.content_lines():
        if not line:
            continue
        data = line.encode("utf-8")
        lines.append(data if len(data) <= _UNFOLDED else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"
