"""A notebook's <img src> names a symlink out of the course; check finds it: made here, as
git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "chart.svg"
    secret.write_text("s3cr3t-nbhtml-never-published\n")
    (course / "recitations/img/chart.svg").symlink_to(secret)
