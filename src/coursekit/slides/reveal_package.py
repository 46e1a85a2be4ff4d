"""Which files of reveal.js's npm package coursekit ships, and where a wheel keeps them.

Read by `runtime.py` (to find and copy them) and by the wheel's build hook in `setup.py`, which
loads this file on its own: it imports nothing, so a build needs none of coursekit's dependencies.
"""

from __future__ import annotations

# Beside this module in an installed wheel: reveal/package.json, reveal/LICENSE, reveal/dist/….
PACKAGED_FOLDER = "reveal"
# What a deck page loads from reveal.js's dist/ (highlighting happens at build time).
DIST_FILES = (
    "reset.css",
    "reveal.css",
    "reveal.js",
    "plugin/notes.js",
    "plugin/zoom.js",
    "plugin/search.js",
)
# package.json tells the version in use; the licence travels with the code.
PACKAGE_FILES = ("package.json", "LICENSE")


def shipped_files() -> list[str]:
    """Paths inside the npm package (`node_modules/reveal.js/`) that a wheel carries."""
    return [*PACKAGE_FILES, *(f"dist/{name}" for name in DIST_FILES)]
