"""A semester plan → the bytes of every file of its docs folder: the generated pages, the
calendar, the course pages and files it publishes, the handouts and notebook pages, assets.

Called by `generate.py`, which hands the result to the writer (`write.py`). Course files
are read here, through the publishing gate; nothing is written.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from markupsafe import Markup

if TYPE_CHECKING:
    from coursekit.slides import Deck

from coursekit.clock import VARIABLE as EPOCH_VARIABLE
from coursekit.publishable import read_publishable
from coursekit.schedule.link import local_target
from coursekit.site.assignments_page import assignments_markdown, with_facts
from coursekit.site.caches import Caches
from coursekit.site.calendar_file import calendar_file
from coursekit.site.changes_page import history_docs
from coursekit.site.config import ASSETS, base_config, theme_assets
from coursekit.site.escaping import markdown_text
from coursekit.site.home_page import home_markdown
from coursekit.site.inline import render_inline, without_links
from coursekit.site.links import relative_href
from coursekit.site.materials import Materials
from coursekit.site.page_memo import memo
from coursekit.site.places import DeckPlace, NotebookPlace
from coursekit.site.plan import (
    ASSIGNMENTS,
    HOME,
    LECTURES,
    READINGS,
    RECITATIONS,
    SCHEDULE,
    STAFF,
    SemesterPlan,
)
from coursekit.site.readings_page import readings_markdown
from coursekit.site.schedule_page import schedule_markdown
from coursekit.site.staff_page import staff_markdown
from coursekit.site.templating import render
from coursekit.site.week_pages import week_pages

# MkDocs' own pattern (mkdocs.utils.meta): YAML between `---` lines at the top of a page.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def semester_docs(
    plan: SemesterPlan, materials: Materials, site_url: str | None, caches: Caches
) -> dict[str, bytes]:
    """Every file of the semester's docs folder, docs path → bytes, in writing order."""
    docs: dict[str, str | bytes] = {}
    if plan.calendar is not None and plan.calendar_file:
        docs[plan.calendar_file] = _calendar(plan, site_url, caches)
    docs[SCHEDULE] = schedule_markdown(plan)
    if READINGS in plan.generated:
        docs[READINGS] = readings_markdown(plan)
    if ASSIGNMENTS in plan.generated:
        docs[ASSIGNMENTS] = assignments_markdown(plan)
    if STAFF in plan.generated:
        docs[STAFF] = staff_markdown(plan)
    docs[HOME] = home_markdown(plan, _description(plan))
    if LECTURES in plan.generated or RECITATIONS in plan.generated:
        from coursekit.site.index_pages import index_markdown

        titles = {source: deck.title for source, deck in materials.decks.items()}
        titles |= {source: page.title for source, page in materials.notebooks.items()}
        if LECTURES in plan.generated:
            docs[LECTURES] = index_markdown(plan, "lectures", titles)
        if RECITATIONS in plan.generated:
            docs[RECITATIONS] = index_markdown(plan, "recitations", titles)
    docs |= history_docs(plan, site_url, docs.get(plan.calendar_file or ""))
    docs |= week_pages(plan)
    root = plan.course.root
    for source, docs_path in plan.pages.items():
        text = with_heading(_read_text(root, source), plan.page_titles.get(source))
        # An assignment page shows its due date, points and submit link at the top.
        docs[docs_path] = with_facts(plan, source, text) if source in plan.assignments else text
    for source, docs_path in plan.files.items():
        docs[docs_path] = read_publishable(root / source, root, shown=source)
    for source, place in plan.decks.items():
        deck, notes = materials.decks[source], materials.notes_shown(place)
        docs[place.handout_docs] = handout(source, place, deck, caches, plan.locale, notes)
    for source, notebook in plan.notebooks.items():
        page = materials.notebooks[source]
        docs[notebook.docs] = _notebook_page(plan, notebook, page, caches)
        docs[notebook.ipynb_docs] = page.executed_ipynb
        if source in plan.solutions:  # its page, with or without solutions in it
            from coursekit.notebooks.build import solution_page

            solved = solution_page(page)
            docs[notebook.solution.docs] = _notebook_page(plan, notebook.solution, solved, caches)
            docs[notebook.solution.ipynb_docs] = solved.executed_ipynb
        # Images and files the notebook links beside itself keep their place in the course.
        for relative in _files_beside(root, notebook.source, page.html):
            if relative not in docs:
                docs[relative] = read_publishable(root / relative, root)
    docs |= theme_assets()
    if plan.notebooks:
        from coursekit.notebooks.render import notebook_css

        docs[f"{ASSETS}/notebook.css"] = notebook_css()
    return {path: d.encode("utf-8") if isinstance(d, str) else d for path, d in docs.items()}


def lite_contents(
    plan: SemesterPlan, docs: dict[str, bytes], caches: Caches | None = None
) -> dict[str, bytes]:
    """What the offering's JupyterLite site holds: the students' .ipynb of every notebook
    (opening with the Pyodide kernel) and the files published beside it; a session's
    `caches` keep each converted notebook while its bytes stay the same."""
    if not plan.notebooks or not plan.course.schedule.course.notebooks.browser.enabled:
        return {}
    from coursekit.lite.site import browser_notebook

    contents = {}
    for place in plan.notebooks.values():
        ipynb = docs[place.ipynb_docs]
        generated = caches.generated if caches else None
        convert = functools.partial(browser_notebook, ipynb)
        contents[place.ipynb_docs] = memo(generated, "browser notebook", convert, ipynb)
        folder = str(PurePosixPath(place.source).parent) + "/"
        for path, data in docs.items():
            beside = path.startswith(folder) and not path.endswith((".md", ".ipynb"))
            if beside and path not in contents:
                contents[path] = data
    return contents


def _calendar(plan: SemesterPlan, site_url: str | None, caches: Caches) -> bytes:
    url = site_url or base_config(plan.course.root).get("site_url")
    # Every part of the plan calendar_file.py reads, and the pinned build time (clock.py)
    # its events are stamped with: a live preview's save that changes none of them (a
    # deck's text) keeps the calendar it made.
    return memo(
        caches.generated,
        "calendar",
        lambda: calendar_file(plan, url, caches.calendar_events),
        *(plan.oid, plan.locale, plan.as_of, plan.pdf, plan.offering, plan.calendar),
        *(plan.course.schedule.course, plan.assignments, plan.pages, plan.files),
        *(plan.decks, plan.notebooks, url, os.environ.get(EPOCH_VARIABLE)),
    )


def _description(plan: SemesterPlan) -> str | None:
    description = plan.offering.description or plan.course.schedule.course.description
    if not description:
        return None
    # Its own front matter (it may be a page too) would show as text inside the home page.
    text = _read_text(plan.course.root, description)
    front = _FRONT_MATTER.match(text)
    return text[front.end() :] if front else text


def _read_text(root: Path, source: str) -> str:
    """A course markdown file as MkDocs reads it: universal newlines, so front matter in a
    file saved with Windows line endings is found where MkDocs finds it."""
    data = read_publishable(root / source, root, shown=source).decode("utf-8")
    return data.replace("\r\n", "\n").replace("\r", "\n")


def with_heading(text: str, title: str | None) -> str:
    """A course page with the schedule's `title` as its heading unless it has one; the
    heading goes below the page's front matter, which MkDocs reads only at the very top."""
    if not title:
        return text
    front = _FRONT_MATTER.match(text)
    head, body = (text[: front.end()], text[front.end() :]) if front else ("", text)
    if body.lstrip().startswith("# "):
        return text
    return f"{head}# {markdown_text(title)}\n\n{body}"


def handout(
    source: str, place: DeckPlace, deck: Deck, caches: Caches, locale: str, notes: bool = True
) -> str:
    """The deck's handout page, with its speaker notes when `notes` (cached for the session:
    live preview keeps unchanged ones)."""
    deck_url = relative_href(place.slides_url, place.handout_url)
    # The theme (stylesheets in meta and assets) changes a handout as much as its source.
    assets = tuple(a.target for a in deck.assets)
    key = (source, deck.source, deck_url, repr(deck.meta), assets, locale, notes)
    if key not in caches.handouts:
        from coursekit.slides import handout_markdown

        page = handout_markdown(deck, deck_url, image_prefix=deck_url, locale=locale, notes=notes)
        # A deck's `image_backdrop: false` reaches its handout page as page front matter.
        if deck.meta.get("image_backdrop") is False:
            page = "---\nimage_backdrop: false\n---\n\n" + page
        caches.handouts[key] = page
    return caches.handouts[key]


def _notebook_page(plan: SemesterPlan, place: NotebookPlace, page, caches: Caches) -> str:  # type: ignore[no-untyped-def]
    """`notebook_markdown`, kept for the session while every input it reads is unchanged:
    the rendered notebook, the course's settings, the sessions that use it, the language."""
    from coursekit.lite.site import user_cache

    meta = plan.course.schedule.course
    return memo(
        caches.generated,
        "notebook",
        lambda: notebook_markdown(plan, place, page),
        *(plan.oid, plan.locale, place, place.source in plan.solutions, meta),
        *(page.html, page.headings, page.executed_ipynb, page.solution is not None),
        *(_notebook_sessions(plan, place), str(user_cache())),
    )


def notebook_markdown(plan: SemesterPlan, place: NotebookPlace, page) -> str:  # type: ignore[no-untyped-def]
    """A notebook's page: its rendered fragment, with the sessions that use it and the
    download / Colab / Binder / source buttons right below its own heading."""
    from coursekit.notebooks.links import button_row, launch_links
    from coursekit.notebooks.local_files import rewrite_relative

    meta = plan.course.schedule.course
    # Until its solutions are out, the repository's copy (Binder, source, Colab on the
    # source branch) would show them: students get only the site's own version.
    withheld = page.solution is not None and place.source not in plan.solutions
    links = None
    if meta.repository:
        # The deploy workflow publishes site/**/*.ipynb to this branch, paths unchanged.
        on = meta.notebooks.colab_branch
        executed = (on, f"{plan.oid}/{place.ipynb_docs}") if on else None
        if withheld:
            links = launch_links(meta.repository, *executed) if executed else None
        else:
            links = launch_links(
                meta.repository, meta.notebooks.branch, place.source, executed=executed
            )
    download = relative_href(place.ipynb_docs, place.url)
    solution = None
    if place.source in plan.solutions and not place.variant:
        solution = relative_href(place.solution.url, place.url)
    fragment = rewrite_relative(page.html, lambda tag, url: _moved(plan, place, url))
    # The fragment starts with the notebook's own <h1>; session and buttons go right below.
    head, h1_end, body = fragment.partition("</h1>")
    if not h1_end:
        head, body = "", fragment
    buttons = button_row(
        links,
        download=download,
        download_name=PurePosixPath(download).name,
        locale=plan.locale,
        repository=not withheld,
        solution=solution,
        browser=_in_browser(plan, place, page),
    )
    return render(
        "notebook.md.j2",
        locale=plan.locale,
        # The notebook renderer's HTML (notebooks/render.py), published as it rendered it.
        heading=Markup(head + h1_end),
        headings=page.headings,
        sessions=_notebook_sessions(plan, place),
        buttons=Markup(buttons),
        body=Markup(body),
    )


def _in_browser(plan: SemesterPlan, place: NotebookPlace, page) -> tuple[str, list[str]] | None:  # type: ignore[no-untyped-def]
    """The JupyterLite link of the notebook and the modules Pyodide lacks for it, or None
    when the course runs no notebooks in the browser."""
    settings = plan.course.schedule.course.notebooks.browser
    if not settings.enabled:
        return None
    import nbformat

    from coursekit.lite.site import LITE_DIR, missing_in_browser, user_cache

    notebook = nbformat.reads(page.executed_ipynb.decode("utf-8"), as_version=4)
    missing = missing_in_browser(notebook, settings.pyodide, user_cache())
    href = relative_href(f"{LITE_DIR}/notebooks/index.html", place.url)
    return f"{href}?path={quote(place.ipynb_docs)}", missing


def _notebook_sessions(plan: SemesterPlan, place: NotebookPlace) -> list[dict]:
    sessions = []
    for session, day in zip(plan.offering.sessions, plan.dates, strict=True):
        if session.notebook and local_target(session.notebook) == place.source:
            anchor = f"#{session.id}" if session.id else ""
            # The title's markdown as on the schedule; its own links would nest in this one.
            title = without_links(render_inline(session.title, lambda link: "#"))
            href = relative_href("schedule/", place.url) + anchor
            sessions.append({"href": href, "day": day, "title": title})
    return sessions


def _moved(plan: SemesterPlan, place: NotebookPlace, url: str) -> str:
    """A link of the notebook relative to its folder, from its page one folder deeper. A
    markdown file (the lab's README) is no page of the site: it is linked on GitHub."""
    from coursekit.notebooks.links import launch_links
    from coursekit.notebooks.local_files import course_path, is_markdown

    meta = plan.course.schedule.course
    if is_markdown(url) and meta.repository:
        target = course_path(place.source, url)
        fragment = urlsplit(url).fragment
        source = launch_links(meta.repository, meta.notebooks.branch, target).source
        return source + (f"#{fragment}" if fragment else "")
    return "../" + url


def _files_beside(root: Path, source: str, fragment: str) -> list[str]:
    """Course-relative paths of the existing files that a notebook's page links relatively
    (a missing one is left to the site check, which names the page and the link)."""
    from coursekit.notebooks.local_files import files_beside

    found = []
    for _, relative in files_beside(source, fragment):
        if not relative.startswith("../") and (root / relative).is_file():
            found.append(relative)
    return found
