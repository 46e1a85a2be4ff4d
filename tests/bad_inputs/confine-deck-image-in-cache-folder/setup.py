"""A deck image points into .cache/, the build's private cache; check finds it: made here, as
git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / ".cache" / "token.svg").write_text("s3cr3t-cache-never-published")
