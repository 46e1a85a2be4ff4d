"""An .ipynb committed with merge conflict markers: the input is made here, not kept in
files/ (linters would trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "recitations/arrays.ipynb").write_text(
        "{\n"
        ' "cells": [],\n'
        "<<<<<<< HEAD\n"
        ' "metadata": {"a": 1},\n'
        "=======\n"
        ' "metadata": {"a": 2},\n'
        ">>>>>>> other\n"
        ' "nbformat": 4, "nbformat_minor": 5\n'
        "}\n"
    )
