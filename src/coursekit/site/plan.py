"""A semester → what its site publishes, decided once and up front: every generated page, every
course page and copied file (repository path → docs path), every deck and notebook with its
place, the calendar file, the navigation and each session's date.

Pure: `plan_semester` reads nothing from disk (the loaded course carries the assignment pages'
front matter), so rendering is a function of the plan and writing is the only side effect.
`walk_offering` is the one walk over an offering's schedule; `materials.used_materials` and
the plan both use it, so the decks built are the decks linked. Called by `generate.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote, urlsplit

from coursekit.dates import DEFAULT_LOCALE, monday_of, week_number
from coursekit.errors import BuildError
from coursekit.i18n import gettext_for
from coursekit.schedule.assignments import Assignment
from coursekit.schedule.dated import TermCalendar
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.load import Course
from coursekit.schedule.model import BuiltOffering, Session
from coursekit.schedule.solutions_date import solutions_day
from coursekit.schedule.staff import staff_of
from coursekit.site.inline import linked_targets
from coursekit.site.links import page_url, relative_href
from coursekit.site.places import DeckPlace, NotebookPlace, is_deck

CALENDAR_FILE = "calendar.ics"
HOME, SCHEDULE, READINGS, ASSIGNMENTS = (
    "index.md",
    "schedule.md",
    "readings.md",
    "assignments/index.md",
)
# The Lectures and Recitations tabs open these: every deck / notebook with its session.
LECTURES, RECITATIONS = "lectures/index.md", "recitations/index.md"
CHANGES, ANNOUNCEMENTS = "changes.md", "announcements.md"  # history_pages
STAFF = "staff.md"
_RESERVED = {HOME, SCHEDULE, READINGS, ASSIGNMENTS, CHANGES, ANNOUNCEMENTS, STAFF}


@dataclass(frozen=True)
class OfferingUses:
    """What an offering's pages use, in first-use order: decks and notebooks (repository
    paths) and every other link target the pages render (links, not yet made local)."""

    decks: tuple[str, ...]
    notebooks: tuple[str, ...]
    links: tuple[str, ...]


def withheld(release: dt.date | None, as_of: dt.date) -> bool:
    """True while material released on `release` is not yet online on `as_of`."""
    return release is not None and release > as_of


def page_release(link: str, assignments: Mapping[str, Assignment]) -> dt.date | None:
    """The `released` date of the assignment page a link names, if it names one."""
    if not is_local(link):
        return None
    page = assignments.get(local_target(link))
    return page.released if page else None


def walk_offering(
    offering: BuiltOffering,
    as_of: dt.date,
    assignments: Mapping[str, Assignment] | None = None,
) -> OfferingUses:
    """The one walk over an offering's sessions: what the schedule, readings and
    assignments pages link (a session or assignment page not released yet links nothing)."""
    assignments = assignments or {}
    decks: dict[str, None] = {}
    notebooks: dict[str, None] = {}
    links: dict[str, None] = {}
    for session in offering.sessions:
        if not withheld(session.release, as_of):
            if session.slides and is_deck(session.slides):
                decks[local_target(session.slides)] = None
            if session.notebook and is_local(session.notebook):
                notebooks[local_target(session.notebook)] = None
            links |= dict.fromkeys(_session_links(session))
        for url in [r.url for r in session.readings] + [d.url for d in session.due]:
            if url and not withheld(page_release(url, assignments), as_of):
                links[url] = None
    return OfferingUses(tuple(decks), tuple(notebooks), tuple(links))


def _session_links(session: Session) -> Iterator[str]:
    """The links of a released session's topic cell, in the order the page shows them."""
    yield from linked_targets(session.title)
    if session.url:
        yield session.url
    elif session.slides and not is_deck(session.slides):
        yield session.slides
    yield from (value for value in (session.md, session.pdf) if value)
    for values in (session.video, session.book, session.blog, session.lecture_notes):
        yield from values
    yield from (extra.url for extra in session.links if extra.url)
    if session.notes:
        yield from linked_targets(session.notes)


@dataclass(frozen=True)
class NavEntry:
    """One item of the semester's navigation: a page, or a section of pages."""

    title: str
    docs: str | None = None
    children: tuple[NavEntry, ...] = ()


@dataclass(frozen=True)
class SemesterPlan:
    """Everything one semester site publishes. Paths are docs paths (relative to docs_dir),
    URLs site-relative; mappings are keyed by repository path."""

    oid: str
    course: Course
    offering: BuiltOffering
    as_of: dt.date
    pdf: bool
    dates: tuple[dt.date, ...]  # each session's date, in schedule order
    calendar: TermCalendar | None
    calendar_file: str | None
    generated: tuple[str, ...]  # pages coursekit writes itself
    pages: Mapping[str, str]  # course page → docs path (.md)
    page_titles: Mapping[str, str]  # offering pages' titles (their heading)
    files: Mapping[str, str]  # copied course file → docs path
    decks: Mapping[str, DeckPlace]
    notebooks: Mapping[str, NotebookPlace]
    current: str | None  # the offering the landing page calls current
    nav: tuple[NavEntry, ...]
    locale: str = DEFAULT_LOCALE  # the language its words and dates are written in
    # Notebooks (repository path) whose solutions are online on `as_of`.
    solutions: frozenset[str] = frozenset()
    weeks: tuple[int, ...] = ()  # the numbers of its week pages (week_pages.py)

    @property
    def archived(self) -> bool:
        return self.current is not None and self.current != self.oid

    @property
    def assignments(self) -> Mapping[str, Assignment]:
        return self.course.assignments

    def withheld(self, release: dt.date | None) -> bool:
        return withheld(release, self.as_of)

    def page_release(self, link: str) -> dt.date | None:
        return page_release(link, self.course.assignments)

    def href(self, link: str, from_url: str) -> str:
        """The href for `link` on the page whose URL is `from_url`: a URL as it is, a course
        file where the plan publishes it."""
        if not is_local(link):
            return link
        target = local_target(link)
        anchor = link[len(target) :]
        if target in self.pages:
            url = page_url(self.pages[target])
        else:
            url = self.files.get(target, target)
        return relative_href(url, from_url) + anchor

    def markdown_href(self, link: str, from_url: str, published: str | None = None) -> str:
        """The href of an "md" link: a course file's rendered view on GitHub or GitLab when
        the course names its repository (`course.repository`, on the branch
        `course.notebooks.branch`), else the copy the site publishes at `published` (a site
        URL) or wherever `href` places it."""
        meta = self.course.schedule.course
        if is_local(link) and meta.repository:
            target = local_target(link)
            view = repository_view(meta.repository, meta.notebooks.branch, target)
            if view:
                return view + link[len(target) :]
        if published is not None:
            return relative_href(published, from_url)
        return self.href(link, from_url)


def repository_view(repository: str, branch: str, path: str) -> str | None:
    """`path`'s rendered view in a GitHub or GitLab repository (`…/blob/<branch>/<path>`);
    None for another host, whose URL scheme coursekit does not know."""
    parts = urlsplit(repository.strip())
    host = parts.hostname or ""
    repo = parts.path.strip("/").removesuffix(".git")
    if parts.scheme not in ("http", "https") or repo.count("/") < 1:
        return None
    at = f"{quote(branch, safe='')}/{quote(path.lstrip('/'))}"
    if host in ("github.com", "www.github.com"):
        return f"https://github.com/{repo}/blob/{at}"
    if host == "gitlab.com" or host.startswith("gitlab."):
        return f"{parts.scheme}://{parts.netloc}/{repo}/-/blob/{at}"
    return None


def plan_semester(
    course: Course,
    oid: str,
    *,
    as_of: dt.date,
    pdf: bool = False,
    titles: Mapping[str, str] | None = None,
    locale: str = DEFAULT_LOCALE,
) -> SemesterPlan:
    """The plan of offering `oid` as it stands on `as_of`; `titles` names the decks and
    notebooks (repository path → title, from their parse) for the navigation."""
    offering = course.schedule.offerings[oid]
    assert isinstance(offering, BuiltOffering)
    uses = walk_offering(offering, as_of, course.assignments)
    pages = _offering_pages(course, oid, offering)
    files: dict[str, str] = {}
    for link in uses.links:
        if is_local(link):
            target = local_target(link)
            if target.endswith(".md"):
                pages.setdefault(target, target)
            else:
                files.setdefault(target, target)
    generated = [HOME, SCHEDULE]
    if any(session.readings for session in offering.sessions):
        generated.append(READINGS)
    if any(session.due for session in offering.sessions):
        generated.append(ASSIGNMENTS)
    staff = staff_of(offering, course.schedule.course)
    if staff or offering.office_hours:
        generated.append(STAFF)
        for person in staff:  # their photos are published like other course files
            if person.photo and is_local(person.photo):
                files.setdefault(local_target(person.photo), local_target(person.photo))
    decks = {source: _deck_place(course, offering, source, as_of) for source in uses.decks}
    notebooks = {source: NotebookPlace(source) for source in uses.notebooks}
    generated += [LECTURES] if decks else []
    generated += [RECITATIONS] if notebooks else []
    calendar = course.calendars.get(oid)
    current = course.schedule.course.current or newest_built(course)
    titles = titles or {}
    nav = _nav(offering, generated, pages, decks, notebooks, titles, gettext_for(locale))
    nav = history_pages(course, oid, as_of, generated, nav, gettext_for(locale))
    return SemesterPlan(
        oid=oid,
        course=course,
        offering=offering,
        as_of=as_of,
        pdf=pdf,
        dates=tuple(offering.session_dates()),
        calendar=calendar,
        calendar_file=CALENDAR_FILE if calendar is not None else None,
        generated=tuple(generated),
        pages=MappingProxyType(pages),
        page_titles=MappingProxyType({page.file: page.title for page in offering.pages}),
        files=MappingProxyType(files),
        decks=MappingProxyType(decks),
        notebooks=MappingProxyType(notebooks),
        current=current,
        nav=nav,
        locale=locale,
        solutions=released_solutions(offering, notebooks, as_of),
        weeks=term_weeks(offering, offering.session_dates()),
    )


def released_solutions(
    offering: BuiltOffering, notebooks: Mapping[str, object], as_of: dt.date
) -> frozenset[str]:
    """The published notebooks whose `solutions:` day has come on `as_of`. `due` counts
    from the first due item linking the notebook, else from the session's own day."""
    dates = offering.session_dates()
    due_days: dict[str, dt.date] = {}
    for session, day in zip(offering.sessions, dates, strict=True):
        for item in session.due:
            if item.url and is_local(item.url):
                due_days.setdefault(local_target(item.url), day)
    released = set()
    for session, day in zip(offering.sessions, dates, strict=True):
        if session.notebook and session.solutions is not None and is_local(session.notebook):
            source = local_target(session.notebook)
            due = due_days.get(source)
            if source in notebooks and solutions_day(session.solutions, day, due) <= as_of:
                released.add(source)
    return frozenset(released)


def term_weeks(offering: BuiltOffering, dates: Sequence[dt.date]) -> tuple[int, ...]:
    """The numbers of an offering's weeks, each a page (`weeks/<N>/`): every week from the
    term's first to its last, and any week outside it that holds a session."""
    first, last = monday_of(offering.term.start), monday_of(offering.term.end)
    mondays = {first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)}
    mondays |= {monday_of(day) for day in dates}
    return tuple(sorted(week_number(monday, offering.term.start) for monday in mondays))


def _deck_place(course: Course, offering: BuiltOffering, source: str, as_of: dt.date) -> DeckPlace:
    """A deck's place, with the first released session that shows it (the row its page
    links back to) and the offering's notes setting over the course's."""
    shows = (
        s
        for s in offering.sessions
        if s.slides and local_target(s.slides) == source and not withheld(s.release, as_of)
    )
    session = next(shows, None)
    notes = offering.decks.notes or course.schedule.course.decks.notes
    return DeckPlace(source, session.id if session else None, offering.title, notes)


def _offering_pages(course: Course, oid: str, offering: BuiltOffering) -> dict[str, str]:
    """The pages the offering lists, each at its file name (`docs/syllabus.md` →
    `syllabus.md`); two that would land on one docs path, or on a generated one, are an
    error at the offering's `pages`."""
    pages: dict[str, str] = {}
    for page in offering.pages:
        docs_path = Path(page.file).stem + ".md"
        if docs_path in _RESERVED or docs_path in pages.values():
            raise BuildError(
                course.source.problem(
                    ("offerings", oid, "pages"),
                    f"two pages would publish as '{docs_path}'",
                    "rename one of the files",
                )
            )
        pages[page.file] = docs_path
    return pages


def _nav(
    offering: BuiltOffering,
    generated: list[str],
    pages: Mapping[str, str],
    decks: Mapping[str, DeckPlace],
    notebooks: Mapping[str, NotebookPlace],
    titles: Mapping[str, str],
    _: Callable[[str], str],
) -> tuple[NavEntry, ...]:
    names = {
        HOME: _("Home"),
        SCHEDULE: _("Schedule"),
        READINGS: _("Readings"),
        ASSIGNMENTS: _("Assignments"),
    }
    # Tabs: the generated pages, Updates (history_pages), lectures, recitations, the
    # offering's own pages, then its staff.
    nav = [NavEntry(names[docs], docs) for docs in generated if docs in names]
    # Each section's index page comes first: a tab opens its section's first page.
    if decks:
        handouts = (NavEntry(titles.get(s, s), p.handout_docs) for s, p in decks.items())
        index = NavEntry(_("All lectures"), LECTURES)
        nav.append(NavEntry(_("Lectures"), children=(index, *handouts)))
    if notebooks:
        recitations = (NavEntry(titles.get(s, s), p.docs) for s, p in notebooks.items())
        index = NavEntry(_("All recitations"), RECITATIONS)
        nav.append(NavEntry(_("Recitations"), children=(index, *recitations)))
    nav += [NavEntry(page.title, pages[page.file]) for page in offering.pages]
    if STAFF in generated:
        nav.append(NavEntry(_("Staff"), STAFF))
    return tuple(nav)


def history_pages(
    course: Course,
    oid: str,
    as_of: dt.date,
    generated: list[str],
    nav: tuple[NavEntry, ...],
    _: Callable[[str], str],
) -> tuple[NavEntry, ...]:
    """Add the "What changed" page (unless `course.changes.enabled` is off) and, when the
    offering has a published announcement, the announcements page to `generated`; the nav
    with both in one section, Updates, right after the other generated pages."""
    from coursekit.history import published

    before = sum(1 for entry in nav if entry.docs in (HOME, SCHEDULE, READINGS, ASSIGNMENTS))
    first = len(generated)
    if course.schedule.course.changes.enabled:
        generated.append(CHANGES)
    if published(course.announcements, oid, as_of):
        generated.append(ANNOUNCEMENTS)
    names = {CHANGES: _("What changed"), ANNOUNCEMENTS: _("Announcements")}
    # Newest news first; one tab for both keeps the tab bar short on a phone.
    pages = tuple(NavEntry(names[docs], docs) for docs in reversed(generated[first:]))
    added = (NavEntry(_("Updates"), children=pages),) if pages else ()
    return nav[:before] + added + nav[before:]


def newest_built(course: Course) -> str | None:
    built = course.schedule.built()
    return max(built, key=lambda k: built[k].term.start) if built else None
