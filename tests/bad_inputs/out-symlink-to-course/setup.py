"""`public` links to the course itself (a symlink git would hold, made here for clarity)."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "public").symlink_to(course, target_is_directory=True)
