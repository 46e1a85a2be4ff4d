"""Offerings left empty: the input is made here, not kept in files/ (linters would trip over
it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    path = course / "schedule.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("offerings:")] + "offerings: {}\n")
