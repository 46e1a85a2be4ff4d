"""A deck image is a symlink to a file outside the course; check finds it: made here, as git
cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "secret.svg"
    secret.write_text("s3cr3t-symlink-never-published\n")
    (course / "lectures/01_intro/leak.svg").symlink_to(secret)
