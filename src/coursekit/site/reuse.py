"""What a build takes from the previous site instead of making it again: the landing page
when everything it is made from is unchanged, and the offerings a `--semester` build keeps.

Called by `build.py` while it fills its staging folder; the previous site (`out`) is only
read, never written: it stays live until the swap.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from coursekit import __version__
from coursekit.clock import VARIABLE as EPOCH_VARIABLE
from coursekit.site.config import theme_dir

# In the landing's output, beside its pages: what it was built from (a digest) and that
# it built without a warning. Only such a landing is reused.
LANDING_MARKER = ".coursekit-landing"
# Versions of what renders the landing page (its output changes with them).
_RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def landing_inputs(project: Path, site_dir: Path, *, strict: bool) -> str:
    """A digest of everything the landing project at `project` (its mkdocs.yml and docs)
    renders from: its files' bytes, coursekit's theme files, the renderers' versions, the
    build's pinned time (sitemaps carry it) and `strict`. The project and `site_dir`, new
    folders in each build, count by role, not by name."""
    folders = [(str(project).encode(), b"<project>"), (str(site_dir).encode(), b"<site>")]
    digest = hashlib.sha256(f"coursekit {__version__}; strict={strict};".encode())
    for name in _RENDERERS:
        digest.update(f"{name}={_version(name)};".encode())
    digest.update(f"epoch={os.environ.get(EPOCH_VARIABLE, '')};".encode())
    for path in sorted(p for p in project.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for folder, role in folders:
            data = data.replace(folder, role)
        digest.update(path.relative_to(project).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    # The theme's templates are read from the installed package; an edited checkout
    # keeps its version number, so their sizes and times count too.
    for path in sorted(p for p in theme_dir().rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.as_posix()}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def reuse_landing(out: Path, stage: Path, key: str) -> bool:
    """Copy the previous landing page (the files its build wrote) from `out` into `stage`
    when it was built from `key` without a warning; whether it was."""
    try:
        kept = json.loads((out / LANDING_MARKER).read_text("utf-8"))
        names = [str(name) for name in kept["files"]]
    except (OSError, ValueError, TypeError, KeyError):
        return False
    if kept.get("inputs") != key or kept.get("clean") is not True:
        return False
    if not all((out / name).exists() and "/" not in name for name in names):
        return False
    stage.mkdir(parents=True, exist_ok=True)
    for name in [*names, LANDING_MARKER]:  # the marker too: the next build may reuse it
        # Copies, not links: the build rewrites some of these files (the search index).
        if (out / name).is_dir():
            shutil.copytree(out / name, stage / name)
        else:
            shutil.copy2(out / name, stage / name)
    return True


def mark_landing(stage: Path, key: str, *, clean: bool) -> None:
    """Record what the landing page just built into `stage` (nothing else there yet) was
    built from and which files it wrote (see `reuse_landing`)."""
    names = sorted(path.name for path in stage.iterdir())
    text = json.dumps({"inputs": key, "clean": clean, "files": names})
    (stage / LANDING_MARKER).write_text(text + "\n", "utf-8")


def keep_offerings(out: Path, stage: Path, offerings: Iterable[str]) -> None:
    """Put `offerings` into `stage` as the previous site has them: hard links where the file
    system allows (no bytes copied; nothing writes into a kept offering, and the previous
    site is removed after the swap), else copies."""
    for oid in offerings:
        if (out / oid).is_dir():
            shutil.copytree(out / oid, stage / oid, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"
