"""Put a finished site where the old one was with no moment without a site, and clear what
killed builds left beside it.

`build_course()` stages every build in `.<out>.staging-<pid>-*` beside `<out>`, calls `swap()`
when the stage is complete, and at its start (under the course lock) `clear_leftovers()`.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from coursekit.site.lock import process_alive

log = logging.getLogger("coursekit.build")

# From <linux/fs.h> and <fcntl.h>: swap two paths in one step (Linux 3.15+, glibc 2.28+).
RENAME_EXCHANGE = 2
AT_FDCWD = -100
# Where the exchange is missing (macOS, old glibc, a file system without it): two renames.
_NO_EXCHANGE = (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP)


def staging_folder(out: Path) -> Path:
    """A new folder beside `out` (same file system, so `swap()` is a rename) named after this
    process, so `clear_leftovers()` can tell a live build's folder from a dead one's."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-{os.getpid()}-", dir=out.parent))


def swap(stage: Path, out: Path) -> None:
    """Put `stage` at `out`. Afterwards `stage` holds the previous site, if there was one, for
    the caller to remove."""
    if not out.exists():
        os.rename(stage, out)
        return
    try:
        exchange(stage, out)
        return
    except OSError as error:
        if error.errno not in _NO_EXCHANGE:
            raise
    # Two renames: a crash between them leaves `.<out>.old-*` and no `out`, which the next
    # build's clear_leftovers() puts back.
    old = out.with_name(f".{out.name}.old-{os.getpid()}-{time.time_ns()}")
    os.rename(out, old)
    try:
        os.rename(stage, out)
    except BaseException:
        os.rename(old, out)
        raise
    os.rename(old, stage)


def exchange(first: Path, second: Path) -> None:
    """Swap two existing paths atomically (Linux `renameat2(RENAME_EXCHANGE)`); raises
    `OSError` with ENOSYS where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available", str(second))
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    code = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if code != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number), str(second))


def clear_leftovers(out: Path) -> None:
    """Remove the staging and old folders beside `out` that no running process owns (a build
    killed with SIGKILL, or by a power cut). An old site with no `out` is put back instead."""
    if not out.parent.is_dir():
        return
    found = []
    for path in out.parent.iterdir():
        for kind in ("staging", "old"):
            prefix = f".{out.name}.{kind}-"
            if path.name.startswith(prefix) and not process_alive(_pid(path.name[len(prefix) :])):
                found.append((kind, path))
    # Newest first: if the last build died between its two renames, its old site returns.
    for kind, path in sorted(found, key=lambda item: _stamp(item[1].name), reverse=True):
        if kind == "old" and not out.exists():
            os.rename(path, out)
            log.warning("put back the previous site from %s (a build was interrupted)", path)
        else:
            log.info("removing %s, left by an interrupted build", path)
            shutil.rmtree(path, ignore_errors=True)


def _pid(rest: str) -> int | None:
    head = rest.split("-", 1)[0]
    # Folders named before the pid was part of the name hold random letters or a timestamp.
    return int(head) if head.isdigit() else None


def _stamp(name: str) -> int:
    tail = name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
