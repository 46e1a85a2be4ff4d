"""A notebook's markdown image climbs out of the course with ../: made here, as git cannot
hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "secret.svg"
    secret.write_text("s3cr3t-nbdotdot-never-published\n")
