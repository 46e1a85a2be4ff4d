"""What a `calendar.ics` event says beyond its title: where it links (`EventLinks`) and the
lines of its DESCRIPTION (materials, readings, due items).

Called by `ics.py`. `EventLinks` knows no site: it keeps web links as written and leaves
course files out, since a calendar app cannot resolve a relative URL; the site hands
`ics.py` a subclass that knows where each file is published (`site/calendar_file.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from coursekit.schedule.link import Link
from coursekit.schedule.model import DueItem, Reading, Session

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_Item = TypeVar("_Item", Reading, DueItem)

# What a session links besides its title, in the order the schedule shows them: (kind,
# label). The site may publish one kind as several links (a deck: slides and handout).
MATERIALS: tuple[tuple[str, str], ...] = (
    ("slides", "slides"),
    ("notebook", "notebook"),
    ("md", "md"),
    ("pdf", "pdf"),
    ("video", "video"),
    ("book", "book chapter"),
    ("blog", "blog post"),
    ("lecture_notes", "lecture notes"),
)


class EventLinks:
    """Where an event links, without a site: web links as written, course files left out.

    `schedule` is the schedule page's absolute URL when the site's address is known.
    """

    schedule: str | None = None

    def link(self, target: str) -> str | None:
        """The absolute URL of a link written in schedule.yaml, or None."""
        return target if is_web(target) else None

    def materials(self, kind: str, label: str, target: str) -> list[tuple[str, str]]:
        """The labelled URLs one material of a session becomes."""
        url = self.link(target)
        return [(label, url)] if url else []

    def withheld(self, session: Session) -> bool:
        """True while the session's material is not online yet (it links nothing)."""
        return False

    def row(self, session_id: str | None) -> str | None:
        """The session's row on the schedule page, else the page."""
        if self.schedule and session_id:
            return f"{self.schedule}#{session_id}"
        return self.schedule

    def session_url(self, session: Session) -> str | None:
        """An event's URL: the session's slides, else its row on the schedule page."""
        if session.slides and not self.withheld(session):
            slides = self.materials("slides", "slides", session.slides)
            if slides:
                return slides[0][1]
        return self.row(session.id)


def session_lines(
    session: Session,
    links: EventLinks,
    _: Callable[[str], str],
    time: Callable[[DueItem], dt.time | None],
) -> list[str]:
    """A session's materials, readings and due items, one per line (not its title)."""
    lines = []
    if not links.withheld(session):
        for kind, label, target in _materials(session):
            lines += [f"{name}: {url}" for name, url in links.materials(kind, _(label), target)]
        for extra in session.links:
            url = links.link(extra.url) if extra.url else None
            lines.append(f"{plain_text(extra.label)}: {url}" if url else plain_text(extra.label))
        if session.notes:
            lines.append(plain_text(session.notes, keep_urls=True))
    for group in alternatives(session.readings):
        shown = f" {_('or')} ".join(_reading(r, links) for r in group)
        lines.append(f"{_('Reading')}: {shown}")
    lines += [due_line(group, time, links, _) for group in alternatives(session.due)]
    return lines


def _materials(session: Session) -> Iterator[tuple[str, str, str]]:
    for kind, label in MATERIALS:
        value = getattr(session, kind)
        values: Sequence[str] = [value] if isinstance(value, str) else value or []
        for i, target in enumerate(values, start=1):
            yield kind, f"{label} {i}" if len(values) > 1 else label, target


def _reading(reading: Reading, links: EventLinks) -> str:
    text = plain_text(reading.title)
    if reading.detail:
        text += f" ({reading.detail})"
    url = links.link(reading.url) if reading.url else None
    return f"{text} <{url}>" if url else text


def alternatives(items: Sequence[_Item]) -> list[list[_Item]]:
    """Items grouped with the `alternative: true` items after them ("A1 or PhD project")."""
    groups: list[list[_Item]] = []
    for item in items:
        if item.alternative and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def due_label(item: DueItem, links: EventLinks) -> str:
    """A due item in a description: title, detail and link."""
    text = plain_text(item.title)
    if item.detail:
        text += f" ({item.detail})"
    url = links.link(item.url) if item.url else None
    return f"{text} <{url}>" if url else text


def due_line(
    group: Sequence[DueItem],
    time: Callable[[DueItem], dt.time | None],
    links: EventLinks,
    _: Callable[[str], str],
) -> str:
    """`Due: A1 <url> or PhD project <url>, 23:59`: one item and its alternatives; the time
    once when they share it, else after each item."""
    times = {time(item) for item in group}
    shared = times.pop() if len(times) == 1 else None
    shown = []
    for item in group:
        own = time(item) if shared is None else None
        shown.append(due_label(item, links) + (f", {own:%H:%M}" if own else ""))
    title = f" {_('or')} ".join(shown) + (f", {shared:%H:%M}" if shared else "")
    return _("Due: %(title)s") % {"title": title}


def plain_text(text: str, *, keep_urls: bool = False) -> str:
    """Inline markdown → text: `[Safety](u)` → `Safety` (or `Safety <u>`), no emphasis."""
    text = _LINK.sub(lambda m: f"{m[1]} <{m[2]}>" if keep_urls else m[1], text)
    return re.sub(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)", "", text).strip()


def is_web(link: str) -> bool:
    return Link.parse(link).is_web
