"""A jupytext notebook saved as Latin-1: the input is made here, not kept in files/ (linters
would trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    path = course / "recitations/arrays.py"
    path.write_bytes(path.read_bytes().replace(b"We add two", b"We add tw\xf6"))
