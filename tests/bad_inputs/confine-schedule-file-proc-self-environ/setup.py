"""A file the schedule links is a symlink to /proc/self/environ: made here, as git cannot
hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "handouts").mkdir()
    (course / "handouts" / "intro.pdf").symlink_to("/proc/self/environ")
