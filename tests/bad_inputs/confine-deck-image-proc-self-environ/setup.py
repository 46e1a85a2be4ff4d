"""A committed symlink diagram.svg -> /proc/self/environ in a deck folder, built: made here,
as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "lectures/01_intro/diagram.svg").symlink_to("/proc/self/environ")
