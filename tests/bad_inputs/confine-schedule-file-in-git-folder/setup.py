"""A file the schedule links lies in .git/, which is never published; check finds it: made
here, as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / ".git").mkdir()
    (course / ".git" / "intro.pdf").write_text("s3cr3t-schedule-git-never-published")
