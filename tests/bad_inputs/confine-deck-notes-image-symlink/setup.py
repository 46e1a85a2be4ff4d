"""An image in a slide's speaker notes is a symlink out of the course: made here, as git
cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "private.png"
    secret.write_text("s3cr3t-notes-never-published\n")
    (course / "lectures/01_intro/private.png").symlink_to(secret)
