"""Every kind of session, one row each: how it is named on the schedule, the home page and
the calendar, and how the calendar places it.

The model's `SessionKind` is checked against this table at import; the schedule page, the
home page, `ics.py`, `calendar.py` and the schedule importer read their wording from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from coursekit.i18n import N_

# Written out (not built from KINDS) so type checkers and the JSON schema see the names.
SessionKind = Literal[
    "lecture", "recitation", "lab", "exam", "break", "guest", "presentation", "other"
]
# The kinds a weekly meeting pattern may name: a break is the absence of a meeting.
MeetingKind = Literal["lecture", "recitation", "lab", "exam", "guest", "presentation", "other"]


@dataclass(frozen=True)
class Kind:
    """How one kind of session is shown and scheduled."""

    label: str
    """One session, as its schedule badge shows it: `Guest lecture`."""
    plural: str
    """Its weekly meetings on the home page: `**Guest lectures:** Fri 10:00–11:00`."""
    calendar_prefix: str | None
    """Put before the title of its `.ics` event (`Exam: Midterm`); None: the title alone."""
    badge: bool
    """Whether its rows carry a badge (lectures, the usual case, do not)."""
    lecture_like: bool
    """Takes the lecture slots when `meetings` has no pattern of its own kind."""
    meeting: bool = True
    """Whether the class meets; False for breaks (no slot, no meeting pattern)."""
    aliases: tuple[str, ...] = ()
    """Other names for it in schedules being imported (badge labels, alt texts)."""


KINDS: dict[str, Kind] = {
    # Labels are English msgids (`N_`): pages translate them into the course's language.
    "lecture": Kind(N_("Lecture"), N_("Lectures"), None, badge=False, lecture_like=True),
    "recitation": Kind(
        N_("Recitation"), N_("Recitations"), N_("Recitation"), badge=True, lecture_like=False,
        aliases=("rec",),
    ),
    "lab": Kind(N_("Lab"), N_("Labs"), N_("Lab"), badge=True, lecture_like=True),
    "exam": Kind(
        N_("Exam"), N_("Exams"), N_("Exam"), badge=True, lecture_like=True, aliases=("midterm",)
    ),
    "break": Kind(
        N_("No class"), N_("No class"), N_("No class"), badge=True, lecture_like=False,
        meeting=False, aliases=("holiday",),
    ),
    "guest": Kind(
        N_("Guest lecture"), N_("Guest lectures"), N_("Guest lecture"), badge=True,
        lecture_like=True, aliases=("talk",),
    ),
    "presentation": Kind(
        N_("Presentations"), N_("Presentations"), N_("Presentations"), badge=True,
        lecture_like=True, aliases=("presentations",),
    ),
    # An event's own title says what it is; the calendar adds nothing before it.
    "other": Kind(N_("Event"), N_("Events"), None, badge=True, lecture_like=True),
}  # fmt: skip

if set(KINDS) != set(get_args(SessionKind)) or set(get_args(MeetingKind)) != {
    name for name, kind in KINDS.items() if kind.meeting
}:  # pragma: no cover - a row added to one and not the other
    raise ImportError("KINDS, SessionKind and MeetingKind name different kinds")

LECTURE_LIKE = frozenset(name for name, kind in KINDS.items() if kind.lecture_like)


def badge(kind: str) -> str | None:
    """The schedule badge of a session of `kind`, or None for a plain lecture row."""
    row = KINDS.get(kind)
    return row.label if row and row.badge else None


def plural(kind: str) -> str:
    """`Guest lectures`: the home page's name for the weekly meetings of `kind`."""
    row = KINDS.get(kind)
    return row.plural if row else kind.title()


def calendar_prefix(kind: str) -> str | None:
    """What the `.ics` event of a session of `kind` puts before its title, if anything."""
    row = KINDS.get(kind)
    return row.calendar_prefix if row else None


def import_names() -> dict[str, str]:
    """Every spelling an imported schedule may use for a kind (lowercase) → the kind."""
    names: dict[str, str] = {}
    for name, kind in KINDS.items():
        for spelling in (name, kind.label, *kind.aliases):
            names.setdefault(spelling.lower(), name)
    return names
