"""Where a link from the schedule goes in a built semester site.

A URL stays as it is. A file of the course is published inside the semester site under its
repository path: a markdown file becomes a page (`assignments/I1.md` → `assignments/I1/`),
anything else is copied (`exams/midterm.pdf`). `Publisher` remembers what it has to publish;
`generate.py` writes it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.schedule.checks import is_local, local_target
from coursekit.site.places import DeckPlace, NotebookPlace


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


@dataclass
class Publisher:
    """Collects the course files a semester site links to, keyed by repository path."""

    pages: dict[str, str] = field(default_factory=dict)  # repo path → docs path (.md)
    files: dict[str, str] = field(default_factory=dict)  # repo path → docs path (copied)
    # Docs paths that generate.py writes itself, which a course file must not overwrite.
    reserved: set[str] = field(default_factory=set)
    decks: dict[str, DeckPlace] = field(default_factory=dict)  # repo path → place
    notebooks: dict[str, NotebookPlace] = field(default_factory=dict)
    pdf: bool = False  # whether deck PDFs are built (and so linked)
    as_of: dt.date = field(default_factory=dt.date.today)  # the day the site shows
    root: Path | None = None  # the course folder, to read assignment pages' release dates

    def withheld(self, release: dt.date | None) -> bool:
        """True while material released on `release` is not yet online."""
        return release is not None and release > self.as_of

    def page_release(self, link: str) -> dt.date | None:
        """An assignment page's `released` date, if the link names one."""
        if self.root is None or not is_local(link) or not local_target(link).endswith(".md"):
            return None
        from coursekit.schedule.assignments import read_assignment

        return read_assignment(self.root, local_target(link))[0].released

    def deck(self, link: str) -> DeckPlace:
        source = local_target(link)
        return self.decks.setdefault(source, DeckPlace(source))

    def notebook(self, link: str) -> NotebookPlace:
        source = local_target(link)
        return self.notebooks.setdefault(source, NotebookPlace(source))

    def href(self, link: str, from_url: str) -> str:
        """The href for `link` on the page whose URL is `from_url`."""
        if not is_local(link):
            return link
        target = local_target(link)
        anchor = link[len(target) :]
        docs_path = target
        if target.endswith(".md"):
            self.pages.setdefault(target, docs_path)
            url = page_url(docs_path)
        else:
            self.files.setdefault(target, docs_path)
            url = docs_path
        return relative_href(url, from_url) + anchor
