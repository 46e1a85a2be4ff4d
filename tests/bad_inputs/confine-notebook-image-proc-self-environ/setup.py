"""An image beside a notebook is a committed symlink to /proc/self/environ, built: made here,
as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    image = course / "recitations/img/sum.svg"
    image.unlink()
    image.symlink_to("/proc/self/environ")
