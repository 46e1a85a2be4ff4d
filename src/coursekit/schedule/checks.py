"""Checks that need more than one field: dates in order and inside the term, unique ids,
local files that exist inside the course, and which offering is current.

Called by `load.py` after the model validated; returns problems rather than raising so a
user sees all of them at once. `is_local` and `local_target` live in `link.py`; the site
modules still import them from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import fnmatch
from collections.abc import Iterator
from pathlib import Path

from coursekit.errors import Problem
from coursekit.publishable import FIX, refusal
from coursekit.schedule.link import LINK_FIX
from coursekit.schedule.link import is_local as is_local
from coursekit.schedule.link import local_target as local_target
from coursekit.schedule.markdown_links import unsafe_links
from coursekit.schedule.model import Schedule, Session, Term
from coursekit.schedule.staff import check_staff
from coursekit.schedule.yamlsource import (
    KeyPath,
    YamlSource,
    front_matter_end,
    read_front_matter,
)

_SESSION_LINK_FIELDS = ("url", "slides", "notebook", "md", "pdf")
_SESSION_LINK_LISTS = ("video", "book", "blog", "lecture_notes")
# Files the build reads as text (pages, decks, notebooks): they must be UTF-8.
_TEXT_SUFFIXES = (".md", ".py", ".ipynb")


def check_schedule(schedule: Schedule, source: YamlSource, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    built = schedule.built()
    current = schedule.course.current
    if current is not None and current not in built:
        fix = (
            "it is external; name an offering built here"
            if current in schedule.offerings
            else f"use one of: {', '.join(built) or '(no offering is built here)'}"
        )
        problems.append(source.problem(("course", "current"), f"no offering '{current}'", fix))
    problems += check_staff(schedule, source)
    for path, link in _course_links(schedule):
        found = _check_file(path, link, source, root)
        problems += found or _check_front_matter(link, root)
    for oid, offering in built.items():
        if offering.logistics:
            path = ("offerings", oid, "logistics")
            problems += _check_markdown(path, offering.logistics, source, root)
        problems += check_sessions(
            oid, offering.term, list(enumerate(offering.sessions)), source, root
        )
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def links_into(schedule: Schedule, source: YamlSource, root: Path, out: Path) -> list[Problem]:
    """Links of built offerings to files in the output folder `out` (a custom `--out` inside
    the course): the build would publish its previous site. `site/build.py` calls it."""
    links = list(_course_links(schedule))
    for oid, offering in schedule.built().items():
        for i, session in enumerate(offering.sessions):
            links += _session_links(("offerings", oid, "sessions", i), session)
    problems = []
    for path, link in links:
        if not is_local(link) or not local_target(link):
            continue
        file = root / local_target(link)
        reason = refusal(file, root, out=out)
        if reason is not None and refusal(file, root) is None:
            problems.append(source.problem(path, f"'{link}' {reason}; it is not published", FIX))
    return problems


def check_sessions(
    oid: str,
    term: Term | None,
    sessions: list[tuple[int, Session]],
    source: YamlSource,
    root: Path,
) -> list[Problem]:
    """Dates, ids and files of an offering's sessions, given with their index in the file.

    Takes (index, session) pairs so `load.py` can also check the sessions that validated
    when others did not, and report everything in one go.
    """
    base: KeyPath = ("offerings", oid)
    problems = _term_problems(base, term, source)
    previous = None
    ids: dict[str, int] = {}
    for i, session in sessions:
        here: KeyPath = (*base, "sessions", i)
        problems += _session_file_problems(here, session, source, root)
        if session.id is not None:
            first = ids.setdefault(session.id, i)
            if first != i:
                problems.append(
                    source.problem(
                        (*here, "id"),
                        f"duplicate session id '{session.id}' (also sessions[{first}])",
                        "session ids must be unique within an offering",
                    )
                )
        if session.continues:
            problems += _continues_problems(here, i, session, source)
            continue
        if session.date is None:
            continue  # the term calendar gives it the next free slot (calendar.py)
        problems += _date_problems(here, session.date, term, previous, source)
        previous = session.date
    return problems


def _term_problems(base: KeyPath, term: Term | None, source: YamlSource) -> list[Problem]:
    """A term that ends before it starts."""
    if term is not None and term.end < term.start:
        return [
            source.problem(
                (*base, "term", "end"),
                f"the term ends ({term.end}) before it starts ({term.start})",
                "swap start and end",
            )
        ]
    return []


def _session_file_problems(
    here: KeyPath, session: Session, source: YamlSource, root: Path
) -> list[Problem]:
    """A session's links to files that are missing or unsafe, in its fields and its text."""
    problems: list[Problem] = []
    for path, link in _session_links(here, session):
        problems += _check_file(path, link, source, root)
    for name in ("title", "notes"):
        if getattr(session, name):
            problems += _check_markdown((*here, name), getattr(session, name), source, root)
    return problems


def _continues_problems(
    here: KeyPath, i: int, session: Session, source: YamlSource
) -> list[Problem]:
    """A session that `continues` the previous one but has a date, or has no previous one."""
    if session.date is not None:
        return [
            source.problem(
                (*here, "date"),
                "a session that `continues` the previous one takes its date",
                "remove `date` or `continues`",
            )
        ]
    if i == 0:
        return [
            source.problem(
                (*here, "continues"),
                "the first session has no previous one to continue",
                "remove `continues` and give the session a `date`",
            )
        ]
    return []


def _date_problems(
    here: KeyPath,
    date: dt.date,
    term: Term | None,
    previous: dt.date | None,
    source: YamlSource,
) -> list[Problem]:
    """A session dated outside the term, or before the session above it."""
    problems: list[Problem] = []
    if term is not None and not term.start <= date <= term.end:
        problems.append(
            source.problem(
                (*here, "date"),
                f"{date} is outside the term ({term.start} to {term.end})",
                "fix the date or the offering's `term`",
            )
        )
    if previous is not None and date < previous:
        problems.append(
            source.problem(
                (*here, "date"),
                f"{date} comes before the previous session ({previous})",
                "keep sessions in date order",
            )
        )
    return problems


def _course_links(schedule: Schedule) -> Iterator[tuple[KeyPath, str]]:
    """Course- and offering-level links to files (descriptions, pages)."""
    course = schedule.course
    if course.description:
        yield ("course", "description"), course.description
    for i, css in enumerate(course.decks.css):
        yield ("course", "decks", "css", i), css
    if course.notebooks.requirements:
        yield ("course", "notebooks", "requirements"), course.notebooks.requirements
    for oid, offering in schedule.built().items():
        base: KeyPath = ("offerings", oid)
        if offering.description:
            yield (*base, "description"), offering.description
        for i, page in enumerate(offering.pages):
            yield (*base, "pages", i, "file"), page.file
        for i, person in enumerate(offering.staff or []):
            if person.photo:
                yield (*base, "staff", i, "photo"), person.photo
    for i, person in enumerate(course.staff):
        if person.photo:
            yield ("course", "staff", i, "photo"), person.photo


def _session_links(here: KeyPath, session: Session) -> Iterator[tuple[KeyPath, str]]:
    """Every link of one session, with its key path."""
    for name in _SESSION_LINK_FIELDS:
        value = getattr(session, name)
        if value:
            yield (*here, name), value
    for name in _SESSION_LINK_LISTS:
        for j, value in enumerate(getattr(session, name)):
            yield (*here, name, j), value
    for name in ("links", "readings", "due"):
        for j, item in enumerate(getattr(session, name)):
            if item.url:
                yield (*here, name, j, "url"), item.url


def _check_file(path: KeyPath, link: str, source: YamlSource, root: Path) -> list[Problem]:
    """A local link must name an existing UTF-8 file inside the course."""
    if not is_local(link) or not local_target(link):
        return []
    target = local_target(link)
    resolved = (root / target).resolve()
    if not resolved.is_relative_to(root):
        return [
            source.problem(
                path,
                f"'{link}' points outside the course repository",
                "link to a file inside the course folder, or use a full URL",
            )
        ]
    if not resolved.exists():
        siblings = [p.name for p in resolved.parent.iterdir()] if resolved.parent.is_dir() else []
        guess = difflib.get_close_matches(resolved.name, siblings, n=1, cutoff=0.6)
        fix = (
            f"did you mean '{Path(target).parent.joinpath(guess[0]).as_posix()}'?"
            if guess
            else "paths are relative to the folder of schedule.yaml"
        )
        return [source.problem(path, f"no such file '{target}'", fix)]
    # Whatever the link reaches is published: no system file, pipe or private folder.
    reason = refusal(root / target, root)
    if reason is not None:
        return [source.problem(path, f"'{link}' {reason}; it is not published", FIX)]
    if resolved.suffix in _TEXT_SUFFIXES and resolved.is_file():
        raw = resolved.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            # Point at the byte in the file itself: the schedule row only names the file.
            before = raw[: error.start]
            line = before.count(b"\n") + 1
            column = len(before) - (before.rfind(b"\n") + 1) + 1
            return [
                Problem(
                    f"byte 0x{raw[error.start]:02x} is not UTF-8 (the file is named by "
                    f"{source.file}:{source.where(path)[0]})",
                    file=Path(target).as_posix(),
                    line=line,
                    column=column,
                    fix="save the file as UTF-8",
                )
            ]
    return []


def _check_markdown(path: KeyPath, text: str, source: YamlSource, root: Path) -> list[Problem]:
    """Markdown values may link, but only where a schedule link field may: the page drops
    any other link, and the author should hear why it is gone."""
    problems = []
    for target, scheme in unsafe_links(text):
        problem = source.problem(
            path,
            f"the markdown links to '{target}': '{scheme}:' links are not allowed, and the "
            "page would drop the link",
            LINK_FIX,
        )
        if "\n" in text and problem.line:
            # A block of several lines (logistics): point at the line holding the link.
            line = _line_holding(root / source.file, problem.line, target)
            if line is not None:
                problem = dataclasses.replace(problem, line=line, column=None)
        problems.append(problem)
    return problems


def _line_holding(file: Path, start: int, text: str) -> int | None:
    """The first line from `start` on (1-based) that holds `text`, if the file is readable."""
    try:
        lines = file.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n in range(start, len(lines) + 1) if text in lines[n - 1]), None)


def _check_front_matter(link: str, root: Path) -> list[Problem]:
    """A page's front matter must parse (MkDocs would stop on it, or expand its aliases)."""
    target = local_target(link)
    path = root / target
    if path.suffix != ".md" or not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    end = front_matter_end(lines)
    if end is None:
        return []
    _, problems = read_front_matter("\n".join(lines[1:end]), Path(target).as_posix(), 2)
    return problems


def unmatched_never_execute(schedule: Schedule, source: YamlSource) -> list[Problem]:
    """`course.notebooks.never_execute` patterns that match no notebook a built offering
    links: most likely a typo, and the notebook it meant will run after all."""
    linked = sorted(
        {
            local_target(session.notebook)
            for offering in schedule.built().values()
            for session in offering.sessions
            if session.notebook and is_local(session.notebook)
        }
    )
    problems = []
    for n, pattern in enumerate(schedule.course.notebooks.never_execute):
        if not any(fnmatch.fnmatchcase(path, pattern) for path in linked):
            shown = ", ".join(linked[:3]) + (", …" if len(linked) > 3 else "")
            problems.append(
                source.problem(
                    ("course", "notebooks", "never_execute", n),
                    f"'{pattern}' matches no notebook the schedule links",
                    f"patterns are relative to the course folder, e.g. {shown}"
                    if linked
                    else "no session links a notebook yet",
                )
            )
    return problems
