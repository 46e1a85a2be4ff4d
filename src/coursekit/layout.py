"""What a course repository holds: the files and folders coursekit reads.

The live preview watches them; tests and benchmarks copy them to build a course elsewhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# Everything a build reads; an edit to any of them changes the site.
SOURCES = ("schedule.yaml", "mkdocs.yml", "docs", "assignments", "lectures", "recitations")
# reveal.js comes from npm (package-lock.json pins it; `npm ci` installs node_modules/).
NPM = ("package.json", "package-lock.json")


def copy_course(source: Path, target: Path) -> Path:
    """Copy the course in `source` into `target` (created): its sources, its npm manifest, and
    node_modules as a symlink, so the copy builds without reinstalling reveal.js."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES + NPM:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, symlinks=True)
        elif path.exists():
            shutil.copy(path, target / name)
    if (source / "node_modules").is_dir():
        (target / "node_modules").symlink_to((source / "node_modules").resolve())
    return target
