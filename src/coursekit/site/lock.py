"""The course lock: one build at a time per course, so two builds, or `serve` and a build,
never write the same staging or output folder at once.

`build_course()` and the live preview's rebuild hold it; a second build waits, saying which
process holds it, and fails after `timeout` seconds naming that process.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from coursekit.errors import BuildError, Problem

log = logging.getLogger("coursekit.build")

LOCK_FILE = ".coursekit/lock"
TIMEOUT = 900.0  # a full build of a large course with --pdf takes minutes


@contextmanager
def course_lock(
    root: Path,
    *,
    timeout: float = TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
    poll: float = 0.2,
) -> Iterator[None]:
    """Hold the course's lock (an fcntl lock, so the system releases it when the holder dies,
    even by SIGKILL) for the duration of the block. If another process holds it, `on_wait`
    is told once, with a line naming that process (the command prints it), and we wait."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(handle, path, timeout, poll, on_wait or log.info)
        # Waiting builds read this to say whom they wait for.
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(handle)  # releases the lock


def process_alive(pid: int | None) -> bool:
    """Whether process `pid` is running (None: an unknown owner, taken as gone)."""
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _acquire(
    handle: int, path: Path, timeout: float, poll: float, on_wait: Callable[[str], None]
) -> None:
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(handle)
        if time.monotonic() >= deadline:
            raise BuildError(
                Problem(
                    f"{holder} has been building this course for over {timeout:g} s "
                    f"(it holds {path})",
                    fix="wait for it to finish, or stop it and build again",
                )
            )
        if not waited:
            on_wait(f"Waiting for {holder}, which is building this course…")
            waited = True
        time.sleep(poll)


def _holder(handle: int) -> str:
    text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    return f"coursekit (pid {text})" if text.isdigit() else "another coursekit process"
