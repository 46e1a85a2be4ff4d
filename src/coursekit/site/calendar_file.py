"""A semester's `calendar.ics`: the schedule's events linking where this site publishes each
deck, handout, notebook and page, as absolute URLs under the site's address.

Called by `render.py`. Without a site address (`--site-url` or mkdocs.yml's `site_url`) a
calendar app has nothing to resolve a site link against, so events then carry only the
links schedule.yaml gives as full URLs (see `schedule/event_text.py`).
"""

from __future__ import annotations

from typing import Any

from coursekit.i18n import gettext_for
from coursekit.schedule import EventLinks, weekly_series
from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import Session
from coursekit.site.caches import SessionCache
from coursekit.site.places import is_deck
from coursekit.site.plan import SemesterPlan


class SiteEventLinks(EventLinks):
    """Course files as the absolute URLs this semester's site publishes them at."""

    def __init__(self, plan: SemesterPlan, site_url: str | None):
        self.plan = plan
        self.base = f"{site_url.rstrip('/')}/{plan.oid}/" if site_url else None
        self.schedule = f"{self.base}schedule/" if self.base else None
        self._ = gettext_for(plan.locale)

    def link(self, target: str) -> str | None:
        if not is_local(target):
            return super().link(target)
        if self.base is None or self.plan.withheld(self.plan.page_release(target)):
            return None
        return self.base + self.plan.href(target, "").removeprefix("./")

    def materials(self, kind: str, label: str, target: str) -> list[tuple[str, str]]:
        if self.base is None or not is_local(target):
            return super().materials(kind, label, target)
        source = local_target(target)
        if kind == "slides" and is_deck(target) and source in self.plan.decks:
            place = self.plan.decks[source]
            found = [(label, place.slides_url), (self._("handout"), place.handout_url)]
            if self.plan.pdf:
                found.append((self._("pdf"), place.pdf_url))
            return [(name, self.base + url) for name, url in found]
        if kind == "notebook" and source in self.plan.notebooks:
            return [(label, self.base + self.plan.notebooks[source].url)]
        return super().materials(kind, label, target)

    def withheld(self, session: Session) -> bool:
        return self.plan.withheld(session.release)


def calendar_file(
    plan: SemesterPlan, site_url: str | None, cache: SessionCache[Any, bytes] | None = None
) -> bytes:
    """The `.ics` bytes of the semester `plan`, which has a calendar; `cache` keeps each
    event's bytes between builds."""
    assert plan.calendar is not None
    course = plan.course.schedule.course
    return calendar_ics(
        plan.oid,
        plan.offering.title,
        plan.calendar.sessions,
        plan.calendar.deadlines,
        plan.offering.term.timezone,
        course.title,
        site_url,
        locale=plan.locale,
        sessions=plan.offering.sessions,
        course=course,
        links=SiteEventLinks(plan, site_url),
        office_hours=weekly_series(plan.offering, course),
        cache=cache,
    )
