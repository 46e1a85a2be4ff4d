"""Nested aliases in a deck's front matter: the input is made here, not kept in files/
(linters would trip over it).
"""

from pathlib import Path

from yaml_bombs import BOMB


def setup(course: Path) -> None:
    path = course / "lectures/01_intro/intro.md"
    text = path.read_text()
    path.write_text(text.replace("author: Ada Lovelace\n", "author: Ada Lovelace\n" + BOMB, 1))
