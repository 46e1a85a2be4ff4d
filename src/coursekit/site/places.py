"""Where a lecture deck and a recitation notebook land inside a semester site.

Shared by `plan.py` (which places every deck and notebook of a semester), `render.py`
(handout and notebook pages) and `write.py` (deck files written after MkDocs). URLs are
site-relative.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeGuard

from coursekit.schedule.link import is_local, local_target

SLIDES_DIR = "slides"
RUNTIME_DIR = "slides/_reveal"
HANDOUTS_DIR = "handouts"


def is_deck(link: str | None) -> TypeGuard[str]:
    return link is not None and is_local(link) and local_target(link).endswith(".md")


def deck_key(source: str) -> str:
    """`lectures/01_intro/intro.md` → `01_intro/intro` (its folder under slides/, handouts/)."""
    path = PurePosixPath(source).with_suffix("")
    parts = path.parts[1:] if path.parts[:1] == ("lectures",) else path.parts
    return "/".join(parts)


@dataclass(frozen=True)
class DeckPlace:
    """Where one deck's outputs live inside a semester site (site-relative URLs), and what
    its page says of the offering: the schedule row it links back to (`session`, an id),
    the offering's title, and whether its speaker notes are `public` or `private` unless
    the deck's front matter says otherwise."""

    source: str
    session: str | None = None
    offering: str = ""
    notes: str = "public"  # or "private" (course.decks.notes)

    @property
    def key(self) -> str:
        return deck_key(self.source)

    @property
    def slides_url(self) -> str:
        return f"{SLIDES_DIR}/{self.key}/"

    @property
    def handout_docs(self) -> str:
        return f"{HANDOUTS_DIR}/{self.key}.md"

    @property
    def handout_url(self) -> str:
        return f"{HANDOUTS_DIR}/{self.key}/"

    @property
    def name(self) -> str:
        return PurePosixPath(self.key).name

    @property
    def pdf_url(self) -> str:
        return f"{self.slides_url}{self.name}.pdf"

    @property
    def md_url(self) -> str:
        return f"{self.slides_url}{self.name}.md"


@dataclass(frozen=True)
class NotebookPlace:
    """Where one notebook's page and executed .ipynb live inside a semester site; its
    solution version (`solution`) lives beside it as `<name>-solution`."""

    source: str
    variant: str = ""  # "" or "-solution"

    @property
    def solution(self) -> NotebookPlace:
        return NotebookPlace(self.source, "-solution")

    @property
    def docs(self) -> str:
        return f"{self._stem}.md"

    @property
    def url(self) -> str:
        return f"{self._stem}/"

    @property
    def ipynb_docs(self) -> str:
        return f"{self._stem}.ipynb"

    @property
    def _stem(self) -> str:
        return str(PurePosixPath(self.source).with_suffix("")) + self.variant
