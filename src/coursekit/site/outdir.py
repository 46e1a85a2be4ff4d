"""Which folders a command may write its output to, and the marker that says a folder is ours.

Every command with `--out` (build, slides, notebook, export-notebooks) calls `check_out()`
before it touches anything: a build replaces the whole folder, so pointing it at the course,
a source folder or someone's files must be refused, not obeyed. `mark()` leaves the marker.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from coursekit.errors import CourseError, Problem
from coursekit.layout import SOURCES

# Written into every folder coursekit fills, so a rebuild recognises its own output.
MARKER = ".coursekit-site"
# Folders of the course that hold sources, history or state, besides layout.SOURCES.
PROTECTED = (*SOURCES, ".git", ".coursekit", ".cache", "node_modules")


def check_out(
    out: Path,
    *,
    root: Path | None = None,
    inputs: Iterable[Path] = (),
    replaces: bool = True,
    option: str = "--out",
) -> None:
    """Raise a `CourseError` naming `out` and the reason when writing there could lose data.

    `root` is the course (its folder, any folder holding it, and its source folders are
    refused); `inputs` are the files or folders the command reads (refused, and so is any
    folder holding one). `replaces` says the command replaces the folder as a whole (build)
    rather than writing files into it (slides, notebook), which only changes the wording.
    """
    shown = f"{option} {out}"
    target = out.resolve()
    fix = "pass a new folder, or an earlier coursekit output folder"
    if root is not None:
        course = root.resolve()
        fix = f"leave out {option} to build into {course / 'site'}, or pass a new folder"
        if target == course:
            _refuse(f"{shown} is the course folder itself", replaces, fix)
        if course.is_relative_to(target):
            _refuse(f"{shown} contains the course ({course})", replaces, fix)
        for name in PROTECTED:
            label = name if (course / name).is_file() else f"{name}/ folder"
            # Both spellings: node_modules is often a symlink, resolved elsewhere.
            for source in {course / name, (course / name).resolve()}:
                if target == source:
                    _refuse(f"{shown} is the course's {label}", replaces, fix)
                if target.is_relative_to(source):
                    _refuse(f"{shown} is inside the course's {label}", replaces, fix)
    for path in inputs:
        source = path.resolve()
        if source == target or source.is_relative_to(target):
            _refuse(f"{shown} holds {path}, which this command reads", replaces, fix)
    if not target.exists():
        return
    if replaces and os.path.ismount(target):
        raise CourseError(
            Problem(
                f"{shown} is a mount point: a build swaps the finished site in by renaming "
                "folders, and a mount point cannot be renamed",
                fix=f"pass a folder inside it, e.g. {option} {out / 'site'}, and publish that",
            )
        )
    if any(target.iterdir()) and not is_output(target):
        _refuse(
            f"{shown} is not empty and is no coursekit output (it has no {MARKER} file)",
            replaces,
            "pass a new or empty folder; to reuse this one, empty it yourself first",
        )


def is_output(folder: Path) -> bool:
    """Whether `folder` was written by coursekit: it holds the marker, or it is a site or a
    deck folder written before the marker existed."""
    if (folder / MARKER).is_file():
        return True
    # Sites built before the marker: the semester switcher's files, written on every build.
    if (folder / ".nojekyll").is_file() and (folder / "versions.json").is_file():
        try:
            versions = json.loads((folder / "versions.json").read_text("utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(versions, list) and all(
            isinstance(v, dict) and "version" in v for v in versions
        )
    # `coursekit slides` output before the marker: the reveal.js runtime it copies.
    return (folder / "_reveal" / "reveal" / "reveal.js").is_file()


def mark(folder: Path, command: str) -> None:
    """Leave the marker in `folder`, naming the command that wrote it."""
    (folder / MARKER).write_text(
        f"Written by `coursekit {command}`; a later run may replace this folder.\n", "utf-8"
    )


def _refuse(reason: str, replaces: bool, fix: str) -> None:
    effect = (
        "a build replaces the whole folder, deleting what is in it"
        if replaces
        else "files there would be overwritten"
    )
    raise CourseError(Problem(f"{reason}: {effect}", fix=fix))
