"""An assignment page the schedule links lies in .cache/: made here, as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / ".cache").mkdir(exist_ok=True)
    (course / ".cache" / "a1.md").write_text("# A1\n\ns3cr3t-assignment-never-published\n")
