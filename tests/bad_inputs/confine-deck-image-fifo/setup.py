"""A deck image that is a named pipe: made here, as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    import os

    image = course / "lectures/01_intro/system.svg"
    image.unlink()
    os.mkfifo(image)
