"""Two snapshots of an offering → what changed for students, in schedule order.

Called by `changelog.py` for each commit against the one before it. Sessions are matched
across versions in three steps, so a reader can predict which row a change names:

1. by `id`;
2. a session left without a partner, by its title (the first unmatched one with that title);
3. what is still left, by position (the n-th row then and now), unless both rows have ids
   (two different ids are two different sessions).

Anything unmatched was added or cancelled. A due item is matched by its title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from coursekit.history.snapshot import DueState, SessionState, Snapshot

CANCELLED_KINDS = {"break"}


@dataclass(frozen=True)
class Change:
    """One thing students see differently. `what` is one of: moved, added, cancelled,
    renamed, reading_added, reading_removed, material, due_added, due_removed, due_moved;
    and, from an assignment page's front matter (`pages.py`), page_released, page_points,
    page_submit."""

    what: str
    title: str  # the session's title (or the due item's, for due_*)
    anchor: str | None = None  # the session's id: its row on the schedule page
    before: dt.date | None = None
    after: dt.date | None = None
    name: str | None = None  # a reading's or material's name, or the old title
    time: dt.time | None = None  # a due item's time, after the change
    time_before: dt.time | None = None  # … and before it
    order: int = 0  # the session's position, so changes read in schedule order
    was: str | None = None  # a page's earlier points (page_points)


def match(
    old: tuple[SessionState, ...], new: tuple[SessionState, ...]
) -> tuple[list[tuple[SessionState, SessionState]], list[SessionState], list[SessionState]]:
    """(pairs, cancelled, added) by the steps in the module docstring."""
    pairs: list[tuple[SessionState, SessionState]] = []
    left_old = {s.index: s for s in old}
    left_new = {s.index: s for s in new}

    def pair(before: SessionState, after: SessionState) -> None:
        pairs.append((before, after))
        del left_old[before.index], left_new[after.index]

    by_id = {s.id: s for s in old if s.id is not None}
    for after in new:
        if after.id is not None and after.id in by_id:
            pair(by_id[after.id], after)
    by_title: dict[str, list[SessionState]] = {}
    for state in left_old.values():
        by_title.setdefault(state.title, []).append(state)
    for after in list(left_new.values()):
        candidates = [b for b in by_title.get(after.title, ()) if b.index in left_old]
        found = next((b for b in candidates if not (b.id and after.id)), None)
        if found is not None:
            pair(found, after)
    for index, after in list(left_new.items()):
        same_place = left_old.get(index)
        if same_place is not None and not (same_place.id and after.id):
            pair(same_place, after)
    return pairs, list(left_old.values()), list(left_new.values())


def changes(old: Snapshot, new: Snapshot) -> list[Change]:
    """What changed from `old` to `new`, in the order of the new schedule."""
    if old == new:
        return []
    pairs, cancelled, added = match(old.sessions, new.sessions)
    found: list[Change] = []
    for before, after in pairs:
        found += _session_changes(before, after)
    for session in added:
        if session.kind in CANCELLED_KINDS:
            continue  # a day without class written out: no session for students
        found.append(
            Change("added", session.title, session.id, after=session.date, order=session.index)
        )
    for session in cancelled:
        if session.kind in CANCELLED_KINDS:
            continue  # a break row dropped (now a holiday of the term, say)
        found.append(Change("cancelled", session.title, before=session.date, order=-1))
    found += _due_changes(old, new)
    return sorted(found, key=lambda change: change.order)


def _session_changes(before: SessionState, after: SessionState) -> Iterator[Change]:
    title, anchor, order = after.title, after.id, after.index
    if after.kind in CANCELLED_KINDS and before.kind not in CANCELLED_KINDS:
        yield Change("cancelled", before.title, anchor, before=before.date, order=order)
        return
    if before.title != after.title:
        yield Change("renamed", title, anchor, name=before.title, order=order)
    if before.date != after.date and before.date and after.date:
        yield Change("moved", title, anchor, before.date, after.date, order=order)
    for reading in after.readings:
        if reading not in before.readings:
            yield Change("reading_added", title, anchor, name=reading, order=order)
    for reading in before.readings:
        if reading not in after.readings:
            yield Change("reading_removed", title, anchor, name=reading, order=order)
    for material in after.materials:
        if material not in before.materials:
            yield Change("material", title, anchor, after=after.date, name=material, order=order)


def _due_changes(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    anchors = {s.index: s.id for s in new.sessions}
    before = {item.title: item for item in old.due}
    after = {item.title: item for item in new.due}
    for name, item in after.items():
        anchor, order = anchors.get(item.session), item.session
        was: DueState | None = before.get(name)
        if was is None:
            yield Change("due_added", name, anchor, after=item.date, time=item.time, order=order)
        elif (was.date, was.time) != (item.date, item.time):
            yield Change(
                "due_moved", name, anchor, was.date, item.date, None, item.time, was.time, order
            )
    for name, item in before.items():
        if name not in after:
            yield Change("due_removed", name, before=item.date, order=-1)
