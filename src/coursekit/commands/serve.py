"""`coursekit serve`: live preview that rebuilds on save and reloads the browser."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import click

from coursekit.commands._options import root_option
from coursekit.layout import SOURCES


@click.command()
@root_option
@click.option("--semester", metavar="ID", help="Offering to preview [default: the current one].")
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(root: Path, semester: str | None, port: int) -> None:
    """Build into a temporary folder, serve it, and rebuild on every save."""
    from coursekit.errors import CourseError
    from coursekit.os_errors import os_problem
    from coursekit.schedule.load import load_course
    from coursekit.site import engine
    from coursekit.site.build import build_course, build_semester_in_place, work_folder
    from coursekit.site.generate import newest_built

    def say(line: str) -> None:
        click.echo(line, err=True)

    # The preview's site and work folder are this process's own: a `coursekit build` running
    # beside it writes neither, and the course lock keeps their rebuilds apart.
    with tempfile.TemporaryDirectory(prefix="coursekit-serve-") as folder:
        out = Path(folder) / "site"
        build_course(root, out, on_wait=say)
        course = load_course(root)
        work = work_folder(course.root)
        oid = semester or course.schedule.course.current or newest_built(course)
        if oid not in course.schedule.built():
            raise click.BadParameter(f"no offering '{oid}' is built here", param_hint="--semester")

        def rebuild() -> None:
            started = time.perf_counter()
            try:
                build_semester_in_place(load_course(root), oid, out, work, on_wait=say)
                click.echo(f"Rebuilt {oid} in {time.perf_counter() - started:.2f} s.")
            except CourseError as error:
                # Keep serving the last good build; show what to fix.
                for problem in error.problems:
                    click.echo(f"Error: {problem}", err=True)
            except OSError as error:
                click.echo(f"Error: {os_problem(error)}", err=True)

        try:
            engine.serve(
                out,
                rebuild,
                [root.resolve() / name for name in SOURCES],
                port=port,
                open_path=f"{oid}/",
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
