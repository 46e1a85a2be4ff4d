"""The Lectures and Recitations index pages of one semester (the tabs open them): every deck
or notebook the plan publishes, with the dates and titles of the sessions that use it (each
linked to its schedule row) and its slides, handout, PDF and notebook links.

Called by `render.py`: `index_markdown(plan, kind, titles)` fills `templates/index.md.j2`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from coursekit.i18n import gettext_for
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import Session
from coursekit.site.inline import render_inline, without_links
from coursekit.site.links import page_url, relative_href
from coursekit.site.places import is_deck
from coursekit.site.plan import LECTURES, RECITATIONS, SemesterPlan
from coursekit.site.templating import render

Kind = Literal["lectures", "recitations"]
_PAGES: dict[Kind, str] = {"lectures": LECTURES, "recitations": RECITATIONS}


@dataclass(frozen=True)
class SessionShown:
    """A session that uses the material: its day and title, linked to its schedule row."""

    day: dt.date
    title: Markup
    href: str


@dataclass(frozen=True)
class Entry:
    """One deck or notebook: its title, the sessions using it and its links."""

    title: str
    href: str
    sessions: tuple[SessionShown, ...]
    links: tuple[tuple[str, str], ...]


def index_markdown(plan: SemesterPlan, kind: Kind, titles: dict[str, str]) -> str:
    """The index page of the semester's decks (`lectures`) or notebooks (`recitations`);
    `titles` names them (repository path → title, from their parse)."""
    here = page_url(_PAGES[kind])
    places = plan.decks if kind == "lectures" else plan.notebooks
    used: dict[str, list[tuple[Session, dt.date]]] = {source: [] for source in places}
    for session, day in zip(plan.offering.sessions, plan.dates, strict=True):
        if not plan.withheld(session.release):
            source = session.slides if kind == "lectures" else session.notebook
            if source and is_local(source) and local_target(source) in used:
                used[local_target(source)].append((session, day))
    entries = []
    for source, sessions in used.items():
        shown = tuple(_session(plan, session, day, here) for session, day in sessions)
        links = _links(plan, sessions[0][0] if sessions else None, source, kind, here)
        entries.append(Entry(titles.get(source, source), links[0][1], shown, links))
    return render("index.md.j2", locale=plan.locale, kind=kind, entries=entries)


def _session(plan: SemesterPlan, session: Session, day: dt.date, here: str) -> SessionShown:
    anchor = f"#{session.id}" if session.id else ""
    # The title's markdown as on the schedule; its own links would nest in this one.
    title = without_links(render_inline(session.title, lambda link: "#"))
    return SessionShown(day, title, relative_href("schedule/", here) + anchor)


def _links(
    plan: SemesterPlan, session: Session | None, source: str, kind: Kind, here: str
) -> tuple[tuple[str, str], ...]:
    """Slides, handout, PDF, notebook page and .ipynb of the material (and of its first session: a
    lecture's notebook, a recitation's slides), the material's own main link first."""
    _ = gettext_for(plan.locale)
    decks = [source] if kind == "lectures" else []
    notebooks = [source] if kind == "recitations" else []
    if session is not None and kind == "lectures" and session.notebook:
        notebooks.append(local_target(session.notebook))
    if session is not None and kind == "recitations" and is_deck(session.slides):
        decks.append(local_target(session.slides))
    found: list[tuple[str, str]] = []
    for deck in (plan.decks[d] for d in decks if d in plan.decks):
        found.append((_("slides"), relative_href(deck.slides_url, here)))
        found.append((_("handout"), relative_href(deck.handout_url, here)))
        if plan.pdf:
            found.append((_("PDF"), relative_href(deck.pdf_url, here)))
    for notebook in (plan.notebooks[n] for n in notebooks if n in plan.notebooks):
        found.append((_("notebook"), relative_href(notebook.url, here)))
        found.append((_(".ipynb"), relative_href(notebook.ipynb_docs, here)))
    if kind == "recitations":  # the notebook page is the recitation's main link
        found.sort(key=lambda link: link[0] != _("notebook"))
    return tuple(found)
