"""Which pages of the preview's site a rebuild changed, so that only those reload.

`coursekit serve` (commands/serve.py) takes a `snapshot` of the semester's folder before and
after each rebuild and hands `changed_pages` to the preview server's `reload()`. The writers
leave unchanged files untouched (write.py), so a changed stamp is a changed file.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

Snapshot = dict[str, tuple[int, int]]

# Files no open page shows (the search index is fetched when a reader searches, and read
# again on the next page): their change reloads nothing. Every other file but a page's own
# HTML (a stylesheet, a script, an image, a deck's embedded HTML) may show in any page.
SHOWN_NOWHERE = frozenset({".json", ".xml", ".gz", ".ics", ".md", ".ipynb", ".pdf", ".txt"})
PAGE_NAMES = frozenset({"index.html", "404.html"})


def snapshot(folder: Path, prefix: str) -> Snapshot:
    """(mtime, size) of every file below `folder` (a semester's), by its path in the site:
    `prefix` (the semester's folder name and a slash) and its path below `folder`."""
    found: Snapshot = {}
    _stat(folder, prefix, found)
    return found


def _stat(folder: Path, prefix: str, found: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # not built (yet)
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _stat(Path(entry.path), f"{prefix}{entry.name}/", found)
            continue
        stat = entry.stat(follow_symlinks=False)
        found[prefix + entry.name] = (stat.st_mtime_ns, stat.st_size)


def changed_pages(before: Snapshot, after: Snapshot) -> list[str] | None:
    """The pages (site-relative `index.html`/`404.html` files) that differ between the two
    snapshots; None when a file any page may show changed too (reload every page)."""
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    pages = []
    for path in sorted(changed):
        name = PurePosixPath(path)
        if name.name in PAGE_NAMES:
            pages.append(path)
        elif name.suffix.lower() not in SHOWN_NOWHERE:
            return None
    return pages
