"""Tools that edit a course: import a legacy schedule table (`importer`), write offerings in
`schedule.yaml`'s house style (`emit`), roll an offering forward to a new term
(`rollforward`) and read a file of holidays (`holidays`). Used by `coursekit import-schedule`
and `coursekit new-semester`; nothing in the build imports this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "emit": ["Comment", "default_title", "offering_block"],
    "holidays": ["read_holidays"],
    "importer": ["import_table"],
    "rollforward": ["RollForward", "roll_forward"],
}
__all__ = [
    "Comment",
    "RollForward",
    "default_title",
    "import_table",
    "offering_block",
    "read_holidays",
    "roll_forward",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.authoring.emit import Comment, default_title, offering_block
    from coursekit.authoring.holidays import read_holidays
    from coursekit.authoring.importer import import_table
    from coursekit.authoring.rollforward import RollForward, roll_forward
