"""A notebook saved with a 21 kB image output, over a cap of 10 kB: made here, not committed."""

from pathlib import Path

import nbformat


def setup(course: Path) -> None:
    notebook = nbformat.v4.new_notebook(metadata={"coursekit": {"execute": "off"}})
    image = {"image/png": "iVBOR" + "QkFSR0U" * 3000, "text/plain": "<Figure>"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A big plot"),
        nbformat.v4.new_code_cell(
            "plot(everything)", outputs=[nbformat.v4.new_output("display_data", data=image)]
        ),
    ]
    nbformat.write(notebook, course / "recitations" / "big.ipynb")
