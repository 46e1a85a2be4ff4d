"""Build the whole course site: every built offering into `<out>/<ID>/`, the landing page,
`versions.json` and redirect stubs — atomically.

Everything is built into a staging folder beside `<out>`, then swapped in; a failed build
leaves the previous site exactly as it was. Called by `coursekit build` and `coursekit serve`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.errors import BuildError, Problem
from coursekit.schedule.load import Course, load_course
from coursekit.schedule.model import ExternalOffering
from coursekit.site import engine
from coursekit.site.generate import generate_semester
from coursekit.site.landing import generate_landing, redirect_html, versions_json
from coursekit.site.linkcheck import scan_site
from coursekit.site.materials import prepare_materials, write_decks

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
) -> BuildReport:
    """Check the course, build it into a staging folder, and swap it in for `out`.

    `site_url` is where the site will be published (overrides mkdocs.yml's `site_url`): the
    semester switcher keeps you on the same page only when it is known. `repository`
    overrides `course.repository`: CI passes the repository it builds, so view-source,
    Binder and Colab links open the files this very build published.
    """
    started = time.perf_counter()
    course = load_course(root)
    # The course's mkdocs.yml, placed at its own lines (MkDocs would name a generated copy).
    config_errors, config_warnings = engine.check_config(course.root)
    if config_errors or (strict and config_warnings):
        raise BuildError(config_errors + (config_warnings if strict else []))
    if repository:
        meta = course.schedule.course.model_copy(update={"repository": repository})
        schedule = course.schedule.model_copy(update={"course": meta})
        course = dataclasses.replace(course, schedule=schedule)
    out = (out or course.root / "site").resolve()
    built = course.schedule.built()
    if semester is not None and semester not in built:
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
    targets = list(built)
    if semester is not None:
        # The others are kept from the previous build; one not built yet (a fresh clone) is
        # built now, or the landing page and switcher would link to nothing.
        targets = [
            oid for oid in built if oid == semester or not (out / oid / "index.html").is_file()
        ]
    report = BuildReport(out=out)
    # Calendar findings (a session on a holiday, a deadline on a weekend, …).
    if strict and course.warnings:
        raise BuildError(course.warnings)
    report.warnings += [str(problem) for problem in course.warnings]
    out.parent.mkdir(parents=True, exist_ok=True)
    stage_root = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        stage = stage_root / "site"
        work = course.root / WORK_DIR
        report.warnings += engine.build_project(
            generate_landing(course, work / "_landing", stage, site_url), strict=strict
        )
        materials = prepare_materials(course, targets, pdf=pdf, as_of=as_of)
        if strict and materials.warnings:
            raise BuildError(materials.warnings)
        report.warnings += [str(problem) for problem in materials.warnings]
        for oid in targets:
            log.info("building %s", oid)
            project = generate_semester(
                course, oid, work / oid, stage / oid, materials, as_of=as_of, site_url=site_url
            )
            report.warnings += engine.build_project(project.config, strict=strict)
            write_decks(materials, list(project.decks), project.site_dir, course.root)
            report.built.append(oid)
        if semester and out.is_dir():
            _keep_other_semesters(course, out, stage, rebuilt=targets)
        _write_switcher_files(course, stage)
        # The site check (linkcheck.py): every internal link, anchor and image resolves.
        scan = scan_site(stage)
        problems = scan.broken_links()
        if problems:
            raise BuildError(problems)
        # Findings that do not break the site; `coursekit check --site` fails on missing alt.
        findings = scan.images_without_alt() + scan.unused_images(course.root / "lectures")
        if strict and findings:
            raise BuildError(findings)
        report.warnings += [str(problem) for problem in findings]
        _swap(stage, out)
    finally:
        shutil.rmtree(stage_root, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def build_semester_in_place(course: Course, oid: str, out: Path) -> list[str]:
    """Rebuild one semester straight into `out/<oid>` (the live-preview server's fast path)."""
    work = course.root / WORK_DIR / f"serve-{oid}"
    config = work / "mkdocs.yml"
    before = config.read_bytes() if config.exists() else None
    materials = prepare_materials(course, [oid])
    project = generate_semester(course, oid, work, out / oid, materials)
    # Same config (nav, theme) → only changed pages need rendering again.
    dirty = before == project.config.read_bytes() and (out / oid / "index.html").exists()
    warnings = engine.build_project(project.config, dirty=dirty)
    write_decks(materials, list(project.decks), project.site_dir, course.root)
    _write_switcher_files(course, out)
    return warnings


def _keep_other_semesters(course: Course, out: Path, stage: Path, rebuilt: list[str]) -> None:
    for oid in course.schedule.built():
        if oid not in rebuilt and (out / oid).is_dir():
            shutil.copytree(out / oid, stage / oid)


def _write_switcher_files(course: Course, stage: Path) -> None:
    (stage / "versions.json").write_text(versions_json(course), "utf-8")
    (stage / ".nojekyll").write_text("", "utf-8")
    for oid, offering in course.schedule.offerings.items():
        if isinstance(offering, ExternalOffering):
            target = stage / oid / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(redirect_html(offering.url, offering.title), "utf-8")


def _swap(stage: Path, out: Path) -> None:
    """Put `stage` where `out` is; the old site is removed only once the new one is there."""
    if out.exists():
        old = out.with_name(f".{out.name}.old-{time.time_ns()}")
        out.rename(old)
        stage.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        stage.rename(out)
