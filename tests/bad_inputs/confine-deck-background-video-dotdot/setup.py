"""A data-background-video climbs out of the course; check finds it: made here, as git cannot
hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "bg.mp4"
    secret.write_text("s3cr3t-bgvideo-never-published\n")
