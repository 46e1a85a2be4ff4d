"""When a notebook's solutions go online: a date, or days after its due date or session.

`solutions: 2027-02-12`, `solutions: due + 2 days`, `solutions: session + 7 days`. The model
checks the spelling (`SolutionsDate`); `solutions_day` turns it into a day once the
offering's dates are known. Used by `model.py` and the semester plan.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from coursekit.schedule.fixable import FixableError
from coursekit.schedule.scalars import _ISO_DATE

_RELATIVE = re.compile(r"^\s*(due|session)\s*(?:\+\s*(\d+)\s*days?)?\s*$", re.I)
PATTERN = r"^(\d{4}-\d{2}-\d{2}|(due|session)( *\+ *\d+ *days?)?)$"


def _solutions_value(value: Any) -> Any:
    """A date, or `due`/`session` with an optional `+ N days`, written the one way."""
    if isinstance(value, dt.datetime):
        value = str(value)
    elif isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return dt.date.fromisoformat(value.strip())
    match = _RELATIVE.match(value) if isinstance(value, str) else None
    if not match:
        raise FixableError(
            "expected a date or `due + N days` / `session + N days`",
            "write e.g. 2027-02-12, `due + 2 days` or `session + 7 days`",
        )
    anchor, days = match.group(1).lower(), int(match.group(2) or 0)
    return f"{anchor} + {days} days" if days else anchor


SolutionsDate = Annotated[
    dt.date | str,
    BeforeValidator(_solutions_value),
    Field(json_schema_extra={"pattern": PATTERN}),
]


def solutions_day(value: dt.date | str, session_day: dt.date, due_day: dt.date | None) -> dt.date:
    """The day `value` names for a notebook used on `session_day` and due on `due_day` (the
    first due item that links the notebook; without one `due` means the session's day)."""
    if isinstance(value, dt.date):
        return value
    match = _RELATIVE.match(value)
    assert match, value  # the model checked it
    anchor = due_day or session_day if match.group(1) == "due" else session_day
    return anchor + dt.timedelta(days=int(match.group(2) or 0))
