"""A <video><source src> in a deck climbs out of the course: made here, as git cannot hold
it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "clip.mp4"
    secret.write_text("s3cr3t-video-never-published\n")
