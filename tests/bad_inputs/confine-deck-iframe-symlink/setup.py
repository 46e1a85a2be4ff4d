"""An <iframe src> in a deck is a symlink to a page outside the course: made here, as git
cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "demo.html"
    secret.write_text("s3cr3t-iframe-never-published\n")
    (course / "lectures/01_intro/demo.html").symlink_to(secret)
