"""The readings page of one semester: every reading, grouped by week and session, with a
count — what students open when they plan their reading for the week.

Called by `generate.py`. Book chapters named in a reading's detail ("Ch. 5, 7, 8") link to
their chapter when `course.books` maps that book's chapter numbers to URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from coursekit.schedule.model import Book, BuiltOffering, Reading
from coursekit.site.inline import render_inline, without_links
from coursekit.site.links import Publisher
from coursekit.site.schedule_page import effective_dates, show_date

PAGE_URL = "readings/"
_CHAPTERS = re.compile(r"\b(?:Ch\.|Chapters?)\s*([\d\s,–\-and&]+)", re.I)


def readings_markdown(offering: BuiltOffering, books: list[Book], publisher: Publisher) -> str:
    weeks: dict[dt.date, list[str]] = {}
    count = 0
    first_monday = _monday(offering.term.start)
    for session, day in zip(offering.sessions, effective_dates(offering), strict=True):
        if not session.readings:
            continue
        items = [_reading(r, books, publisher) for r in session.readings]
        count += len(items)
        anchor = f"../schedule/#{session.id}" if session.id else "../schedule/"
        # The heading links to the session; links inside the title would nest.
        title = without_links(render_inline(session.title, lambda link: "#"))
        block = [
            f'<h3 class="ck-reading-session"><a href="{anchor}">{show_date(day)}</a> · '
            f"{title}</h3>",
            '<ul class="ck-reading-list">',
            *(
                f"<li>{'<em>or</em> ' if r.alternative else ''}{html}</li>"
                for r, html in zip(session.readings, items, strict=True)
            ),
            "</ul>",
        ]
        weeks.setdefault(_monday(day), []).extend(block)
    lines = [
        "---",
        "hide: [navigation]",
        "---",
        "",
        "# Readings",
        "",
        f'<p class="ck-lead">{count} readings for {escape(offering.title)}, by week. Read them '
        "before the session they are listed under.</p>",
        "",
    ]
    for monday, block in weeks.items():
        number = (monday - first_monday).days // 7 + 1
        lines += [
            f"## Week {number}: {show_date(monday)} – {show_date(monday + dt.timedelta(4))}",
            "",
            *block,
            "",
        ]
    if not weeks:
        lines.append("No readings are assigned for this offering.")
    return "\n".join(lines) + "\n"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _reading(reading: Reading, books: list[Book], publisher: Publisher) -> str:
    title = escape(reading.title)
    if reading.url:
        title = f'<a href="{escape(publisher.href(reading.url, PAGE_URL), quote=True)}">{title}</a>'
    detail = escape(reading.detail or "")
    book = next((b for b in books if b.title == reading.title), None)
    if book and reading.detail:
        detail = _link_chapters(reading.detail, book)
    return f"{title}, {detail}" if detail else title


def _link_chapters(detail: str, book: Book) -> str:
    """`Ch. 5, 7` → `Ch. <a>5</a>, <a>7</a>` for the chapters the book maps."""
    match = _CHAPTERS.search(detail)
    if not match:
        return escape(detail)

    def link(number: re.Match[str]) -> str:
        url = book.chapter(int(number.group()))
        text = number.group()
        return f'<a href="{escape(url, quote=True)}">{text}</a>' if url else text

    start, end = match.span(1)
    linked = re.sub(r"\d+", link, escape(detail[start:end]))
    return escape(detail[:start]) + linked + escape(detail[end:])
