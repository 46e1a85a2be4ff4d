"""A page saved as Latin-1: the input is made here, not kept in files/ (linters would trip
over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "docs/syllabus.md").write_bytes(b"# Syllabus\n\nGrading: caf\xe9\n")
