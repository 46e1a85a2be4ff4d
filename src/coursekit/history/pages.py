"""What students see of an assignment page's front matter in one version (its title, when it
comes out, its points and where it is handed in), and what changed between two versions.

Called by `changelog.py` for the pages an offering's due items link (`DueState.page`), read
from git beside `schedule.yaml`. Only the front matter counts: an edit of the text below it
makes no entry. Each front matter is parsed once however many versions share it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import yaml

from coursekit.history.diff import Change
from coursekit.history.snapshot import Snapshot

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)  # as `assignments.py` reads it


_KEYS = ("title", "released", "points", "submit")


@dataclass(frozen=True)
class PageState:
    """An assignment page's front matter keys the change log reports."""

    title: str | None = None
    released: dt.date | None = None
    points: int | None = None
    submit: str | None = None


def page_state(text: str | None) -> PageState | None:
    """The state of a page's text; None where the page is missing."""
    if text is None:
        return None
    match = _FRONT.match(text)
    return _front_state(match.group(1)) if match else PageState()


@lru_cache(maxsize=1024)
def _front_state(front: str) -> PageState:
    """The state of one front matter; a value of the wrong type counts as unset (the build
    reports it), as does front matter that does not parse."""
    try:
        meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return PageState()
    if not isinstance(meta, dict):
        return PageState()
    title, released, points, submit = (meta.get(k) for k in _KEYS)
    return PageState(
        title if isinstance(title, str) else None,
        released if isinstance(released, dt.date) else None,
        points if isinstance(points, int) and not isinstance(points, bool) else None,
        submit.strip() if isinstance(submit, str) and _web(submit) else None,
    )


def _web(link: str) -> bool:
    """An http(s) address, as the build requires of `submit:` (a sentence links it)."""
    parts = urlsplit(link.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def linked_pages(snapshot: Snapshot | None) -> list[str]:
    """The assignment pages a snapshot's due items link, in schedule order, once each."""
    if snapshot is None:
        return []
    return list(dict.fromkeys(item.page for item in snapshot.due if item.page))


def page_changes(
    paths: Sequence[str],
    old: Mapping[str, PageState | None],
    new: Mapping[str, PageState | None],
    schedule: Snapshot,
) -> Iterator[Change]:
    """What changed in the pages `paths` from `old` to `new`; each change links the row of
    the session the page is due at in `schedule` (the newer version)."""
    due_at = {item.page: item for item in reversed(schedule.due) if item.page}
    anchors = {s.index: s.id for s in schedule.sessions}
    for path in paths:
        before, after = old.get(path), new.get(path)
        if before is None or after is None or before == after:
            continue  # a page added or removed is the schedule's due item added or removed
        item = due_at.get(path)
        title = after.title or (item.title if item else path)
        anchor = anchors.get(item.session) if item else None
        order = item.session if item else -1
        yield from _changes(title, anchor, order, before, after)


def _changes(
    title: str, anchor: str | None, order: int, before: PageState, after: PageState
) -> Iterator[Change]:
    if before.released != after.released and after.released is not None:
        yield Change("page_released", title, anchor, before.released, after.released, order=order)
    if before.points != after.points and after.points is not None:
        was = None if before.points is None else str(before.points)
        yield Change("page_points", title, anchor, name=f"{after.points}", order=order, was=was)
    if before.submit != after.submit and after.submit is not None:
        yield Change("page_submit", title, anchor, name=after.submit, order=order)
