"""Import-schedule given a PNG: the input is made here, not kept in files/ (linters would
trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
