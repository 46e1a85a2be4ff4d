"""`coursekit import-schedule`: a legacy markdown schedule table → an offering block on stdout.

Notes about rows it could not read go to stderr as `FILE:LINE: …`; the block is meant to be
pasted under `offerings:` in schedule.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from coursekit.commands._options import root_option
from coursekit.errors import CourseError, Problem


@click.command("import-schedule")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@click.option("--semester", "oid", required=True, metavar="ID", help="Offering id, e.g. S2022.")
@click.option("--year", type=int, help="Year of the first row  [default: from the id]")
@click.option("--title", help="Offering title  [default: from the id, e.g. Spring 2022]")
def import_schedule(file: Path, root: Path, oid: str, year: int | None, title: str | None) -> None:
    """Convert the schedule table in FILE (markdown, relative to --root) into a schedule.yaml
    offering."""
    from coursekit.authoring.emit import default_title, offering_block
    from coursekit.authoring.importer import import_table
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
    path = root / file
    if not path.is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="FILE")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        # The file exists and was named right: its content is the problem (exit 1, not 2).
        raise CourseError(
            _not_text(file, raw, error.start, f"byte 0x{raw[error.start]:02x} is not UTF-8")
        ) from None
    if "\x00" in text:
        raise CourseError(
            _not_text(file, raw, raw.index(b"\0"), "a NUL byte: this is a binary file")
        )
    imported = import_table(text, year, str(file))
    note = imported.meeting_note()
    block = offering_block(
        oid, imported.offering(title or default_title(oid)), notes=[note] if note else []
    )
    click.echo(block, nl=False)
    for problem in imported.problems:
        click.echo(str(problem), err=True)


def _not_text(file: Path, raw: bytes, at: int, what: str) -> Problem:
    line = raw[:at].count(b"\n") + 1
    return Problem(
        f"{what}, not a markdown schedule",
        file=file.as_posix(),
        line=line,
        fix="pass the markdown file that holds the schedule table, saved as UTF-8",
    )
