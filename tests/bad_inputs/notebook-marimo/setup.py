"""A marimo app linked as a notebook: the input is made here, not kept in files/ (linters
would trip over it).
"""

from pathlib import Path


def setup(course: Path) -> None:
    (course / "recitations/arrays.py").write_text(
        "import marimo\n"
        "\n"
        '__generated_with = "0.9.0"\n'
        "app = marimo.App()\n"
        "\n"
        "\n"
        "@app.cell\n"
        "def _():\n"
        "    print(1)\n"
        "    return\n"
    )
