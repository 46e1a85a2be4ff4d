"""A course that is a git repository (git cannot hold a nested .git folder)."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / ".git").mkdir()
    (course / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
