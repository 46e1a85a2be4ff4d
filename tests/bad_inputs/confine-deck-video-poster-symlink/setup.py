"""A <video poster> in a deck is a symlink to a file outside the course; check finds it: made
here, as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "poster.png"
    secret.write_text("s3cr3t-poster-never-published\n")
    (course / "lectures/01_intro/poster.png").symlink_to(secret)
    (course.parent / "clip.mp4").write_text("a clip")
