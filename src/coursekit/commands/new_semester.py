"""`coursekit new-semester`: add an offering to schedule.yaml with an old one's sessions,
dated again in a new term, and print the dates with what did not fit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.commands._options import root_option

if TYPE_CHECKING:
    from coursekit.authoring import RollForward


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date (use YYYY-MM-DD, e.g. 2027-01-19)", param, ctx)


@click.command("new-semester")
@root_option
@click.argument("new_id", metavar="NEW")
@click.option("--from", "old_id", required=True, metavar="OLD", help="Offering to copy.")
@click.option("--start", required=True, type=_Date(), help="First day of the new term.")
@click.option("--end", type=_Date(), help="Last day  [default: start + OLD's term length]")
@click.option(
    "--holidays",
    "holidays_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML list of {name, date} or {name, start, end}.",
)
@click.option("--title", help="Title of the new offering  [default: from NEW, e.g. Spring 2028]")
def new_semester(
    root: Path,
    new_id: str,
    old_id: str,
    start: dt.date,
    end: dt.date | None,
    holidays_file: Path | None,
    title: str | None,
) -> None:
    """Append offering NEW to schedule.yaml with the sessions of OLD, dated in the new term."""
    from coursekit.authoring.holidays import read_holidays
    from coursekit.authoring.rollforward import roll_forward
    from coursekit.schedule.load import SCHEDULE_FILE

    path = _schedule_to_edit(root, new_id)
    holidays = read_holidays(holidays_file, str(holidays_file)) if holidays_file else []
    result = roll_forward(
        path.read_text(encoding="utf-8"),
        new_id,
        old_id,
        start,
        end,
        holidays,
        title=title,
        file=SCHEDULE_FILE,
    )
    path.write_text(result.text, encoding="utf-8")
    _print_dates(result, new_id, old_id)
    _report_findings(result, path, new_id)


def _schedule_to_edit(root: Path, new_id: str) -> Path:
    """The course's schedule.yaml, once NEW is a valid id and the file reads cleanly."""
    import re

    from coursekit.errors import CourseError
    from coursekit.schedule.load import SCHEDULE_FILE
    from coursekit.schedule.model import OFFERING_ID
    from coursekit.schedule.yamlsource import read_yaml

    if not re.match(OFFERING_ID, new_id):
        raise click.BadParameter(
            f"'{new_id}' is not a valid id (use letters, digits, - and _)", param_hint="NEW"
        )
    path = root.resolve() / SCHEDULE_FILE
    if not path.is_file():
        raise CourseError(f"no {SCHEDULE_FILE} in {root.resolve()} (pass --root)")
    # The checks `coursekit check` runs on the file itself (UTF-8, tabs, duplicate keys,
    # syntax) say more than ruamel.yaml would.
    problems = read_yaml(path, SCHEDULE_FILE).problems
    if problems:
        raise CourseError(problems)
    return path


def _print_dates(result: RollForward, new_id: str, old_id: str) -> None:
    """What was copied and left out, and the date each session got in the new term."""
    from coursekit import dates
    from coursekit.schedule.ics import plain_text
    from coursekit.schedule.load import SCHEDULE_FILE

    term = result.offering["term"]
    copied = len(result.offering["sessions"])
    dropped = ""
    if result.dropped:
        dropped = f"; left out its break rows ({'; '.join(result.dropped)})"
    click.echo(
        f"Added {new_id} ({result.offering['title']}) to {SCHEDULE_FILE}: {copied} sessions "
        f"from {old_id}{dropped}."
    )
    click.echo(f"Dates in the term {term['start']} to {term['end']}:")
    for row in result.calendar.sessions:
        time = f"{row.start_time:%H:%M}" if row.start_time else ""
        kind = "" if row.kind == "lecture" else f"[{row.kind}] "
        day = dates.day(row.date)
        click.echo(f"  {day:<12} {time:<5}  {kind}{plain_text(row.title)}")


def _report_findings(result: RollForward, path: Path, new_id: str) -> None:
    """The calendar's warnings on stderr, and its errors as a failure (exit 1)."""
    from coursekit.errors import CourseError
    from coursekit.schedule.load import SCHEDULE_FILE
    from coursekit.schedule.yamlsource import read_yaml

    source = read_yaml(path, SCHEDULE_FILE)
    base = ("offerings", new_id)
    for finding in result.calendar.warnings:
        click.echo(f"Warning: {finding.problem(source, base)}", err=True)
    if result.calendar.errors:
        # The offering is written either way; the exit code says it needs attention.
        raise CourseError([finding.problem(source, base) for finding in result.calendar.errors])
