"""`coursekit serve`: live preview that rebuilds on save and reloads the browser.

The serve loop lives here: coursekit's watcher (site/watch.py) says a source changed, the
semester is rebuilt in place with this session's caches and engine, and the preview server
(site/preview_server.py) reloads the open pages.
"""

from __future__ import annotations

import errno
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.commands._options import root_option

if TYPE_CHECKING:
    from coursekit.site.caches import Caches
    from coursekit.site.engine import Engine


@click.command()
@root_option
@click.option("--semester", metavar="ID", help="Offering to preview [default: the current one].")
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(root: Path, semester: str | None, port: int) -> None:
    """Build into a temporary folder, serve it, and rebuild on every save."""
    from coursekit.schedule.load import load_course
    from coursekit.site.build import build_course, work_folder
    from coursekit.site.caches import Caches
    from coursekit.site.engine import MkDocsEngine
    from coursekit.site.generate import newest_built
    from coursekit.site.watch import SourceWatcher

    def say(line: str) -> None:
        click.echo(line, err=True)

    course = load_course(root)
    oid = semester or course.schedule.course.current or newest_built(course)
    if oid not in course.schedule.built():
        raise click.BadParameter(f"no offering '{oid}' is built here", param_hint="--semester")
    # What this session reuses from one rebuild to the next; it ends with the session.
    caches, engine = Caches(), MkDocsEngine()
    # The preview's site and work folder are this process's own: a `coursekit build` running
    # beside it writes neither, and the course lock keeps their rebuilds apart.
    with (
        tempfile.TemporaryDirectory(prefix="coursekit-serve-") as folder,
        # Taken before the first build, so a busy port fails at once.
        _preview_server(Path(folder) / "site", port) as server,
        # Watching from the start: an edit made during the first build is rebuilt too.
        SourceWatcher(course.root) as watcher,
    ):
        # The preview is the author's own: private speaker notes show (speaker view too).
        build_course(root, server.site_dir, on_wait=say, caches=caches, engine=engine, speaker=True)
        work = work_folder(course.root)
        session = _Session(root, oid, server.site_dir, work, caches, engine, say)
        try:
            server.start()
            click.echo(f"Serving on {server.url}{oid}/ (Ctrl+C to stop)")
            while True:
                if watcher.wait(timeout=1.0) is not None and session.rebuild():
                    server.reload()
        except KeyboardInterrupt:
            pass
        finally:
            shutil.rmtree(work, ignore_errors=True)


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

    def rebuild(self) -> bool:
        """Rebuild the semester in place; on a bad edit, keep the last good build and show
        what to fix. True if the site changed."""
        from coursekit.errors import CourseError
        from coursekit.os_errors import os_problem
        from coursekit.schedule.load import load_course
        from coursekit.site.build import build_semester_in_place

        started = time.perf_counter()
        try:
            course = load_course(self.root)
            build_semester_in_place(
                course,
                self.oid,
                self.out,
                self.work,
                on_wait=self.say,
                caches=self.caches,
                engine=self.engine,
            )
        except CourseError as error:
            for problem in error.problems:
                click.echo(f"Error: {problem}", err=True)
            return False
        except OSError as error:
            click.echo(f"Error: {os_problem(error)}", err=True)
            return False
        click.echo(f"Rebuilt {self.oid} in {time.perf_counter() - started:.2f} s.")
        return True


def _preview_server(out: Path, port: int):  # type: ignore[no-untyped-def]
    """The preview server on 127.0.0.1:`port`, or the reason it cannot listen there."""
    from coursekit.errors import CourseError, Problem
    from coursekit.site.preview_server import PreviewServer

    try:
        return PreviewServer(out, port=port)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise CourseError(
            Problem(
                f"127.0.0.1:{port} is in use",
                fix="stop the program serving there, or pass another --port",
            )
        ) from None
