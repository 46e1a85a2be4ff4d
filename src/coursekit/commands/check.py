"""`coursekit check`: validate the course without writing a site; with `--site`, check a built
site instead (links, anchors, images, alt text), the gate before it is deployed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.commands._options import root_option

if TYPE_CHECKING:  # the command imports them when it runs, so `--help` stays fast
    from coursekit.errors import Problem
    from coursekit.schedule.load import Course


@click.command()
@root_option
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Check this built site (relative to --root) instead of schedule.yaml: every internal "
    "link, anchor and image resolves, and every image has alt text; images in lectures/ that "
    "no page uses are listed as warnings.",
)
@click.option(
    "--check-external",
    is_flag=True,
    help="With --site, also ask every external link (HEAD, then GET) whether it still works.",
)
def check(root: Path, site: Path | None, check_external: bool) -> None:
    """Validate schedule.yaml and the files it names; write nothing."""
    if check_external and site is None:
        raise click.UsageError("--check-external needs --site DIR")
    if site is not None:
        # The build that wrote the site checked the schedule it was built from; the site is
        # judged on its own, whatever schedule.yaml says now.
        _check_site(root, site, external=check_external)
        return
    from coursekit.errors import CourseError
    from coursekit.schedule.load import load_course
    from coursekit.site.materials import confinement_problems

    course = load_course(root)
    warnings = list(course.warnings)  # e.g. a session on a holiday
    refused = []
    # An offering built from a git ref reads its files from that ref's folder.
    for part in course.by_root():
        try:
            _check_notebooks(part)
            warnings += part.named(_check_decks(part))
        except CourseError as error:  # a deck's missing image: `F2022:lectures/…:9`
            raise CourseError(part.named(error.problems)) from None
        refused += part.named(confinement_problems(part))
    if (course.root / "mkdocs.yml").is_file():
        from coursekit.errors import CourseError
        from coursekit.site.engine import MkDocsEngine

        config_errors, config_warnings = MkDocsEngine().check_config(course.root)
        if config_errors:
            raise CourseError(config_errors)
        warnings += config_warnings
        from coursekit.site.config import course_locale

        course_locale(course.root)  # a theme.language the pages cannot be written in
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    # What the build would refuse to publish: a deck image or notebook file from outside.
    if refused:
        raise CourseError(refused)
    built = course.schedule.built()
    sessions = sum(len(o.sessions) for o in built.values())
    click.echo(
        f"schedule.yaml is valid: {len(course.schedule.offerings)} offerings "
        f"({len(built)} built here, {sessions} sessions)."
    )


def _check_notebooks(course: Course) -> None:
    """Read every notebook a built offering links, without running it: a file jupytext or
    nbformat cannot read, or bad execution settings, fail here as they would in a build."""
    from coursekit.errors import CourseError
    from coursekit.schedule.link import is_local, local_target

    paths = dict.fromkeys(
        local_target(session.notebook)
        for offering in course.schedule.built().values()
        for session in offering.sessions
        if session.notebook and is_local(session.notebook)
    )
    if not paths:
        return
    from coursekit.notebooks.read import read_source, settings

    problems: list[Problem] = []
    for path in paths:
        try:
            settings(read_source(course.root / path, course.root), root=course.root)
        except CourseError as error:
            problems += error.problems
    if problems:
        raise CourseError(problems)


def _check_decks(course: Course) -> list[Problem]:
    """Parse every deck a built offering links (released or not, as a later build will):
    raise what the build would reject, return the warnings it would print."""
    from coursekit.errors import CourseError
    from coursekit.schedule.link import local_target
    from coursekit.site.materials import DECK_CACHE, deck_findings
    from coursekit.site.places import is_deck

    paths = list(
        dict.fromkeys(
            local_target(session.slides)
            for offering in course.schedule.built().values()
            for session in offering.sessions
            if is_deck(session.slides)
        )
    )
    if not paths:
        return []
    from coursekit.slides import parse_decks

    # Reuse what a build cached; `check` itself writes nothing.
    cache = course.root / DECK_CACHE
    decks = parse_decks(
        [course.root / p for p in paths],
        root=course.root,
        cache_dir=cache if cache.is_dir() else None,
    )
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path, deck in zip(paths, decks, strict=True):
        found, noted = deck_findings(path, deck)
        errors += found
        warnings += noted
    if errors:
        raise CourseError(errors)
    return warnings


def _check_site(root: Path, site: Path, *, external: bool) -> None:
    from coursekit.errors import CourseError, Problem
    from coursekit.site.linkcheck import scan_site

    folder = root / site
    shown = site.as_posix().rstrip("/")
    if not (folder / "index.html").is_file():
        raise CourseError(
            Problem(
                f"no built site in {shown}/ (it has no index.html)",
                fix="run `coursekit build` first, or pass the folder it wrote",
            )
        )
    scan = scan_site(folder)
    problems = scan.broken_links(external=external) + scan.images_without_alt()
    if problems:
        # Name each page by a path the user can open: site/S2022/schedule/index.html.
        raise CourseError([dataclasses.replace(p, file=f"{shown}/{p.file}") for p in problems])
    # An unused image costs nothing on the site; it is worth knowing, not worth a failed deploy.
    for unused in scan.unused_images(root / "lectures", also_used=_held_back(root)):
        click.echo(f"Warning: {unused}", err=True)
    externals = " and answer" if external else ""
    click.echo(
        f"{shown}/ is ready to deploy: {len(scan.pages)} pages, every link, anchor and image "
        f"resolves{externals}, every image has alt text."
    )


def _held_back(root: Path) -> set[Path]:
    """Files of the decks `release:` holds back today: no page uses them yet, on purpose.
    None when the schedule does not load (the site is judged on its own)."""
    from coursekit.errors import CourseError
    from coursekit.schedule.load import load_course
    from coursekit.site.materials import held_back_files

    try:
        return held_back_files(load_course(root))
    except CourseError:
        return set()
