"""The home page of one semester: who, when, where, then the course description.

Called by `generate.py`; plain markdown out.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from coursekit.publishable import read_publishable
from coursekit.schedule.model import BuiltOffering, Course, Meeting, Person
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
        "---",
        f"title: {offering.title}",
        "---",
        "",
        f"# {escape(course.title)}",
        "",
        f'<p class="ck-lead"><strong>{escape(offering.title)}</strong> · '
        + " · ".join(escape(f) for f in facts if f)
        + "</p>",
        "",
    ]
    if archived:
        where = (
            f" It was first published at <{offering.original_site}>."
            if offering.original_site
            else ""
        )
        lines += [
            '!!! note "Archived offering"',
            "",
            f"    This is the {offering.title} offering, kept for reference.{where}"
            + (f" The current offering is {current_title}." if current_title else ""),
            "",
        ]
    lines += [
        '<div class="grid cards ck-quick" markdown>',
        "",
        f"- [**Schedule**](schedule.md): {len(offering.sessions)} sessions, readings and deadlines",
    ]
    for page in offering.pages:
        lines.append(f"- [**{page.title}**]({publisher.pages[page.file]})")
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
        lines.append(f"- **Material:** [slides, assignments and sources]({offering.source})")
    if course.license:
        license_text = (
            f"[{course.license.name}]({course.license.url})"
            if course.license.url
            else course.license.name
        )
        lines.append(f"- **License:** {license_text}")
    lines.append("")
    if offering.logistics:
        lines += [offering.logistics.strip(), ""]
    description = offering.description or course.description
    if description:
        text = read_publishable(root / description, root, shown=description).decode("utf-8")
        lines += [text.strip(), ""]
    return "\n".join(lines)


def _meeting(meeting: Meeting) -> str:
    start, end = meeting.time.split("-")
    where = f", {meeting.location}" if meeting.location else ""
    name = _KIND_PLURAL.get(meeting.kind, meeting.kind.title())
    return f"**{name}:** {'/'.join(meeting.days)} {start}–{end}{where}"


def _person(person: Person) -> str:
    name = f"[{person.name}]({person.url})" if person.url else person.name
    return name + (f" (<{person.email}>)" if person.email else "")
