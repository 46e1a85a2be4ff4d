"""Days without classes: the `Holiday` model a term lists.

Kept free of `model.py` imports so that `model.py` can use `Holiday` for `Term.holidays`
without an import cycle. `calendar.py` skips these days; `authoring/holidays.py` reads a file
of them for `coursekit new-semester --holidays`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from coursekit.schedule.fixable import FixableError
from coursekit.schedule.scalars import Date


class Holiday(BaseModel):
    """A day, or a range of days, without classes. Sessions without a `date` skip it, and the
    schedule shows it as a "No class" row when it falls on a meeting day.

    ```yaml
    holidays:
      - {name: Martin Luther King Jr. Day, date: 2027-01-18}
      - {name: Spring break, start: 2027-03-08, end: 2027-03-12}
    ```
    """

    # The same settings as model.Model (not imported: model.py imports this module), and
    # `_one_day_or_a_range` told to editors; that a range ends after it starts only the loader
    # can tell.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        json_schema_extra={
            "oneOf": [
                {
                    "required": ["date"],
                    "not": {"anyOf": [{"required": ["start"]}, {"required": ["end"]}]},
                },
                {"required": ["start", "end"], "not": {"required": ["date"]}},
            ]
        },
    )

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    """Shown on the schedule, e.g. `Spring break`."""
    date: Date | None = None
    """The day, for a one-day holiday (YYYY-MM-DD)."""
    start: Date | None = None
    """First day of a range (YYYY-MM-DD); give `end` too."""
    end: Date | None = None
    """Last day of a range, included (YYYY-MM-DD)."""

    @model_validator(mode="after")
    def _one_day_or_a_range(self) -> Holiday:
        if self.date is not None:
            if self.start is not None or self.end is not None:
                raise FixableError(
                    "give either `date` or `start` and `end`, not both",
                    "keep `date` for one day, or `start` and `end` for a range",
                )
        elif self.start is None or self.end is None:
            raise FixableError(
                "a holiday needs its days",
                "give `date` for one day, or `start` and `end` for a range",
            )
        elif self.end < self.start:
            raise FixableError(
                f"the holiday ends ({self.end}) before it starts ({self.start})",
                "swap `start` and `end`",
            )
        return self

    @property
    def first(self) -> dt.date:
        first = self.date or self.start
        assert first is not None  # `_one_day_or_a_range` holds
        return first

    @property
    def last(self) -> dt.date:
        last = self.date or self.end
        assert last is not None  # `_one_day_or_a_range` holds
        return last

    def days(self) -> Iterator[dt.date]:
        day = self.first
        while day <= self.last:
            yield day
            day += dt.timedelta(days=1)

    def shown(self) -> str:
        """`2027-03-08 to 2027-03-12`, or the one date."""
        return str(self.first) if self.first == self.last else f"{self.first} to {self.last}"

    def as_yaml_data(self) -> dict[str, object]:
        """The fields that are set, in the order people write them."""
        return self.model_dump(exclude_none=True)
