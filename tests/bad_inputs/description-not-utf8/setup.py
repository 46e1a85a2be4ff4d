"""The course description saved as UTF-16: the input is made here, not kept in files/
(linters would trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "docs/description.md").write_bytes("# About\n".encode("utf-16"))
