"""Scalar types of `schedule.yaml` that accept exactly what their JSON schema says.

Pydantic's lax mode reads `0` as 1970-01-01 and `"120"` or `true` as a number; an editor
checking `schedule.schema.json` would flag those lines, so the loader rejects them too.
Used by `model.py`, `holidays.py` and `staff.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, StrictInt
from pydantic_core import PydanticCustomError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_only(value: Any) -> Any:
    """YAML gives a `date` for `2027-01-20`; a quoted "2027-01-20" is fine too. A number,
    a time of day or any other spelling is not a date."""
    if isinstance(value, dt.datetime) or (
        not isinstance(value, dt.date)
        and not (isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()))
    ):
        raise PydanticCustomError("date_type", "expected a date (YYYY-MM-DD)")
    return value


# A day, `YYYY-MM-DD` (JSON schema: a string in the `date` format).
Date = Annotated[dt.date, BeforeValidator(_date_only)]
# A whole number written as one: not `"120"`, `120.0` or `true`.
WholeNumber = StrictInt

# A day of the week as schedule.yaml writes it.
Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAYS: tuple[Weekday, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
