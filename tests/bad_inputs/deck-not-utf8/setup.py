"""A deck saved as Latin-1: the input is made here, not kept in files/ (linters would trip
over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    path = course / "lectures/01_intro/intro.md"
    path.write_bytes(path.read_bytes().replace(b"Models are not", b"Mod\xe8les are not"))
