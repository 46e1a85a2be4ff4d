"""A deck image points into .git/, which is never published: made here, as git cannot hold
it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / ".git").mkdir()
    (course / ".git" / "hooks.svg").write_text("s3cr3t-git-never-published")
