"""The schedule page of one semester: the seeds' table (Date | Topic | Reading | Assignment
due), one `<tr data-date data-kind>` per session, grouped by week.

Called by `generate.py`. The table is raw HTML inside the markdown page so every row carries
the data attributes the browser scripts and tests rely on; `coursekit.css` turns rows into
cards on phones.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from coursekit.schedule.dated import TermCalendar
from coursekit.schedule.model import BuiltOffering, Session
from coursekit.site.inline import has_link, render_inline, without_links
from coursekit.site.links import Publisher, relative_href
from coursekit.site.places import is_deck

PAGE_URL = "schedule/"

BADGES = {
    "recitation": "Recitation",
    "lab": "Lab",
    "exam": "Exam",
    "break": "No class",
    "guest": "Guest",
    "presentation": "Presentations",
    "other": "Event",
}


def show_date(day: dt.date) -> str:
    """`Wed, Jan 19` — the seeds' format."""
    return f"{day:%a}, {day:%b} {day.day}"


def effective_dates(offering: BuiltOffering) -> list[dt.date]:
    return offering.session_dates()


def _rows(offering: BuiltOffering, calendar: TermCalendar | None) -> list[tuple[Session, dt.date]]:
    """The table's rows in date order: the offering's sessions, and a "No class" row for
    each holiday the term calendar found on a meeting day."""
    rows = list(zip(offering.sessions, effective_dates(offering), strict=True))
    if calendar is None:
        return rows
    result = []
    for row in calendar.sessions:
        if row.index is not None:
            result.append(rows[row.index])
        elif row.generated:
            holiday = Session(kind="break", title=f"No class: {row.title}", date=row.date)
            result.append((holiday, row.date))
    return result


def schedule_markdown(
    oid: str,
    offering: BuiltOffering,
    publisher: Publisher,
    calendar: TermCalendar | None = None,
    calendar_file: str | None = None,
) -> str:
    rows: list[str] = []
    week_start = None
    for session, day in _rows(offering, calendar):
        monday = day - dt.timedelta(days=day.weekday())
        if monday != week_start:
            week_start = monday
            number = (monday - _monday(offering.term.start)).days // 7 + 1
            friday = monday + dt.timedelta(days=4)
            rows.append(
                f'<tr class="ck-week" data-week="{monday.isoformat()}">'
                f'<th colspan="4" scope="rowgroup">Week {number}'
                f" <span>{show_date(monday)} – {show_date(friday)}</span></th></tr>"
            )
        rows.append(_row(session, day, publisher))
    header = (
        "<thead><tr><th scope='col'>Date</th><th scope='col'>Topic</th>"
        "<th scope='col'>Reading</th><th scope='col'>Assignment due</th></tr></thead>"
    )
    count = len(offering.sessions)
    return "\n".join(
        [
            "---",
            "hide: [navigation, toc]",
            "---",
            "",
            "# Schedule",
            "",
            f'<p class="ck-lead">{escape(offering.title)}: {count} sessions from '
            f"{show_date(offering.term.start)} to {show_date(offering.term.end)}, "
            f"{offering.term.end.year}. Subject to change as the semester goes on.</p>",
            "",
            *(
                [
                    '<p class="ck-calendar">'
                    f'<a class="md-button md-button--primary" href="../{calendar_file}" '
                    "data-webcal>Subscribe in your calendar</a> "
                    f'<a class="md-button" href="../{calendar_file}" download>Download .ics</a>'
                    "</p>",
                    "",
                ]
                if calendar_file
                else []
            ),
            f'<table class="ck-schedule" data-offering="{escape(oid)}">',
            header,
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            "",
        ]
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _row(session: Session, day: dt.date, publisher: Publisher) -> str:
    attrs = f'data-date="{day.isoformat()}" data-kind="{session.kind}"'
    if session.id:
        attrs = f'id="{escape(session.id)}" ' + attrs
    classes = f"ck-session ck-{session.kind}" + (" ck-continues" if session.continues else "")
    date_cell = "" if session.continues else f"<time datetime='{day}'>{show_date(day)}</time>"
    if session.time:
        date_cell += f"<span class='ck-time'>{escape(session.time)}</span>"
    return (
        f'<tr class="{classes}" {attrs}>'
        f'<td class="ck-date" data-label="Date">{date_cell}</td>'
        f'<td class="ck-topic" data-label="Topic">{_topic(session, publisher)}</td>'
        f'<td class="ck-reading" data-label="Reading">{_items(session.readings, publisher)}</td>'
        f'<td class="ck-due" data-label="Due">{_items(session.due, publisher)}</td>'
        "</tr>"
    )


def _href(link: str, publisher: Publisher) -> str:
    return escape(publisher.href(link, PAGE_URL), quote=True)


def _topic(session: Session, publisher: Publisher) -> str:
    parts: list[str] = []
    badge = BADGES.get(session.kind)
    if badge:
        parts.append(f'<span class="ck-badge ck-badge--{session.kind}">{badge}</span> ')
    if publisher.withheld(session.release):
        # Not online yet: the topic without links, and when it will be.
        plain = without_links(render_inline(session.title, lambda link: "#"))
        parts.append(f'<span class="ck-title">{plain}</span>')
        parts.append(f' <span class="ck-available">available {show_date(session.release)}</span>')
        return "".join(parts)
    title = render_inline(session.title, lambda link: publisher.href(link, PAGE_URL))
    target = _title_href(session, publisher)
    if target and not has_link(session.title):
        title = f'<a href="{escape(target, quote=True)}">{title}</a>'
    parts.append(f'<span class="ck-title">{title}</span>')
    links = _topic_links(session, publisher)
    if links:
        parts.append(f' <span class="ck-links">({", ".join(links)})</span>')
    if session.notes:
        notes = render_inline(session.notes, lambda link: publisher.href(link, PAGE_URL))
        parts.append(f' <span class="ck-notes">{notes}</span>')
    return "".join(parts)


def _title_href(session: Session, publisher: Publisher) -> str | None:
    """The title links to `url`, else the slides (a rendered deck or a URL), else the
    notebook page."""
    if session.url:
        return publisher.href(session.url, PAGE_URL)
    if is_deck(session.slides):
        return relative_href(publisher.deck(session.slides).slides_url, PAGE_URL)
    if session.slides:
        return publisher.href(session.slides, PAGE_URL)
    if session.notebook:
        return relative_href(publisher.notebook(session.notebook).url, PAGE_URL)
    return None


def _topic_links(session: Session, publisher: Publisher) -> list[str]:
    labelled: list[tuple[str, str | None]] = []
    if is_deck(session.slides):
        place = publisher.deck(session.slides)
        labelled.append(("handout", relative_href(place.handout_url, PAGE_URL)))
        labelled.append(("md", relative_href(place.md_url, PAGE_URL)))
        if publisher.pdf:
            labelled.append(("pdf", relative_href(place.pdf_url, PAGE_URL)))
    for label, value in (("md", session.md), ("pdf", session.pdf)):
        if value:
            labelled.append((label, publisher.href(value, PAGE_URL)))
    for label, values in (
        ("video", session.video),
        ("book chapter", session.book),
        ("blog post", session.blog),
        ("lecture notes", session.lecture_notes),
    ):
        for i, value in enumerate(values, start=1):
            name = f"{label} {i}" if len(values) > 1 else label
            labelled.append((name, publisher.href(value, PAGE_URL)))
    labelled += [
        (extra.label, publisher.href(extra.url, PAGE_URL) if extra.url else None)
        for extra in session.links
    ]
    return [
        f'<a href="{escape(href, quote=True)}">{escape(label)}</a>' if href else escape(label)
        for label, href in labelled
    ]


def _items(items, publisher: Publisher) -> str:  # type: ignore[no-untyped-def]
    """Readings or due items: `Title, detail and Title2` with `or` for alternatives. A due
    item whose assignment page is not released yet is shown without its link."""
    html = ""
    for i, item in enumerate(items):
        if i:
            html += " or " if item.alternative else " and "
        title = escape(item.title)
        release = publisher.page_release(item.url) if item.url else None
        if publisher.withheld(release):
            html += f'{title} <span class="ck-available">available {show_date(release)}</span>'
        elif item.url:
            html += f'<a href="{_href(item.url, publisher)}">{title}</a>'
        else:
            html += title
        if item.detail:
            html += (
                f" {escape(item.detail)}"
                if item.detail.startswith("(")
                else (f", {escape(item.detail)}")
            )
    return html
