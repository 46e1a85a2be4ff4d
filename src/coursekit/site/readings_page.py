"""The readings page of one semester: every reading, grouped by week and session, with a
count — what students open when they plan their reading for the week.

Called by `render.py`: `readings_markdown(plan)` fills `templates/readings.md.j2`. Book
chapters named in a reading's detail ("Ch. 5, 7, 8") link to their chapter when
`course.books` maps that book's chapter numbers to URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from coursekit.dates import monday_of, week_number
from coursekit.schedule.model import Book, Reading
from coursekit.site.inline import render_inline, without_links
from coursekit.site.plan import SemesterPlan
from coursekit.site.templating import render

PAGE_URL = "readings/"
_CHAPTERS = re.compile(r"\b(?:Ch\.|Chapters?)\s*([\d\s,–\-and&]+)", re.I)


@dataclass(frozen=True)
class ShownReading:
    title: str
    href: str | None
    detail: tuple[tuple[str, str | None], ...]  # text parts, a chapter's with its URL
    alternative: bool


@dataclass(frozen=True)
class SessionReadings:
    day: dt.date
    anchor: str
    title: Markup
    readings: tuple[ShownReading, ...]


@dataclass(frozen=True)
class Week:
    monday: dt.date
    number: int
    sessions: list[SessionReadings]


def readings_markdown(plan: SemesterPlan) -> str:
    weeks: dict[dt.date, Week] = {}
    books = plan.course.schedule.course.books
    for session, day in zip(plan.offering.sessions, plan.dates, strict=True):
        if not session.readings:
            continue
        anchor = f"../schedule/#{session.id}" if session.id else "../schedule/"
        # The heading links to the session; links inside the title would nest.
        title = without_links(render_inline(session.title, lambda link: "#"))
        shown = tuple(_reading(r, books, plan) for r in session.readings)
        monday = monday_of(day)
        number = week_number(monday, plan.offering.term.start)
        week = weeks.setdefault(monday, Week(monday, number, []))
        week.sessions.append(SessionReadings(day, anchor, title, shown))
    count = sum(len(s.readings) for w in weeks.values() for s in w.sessions)
    weeks_shown = list(weeks.values())
    return render(
        "readings.md.j2", locale=plan.locale, offering=plan.offering, count=count, weeks=weeks_shown
    )


def _reading(reading: Reading, books: list[Book], plan: SemesterPlan) -> ShownReading:
    href = plan.href(reading.url, PAGE_URL) if reading.url else None
    detail: tuple[tuple[str, str | None], ...] = ()
    if reading.detail:
        book = next((b for b in books if b.title == reading.title), None)
        detail = _chapters(reading.detail, book) if book else ((reading.detail, None),)
    return ShownReading(reading.title, href, detail, reading.alternative)


def _chapters(detail: str, book: Book) -> tuple[tuple[str, str | None], ...]:
    """`Ch. 5, 7` → `Ch. `, `5` (its URL), `, `, `7` (its URL) for the chapters the book
    maps."""
    match = _CHAPTERS.search(detail)
    if not match:
        return ((detail, None),)
    start, end = match.span(1)
    parts: list[tuple[str, str | None]] = [(detail[:start], None)]
    for piece in re.split(r"(\d+)", detail[start:end]):
        url = book.chapter(int(piece)) if piece.isdigit() else None
        parts.append((piece, url or None))
    parts.append((detail[end:], None))
    return tuple((text, url) for text, url in parts if text)
