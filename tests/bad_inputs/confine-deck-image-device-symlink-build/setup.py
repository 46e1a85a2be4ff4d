"""A deck image that is a symlink to a device (endless zeros): made here, so the symlink
points at this machine's /dev."""

from pathlib import Path


def setup(course: Path) -> None:
    image = course / "lectures/01_intro/system.svg"
    image.unlink()
    image.symlink_to("/dev/zero")
