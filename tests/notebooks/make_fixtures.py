"""Regenerate the .ipynb fixtures here: `python tests/notebooks/make_fixtures.py`.

The notebooks that keep outputs (basic, tagged, large_output) are executed once with the
python3 kernel, so their outputs are real; the others are saved unrun. Text fixtures
(percent.py, myst.md) are written by hand.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def notebook(*cells, **metadata):
    nb = new_notebook(cells=list(cells), metadata={"kernelspec": KERNEL, **metadata})
    return nb


def tagged(source: str, *tags: str):
    return new_code_cell(source, metadata={"tags": list(tags)})


FIXTURES = {
    "basic": (
        True,
        notebook(
            new_markdown_cell("# Basic notebook\n\nLoads a table and draws a line."),
            new_code_cell(
                "import sys\n\n"
                'print("hello", "from", "stdout")\nprint("care" + "ful", file=sys.stderr)'
            ),
            new_code_cell(
                "import pandas as pd\n\n"
                'frame = pd.DataFrame({"feature": [1, 2, 3], "label": ["a", "b", "c"]})\n'
                "frame"
            ),
            new_markdown_cell("## A plot\n\nThe line below is `y = 2x`."),
            new_code_cell(
                "import matplotlib.pyplot as plt\n\n"
                "fig, ax = plt.subplots(figsize=(2, 1.5))\nax.plot([0, 1], [0, 2])\nplt.show()"
            ),
            new_code_cell(
                "from IPython.display import SVG\n\n"
                "SVG(\n"
                '    \'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">\'\n'
                '    \'<circle cx="10" cy="10" r="8"/></svg>\'\n'
                ")"
            ),
            new_code_cell("21 * 2"),
        ),
    ),
    "unrun": (
        False,
        notebook(
            new_markdown_cell("# Unrun notebook"),
            new_code_cell('answer = 21 * 2\nprint("answer is", answer)'),
        ),
    ),
    "failing": (
        False,
        notebook(
            new_markdown_cell("# Failing notebook"),
            new_code_cell("numerator = 1"),
            new_code_cell("denominator = 0\nratio = numerator / denominator"),
            new_code_cell('print("never reached")'),
        ),
    ),
    "timeout": (
        False,
        notebook(
            new_markdown_cell("# Slow notebook"),
            new_code_cell("import time"),
            new_code_cell("time.sleep(30)  # longer than the 2 s timeout"),
            execution={"timeout": 2},
        ),
    ),
    "tagged": (
        True,
        notebook(
            new_markdown_cell("# Tagged notebook"),
            tagged('print("input removed")', "remove-input"),
            tagged('print("output removed")', "remove-output"),
            tagged('print("cell removed")', "remove-cell"),
            tagged('print("input hidden")', "hide-input"),
            new_markdown_cell("Removed markdown", metadata={"tags": ["remove-cell"]}),
        ),
    ),
    "large_output": (
        True,
        notebook(
            new_markdown_cell("# Large output"),
            new_code_cell('for i in range(2500):\n    print(f"line {i}")'),
        ),
    ),
}


def main() -> None:
    for name, (run, nb) in FIXTURES.items():
        if run:
            NotebookClient(nb, timeout=60, kernel_name="python3").execute()
        nbformat.write(nb, HERE / f"{name}.ipynb")
        print(f"wrote {name}.ipynb")


if __name__ == "__main__":
    main()
