"""Build the whole course site: every built offering into `<out>/<ID>/`, the landing page,
`versions.json` and redirect stubs — atomically.

Everything is built into a staging folder beside `<out>`, then swapped in (swap.py); a failed
or killed build leaves the previous site exactly as it was. A build holds the course lock
(lock.py) and works in a folder of its own. Called by `coursekit build` and `coursekit serve`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.clock import course_epoch, pinned
from coursekit.diagnostics import Diagnostics, collect
from coursekit.errors import BuildError, CourseError, Problem
from coursekit.progress import step
from coursekit.schedule.checks import links_into
from coursekit.schedule.load import Course, load_course
from coursekit.schedule.model import ExternalOffering
from coursekit.site.caches import Caches
from coursekit.site.config import course_locale
from coursekit.site.engine import Engine, MkDocsEngine
from coursekit.site.generate import generate_semester
from coursekit.site.landing import (
    SEARCH_INDEX,
    generate_landing,
    redirect_html,
    search_current,
    versions_json,
)
from coursekit.site.linkcheck import scan_site
from coursekit.site.lock import TIMEOUT, course_lock, process_alive
from coursekit.site.materials import (
    Materials,
    finish_notebooks,
    held_back_files,
    prepare_materials,
    write_decks,
)
from coursekit.site.outdir import check_out, mark
from coursekit.site.overlap import early_handouts, early_site_check, notebooks_first
from coursekit.site.preview_changes import keep_search_entries
from coursekit.site.reuse import keep_offerings, landing_inputs, mark_landing, reuse_landing
from coursekit.site.swap import clear_leftovers, staging_folder, swap
from coursekit.site.write import LiteBuilds, write_lite

log = logging.getLogger("coursekit.build")
WORK_DIR = ".coursekit/build"


@dataclass
class BuildReport:
    out: Path
    built: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build_course(
    root: Path,
    out: Path | None = None,
    *,
    semester: str | None = None,
    strict: bool = False,
    pdf: bool = False,
    as_of: dt.date | None = None,
    site_url: str | None = None,
    repository: str | None = None,
    lock_timeout: float = TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
    caches: Caches | None = None,
    engine: Engine | None = None,
    speaker: bool = False,
) -> BuildReport:
    """Check the course, build it into a staging folder, and swap it in for `out`.

    `site_url` is where the site will be published (overrides mkdocs.yml's `site_url`): the
    semester switcher keeps you on the same page only when it is known. `repository`
    overrides `course.repository`: CI passes the repository it builds, so view-source,
    Binder and Colab links open the files this very build published. `out` is refused
    (outdir.py) where replacing it could lose anything but an earlier site. While another
    process builds the course, `on_wait` gets a line saying so (lock.py). A live-preview
    session passes its own `caches` and `engine`, to reuse what earlier builds made, and
    `speaker`: its site, seen by the author alone, keeps private speaker notes.
    """
    started = time.perf_counter()
    caches, engine = caches or Caches(), engine or MkDocsEngine()
    course = _checked_course(root, engine, strict=strict, repository=repository)
    out = _checked_out(course, out)
    targets = _targets(course, out, semester)
    report = BuildReport(out=out)
    # Calendar findings (a session on a holiday, a deadline on a weekend, …).
    if strict and course.warnings:
        raise BuildError(course.warnings)
    report.warnings += [str(problem) for problem in course.warnings]
    # One clock for the whole build: the same commit builds the same bytes (clock.py).
    starts = [offering.term.start for offering in course.schedule.built().values()]
    here = [oid for oid in targets if oid not in course.roots]
    with (
        _building(course.root, out, lock_timeout, on_wait) as (stage, work),
        collect(course.root) as diagnostics,  # every `coursekit.*` warning
        pinned(course_epoch(course.root, starts)),
        LiteBuilds() as lite,
        contextlib.ExitStack() as running,
    ):
        step("building %s and the landing page", ", ".join(targets))
        notebooks, ordered = notebooks_first(course, here, targets, as_of, caches, lite)
        running.enter_context(notebooks)
        report.warnings += _landing(
            course, (work, stage, out), site_url, strict, engine, diagnostics
        )
        materials = prepare_materials(
            course,
            here,
            pdf=pdf,
            as_of=as_of,
            out=out,
            caches=caches,
            speaker=speaker,
            notebooks=notebooks,
        )
        run = _Run(course, work, stage, materials, as_of, site_url, strict, engine, caches, lite)
        report.warnings += _build_offerings(run, ordered)
        report.built = list(targets)
        if semester and out.is_dir():
            kept = [oid for oid in course.schedule.built() if oid not in targets]
            keep_offerings(out, stage, kept)
        _write_switcher_files(course, stage)
        lite.wait()  # the link check reads the browser notebooks' sites too
        # Deck and notebook warnings wait until here: `--strict` then reports every problem
        # at once, with the place the page render gave each logged one.
        found = materials.warnings + diagnostics.problems
        found += _site_findings(course, stage, as_of, caches)
        report.warnings += _reported(found, strict=strict)
        swap(stage, out)
    report.seconds = time.perf_counter() - started
    return report


def _build_offerings(run: _Run, ordered: list[tuple[str, bool]]) -> list[str]:
    """Build each offering of `ordered` into the stage; their warnings."""
    warnings, materials = [], run.materials
    for number, (oid, needs) in enumerate(ordered, 1):
        if needs:
            early_handouts(run.course, oid, materials, run.caches, run.as_of)
            finish_notebooks(run.course, materials)
        step("%s: building the site (%d/%d)", oid, number, len(ordered))
        own = _for_offering(run, oid)
        warnings += _build_semester(own, oid)
        early_site_check(run.stage / oid, materials, run.caches)
        if own is not run:
            materials.warnings += own.materials.warnings
    return warnings


def _landing(
    course: Course,
    folders: tuple[Path, Path, Path],
    site_url: str | None,
    strict: bool,
    engine: Engine,
    diagnostics: Diagnostics,
) -> list[str]:
    """The landing page in the empty `stage`, with its warnings: the previous site's when
    every input is unchanged and it built cleanly (reuse.py), else built now."""
    work, stage, out = folders
    config = generate_landing(course, work / "_landing", stage, site_url)
    key = landing_inputs(config.parent, stage, strict=strict)
    if reuse_landing(out, stage, key):
        return []
    before = len(diagnostics.found)
    warnings = engine.build(config, strict=strict)
    mark_landing(stage, key, clean=not warnings and len(diagnostics.found) == before)
    return warnings


def _reported(found: list[Problem], *, strict: bool) -> list[str]:
    """The build's findings, each once (a deck's formula warns when parsed and again when
    its handout renders); with `strict`, a `BuildError` listing them all."""
    findings = list({str(problem): problem for problem in found}.values())
    if strict and findings:
        raise BuildError(findings)
    return [str(problem) for problem in findings]


@dataclass(frozen=True)
class _Run:
    """What every semester of one build shares."""

    course: Course
    work: Path
    stage: Path
    materials: Materials
    as_of: dt.date | None
    site_url: str | None
    strict: bool
    engine: Engine
    caches: Caches
    lite: LiteBuilds  # the offerings' JupyterLite builds, beside the rest of the build


def _checked_out(course: Course, out: Path | None) -> Path:
    """The folder to build into, refused where replacing it could lose anything (outdir.py)
    or where the schedule links into it."""
    out = out or course.root / "site"
    check_out(out, root=course.root)
    out = out.resolve()
    # An `--out` inside the course (public/, say) holds the previous site: never a source.
    into_out = links_into(course.schedule, course.source, course.root, out)
    if into_out:
        raise BuildError(into_out)
    return out


def _checked_course(root: Path, engine: Engine, *, strict: bool, repository: str | None) -> Course:
    """The loaded course, its mkdocs.yml checked at its own lines (MkDocs would name a
    generated copy), with `repository` in place of the schedule's when given."""
    course = load_course(root)
    config_errors, config_warnings = engine.check_config(course.root)
    if config_errors or (strict and config_warnings):
        raise BuildError(config_errors + (config_warnings if strict else []))
    if repository:
        meta = course.schedule.course.model_copy(update={"repository": repository})
        schedule = course.schedule.model_copy(update={"course": meta})
        course = dataclasses.replace(course, schedule=schedule)
    return course


def _targets(course: Course, out: Path, semester: str | None) -> list[str]:
    """The offerings this build renders: all, or `semester` and those not built yet."""
    built = course.schedule.built()
    if semester is None:
        return list(built)
    if semester not in built:
        known = ", ".join(built) or "none"
        elsewhere = semester in course.schedule.offerings
        line, column = course.source.where(("offerings",), key=True)
        raise BuildError(
            Problem(
                f"--semester {semester}: "
                + ("that offering is built elsewhere" if elsewhere else "no such offering"),
                file=course.source.file,
                line=line,
                column=column,
                path="offerings",
                fix=f"offerings built here: {known}",
            )
        )
    # The others are kept from the previous build; one not built yet (a fresh clone) is
    # built now, or the landing page and switcher would link to nothing.
    return [oid for oid in built if oid == semester or not (out / oid / "index.html").is_file()]


def _for_offering(run: _Run, oid: str) -> _Run:
    """The run as offering `oid` reads its files: one built from a git ref has its own
    course root (sources/refs.py), so its own decks and notebooks."""
    if oid not in run.course.roots:
        return run
    course = run.course.of(oid)
    try:
        materials = prepare_materials(
            course,
            [oid],
            pdf=run.materials.pdf,
            as_of=run.as_of,
            out=run.materials.out,
            caches=run.caches,
            speaker=run.materials.speaker,
        )
    except CourseError as error:  # a deck's missing image: `F2022:lectures/…:9`
        raise BuildError(course.named(error.problems)) from None
    materials.warnings = course.named(materials.warnings)
    return dataclasses.replace(run, course=course, materials=materials)


def _build_semester(run: _Run, oid: str) -> list[str]:
    """Generate, build and complete one semester in `stage/<oid>`; its warnings."""
    log.info("building %s", oid)
    root = run.course.root
    project = generate_semester(
        run.course,
        oid,
        run.work / oid,
        run.stage / oid,
        run.materials,
        as_of=run.as_of,
        site_url=run.site_url,
        caches=run.caches,
    )
    sources = {docs: root / repo for docs, repo in project.sources.items()}
    # `jupyter lite build` runs on the second core while MkDocs renders; copied in after.
    run.lite.prepare(project.lite, _pyodide(run.course))
    warnings = run.engine.build(project.config, strict=run.strict, sources=sources)
    write_decks(run.materials, list(project.decks), project.site_dir, root)
    run.lite.start(project.lite, project.site_dir, _pyodide(run.course))
    return warnings


def _pyodide(course: Course) -> str:
    return course.schedule.course.notebooks.browser.pyodide


def _site_findings(
    course: Course, stage: Path, as_of: dt.date | None, caches: Caches
) -> list[Problem]:
    """The site check (linkcheck.py): a broken internal link, anchor or image is an error;
    an image without alt text or an unused lecture image is a finding that does not break
    the site (`coursekit check --site` fails on missing alt). Pages an earlier build of
    the session saw, byte for byte, are not parsed again."""
    scan = scan_site(stage, caches.page_links)
    problems = scan.broken_links()
    if problems:
        raise BuildError(problems)
    return scan.images_without_alt() + scan.unused_images(
        course.root / "lectures", also_used=held_back_files(course, as_of)
    )


@contextlib.contextmanager
def _building(
    root: Path, out: Path, lock_timeout: float, on_wait: Callable[[str], None] | None
) -> Iterator[tuple[Path, Path]]:
    """Under the course lock, with the leftovers of killed builds cleared: a staging folder
    beside `out` and a work folder of this build's own, both removed when the block ends."""
    with course_lock(root, timeout=lock_timeout, on_wait=on_wait):
        clear_leftovers(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        work: Path | None = None
        try:
            # Inside the `try`: Ctrl+C may land while these are being made.
            stage_root = staging_folder(out)
            work = work_folder(root)
            yield stage_root / "site", work
        except OSError as error:
            # A failed write() names no file (a full disk, say): name the folder being built.
            if error.filename is None:
                error.filename = str(out)
            raise
        finally:
            # By name, not by variable: a folder made just before the interrupt counts too.
            for stage in out.parent.glob(f".{out.name}.staging-{os.getpid()}-*"):
                shutil.rmtree(stage, ignore_errors=True)
            made = [work] if work else (root / WORK_DIR).glob(f"{os.getpid()}-*")
            for folder in made:
                shutil.rmtree(folder, ignore_errors=True)


def build_semester_in_place(
    course: Course,
    oid: str,
    out: Path,
    work: Path,
    on_wait: Callable[[str], None] | None = None,
    *,
    caches: Caches | None = None,
    engine: Engine | None = None,
    speaker: bool = True,
) -> list[str]:
    """Rebuild one semester straight into `out/<oid>` (the live-preview server's fast path),
    with `work` the server's own work folder (`work_folder()`), under the course lock;
    `caches` and `engine` are the preview session's, kept from one rebuild to the next; the
    preview keeps private speaker notes for its author (`speaker`)."""
    caches, engine = caches or Caches(), engine or MkDocsEngine()
    with course_lock(course.root, on_wait=on_wait):
        config = work / oid / "mkdocs.yml"
        before = config.read_bytes() if config.exists() else None
        own = course.of(oid)  # an offering from a git ref reads its ref's files
        materials = prepare_materials(own, [oid], out=out.resolve(), caches=caches, speaker=speaker)
        project = generate_semester(own, oid, work / oid, out / oid, materials, caches=caches)
        # Same config (nav, theme) → only changed pages need rendering again.
        dirty = before == project.config.read_bytes() and (out / oid / "index.html").exists()
        # A dirty build indexes only the pages it renders: the others' entries are kept.
        index = out / oid / SEARCH_INDEX
        searched = index.read_bytes() if dirty and index.is_file() else None
        warnings = engine.build(project.config, dirty=dirty)
        keep_search_entries(out / oid, searched)
        write_decks(materials, list(project.decks), project.site_dir, own.root)
        write_lite(project.lite, project.site_dir, _pyodide(course))
        _write_switcher_files(course, out)
    # Forget handouts and notebook pages of versions this build no longer uses.
    caches.sweep()
    # The decks' findings too: a missing image is a warning the preview must print.
    return warnings + [str(problem) for problem in materials.warnings]


def work_folder(root: Path) -> Path:
    """A new folder for one build's generated MkDocs projects, under `.coursekit/build/`,
    named after this process; folders of processes that are gone are removed first."""
    parent = root / WORK_DIR
    parent.mkdir(parents=True, exist_ok=True)
    for path in parent.iterdir():
        head = path.name.split("-", 1)[0]
        if not process_alive(int(head) if head.isdigit() else None):
            shutil.rmtree(path, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))


def _write_switcher_files(course: Course, stage: Path) -> None:
    (stage / "versions.json").write_text(versions_json(course), "utf-8")
    (stage / ".nojekyll").write_text("", "utf-8")
    search_current(course, stage)
    mark(stage, "build")
    locale = course_locale(course.root)  # reads mkdocs.yml: once, not per offering
    for oid, offering in course.schedule.offerings.items():
        if isinstance(offering, ExternalOffering):
            target = stage / oid / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(redirect_html(offering.url, offering.title, locale), "utf-8")
