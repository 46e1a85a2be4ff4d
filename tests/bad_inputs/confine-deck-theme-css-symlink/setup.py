"""A deck's theme: stylesheet is a symlink to /etc/passwd; check finds it: made here, as git
cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "lectures/01_intro/course.css").symlink_to("/etc/passwd")
