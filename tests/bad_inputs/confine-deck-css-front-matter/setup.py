"""A deck's css: front matter names a stylesheet outside the course: made here, as git cannot
hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    secret = course.parent / "evil.css"
    secret.write_text("s3cr3t-css-never-published\n")
