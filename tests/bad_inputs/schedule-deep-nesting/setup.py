"""50,000 opening brackets, which crash a recursive YAML composer: the input is made here,
not kept in files/ (linters would trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    text = (course / "schedule.yaml").read_text()
    (course / "schedule.yaml").write_text(text + "  F2024: " + "[" * 50000 + "\n")
