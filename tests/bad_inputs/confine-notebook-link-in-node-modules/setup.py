"""A notebook links a file inside node_modules/, which is never published: made here, as git
cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    folder = course / "node_modules" / "pkg"
    folder.mkdir(parents=True)
    (folder / "data.csv").write_text("s3cr3t-node-modules-never-published")
