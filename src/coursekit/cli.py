"""The `coursekit` command: a lazy group over `coursekit/commands/*.py`.

Commands load only when run, so `coursekit --help` never imports MkDocs or nbconvert. This is
the one place a `CourseError` or an `OSError` becomes a message on stderr and exit code 1 (usage
errors exit 2, as click does).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator

import click

from coursekit.errors import CourseError
from coursekit.os_errors import os_problem

# name → "module:function", in the order `coursekit --help` lists them. Adding a command is
# one row here and one module under coursekit/commands/.
COMMANDS = {
    "build": "coursekit.commands.build:build",
    "check": "coursekit.commands.check:check",
    "serve": "coursekit.commands.serve:serve",
    "schema": "coursekit.commands.schema:schema",
    "notebook": "coursekit.commands.notebook:notebook",
    "export-notebooks": "coursekit.commands.export_notebooks:export_notebooks",
    "slides": "coursekit.commands.slides:slides",
    "import-schedule": "coursekit.commands.import_schedule:import_schedule",
    "new-semester": "coursekit.commands.new_semester:new_semester",
    "init": "coursekit.commands.init:init",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="coursekit")
@click.option("-v", "--verbose", is_flag=True, help="Show what each step does.")
def cli(verbose: bool) -> None:
    """Build per-semester course websites from schedule.yaml, decks and notebooks."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )
    # Progress a user must see even without -v (a first build making the notebooks' venv).
    logging.getLogger("coursekit.notice").setLevel(logging.INFO)
    # Material 9.8 prints an end-of-life banner on every build; it is noise for our users.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main(argv: list[str] | None = None) -> int:
    try:
        with _stop_on_sigterm_like_ctrl_c():
            cli.main(args=argv, prog_name="coursekit", standalone_mode=False)
    except CourseError as error:
        for problem in error.problems:
            click.echo(f"Error: {problem}", err=True)
        if len(error.problems) > 1:
            click.echo(f"{len(error.problems)} problems found.", err=True)
        return 1
    except OSError as error:
        # A full or read-only disk, a busy mount point: one line naming the path, no traceback.
        click.echo(f"Error: {os_problem(error)}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    return 0


@contextlib.contextmanager
def _stop_on_sigterm_like_ctrl_c() -> Iterator[None]:
    """`kill` and a cancelled CI job send SIGTERM, which would end the process on the spot;
    as Ctrl+C it runs the clean-up on the way out (a build removes its staging folder)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
