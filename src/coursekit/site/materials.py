"""Lecture decks and recitation notebooks of a course build: which ones the schedule uses,
where each lands in a semester site, and the work done once per build (parse, execute).

`build.py` calls `prepare_materials` once; `render.py` renders handout and notebook pages
from it; `write.py` writes them, and the reveal.js decks (and PDFs) after MkDocs built the
semester.
`coursekit check` calls `confinement_problems`: a file from outside the course, which the
build refuses, is found without building.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursekit.errors import BuildError, Problem
from coursekit.notebooks.environment import course_environment
from coursekit.notebooks.local_files import refused_files
from coursekit.progress import step
from coursekit.schedule.link import local_target
from coursekit.schedule.load import Course
from coursekit.site.caches import Caches
from coursekit.site.pending import Pending
from coursekit.site.places import DeckPlace, is_deck
from coursekit.site.plan import walk_offering
from coursekit.site.write import write_decks as write_decks  # where build.py and tests find it

if TYPE_CHECKING:  # imported where a build first needs them
    from coursekit.notebooks.build import NotebookPage
    from coursekit.notebooks.read import Source
    from coursekit.schedule.model import NotebookSettings
    from coursekit.slides import Deck

log = logging.getLogger("coursekit.build")

DECK_CACHE = ".cache/decks"
NOTEBOOK_CACHE = ".cache/notebooks"
# Files whose change should re-execute notebooks: the course's dependency declarations.
LOCK_FILES = ("pyproject.toml", "requirements.txt", "environment.yml")
# The notebooks' pages by path, or the problems of those that failed.
Notebooks = Pending[dict[str, "NotebookPage"] | list[Problem]]


@dataclass
class Materials:
    """Parsed decks and built notebook pages, keyed by repository path."""

    decks: dict[str, Deck] = field(default_factory=dict)
    notebooks: dict[str, NotebookPage] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    pdf: bool = False
    # The site folder being replaced: nothing in it is published again (a custom `--out`
    # inside the course is not named `site/`, so the gate must be told).
    out: Path | None = None
    # The live preview, seen by the course's author alone: private speaker notes are shown.
    speaker: bool = False
    # Notebooks still running (`start_notebooks`): `finish_notebooks` fills `notebooks`.
    pending: Notebooks | None = None

    def notes_shown(self, place: DeckPlace) -> bool:
        """Whether the deck at `place` is published with its speaker notes: unless they are
        private (its front matter, else the offering's or course's setting) and this is no
        preview."""
        return self.speaker or not self.decks[place.source].notes_private(place.notes)


def used_materials(course: Course, oids: list[str], as_of: dt.date) -> tuple[list[str], list[str]]:
    """The decks and notebooks the offerings' schedules name and have released by `as_of`,
    in first-use order: what the semester plans publish (the same walk)."""
    decks: dict[str, None] = {}
    notebooks: dict[str, None] = {}
    built = course.schedule.built()
    for oid in oids:
        uses = walk_offering(built[oid], as_of, course.assignments)
        decks |= dict.fromkeys(uses.decks)
        notebooks |= dict.fromkeys(uses.notebooks)
    return list(decks), list(notebooks)


def held_back_files(course: Course, as_of: dt.date | None = None) -> set[Path]:
    """Files the decks held back by `release:` use (images, videos, stylesheets): not on the
    site yet, so no page uses them, but they are not unused either."""
    as_of = as_of or dt.date.today()
    decks = {
        local_target(session.slides)
        for oid, offering in course.schedule.built().items()
        if oid not in course.roots  # an offering from a git ref: its files are not here
        for session in offering.sessions
        if session.release and session.release > as_of and is_deck(session.slides)
    }
    if not decks:
        return set()
    from coursekit.slides import parse_decks

    parsed = parse_decks(
        [course.root / p for p in sorted(decks)],
        root=course.root,
        cache_dir=course.root / DECK_CACHE,
    )
    return {asset.path.resolve() for deck in parsed for asset in deck.assets}


def prepare_materials(
    course: Course,
    oids: list[str],
    *,
    pdf: bool = False,
    as_of: dt.date | None = None,
    out: Path | None = None,
    caches: Caches | None = None,
    speaker: bool = False,
    notebooks: Notebooks | None = None,
) -> Materials:
    """Parse every deck and build every notebook the offerings use (cached under .cache/;
    pages of notebooks an earlier build of this session rendered come from `caches`).

    A missing image in a deck is a warning (an error with `--strict`), shown on its slide as
    a box naming the file. Notebook failures are errors, all reported.
    With `speaker` (the live preview), private speaker notes are published too.
    `notebooks` started earlier (`start_notebooks`) are left running: `finish_notebooks`
    collects them when a page first needs them.
    """
    as_of = as_of or dt.date.today()
    deck_paths, _ = used_materials(course, oids, as_of)
    materials = Materials(pdf=pdf, out=out, speaker=speaker)
    # Beside running kernels, parse in this process: a fork beside threads may inherit a
    # lock one of them held, and the second core is the kernels' anyway.
    workers = 1 if notebooks is not None and notebooks.background else None
    problems = _prepare_decks(course, deck_paths, materials, workers) if deck_paths else []
    if notebooks is None:
        notebooks = start_notebooks(course, oids, as_of, caches or Caches(), background=False)
    materials.pending = notebooks
    if problems:
        # Every broken deck and notebook at once, as a build without early notebooks reports.
        found = notebooks.result()
        raise BuildError(problems + (found if isinstance(found, list) else []))
    if not notebooks.background:
        finish_notebooks(course, materials)
    return materials


def start_notebooks(
    course: Course, oids: list[str], as_of: dt.date, caches: Caches, *, background: bool = True
) -> Notebooks:
    """The pages of the notebooks the offerings use (or their problems), built in a thread
    from now when `background`: their kernels run while other pages render."""
    _, paths = used_materials(course, oids, as_of)

    def work(
        ready: threading.Event, stopped: Callable[[], bool]
    ) -> dict[str, NotebookPage] | list[Problem]:
        return _built_notebooks(course, paths, caches, ready.set, stopped) if paths else {}

    return Pending(work, background=background and bool(paths), name="notebooks")


def finish_notebooks(course: Course, materials: Materials) -> None:
    """Wait for the notebooks of `materials` and put their pages into it; a `BuildError`
    listing every notebook that failed or publishes a file it may not. Once is enough."""
    pending, materials.pending = materials.pending, None
    if pending is None:
        return
    pages = pending.result()
    if isinstance(pages, list):
        raise BuildError(pages)
    problems: list[Problem] = []
    materials.notebooks = pages
    settings = course.schedule.course.notebooks
    for path, page in pages.items():
        problems += _refused_notebook_files(course.root, path, page)
        materials.warnings += _capped_outputs(course.root, path, page, settings)
    if problems:
        raise BuildError(problems)


def _prepare_decks(
    course: Course, deck_paths: list[str], materials: Materials, workers: int | None = None
) -> list[Problem]:
    """Parse and theme the decks into `materials`; return their errors (warnings go into
    `materials.warnings`)."""
    from coursekit.slides.assets import refused_assets
    from coursekit.slides.themes import CourseDecks, apply_themes

    problems: list[Problem] = []
    step("reading %d deck%s", len(deck_paths), "s" * (len(deck_paths) > 1))
    decks = _parse_decks(course, deck_paths, workers)
    settings = course.schedule.course.decks
    theme = CourseDecks(
        css=tuple(course.root / local_target(css) for css in settings.css),
        reveal=dict(settings.reveal),
        footer=settings.footer,
    )
    decks = apply_themes(decks, top=course.root, root=course.root, course=theme)
    for path, deck in zip(deck_paths, decks, strict=True):
        materials.decks[path] = deck
        problems += refused_assets(deck.assets, course.root, path, out=materials.out)
        errors, warnings = deck_findings(path, deck)
        problems += errors
        materials.warnings += warnings
    return problems


def _built_notebooks(
    course: Course,
    paths: list[str],
    caches: Caches,
    on_kernels: Callable[[], None],
    stopped: Callable[[], bool],
) -> dict[str, NotebookPage] | list[Problem]:
    """The pages of the notebooks `paths` (executed or from the caches), or the problems
    of those that failed; `on_kernels` once their kernels answer; no kernel starts once
    `stopped()`."""
    settings = course.schedule.course.notebooks
    locks = [p for p in LOCK_FILES if (course.root / p).is_file()]
    env = course_environment(
        course.root, requirements=settings.requirements, environment=settings.environment
    )
    keys = {p: (*_notebook_key(course.root, p, settings, locks), env.key) for p in paths}
    # Live preview rebuilds on every save: reuse pages of unchanged notebooks.
    todo = [p for p in paths if keys[p] not in caches.notebook_pages]
    if todo:
        from coursekit.notebooks.build import build_notebooks
        from coursekit.notebooks.outputs import Limits
        from coursekit.site.config import course_locale

        try:
            built = build_notebooks(
                [Path(p) for p in todo],
                root=course.root,
                cache_dir=Path(NOTEBOOK_CACHE),
                mode=settings.execute,
                lock_files=[Path(p) for p in locks],
                default_timeout=settings.timeout,
                never_execute=settings.never_execute,
                environment=env,
                jobs=min(settings.jobs, len(todo)),
                solution_placeholder=settings.solution_placeholder,
                on_kernels=on_kernels,
                stopped=stopped,
                # Notes that replace or cut an output are in the course's language.
                limits=Limits(output_bytes=_cap(settings), locale=course_locale(course.root)),
            )
        except BuildError as error:
            return list(error.problems)
        for path, page in zip(todo, built.pages, strict=True):
            caches.notebook_pages[keys[path]] = _capped_download(page, _cap(settings))
    return {p: caches.notebook_pages[keys[p]] for p in paths}


def deck_findings(path: str, deck: Deck) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of a parsed deck, for the build and `coursekit check` alike: an
    empty deck, front matter that cannot be read or a link that may not be a link would show
    students a blank, untitled or unsafe page."""
    from coursekit.slides.front_matter_links import unsafe_front_matter_links
    from coursekit.slides.split import is_empty

    # A missing image is a warning (`--strict`, which CI builds with, fails on it): a draft
    # deck must not block the preview or build of the rest; its slide names the file.
    errors = deck.errors + unsafe_front_matter_links(deck.source, path)
    warnings = list(deck.warnings)
    if is_empty(deck.source.splitlines(), path):
        errors.insert(
            0,
            Problem(
                "the deck has no slides",
                file=path,
                line=1,
                fix="write its slides, or remove `slides:` from the session that links it",
            ),
        )
    return errors, warnings


def _notebook_key(
    root: Path, path: str, settings: NotebookSettings, locks: list[str]
) -> tuple[object, ...]:
    """What a rendered notebook page depends on: its file, the execution settings, the
    dependency files; data files are covered by the notebook cache underneath."""
    files = [root / path, *(root / lock for lock in locks)]
    stats = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return (
        stats,
        settings.execute,
        settings.timeout,
        tuple(settings.never_execute),
        settings.max_output_mb,
        settings.solution_placeholder,
    )


def _cap(settings: NotebookSettings) -> int:
    return int(settings.max_output_mb * 1_000_000)


def _capped_download(page: NotebookPage, limit: int) -> NotebookPage:
    """The page with its .ipynb downloads (students' and solution version) holding no
    output the page left out."""
    from coursekit.notebooks.outputs import CAPPED_RE, cap_notebook

    def capped(html: str, ipynb: bytes) -> bytes:
        if not CAPPED_RE.search(html):
            return ipynb
        import nbformat

        notebook = nbformat.reads(ipynb, as_version=4)
        cap_notebook(notebook, limit)
        return nbformat.writes(notebook).encode("utf-8")

    solution = page.solution
    if solution is not None:
        solution = dataclasses.replace(
            solution, executed_ipynb=capped(solution.html, solution.executed_ipynb)
        )
    return dataclasses.replace(
        page, executed_ipynb=capped(page.html, page.executed_ipynb), solution=solution
    )


def _json_cell_line(text: str, index: int) -> int | None:
    """The line of cell `index` in an .ipynb's JSON: its `"cell_type":` key (a string value
    holding those characters is escaped, so only keys match)."""
    keys = [m.start() for m in re.finditer(r'"cell_type"\s*:', text)]
    return text.count("\n", 0, keys[index]) + 1 if index < len(keys) else None


_CODE_CELL_RE = re.compile(r'<div class="ck-cell ck-code-cell" data-cell="(\d+)"')


def _capped_outputs(
    root: Path, path: str, page: NotebookPage, settings: NotebookSettings
) -> list[Problem]:
    """A warning for each output the page left out for its size, at its cell."""
    from coursekit.notebooks.outputs import CAPPED_RE, megabytes

    notes = list(CAPPED_RE.finditer(page.html))
    if not notes:
        return []
    from coursekit.notebooks.read import read_source

    source = read_source(root / path, root)
    text = source.text or source.path.read_text("utf-8")
    cells = list(_CODE_CELL_RE.finditer(page.html))
    warnings = []
    for note in notes:
        number = max((int(c[1]) for c in cells if c.start() < note.start()), default=1)
        warnings.append(
            Problem(
                f"an output of {megabytes(int(note[1]))} is larger than "
                f"course.notebooks.max_output_mb ({settings.max_output_mb:g} MB); the page "
                "and download show a note instead",
                path,
                source.file_line(number - 1) or _json_cell_line(text, number - 1),
                path=f"cells[{number - 1}]",
                fix="make the output smaller (fewer points, a smaller image, df.head()), or "
                "raise max_output_mb",
            )
        )
    return warnings


def _parse_decks(course: Course, deck_paths: list[str], workers: int | None = None) -> list:
    """The course's decks `deck_paths`, parsed (or read from the course's deck cache) in
    `workers` processes (default: one per CPU)."""
    from coursekit.slides import parse_decks

    paths = [course.root / p for p in deck_paths]
    cache = course.root / DECK_CACHE
    return parse_decks(paths, root=course.root, cache_dir=cache, workers=workers)


def confinement_problems(course: Course) -> list[Problem]:
    """Every file a built offering's decks and notebooks use that the build would refuse to
    publish (see `publishable.py`), without executing anything."""
    deck_paths, notebook_paths = used_materials(course, list(course.schedule.built()), dt.date.max)
    problems: list[Problem] = []
    if deck_paths:
        from coursekit.slides.assets import refused_assets

        decks = _parse_decks(course, deck_paths)
        for path, deck in zip(deck_paths, decks, strict=True):
            problems += refused_assets(deck.assets, course.root, path)
    for path in notebook_paths:
        from coursekit.notebooks.read import read_source
        from coursekit.notebooks.render import render_notebook

        try:
            source = read_source(course.root / path, course.root)
        except BuildError:
            continue  # the build reports an unreadable notebook; here only what it would leak
        # Files are linked from markdown and raw cells; code would only cost highlighting.
        text_only = copy.copy(source.notebook)
        text_only.cells = [c for c in source.notebook.cells if c.cell_type != "code"]
        html = render_notebook(text_only).html
        problems += refused_files(
            course.root,
            path,
            html,
            partial(_notebook_text, source),
        )
    return problems


def _notebook_text(source: Source) -> tuple[str, list[Any]]:
    """A notebook's text and cells, read only when a refused file needs its line."""
    return source.text or source.path.read_text("utf-8"), source.notebook.cells


def _refused_notebook_files(root: Path, path: str, page: NotebookPage) -> list[Problem]:
    def notebook() -> tuple[str, list]:
        import nbformat

        cells = nbformat.reads(page.executed_ipynb, as_version=4).cells
        return page.source_path.read_text("utf-8"), cells

    return refused_files(root, path, page.html, notebook)
