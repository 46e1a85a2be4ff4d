"""What the system said, as a one-line problem naming the path and a fix.

A full disk, a read-only or busy folder, a missing permission: not bugs in coursekit, so no
traceback. `cli.py` turns every `OSError` that reaches it into one of these; `serve` does the
same for a failed rebuild.
"""

from __future__ import annotations

import errno

from coursekit.errors import Problem

# errno → what to do about it. Adding an error is one row.
FIXES = {
    errno.ENOSPC: "free space on that disk, or pass --out to a folder on another one",
    errno.EDQUOT: "free space within your quota, or pass --out to a folder on another disk",
    errno.EROFS: "that file system is read-only: pass --out to a folder you can write",
    errno.EACCES: "check the folder's owner and permissions, or pass --out to one you can write",
    errno.EPERM: "check the folder's owner and permissions, or pass --out to one you can write",
    errno.EBUSY: "a mount point or a folder in use cannot be replaced: pass --out to a folder "
    "inside it",
    errno.ENOENT: "it was removed while coursekit ran, or a folder on the way is missing: "
    "run the command again",
    errno.ENOTDIR: "a file stands where a folder is needed: move it away, or pass another --out",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) and run again",
}


def os_problem(error: OSError) -> Problem:
    """`error` as `path: what the system said (fix)`."""
    where = error.filename
    if error.filename2:
        where = f"{error.filename} → {error.filename2}"
    reason = error.strerror or str(error)
    return Problem(
        reason,
        file=str(where) if where is not None else None,
        fix=FIXES.get(error.errno or 0),
    )
