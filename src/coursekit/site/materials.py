"""Lecture decks and recitation notebooks of a course build: which ones the schedule uses,
where each lands in a semester site, and the work done once per build (parse, execute).

`build.py` calls `prepare_materials` once; `generate.py` writes handout and notebook pages
from it; `build.py` writes the reveal.js decks (and PDFs) after MkDocs built the semester.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.errors import BuildError, Problem
from coursekit.schedule.checks import is_local, local_target
from coursekit.schedule.load import Course
from coursekit.site.links import relative_href
from coursekit.site.places import RUNTIME_DIR, DeckPlace, is_deck

log = logging.getLogger("coursekit.build")

DECK_CACHE = ".cache/decks"
PDF_CACHE = ".cache/pdf"
NOTEBOOK_CACHE = ".cache/notebooks"
# Files whose change should re-execute notebooks: the course's dependency declarations.
LOCK_FILES = ("pyproject.toml", "requirements.txt", "environment.yml")


@dataclass
class Materials:
    """Parsed decks and built notebook pages, keyed by repository path."""

    decks: dict[str, object] = field(default_factory=dict)  # path → slides.Deck
    notebooks: dict[str, object] = field(default_factory=dict)  # path → NotebookPage
    warnings: list[Problem] = field(default_factory=list)
    pdf: bool = False


def used_materials(course: Course, oids: list[str], as_of: dt.date) -> tuple[list[str], list[str]]:
    """The decks and notebooks the offerings' schedules name and have released by `as_of`,
    in first-use order."""
    decks: dict[str, None] = {}
    notebooks: dict[str, None] = {}
    built = course.schedule.built()
    for oid in oids:
        for session in built[oid].sessions:
            if session.release and session.release > as_of:
                continue
            if is_deck(session.slides):
                decks[local_target(session.slides)] = None
            if session.notebook and is_local(session.notebook):
                notebooks[local_target(session.notebook)] = None
    return list(decks), list(notebooks)


def prepare_materials(
    course: Course, oids: list[str], *, pdf: bool = False, as_of: dt.date | None = None
) -> Materials:
    """Parse every deck and build every notebook the offerings use (cached under .cache/).

    A missing image in a deck is an error in a course build (a student would see a broken
    slide); other deck findings are warnings. Notebook failures are errors, all reported.
    """
    deck_paths, notebook_paths = used_materials(course, oids, as_of or dt.date.today())
    materials = Materials(pdf=pdf)
    problems: list[Problem] = []
    if deck_paths:
        from coursekit.slides import parse_decks
        from coursekit.slides.themes import CourseDecks, apply_themes

        decks = parse_decks(
            [course.root / p for p in deck_paths],
            root=course.root,
            cache_dir=course.root / DECK_CACHE,
        )
        settings = course.schedule.course.decks
        theme = CourseDecks(
            css=tuple(course.root / local_target(css) for css in settings.css),
            reveal=dict(settings.reveal),
            footer=settings.footer,
        )
        decks = apply_themes(decks, top=course.root, root=course.root, course=theme)
        for path, deck in zip(deck_paths, decks, strict=True):
            materials.decks[path] = deck
            for problem in deck.warnings:
                if problem.message.endswith("not found"):
                    problems.append(problem)
                else:
                    materials.warnings.append(problem)
    if notebook_paths:
        settings = course.schedule.course.notebooks
        locks = [p for p in LOCK_FILES if (course.root / p).is_file()]
        keys = {p: _notebook_key(course.root, p, settings, locks) for p in notebook_paths}
        # Live preview rebuilds on every save: reuse pages of unchanged notebooks.
        todo = [p for p in notebook_paths if keys[p] not in _NOTEBOOK_PAGES]
        if todo:
            from coursekit.notebooks.build import build_notebooks

            try:
                built = build_notebooks(
                    todo,
                    root=course.root,
                    cache_dir=Path(NOTEBOOK_CACHE),
                    mode=settings.execute,
                    lock_files=locks,
                    default_timeout=settings.timeout,
                    never_execute=settings.never_execute,
                    jobs=min(settings.jobs, len(todo)),
                )
            except BuildError as error:
                problems.extend(error.problems)
            else:
                for path, page in zip(todo, built.pages, strict=True):
                    _NOTEBOOK_PAGES[keys[path]] = page
        if not problems:
            materials.notebooks = {p: _NOTEBOOK_PAGES[keys[p]] for p in notebook_paths}
    if problems:
        raise BuildError(problems)
    return materials


_NOTEBOOK_PAGES: dict[tuple, object] = {}  # in-process: key → NotebookPage


def _notebook_key(root: Path, path: str, settings, locks: list[str]) -> tuple:  # type: ignore[no-untyped-def]
    """What a rendered notebook page depends on: its file, the execution settings, the
    dependency files; data files are covered by the notebook cache underneath."""
    files = [root / path, *(root / lock for lock in locks)]
    stats = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return (stats, settings.execute, settings.timeout, tuple(settings.never_execute))


def write_decks(materials: Materials, sources: list[str], site_dir: Path, root: Path) -> None:
    """Write each deck's reveal.js page, images and markdown source into the semester site
    (after MkDocs, which empties the folder), the runtime once, and PDFs when asked."""
    if not sources:
        return
    from coursekit.slides import copy_runtime, write_deck

    copy_runtime(site_dir / RUNTIME_DIR)
    jobs = []
    for source in sources:
        place = DeckPlace(source)
        deck = materials.decks[source]
        out = site_dir / place.slides_url
        runtime = relative_href(RUNTIME_DIR + "/", place.slides_url)
        write_deck(deck, out, runtime, handout=relative_href(place.handout_url, place.slides_url))
        (out / f"{place.name}.md").write_bytes((root / source).read_bytes())
        if materials.pdf:
            from coursekit.slides.pdf import PdfJob

            jobs.append(PdfJob(deck, out / "index.html", out / f"{place.name}.pdf"))
    if jobs:
        from coursekit.slides.pdf import print_pdfs

        for result in print_pdfs(jobs, site_dir, cache_dir=root / PDF_CACHE):
            log.info(
                "%s %s (%.1f s)", "kept" if result.cached else "printed", result.pdf, result.seconds
            )
