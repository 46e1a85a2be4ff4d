"""Whether a file of the course may be published: the one gate every copy into a site passes.

`refusal()` decides; `read_publishable()` decides and reads in one step. Callers: the schedule
checks (files `schedule.yaml` links), `slides/assets.py` (deck images, stylesheets, iframes,
backgrounds), `notebooks/local_files.py` (files beside a notebook), `site/materials.py` and
`site/generate.py` (deck sources, pages, linked files). `standalone_root()` says which folder
counts as the course for `coursekit slides` and `coursekit notebook`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coursekit.errors import BuildError, Problem

FIX = "keep the file inside the course; a symlink must point inside it"
# Never published, wherever a link points: history, build folders, caches, installed packages.
PRIVATE_FOLDERS = frozenset({".git", ".coursekit", ".cache", "node_modules"})
# The default output folder, and the staging/old folders a build keeps beside it.
OUTPUT_FOLDER = "site"
# Kernel views of the machine (/proc/self/environ holds the build's secrets): never files.
SPECIAL_TREES = (Path("/proc"), Path("/sys"), Path("/dev"))


def refusal(path: Path, root: Path | None, *, out: Path | None = None) -> str | None:
    """Why `path` may not be published from the course at `root`, or None when it may.

    Symlinks are resolved first, so a link is judged by the file it reaches. `root` None
    (a deck rendered outside any course) checks only that the file is a regular one.
    """
    path = Path(path)
    try:
        resolved = path.resolve(strict=True)
        mode = resolved.stat().st_mode
    except FileNotFoundError:
        return "does not exist" if not path.is_symlink() else "is a symlink to nothing"
    except (OSError, RuntimeError) as error:  # a symlink loop, a permission
        return f"cannot be read ({getattr(error, 'strerror', None) or error})"
    # Each resolved once: a rebuild asks about every deck, page and image it publishes.
    top = Path(root).resolve() if root is not None else None
    inside = top is not None and resolved.is_relative_to(top)
    # (A course kept in /dev/shm is still a course.)
    if not inside and any(resolved.is_relative_to(tree) for tree in SPECIAL_TREES):
        return f"is a system file ({resolved}), not a course file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a folder, device, pipe or socket)"
    if top is None:
        return None
    root = top
    via = " (through a symlink)" if _via_symlink(path) else ""
    if not inside:
        return f"is outside the course{via}"
    parts = resolved.relative_to(root).parts
    private = next((part for part in parts[:-1] if part in PRIVATE_FOLDERS), None)
    if private:
        return f"is inside {private}/{via}"
    # (An `out` outside the course holds nothing inside it: judged above.)
    output = Path(out).resolve() if out is not None else None
    if output is not None and resolved.is_relative_to(output):
        folder = output.relative_to(root).as_posix()
        return f"is inside {folder}/ (the output folder){via}"
    if parts[0] == OUTPUT_FOLDER or parts[0].startswith(f".{OUTPUT_FOLDER}."):
        return f"is inside {parts[0]}/ (the output folder){via}"
    return None


def publishable(path: Path, root: Path | None, *, out: Path | None = None) -> bool:
    return refusal(path, root, out=out) is None


def standalone_root(path: Path) -> Path | None:
    """The folder whose files a deck or notebook rendered outside a course build (`coursekit
    slides`, `coursekit notebook`) may use: the git repository holding it, else the working
    folder when it lies inside it. None (no repository, outside the working folder): any
    regular file, but never a system file."""
    path = Path(path).resolve()
    repository = next((p for p in path.parents if (p / ".git").exists()), None)
    if repository is not None:
        return repository
    here = Path.cwd().resolve()
    return here if path.is_relative_to(here) else None


def read_publishable(
    path: Path,
    root: Path | None,
    *,
    shown: str | None = None,
    file: str | None = None,
    line: int | None = None,
    out: Path | None = None,
) -> bytes:
    """The bytes of `path` if it may be published; otherwise a `BuildError` at `file:line`
    (the deck line, notebook cell or schedule line that names it) or naming the file."""
    reason = refusal(path, root, out=out)
    if reason is None:
        # Read the file the check saw, not one a symlink swapped in meanwhile.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(Path(path).resolve(strict=True), flags)
        except OSError as error:
            reason = f"cannot be read ({error.strerror})"
        else:
            with os.fdopen(fd, "rb") as opened:
                if stat.S_ISREG(os.fstat(opened.fileno()).st_mode):
                    return opened.read()
            reason = "is not a regular file"
    raise BuildError(problem(path, reason, root=root, shown=shown, file=file, line=line))


def problem(
    path: Path,
    reason: str,
    *,
    root: Path | None = None,
    shown: str | None = None,
    file: str | None = None,
    line: int | None = None,
    key: str | None = None,
) -> Problem:
    """The error for a refused file, at `file:line` (and `key`) when known: the file as the
    course names it (`shown`), why, and the fix."""
    name = shown or _shown(Path(path), root)
    return Problem(f"'{name}' {reason}; it is not published", file, line, None, key, FIX)


def _shown(path: Path, root: Path | None) -> str:
    """The path as the course names it (never the resolved target: it may be a secret)."""
    if root is not None:
        try:
            return path.absolute().relative_to(Path(root).absolute()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _via_symlink(path: Path) -> bool:
    path = path.absolute()
    return any(p.is_symlink() for p in (path, *path.parents))
