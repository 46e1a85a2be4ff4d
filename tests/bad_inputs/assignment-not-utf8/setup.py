"""An assignment page saved as Latin-1: the input is made here, not kept in files/ (linters
would trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    path = course / "assignments/a1.md"
    path.write_bytes(path.read_bytes().replace(b"Do the warm-up.", b"Do the \xe9chauffement."))
