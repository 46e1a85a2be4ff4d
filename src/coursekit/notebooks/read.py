"""Read a notebook source (`.ipynb` or jupytext text) and its per-notebook settings.

Text sources (`.py` percent, `.md` MyST) are the committed ones; an `.ipynb` paired with one
(by its own `jupytext.formats` metadata or a `jupytext.toml`) is a build output, so
`resolve_source` reads the text file instead. `build.py` calls `read_source` and `settings`.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jupytext
from jupytext.config import (
    JupytextConfigurationError,
    find_jupytext_configuration_file,
    load_jupytext_configuration_file,
)
from jupytext.formats import guess_format, read_format_from_metadata
from jupytext.paired_paths import InconsistentPath, paired_paths
from nbformat import NotebookNode
from nbformat.warnings import MissingIDFieldWarning

from coursekit.errors import BuildError, Problem, relative
from coursekit.notebooks.unreadable import check_json, one_line, unreadable_problem

Mode = Literal["auto", "force", "cache", "off"]
# mode → what it does; `coursekit notebook --help` and errors list these.
MODES: dict[str, str] = {
    "auto": "reuse cached or saved outputs; execute notebooks that have none",
    "force": "execute every notebook",
    "cache": "only reuse cached outputs; a notebook without them is an error",
    "off": "never execute; show whatever outputs the files hold",
}

# A marimo app (`app = marimo.App(...)` beside `import marimo`): jupytext reads it only with
# marimo installed, and the build should not need it.
_MARIMO = re.compile(r"^import marimo\b.*^app = marimo\.App\(", re.M | re.S)
DEFAULT_TIMEOUT = 120.0  # seconds per cell, like jupyter-book's default of "enough for a lab"


@dataclass(frozen=True)
class Source:
    """One notebook as read: the file, the notebook, its jupytext format and raw text."""

    path: Path
    notebook: NotebookNode
    format: str  # jupytext's short name: "ipynb", "py:percent", "md:myst", …
    text: str | None = None  # the file's text for text formats, to point at lines in it

    def file_line(self, cell_index: int, line: int = 1) -> int | None:
        """The 1-based line of the file holding `line` of cell `cell_index`, if findable.

        Only text sources have meaningful lines. Code is kept verbatim by jupytext (except
        magics, which `.py` files comment out), so each code cell is searched for after the
        previous one.
        """
        if self.text is None:
            return None
        lines = self.text.splitlines()
        position = 0
        for index, cell in enumerate(self.notebook.cells[: cell_index + 1]):
            if cell.cell_type != "code":
                continue
            source = cell.source.splitlines()
            first = next((n for n, text in enumerate(source) if text.strip()), None)
            if first is None:
                continue
            wanted = {source[first], f"# {source[first]}"}
            found = next((n for n in range(position, len(lines)) if lines[n] in wanted), None)
            if found is None:
                return None
            if index == cell_index:
                return found - first + line
            position = found + len(source) - first
        return None


@dataclass(frozen=True)
class Settings:
    """How to execute one notebook, from its metadata (see `SETTING_KEYS`).

    In an .ipynb's metadata, or a text notebook's header (`jupyter:` in .py, front matter
    in MyST):

        execution: {timeout: 300, allow_errors: false}
        coursekit: {data: [data/train.csv], execute: off}
    """

    timeout: float | None = DEFAULT_TIMEOUT  # None: no limit
    allow_errors: bool = False
    data: tuple[str, ...] = ()  # files the code reads, relative to the notebook
    mode: Mode | None = None  # this notebook's execution mode; None: the course's


def resolve_source(path: Path, root: Path | None = None) -> Path:
    """The file to read for `path`: its paired text source when there is one.

    `lab.ipynb` with `formats = "ipynb,py:percent"` in a `jupytext.toml` reads `lab.py`, even
    when `lab.ipynb` does not exist (it is a build output).
    """
    if path.suffix != ".ipynb":
        return path
    formats = _paired_formats(path, root)
    if not formats:
        return path
    try:
        pairs = paired_paths(str(path), {"extension": ".ipynb"}, formats)
    except InconsistentPath:
        return path
    for other, _ in pairs:
        candidate = Path(other)
        if candidate.suffix != ".ipynb" and candidate.is_file():
            return candidate
    return path


def read_source(path: Path, root: Path | None = None) -> Source:
    """Read `path` (or its paired text source) with jupytext's format registry."""
    source_path = resolve_source(path, root)
    shown = relative(source_path, root) if root else str(source_path)
    if not source_path.is_file():
        raise BuildError(Problem("notebook not found", file=shown))
    try:
        text = source_path.read_text(encoding="utf-8")
        marimo = _MARIMO.search(text) if source_path.suffix == ".py" else None
        if marimo:
            # Before jupytext, which would ask for marimo itself: say what to link instead.
            raise BuildError(
                Problem(
                    "is a marimo notebook, which coursekit cannot read",
                    file=shown,
                    line=text.count("\n", 0, marimo.start()) + 1,
                    fix=f"link its Jupyter export instead: marimo export ipynb {source_path.name} "
                    f"-o {source_path.stem}.ipynb --sort=top-down",
                )
            )
        if source_path.suffix == ".ipynb":
            check_json(text, shown)
        with warnings.catch_warnings():
            # nbformat gives cells without ids fresh ones; its warning would only alarm users.
            warnings.simplefilter("ignore", MissingIDFieldWarning)
            notebook = jupytext.reads(text, fmt={"extension": source_path.suffix}, as_version=4)
    except BuildError:
        raise
    except Exception as error:  # any parse error of the user's file is theirs to fix
        raise BuildError(unreadable_problem(error, text, source_path, shown)) from error
    _stable_cell_ids(notebook, keep=source_path.suffix == ".ipynb")
    if source_path.suffix == ".ipynb":
        return Source(source_path, notebook, "ipynb")
    ext = source_path.suffix
    name = read_format_from_metadata(text, ext) or guess_format(text, ext)[0]
    return Source(source_path, notebook, f"{ext[1:]}:{name}", text)


def _stable_cell_ids(notebook: Any, *, keep: bool) -> None:
    """Give cells ids that are the same on every build. jupytext gives the cells of a text
    notebook nbformat's random ids, so each build published a different `.ipynb` (and the
    Colab branch got a commit every day). The id comes from the cell's type and source, and
    its place among equal cells; with `keep`, ids the file already has stay."""
    if (notebook.get("nbformat"), notebook.get("nbformat_minor", 0)) < (4, 5):
        return  # cell ids exist from nbformat 4.5 on
    taken = {cell.get("id") for cell in notebook.cells} if keep else set()
    for cell in notebook.cells:
        if keep and cell.get("id"):
            continue
        digest = hashlib.sha256(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
        cell_id, n = digest, 1
        while cell_id in taken:
            n += 1
            cell_id = f"{digest}-{n}"
        taken.add(cell_id)
        cell["id"] = cell_id


def settings(
    source: Source, *, default_timeout: float | None = DEFAULT_TIMEOUT, root: Path | None = None
) -> Settings:
    """The execution settings a notebook declares, checked; defaults for the rest."""
    shown = relative(source.path, root) if root else str(source.path)
    found: dict[str, Any] = {}
    problems = []
    for name, (check, places) in SETTING_KEYS.items():
        for section, key in places:
            block = source.notebook.metadata.get(section)
            if isinstance(block, dict) and key in block:
                value, error = check(block[key])
                if error:
                    message, _, fix = error.partition(" (")
                    problems.append(
                        Problem(
                            message,
                            file=shown,
                            line=_line_of_key(source, key),
                            path=f"metadata.{section}.{key}",
                            fix=fix.removesuffix(")") or None,
                        )
                    )
                else:
                    found[name] = value
                break
    if problems:
        raise BuildError(problems)
    found.setdefault("timeout", default_timeout)
    return Settings(**found)


def _line_of_key(source: Source, key: str) -> int | None:
    """The line where a metadata key is written: `key:` in a text header, `"key":` in JSON."""
    text = source.text
    if text is None:
        try:
            text = source.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    name = re.escape(key)
    pattern = re.compile(rf'^[#\s]*{name}\s*:|"{name}"\s*:', re.M)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


Check = Callable[[Any], tuple[Any, str | None]]  # value → (checked value, error or None)


def _seconds(value: Any) -> tuple[Any, str | None]:
    if value is None or value == -1:
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None, f"{value!r} is not a number of seconds (use e.g. 300, or -1 for no limit)"
    return float(value), None


def _flag(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, bool):
        return None, f"{value!r} is not true or false (write true or false)"
    return value, None


def _mode(value: Any) -> tuple[Any, str | None]:
    if value is False:  # `execute: off` in a YAML 1.1 header reads as false
        return "off", None
    if value not in MODES:
        return None, f"{value!r} is not an execution mode (use one of {', '.join(MODES)})"
    return value, None


def _paths(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, f"{value!r} is not a list of paths (e.g. [data/train.csv])"
    return tuple(value), None


# setting → (check, where a notebook may declare it; the first one present wins). `execution`
# is jupyter-cache's key, `mystnb` the one jupyter-book/MyST-NB users already have in files.
SETTING_KEYS: dict[str, tuple[Check, tuple[tuple[str, str], ...]]] = {
    "timeout": (_seconds, (("execution", "timeout"), ("mystnb", "execution_timeout"))),
    "allow_errors": (_flag, (("execution", "allow_errors"), ("mystnb", "execution_allow_errors"))),
    "data": (_paths, (("coursekit", "data"),)),
    "mode": (_mode, (("coursekit", "execute"), ("mystnb", "execution_mode"))),
}


def _paired_formats(path: Path, root: Path | None) -> str | list | None:
    if path.is_file():
        try:
            metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError, AttributeError):
            metadata = {}
        formats = metadata.get("jupytext", {}).get("formats")
        if formats:
            return formats
    config_file = _find_config(path.parent, root)
    if config_file is None:
        return None
    try:
        config = load_jupytext_configuration_file(config_file)
    except JupytextConfigurationError as error:
        shown = relative(Path(config_file), root) if root else config_file
        raise BuildError(Problem(one_line(error), file=shown)) from error
    return config.default_formats(str(path)) if config else None


def _find_config(folder: Path, root: Path | None) -> str | None:
    """The nearest jupytext config at or above `folder`, stopping at the course root.

    jupytext's own search goes on to the user's global config; a build must not depend on
    what happens to be in someone's home directory.
    """
    folder = folder.resolve()
    stop = root.resolve() if root else None
    while True:
        found = find_jupytext_configuration_file(folder, search_parent_dirs=False)
        if found:
            return found
        if folder == stop or folder.parent == folder:
            return None
        folder = folder.parent
