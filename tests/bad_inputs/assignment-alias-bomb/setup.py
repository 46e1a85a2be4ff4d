"""Nested aliases in an assignment's front matter: the input is made here, not kept in files/
(linters would trip over it).
"""

from pathlib import Path

from yaml_bombs import BOMB


def setup(course: Path) -> None:
    path = course / "assignments/a1.md"
    text = path.read_text()
    path.write_text(text.replace("kind: individual\n", "kind: individual\n" + BOMB, 1))
