"""`coursekit import-schedule`: a legacy markdown schedule table → an offering block on stdout.

Notes about rows it could not read go to stderr as `FILE:LINE: …`; the block is meant to be
pasted under `offerings:` in schedule.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import click


@click.command("import-schedule")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--semester", "oid", required=True, metavar="ID", help="Offering id, e.g. S2022.")
@click.option("--year", type=int, help="Year of the first row  [default: from the id]")
@click.option("--title", help="Offering title  [default: from the id, e.g. Spring 2022]")
def import_schedule(file: Path, oid: str, year: int | None, title: str | None) -> None:
    """Convert the schedule table in FILE (markdown) into a schedule.yaml offering."""
    from coursekit.schedule.emit import default_title, offering_block
    from coursekit.schedule.importer import import_table
    from coursekit.schedule.model import OFFERING_ID

    if not re.match(OFFERING_ID, oid):
        raise click.BadParameter(
            f"'{oid}' is not a valid id (use letters, digits, - and _)", param_hint="--semester"
        )
    if year is None:
        found = re.search(r"(?:19|20)\d\d", oid)
        if not found:
            raise click.UsageError(f"the id '{oid}' names no year; pass --year YYYY")
        year = int(found.group())
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.BadParameter(f"{file} is not UTF-8", param_hint="FILE") from None
    imported = import_table(text, year, str(file))
    note = imported.meeting_note()
    block = offering_block(
        oid, imported.offering(title or default_title(oid)), notes=[note] if note else []
    )
    click.echo(block, nl=False)
    for problem in imported.problems:
        click.echo(str(problem), err=True)
