"""An offering's change log: the commits of `schedule.yaml` and of the assignment pages the
offering links (today's schedule names them) in the window the settings give, each compared
with the version before it, as dated entries newest first (one per commit, whichever files
it touched).

Called by the site (`site/changes_page.py`) once per built offering and by the bench. Reads
git (`git.py`), snapshots each version (`snapshot.py`, `pages.py`) and compares them
(`diff.py`, `pages.py`). Never
fails a build: no git, a shallow clone or versions today's model cannot read are stated on
the page instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from dataclasses import dataclass
from pathlib import Path

from coursekit.history.diff import Change, changes
from coursekit.history.git import Commit, commit_exists, commits_of, texts_of
from coursekit.history.pages import PageState, linked_pages, page_changes, page_state
from coursekit.history.settings import ChangeLogSettings
from coursekit.history.snapshot import Snapshot, SnapshotError, SnapshotReader

log = logging.getLogger("coursekit.history")
SCHEDULE = "schedule.yaml"


@dataclass(frozen=True)
class Entry:
    """One commit that changed what students see."""

    sha: str
    time: dt.datetime  # the commit's time, UTC
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ChangeLog:
    in_git: bool
    entries: tuple[Entry, ...] = ()  # newest first
    partial: bool = False  # older history is missing (a shallow clone, an unknown `since`)
    skipped: tuple[str, ...] = ()  # short ids of versions today's model cannot read
    since: dt.date | str | None = None  # where the log starts
    until: dt.date | None = None  # where it ends (`weeks_after` the term), if it does


def change_log(
    root: Path,
    oid: str,
    term_start: dt.date,
    settings: ChangeLogSettings | None = None,
    term_end: dt.date | None = None,
) -> ChangeLog:
    """The change log of offering `oid` of the course at `root` (its term from `term_start`
    to `term_end`)."""
    settings = settings or ChangeLogSettings()
    reader = SnapshotReader(oid)
    pages = _pages_today(root, reader)
    paths = [SCHEDULE, *pages]
    since = settings.since
    partial = False
    baseline: Commit | None
    if isinstance(since, str) and not commit_exists(root, since):
        # A shallow clone may not hold it: say the log is partial rather than fail.
        log.info("changes.since: no commit %s here; using the term's window", since)
        since, partial = None, True
    if isinstance(since, str):
        history = commits_of(root, paths, since=since)
        window, baseline = list(history.commits), Commit(since, dt.datetime.min)
    else:
        start = since if isinstance(since, dt.date) else _default_start(term_start, settings)
        since = start
        history = commits_of(root, paths)
        # Newest first until the first older commit (commit dates may be out of order).
        window = list(itertools.takewhile(lambda c: c.time.date() >= start, history.commits))
        older = history.commits[len(window) :]
        baseline = older[0] if older else None
    if not history.in_git:
        return ChangeLog(in_git=False, since=since)
    # Without a version from before the window, its first commit is only the starting point.
    partial = partial or (history.shallow and baseline is None)
    shas = ([baseline.sha] if baseline else []) + [c.sha for c in reversed(window)]
    rows = texts_of(root, paths, shas)
    entries, skipped = _compare(reader, pages, shas, rows, {c.sha: c for c in window})
    until = term_end + dt.timedelta(weeks=settings.weeks_after) if term_end else None
    if until is not None:
        entries = [entry for entry in entries if entry.time.date() <= until]
    return ChangeLog(True, tuple(reversed(entries)), partial, tuple(skipped), since, until)


def _default_start(term_start: dt.date, settings: ChangeLogSettings) -> dt.date:
    return term_start - dt.timedelta(weeks=settings.weeks_before)


def _pages_today(root: Path, reader: SnapshotReader) -> list[str]:
    """The assignment pages the offering links in the checked-out `schedule.yaml`: the
    pages whose history is read beside it."""
    try:
        return linked_pages(reader.read((root / SCHEDULE).read_text("utf-8")))
    except (OSError, UnicodeDecodeError, SnapshotError):
        return []


def _compare(
    reader: SnapshotReader,
    pages: list[str],
    shas: list[str],
    rows: list[tuple[str | None, ...]],
    commits: dict[str, Commit],
) -> tuple[list[Entry], list[str]]:
    """Entries (oldest first) for each version that differs from the one before it: each
    row holds the schedule's text, then each page's."""
    entries: list[Entry] = []
    skipped: list[str] = []
    before: Snapshot | None = None
    pages_before: dict[str, PageState | None] = {}
    for sha, (text, *page_texts) in zip(shas, rows, strict=True):
        try:
            now = reader.read(text) if text is not None else None
        except SnapshotError as error:
            log.info("change log of %s: version %s skipped: %s", reader.oid, sha[:7], error)
            skipped.append(sha[:7])
            continue  # compare the next version with the last one that reads
        pages_now = {path: page_state(t) for path, t in zip(pages, page_texts, strict=True)}
        if before is not None and now is not None and sha in commits:
            found = changes(before, now) + list(page_changes(pages, pages_before, pages_now, now))
            if found:
                found.sort(key=lambda change: change.order)
                entries.append(Entry(sha, commits[sha].time, tuple(found)))
        before, pages_before = now, pages_now
    return entries, skipped
