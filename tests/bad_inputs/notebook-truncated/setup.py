"""An .ipynb cut off in the middle: the input is made here, not kept in files/ (linters would
trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "recitations/arrays.ipynb").write_text(
        "{\n"
        ' "cells": [\n'
        '  {"cell_type": "code", "source": "print(1)", "metadata": {},\n'
        '   "outputs": [], "execution_count": null}\n'
    )
