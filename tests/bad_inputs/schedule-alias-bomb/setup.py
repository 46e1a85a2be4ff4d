"""340 bytes of nested aliases appended to schedule.yaml (a billion laughs): the input is
made here, not kept in files/ (linters would trip over it).
"""

from pathlib import Path

from yaml_bombs import BOMB


def setup(course: Path) -> None:
    path = course / "schedule.yaml"
    nested = "".join(f"    {line}\n" for line in BOMB.splitlines())
    path.write_text(path.read_text() + "  lol:\n" + nested)
