"""Where a link from the schedule goes in a built semester site.

A URL stays as it is. A file of the course is published inside the semester site under its
repository path: a markdown file becomes a page (`assignments/I1.md` → `assignments/I1/`),
anything else is copied (`exams/midterm.pdf`). `plan.py` decides what is published and
resolves links with these two pure helpers.
"""

from __future__ import annotations

import posixpath


def page_url(docs_path: str) -> str:
    """MkDocs' directory URL of a docs file: `schedule.md` → `schedule/`, `index.md` → ``."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_href(target_url: str, from_url: str) -> str:
    """An href from the page at `from_url` to `target_url` (both site-relative)."""
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    href = posixpath.relpath(target_url or ".", start or ".")
    if target_url.endswith("/") and not href.endswith("/"):
        href += "/"
    return "./" if href == "./" or href == "." else href
