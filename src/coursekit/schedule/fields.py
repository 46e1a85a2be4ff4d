"""The field types every schedule model is made of: the `Model` base (frozen, no unknown
keys, attribute docstrings as descriptions), non-empty `Text`, and checked `Link`s.

`settings.py` and `model.py` build on these.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from coursekit.schedule.link import safe_link

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _one_or_many(value: Any) -> Any:
    """Let a field that takes a list also take one item: `video: URL` or `video: [URL, URL]`."""
    return [value] if isinstance(value, str) else value


# A link target: an absolute URL, or a path relative to the course root (checked on disk).
Link = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(safe_link)
]
Links = Annotated[
    list[Link], BeforeValidator(_one_or_many, json_schema_input_type=Link | list[Link])
]


class Model(BaseModel):
    """Base of every schedule model: frozen, unknown keys refused, docstrings as help."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
