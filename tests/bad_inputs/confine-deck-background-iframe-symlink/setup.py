"""A data-background-iframe is a symlink to a page outside the course: made here, as git
cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "bg.html"
    secret.write_text("s3cr3t-bgiframe-never-published\n")
    (course / "lectures/01_intro/bg.html").symlink_to(secret)
