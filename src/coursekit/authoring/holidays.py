"""Reading a file of holidays (a YAML list, or a mapping with a `holidays:` list) into
`Holiday` models, with every bad entry reported at its file:line:column.

Used by `coursekit new-semester --holidays`; the model itself lives in `schedule/holidays.py`,
where the schedule's `Term` can import it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from coursekit.errors import CourseError
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.yamlsource import read_yaml


def read_holidays(path: Path, shown_as: str) -> list[Holiday]:
    """Read a YAML list of holidays (or a mapping with a `holidays:` list); raise
    `CourseError` listing every bad entry with file:line:column."""
    source = read_yaml(path, shown_as)
    if source.data is None:
        raise CourseError(source.problems)
    problems = list(source.problems)
    data = source.data
    base: tuple[str, ...] = ()
    if isinstance(data, dict) and "holidays" in data:
        data, base = data["holidays"], ("holidays",)
    if not isinstance(data, list):
        raise CourseError(
            source.problem(
                base,
                "expected a list of holidays",
                "write one `- {name: …, date: YYYY-MM-DD}` or "
                "`- {name: …, start: YYYY-MM-DD, end: YYYY-MM-DD}` per line",
            )
        )
    holidays = []
    for i, item in enumerate(data):
        try:
            holidays.append(Holiday.model_validate(item))
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = (*base, i, *detail["loc"])
                message = detail["msg"].removeprefix("Value error, ")
                if detail["type"] == "extra_forbidden":
                    message = f"unknown key '{detail['loc'][-1]}' (use name, date, start, end)"
                elif detail["type"].startswith("date"):
                    message = f"'{detail['input']}' is not a date (use YYYY-MM-DD)"
                elif detail["type"] == "missing":
                    message = f"'{detail['loc'][-1]}' is required"
                fix = getattr((detail.get("ctx") or {}).get("error"), "fix", None)
                problems.append(source.problem(loc, message, fix))
    if problems:
        raise CourseError(problems)
    return holidays
