"""`coursekit slides` run again on unchanged decks: the record of the last successful run.

`commands/slides.py` saves a `RunRecord` after writing and checks it first on the next run
(this module imports nothing of the slides engine, so checking costs only the stats):
when the options, every deck, file, folder and theme file it read, coursekit's own code and
every file it wrote are as they were (size and mtime), nothing is parsed, imported or written.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import coursekit

RECORD = "last-run.json"
FORMAT = 1


def _stat(path: str | Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def stats(paths: list[Path]) -> dict[str, list[int] | None]:
    """path → [mtime_ns, size], or None for a path that does not exist."""
    return {str(path): _stat(path) for path in paths}


def code_files() -> list[Path]:
    """coursekit's own files: a changed renderer or theme must render again."""
    package = Path(coursekit.__file__).parent
    return sorted(p for p in package.rglob("*") if p.suffix in (".py", ".css", ".html"))


@dataclass
class RunRecord:
    """What one successful run read (with its stats), wrote, and printed."""

    options: dict
    inputs: dict[str, list[int] | None] = field(default_factory=dict)
    outputs: dict[str, list[int] | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    summary: str = ""
    format: int = FORMAT
    python: str = sys.version

    def save(self, cache: Path) -> None:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f"{RECORD}.{os.getpid()}.part"
        partial.write_text(json.dumps(asdict(self)), encoding="utf-8")
        partial.replace(cache / RECORD)


def unchanged(cache: Path, options: dict) -> RunRecord | None:
    """The last run's record when rendering again would write exactly the same files."""
    try:
        data = json.loads((cache / RECORD).read_text(encoding="utf-8"))
        record = RunRecord(**data)
    except (OSError, ValueError, TypeError):
        return None
    if record.format != FORMAT or record.python != sys.version or record.options != options:
        return None
    for recorded in (record.inputs, record.outputs):
        if any(_stat(path) != stat for path, stat in recorded.items()):
            return None
    return record


def folders_under(base: Path) -> list[Path]:
    """Every folder under `base` (a new deck, image or theme file changes its folder's
    mtime), skipping hidden folders and node_modules as `find_decks` does."""
    found = [base]
    for current, dirs, _ in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        found += [Path(current) / d for d in dirs]
    return found
