"""A course page is a symlink into node_modules/; check finds it: made here, as git cannot
hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    folder = course / "node_modules" / "pkg"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("# Syllabus\n\ns3cr3t-page-never-published\n")
    page = course / "docs" / "syllabus.md"
    page.unlink()
    page.symlink_to("../node_modules/pkg/README.md")
