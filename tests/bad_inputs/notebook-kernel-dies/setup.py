"""A cell that kills the kernel: the input is made here, not kept in files/ (linters would
trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "recitations/arrays.py").write_text(
        "# %%\nprint(1)\n\n# %%\nimport os\nos._exit(3)\n"
    )
