"""A cell that raises: the input is made here, not kept in files/ (linters would trip over
it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "recitations/arrays.py").write_text(
        '# %%\nprint(1)\n\n# %%\nx = 1\nraise ValueError("the data is gone")\n'
    )
