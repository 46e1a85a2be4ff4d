"""The one clock of a build, so that two builds of the same commit write the same bytes.

A build's time is `SOURCE_DATE_EPOCH` when set (https://reproducible-builds.org/specs/
source-date-epoch/), else the time of the course's last git commit, else the first day of the
newest term in the schedule. `site/build.py` pins it for the whole build (`pinned`); the
calendar's DTSTAMP (`schedule/ics.py`) and MkDocs' sitemap dates and build date read it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def build_time() -> dt.datetime:
    """Now, or the pinned time of the build in progress (UTC)."""
    epoch = os.environ.get(VARIABLE, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def course_epoch(root: Path, term_starts: list[dt.date]) -> int:
    """Seconds since 1970 a build of the course at `root` stands for (see the module)."""
    epoch = os.environ.get(VARIABLE, "").strip()
    if epoch.isdigit():
        return int(epoch)
    try:
        # The commit's time, not the clock's: a daily rebuild of the same commit is identical.
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass  # no git: fall back to the schedule
    newest = max(term_starts, default=dt.date(1980, 1, 1))
    return int(dt.datetime.combine(newest, dt.time(), dt.UTC).timestamp())


@contextmanager
def pinned(epoch: int) -> Iterator[None]:
    """Run the block with the build's time pinned to `epoch` (MkDocs reads the variable)."""
    before = os.environ.get(VARIABLE)
    os.environ[VARIABLE] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(VARIABLE, None)
        else:
            os.environ[VARIABLE] = before
