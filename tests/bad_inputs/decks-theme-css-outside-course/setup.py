"""A stylesheet outside the course folder (a file git cannot hold in files/)."""

from pathlib import Path


def setup(course: Path) -> None:
    (course.parent / "outside.css").write_text("secret { color: red }\n")
