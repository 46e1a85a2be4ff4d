"""The home page of one semester: who, when, where, then the course description.

Called by `generate.py`; plain markdown out.
"""

from __future__ import annotations

from pathlib import Path

from coursekit.publishable import read_publishable
from coursekit.schedule.model import BuiltOffering, Course, Meeting, Person
from coursekit.site.escaping import front_matter, html_text, markdown_text
from coursekit.site.inline import render_block
from coursekit.site.links import Publisher
from coursekit.site.schedule_page import show_date

_KIND_PLURAL = {
    "lecture": "Lectures",
    "recitation": "Recitations",
    "lab": "Labs",
    "exam": "Exams",
    "guest": "Guest talks",
    "presentation": "Presentations",
}


def home_markdown(
    oid: str,
    offering: BuiltOffering,
    course: Course,
    root: Path,
    publisher: Publisher,
    *,
    archived: bool,
    current_title: str | None,
) -> str:
    term = offering.term
    numbers = "/".join(course.numbers)
    facts = [numbers, f"{course.units} units" if course.units else "", course.institution]
    lines = [
        # MkDocs prints the title into <title> and the header as it is: HTML, so escaped.
        front_matter({"title": html_text(offering.title)}),
        f"# {markdown_text(course.title)}",
        "",
        f'<p class="ck-lead"><strong>{html_text(offering.title)}</strong> · '
        + " · ".join(html_text(f) for f in facts if f)
        + "</p>",
        "",
    ]
    if archived:
        where = (
            f" It was first published at {_link(offering.original_site)}."
            if offering.original_site
            else ""
        )
        current = (
            f" The current offering is {markdown_text(current_title)}." if current_title else ""
        )
        lines += [
            '!!! note "Archived offering"',
            "",
            f"    This is the {markdown_text(offering.title)} offering, kept for reference."
            + where
            + current,
            "",
        ]
    lines += [
        '<div class="grid cards ck-quick" markdown>',
        "",
        f"- [**Schedule**](schedule.md): {len(offering.sessions)} sessions, readings and deadlines",
    ]
    for page in offering.pages:
        lines.append(f"- [**{markdown_text(page.title)}**]({publisher.pages[page.file]})")
    lines += ["", "</div>", "", "## Logistics", ""]
    lines.append(
        f"- **Term:** {show_date(term.start)}, {term.start.year} – "
        f"{show_date(term.end)}, {term.end.year}"
    )
    for meeting in offering.meetings:
        lines.append(f"- {_meeting(meeting)}")
    people = offering.instructors if offering.instructors is not None else course.instructors
    if people:
        label = "Instructor" if len(people) == 1 else "Instructors"
        lines.append(f"- **{label}:** " + ", ".join(_person(p) for p in people))
    if offering.source:
        lines.append(f"- **Material:** {_link(offering.source, 'slides, assignments and sources')}")
    if course.license:
        license_text = _link(course.license.url, course.license.name)
        lines.append(f"- **License:** {license_text}")
    lines.append("")
    if offering.logistics:
        # Markdown on purpose, but raw HTML in it is shown as text.
        lines += [
            f'<div class="ck-logistics">{_one_line(render_block(offering.logistics))}</div>',
            "",
        ]
    description = offering.description or course.description
    if description:
        text = read_publishable(root / description, root, shown=description).decode("utf-8")
        lines += [text.strip(), ""]
    return "\n".join(lines)


def _meeting(meeting: Meeting) -> str:
    start, end = meeting.time.split("-")
    where = f", {markdown_text(meeting.location)}" if meeting.location else ""
    name = _KIND_PLURAL.get(meeting.kind, meeting.kind.title())
    return f"**{name}:** {'/'.join(meeting.days)} {start}–{end}{where}"


def _person(person: Person) -> str:
    email = f" ({_link('mailto:' + person.email, person.email)})" if person.email else ""
    return _link(person.url, person.name) + email


def _link(url: str | None, text: str | None = None) -> str:
    """An HTML link inside a markdown line (a URL in `[…](…)` or `<…>` could end the link
    early and start markup); just the text without a URL. Markdown still reads the text
    between the tags, so it is escaped for markdown too."""
    shown = markdown_text(text if text is not None else url)
    return f'<a href="{markdown_text(url)}">{shown}</a>' if url else shown


def _one_line(html: str) -> str:
    # A blank line would end the raw HTML block and hand the rest back to markdown.
    return html.replace("\n\n", "\n")
