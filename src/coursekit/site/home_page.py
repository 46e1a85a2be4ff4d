"""The home page of one semester: who, when, where, then the course description.

Called by `render.py`: `home_markdown(plan, description)` fills `templates/home.md.j2`
(plain markdown out); `description` is the text of the course's description page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from coursekit.dates import weekday_abbreviation
from coursekit.i18n import gettext_for, ngettext_for
from coursekit.schedule import kinds
from coursekit.schedule.model import Meeting
from coursekit.site.announcements_page import home_announcements
from coursekit.site.inline import render_block
from coursekit.site.plan import SemesterPlan
from coursekit.site.staff_page import upcoming_office_hours
from coursekit.site.templating import render


@dataclass(frozen=True)
class ShownMeeting:
    name: str
    days: list[str]
    start: str
    end: str
    location: str | None


def home_markdown(plan: SemesterPlan, description: str | None = None) -> str:
    offering = plan.offering
    course = plan.course.schedule.course
    ngettext = ngettext_for(plan.locale)
    units = ngettext("%(num)s unit", "%(num)s units", course.units or 0) % {"num": course.units}
    facts = ["/".join(course.numbers), units if course.units else ""]
    facts.append(course.institution)
    people = offering.instructors if offering.instructors is not None else course.instructors
    current_title = plan.course.schedule.offerings[plan.current].title if plan.current else None
    logistics = None
    if offering.logistics:
        # A blank line would end the raw HTML block and hand the rest back to markdown.
        logistics = render_block(offering.logistics).replace("\n\n", "\n")
    return render(
        "home.md.j2",
        locale=plan.locale,
        offering=offering,
        course=course,
        facts=[fact for fact in facts if fact],
        archived=plan.archived,
        current_title=current_title,
        pages=[(page.title, plan.pages[page.file]) for page in offering.pages],
        meetings=[_meeting(meeting, plan.locale) for meeting in offering.meetings],
        people=people or [],
        logistics=logistics,
        office_hours=upcoming_office_hours(plan),
        # The course's own markdown page, published as written.
        description=Markup(description.strip()) if description else None,
        announcements=home_announcements(plan),
    )


def _meeting(meeting: Meeting, locale: str) -> ShownMeeting:
    start, end = meeting.times()
    return ShownMeeting(
        gettext_for(locale)(kinds.plural(meeting.kind)),
        [weekday_abbreviation(day, locale) for day in meeting.days],
        f"{start.hour}:{start.minute:02d}",  # as courses write them: 9:00, 13:30
        f"{end.hour}:{end.minute:02d}",
        meeting.location,
    )
