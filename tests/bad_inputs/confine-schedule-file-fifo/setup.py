"""A file the schedule links is a named pipe: refused at once, nothing hangs: made here, as
git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    import os

    (course / "handouts").mkdir()
    os.mkfifo(course / "handouts" / "intro.pdf")
