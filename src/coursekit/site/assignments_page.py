"""The assignments overview of one semester: every due item of the schedule with its due
date (newest deadline first), points and release date from the assignment page.

Called by `generate.py`. Due dates come only from the schedule (see
`schedule/assignments.py`, which checks that pages agree).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from coursekit.schedule.assignments import read_assignment
from coursekit.schedule.checks import is_local, local_target
from coursekit.schedule.model import BuiltOffering
from coursekit.site.links import Publisher
from coursekit.site.schedule_page import show_date

PAGE_URL = "assignments/"


def assignments_markdown(offering: BuiltOffering, root: Path, publisher: Publisher) -> str:
    rows = []
    dates = offering.session_dates()
    for i, session in enumerate(offering.sessions):
        for item in session.due:
            rows.append((dates[i], i, session, item))
    # Newest deadline first; items due the same day keep their schedule order.
    rows.sort(key=lambda row: (-row[0].toordinal(), row[1]))
    body = []
    for day, _, session, item in rows:
        anchor = f"#{session.id}" if session.id else ""
        title = escape(item.title)
        points = released = ""
        if item.url:
            page = None
            if is_local(item.url) and local_target(item.url).endswith(".md"):
                page, _ = read_assignment(root, local_target(item.url))
                if "#" not in item.url:
                    points = str(page.points or "")
                    released = show_date(page.released) if page.released else ""
            if page is not None and publisher.withheld(page.released):
                title += f' <span class="ck-available">available {released}</span>'
            else:
                href = escape(publisher.href(item.url, PAGE_URL), quote=True)
                title = f'<a href="{href}">{title}</a>'
        if item.alternative:
            title = f"<em>or</em> {title}"
        if item.detail:
            title += f" {escape(item.detail)}"
        body.append(
            f'<tr data-date="{day.isoformat()}"><td><a href="../schedule/{anchor}">'
            f"{show_date(day)}</a></td><td>{title}</td><td>{points}</td><td>{released}</td></tr>"
        )
    return "\n".join(
        [
            "# Assignments",
            "",
            f'<p class="ck-lead">{len(rows)} deadlines in {escape(offering.title)}, the latest '
            "first. Due dates are the schedule's; late days use tokens (see the syllabus).</p>",
            "",
            '<table class="ck-assignments">',
            "<thead><tr><th scope='col'>Due</th><th scope='col'>Assignment</th>"
            "<th scope='col'>Points</th><th scope='col'>Released</th></tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
            "",
        ]
    )
