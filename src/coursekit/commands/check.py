"""`coursekit check`: validate the course without writing a site."""

from __future__ import annotations

from pathlib import Path

import click

from coursekit.commands._options import root_option


@click.command()
@root_option
def check(root: Path) -> None:
    """Validate schedule.yaml and the files it names; write nothing."""
    from coursekit.schedule.load import load_course

    course = load_course(root)
    built = course.schedule.built()
    sessions = sum(len(o.sessions) for o in built.values())
    click.echo(
        f"schedule.yaml is valid: {len(course.schedule.offerings)} offerings "
        f"({len(built)} built here, {sessions} sessions)."
    )
