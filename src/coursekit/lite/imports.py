"""Which notebooks can run in the browser: the modules a notebook imports, against what
Pyodide provides (its standard library and the packages of its lock file, or of the local
copy the course publishes). Read at build time, so a notebook that cannot run says so on its
page instead of failing in class. Called by the notebook page's button (`site.py`).
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Iterable

from nbformat import NotebookNode

# Standard modules Pyodide's Python leaves out or cannot run (no processes, no threads
# that block, no terminal).
_NOT_IN_BROWSER = frozenset({"multiprocessing", "subprocess", "tkinter", "curses", "readline"})


def notebook_imports(notebook: NotebookNode) -> list[str]:
    """The top-level modules the notebook's code cells import, in first-use order (IPython
    magics and shell lines are skipped; a cell that does not parse adds nothing)."""
    found: dict[str, None] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            found |= dict.fromkeys(_cell_imports("".join(cell.source)))
    return list(found)


# Keyed by the cell's text alone, so never stale: a live preview renders every notebook's
# page on each save, and parsing its cells again cost more than the rest of the page.
@functools.lru_cache(maxsize=4096)
def _cell_imports(source: str) -> tuple[str, ...]:
    code = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")
    )
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ()
    found: dict[str, None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= dict.fromkeys(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found[node.module.split(".")[0]] = None
    return tuple(found)


def provided_modules(lock: dict, packages: Iterable[str] | None = None) -> frozenset[str]:
    """Modules importable in Pyodide: its standard library and the `imports` of the lock's
    packages (only `packages`, lock keys, when the course publishes a local copy)."""
    entries = lock["packages"]
    keys = entries if packages is None else packages
    modules = {module for key in keys for module in entries[key].get("imports", [])}
    return frozenset(modules | (set(sys.stdlib_module_names) - _NOT_IN_BROWSER))


def missing_modules(imports: Iterable[str], provided: frozenset[str]) -> list[str]:
    """The imports Pyodide cannot provide, in the notebook's order."""
    return [name for name in imports if name not in provided]


def packages_for(lock: dict, imports: Iterable[str]) -> list[str]:
    """The lock's packages that provide `imports` (for a local copy to include)."""
    wanted = set(imports)
    return sorted(
        key for key, entry in lock["packages"].items() if wanted & set(entry.get("imports", []))
    )
