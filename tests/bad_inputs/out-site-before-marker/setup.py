"""The site has versions.json and .nojekyll, as every build wrote, but no marker file."""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "site" / ".coursekit-site").unlink()
