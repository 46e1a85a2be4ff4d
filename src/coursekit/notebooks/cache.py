"""The execution cache: executed notebooks stored under a hash of what decides their outputs.

The key covers the code cells' sources, the kernel name, the declared data files' contents,
a dependency lock (e.g. requirements.txt) and the environment the notebook executes in.
Markdown edits leave it unchanged, so `merge_outputs` puts cached outputs under the current
markdown. `build.py` is the caller.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import nbformat
from nbformat import NotebookNode

log = logging.getLogger("coursekit.notebooks")

# Bump when the stored notebooks or the key change meaning, so old entries stop matching.
CACHE_VERSION = 1


def cache_key(
    notebook: NotebookNode,
    *,
    kernel: str,
    data: Mapping[str, str | None],
    lock: Mapping[str, str | None],
    environment: str = "current",
) -> str:
    """A hex digest of the code cells' sources, the kernel, data-file and lock hashes and the
    environment's key (`environment.py`: a course venv's hash, or "current")."""
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    parts = {"v": CACHE_VERSION, "kernel": kernel, "code": code, "data": data, "lock": lock}
    if environment != "current":  # entries made before venvs existed keep their keys
        parts["environment"] = environment
    blob = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def hash_files(paths: Iterable[Path], *, base: Path) -> dict[str, str | None]:
    """Content hashes by path relative to `base`; a folder hashes every file inside it.

    A path that does not exist maps to None, so creating it later changes the key.
    """
    hashes: dict[str, str | None] = {}
    for path in paths:
        name = _name(path, base)
        if path.is_dir():
            digest = hashlib.sha256()
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                digest.update(_name(file, path).encode("utf-8") + b"\0")
                digest.update(hashlib.sha256(file.read_bytes()).digest())
            hashes[name] = digest.hexdigest()
        elif path.is_file():
            hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            hashes[name] = None
    return hashes


class NotebookCache:
    """Executed notebooks as `<folder>/<key>.ipynb`, written atomically."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.ipynb"

    def load(self, key: str) -> NotebookNode | None:
        path = self.path(key)
        try:
            return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            # A torn or hand-edited entry is only a miss: executing again rewrites it.
            log.info("ignoring unreadable cache entry %s (%s)", path, error)
            return None

    def save(self, key: str, notebook: NotebookNode) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            # Like pytest's cache: safe even where the course forgot to ignore .cache/.
            ignore.write_text("# created by coursekit\n*\n", encoding="utf-8")
        # Write then rename, so a build killed mid-write or a parallel build never reads half
        # a notebook.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(nbformat.writes(notebook))
            os.replace(temporary, self.path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def merge_outputs(notebook: NotebookNode, executed: NotebookNode) -> NotebookNode | None:
    """`notebook` with the outputs of `executed`, cell by code cell; None if they differ."""
    ours = [cell for cell in notebook.cells if cell.cell_type == "code"]
    theirs = [cell for cell in executed.cells if cell.cell_type == "code"]
    if [c.source for c in ours] != [c.source for c in theirs]:
        return None
    merged = copy.deepcopy(notebook)
    for cell, done in zip((c for c in merged.cells if c.cell_type == "code"), theirs, strict=True):
        cell.outputs = copy.deepcopy(done.get("outputs", []))
        cell.execution_count = done.get("execution_count")
    for key in ("kernelspec", "language_info"):
        if key in executed.metadata:
            merged.metadata[key] = copy.deepcopy(executed.metadata[key])
    return merged


def has_outputs(notebook: NotebookNode) -> bool:
    """Whether the notebook was run: a code cell has outputs or an execution count."""
    return any(
        cell.get("outputs") or cell.get("execution_count") is not None
        for cell in notebook.cells
        if cell.cell_type == "code"
    )


def _name(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
