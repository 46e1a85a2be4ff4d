"""`coursekit serve`: live preview that rebuilds on save and reloads the browser.

The serve loop lives here: coursekit's watcher (site/watch.py) says a source changed, the
semester is rebuilt in place with this session's caches and engine, and the preview server
(site/preview_server.py) reloads the open pages.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.commands._options import root_option

if TYPE_CHECKING:
    from coursekit.schedule.load import Course
    from coursekit.site.caches import Caches
    from coursekit.site.engine import Engine
    from coursekit.site.preview_changes import Snapshot


@click.command()
@root_option
@click.option("--semester", metavar="ID", help="Offering to preview [default: the current one].")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free one).",
)
def serve(root: Path, semester: str | None, port: int) -> None:
    """Build into a temporary folder, serve it, and rebuild on every save."""
    from coursekit.schedule.load import load_course
    from coursekit.site.generate import newest_built

    course = load_course(root)
    oid = semester or course.schedule.course.current or newest_built(course)
    if oid not in course.schedule.built():
        raise click.BadParameter(f"no offering '{oid}' is built here", param_hint="--semester")
    # Ctrl+C, `kill` and a closed terminal all end the preview the same way: its server,
    # watcher and temporary folders are gone when the process is.
    with _stop_on_signals():
        try:
            _serve(course, oid, port)
        except KeyboardInterrupt:
            # A closed terminal (SIGHUP) takes no more lines; all is cleaned up already.
            with contextlib.suppress(OSError):
                click.echo("Stopped.", err=True)


def _serve(course: Course, oid: str, port: int) -> None:
    from coursekit.commands.build import verbose_given
    from coursekit.progress import shown, wanted
    from coursekit.site.build import build_course, work_folder
    from coursekit.site.caches import Caches
    from coursekit.site.config import course_locale
    from coursekit.site.engine import MkDocsEngine
    from coursekit.site.preview_server import open_preview_server, preview_folder
    from coursekit.site.watch import SourceWatcher

    def say(line: str) -> None:
        click.echo(line, err=True)

    root = course.root
    # What this session reuses from one rebuild to the next (generated files too: a save
    # renders again only the calendar and notebook pages it changed); it ends with the session.
    caches, engine = Caches.for_preview(), MkDocsEngine()
    # The preview's site and work folder are this process's own: a `coursekit build` running
    # beside it writes neither, and the course lock keeps their rebuilds apart.
    with (
        preview_folder() as folder,
        # Taken before the first build, so a busy port fails at once.
        open_preview_server(folder / "site", port, course_locale(course.root)) as server,
        # Watching from the start: an edit made during the first build is rebuilt too.
        SourceWatcher(course.root) as watcher,
    ):
        # The preview is the author's own: private speaker notes show (speaker view too).
        stderr = sys.stderr  # where click.echo(err=True) writes too
        with shown(stderr, enabled=wanted(stderr, verbose=verbose_given())):
            report = build_course(
                root, server.site_dir, on_wait=say, caches=caches, engine=engine, speaker=True
            )
        for warning in report.warnings:
            say(f"Warning: {warning}")
        work = work_folder(course.root)
        session = _Session(root, oid, server.site_dir, work, caches, engine, say)
        try:
            # The first save must be as fast as the next ones: its in-place rebuild finds
            # the generated project, the compiled templates and every page made already.
            if (problems := session.rebuild(quiet=True)) is not None:
                server.fail(problems)
            server.start()
            click.echo(f"Serving on {server.url}{oid}/ (Ctrl+C to stop)")
            while True:
                if watcher.wait(timeout=1.0) is None:
                    continue
                problems = session.rebuild()
                if problems is None:
                    server.reload(session.pages)
                else:
                    server.fail(problems)
        finally:
            shutil.rmtree(work, ignore_errors=True)


STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Each of `STOP_SIGNALS` stops the preview as Ctrl+C does; once stopping, further ones
    are ignored, so a second Ctrl+C (or a terminal closing after a `kill`) cannot cut the
    clean-up short and leave the temporary site behind."""
    signals = [getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        for number in signals:
            signal.signal(number, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, stop) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@dataclass
class _Session:
    """One live preview: the semester it rebuilds, where, and what it keeps between builds."""

    root: Path
    oid: str
    out: Path
    work: Path
    caches: Caches
    engine: Engine
    say: Callable[[str], None]
    # The pages the last rebuild changed (site-relative files; None: any page may show it).
    pages: list[str] | None = None
    # The semester's files after the last rebuild that built: a failed one may have written
    # some, and the next good one reloads those too.
    built: Snapshot | None = None

    def rebuild(self, quiet: bool = False) -> list[str] | None:
        """Rebuild the semester in place; on a bad edit, keep the last good build and return
        what to fix (also printed). None if the site changed (`pages` says where). `quiet`:
        say nothing when it built (the warm-up at start)."""
        from coursekit.errors import CourseError
        from coursekit.os_errors import os_problem
        from coursekit.schedule.load import load_course
        from coursekit.site.build import build_semester_in_place
        from coursekit.site.preview_changes import changed_pages, snapshot

        started = time.perf_counter()
        folder, prefix = self.out / self.oid, f"{self.oid}/"
        before = self.built if self.built is not None else snapshot(folder, prefix)
        try:
            course = load_course(self.root)
            warnings = build_semester_in_place(
                course,
                self.oid,
                self.out,
                self.work,
                on_wait=self.say,
                caches=self.caches,
                engine=self.engine,
            )
        except CourseError as error:
            problems = [str(problem) for problem in error.problems]
        except OSError as error:
            problems = [str(os_problem(error))]
        else:
            self.built = snapshot(folder, prefix)
            self.pages = changed_pages(before, self.built)
            for warning in warnings if not quiet else []:
                self.say(f"Warning: {warning}")
            if not quiet:
                click.echo(f"Rebuilt {self.oid} in {time.perf_counter() - started:.2f} s.")
            return None
        for problem in problems:
            click.echo(f"Error: {problem}", err=True)
        return problems
