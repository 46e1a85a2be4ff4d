"""Options and option types several commands share."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The course folder (where schedule.yaml is).",
)


class DateParam(click.ParamType):
    """A day as YYYY-MM-DD; an impossible one says why (`February 2027 has 28 days`).

    Converts to a `datetime` at midnight, as `click.DateTime` does."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        from coursekit.schedule.problems import describe_bad_date

        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.datetime.strptime(text, "%Y-%m-%d")
            except ValueError:
                pass
        self.fail(f"{describe_bad_date(text)} (use YYYY-MM-DD, e.g. 2027-01-20)", param, ctx)


DATE = DateParam()
